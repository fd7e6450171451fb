/**
 * Scale benchmark (issue 6): for 10k, 100k and 1M Macs (`--sizes=10000,100000`), our `diagnose` from snapshot to
 * JSON report against a DuckDB baseline (bench/duckdb-baseline.ts) that reads the same page files with read_json
 * and computes the same three core results in SQL — both as whole processes, in the same run. Compares the Macs
 * found, prints the ratio ours/DuckDB and the scaling, and writes the table as JSON.
 */
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativeAddon, scannerName } from '../src/snapshot/native.js';
import { AS_OF, generateSnapshot } from './generate.js';
import { build, diagnoseTimed, ROOT, timed } from './process.js';
import type { BenchResult } from './run.js';

type Sets = Record<'intuneDuplicates' | 'staleCheckIns' | 'entraMismatches', string[]>;
const CHECK_OF: Record<keyof Sets, string> = {
  intuneDuplicates: 'intune/duplicate-device-records',
  staleCheckIns: 'jamf/check-in-overdue',
  entraMismatches: 'compliance/intune-entra-mismatch',
};

export default async function bench(args: string[]): Promise<BenchResult> {
  build();
  const sizesArg = args.find((a) => a.startsWith('--sizes='));
  const sizes = (sizesArg?.slice(8) ?? process.env.JIDOCTOR_BENCH_SIZES ?? '10000,100000,1000000')
    .split(',')
    .map(Number);
  const rows: Array<Record<string, number | string | boolean>> = [];
  // With the native addon built, ours runs twice: with it (the figures) and without it (JIDOCTOR_NATIVE=0, the
  // JavaScript scanner), and the two reports must hold the same findings.
  const native = nativeAddon() !== null;
  console.log(`page scanner: ${scannerName()}`);
  for (const n of sizes) {
    const dir = join(tmpdir(), 'jidoctor-bench', `snapshot-${n}`);
    const t0 = Date.now();
    const truth = await generateSnapshot(dir, n);
    console.log(`snapshot of ${n} Macs ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${dir})`);
    const out = join(dir, '..', `report-${n}.json`);
    const ours = await diagnoseTimed(dir, out);
    const outJs = join(dir, '..', `report-${n}-js.json`);
    const oursJs = native ? await diagnoseTimed(dir, outJs, { JIDOCTOR_NATIVE: '0' }) : null;
    const duck = await timed([
      process.execPath,
      '--import',
      'tsx',
      join(ROOT, 'bench', 'duckdb-baseline.ts'),
      dir,
      AS_OF,
    ]);
    const duckSets = JSON.parse(duck.stdout) as Sets;
    const report = JSON.parse(await readFile(out, 'utf8')) as {
      findings: Array<{ checkId: string; subjects: Array<{ id: string }> }>;
    };
    const agree: Record<string, boolean> = {};
    if (oursJs) {
      const js = JSON.parse(await readFile(outJs, 'utf8')) as typeof report;
      agree.nativeEqualsJavascript = JSON.stringify(js.findings) === JSON.stringify(report.findings);
    }
    for (const key of Object.keys(CHECK_OF) as Array<keyof Sets>) {
      const mine = new Set(report.findings.filter((f) => f.checkId === CHECK_OF[key]).map((f) => f.subjects[0]!.id));
      const theirs = new Set(duckSets[key]);
      agree[key] =
        mine.size === theirs.size && [...theirs].every((s) => mine.has(s)) && theirs.size === truth[key].length;
    }
    const row = {
      macs: n,
      oursSeconds: ours.seconds,
      oursPeakRssMiB: Math.round(ours.maxRssMiB),
      duckdbSeconds: duck.seconds,
      duckdbPeakRssMiB: Math.round(duck.maxRssMiB),
      ratio: Number((ours.seconds / duck.seconds).toFixed(2)),
      macsPerSecond: Math.round(n / ours.seconds),
      sameFindings: Object.values(agree).every(Boolean),
      ...(oursJs
        ? {
            oursJsScannerSeconds: oursJs.seconds,
            oursJsScannerPeakRssMiB: Math.round(oursJs.maxRssMiB),
            nativeSpeedup: Number((oursJs.seconds / ours.seconds).toFixed(2)),
          }
        : {}),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  console.log(
    '\n| Macs | ours (s) | ours peak RSS (MiB) | DuckDB (s) | DuckDB peak RSS (MiB) | ratio ours/DuckDB | Macs/s | same Macs found | ours, JS scanner (s) |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|:---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.macs} | ${r.oursSeconds} | ${r.oursPeakRssMiB} | ${r.duckdbSeconds} | ${r.duckdbPeakRssMiB} | ${r.ratio} | ${r.macsPerSecond} | ${r.sameFindings ? 'yes' : 'NO'} | ${r.oursJsScannerSeconds ?? '—'} |`,
    );
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  const scaling: Record<string, number> = {};
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    scaling[`${b.macs}/${a.macs}`] = Number(((b.oursSeconds as number) / (a.oursSeconds as number)).toFixed(2));
  }
  if (first && last && first !== last)
    console.log(`scaling of our time: ${JSON.stringify(scaling)} (linear would be the size ratio)`);
  return { name: 'scale', figures: { rows, scaling } };
}
