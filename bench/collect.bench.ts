/**
 * Collection benchmark (issue 16): the real collector (MSAL included) against `jidoctor sim` in its own process (so
 * its CPU does not count against the collector), with 50 ms latency on every request, on the issue's mixed tenant:
 * 20,000 Macs, 300,000 other Intune devices (Windows PCs, iPhones, Android phones, also in Entra), 80,000 Entra-only
 * devices (registered, not managed: 400,000 Entra devices in all), 200,000 users; scenario `legacy` (every problem
 * of the legacy catalogue injected on its own Mac, so that the diagnoses compared have findings).
 *
 * Each run collects with every variant into a folder of its own, the order alternating between runs; run 1 also
 * diagnoses every snapshot in process (the library's diagnoseSnapshot, as `diagnose --snapshot` does) and compares
 * each Mac's findings with the baseline's. After the runs, a filtered collection from a second simulator (same
 * seed, same tenant) under the seeded fault mix of docs/live-collection.md. Prints requests, bytes received, wall
 * time, collector CPU and retries; the Macs' own bytes, minimum requests and latency-bound wall time; the ratios
 * against the issue's targets with the spread over the runs and PASS/MISS; which datasets are not complete and why.
 *
 * Flags: --runs=N (3) --scale=F (1: the issue's sizes; 0.2 for a fifth) --macs=N --non-mac=N --entra-only=N
 * --extra-users=N --latency=MS (50) --scenario=NAME (legacy) --no-faults.
 *
 * A new row (a delta re-collection, batched users…) is one more entry of VARIANTS: a name and a function that runs a
 * collection into `ctx.outDir` and returns the collector's result; `ctx.previous` has the folders that the variants
 * before it wrote in the same run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScenario, type FaultPlan } from '../sim/index.js';
import { type CollectResult, collectToSnapshot } from '../src/collect/collect.js';
import type { LiveConfig } from '../src/collect/config.js';
import { diagnoseSnapshot } from '../src/diagnose.js';
import { minimumRequests, minimumRounds } from '../test/e2e/minimum.js';
import {
  bytesByDataset,
  type DiagnosisKey,
  diagnosisDiff,
  diagnosisKey,
  incompleteOf,
  macRecords,
  macsOnly,
  macsOwnBytes,
  spread,
  verdict,
} from './collect-figures.js';
import type { BenchResult } from './run.js';

/** What a variant gets: the simulator's configuration, its own empty folder, the folders written before it. */
export interface VariantContext {
  config: LiveConfig;
  outDir: string;
  /** Folders written earlier in the same run, by variant name (e.g. the previous snapshot of a delta). */
  previous: ReadonlyMap<string, string>;
  /** A command to the running simulator (sim/control.ts: `touch FRACTION SEED`), answered with its `# ` line. */
  command(line: string): Promise<string>;
  /** The run's number (1…). */
  run: number;
  /** CPU time the simulator's processes have used so far (ms; null off Linux). */
  simCpuMs(): Promise<number | null>;
}

/** One way of collecting: a row of the table. */
export interface Variant {
  name: string;
  /** Whether the issue's targets apply to it (the ratios are printed for every variant). */
  targets: boolean;
  /**
   * Variants whose folders it reads (`ctx.previous`): it runs after them. Variants that need none alternate their
   * order from run to run; those that need some follow, in the order of VARIANTS.
   */
  needs?: string[];
  /** Untimed preparation (e.g. changing 1 % of the tenant before a delta re-collection). */
  prepare?(ctx: VariantContext): Promise<void>;
  /** Timed: one collection into `ctx.outDir`. */
  run(ctx: VariantContext): Promise<CollectResult>;
  /** The variant whose diagnosis its own must equal (default the baseline, VARIANTS[0]); null: not compared. */
  sameDiagnosisAs?: string | null;
}

const DELTA = 'delta (--since), 1 % changed';
/** The requests that carry Entra devices and users: their reads, delta rounds, look-ups ($batch) and fills by id. */
const ENTRA_PATHS = /^\/v1\.0\/((devices|users)(\/delta)?|\$batch)$/;
const AFTER = 'filtered, after the change';

/** The baseline first: the other variants' diagnoses are compared with its. */
export const VARIANTS: Variant[] = [
  {
    name: '--full (baseline)',
    targets: false,
    run: (ctx) => collectToSnapshot({ config: ctx.config, outDir: ctx.outDir, full: true }),
  },
  {
    name: 'filtered',
    targets: true,
    run: (ctx) => collectToSnapshot({ config: ctx.config, outDir: ctx.outDir }),
  },
  // A delta re-collection from the filtered snapshot, after 1 % of the Entra devices and users changed (untimed:
  // the simulator's `touch`), then a filtered collection of the changed tenant: the delta's diagnosis must equal it.
  {
    name: DELTA,
    targets: false,
    needs: ['filtered'],
    sameDiagnosisAs: AFTER,
    async prepare(ctx) {
      const answer = await ctx.command(`touch 0.01 ${1000 + ctx.run}`);
      if (!answer.startsWith('# touched')) throw new Error(`the simulator did not change the tenant: ${answer}`);
    },
    run: (ctx) => collectToSnapshot({ config: ctx.config, outDir: ctx.outDir, since: ctx.previous.get('filtered')! }),
  },
  {
    name: AFTER,
    targets: true,
    needs: [DELTA],
    sameDiagnosisAs: null,
    run: (ctx) => collectToSnapshot({ config: ctx.config, outDir: ctx.outDir }),
  },
];

/** The fault mix of docs/live-collection.md ("The simulator"), seeded: 429 with Retry-After, 503, resets, truncated bodies. */
export const FAULT_MIX: FaultPlan = {
  seed: 1,
  rules: [
    { route: 'GET /v1\\.0/devices', rate429: 0.2, retryAfter: 2 },
    { route: '/api/v\\d/computers-inventory', nth: [2], nthKind: 'reset' },
    { route: '.', rate503: 0.05, rateReset: 0.02, rateTruncate: 0.02 },
  ],
};

/** The issue's targets. */
const TARGET = { bytes: 1.5, requests: 1.2, wall: 1.3 };

interface Measured {
  variant: string;
  run: number;
  dir: string;
  requests: number;
  bytes: number;
  wallMs: number;
  cpuMs: number;
  /** CPU the simulator spent serving the collection (ms; null off Linux): what a real service does on its own hosts. */
  simCpuMs: number | null;
  retries: number;
  reasons: Record<string, number>;
  /** Bytes received for Entra devices and users (their reads, look-ups, delta rounds and fills by id). */
  entraBytes: number;
  /** Datasets not complete, with their reasons. */
  incomplete: string[];
  /** Datasets skipped on purpose, with their reasons. */
  skipped: string[];
}

const flag = (args: string[], name: string): string | undefined =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

export default async function bench(args: string[]): Promise<BenchResult> {
  const num = (name: string, def: number): number => {
    const v = flag(args, name);
    const n = v === undefined ? def : Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}=${v}: expected a number ≥ 0`);
    return n;
  };
  const scale = num('scale', 1);
  const size = (name: string, def: number) => Math.round(num(name, def * scale));
  const macs = size('macs', 20_000);
  const nonMac = size('non-mac', 300_000);
  const entraOnly = size('entra-only', 80_000);
  const extraUsers = size('extra-users', 180_000);
  const latency = num('latency', 50);
  const runs = Math.max(1, Math.round(num('runs', 3)));
  const scenario = flag(args, 'scenario') ?? 'legacy';
  const faults = !args.includes('--no-faults');
  const load0 = loadavg();
  const started = Date.now();
  console.log(
    `machine load (1, 5, 15 min) at start: ${load0.map((x) => x.toFixed(2)).join(', ')}; ${runs} run(s), scale ${scale}`,
  );

  const simArgs = [
    '--scenario',
    scenario,
    '--macs',
    String(macs),
    '--seed',
    '42',
    '--latency',
    String(latency),
    '--non-mac-devices',
    String(nonMac),
    '--entra-only-devices',
    String(entraOnly),
    '--extra-users',
    String(extraUsers),
  ];
  const work = await mkdtemp(join(tmpdir(), 'jidoctor-bench-'));
  // The simulator generates its tenant while this process generates the same one (same seed) for the minimums.
  const simStarted = Date.now();
  const simReady = startSim(simArgs);
  const g0 = Date.now();
  const built = buildScenario(scenario, {
    seed: 42,
    macs,
    otherDevices: nonMac,
    entraOnlyDevices: entraOnly,
    extraUsers,
  });
  if (!built) throw new Error(`--scenario=${scenario}: no such scenario`);
  const generateMs = Date.now() - g0;
  const tenant = built.tenant;
  const counts = {
    macs: tenant.jamf.computers.length,
    intune: tenant.graph.managedDevices.length,
    entra: tenant.graph.devices.length,
    users: tenant.graph.users.length,
  };
  const own = macRecords(tenant);
  const mine = macsOnly(tenant, own);
  const auth = 2; // one Entra token, one Jamf token
  const minReq = minimumRequests(mine);
  const minimumForMacs = minReq.graph + minReq.jamf + auth;
  const rounds = minimumRounds(mine);
  const criticalRounds = Math.max(rounds.graph, rounds.jamf);
  const latencyBoundMs = criticalRounds * latency;
  const minWhole = minimumRequests(tenant);
  const sim = await simReady;
  const simReadyMs = Date.now() - simStarted;
  console.log(
    `tenant: ${counts.macs} Macs; Intune ${counts.intune} devices, Entra ${counts.entra} devices, ${counts.users} users (${own.intune.size} Intune records, ${own.entra.size} Entra devices and ${own.users.size} users are the Macs' own); ${latency} ms per request; scenario ${scenario}`,
  );
  console.log(
    `generated in ${(generateMs / 1000).toFixed(1)} s here; the simulator (its own process, generating the same tenant meanwhile) was serving after ${(simReadyMs / 1000).toFixed(1)} s`,
  );

  const measured: Measured[] = [];
  const keys = new Map<string, DiagnosisKey>();
  const diagnosisLines: string[] = [];
  let ownBytes: Awaited<ReturnType<typeof macsOwnBytes>> | null = null;
  let chainMs = 0;
  let simPeakMb: number | null = null;
  /** Run 1's snapshots: bytes and files by dataset. */
  const where = new Map<string, Map<string, { bytes: number; files: number }>>();
  try {
    // A chain of as many sequential requests as the Macs' latency-bound minimum, measured against this simulator.
    const c0 = performance.now();
    for (let i = 0; i < criticalRounds; i++)
      await (await fetch(`${sim.jamfUrl}/api/v1/jamf-pro-version`)).arrayBuffer();
    chainMs = performance.now() - c0;

    for (let run = 1; run <= runs; run++) {
      const free = VARIANTS.filter((v) => !v.needs?.length);
      const order = [...(run % 2 === 1 ? free : free.reverse()), ...VARIANTS.filter((v) => v.needs?.length)];
      const previous = new Map<string, string>();
      for (const v of order) {
        const outDir = join(work, `run${run}-${slug(v.name)}`);
        const ctx = { config: sim.config, outDir, previous, command: sim.command, run, simCpuMs: sim.cpuMs };
        await v.prepare?.(ctx);
        const m = await measure(v, run, ctx);
        previous.set(v.name, outDir);
        measured.push(m);
        console.log(
          `  run ${run}: ${v.name}: ${m.requests} requests, ${mb(m.bytes)}, ${sec(m.wallMs)} wall, ${sec(m.cpuMs)} CPU, ${m.retries} retries${m.retries ? ` (${reasonsOf(m)})` : ''}`,
        );
      }
      if (run === 1) {
        ownBytes = await macsOwnBytes(previous.get(VARIANTS[0]!.name)!, own);
        for (const v of VARIANTS) where.set(v.name, await bytesByDataset(previous.get(v.name)!));
        for (const v of VARIANTS) {
          const d0 = performance.now();
          const diagnosis = await diagnoseSnapshot(previous.get(v.name)!);
          keys.set(v.name, diagnosisKey(diagnosis));
          console.log(`  diagnosed ${v.name} in ${sec(performance.now() - d0)}: ${diagnosis.report.summary.macs} Macs`);
        }
        const base = keys.get(VARIANTS[0]!.name)!;
        for (const v of VARIANTS.slice(1)) {
          if (v.sameDiagnosisAs === null) continue;
          const ref = v.sameDiagnosisAs ?? VARIANTS[0]!.name;
          diagnosisLines.push(compareLine(`${v.name} against ${ref}`, keys.get(ref) ?? base, keys.get(v.name)!));
        }
      }
      for (const dir of previous.values()) await rm(dir, { recursive: true, force: true });
    }
  } finally {
    simPeakMb = await sim.peakMb();
    await sim.stop();
  }

  // The fault mix: the filtered collection again, from a simulator that injects the faults (same seed, same tenant).
  let faulted: (Measured & { injected: string; diagnosis: string }) | null = null;
  let faultStop: string | null = null;
  if (faults) {
    const plan = join(work, 'faults.json');
    await writeFile(plan, JSON.stringify(FAULT_MIX));
    const fsim = await startSim([...simArgs, '--faults', plan]);
    try {
      const v = VARIANTS.find((x) => x.name === 'filtered')!;
      const outDir = join(work, 'faults-filtered');
      try {
        const m = await measure(v, 1, {
          config: fsim.config,
          outDir,
          previous: new Map(),
          command: fsim.command,
          run: 1,
          simCpuMs: fsim.cpuMs,
        });
        const k = diagnosisKey(await diagnoseSnapshot(outDir));
        faulted = {
          ...m,
          injected: reasonsOf(m),
          diagnosis: compareLine('under faults, against fault-free filtered', keys.get('filtered')!, k),
        };
      } catch (err) {
        // A collection the faults stopped is a result too: said, not hidden behind a crash.
        faultStop = (err as Error)?.message ?? String(err);
      }
      await rm(outDir, { recursive: true, force: true });
    } finally {
      await fsim.stop();
    }
  }
  await rm(work, { recursive: true, force: true });
  const load1 = loadavg();

  // --- The table ----------------------------------------------------------------------------------------------
  const own$ = ownBytes!.total;
  const ratios = (m: Omit<Measured, 'dir'>) => ({
    bytes: m.bytes / own$,
    requests: m.requests / minimumForMacs,
    wall: m.wallMs / latencyBoundMs,
  });
  console.log('');
  console.log(
    `Macs' own data: ${mb(own$)} = the bytes a server sends for exactly the Macs' own Intune records, Entra devices and users (same $select, full pages, the real pages' envelope; measured on the --full snapshot of run 1) + every other dataset whole (Jamf Pro inventory, connectors, policies, groups, apps: ${mb(ownBytes!.parts.other!)}); the whole tenant read weighs ${mb(ownBytes!.snapshot)}`,
  );
  console.log(
    `minimum requests for the Macs' own data: ${minimumForMacs} (pages of the largest size for those records + the other datasets + 2 tokens; the whole tenant: ${minWhole.graph + minWhole.jamf + auth}); latency-bound wall: ${criticalRounds} sequential round trips × ${latency} ms = ${sec(latencyBoundMs)} (a chain of ${criticalRounds} small requests measured here: ${sec(chainMs)})`,
  );
  console.log('');
  console.log(
    "| collection | run | requests | bytes received | wall | collector CPU | simulator CPU | retries | bytes / Macs' own | requests / minimum | wall / latency bound |",
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const rowOf = (m: Measured, run: string = String(m.run)) => {
    const r = ratios(m);
    return `| ${m.variant} | ${run} | ${m.requests} | ${mb(m.bytes)} | ${sec(m.wallMs)} | ${sec(m.cpuMs)} | ${m.simCpuMs === null ? '?' : sec(m.simCpuMs)} | ${m.retries}${m.retries ? ` (${reasonsOf(m)})` : ''} | ${r.bytes.toFixed(2)} | ${r.requests.toFixed(2)} | ${r.wall.toFixed(2)} |`;
  };
  for (const m of [...measured].sort(
    (a, b) =>
      VARIANTS.findIndex((v) => v.name === a.variant) - VARIANTS.findIndex((v) => v.name === b.variant) ||
      a.run - b.run,
  ))
    console.log(rowOf(m));
  if (faulted) console.log(rowOf({ ...faulted, variant: 'filtered, fault mix' }, '–'));
  console.log('');
  const summary: Record<string, unknown> = {};
  for (const v of VARIANTS) {
    const ms = measured.filter((m) => m.variant === v.name);
    const line: string[] = [];
    const figures: Record<string, unknown> = {};
    for (const what of ['bytes', 'requests', 'wall'] as const) {
      const values = ms.map((m) => ratios(m)[what]);
      const s = spread(values);
      const target = TARGET[what];
      const mark = v.targets ? verdict(values, target) : `${verdict(values, target)}, no target: baseline`;
      line.push(
        `${what} ${s.min.toFixed(2)}–${s.max.toFixed(2)} (median ${s.median.toFixed(2)}; target ≤ ${target}×: ${mark})`,
      );
      figures[what] = { ...s, values, target, verdict: verdict(values, target) };
    }
    const wall = spread(ms.map((m) => m.wallMs));
    console.log(`${v.name}: ${line.join('; ')}; wall ${sec(wall.min)}–${sec(wall.max)}, median ${sec(wall.median)}`);
    summary[v.name] = figures;
  }
  const full = measured.filter((m) => m.variant === VARIANTS[0]!.name);
  const filtered = measured.filter((m) => m.variant === 'filtered');
  const vsFull = (what: 'bytes' | 'requests' | 'wallMs') =>
    spread(filtered.map((f) => f[what] / (full.find((x) => x.run === f.run)?.[what] ?? Number.NaN)));
  const pr = (s: { min: number; median: number; max: number }) =>
    `${s.min.toFixed(3)}–${s.max.toFixed(3)} (median ${s.median.toFixed(3)})`;
  console.log(
    `filtered / --full in the same run: bytes ${pr(vsFull('bytes'))}, requests ${pr(vsFull('requests'))}, wall ${pr(vsFull('wallMs'))}`,
  );
  const deltas = measured.filter((m) => m.variant === DELTA);
  if (deltas.length) {
    const ofRun = (name: string, run: number) => measured.find((x) => x.variant === name && x.run === run);
    const vs = (name: string, what: 'bytes' | 'requests' | 'wallMs' | 'entraBytes') =>
      spread(deltas.map((d) => d[what] / (ofRun(name, d.run)?.[what] ?? Number.NaN)));
    const within = deltas.map((d) => d.bytes / (ofRun(AFTER, d.run)?.bytes ?? Number.NaN));
    console.log(
      `delta / filtered after the change, Entra devices and users only (the datasets Graph has a delta query for): bytes ${pr(vs(AFTER, 'entraBytes'))} (target ≤ 0.05: ${verdict(
        deltas.map((d) => d.entraBytes / (ofRun(AFTER, d.run)?.entraBytes ?? Number.NaN)),
        0.05,
      )})`,
    );
    console.log(
      `delta / filtered after the change, the whole collection: bytes ${pr(vs(AFTER, 'bytes'))} (target ≤ 0.05: ${verdict(within, 0.05)}), requests ${pr(vs(AFTER, 'requests'))}, wall ${pr(vs(AFTER, 'wallMs'))}; delta / --full: bytes ${pr(vs(VARIANTS[0]!.name, 'bytes'))} (target ≤ 0.05: ${verdict(
        deltas.map((d) => d.bytes / (ofRun(VARIANTS[0]!.name, d.run)?.bytes ?? Number.NaN)),
        0.05,
      )})`,
    );
  }
  console.log('');
  // Where each collection's bytes are (run 1's snapshots: the bodies as received, retries not counted).
  const datasets = [...new Set([...where.values()].flatMap((m) => [...m.keys()]))].sort(
    (a, b) => (where.get(VARIANTS[0]!.name)?.get(b)?.bytes ?? 0) - (where.get(VARIANTS[0]!.name)?.get(a)?.bytes ?? 0),
  );
  console.log(`| dataset (run 1) | ${VARIANTS.map((v) => `${v.name}: bytes (files)`).join(' | ')} | Macs' own |`);
  console.log(`|---|${VARIANTS.map(() => '---:').join('|')}|---:|`);
  for (const d of datasets.slice(0, 8)) {
    const cells = VARIANTS.map((v) => {
      const e = where.get(v.name)?.get(d);
      return e ? `${mb(e.bytes)} (${e.files})` : '–';
    });
    const o = ownBytes!.parts[d];
    console.log(`| ${d} | ${cells.join(' | ')} | ${o === undefined ? 'whole' : mb(o)} |`);
  }
  if (datasets.length > 8) {
    const cells = VARIANTS.map((v) => {
      let b = 0;
      for (const d of datasets.slice(8)) b += where.get(v.name)?.get(d)?.bytes ?? 0;
      return mb(b);
    });
    console.log(`| ${datasets.length - 8} other datasets | ${cells.join(' | ')} | whole |`);
  }
  console.log('');
  for (const line of diagnosisLines) console.log(line);
  for (const v of VARIANTS) {
    const ms = measured.filter((m) => m.variant === v.name);
    const bad = ms.filter((m) => m.incomplete.length);
    console.log(
      bad.length === 0
        ? `${v.name}: every dataset complete in every run${skippedNote(ms[0]!)}`
        : bad.map((m) => `${v.name}, run ${m.run}: NOT complete: ${m.incomplete.join('; ')}`).join('\n'),
    );
  }
  if (faultStop) console.log(`\nfault mix: the collection STOPPED: ${faultStop}`);
  if (faulted) {
    console.log('');
    console.log(
      `fault mix (${JSON.stringify(FAULT_MIX.rules)}, seed ${FAULT_MIX.seed}): ${faulted.requests} requests, ${faulted.retries} retries (${faulted.injected || 'none'}), ${sec(faulted.wallMs)} wall, ${mb(faulted.bytes)}`,
    );
    console.log(
      faulted.incomplete.length
        ? `fault mix: NOT complete: ${faulted.incomplete.join('; ')}`
        : `fault mix: every dataset complete${skippedNote(faulted)}`,
    );
    console.log(faulted.diagnosis);
  }
  console.log(
    `machine load (1, 5, 15 min) at end: ${load1.map((x) => x.toFixed(2)).join(', ')} (start: ${load0.map((x) => x.toFixed(2)).join(', ')}); simulator peak memory ${simPeakMb ?? '?'} MB, this process ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; the benchmark took ${sec(Date.now() - started)}`,
  );

  return {
    name: 'collect',
    figures: {
      scale,
      tenant: {
        ...counts,
        latencyMs: latency,
        scenario,
        macsOwn: { intune: own.intune.size, entra: own.entra.size, users: own.users.size },
      },
      generateMs,
      simReadyMs,
      simPeakMb,
      benchPeakMb: Math.round(process.resourceUsage().maxRSS / 1024),
      totalMs: Date.now() - started,
      macsOwnBytes: ownBytes,
      bytesByDataset: Object.fromEntries([...where].map(([k, m]) => [k, Object.fromEntries(m)])),
      minimumRequestsForMacs: minimumForMacs,
      latencyBoundMs,
      measuredChainMs: Math.round(chainMs),
      runs: measured.map(({ dir: _d, ...m }) => ({ ...m, ratios: ratios(m) })),
      summary,
      diagnosis: diagnosisLines,
      faultStop,
      faults: faulted ? (({ dir: _d, ...f }) => ({ ...f, ratios: ratios(f) }))(faulted) : null,
      load: { start: load0, end: load1 },
    },
  };
}

/** Runs one variant, timing it and reading what the manifest says is incomplete. */
async function measure(v: Variant, run: number, ctx: VariantContext): Promise<Measured> {
  const sim0 = await ctx.simCpuMs();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await v.run(ctx);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const sim1 = await ctx.simCpuMs();
  const manifest = JSON.parse(await readFile(join(ctx.outDir, 'manifest.json'), 'utf8'));
  const reasons: Record<string, number> = {};
  for (const s of [result.stats.graph, result.stats.jamf])
    for (const [k, n] of Object.entries(s.reasons)) reasons[k] = (reasons[k] ?? 0) + n;
  return {
    variant: v.name,
    run,
    dir: ctx.outDir,
    requests: result.stats.graph.requests + result.stats.jamf.requests,
    bytes: result.stats.graph.bytes + result.stats.jamf.bytes,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    simCpuMs: sim0 === null || sim1 === null ? null : sim1 - sim0,
    retries: result.stats.graph.retries + result.stats.jamf.retries,
    reasons,
    entraBytes: Object.entries(result.stats.graph.bytesByPath)
      .filter(([p]) => ENTRA_PATHS.test(p))
      .reduce((n, [, b]) => n + b, 0),
    ...(({ notComplete, skipped }) => ({ incomplete: notComplete, skipped }))(incompleteOf(manifest)),
  };
}

function compareLine(name: string, base: DiagnosisKey, other: DiagnosisKey): string {
  const diff = diagnosisDiff(base, other);
  const findings = [...base.macs.values()].reduce((a, l) => a + l.length, 0);
  return diff.length === 0
    ? `diagnosis (${name}): identical for ${base.macs.size} Macs (${findings} Mac findings) and the tenant (${base.checks.length} checks, ${base.tenant.length} other findings)`
    : `diagnosis (${name}): DIFFERS; first differences:\n  ${diff.join('\n  ')}`;
}

interface RunningSim {
  config: LiveConfig;
  jamfUrl: string;
  /** Peak resident memory of the simulator's processes (bin/jidoctor.js runs the CLI in a child), MB; null off Linux. */
  peakMb(): Promise<number | null>;
  stop(): Promise<void>;
  /** Writes a command line to the simulator's stdin and resolves with its answer (the next `# ` line). */
  command(line: string): Promise<string>;
  /** CPU time its processes have used so far (ms; null off Linux). */
  cpuMs(): Promise<number | null>;
}

/** User + system CPU time of a process and its children (bin/jidoctor.js runs the CLI in a child), ms. */
async function cpuOf(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    let ticks = 0;
    const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
    for (const p of [pid, ...children.split(/\s+/).filter(Boolean).map(Number)]) {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = await readFile(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    }
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

async function peakRss(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    let kb = 0;
    const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
    for (const p of [pid, ...children.split(/\s+/).filter(Boolean).map(Number)]) {
      const status = await readFile(`/proc/${p}/status`, 'utf8');
      kb += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    }
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

/** Starts `jidoctor sim` in its own process and reads the settings it prints. */
async function startSim(args: string[]): Promise<RunningSim> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const child: ChildProcess = spawn(process.execPath, [join(root, 'bin/jidoctor.js'), 'sim', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let answers: Array<(line: string) => void> = [];
  let tail = '';
  let err = '';
  child.stderr!.on('data', (d) => {
    err = (err + d).slice(-2000);
  });
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      // After the export lines: the answers to stdin commands (sim/control.ts), one `# ` line each.
      tail += d;
      const lines = tail.split('\n');
      tail = lines.pop()!;
      for (const l of lines)
        if (l.startsWith('# ') && out.includes('jidoctor collect') && answers.length) {
          const [first, ...rest] = answers;
          answers = rest;
          first!(l);
        }
      if (out.includes('jidoctor collect')) {
        const vars: Record<string, string> = {};
        for (const m of out.matchAll(/^export (\w+)='?([^'\n]*)'?$/gm)) vars[m[1]!] = m[2]!;
        resolve(vars);
      }
    });
    child.once('exit', (code) => reject(new Error(`jidoctor sim exited with ${code}: ${err.trim()}`)));
  });
  return {
    config: {
      graph: {
        tenantId: env.AZURE_TENANT_ID!,
        clientId: env.AZURE_CLIENT_ID!,
        clientSecret: env.AZURE_CLIENT_SECRET!,
        cloud: 'public',
        loginBaseUrl: env.JIDOCTOR_LOGIN_URL!,
        graphBaseUrl: env.JIDOCTOR_GRAPH_URL!,
      },
      jamf: { url: env.JAMF_URL!, clientId: env.JAMF_CLIENT_ID!, clientSecret: env.JAMF_CLIENT_SECRET! },
    },
    jamfUrl: env.JAMF_URL!,
    peakMb: () => peakRss(child.pid),
    cpuMs: () => cpuOf(child.pid),
    command: (line) =>
      new Promise<string>((resolve) => {
        answers.push(resolve);
        child.stdin!.write(`${line}\n`);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

const reasonsOf = (m: Measured) =>
  Object.entries(m.reasons)
    .map(([r, n]) => `${r} ×${n}`)
    .join(', ');
const skippedNote = (m: Measured) => (m.skipped.length ? ` (skipped on purpose: ${m.skipped.join('; ')})` : '');
const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
