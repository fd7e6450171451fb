import { afterAll, describe, expect, it } from 'vitest';
import type { SimTenant } from '../../sim/index.js';
import { batchesOf, type LookupProp, lookupItems } from '../../src/collect/graph/users.js';
import { cleanup, type RoundTrip, roundTrip } from './harness.js';
import { minimumRequests as minimum, pages } from './minimum.js';

/**
 * The `$batch` requests of the users look-up (docs/live-collection.md): by id the Jamf accounts' Entra user ids;
 * by UPN the Jamf e-mails and Intune UPNs that no user read by id holds as UPN; by mail those still without one.
 */
function userLookupBatches(t: SimTenant): number {
  const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const ids = new Set(
    t.jamf.computers.flatMap((c) =>
      c.accounts.map((a) => a.userAzureActiveDirectoryId).filter((id): id is string => !!id && GUID.test(id)),
    ),
  );
  const names = new Set(
    [
      ...t.jamf.computers.map((c) => c.email),
      ...t.graph.managedDevices.filter((d) => d.operatingSystem === 'macOS').map((d) => d.userPrincipalName),
    ]
      .filter((n): n is string => typeof n === 'string' && n.includes('@'))
      .map((n) => n.trim().toLowerCase()),
  );
  const upnOf = new Map(
    t.graph.users.map((u) => [String(u.id).toLowerCase(), String(u.userPrincipalName).toLowerCase()]),
  );
  const allUpns = new Set(upnOf.values());
  const held = new Set([...ids].map((id) => upnOf.get(id.toLowerCase())).filter((u): u is string => !!u));
  const byUpn = [...names].filter((n) => !held.has(n));
  for (const n of byUpn) if (allUpns.has(n)) held.add(n);
  const byMail = [...names].filter((n) => !held.has(n));
  const batches = (prop: LookupProp, values: string[]) => batchesOf(lookupItems(prop, values, 1, true)).length;
  return batches('id', [...ids]) + batches('userPrincipalName', byUpn) + batches('mail', byMail);
}

/**
 * Request count. For a tenant, the minimum number of data requests the APIs allow is
 *
 *   Graph  = Σ_top-level datasets max(1, ⌈n_d / p_d⌉)                  (one page at least, even when empty)
 *          + Σ_groups named by assignments (1 + max(1, ⌈members_g / 999⌉))
 *          + Σ_Jamf service principals max(1, ⌈assignments_s / 999⌉)
 *          + 2 (the delta links of Entra devices and users, `$deltatoken=latest`, for the next `collect --since`)
 *   with p_d = 1000 for Intune managedDevices (no $top), 999 for directory objects ($top=999),
 *        100 for the small Intune collections and Conditional Access, 1000 for subscribedSkus;
 *   Jamf   = 1 (version) + 1 (check-in) + max(1, ⌈N / 2000⌉) (inventory, page-size 2000, newest version offered)
 *          + N (one compliance-information request per computer, Device Compliance mode only)
 *          + the Device Compliance registration reads of the Macs in question (minimum.ts sectionRequests);
 *   plus the sign-ins: 1 token POST to Entra ID (MSAL's cached metadata needs no other request),
 *   1 to Jamf Pro, and 1 invalidate for a Jamf user token.
 * The collector must make exactly that many requests without faults.
 */
const done: RoundTrip[] = [];
afterAll(async () => {
  await Promise.all(done.map(cleanup));
});

describe('request count', () => {
  for (const [mode, macs] of [
    ['legacy', 2600],
    ['device-compliance', 450],
  ] as const) {
    it(`${mode}, ${macs} Macs: exactly the minimum number of page requests`, async () => {
      const rt = await roundTrip(
        { seed: 7, macs, mode, jamfVersion: '11.31.0' },
        {
          jamfAuth: mode === 'legacy' ? 'oauth' : 'user',
          // A little latency so that concurrent requests overlap on the server.
          faults: { seed: 1, rules: [], latencyMs: 3 },
        },
      );
      done.push(rt);
      const whole = minimum(rt.sim.tenant);
      // Users are looked up (only the Macs' users) instead of read whole.
      const lookups = userLookupBatches(rt.sim.tenant);
      const min = { ...whole, graph: whole.graph - pages(rt.sim.tenant.graph.users.length, 999) + lookups };
      expect(rt.result.datasets['graph/v1.0/users']?.records).toBe(rt.sim.tenant.graph.users.length);
      const graphData = rt.sim.log.filter((l) => l.service === 'graph' && l.path.startsWith('/v1.0/')).length;
      const jamfData = rt.sim.log.filter(
        (l) => l.service === 'jamf' && !l.path.startsWith('/api/oauth') && !l.path.startsWith('/api/v1/auth'),
      ).length;
      expect(graphData).toBe(min.graph);
      expect(jamfData).toBe(min.jamf);
      const tokenPosts = rt.sim.log.filter((l) => l.service === 'graph' && !l.path.startsWith('/v1.0/'));
      expect(tokenPosts.map((l) => `${l.method} ${l.path}`)).toEqual([
        `POST /${rt.sim.tenant.tenantId}/oauth2/v2.0/token`,
      ]);
      const jamfAuth = rt.sim.log.filter(
        (l) => l.service === 'jamf' && (l.path.startsWith('/api/oauth') || l.path.startsWith('/api/v1/auth')),
      );
      expect(jamfAuth.length).toBe(mode === 'legacy' ? 1 : 2);
      expect(rt.result.stats.graph.requests + rt.result.stats.jamf.requests).toBe(rt.sim.log.length);
      // Several pages really were followed, and never more than five requests at once went to Jamf Pro.
      expect(rt.result.datasets['jamf/api/v4/computers-inventory']?.records).toBe(macs);
      expect(rt.sim.jamfMaxInFlight()).toBeLessThanOrEqual(5);
      if (mode === 'device-compliance') expect(rt.sim.jamfMaxInFlight()).toBe(5);
    });
  }
});

describe('Jamf inventory version', () => {
  it('without the version, tries v4 → v1 and takes the first the server offers', async () => {
    const rt = await roundTrip(
      { seed: 2, macs: 10, mode: 'legacy', jamfVersion: '11.12.0' },
      { faults: { seed: 1, rules: [{ route: 'GET /api/v1/jamf-pro-version', rate503: 1, retryAfter: 0 }] } },
    );
    done.push(rt);
    expect(rt.result.datasets['jamf/api/v1/jamf-pro-version']?.status).toBe('failed');
    expect(rt.result.datasets['jamf/api/v2/computers-inventory']).toMatchObject({ status: 'complete', records: 10 });
    const tried = rt.sim.log.filter((l) => /computers-inventory$/.test(l.path)).map((l) => `${l.path} ${l.status}`);
    expect(tried).toEqual([
      '/api/v4/computers-inventory 404',
      '/api/v3/computers-inventory 404',
      '/api/v2/computers-inventory 200',
    ]);
  });
});
