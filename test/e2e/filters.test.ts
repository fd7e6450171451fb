import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../sim/graph/app.js';
import type { GenerateOptions } from '../../sim/index.js';
import { generateTenant, startSimulator } from '../../sim/index.js';
import { diagnoseCollected } from '../../src/diagnose.js';
import { collectLive } from '../../src/live.js';
import type { Report } from '../../src/report/types.js';
import { cleanup, FAST_HTTP, liveConfigFor, type RoundTrip, roundTrip } from './harness.js';

/**
 * Server-side filters (issue 16): on a mixed tenant (Macs among many Windows PCs, iPhones and Android phones) the
 * collector reads only the Intune records that can be Macs, and the diagnosis is the same as from the whole
 * tenant; a service that refuses the filter (400) is read whole and filtered here, and the manifest says which.
 */
const MIXED: GenerateOptions = {
  seed: 21,
  macs: 40,
  mode: 'legacy',
  otherDevices: 300,
  problems: ['intune/duplicate-device-records', 'compliance/intune-entra-mismatch', 'jamf/check-in-overdue'],
  perProblem: 2,
};
const INTUNE = 'graph/v1.0/deviceManagement/managedDevices';
const ENTRA = 'graph/v1.0/devices';

const manifest = (rt: RoundTrip) =>
  JSON.parse(readFileSync(join(rt.dir, 'manifest.json'), 'utf8')) as {
    datasets: Record<
      string,
      { status: string; records: number; query?: string; filter?: { query: string; serverSide: boolean } }
    >;
  };
const verdicts = (rt: RoundTrip) => ({
  checks: rt.report.checks.map((c) => `${c.id}:${c.outcome}:${c.findings}`),
  findings: rt.report.findings.map((f) => f.fingerprint).sort(),
});
const intuneRequests = (rt: RoundTrip) => rt.sim.log.filter((l) => l.path.endsWith('/deviceManagement/managedDevices'));

describe('server-side filters on a mixed tenant', () => {
  it('reads only the Intune records that can be Macs, and diagnoses every Mac as the whole read does', async () => {
    const full = await roundTrip(MIXED, { collect: { full: true } });
    const filtered = await roundTrip(MIXED);
    try {
      const f = manifest(filtered).datasets[INTUNE]!;
      const w = manifest(full).datasets[INTUNE]!;
      expect(f.status).toBe('complete');
      expect(f.filter).toEqual({ query: "operatingSystem eq 'macOS' or managementAgent eq 'jamf'", serverSide: true });
      expect(f.query).toContain('$filter=');
      expect(w.filter).toBeUndefined();
      // 300 non-Mac records are not read at all, in Intune nor in Entra.
      expect(w.records - f.records).toBe(300);
      const fe = manifest(filtered).datasets[ENTRA]!;
      expect(fe.filter).toEqual({ query: "startswith(operatingSystem,'Mac')", serverSide: true });
      expect(manifest(full).datasets[ENTRA]!.records - fe.records).toBe(300);
      expect(verdicts(filtered)).toEqual(verdicts(full));
      expect(filtered.report.findings.length).toBeGreaterThan(3);
      // Fewer pages: 1,000 records a page.
      expect(intuneRequests(filtered).length).toBeLessThanOrEqual(intuneRequests(full).length);
    } finally {
      await cleanup(full);
      await cleanup(filtered);
    }
  });

  it('a refused filter (400): read whole, filtered here with the same rule, said in the manifest; same diagnosis', async () => {
    const refused = await roundTrip(MIXED, { sim: { graphRefuseFilters: ['deviceManagement/managedDevices'] } });
    const filtered = await roundTrip(MIXED);
    try {
      const r = manifest(refused).datasets[INTUNE]!;
      expect(r.status).toBe('complete');
      expect(r.filter).toEqual({ query: "operatingSystem eq 'macOS' or managementAgent eq 'jamf'", serverSide: false });
      expect(r.records).toBe(manifest(filtered).datasets[INTUNE]!.records);
      expect(intuneRequests(refused).some((l) => l.status === 400)).toBe(true);
      expect(verdicts(refused)).toEqual(verdicts(filtered));
      // The pages on disk hold only the kept records.
      const page = JSON.parse(
        readFileSync(join(refused.dir, 'graph/v1.0/deviceManagement/managedDevices/page-00001.json'), 'utf8'),
      ) as { value: Array<{ operatingSystem: string }> };
      expect(page.value.every((d) => d.operatingSystem === 'macOS')).toBe(true);
    } finally {
      await cleanup(refused);
      await cleanup(filtered);
    }
  });
});

describe('an Entra device the operatingSystem filter does not return', () => {
  it('is read by its deviceId when a Mac points to it, so the Mac keeps its device and its verdicts', async () => {
    const { tenant } = generateTenant({ ...MIXED, otherDevices: 20 });
    // A Mac's Entra device registered with another spelling of its operatingSystem (as stale registrations have).
    const target = tenant.graph.managedDevices.find((d) => d.operatingSystem === 'macOS' && d.azureADDeviceId)!;
    const entra = tenant.graph.devices.find((d) => d.deviceId === target.azureADDeviceId)!;
    entra.operatingSystem = 'Unknown';
    const sim = await startSimulator({ tenant });
    const dirs = [await mkdtemp(join(tmpdir(), 'jidoctor-fill-')), await mkdtemp(join(tmpdir(), 'jidoctor-fill-'))];
    try {
      const runs: Report[] = [];
      for (const [i, full] of [true, false].entries()) {
        const { collected } = await collectLive({
          config: liveConfigFor(sim),
          outDir: dirs[i]!,
          http: FAST_HTTP,
          full,
        });
        runs.push(diagnoseCollected(collected, { kind: 'live', path: dirs[i]! }).report);
      }
      const m = JSON.parse(readFileSync(join(dirs[1]!, 'manifest.json'), 'utf8')).datasets[ENTRA];
      expect(m.status).toBe('complete');
      // The device is in the filtered snapshot, on a page of its own after the filtered pages.
      const pages = readdirSync(join(dirs[1]!, ENTRA)).sort();
      const last = JSON.parse(readFileSync(join(dirs[1]!, ENTRA, pages.at(-1)!), 'utf8')) as {
        value: Array<{ deviceId: string }>;
      };
      expect(last.value.map((d) => d.deviceId)).toEqual([entra.deviceId]);
      expect(m.records).toBe(tenant.graph.devices.filter((d) => /^mac/i.test(String(d.operatingSystem))).length + 1);
      const key = (r: (typeof runs)[number]) => r.findings.map((f) => f.fingerprint).sort();
      expect(key(runs[1]!)).toEqual(key(runs[0]!));
      expect(runs[1]!.checks.map((c) => c.outcome)).toEqual(runs[0]!.checks.map((c) => c.outcome));
    } finally {
      await sim.close();
      for (const d of dirs) await cleanup({ dir: d });
    }
  });
});

describe('many Entra devices the operatingSystem filter does not return', () => {
  // 17 Macs' Entra devices spelled otherwise (stale or re-used registrations): read 15 ids a request
  // (`deviceId in (…)`), or one id a request where the service refuses `in` (400).
  const setUp = () => {
    const { tenant } = generateTenant({ ...MIXED, otherDevices: 20 });
    // 17 distinct devices (two Intune records of one Mac may point to the same one).
    const targets = [
      ...new Set(
        tenant.graph.managedDevices
          .filter((d) => d.operatingSystem === 'macOS' && d.azureADDeviceId)
          .map((m) => tenant.graph.devices.find((d) => d.deviceId === m.azureADDeviceId)!),
      ),
    ].slice(0, 17);
    for (const e of targets) e.operatingSystem = 'Windows';
    return { tenant, targets };
  };
  // Requests to the devices collection less the filtered read's one page (the Macs fit in a page of 999).
  const fillRequests = (sim: Awaited<ReturnType<typeof startSimulator>>) =>
    sim.log.filter((l) => l.path === '/v1.0/devices').length - 1;
  for (const refuse of [false, true]) {
    it(
      refuse ? 'where `in` is refused: one id a request, the same devices' : '15 ids a request: 2 requests',
      async () => {
        const { tenant, targets } = setUp();
        expect(targets.length).toBe(17);
        const sim = await startSimulator({ tenant, ...(refuse ? { graphRefuseIn: ['devices'] } : {}) });
        const dir = await mkdtemp(join(tmpdir(), 'jidoctor-fill-'));
        try {
          await collectLive({ config: liveConfigFor(sim), outDir: dir, http: FAST_HTTP });
          const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).datasets[ENTRA];
          expect(m.status).toBe('complete');
          const held = new Set(
            readdirSync(join(dir, ENTRA)).flatMap((n) =>
              (
                JSON.parse(readFileSync(join(dir, ENTRA, n), 'utf8')) as { value: Array<{ deviceId: string }> }
              ).value.map((d) => d.deviceId),
            ),
          );
          for (const t of targets) expect(held.has(String(t.deviceId))).toBe(true);
          // Refused: the two `in` requests, then 17 by eq.
          expect(fillRequests(sim)).toBe(refuse ? 2 + 17 : 2);
        } finally {
          await sim.close();
          await cleanup({ dir });
        }
      },
    );
  }
});

describe("the simulator's $filter, as Graph takes it", () => {
  const rec = (operatingSystem: string | null, managementAgent = 'mdm') => ({ operatingSystem, managementAgent });
  it('eq and startswith, or-ed, case-insensitive; anything else is refused', () => {
    const f = parseFilter("operatingSystem eq 'macOS' or managementAgent eq 'jamf'", [
      'operatingSystem',
      'managementAgent',
    ]);
    expect(typeof f).toBe('function');
    const keep = f as (r: Record<string, unknown>) => boolean;
    expect(keep(rec('macOS'))).toBe(true);
    expect(keep(rec('MACOS'))).toBe(true);
    expect(keep(rec('Windows'))).toBe(false);
    expect(keep(rec(null, 'jamf'))).toBe(true);
    expect(keep(rec('macOS X'))).toBe(false);
    const sw = parseFilter("startswith(operatingSystem,'Mac')", ['operatingSystem']) as (
      r: Record<string, unknown>,
    ) => boolean;
    expect([sw(rec('MacMDM')), sw(rec('macOS')), sw(rec('iMac?')), sw(rec(null))]).toEqual([true, true, false, false]);
    expect(parseFilter(null, ['operatingSystem'])).toBeNull();
    expect(parseFilter("deviceName eq 'x'", ['operatingSystem'])).toEqual({
      error: "Unsupported or invalid query filter clause specified for property 'deviceName'.",
    });
    expect(parseFilter('operatingSystem ne macOS', ['operatingSystem'])).toEqual({
      error: 'Invalid filter clause: operatingSystem ne macOS',
    });
  });
});
