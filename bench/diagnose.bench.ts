/**
 * Diagnose benchmark: a generated N-Mac snapshot (default 100,000; `npm run bench -- diagnose --macs=N`) diagnosed
 * from snapshot to JSON report as a whole process, against a baseline measured in the same run: a process that
 * only reads and JSON.parses the same page files (the I/O + parse floor any reader pays). Prints both times, peak
 * RSS, the ratio, and checks the findings against what the generator injected.
 */
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSnapshot } from './generate.js';
import { build, diagnoseTimed, timed } from './process.js';
import type { BenchResult } from './run.js';

const PARSE_FLOOR = `
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
let records = 0;
function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.json') && e.name !== 'truth.json') {
      const b = JSON.parse(readFileSync(p, 'utf8'));
      records += Array.isArray(b.value) ? b.value.length : Array.isArray(b.results) ? b.results.length : 1;
    }
  }
}
walk(process.argv[1]);
console.log(records);
`;

export default async function bench(args: string[]): Promise<BenchResult> {
  build();
  const arg = args.find((a) => a.startsWith('--macs='));
  const n = Number(arg?.slice(7) ?? process.env.JIDOCTOR_BENCH_MACS ?? 100_000);
  const dir = join(tmpdir(), 'jidoctor-bench', `snapshot-${n}`);
  const t0 = Date.now();
  const truth = await generateSnapshot(dir, n);
  console.log(`snapshot of ${n} Macs at ${dir} (${((Date.now() - t0) / 1000).toFixed(1)} s to generate or reuse)`);

  const floor = await timed([process.execPath, '-e', PARSE_FLOOR, dir]);
  const out = join(dir, '..', `report-${n}.json`);
  const ours = await diagnoseTimed(dir, out);
  const report = JSON.parse(await readFile(out, 'utf8')) as {
    findings: Array<{ checkId: string; subjects: Array<{ id: string }> }>;
  };
  const found = (id: string) => new Set(report.findings.filter((f) => f.checkId === id).map((f) => f.subjects[0]!.id));
  const same = (a: Set<string>, b: string[]) => a.size === b.length && b.every((x) => a.has(x));
  const agree = {
    intuneDuplicates: same(found('intune/duplicate-device-records'), truth.intuneDuplicates),
    staleCheckIns: same(found('jamf/check-in-overdue'), truth.staleCheckIns),
    entraMismatches: same(found('compliance/intune-entra-mismatch'), truth.entraMismatches),
  };
  const ratio = ours.seconds / floor.seconds;
  console.log(`| Macs | diagnose (s) | peak RSS (MiB) | read+parse floor (s) | floor RSS (MiB) | ratio | Macs/s |`);
  console.log(`|---:|---:|---:|---:|---:|---:|---:|`);
  console.log(
    `| ${n} | ${ours.seconds.toFixed(2)} | ${ours.maxRssMiB.toFixed(0)} | ${floor.seconds.toFixed(2)} | ${floor.maxRssMiB.toFixed(0)} | ${ratio.toFixed(2)} | ${Math.round(n / ours.seconds)} |`,
  );
  console.log(`findings agree with the injected problems: ${JSON.stringify(agree)}`);
  return {
    name: 'diagnose',
    figures: {
      macs: n,
      diagnoseSeconds: ours.seconds,
      diagnosePeakRssMiB: ours.maxRssMiB,
      floorSeconds: floor.seconds,
      floorPeakRssMiB: floor.maxRssMiB,
      ratio,
      agree,
    },
  };
}
