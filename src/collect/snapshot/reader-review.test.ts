import { describe, expect, it } from 'vitest';
import { writeSnapshot } from '../../../test/tmp.js';
import * as G from '../../api/graph.js';
import { buildFleet } from '../../model/join.js';
import * as R from '../../model/records.js';
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
