/**
 * Log scan benchmark: a generated mixed log (default 1 GiB; `npm run bench -- logs --log-mb=N` or
 * JIDOCTOR_BENCH_LOG_MB=N for a quick run) scanned by our streaming scanner against `grep -F -c -f anchors` on the
 * same file in the same run (LC_ALL=C, the fastest grep). Both run warm (the file is read once first), best of
 * two. Prints MB/s of each, the ratio (target: ours >= 0.25 x grep), and the peak RSS of our scan on the full
 * file and on an 8 MiB file (memory must not grow with the file). The file lives in os.tmpdir() and is reused.
 */
import { execFile } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../src/logs/scan.js';
import { SIGNATURES } from '../src/logs/signatures.js';
import type { BenchResult } from './run.js';

const ROOT = join(import.meta.dirname, '..');
const DIR = join(tmpdir(), 'jidoctor-bench-logs');

function sizeMiB(args: string[]): number {
  const arg = args.find((a) => a.startsWith('--log-mb='));
  const v = Number(arg ? arg.slice('--log-mb='.length) : (process.env.JIDOCTOR_BENCH_LOG_MB ?? 1024));
  if (!Number.isFinite(v) || v < 1) throw new Error(`--log-mb: expected a size in MiB, found ${v}`);
  return Math.floor(v);
}

/** A deterministic mix of jamf.log, Company Portal and unified-log lines, with a signature line now and then. */
function block(seed: number): string {
  let x = seed >>> 0 || 1;
  const rnd = (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const msgs = [
    'No patch policies were found.',
    'Checking for patches...',
    'Executing Policy Inventory Update',
    'Removing existing launchd task /Library/LaunchDaemons/com.jamfsoftware.task.bgrecon.plist...',
    'Submitting log to https://contoso.jamfcloud.com/',
    '2025-03-03 09:40:12.118 INFO com.microsoft.ssp.application TID=1 AppDelegate.swift: 88 (start()) Application started',
    '2025-03-03 09:43:01.512 Df Jamf Conditional Access[61877:3a1f20] [com.jamf.management.jamfAAD:jamfAAD] Refreshing token',
    '2025-08-30 17:18:28.307 | workplaceJoin | 22168 | WorkplaceJoinStateManager.swift: 174 (refreshWorkplaceJoinState()) | Refreshing WPJ State',
  ];
  const rare = SIGNATURES.map((s) => s.text);
  const lines: string[] = [];
  let size = 0;
  while (size < 4 << 20) {
    const m = months[rnd(12)]!;
    const head = `${days[rnd(7)]} ${m} ${String(1 + rnd(28)).padStart(2, ' ')} ${String(rnd(24)).padStart(2, '0')}:${String(rnd(60)).padStart(2, '0')}:${String(rnd(60)).padStart(2, '0')} LON-MBP-${String(rnd(9999)).padStart(4, '0')} jamf[${rnd(99999)}]: `;
    const msg = rnd(2000) === 0 ? rare[rnd(rare.length)]! : msgs[rnd(msgs.length)]!;
    const line = `${head}${msg} ${rnd(1e9).toString(36)}\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

function ensureFile(mib: number): string {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `mixed-${mib}MiB.log`);
  if (existsSync(file) && statSync(file).size >= mib * 2 ** 20) return file;
  const fd = openSync(file, 'w');
  let written = 0;
  let i = 0;
  const blocks = [block(1), block(2), block(3), block(4)].map((b) => Buffer.from(b));
  while (written < mib * 2 ** 20) {
    const b = blocks[i++ % blocks.length]!;
    writeSync(fd, b);
    written += b.length;
  }
  closeSync(fd);
  return file;
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      // grep -c exits 1 when nothing matched; that is not an error here.
      if (err && !(cmd === 'grep' && (err as { code?: number }).code === 1))
        return reject(new Error(`${cmd} ${args.join(' ')}: ${String(stderr).slice(-300)}`));
      resolve(String(stdout));
    });
  });
}

async function timeGrep(patterns: string, file: string): Promise<{ ms: number; count: number }> {
  const t0 = process.hrtime.bigint();
  const out = await run('grep', ['-F', '-c', '-f', patterns, file], { LC_ALL: 'C' });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, count: Number(out.trim()) };
}

interface Child {
  ms: number;
  bytes: number;
  lines: number;
  family: string;
  hitLines: number;
  maxRssMiB: number;
  rssBeforeMiB: number;
}

async function ours(file: string): Promise<Child> {
  const out = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'logs-scan-child.ts'), file]);
  return JSON.parse(out) as Child;
}

export default async function bench(args: string[]): Promise<BenchResult> {
  const mib = sizeMiB(args);
  const file = ensureFile(mib);
  const small = ensureFile(8);
  const bytes = statSync(file).size;
  const anchors = [...new Set(compile(SIGNATURES, 'jamf').map((c) => c.anchor.toString('utf8')))];
  const patterns = join(DIR, 'anchors.txt');
  writeFileSync(patterns, `${anchors.join('\n')}\n`);
  // Warm the page cache.
  await new Promise<void>((resolve, reject) => {
    createReadStream(file, { highWaterMark: 1 << 22 })
      .on('data', () => {})
      .on('end', resolve)
      .on('error', reject);
  });
  const g1 = await timeGrep(patterns, file);
  const o1 = await ours(file);
  const g2 = await timeGrep(patterns, file);
  const o2 = await ours(file);
  const grep = g1.ms <= g2.ms ? g1 : g2;
  const me = o1.ms <= o2.ms ? o1 : o2;
  const smallRun = await ours(small);
  const mbps = (ms: number) => bytes / 2 ** 20 / (ms / 1000);
  const ratio = mbps(me.ms) / mbps(grep.ms);
  console.log(`file: ${file} (${(bytes / 2 ** 20).toFixed(0)} MiB, ${me.lines} lines, family ${me.family})`);
  console.log(`anchors: ${anchors.length} literals (grep -F -c -f, LC_ALL=C)`);
  console.log(
    `grep:  ${mbps(grep.ms).toFixed(0)} MiB/s (${(grep.ms / 1000).toFixed(2)} s, ${grep.count} matching lines)`,
  );
  console.log(
    `ours:  ${mbps(me.ms).toFixed(0)} MiB/s (${(me.ms / 1000).toFixed(2)} s, ${me.hitLines} confirmed signature lines)`,
  );
  console.log(
    `agreement: ${grep.count === me.hitLines ? 'grep and ours find the same lines' : `DIFFERENT (grep ${grep.count}, ours ${me.hitLines})`}`,
  );
  console.log(`ratio: ours / grep = ${ratio.toFixed(2)} (target >= 0.25) ${ratio >= 0.25 ? 'OK' : 'BELOW TARGET'}`);
  console.log(
    `peak RSS of our scan: ${me.maxRssMiB.toFixed(0)} MiB on ${(bytes / 2 ** 20).toFixed(0)} MiB, ${smallRun.maxRssMiB.toFixed(0)} MiB on 8 MiB (process at start: ${me.rssBeforeMiB.toFixed(0)} MiB)`,
  );
  return {
    name: 'logs',
    figures: {
      fileMiB: bytes / 2 ** 20,
      lines: me.lines,
      anchors: anchors.length,
      grepMiBps: mbps(grep.ms),
      oursMiBps: mbps(me.ms),
      ratio,
      grepMatchingLines: grep.count,
      oursSignatureLines: me.hitLines,
      peakRssMiB: me.maxRssMiB,
      peakRssSmallMiB: smallRun.maxRssMiB,
    },
  };
}
