/**
 * Scanner benchmark: the projecting byte scanner (src/snapshot/scan.ts) over every page file of a generated
 * snapshot (default 100,000 Macs; `npm run bench -- scan --macs=N`), against the baseline measured in the same
 * run on the same bytes: UTF-8 decoding + JSON.parse, which is what the slow path pays before it even validates or
 * reduces a record. In-thread, both are timed page by page, interleaved (file reads are not timed); then the
 * ScanPool with two workers scans every page, reading the files itself, and its wall-clock throughput is compared
 * with the in-thread JSON.parse rate. Pages the scanner refuses (null) are counted: for generated data there must
 * be none. The scanner runs from the build (dist/), as the CLI runs it: code loaded through tsx runs slower.
 * Where the native addon is built (native/scan.cc), its in-thread rate is timed on the same pages too, and the pool
 * runs it (the workers try it first, as the reader does).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { KindName } from '../src/snapshot/kinds.js';
import { generateSnapshot } from './generate.js';
import { build } from './process.js';
import type { BenchResult } from './run.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const FOLDERS: Array<[KindName, string]> = [
  ['computers', 'jamf/api/v1/computers-inventory'],
  ['managedDevices', 'graph/v1.0/deviceManagement/managedDevices'],
  ['devices', 'graph/v1.0/devices'],
  ['users', 'graph/v1.0/users'],
];

const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

export default async function bench(args: string[]): Promise<BenchResult> {
  const arg = args.find((a) => a.startsWith('--macs='));
  const n = Number(arg?.slice(7) ?? process.env.JIDOCTOR_BENCH_MACS ?? 100_000);
  const dir = join(tmpdir(), 'jidoctor-bench', `snapshot-${n}`);
  await generateSnapshot(dir, n);
  build();
  const dist = (p: string) => pathToFileURL(join(ROOT, 'dist', 'src', 'snapshot', p)).href;
  const { scanPage } = (await import(dist('scan.js'))) as typeof import('../src/snapshot/scan.js');
  const { ScanPool } = (await import(dist('scan-pool.js'))) as typeof import('../src/snapshot/scan-pool.js');
  const { scanPageNative, nativeAddon, scannerName } = (await import(
    dist('native.js')
  )) as typeof import('../src/snapshot/native.js');
  const native = nativeAddon() !== null;
  console.log(`pool scanner: ${scannerName()}`);
  const pages = (rel: string) =>
    readdirSync(join(dir, rel))
      .filter((f) => /^page-\d+\.json$/.test(f))
      .sort()
      .map((f) => join(dir, rel, f));

  // The pool first (before the in-thread JSON.parse garbage keeps the collector busy): two workers, each reading
  // and scanning whole page files; per kind, then everything at once.
  const pool = new ScanPool(2);
  const poolRate: Record<string, number> = {};
  let poolAll = 0;
  try {
    const run = async (files: Array<[string, KindName]>): Promise<number> => {
      const t = performance.now();
      let next = 0;
      const lane = async () => {
        while (next < files.length) {
          const [f, kind] = files[next++]!;
          const page = await pool.scan(f, kind, 1);
          if (!page) throw new Error(`${f}: refused by the scanner`);
        }
      };
      await Promise.all([lane(), lane(), lane(), lane()]);
      return performance.now() - t;
    };
    // Warm-up: each worker compiles the scanner on its own.
    const some = FOLDERS.flatMap(([kind, rel]) =>
      pages(rel)
        .slice(0, 10)
        .map((f): [string, KindName] => [f, kind]),
    );
    await run(some);
    await run(some);
    let total = 0;
    for (const [kind, rel] of FOLDERS) {
      const size = pages(rel).reduce((sum, f) => sum + statSync(f).size, 0);
      total += size;
      const ms = await run(pages(rel).map((f) => [f, kind]));
      poolRate[kind] = mbps(size, ms);
    }
    const ms = await run(FOLDERS.flatMap(([kind, rel]) => pages(rel).map((f): [string, KindName] => [f, kind])));
    poolAll = mbps(total, ms);
  } finally {
    await pool.close();
  }

  // In-thread: warm both paths up on a few pages of each kind.
  for (const [kind, rel] of FOLDERS) {
    for (const f of pages(rel).slice(0, 5)) {
      const bytes = readFileSync(f);
      scanPage(bytes, kind, 1);
      if (native) scanPageNative(bytes, kind);
      JSON.parse(bytes.toString('utf8'));
    }
  }

  const rows: Array<Record<string, number | string>> = [];
  let allBytes = 0;
  let allScan = 0;
  let allJson = 0;
  let allNative = 0;
  let refused = 0;
  let nativeRefused = 0;
  for (const [kind, rel] of FOLDERS) {
    let bytes = 0;
    let scanMs = 0;
    let jsonMs = 0;
    let nativeMs = 0;
    let records = 0;
    let nulls = 0;
    let nativeNulls = 0;
    for (const f of pages(rel)) {
      const buf = readFileSync(f);
      bytes += buf.length;
      let t = performance.now();
      const page = scanPage(buf, kind, 1);
      scanMs += performance.now() - t;
      t = performance.now();
      JSON.parse(buf.toString('utf8'));
      jsonMs += performance.now() - t;
      if (native) {
        t = performance.now();
        if (!scanPageNative(buf, kind)) nativeNulls++;
        nativeMs += performance.now() - t;
      }
      if (page) records += page.n;
      else nulls++;
    }
    allBytes += bytes;
    allScan += scanMs;
    allJson += jsonMs;
    allNative += nativeMs;
    refused += nulls;
    nativeRefused += nativeNulls;
    rows.push({
      kind,
      mb: bytes / 1e6,
      records,
      nulls,
      scan: mbps(bytes, scanMs),
      json: mbps(bytes, jsonMs),
      native: native ? mbps(bytes, nativeMs) : 0,
      pool: poolRate[kind]!,
    });
  }

  console.log(`snapshot of ${n} Macs at ${dir}: ${(allBytes / 1e6).toFixed(0)} MB of page files`);
  console.log(
    '| dataset | MB | records | scan MB/s | JSON.parse MB/s | scan / JSON.parse | native MB/s | native / JSON.parse | pool (2 workers) MB/s | pool / JSON.parse |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const nat = (mb: number, json: number) => (native ? `${mb.toFixed(0)} | ${(mb / json).toFixed(2)}` : '— | —');
  for (const r of rows) {
    console.log(
      `| ${r.kind} | ${(r.mb as number).toFixed(0)} | ${r.records} | ${(r.scan as number).toFixed(0)} | ${(r.json as number).toFixed(0)} | ${((r.scan as number) / (r.json as number)).toFixed(2)} | ${nat(r.native as number, r.json as number)} | ${(r.pool as number).toFixed(0)} | ${((r.pool as number) / (r.json as number)).toFixed(2)} |`,
    );
  }
  const scanAll = mbps(allBytes, allScan);
  const jsonAll = mbps(allBytes, allJson);
  const nativeAll = native ? mbps(allBytes, allNative) : 0;
  console.log(
    `| all | ${(allBytes / 1e6).toFixed(0)} | | ${scanAll.toFixed(0)} | ${jsonAll.toFixed(0)} | ${(scanAll / jsonAll).toFixed(2)} | ${nat(nativeAll, jsonAll)} | ${poolAll.toFixed(0)} | ${(poolAll / jsonAll).toFixed(2)} |`,
  );
  console.log(`pages refused by the scanner (read by the slow path instead): ${refused}`);
  if (native)
    console.log(`pages refused by the native scanner (read by the JavaScript scanner instead): ${nativeRefused}`);
  return {
    name: 'scan',
    figures: {
      macs: n,
      mb: allBytes / 1e6,
      rows,
      scanAll,
      jsonAll,
      nativeAll,
      poolAll,
      ratio: scanAll / jsonAll,
      nativeRatio: native ? nativeAll / jsonAll : null,
      refused,
      nativeRefused,
    },
  };
}
