import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordChange } from '../../sim/delta.js';
import {
  expireDeltaTokens,
  type GenerateOptions,
  generateTenant,
  type Simulator,
  startSimulator,
  touchTenant,
} from '../../sim/index.js';
import type { CollectOptions } from '../../src/collect/collect.js';
import { diagnoseCollected } from '../../src/diagnose.js';
import { InputError } from '../../src/errors.js';
import { collectLive } from '../../src/live.js';
import type { UserLookup } from '../../src/snapshot/writer.js';
import { FAST_HTTP, liveConfigFor } from './harness.js';

/**
 * Delta re-collection (issue 16): `collect --since PREVIOUS` reads Entra devices and users by Graph delta queries
 * from the links the previous snapshot kept, and gives the datasets a full collection at the same moment gives,
 * and the same diagnosis; an expired link falls back to a full read and says so; another tenant's snapshot is
 * refused.
 */
const MIXED: GenerateOptions = {
  seed: 41,
  macs: 60,
  mode: 'legacy',
  otherDevices: 600,
  extraUsers: 300,
  problems: ['intune/duplicate-device-records', 'compliance/intune-entra-mismatch', 'jamf/check-in-overdue'],
  perProblem: 2,
};
const ENTRA = 'graph/v1.0/devices';
const USERS = 'graph/v1.0/users';

type Json = Record<string, unknown>;
interface Manifest {
  datasets: Record<string, { status: string; records: number; filter?: { query: string; serverSide: boolean } }>;
  delta?: Record<
    string,
    { link: string | null; at: string; mode: string; changes?: number; removed?: number; fellBack?: string }
  >;
}

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
/** A dataset's records, sorted by id, each as JSON text. */
const records = (dir: string, path: string): string[] =>
  readdirSync(join(dir, path))
    .filter((n) => n.startsWith('page-'))
    .sort()
    .flatMap((n) => (JSON.parse(readFileSync(join(dir, path, n), 'utf8')) as { value: Json[] }).value)
    .sort((a, b) => String(a.id).localeCompare(String(b.id)))
    .map((r) => JSON.stringify(r));

const dirs: string[] = [];
const newDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'jidoctor-delta-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function collect(sim: Simulator, extra: Partial<CollectOptions> = {}) {
  const dir = await newDir();
  const notes: string[] = [];
  // Bytes received by Graph path (the Entra devices and users reads, whole or by delta, against the rest).
  const bytes: Record<string, number> = {};
  const counting = async (input: string, init?: RequestInit) => {
    const r = await fetch(input, init);
    const body = Buffer.from(await r.arrayBuffer());
    const path = new URL(input).pathname;
    bytes[path] = (bytes[path] ?? 0) + body.length;
    return new Response(body, { status: r.status, statusText: r.statusText, headers: r.headers });
  };
  const { collected, result } = await collectLive({
    config: liveConfigFor(sim),
    outDir: dir,
    http: { ...FAST_HTTP, fetch: counting },
    note: (l) => notes.push(l),
    ...extra,
  });
  const { report } = diagnoseCollected(collected, { kind: 'live', path: dir });
  return { dir, result, report, notes, bytes };
}
/** Bytes of the Entra devices and users reads (whole, by deviceId, or by delta). */
const deviceAndUserBytes = (b: Record<string, number>) =>
  Object.entries(b)
    .filter(([p]) => /^\/v1\.0\/((devices|users)(\/delta)?|\$batch)$/.test(p))
    .reduce((n, [, v]) => n + v, 0);
const verdicts = (r: Awaited<ReturnType<typeof collect>>['report']) => ({
  checks: r.checks.map((c) => `${c.id}:${c.outcome}:${c.findings}`),
  findings: r.findings.map((f) => f.fingerprint).sort(),
});

describe('collect --since: delta re-collection against the simulator', () => {
  let sim: Simulator;
  let first: Awaited<ReturnType<typeof collect>>;
  beforeAll(async () => {
    const { tenant } = generateTenant(MIXED);
    sim = await startSimulator({ tenant });
    first = await collect(sim);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('a full collection keeps a delta link for devices and users, taken with one request each', () => {
    const m = manifest(first.dir);
    for (const p of [ENTRA, USERS]) {
      expect(m.delta?.[p]?.mode).toBe('full');
      expect(m.delta?.[p]?.link).toMatch(new RegExp(`^${sim.graphUrl}/v1\\.0/(devices|users)/delta\\?\\$deltatoken=`));
    }
    const latest = sim.log.filter((l) => l.path.endsWith('/delta'));
    expect(latest.length).toBe(2);
    // No access token anywhere in the manifest (the links hold state tokens only).
    const text = readFileSync(join(first.dir, 'manifest.json'), 'utf8');
    for (const t of sim.issuedTokens()) expect(text).not.toContain(t);
  });

  it('after 2 % of devices and users changed: the same datasets and diagnosis as a full collection now', async () => {
    const t = sim.tenant;
    const touched = touchTenant(t, { fraction: 0.02, seed: 5 });
    expect(touched.devices.removed).toBeGreaterThan(0);
    expect(touched.devices.toMac + touched.devices.fromMac).toBeGreaterThan(0);
    // A Mac's Entra device deleted: it must disappear.
    const macDevice = t.graph.devices.find((d) => d.operatingSystem === 'MacMDM')!;
    t.graph.devices.splice(t.graph.devices.indexOf(macDevice), 1);
    recordChange(t, 'devices', String(macDevice.id), null);
    expect(records(first.dir, ENTRA).some((r) => r.includes(String(macDevice.id)))).toBe(true);
    // A Mac's user disabled: the delta must carry it (the 2 % above may touch no Mac's user among the many people).
    const macUserId = (JSON.parse(records(first.dir, USERS)[0]!) as Json).id as string;
    const macUser = t.graph.users.find((u) => u.id === macUserId)!;
    macUser.accountEnabled = !macUser.accountEnabled;
    recordChange(t, 'users', macUserId, ['accountEnabled']);

    const before = sim.log.length;
    const delta = await collect(sim, { since: first.dir });
    const deltaLog = sim.log.slice(before);
    const mid = sim.log.length;
    const full = await collect(sim);
    const fullLog = sim.log.slice(mid);

    const m = manifest(delta.dir);
    expect(m.delta?.[ENTRA]).toMatchObject({ mode: 'delta' });
    expect(m.delta?.[ENTRA]?.changes).toBeGreaterThan(0);
    expect(m.delta?.[ENTRA]?.removed).toBeGreaterThan(0);
    expect(m.delta?.[USERS]).toMatchObject({ mode: 'delta' });
    expect(m.datasets[ENTRA]).toMatchObject({ status: 'complete', filter: { serverSide: false } });
    // Devices and users came by delta: no full read of either (the devices requests left are the ones by deviceId
    // for the devices a Mac points to under another spelling, fill.ts, which both runs make).
    const devicesReads = (log: typeof deltaLog) => log.filter((l) => l.path === '/v1.0/devices').length;
    expect(devicesReads(deltaLog)).toBe(devicesReads(fullLog) - 1);
    // Users: the Macs' users of the previous snapshot, brought up to date by delta, answer their keys; only the keys
    // none answers are looked up (a Mac's new user, a name now held by another user), never the whole directory.
    const lookupOf = (dir: string) => (manifest(dir).datasets[USERS] as { lookup?: UserLookup } | undefined)?.lookup;
    expect(lookupOf(delta.dir)?.fromDelta).toBeGreaterThan(0);
    expect(lookupOf(full.dir)?.fromDelta).toBeUndefined();
    expect(lookupOf(delta.dir)?.requests).toBeLessThan(lookupOf(full.dir)!.requests);
    expect(lookupOf(delta.dir)?.found).toBe(lookupOf(full.dir)?.found);
    for (const log of [deltaLog, fullLog]) expect(log.some((l) => l.path === '/v1.0/users')).toBe(false);
    expect(fullLog.some((l) => l.path === '/v1.0/$batch')).toBe(true);

    for (const p of [ENTRA, USERS]) expect(records(delta.dir, p)).toEqual(records(full.dir, p));
    expect(records(delta.dir, ENTRA).some((r) => r.includes(String(macDevice.id)))).toBe(false);
    expect(verdicts(delta.report)).toEqual(verdicts(full.report));
    expect(delta.report.findings.length).toBeGreaterThan(3);
    // The changes made a difference the delta had to carry (not two identical reads of an unchanged tenant).
    expect(records(delta.dir, USERS)).not.toEqual(records(first.dir, USERS));

    // What it cost: the devices and users by delta (devices/delta brings the changes of every device, Mac or not:
    // it filters by id only; users/delta every user's, minimal) against their filtered full read and look-up, on a
    // tenant of 60 Macs among 660 devices and 360 people with 2 % changed: measured 8.4 KB against 67.7 KB (12 %).
    expect(deviceAndUserBytes(delta.bytes)).toBeLessThan(deviceAndUserBytes(full.bytes) / 5);
    // No user was looked up: every Mac's user was answered by the previous snapshot's, brought up to date.
    expect(delta.bytes['/v1.0/$batch'] ?? 0).toBe(0);
    expect(delta.result.stats.graph.bytes).toBeLessThan(full.result.stats.graph.bytes);
    expect(delta.result.stats.graph.requests).toBeLessThan(full.result.stats.graph.requests);

    // And the link it kept works again: nothing changed since, so nothing comes.
    const again = await collect(sim, { since: delta.dir });
    expect(manifest(again.dir).delta?.[ENTRA]).toMatchObject({ mode: 'delta', changes: 0, removed: 0 });
    for (const p of [ENTRA, USERS]) expect(records(again.dir, p)).toEqual(records(full.dir, p));
  });

  it('a Mac handed to a person the previous snapshot did not hold: only that person is looked up', async () => {
    const t = sim.tenant;
    const held = new Set(records(first.dir, USERS).map((r) => String((JSON.parse(r) as Json).id)));
    const newcomer = t.graph.users.find((u) => !held.has(String(u.id)) && String(u.userPrincipalName).includes('.o'))!;
    // Every record of one Mac names the newcomer now, so its former user is no Mac's user any more (and must go).
    const mac = t.jamf.computers[0]!;
    const was = mac.email;
    const intune = t.graph.managedDevices.filter((d) => d.serialNumber === mac.serial);
    const intuneWas = intune.map((d) => ({ upn: d.userPrincipalName, mail: d.emailAddress }));
    const accountsWas = mac.accounts.map((a) => a.userAzureActiveDirectoryId);
    const formerUpn = was.toLowerCase();
    const formerNamedElsewhere =
      t.jamf.computers.some((c) => c !== mac && c.email.toLowerCase() === formerUpn) ||
      t.graph.managedDevices.some(
        (d) => d.serialNumber !== mac.serial && String(d.userPrincipalName).toLowerCase() === formerUpn,
      );
    mac.email = String(newcomer.userPrincipalName);
    for (const d of intune) {
      d.userPrincipalName = newcomer.userPrincipalName;
      d.emailAddress = newcomer.userPrincipalName;
    }
    for (const a of mac.accounts) a.userAzureActiveDirectoryId = null;
    try {
      const delta = await collect(sim, { since: first.dir });
      const full = await collect(sim);
      const lookup = (manifest(delta.dir).datasets[USERS] as { lookup?: UserLookup } | undefined)?.lookup;
      expect(manifest(delta.dir).delta?.[USERS]).toMatchObject({ mode: 'delta' });
      expect(lookup?.fromDelta).toBeGreaterThan(0);
      expect(lookup?.requests).toBe(1);
      expect(records(delta.dir, USERS).some((r) => r.includes(String(newcomer.id)))).toBe(true);
      if (!formerNamedElsewhere)
        expect(records(delta.dir, USERS).some((r) => r.toLowerCase().includes(`"${formerUpn}"`))).toBe(false);
      expect(records(delta.dir, USERS)).toEqual(records(full.dir, USERS));
      expect(verdicts(delta.report)).toEqual(verdicts(full.report));
    } finally {
      mac.email = was;
      intune.forEach((d, i) => {
        d.userPrincipalName = intuneWas[i]!.upn;
        d.emailAddress = intuneWas[i]!.mail;
      });
      mac.accounts.forEach((a, i) => {
        a.userAzureActiveDirectoryId = accountsWas[i]!;
      });
    }
  });

  it('an expired delta link (400 syncStateNotFound): read whole, said in the manifest, a new link kept', async () => {
    expireDeltaTokens(sim.tenant, 'expired');
    const r = await collect(sim, { since: first.dir });
    const m = manifest(r.dir);
    for (const p of [ENTRA, USERS]) {
      expect(m.delta?.[p]?.mode).toBe('full');
      expect(m.delta?.[p]?.fellBack).toMatch(/HTTP 400 syncStateNotFound/);
      expect(m.delta?.[p]?.link).toMatch(/\$deltatoken=/);
    }
    expect(r.notes.some((l) => l.includes('read whole instead of by delta') && l.includes('syncStateNotFound'))).toBe(
      true,
    );
    const full = await collect(sim);
    for (const p of [ENTRA, USERS]) expect(records(r.dir, p)).toEqual(records(full.dir, p));
    expect(verdicts(r.report)).toEqual(verdicts(full.report));
    // The link kept by the fallback is a good one.
    const next = await collect(sim, { since: r.dir });
    expect(manifest(next.dir).delta?.[ENTRA]?.mode).toBe('delta');
  });

  it('a reset (410 Gone) falls back the same way', async () => {
    const base = await collect(sim);
    expireDeltaTokens(sim.tenant, 'reset');
    const r = await collect(sim, { since: base.dir });
    expect(manifest(r.dir).delta?.[ENTRA]?.fellBack).toMatch(/HTTP 410/);
    expect(manifest(r.dir).datasets[ENTRA]?.status).toBe('complete');
  });

  it('a previous snapshot without delta links (an older version): read whole, with the reason', async () => {
    const base = await collect(sim);
    const m = JSON.parse(readFileSync(join(base.dir, 'manifest.json'), 'utf8')) as Json;
    delete m.delta;
    writeFileSync(join(base.dir, 'manifest.json'), JSON.stringify(m));
    const r = await collect(sim, { since: base.dir });
    expect(manifest(r.dir).delta?.[ENTRA]).toMatchObject({ mode: 'full' });
    expect(manifest(r.dir).delta?.[ENTRA]?.fellBack).toMatch(/no delta link/);
  });

  it('a malformed delta entry costs a full read of that dataset, never the snapshot', async () => {
    const base = await collect(sim);
    const m = JSON.parse(readFileSync(join(base.dir, 'manifest.json'), 'utf8')) as {
      delta: Record<string, Json>;
    };
    m.delta[ENTRA]!.at = '2026-02-30T00:00:00Z';
    writeFileSync(join(base.dir, 'manifest.json'), JSON.stringify(m));
    // The snapshot itself still reads: its datasets are what they were.
    const { readSnapshot } = await import('../../src/snapshot/reader.js');
    await expect(readSnapshot(base.dir)).resolves.toBeTruthy();
    const r = await collect(sim, { since: base.dir });
    expect(manifest(r.dir).delta?.[ENTRA]?.fellBack).toMatch(
      /its delta entry in the previous snapshot is malformed \(at:/,
    );
    expect(manifest(r.dir).delta?.[USERS]?.mode).toBe('delta');
  });

  it('a previous snapshot of another tenant is refused before anything is collected', async () => {
    const other = generateTenant({ ...MIXED, seed: 42 }).tenant;
    other.tenantName = 'fabrikam.example';
    expect(other.tenantId).not.toBe(sim.tenant.tenantId);
    const sim2 = await startSimulator({ tenant: other });
    try {
      const before = sim2.log.length;
      const err = await collect(sim2, { since: first.dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(/is of tenant .* expected tenant/);
      expect((err as Error).message.split('\n')).toHaveLength(1);
      expect(sim2.log.length).toBe(before);
      // A tenant configured by its domain name: the organization read gives its id, and the collection stops.
      const out = await newDir();
      const byName = await collectLive({
        config: { ...liveConfigFor(sim2), graph: { ...liveConfigFor(sim2).graph!, tenantId: other.tenantName } },
        outDir: out,
        http: FAST_HTTP,
        since: first.dir,
      }).catch((e: unknown) => e);
      expect(byName).toBeInstanceOf(InputError);
      expect((byName as Error).message).toMatch(/is of tenant .* expected tenant .*its organization, read now/);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      await sim2.close();
    }
  });

  it('a --since that is not a snapshot is a one-line error', async () => {
    const missing = join(tmpdir(), 'jidoctor-no-such-snapshot-xyz');
    await expect(collect(sim, { since: missing })).rejects.toThrow(/no such folder/);
    const empty = await newDir();
    await expect(collect(sim, { since: empty })).rejects.toThrow(/without one/);
    const interrupted = await newDir();
    writeFileSync(
      join(interrupted, 'manifest.json'),
      JSON.stringify({
        format: 'jidoctor-snapshot',
        version: 1,
        state: 'collecting',
        collectedAt: '2026-12-01T00:00:00Z',
      }),
    );
    await expect(collect(sim, { since: interrupted })).rejects.toThrow(/interrupted collection/);
  });
});

describe('collect --since with a previous page that cannot be read', () => {
  it('the pages written so far go, the dataset is read whole, and says why', async () => {
    const { tenant } = generateTenant({ seed: 43, macs: 10, mode: 'legacy', otherDevices: 20, extraUsers: 1_200 });
    const sim = await startSimulator({ tenant });
    try {
      const base = await collect(sim);
      // Two pages of users (999 a page): the second one is damaged after the collection.
      const pages = readdirSync(join(base.dir, USERS)).sort();
      expect(pages).toEqual(['page-00001.json', 'page-00002.json']);
      writeFileSync(join(base.dir, USERS, 'page-00002.json'), '{"value": [');
      touchTenant(tenant, { fraction: 0.01, seed: 2 });
      const r = await collect(sim, { since: base.dir });
      const m = manifest(r.dir);
      expect(m.delta?.[USERS]).toMatchObject({ mode: 'full' });
      expect(m.delta?.[USERS]?.fellBack).toMatch(/its records in the previous snapshot cannot be read/);
      expect(m.delta?.[ENTRA]?.mode).toBe('delta');
      const full = await collect(sim);
      expect(records(r.dir, USERS)).toEqual(records(full.dir, USERS));
      expect(readdirSync(join(r.dir, USERS)).sort()).toEqual(readdirSync(join(full.dir, USERS)).sort());
    } finally {
      await sim.close();
    }
  });
});

describe('collect --since under the seeded fault mix', () => {
  it('429, 503, resets and truncated bodies on the delta rounds are retried: the same datasets as a full read', async () => {
    const { tenant } = generateTenant({ seed: 44, macs: 30, mode: 'legacy', otherDevices: 900, extraUsers: 300 });
    const sim = await startSimulator({
      tenant,
      faults: {
        seed: 7,
        rules: [
          // Deterministic: the first request of each delta round and the first nextLink fail once each.
          { route: 'GET /v1\\.0/devices/delta\\?\\$deltatoken=(?!latest)', nth: [1], nthKind: 'reset' },
          { route: 'GET /v1\\.0/devices/delta\\?\\$skiptoken=', nth: [1], nthKind: 'truncate' },
          { route: 'GET /v1\\.0/users/delta\\?\\$deltatoken=(?!latest)', nth: [1], nthKind: '429', retryAfter: 'none' },
          // And a seeded mix on every delta request (low enough that six attempts never all fail).
          { route: '/delta', rate429: 0.05, rate503: 0.05, rateReset: 0.03, rateTruncate: 0.03, retryAfter: 'none' },
        ],
      },
    });
    try {
      const base = await collect(sim);
      // A third of the devices change: more than one page of changes (200 a page).
      touchTenant(tenant, { fraction: 0.3, seed: 8 });
      const r = await collect(sim, { since: base.dir });
      expect(manifest(r.dir).delta?.[ENTRA]).toMatchObject({ mode: 'delta' });
      expect(manifest(r.dir).delta?.[USERS]).toMatchObject({ mode: 'delta' });
      expect(sim.log.filter((l) => l.path === '/v1.0/devices/delta').length).toBeGreaterThan(3);
      expect(sim.faults.graph.injected.reset).toBeGreaterThan(0);
      expect(sim.faults.graph.injected.truncate).toBeGreaterThan(0);
      expect(sim.faults.graph.injected['429']).toBeGreaterThan(0);
      expect(r.result.stats.graph.retries).toBeGreaterThan(0);
      const full = await collect(sim);
      for (const p of [ENTRA, USERS]) expect(records(r.dir, p)).toEqual(records(full.dir, p));
      expect(verdicts(r.report)).toEqual(verdicts(full.report));
    } finally {
      await sim.close();
    }
  });
});

describe('a service that refuses $deltatoken=latest', () => {
  it('keeps no link for that resource, says why, and the next --since reads it whole', async () => {
    const { tenant } = generateTenant({ seed: 45, macs: 12, mode: 'legacy', otherDevices: 40 });
    const sim = await startSimulator({
      tenant,
      faults: { seed: 1, rules: [{ route: 'GET /v1\\.0/devices/delta\\?.*deltatoken=latest', status: 400 }] },
    });
    try {
      const base = await collect(sim);
      const m = manifest(base.dir) as Manifest & { delta: Record<string, { error?: string }> };
      expect(m.delta[ENTRA]).toMatchObject({ link: null, mode: 'full' });
      expect(m.delta[ENTRA]!.error).toMatch(/^no delta link: HTTP 400/);
      expect(m.datasets[ENTRA]!.status).toBe('complete');
      expect(m.delta[USERS]!.link).toMatch(/\$deltatoken=/);
      const r = await collect(sim, { since: base.dir });
      expect(manifest(r.dir).delta?.[ENTRA]?.fellBack).toMatch(/holds no delta link for it \(no delta link: HTTP 400/);
      expect(manifest(r.dir).delta?.[USERS]?.mode).toBe('delta');
    } finally {
      await sim.close();
    }
  });
});
