import { describe, expect, it } from 'vitest';
import { FleetBuilder } from '../../test/builders.js';
import { randomCollected } from '../../test/random-tenant.js';
import { buildFleet } from './join.js';
import { normDeviceId } from './keys.js';
import type { Fleet, Mac } from './types.js';

/** Every getter of every view equals the record (or Mac object) it stands for, on random messy tenants. */
describe('views read what the records hold', () => {
  it('Macs, Jamf computers and their accounts, Intune and Entra devices, users: 25 random tenants', () => {
    let macs = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const fleet = buildFleet(randomCollected(seed, 5 + (seed % 35)));
      const objects = fleet.macs;
      let n = 0;
      for (const mac of fleet.eachMac()) {
        const m = objects[n++]!;
        expect(mac.toMac()).toBe(m);
        expect(mac.key).toBe(m.key);
        expect(mac.serial).toBe(m.serial);
        expect(mac.name).toBe(m.name);
        expect(mac.mainUser).toBe(m.userKeys[0] ?? null);
        expect([mac.jamfCount, mac.intuneCount, mac.entraCount]).toEqual([
          m.jamf.length,
          m.intune.length,
          m.entra.length,
        ]);
        expect(mac.managedByJamf).toBe(m.jamf.some((c) => c.managed === true));
        expect(mac.jamfCompliance).toEqual(m.jamfCompliance);
        let x = 0;
        for (const c of mac.jamf()) {
          const r = m.jamf[x++]!;
          expect(c.record()).toBe(r);
          const got = {
            id: c.id,
            udid: c.udid,
            name: c.name,
            serialNumber: c.serialNumber,
            managed: c.managed,
            lastCheckIn: c.lastCheckIn,
            lastContact: c.lastContact,
            reportDate: c.reportDate,
            username: c.username,
            email: c.email,
            realname: c.realname,
            osVersion: c.osVersion,
          };
          const { localUserAccounts, apiVersion: _, ...want } = r;
          expect(got).toEqual(want);
          expect(c.accountsRead).toBe(localUserAccounts !== null);
          const accounts = [];
          for (const a of c.accounts()) {
            accounts.push({
              username: a.username,
              computerAzureActiveDirectoryId: a.computerAzureActiveDirectoryId,
              userAzureActiveDirectoryId: a.userAzureActiveDirectoryId,
              azureActiveDirectoryId: a.azureActiveDirectoryId,
            });
            expect(a.registration).toBe(a.azureActiveDirectoryId?.toUpperCase() ?? null);
            const e = mac.entraOf(a);
            const first = m.entra.find(
              (d) =>
                normDeviceId(d.deviceId) !== null &&
                normDeviceId(d.deviceId) === normDeviceId(a.computerAzureActiveDirectoryId),
            );
            expect(e?.record() ?? null).toBe(first ?? null);
          }
          expect(accounts).toEqual(localUserAccounts ?? []);
        }
        expect(x).toBe(m.jamf.length);
        x = 0;
        for (const d of mac.intune()) {
          const r = m.intune[x++]!;
          expect(d.record()).toBe(r);
          expect({
            id: d.id,
            deviceName: d.deviceName,
            serialNumber: d.serialNumber,
            azureADDeviceId: d.azureADDeviceId,
            managementAgent: d.managementAgent,
            complianceState: d.complianceState,
            deviceRegistrationState: d.deviceRegistrationState,
            lastSyncDateTime: d.lastSyncDateTime,
            enrolledDateTime: d.enrolledDateTime,
            userPrincipalName: d.userPrincipalName,
            userId: d.userId,
            operatingSystem: d.operatingSystem,
            osVersion: d.osVersion,
            udid: d.udid,
          }).toEqual(r);
          expect(d.entraDeviceId).toBe(normDeviceId(r.azureADDeviceId));
          expect(d.hasMacSerial).toBe(m.serial !== null && r.serialNumber?.trim().toUpperCase() === m.serial);
          const e = mac.entraOf(d);
          const first = m.entra.find((x) => d.entraDeviceId !== null && normDeviceId(x.deviceId) === d.entraDeviceId);
          expect(e?.record() ?? null).toBe(first ?? null);
        }
        x = 0;
        for (const e of mac.entra()) {
          const r = m.entra[x++]!;
          expect(e.record()).toBe(r);
          expect({
            id: e.id,
            deviceId: e.deviceId,
            displayName: e.displayName,
            operatingSystem: e.operatingSystem,
            accountEnabled: e.accountEnabled,
            isCompliant: e.isCompliant,
            isManaged: e.isManaged,
            managementType: e.managementType,
            trustType: e.trustType,
            approximateLastSignInDateTime: e.approximateLastSignInDateTime,
            registrationDateTime: e.registrationDateTime,
          }).toEqual(r);
        }
        const users = [];
        for (const u of mac.users()) {
          users.push(u.key);
          const known = fleet.usersByKey.get(u.key);
          expect(u.inDirectory).toBe(known !== undefined);
          expect(u.record()).toBe(known ?? null);
          expect(u.plansRead).toBe(known?.hasPlans === true);
          expect(u.hasPlan(['b'])).toBe(known?.enabledPlans.includes('b') === true);
          expect(u.hasPlan(['x,y', 'zz'])).toBe(known?.enabledPlans.includes('x,y') === true);
        }
        expect(users).toEqual(m.userKeys);
        macs++;
      }
      expect(n).toBe(objects.length);
    }
    expect(macs).toBeGreaterThan(200);
  });

  it('macsByUser: each user with the Macs it uses, as the objects give them', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const fleet = buildFleet(randomCollected(seed, 30));
      const want = new Map<string, string[]>();
      for (const m of fleet.macs)
        if (m.jamf.some((c) => c.managed === true))
          for (const k of m.userKeys) want.set(k, [...(want.get(k) ?? []), m.key]);
      const got = new Map<string, string[]>();
      const groups = fleet.macsByUser((mac) => mac.managedByJamf);
      for (const u of groups) {
        const keys: string[] = [];
        for (const mac of u.macs()) keys.push(mac.key);
        got.set(u.key, keys);
        expect(u.record()).toBe(fleet.usersByKey.get(u.key) ?? null);
      }
      expect(got).toEqual(want);
      // Iterable again, with the same result.
      let again = 0;
      for (const _ of groups) again++;
      expect(again).toBe(want.size);
    }
  });
});

function twoMacs(): Fleet {
  return new FleetBuilder()
    .jamf({ id: '1', general: { name: 'mac-a' }, hardware: { serialNumber: 'C02AAA' } })
    .jamf({ id: '2', general: { name: 'mac-a2' }, hardware: { serialNumber: 'C02AAA' } })
    .jamf({ id: '3', general: { name: 'mac-b' }, hardware: { serialNumber: 'C02BBB' } })
    .build();
}

describe('the flyweight rules', () => {
  it('a nested loop over the same kind of the same Mac view throws; keep() gives a view of its own', () => {
    const fleet = twoMacs();
    const mac = fleet.eachMac();
    mac.next();
    expect(() => {
      for (const _ of mac.jamf()) for (const __ of mac.jamf());
    }).toThrow(/already being iterated: use mac.keep\(\).jamf\(\)/);
    // The cursor was released by the throw: the Mac's computers can be walked again, and nested with keep().
    const pairs: string[] = [];
    for (const a of mac.jamf()) for (const b of mac.keep().jamf()) pairs.push(`${a.id}${b.id}`);
    expect(pairs).toEqual(['11', '12', '21', '22']);
  });

  it('break and return release a cursor; a kept Mac does not move with the loop', () => {
    const fleet = twoMacs();
    const kept: Mac[] = [];
    let first = null as ReturnType<Fleet['eachMac']> | null;
    for (const mac of fleet.eachMac()) {
      for (const c of mac.jamf()) if (c.id) break;
      for (const c of mac.jamf()) kept.push(c.record() as never);
      first ??= mac.keep();
    }
    expect(kept.map((k) => (k as unknown as { id: string }).id)).toEqual(['1', '2', '3']);
    expect(first?.key).toBe('C02AAA');
    const keys: string[] = [];
    for (const mac of fleet.eachMac()) keys.push(mac.key);
    expect(keys).toEqual(['C02AAA', 'C02BBB']);
    const cursor = fleet.eachMac();
    cursor.next();
    cursor.next();
    expect(cursor.next().done).toBe(true);
  });
});

describe('sections read for some computers only', () => {
  it('installedProfiles and applications: what was read for the computer, null when it was not read', () => {
    const fleet = new FleetBuilder()
      .jamf({ id: '1', hardware: { serialNumber: 'C02SEC000001' } })
      .jamf({ id: '2', hardware: { serialNumber: 'C02SEC000001' } })
      .jamf({ id: '3', hardware: { serialNumber: 'C02SEC000003' } })
      .computerSection({
        id: '1',
        configurationProfiles: [{ id: '7', displayName: 'SSO', profileIdentifier: 'ABC', removable: false }],
      })
      .computerSection({
        id: '2',
        applications: [{ name: 'Company Portal.app', bundleId: 'com.microsoft.CompanyPortalMac' }],
      })
      .computerSection({ id: '3', configurationProfiles: [], applications: [] })
      .build();
    const got: Array<[string, unknown, unknown]> = [];
    for (const mac of fleet.eachMac())
      for (const c of mac.jamf()) got.push([c.id, c.installedProfiles, c.applications]);
    expect(got).toEqual([
      ['1', [{ id: '7', displayName: 'SSO', profileIdentifier: 'ABC' }], null],
      ['2', null, [{ name: 'Company Portal.app', bundleId: 'com.microsoft.CompanyPortalMac', version: null }]],
      ['3', [], []],
    ]);
  });
});
