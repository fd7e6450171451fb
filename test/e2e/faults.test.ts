import { afterAll, describe, expect, it } from 'vitest';
import type { FaultPlan } from '../../sim/index.js';
import { CHECKS } from '../../src/checks/index.js';
import { GRAPH_FILTERS } from '../../src/collect/graph/collect.js';
import { cleanup, type RoundTrip, roundTrip } from './harness.js';
import { compareWithTruth } from './truth.js';

/**
 * The round trip with faults: 429 with Retry-After, 503, connection resets and truncated bodies on every route.
 * Each dataset must hold exactly the records of a fault-free run, or say `partial`/`failed` in the manifest and
 * make the checks that need it could-not-check; a verdict is never wrong.
 */
const done: RoundTrip[] = [];
afterAll(async () => {
  await Promise.all(done.map(cleanup));
});

function plan(
  seed: number,
  rates: Partial<Record<'rate429' | 'rate503' | 'rateReset' | 'rateTruncate', number>>,
): FaultPlan {
  // Token endpoints included: MSAL's traffic goes through the same retrying HTTP layer.
  return { seed, rules: [{ route: '.', retryAfter: 0, ...rates }] };
}

async function compare(
  seed: number,
  mode: 'legacy' | 'device-compliance',
  faults: FaultPlan,
): Promise<{ retries: number; partial: number }> {
  const gen = { seed, macs: 30, mode, perProblem: 1, now: Date.now() } as const;
  const [clean, faulty] = await Promise.all([roundTrip(gen), roundTrip(gen, { faults })]);
  done.push(clean, faulty);
  let partial = 0;
  for (const [path, e] of Object.entries(faulty.result.datasets)) {
    const ref = clean.result.datasets[path];
    if (e.status === 'complete') {
      expect(ref?.status, `${path} seed ${seed}`).toBe('complete');
      expect(e.records, `${path} seed ${seed}`).toBe(ref?.records);
    } else if (e.status === 'skipped') {
      // Skipped by design (per-computer compliance information in legacy mode), faults or not.
      expect(ref?.status, `${path} seed ${seed}`).toBe('skipped');
    } else {
      partial++;
      expect(['partial', 'failed']).toContain(e.status);
    }
  }
  // Never a wrong verdict: nothing reported beyond the truth; a missing truth only where the check could not check.
  const { missing, extra } = compareWithTruth(faulty.report, faulty.truth);
  expect(extra, `seed ${seed}`).toEqual([]);
  for (const m of missing) {
    const id = m.split(' ')[0]!;
    expect(faulty.report.checks.find((c) => c.id === id)?.outcome, `${m} seed ${seed}`).toBe('cannotCheck');
  }
  if (partial === 0) expect(compareWithTruth(faulty.report, faulty.truth)).toEqual({ missing: [], extra: [] });
  // Same records as the fault-free run, dataset by dataset, where complete.
  const strip = (rt: RoundTrip) => ({
    managedDevices: rt.collected.managedDevices,
    devices: rt.collected.devices,
    computers: rt.collected.computers,
    users: rt.collected.users.map((u) => ({ ...u, enabledPlans: [...u.enabledPlans].sort() })),
    jamfCompliance: rt.collected.jamfCompliance,
  });
  if (partial === 0) expect(strip(faulty)).toEqual(strip(clean));
  const s = faulty.result.stats;
  return { retries: s.graph.retries + s.jamf.retries, partial };
}

describe('collection under faults', () => {
  it('429 with Retry-After, 503, resets and truncated bodies: same records, or partial and could-not-check', async () => {
    let retries = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const mode = seed % 2 ? 'legacy' : 'device-compliance';
      const r = await compare(
        seed,
        mode,
        plan(seed, { rate429: 0.08, rate503: 0.08, rateReset: 0.05, rateTruncate: 0.05 }),
      );
      retries += r.retries;
    }
    expect(retries).toBeGreaterThan(10);
  });

  it('20 seeds × both modes under faults: every complete dataset holds all the tenant’s records; verdicts never wrong', async () => {
    const sizes = (rt: RoundTrip): Record<string, number> => {
      const g = rt.sim.tenant.graph;
      // Intune and Entra are read filtered to what can be a Mac (docs/live-collection.md): every such record.
      const macsIntune = g.managedDevices.filter(GRAPH_FILTERS.managedDevices!.local);
      const pointedTo = new Set([
        ...macsIntune.map((d) => String(d.azureADDeviceId)),
        ...rt.sim.tenant.jamf.computers.flatMap((c) => c.accounts.map((a) => String(a.computerAzureActiveDirectoryId))),
      ]);
      return {
        'graph/v1.0/deviceManagement/managedDevices': macsIntune.length,
        'graph/v1.0/devices': g.devices.filter(
          (d) => GRAPH_FILTERS.devices!.local(d) || pointedTo.has(String(d.deviceId)),
        ).length,
        'graph/v1.0/users': g.users.length,
        'graph/v1.0/servicePrincipals': g.servicePrincipals.length,
        'graph/v1.0/applications': g.applications.length,
        'graph/v1.0/deviceManagement/deviceCompliancePolicies': g.deviceCompliancePolicies.length,
        'graph/v1.0/identity/conditionalAccess/policies': g.conditionalAccessPolicies.length,
      };
    };
    let retries = 0;
    let partials = 0;
    for (const mode of ['legacy', 'device-compliance'] as const) {
      for (let i = 1; i <= 20; i += 5) {
        const batch = await Promise.all(
          [i, i + 1, i + 2, i + 3, i + 4].map((seed) =>
            roundTrip(
              { seed, macs: 20, mode },
              { faults: plan(seed * 31, { rate429: 0.06, rate503: 0.06, rateReset: 0.04, rateTruncate: 0.04 }) },
            ),
          ),
        );
        for (const rt of batch) {
          done.push(rt);
          retries += rt.result.stats.graph.retries + rt.result.stats.jamf.retries;
          for (const [path, n] of Object.entries(sizes(rt))) {
            const e = rt.result.datasets[path]!;
            if (e.status === 'complete') expect(e.records, path).toBe(n);
            else partials++;
          }
          const inv = Object.entries(rt.result.datasets).find(([k]) => k.endsWith('/computers-inventory'))![1];
          if (inv.status === 'complete') expect(inv.records).toBe(rt.sim.tenant.jamf.computers.length);
          const { missing, extra } = compareWithTruth(rt.report, rt.truth);
          expect(extra).toEqual([]);
          for (const m of missing)
            expect(rt.report.checks.find((c) => c.id === m.split(' ')[0])?.outcome).toBe('cannotCheck');
        }
      }
    }
    expect(retries).toBeGreaterThan(40);
    expect(partials).toBeLessThan(5);
  });

  it('paging under faults: several Graph pages and concurrent Jamf pages, every record exactly once', async () => {
    // 2100 Macs: three Intune pages, three Entra pages, two Jamf inventory pages fetched concurrently.
    const gen = { seed: 17, macs: 2100, mode: 'legacy', perProblem: 1 } as const;
    const faults = plan(17, { rate429: 0.1, rate503: 0.1, rateReset: 0.05, rateTruncate: 0.05 });
    const [clean, faulty] = await Promise.all([roundTrip(gen), roundTrip(gen, { faults })]);
    done.push(clean, faulty);
    const retries = faulty.result.stats.graph.retries + faulty.result.stats.jamf.retries;
    expect(retries).toBeGreaterThan(0);
    for (const [path, e] of Object.entries(faulty.result.datasets)) {
      const ref = clean.result.datasets[path]!;
      if (e.status === 'complete') {
        expect(e.records, path).toBe(ref.records);
      } else expect(['partial', 'failed', 'skipped']).toContain(e.status);
    }
    // More than 2000 Intune records: Graph serves them in pages of 1000, so the nextLink chain was followed.
    const md = faulty.result.datasets['graph/v1.0/deviceManagement/managedDevices']!;
    expect(clean.result.datasets['graph/v1.0/deviceManagement/managedDevices']!.records).toBeGreaterThan(2000);
    if (md.status !== 'complete') expect(md.status).toBe('partial');
    // Same records, record for record, where complete: the collected snapshots diagnose alike.
    const { extra } = compareWithTruth(faulty.report, faulty.truth);
    expect(extra).toEqual([]);
  });

  it('truncated bodies alone are retried until whole', async () => {
    const r = await compare(11, 'legacy', plan(11, { rateTruncate: 0.3 }));
    expect(r.retries).toBeGreaterThan(0);
  });

  it('a dataset that keeps failing is partial, and its checks say could not check', async () => {
    const faults: FaultPlan = {
      seed: 3,
      rules: [{ route: 'GET /v1\\.0/deviceManagement/managedDevices\\?.*skiptoken', rate503: 1, retryAfter: 0 }],
    };
    // 1200 Macs: managedDevices has two pages; the second never succeeds.
    const rt = await roundTrip({ seed: 3, macs: 1200, mode: 'legacy', perProblem: 1 }, { faults });
    done.push(rt);
    const e = rt.result.datasets['graph/v1.0/deviceManagement/managedDevices']!;
    expect(e.status).toBe('partial');
    expect(e.error).toMatch(/page 2: HTTP 503/);
    // The checks of this legacy tenant (L) that need the Intune devices; the others are not applicable.
    const applies = (x: (typeof CHECKS)[number]) =>
      (x.modes === 'any' || x.modes.includes('legacy')) && (!x.states || x.states.includes('L'));
    for (const c of CHECKS.filter(
      (x) => applies(x) && x.requires.includes('graph/v1.0/deviceManagement/managedDevices'),
    )) {
      const out = rt.report.checks.find((x) => x.id === c.id)!;
      expect(out.outcome, c.id).toBe('cannotCheck');
      expect(out.reason?.kind).toBe('partial');
    }
    expect(compareWithTruth(rt.report, rt.truth).extra).toEqual([]);
  });
});
