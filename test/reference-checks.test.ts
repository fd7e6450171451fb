/**
 * The checks that read the fleet's columns (and the engine's finding path) were rewritten for speed; their reports
 * must not change by a byte. This compares whole reports of the current code with those of the code as it was
 * (test/reference-checks/: the replaced checks and engine, verbatim from main) on random messy tenants, on
 * generated snapshots and on the example snapshot, in both languages.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSnapshot } from '../bench/generate.js';
import type { AnyCheck, Lang } from '../src/checks/define.js';
import { CHECKS } from '../src/checks/index.js';
import { readSnapshot } from '../src/collect/snapshot/reader.js';
import { buildReport, runChecks } from '../src/engine/run.js';
import { DATASETS } from '../src/model/datasets.js';
import { buildFleet } from '../src/model/join.js';
import type { Collected } from '../src/model/types.js';
import { randomCollected } from './random-tenant.js';
import { REFERENCE_CHECKS } from './reference-checks/index.js';
import { buildReport as referenceBuildReport, runChecks as referenceRunChecks } from './reference-checks/run.js';
import { removeDir } from './tmp.js';

const referenceById = new Map(REFERENCE_CHECKS.map((c) => [c.id, c]));
const REFERENCE: readonly AnyCheck[] = CHECKS.map((c) => referenceById.get(c.id) ?? c);

function reports(c: Collected, lang: Lang): [string, string] {
  const source = { kind: 'snapshot' as const, path: 'x', asOfSource: c.asOfSource };
  // Two fleets: the record caches of one must not serve the other.
  const f1 = buildFleet(c);
  const want = referenceBuildReport(f1, referenceRunChecks(f1, REFERENCE, { lang }), source, lang, 0);
  const f2 = buildFleet(c);
  const got = buildReport(f2, runChecks(f2, CHECKS, { lang }), source, lang, 0);
  return [JSON.stringify(got), JSON.stringify(want)];
}

/** A random tenant whose datasets are all complete, so that every check runs. */
function complete(seed: number, n: number): Collected {
  const c = randomCollected(seed, n);
  const sizes: Record<string, number> = {
    [DATASETS.managedDevices.id]: c.managedDevices.length,
    [DATASETS.devices.id]: c.devices.length,
    [DATASETS.computers.id]: c.computers.length,
    [DATASETS.users.id]: c.users.length,
  };
  for (const d of Object.values(DATASETS)) {
    if (d.id.includes('{')) continue;
    c.datasets.set(d.id, {
      id: d.id,
      path: seed % 3 === 0 ? null : d.id,
      status: 'complete',
      records: sizes[d.id] ?? 0,
    });
  }
  if (seed % 4 === 0) c.checkInFrequency = 30;
  if (seed % 2 === 1) {
    // Ties: sync and sign-in dates by the week, a third of them missing (which record is kept breaks ties).
    const week = 7 * 86_400_000;
    const coarse = (v: number | null, i: number) => (v === null || i % 3 === 0 ? null : Math.floor(v / week) * week);
    c.managedDevices = c.managedDevices.map((d, i) => ({ ...d, lastSyncDateTime: coarse(d.lastSyncDateTime, i) }));
    c.devices = c.devices.map((d, i) => ({
      ...d,
      approximateLastSignInDateTime: coarse(d.approximateLastSignInDateTime, i),
      registrationDateTime: coarse(d.registrationDateTime, i + 1),
    }));
  }
  return c;
}

describe('reports of the columnar checks equal those of the code they replaced', () => {
  it('on 60 random messy tenants, in English and Italian', () => {
    let findings = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const c = complete(seed, 10 + ((seed * 7) % 60));
      for (const lang of ['en', 'it'] as const) {
        const [got, want] = reports(c, lang);
        if (got !== want) expect(JSON.parse(got), `seed ${seed} ${lang}`).toEqual(JSON.parse(want));
        expect(got, `seed ${seed} ${lang}`).toBe(want);
        findings += (JSON.parse(got) as { findings: unknown[] }).findings.length;
      }
    }
    expect(findings).toBeGreaterThan(1000);
  });

  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await removeDir(d);
  });

  it('on generated snapshots and on the example snapshot', async () => {
    const snaps = ['examples/contoso-snapshot'];
    for (const [seed, n] of [
      [3, 900],
      [11, 1600],
    ] as const) {
      const dir = join(tmpdir(), `jidoctor-refcheck-${process.pid}-${seed}-${n}`);
      dirs.push(dir);
      await generateSnapshot(dir, n, seed, false);
      snaps.push(dir);
    }
    for (const dir of snaps) {
      const c = await readSnapshot(dir, {});
      for (const lang of ['en', 'it'] as const) {
        const [got, want] = reports(c, lang);
        expect(got.length, dir).toBeGreaterThan(1000);
        expect(got, `${dir} ${lang}`).toBe(want);
      }
    }
  }, 30_000);
});
