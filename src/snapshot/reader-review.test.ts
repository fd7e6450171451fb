import { describe, expect, it } from 'vitest';
import { writeSnapshot } from '../../test/tmp.js';
import * as G from '../api/graph.js';
import { buildFleet } from '../model/join.js';
import * as R from '../model/records.js';
import { readSnapshot } from './reader.js';

const USERS = 'graph/v1.0/users';
const asOf = '2026-11-29T09:30:00Z';

describe('snapshot reader: users the scanner leaves to the slow path', () => {
  it('reads a user with an enabled plan whose servicePlanId is empty (no crash)', async () => {
    const user = {
      id: 'u1',
      userPrincipalName: 'ada@contoso.com',
      assignedPlans: [
        { capabilityStatus: 'Enabled', service: 'x', servicePlanId: '' },
        { capabilityStatus: 'Enabled', service: 'y', servicePlanId: 'C1EC4A95-1F05-45B3-A911-AA3FA01094F5' },
      ],
    };
    const dir = await writeSnapshot({ [`${USERS}.json`]: { value: [user] } });
    const c = await readSnapshot(dir, { asOf });
    expect(c.users).toHaveLength(1);
    expect(c.users[0]!.enabledPlans).toContain('c1ec4a95-1f05-45b3-a911-aa3fa01094f5');
    // Exactly the record the object path made of it.
    expect(c.users[0]).toEqual(R.user(G.user.parse(user)));
  });
});

const MD = 'graph/v1.0/deviceManagement/managedDevices';
const md = (id: string, serial: string) => ({
  id,
  serialNumber: serial,
  operatingSystem: 'macOS',
  managementAgent: 'jamf',
});

describe('snapshot reader: a page file the scanner leaves to the slow path is read as a page', () => {
  it('rejects a page file that holds an array of bodies, with or without the scanner', async () => {
    const dir = await writeSnapshot({
      [`${MD}/page-00001.json`]: { value: [md('a', 'S1')] },
      [`${MD}/page-00002.json`]: [{ value: [md('b', 'S2')] }],
    });
    const slow = await readSnapshot(dir, { asOf, scan: false }).then(
      () => 'read',
      (e: Error) => e.message,
    );
    const scanned = await readSnapshot(dir, { asOf, scan: true, workers: false }).then(
      () => 'read',
      (e: Error) => e.message,
    );
    expect(slow).not.toBe('read');
    expect(scanned).toBe(slow);
  });
});

describe('snapshot reader: the record lists of the collected data stay the truth', () => {
  it('a list assigned after reading is what buildFleet joins (the tables read from the files are dropped)', async () => {
    const dir = await writeSnapshot({ [`${MD}.json`]: { value: [md('a', 'S1'), md('b', 'S2')] } });
    const c = await readSnapshot(dir, { asOf });
    expect(buildFleet(c).index.macCount).toBe(2);
    c.managedDevices = c.managedDevices.filter((d) => d.id === 'a');
    const f = buildFleet(c);
    expect(f.macs.map((m) => m.key)).toEqual(['S1']);
    expect(c.managedDevices.map((d) => d.id)).toEqual(['a']);
  });
});

describe('snapshot reader: keys met in a scanned page and in a slow-path page are one key', () => {
  it('joins records across scanned and slow pages as the slow path alone does', async () => {
    const ED = 'graph/v1.0/devices';
    const ud = (id: string, serial: string, upn: string, aad: string) => ({
      ...md(id, serial),
      userPrincipalName: upn,
      azureADDeviceId: aad,
    });
    const files = {
      [`${MD}/page-00001.json`]: { value: [ud('a', 'S1', 'Ada@Contoso.com', 'AAAA-1'), ud('x', 'Sé', 'É@x.com', '')] },
      // A BOM: the scanner refuses this page, the slow path reads it (keys interned from strings).
      [`${MD}/page-00002.json`]: `\ufeff${JSON.stringify({ value: [ud('b', ' s1 ', 'ada@contoso.com ', ''), ud('c', 'S2', 'bob@x.com', 'aaaa-2'), ud('y', 'sÉ', 'é@X.com', '')] })}`,
      [`${MD}/page-00003.json`]: { value: [ud('d', 's2', 'Bob@X.com', 'BBBB-3')] },
      [`${ED}.json`]: {
        value: [
          { id: 'e1', deviceId: 'aaaa-1', operatingSystem: 'MacMDM' },
          { id: 'e2', deviceId: 'AAAA-2 ', operatingSystem: 'MacMDM' },
        ],
      },
    };
    const dir = await writeSnapshot(files);
    const keysOf = async (scan: boolean) => {
      const f = buildFleet(await readSnapshot(dir, { asOf, scan, workers: false }));
      return f.macs.map((m) => [m.key, m.intune.map((d) => d.id), m.entra.map((e) => e.id), m.userKeys]);
    };
    const slow = await keysOf(false);
    expect(slow).toEqual([
      ['S1', ['a', 'b'], ['e1'], ['ada@contoso.com']],
      ['SÉ', ['x', 'y'], [], ['é@x.com']],
      ['S2', ['c', 'd'], ['e2'], ['bob@x.com']],
    ]);
    expect(await keysOf(true)).toEqual(slow);
  });
});
