import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaultPlan, GenerateOptions, SimulatorOptions } from '../../sim/index.js';
import { ALL_GRAPH_ROLES, generateTenant, startSimulator } from '../../sim/index.js';
import type { SimTenant } from '../../sim/tenant.js';
import type { CollectResult } from '../../src/collect/collect.js';
import { diagnoseCollected } from '../../src/diagnose.js';
import { collectLive } from '../../src/live.js';
import type { Report } from '../../src/report/types.js';
import type { ManifestEntry } from '../../src/snapshot/writer.js';
import { cleanup, FAST_HTTP, liveConfigFor } from './harness.js';

/**
 * Only the users that matter (issue 16): unless --full, the collector reads only the users the Macs' Jamf and Intune
 * records name, by $batch of `$filter=… in (…)` look-ups, and every Mac gets the diagnosis the whole read gives.
 */
const USERS = 'graph/v1.0/users';
const LICENCES = ['licenses/intune-missing', 'licenses/entra-p1-missing'];

interface Run {
  dir: string;
  report: Report;
  result: CollectResult;
  users: ManifestEntry;
  /** Requests the simulator served in this run: all of them, and the $batch ones. */
  requests: number;
  batches: number;
  /** Whole reads of the users collection (GET /v1.0/users outside a batch). */
  wholeUserReads: number;
  /** Items of the batches the simulator answered 429 (per-item faults). */
  injected429: number;
}

async function collect(
  tenant: SimTenant,
  full: boolean,
  sim: Partial<SimulatorOptions> = {},
  faults?: FaultPlan,
): Promise<Run> {
  const s = await startSimulator({ tenant, ...sim, ...(faults ? { faults } : {}) });
  const dir = await mkdtemp(join(tmpdir(), 'jidoctor-users-'));
  try {
    const { collected, result } = await collectLive({ config: liveConfigFor(s), outDir: dir, http: FAST_HTTP, full });
    const report = diagnoseCollected(collected, { kind: 'live', path: dir }).report;
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      datasets: Record<string, ManifestEntry>;
    };
    const graph = s.log.filter((l) => l.service === 'graph');
    return {
      dir,
      report,
      result,
      users: manifest.datasets[USERS]!,
      requests: graph.length,
      batches: graph.filter((l) => l.method === 'POST' && l.path === '/v1.0/$batch').length,
      wholeUserReads: graph.filter((l) => l.method === 'GET' && l.path === '/v1.0/users').length,
      injected429: s.faults.graph.injected['429'] ?? 0,
    };
  } finally {
    await s.close();
  }
}

/** What the diagnosis says: each check's outcome, findings and coverage, and each Mac's findings. */
function diagnosis(r: Report) {
  const perMac = new Map<string, string[]>();
  for (const f of r.findings)
    for (const s of f.subjects)
      if (s.kind === 'mac') perMac.set(s.id, [...(perMac.get(s.id) ?? []), `${f.checkId}:${f.messageId}`].sort());
  return {
    checks: r.checks.map(
      (c) =>
        `${c.id}:${c.outcome}:${c.findings}:${c.coverage ? `${c.coverage.checked}/${c.coverage.unknown}:${[...c.coverage.reasons].sort().join('|')}` : ''}`,
    ),
    findings: r.findings.map((f) => f.fingerprint).sort(),
    perMac: [...perMac.entries()].sort(),
  };
}

const licenceOutcomes = (r: Report) => r.checks.filter((c) => LICENCES.includes(c.id)).map((c) => c.outcome);

const MIXED = (mode: 'legacy' | 'device-compliance'): GenerateOptions => ({
  seed: 16,
  macs: 40,
  mode,
  extraUsers: 300,
  otherDevices: 20,
  problems: [
    ...LICENCES,
    'jamf/check-in-overdue',
    'jamf/entra-registration-deactivated',
    ...(mode === 'legacy' ? ['compliance/intune-entra-mismatch'] : ['compliance/jamf-entra-mismatch']),
  ],
  perProblem: 2,
});

describe('users by look-up on a mixed tenant (40 Macs, 300 people without a Mac)', () => {
  for (const mode of ['legacy', 'device-compliance'] as const) {
    it(`reads only the Macs' users and diagnoses every Mac as the whole read does (${mode})`, async () => {
      const { tenant } = generateTenant(MIXED(mode));
      const full = await collect(tenant, true);
      const batched = await collect(tenant, false);
      try {
        expect(batched.report.mode.detected).toBe(mode);
        expect(diagnosis(batched.report)).toEqual(diagnosis(full.report));
        // The licence checks found the injected unlicensed users: the look-up read them with their plans.
        expect(batched.report.findings.filter((f) => LICENCES.includes(f.checkId)).length).toBe(4);
        expect(full.users.records).toBe(340);
        expect(full.users.lookup).toBeUndefined();
        expect(batched.users).toMatchObject({ status: 'complete', records: 40 });
        const l = batched.users.lookup!;
        // 38 Macs' accounts name their user's id (2 registrations deactivated); 40 e-mails/UPNs (the same strings).
        expect(l).toMatchObject({ asked: 78, found: 78, notFound: 0, failed: 0 });
        // Advanced queries: the 38 ids in 1 look-up; the 2 names no user read by id holds as UPN: 1; by mail: none.
        expect(l.advanced).toBe(true);
        expect(l.requests).toBe(2);
        expect(l.batches).toBe(2);
        expect(batched.batches).toBe(2);
        expect(batched.wholeUserReads).toBe(0);
        expect(full.wholeUserReads).toBe(1);
        expect(full.batches).toBe(0);
        // What the users weigh on disk: the 300 people without a Mac are not read.
        const stats = (r: Run) => r.result.stats.graph.bytes;
        expect(stats(batched)).toBeLessThan(stats(full));
      } finally {
        await cleanup(full);
        await cleanup(batched);
      }
    });
  }

  it('a Mac whose user is not in Entra, and one whose e-mail is only a mail: same verdicts as the whole read', async () => {
    const { tenant } = generateTenant(MIXED('legacy'));
    const users = tenant.graph.users;
    const computers = tenant.jamf.computers;
    // The first Mac's user left the directory.
    const gone = users.findIndex((u) => u.userPrincipalName === computers[0]!.email);
    const goneUpn = String(users[gone]!.userPrincipalName);
    users.splice(gone, 1);
    // The second Mac's user signs in with another UPN; Jamf and Intune know the person by the e-mail address.
    const renamed = users.find((u) => u.userPrincipalName === computers[1]!.email)!;
    renamed.userPrincipalName = 'renamed.person@contoso.onmicrosoft.example';
    for (const a of computers[1]!.accounts) a.userAzureActiveDirectoryId = null;
    const full = await collect(tenant, true);
    const batched = await collect(tenant, false);
    try {
      expect(diagnosis(batched.report)).toEqual(diagnosis(full.report));
      const l = batched.users.lookup!;
      expect(batched.users.status).toBe('complete');
      expect(batched.users.records).toBe(39);
      // The gone user's id and name are not found; the renamed person is found by mail, in a round of its own.
      expect(l.notFound).toBe(2);
      expect(l.found).toBe(l.asked - 2);
      // ids: 37 (2 deactivated, 1 cleared) in 1; the 4 names no user read holds as UPN in 1; by mail the 2 still
      // without a UPN holder in 1.
      expect(l.requests).toBe(3);
      const reasons = batched.report.checks.find((c) => c.id === 'licenses/intune-missing')!.coverage!.reasons;
      expect(reasons.some((r) => r.includes(`${goneUpn.toLowerCase()} (user of`))).toBe(true);
      expect(licenceOutcomes(batched.report)).toEqual(['fail', 'fail']);
    } finally {
      await cleanup(full);
      await cleanup(batched);
    }
  });
});

describe('per-item faults in a $batch', () => {
  const tenant = () => generateTenant(MIXED('legacy')).tenant;

  it('a throttled look-up (429 with Retry-After) is retried alone, and the diagnosis is the same', async () => {
    const t = tenant();
    const plain = await collect(t, false);
    const faulty = await collect(
      t,
      false,
      {},
      {
        seed: 1,
        rules: [{ route: '^GET /v1\\.0/users\\?\\$filter=', nth: [1, 2, 4], nthKind: '429', retryAfter: 0 }],
      },
    );
    try {
      expect(faulty.injected429).toBe(3);
      expect(faulty.users.status).toBe('complete');
      expect(diagnosis(faulty.report)).toEqual(diagnosis(plain.report));
      // Only the throttled items were sent again: 3 more look-ups, in more batches than without faults.
      expect(faulty.users.lookup!.requests).toBe(plain.users.lookup!.requests + 3);
      expect(faulty.users.lookup!.batches).toBeGreaterThan(plain.users.lookup!.batches);
      expect(faulty.result.stats.graph.reasons['429']).toBe(3);
    } finally {
      await cleanup(plain);
      await cleanup(faulty);
    }
  });

  it('a look-up that keeps failing: users partial with the reason, the licence checks could not check', async () => {
    const t = tenant();
    const faulty = await collect(
      t,
      false,
      {},
      {
        seed: 1,
        // Every look-up fails, whatever its property (a failed key is unknown only if no other look-up read its user).
        rules: [{ route: '^GET /v1\\.0/users\\?\\$filter=', rate503: 1, retryAfter: 0 }],
      },
    );
    try {
      expect(faulty.users.status).toBe('partial');
      expect(faulty.users.error).toMatch(/the look-up of \d+ of the \d+ user keys of the Macs failed \(HTTP 503/);
      expect(faulty.users.lookup!.failed).toBeGreaterThan(0);
      for (const c of faulty.report.checks.filter((x) => LICENCES.includes(x.id))) {
        expect(c.outcome).toBe('cannotCheck');
        expect(c.reason?.kind).toBe('partial');
        expect(c.reason?.detail).toMatch(/look-up/);
      }
    } finally {
      await cleanup(faulty);
    }
  });

  it('without the permission to read users (403 items): users forbidden, naming the permission', async () => {
    const t = tenant();
    const roles = ALL_GRAPH_ROLES.filter((r) => r !== 'User.Read.All' && r !== 'Directory.Read.All');
    const denied = await collect(t, false, { graphRoles: roles });
    try {
      expect(denied.users).toMatchObject({ status: 'forbidden', httpStatus: 403, needs: ['User.Read.All'] });
      for (const c of denied.report.checks.filter((x) => LICENCES.includes(x.id))) {
        expect(c.outcome).toBe('cannotCheck');
        expect(c.reason?.kind).toBe('forbidden');
      }
    } finally {
      await cleanup(denied);
    }
  });

  it('Graph refuses advanced queries (400): 15 values a look-up, said in the manifest, same diagnosis', async () => {
    const t = tenant();
    const plain = await collect(t, false);
    const refused = await collect(t, false, { graphRefuseAdvancedQueries: true });
    try {
      expect(refused.users).toMatchObject({ status: 'complete', records: 40 });
      const l = refused.users.lookup!;
      expect(l.advanced).toBe(false);
      expect(l.advancedRefused).toMatch(/Advanced queries/);
      // The first advanced look-up (38 ids) refused, then the ids 15 a look-up (3), then the 2 names (1).
      expect(l.requests).toBe(1 + 3 + 1);
      expect(l).toMatchObject({ asked: 78, found: 78, failed: 0 });
      expect(diagnosis(refused.report)).toEqual(diagnosis(plain.report));
    } finally {
      await cleanup(plain);
      await cleanup(refused);
    }
  });

  it('Graph refuses the look-up filter (400): users read whole, said in the manifest, same diagnosis', async () => {
    const t = tenant();
    const full = await collect(t, true);
    const refused = await collect(t, false, { graphRefuseFilters: ['users'] });
    try {
      expect(refused.users.status).toBe('complete');
      expect(refused.users.records).toBe(340);
      expect(refused.users.lookup!.refused).toMatch(/filter/);
      expect(refused.wholeUserReads).toBe(1);
      expect(diagnosis(refused.report)).toEqual(diagnosis(full.report));
    } finally {
      await cleanup(full);
      await cleanup(refused);
    }
  });
});

describe("the simulator's $batch and users `in` filter, as Graph answers them", () => {
  it('at most 20 requests (else 400 with an error body), each answered by id with its own status and headers', async () => {
    const { tenant } = generateTenant({ seed: 3, macs: 5, mode: 'legacy' });
    const sim = await startSimulator({
      tenant,
      faults: { seed: 1, rules: [{ route: '^GET /v1\\.0/users/throttled', nth: [1], nthKind: '429', retryAfter: 7 }] },
    });
    try {
      const c = sim.credentials;
      const tok = await fetch(`${sim.loginUrl}/${c.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: c.clientId,
          client_secret: c.clientSecret,
          scope: 'https://graph.microsoft.com/.default',
        }),
      });
      const token = ((await tok.json()) as { access_token: string }).access_token;
      const post = async (requests: unknown[]) => {
        const r = await fetch(`${sim.graphUrl}/v1.0/$batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ requests }),
        });
        return { status: r.status, body: (await r.json()) as Record<string, unknown> };
      };
      const get = (id: string, url: string) => ({ id, method: 'GET', url });
      const tooMany = await post(Array.from({ length: 21 }, (_, i) => get(String(i + 1), '/organization')));
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error).toMatchObject({ code: 'BadRequest' });
      expect((await post([get('1', '/organization'), get('1', '/organization')])).status).toBe(400);
      // Reads only here: a write in a batch is refused, so that a $batch in the request log is never a write.
      const before = tenant.graph.devices.length;
      const write = await post([{ id: '1', method: 'DELETE', url: `/devices/${tenant.graph.devices[0]!.id}` }]);
      expect(write.status).toBe(400);
      expect(tenant.graph.devices.length).toBe(before);

      const upns = tenant.graph.users.map((u) => String(u.userPrincipalName));
      const inOf = (vals: string[]) =>
        `/users?$filter=${encodeURIComponent(`userPrincipalName in (${vals.map((v) => `'${v.toUpperCase()}'`).join(',')})`)}&$select=id,userPrincipalName`;
      const sixteen = Array.from({ length: 16 }, (_, i) => upns[i % upns.length]!);
      const ok = await post([
        get('a', inOf(upns.slice(0, 2))),
        get('b', inOf(sixteen)),
        get('c', '/users/throttled'),
        get('d', '/users?$filter=displayName%20in%20(%27x%27)'),
      ]);
      expect(ok.status).toBe(200);
      const byId = new Map(
        (ok.body.responses as Array<{ id: string; status: number; headers: Record<string, string>; body: never }>).map(
          (r) => [r.id, r],
        ),
      );
      expect([...byId.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
      // Case-insensitive, as the directory compares strings; only the users named.
      expect(
        (byId.get('a')!.body as { value: Array<{ userPrincipalName: string }> }).value.map((u) => u.userPrincipalName),
      ).toEqual(upns.slice(0, 2));
      // 16 values: Graph's 15-clause limit.
      expect(byId.get('b')!.status).toBe(400);
      expect(byId.get('b')!.body).toMatchObject({
        error: {
          code: 'Request_UnsupportedQuery',
          message:
            "Too many child clauses specified in search filter expression containing 'OR' operators: 16. Max allowed: 15.",
        },
      });
      // The fault rules apply per item: a throttled item has its own 429 and Retry-After.
      expect(byId.get('c')!.status).toBe(429);
      expect(byId.get('c')!.headers['Retry-After']).toBe('7');
      // A property the users collection does not filter on here.
      expect(byId.get('d')!.status).toBe(400);
    } finally {
      await sim.close();
    }
  });
});
