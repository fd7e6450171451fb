import { describe, expect, it } from 'vitest';
import { TokenMint } from '../auth.js';
import { expireDeltaTokens, recordChange, touchTenant } from '../delta.js';
import { generateTenant } from '../tenant.js';
import { graphApp } from './app.js';

type Json = Record<string, unknown>;

/** The fake Graph's delta queries in-process (Hono app.request): the shapes the collector relies on. */
async function setup(options: { deltaMaxAgeMs?: number; roles?: string[] } = {}) {
  const { tenant } = generateTenant({ seed: 3, macs: 30, mode: 'legacy', otherDevices: 400, problems: [] });
  const mint = new TokenMint();
  const base = 'http://sim.test';
  const graph = graphApp({
    tenant,
    mint,
    baseUrl: () => base,
    clients: [{ clientId: 'app', secret: 's', roles: options.roles ?? ['Device.Read.All', 'User.Read.All'] }],
    ...(options.deltaMaxAgeMs != null ? { deltaMaxAgeMs: options.deltaMaxAgeMs } : {}),
  });
  const r = await graph.request(`/${tenant.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    body: 'grant_type=client_credentials&client_id=app&client_secret=s',
  });
  const token = ((await r.json()) as { access_token: string }).access_token;
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await graph.request(url.replace(base, ''), {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  };
  /** Every page of a round from `url`: the values and the final delta link. */
  const round = async (url: string, headers: Record<string, string> = {}) => {
    const values: Json[] = [];
    let pages = 0;
    for (let next: string | undefined = url; ; ) {
      const { status, body } = await get(next, headers);
      expect(status).toBe(200);
      pages++;
      values.push(...(body.value as Json[]));
      expect(body['@odata.nextLink'] && body['@odata.deltaLink']).toBeFalsy();
      if (typeof body['@odata.nextLink'] === 'string') next = body['@odata.nextLink'];
      else return { values, pages, deltaLink: body['@odata.deltaLink'] as string };
    }
  };
  return { tenant, get, round, base };
}

describe("the simulator's Graph delta queries", () => {
  it('the first round pages every object (200 a page) with $select kept in the tokens, then a delta link', async () => {
    const s = await setup();
    const r = await s.round('/v1.0/devices/delta?$select=displayName,operatingSystem');
    expect(r.values.length).toBe(s.tenant.graph.devices.length);
    expect(r.pages).toBe(Math.ceil(s.tenant.graph.devices.length / 200));
    expect(Object.keys(r.values[0]!).sort()).toEqual(['displayName', 'id', 'operatingSystem']);
    expect(r.deltaLink).toMatch(/^http:\/\/sim\.test\/v1\.0\/devices\/delta\?\$deltatoken=[\w-]+\.[\w-]+$/);
    // Nothing changed since: an empty round.
    expect((await s.round(r.deltaLink)).values).toEqual([]);
  });

  it('$deltatoken=latest: a delta link and no object; then created, changed and deleted objects', async () => {
    const s = await setup();
    const latest = await s.get(
      '/v1.0/devices/delta?$select=displayName,operatingSystem,isCompliant&$deltatoken=latest',
    );
    expect(latest.body.value).toEqual([]);
    const g = s.tenant.graph.devices;
    const [a, b] = [g[0]!, g[1]!];
    a.displayName = 'renamed';
    recordChange(s.tenant, 'devices', String(a.id), ['displayName']);
    g.splice(1, 1);
    recordChange(s.tenant, 'devices', String(b.id), null);
    g.push({ id: 'new-1', displayName: 'NEW', operatingSystem: 'macOS', isCompliant: null });
    recordChange(s.tenant, 'devices', 'new-1', null);
    const r = await s.round(latest.body['@odata.deltaLink'] as string);
    expect(r.values).toEqual([
      // A changed object comes with all its selected properties (devices: no minimal form).
      { id: a.id, displayName: 'renamed', operatingSystem: a.operatingSystem, isCompliant: a.isCompliant },
      { id: b.id, '@removed': { reason: 'deleted' } },
      // A property never set is left out.
      { id: 'new-1', displayName: 'NEW', operatingSystem: 'macOS' },
    ]);
  });

  it('users: Prefer return=minimal gives only the changed properties; a deleted user is removed as "changed"', async () => {
    const s = await setup();
    const latest = await s.get('/v1.0/users/delta?$select=displayName,accountEnabled,assignedPlans&$deltatoken=latest');
    const u = s.tenant.graph.users;
    u[0]!.accountEnabled = false;
    recordChange(s.tenant, 'users', String(u[0]!.id), ['accountEnabled']);
    const gone = u.splice(1, 1)[0]!;
    recordChange(s.tenant, 'users', String(gone.id), null);
    const link = latest.body['@odata.deltaLink'] as string;
    const minimal = await s.round(link, { prefer: 'return=minimal' });
    expect(minimal.values).toEqual([
      { id: u[0]!.id, accountEnabled: false },
      { id: gone.id, '@removed': { reason: 'changed' } },
    ]);
    const whole = await s.round(link);
    expect(Object.keys(whole.values[0]!).sort()).toEqual(['accountEnabled', 'assignedPlans', 'displayName', 'id']);
  });

  it('$filter only by id; 400 for anything else, as the delta function documents', async () => {
    const s = await setup();
    const bad = await s.get(`/v1.0/devices/delta?$filter=${encodeURIComponent("startswith(operatingSystem,'Mac')")}`);
    expect(bad.status).toBe(400);
    const id = String(s.tenant.graph.devices[5]!.id);
    const one = await s.round(`/v1.0/devices/delta?$filter=${encodeURIComponent(`id eq '${id}'`)}`);
    expect(one.values.map((v) => v.id)).toEqual([id]);
  });

  it('expired links: 400 syncStateNotFound (epoch or age), 410 Gone with Location after a reset; a bad token 400', async () => {
    const s = await setup();
    const link = (await s.get('/v1.0/devices/delta?$select=displayName&$deltatoken=latest')).body[
      '@odata.deltaLink'
    ] as string;
    expireDeltaTokens(s.tenant, 'expired');
    const expired = await s.get(link);
    expect(expired.status).toBe(400);
    expect(expired.body.error).toMatchObject({
      code: 'syncStateNotFound',
      message:
        'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
    });
    const fresh = (await s.get('/v1.0/devices/delta?$select=displayName&$deltatoken=latest')).body[
      '@odata.deltaLink'
    ] as string;
    expireDeltaTokens(s.tenant, 'reset');
    const reset = await s.get(fresh);
    expect(reset.status).toBe(410);
    expect(reset.headers.get('location')).toBe('http://sim.test/v1.0/devices/delta?$select=displayName');
    // A token of devices is not one of users, and a forged one is refused.
    const users = (await s.get('/v1.0/users/delta?$deltatoken=latest')).body['@odata.deltaLink'] as string;
    expect((await s.get(users.replace('/users/', '/devices/'))).status).toBe(400);
    expect((await s.get('/v1.0/devices/delta?$deltatoken=abc.def')).status).toBe(400);
    const old = await setup({ deltaMaxAgeMs: -1 });
    const l2 = (await old.get('/v1.0/devices/delta?$deltatoken=latest')).body['@odata.deltaLink'] as string;
    expect((await old.get(l2)).body.error).toMatchObject({ code: 'syncStateNotFound' });
  });

  it('needs the read permission of the collection; touchTenant records what it changed', async () => {
    const s = await setup({ roles: ['User.Read.All'] });
    expect((await s.get('/v1.0/devices/delta?$deltatoken=latest')).status).toBe(403);
    const latest = await s.get('/v1.0/users/delta?$deltatoken=latest');
    const t = touchTenant(s.tenant, { fraction: 0.1, seed: 1 });
    const r = await s.round(latest.body['@odata.deltaLink'] as string);
    expect(r.values.length).toBe(t.users.changed + t.users.removed + t.users.added);
    expect(r.values.filter((v) => v['@removed']).length).toBe(t.users.removed);
  });
});
