/**
 * JSON report benchmark (`npm run bench -- json-report [--macs=N] [--runs=N]`, default 100,000 Macs, 5 runs): the
 * report of the generated snapshot (bench/generate.ts, reused from the scale benchmark's folder) written to a file
 * the way `diagnose --format json --output FILE` writes it: streamed (cli/output.ts emitJson: chunks rendered,
 * redacted and written while the next is rendered) against the baseline measured in the same run, the whole-text
 * path it replaced (renderJson, redact() of the whole text, one writeFile). Runs alternate; medians are compared,
 * and the two files are checked to be the same bytes. `--repeat=K` writes a report whose findings are the snapshot's
 * repeated K times (fingerprints made distinct), to see a 1M-sized report (~91 MB: --repeat=10 at 100k) without
 * reading a 1M snapshot. The baseline's phases (render, redact, writeFile) are timed apart once for reference.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emit, emitJson } from '../src/cli/output.js';
import { diagnoseSnapshot } from '../src/diagnose.js';
import { redact } from '../src/redact.js';
import { JSON_CHUNK_CHARS, renderJson } from '../src/report/json.js';
import { generateSnapshot } from './generate.js';
import type { BenchResult } from './run.js';

const arg = (args: string[], name: string, dflt: number) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : dflt;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function bench(args: string[]): Promise<BenchResult> {
  const n = arg(args, 'macs', 100_000);
  const runs = arg(args, 'runs', 5);
  const snap = join(tmpdir(), 'jidoctor-bench', `snapshot-${n}`);
  await generateSnapshot(snap, n);
  const repeat = arg(args, 'repeat', 1);
  const chunk = arg(args, 'chunk', JSON_CHUNK_CHARS);
  const { report } = await diagnoseSnapshot(snap, { generatedAt: 0 });
  if (repeat > 1) {
    const one = report.findings;
    report.findings = [];
    for (let k = 0; k < repeat; k++)
      for (const f of one) report.findings.push({ ...f, fingerprint: `${f.fingerprint}-${k}` });
  }
  const out = await mkdtemp(join(tmpdir(), 'jidoctor-bench-json-'));
  const whole: number[] = [];
  const streamed: number[] = [];
  try {
    const time = async (file: string, write: () => Promise<void>) => {
      await rm(file, { force: true });
      const t0 = performance.now();
      await write();
      return (performance.now() - t0) / 1000;
    };
    for (let r = 0; r < runs; r++) {
      whole.push(await time(join(out, 'whole.json'), () => emit(renderJson(report), join(out, 'whole.json'))));
      streamed.push(await time(join(out, 'streamed.json'), () => emitJson(report, join(out, 'streamed.json'), chunk)));
    }
    const file = join(out, 'phases.json');
    await rm(file, { force: true });
    const t0 = performance.now();
    const text = renderJson(report);
    const t1 = performance.now();
    const safe = redact(text);
    const t2 = performance.now();
    await writeFile(file, safe);
    const t3 = performance.now();
    const phases = { render: (t1 - t0) / 1000, redact: (t2 - t1) / 1000, write: (t3 - t2) / 1000 };
    const [a, b] = await Promise.all([readFile(join(out, 'whole.json')), readFile(join(out, 'streamed.json'))]);
    const same = a.equals(b);
    const mb = (await stat(join(out, 'whole.json'))).size / 1e6;
    const ratio = median(streamed) / median(whole);
    console.log(
      `${n} Macs, ${report.findings.length} findings, ${mb.toFixed(1)} MB of JSON, ${runs} runs each, same bytes: ${same ? 'yes' : 'NO'}`,
    );
    console.log(
      `  whole text (render, redact, writeFile): median ${median(whole).toFixed(3)} s [${whole.map((x) => x.toFixed(3)).join(' ')}]`,
    );
    console.log(
      `  streamed (emitJson):                    median ${median(streamed).toFixed(3)} s [${streamed.map((x) => x.toFixed(3)).join(' ')}]`,
    );
    console.log(
      `  the baseline's phases, once: render ${phases.render.toFixed(3)} s, redact ${phases.redact.toFixed(3)} s, writeFile ${phases.write.toFixed(3)} s`,
    );
    console.log(`  ratio streamed/whole: ${ratio.toFixed(2)}`);
    if (!same) process.exitCode = 1;
    return {
      name: 'json-report',
      figures: {
        macs: n,
        repeat,
        phases,
        findings: report.findings.length,
        mb,
        runs,
        whole,
        streamed,
        ratio,
        sameBytes: same,
      },
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
