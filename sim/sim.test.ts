import { describe, expect, it } from 'vitest';
import { TokenMint } from './auth.js';
import { graphApp } from './graph/app.js';
import { jamfApp } from './jamf/app.js';
import { generateTenant } from './tenant.js';

/** The fakes in-process (Hono app.request, no sockets): auth, paging, errors and the write paths. */
function setup(roles: string[], jamfVersion = '11.12.0', privileges = ['Read Computers', 'Delete Computers']) {
  const { tenant } = generateTenant({ seed: 9, macs: 1500, mode: 'legacy', jamfVersion, problems: [] });
  const mint = new TokenMint();
  const base = 'http://sim.test';
  const graph = graphApp({
    tenant,
    mint,
    baseUrl: () => base,
    clients: [{ clientId: 'app', secret: 's3cret', roles }],
  });
  const jamf = jamfApp({ tenant, mint, clients: [{ kind: 'oauth', id: 'jc', secret: 'js', privileges }] });
  const token = async () => {
    const r = await graph.request(`/${tenant.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: 'grant_type=client_credentials&client_id=app&client_secret=s3cret&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default',
    });
    return ((await r.json()) as { access_token: string }).access_token;
  };
  const jamfToken = async () => {
    const r = await jamf.request('/api/oauth/token', {
      method: 'POST',
      body: 'grant_type=client_credentials&client_id=jc&client_secret=js',
    });
    return ((await r.json()) as { access_token: string }).access_token;
  };
  return { tenant, graph, jamf, token, jamfToken };
}

describe('fake Microsoft Graph', () => {
  it('401 without a token; a wrong secret gets AADSTS7000215', async () => {
    const s = setup(['Device.Read.All']);
    expect((await s.graph.request('/v1.0/devices')).status).toBe(401);
    const bad = await s.graph.request(`/${s.tenant.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: 'grant_type=client_credentials&client_id=app&client_secret=nope',
    });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error_description: string }).error_description).toMatch(/^AADSTS7000215:/);
  });

  it('pages: Intune 1000, directory 100 by default and 999 at most; opaque skiptokens; $select', async () => {
    const s = setup(['Device.Read.All', 'DeviceManagementManagedDevices.Read.All']);
    const auth = { headers: { authorization: `Bearer ${await s.token()}` } };
    const md = (await (
      await s.graph.request('/v1.0/deviceManagement/managedDevices?$select=id,serialNumber', auth)
    ).json()) as Record<string, unknown> & { value: Array<Record<string, unknown>> };
    expect(md.value).toHaveLength(1000);
    expect(Object.keys(md.value[0]!).sort()).toEqual(['id', 'serialNumber']);
    const next = String(md['@odata.nextLink']);
    expect(next).toMatch(
      /^http:\/\/sim\.test\/v1\.0\/deviceManagement\/managedDevices\?\$select=id,serialNumber&\$skiptoken=/,
    );
    const page2 = (await (await s.graph.request(next.replace('http://sim.test', ''), auth)).json()) as {
      value: unknown[];
      '@odata.nextLink'?: string;
    };
    expect(page2.value.length).toBe(s.tenant.graph.managedDevices.length - 1000);
    expect(page2['@odata.nextLink']).toBeUndefined();
    expect(((await (await s.graph.request('/v1.0/devices', auth)).json()) as { value: unknown[] }).value).toHaveLength(
      100,
    );
    expect(
      ((await (await s.graph.request('/v1.0/devices?$top=5000', auth)).json()) as { value: unknown[] }).value,
    ).toHaveLength(999);
    const tampered = next
      .replace(/skiptoken=RFNwdAIAAQAAAD./, 'skiptoken=RFNwdAIAAQAAADx')
      .replace('http://sim.test', '');
    expect((await s.graph.request(tampered, auth)).status).toBe(400);
    expect((await s.graph.request('/v1.0/devices?$skip=10', auth)).status).toBe(400);
  });

  it('403 bodies: Intune JSON-in-a-string naming the scopes; directory Authorization_RequestDenied', async () => {
    const s = setup([]);
    const auth = { headers: { authorization: `Bearer ${await s.token()}` } };
    const intune = (await (await s.graph.request('/v1.0/deviceManagement/managedDevices', auth)).json()) as {
      error: { code: string; message: string };
    };
    expect(JSON.parse(intune.error.message).Message).toMatch(
      /must have one of the following scopes: DeviceManagementManagedDevices\.Read\.All/,
    );
    const dir = (await (await s.graph.request('/v1.0/users', auth)).json()) as { error: { code: string } };
    expect(dir.error.code).toBe('Authorization_RequestDenied');
  });

  it('write paths: DELETE managedDevices/{id}, PATCH and DELETE devices/{id}, each with its write permission', async () => {
    const ro = setup(['DeviceManagementManagedDevices.Read.All', 'Device.Read.All']);
    const roAuth = { authorization: `Bearer ${await ro.token()}` };
    const mdId = String(ro.tenant.graph.managedDevices[0]!.id);
    expect(
      (await ro.graph.request(`/v1.0/deviceManagement/managedDevices/${mdId}`, { method: 'DELETE', headers: roAuth }))
        .status,
    ).toBe(403);
    const rw = setup(['DeviceManagementManagedDevices.ReadWrite.All', 'Device.ReadWrite.All']);
    const h = { authorization: `Bearer ${await rw.token()}` };
    const n = rw.tenant.graph.managedDevices.length;
    expect(
      (
        await rw.graph.request(`/v1.0/deviceManagement/managedDevices/${rw.tenant.graph.managedDevices[0]!.id}`, {
          method: 'DELETE',
          headers: h,
        })
      ).status,
    ).toBe(204);
    expect(rw.tenant.graph.managedDevices).toHaveLength(n - 1);
    const dev = rw.tenant.graph.devices[0]!;
    expect(
      (
        await rw.graph.request(`/v1.0/devices/${dev.id}`, {
          method: 'PATCH',
          headers: { ...h, 'content-type': 'application/json' },
          body: '{"accountEnabled":false}',
        })
      ).status,
    ).toBe(204);
    expect(dev.accountEnabled).toBe(false);
    expect(
      (await rw.graph.request(`/v1.0/devices/${dev.id}`, { method: 'PATCH', headers: h, body: '{"isCompliant":true}' }))
        .status,
    ).toBe(400);
    expect((await rw.graph.request(`/v1.0/devices/${dev.id}`, { method: 'DELETE', headers: h })).status).toBe(204);
    expect((await rw.graph.request(`/v1.0/devices/${dev.id}`, { method: 'DELETE', headers: h })).status).toBe(404);
  });
});

describe('fake Jamf Pro', () => {
  it('inventory: versions by Jamf Pro version, sections, page-size up to 2000, sort; DELETE a computer', async () => {
    const s = setup([], '11.12.0');
    const h = { headers: { authorization: `Bearer ${await s.jamfToken()}` } };
    expect((await s.jamf.request('/api/v4/computers-inventory', h)).status).toBe(404);
    expect((await s.jamf.request('/api/v2/computers-inventory?page-size=2001', h)).status).toBe(400);
    const r = (await (
      await s.jamf.request(
        '/api/v2/computers-inventory?section=GENERAL&section=HARDWARE&page=0&page-size=2000&sort=id:desc',
        h,
      )
    ).json()) as {
      totalCount: number;
      results: Array<{
        id: string;
        general: { lastContactTime?: string };
        hardware: unknown;
        localUserAccounts: unknown;
      }>;
    };
    expect(r.totalCount).toBe(1500);
    expect(r.results).toHaveLength(1500);
    expect(Number(r.results[0]!.id)).toBeGreaterThan(Number(r.results[1]!.id));
    expect(r.results[0]!.general.lastContactTime).toMatch(/Z$/);
    expect(r.results[0]!.localUserAccounts).toBeNull();
    expect(
      (await s.jamf.request(`/api/v1/computers-inventory/${r.results[0]!.id}`, { method: 'DELETE', ...h })).status,
    ).toBe(204);
    expect(s.tenant.jamf.computers).toHaveLength(1499);
    const v4 = setup([], '11.31.0', ['Read Computers']);
    const h4 = { headers: { authorization: `Bearer ${await v4.jamfToken()}` } };
    const p = (await (await v4.jamf.request('/api/v4/computers-inventory?section=GENERAL&page-size=1', h4)).json()) as {
      results: Array<{ general: Record<string, unknown> }>;
    };
    expect(Object.keys(p.results[0]!.general)).toEqual(expect.arrayContaining(['lastCheckIn', 'lastContact']));
    expect(p.results[0]!.general.lastContactTime).toBeUndefined();
    expect((await v4.jamf.request('/api/v3/check-in', h4)).status).toBe(403);
    expect((await v4.jamf.request('/api/v1/jamf-pro-version')).status).toBe(401);
  });
});

describe('the mixed tenant generator', () => {
  const base = { seed: 12, macs: 30, mode: 'legacy' as const, problems: [], now: Date.UTC(2026, 0, 15, 12) };
  const isMac = (d: Record<string, unknown>) => /^mac/i.test(String(d.operatingSystem ?? ''));

  it('counts: Macs, other devices in Intune and Entra, Entra-only devices, users; the Mac users group', () => {
    const { tenant } = generateTenant({ ...base, otherDevices: 60, extraUsers: 50, entraOnlyDevices: 91 });
    const g = tenant.graph;
    expect(tenant.jamf.computers).toHaveLength(30);
    expect(g.managedDevices.filter(isMac)).toHaveLength(30);
    expect(g.managedDevices).toHaveLength(30 + 60);
    expect(g.devices.filter(isMac)).toHaveLength(30);
    expect(g.devices).toHaveLength(30 + 60 + 91);
    expect(g.users).toHaveLength(30 + 50);
    // The Entra-only devices: not Macs, not managed, and no Intune record points to them.
    const inIntune = new Set(g.managedDevices.map((d) => String(d.azureADDeviceId)));
    const entraOnly = g.devices.filter((d) => !inIntune.has(String(d.deviceId)));
    expect(entraOnly).toHaveLength(91);
    expect(entraOnly.every((d) => !isMac(d) && d.isManaged === false && d.managementType === null)).toBe(true);
    expect(new Set(entraOnly.map((d) => d.operatingSystem))).toEqual(new Set(['Windows', 'iOS', 'Android']));
    expect(new Set(g.devices.map((d) => d.deviceId)).size).toBe(g.devices.length);
    // The group the connector and the policy name holds the people with a Mac, not the 50 without one.
    const members = [...g.groups.values()].find((x) => x.group.displayName === 'Mac users')!.members;
    const macPeople = new Set(tenant.jamf.computers.map((c) => c.email));
    expect(members).toHaveLength(30);
    const byId = new Map(g.users.map((u) => [u.id, String(u.userPrincipalName)]));
    expect(members.every((m) => macPeople.has(byId.get(m.id)!))).toBe(true);
    expect(g.subscribedSkus[0]!.consumedUnits).toBe(80);
  });

  it('Entra-only devices change nothing else in the tenant', () => {
    const without = generateTenant({ ...base, otherDevices: 9, extraUsers: 4 }).tenant;
    const zero = generateTenant({ ...base, otherDevices: 9, extraUsers: 4, entraOnlyDevices: 0 }).tenant;
    const withSome = generateTenant({ ...base, otherDevices: 9, extraUsers: 4, entraOnlyDevices: 5 }).tenant;
    expect(zero.graph.devices).toEqual(without.graph.devices);
    expect(withSome.graph.devices.slice(0, without.graph.devices.length)).toEqual(without.graph.devices);
    expect(withSome.graph.devices).toHaveLength(without.graph.devices.length + 5);
    expect(withSome.graph.managedDevices).toEqual(without.graph.managedDevices);
    expect(withSome.graph.users).toEqual(without.graph.users);
    expect(withSome.jamf.computers).toEqual(without.jamf.computers);
    expect([...withSome.graph.groups.keys()]).toEqual([...without.graph.groups.keys()]);
  });
});
