import { describe, expect, it } from 'vitest';
import { randomCollected } from '../../test/random-tenant.js';
import { referenceFleet } from '../../test/reference-join.js';
import { emptyCollected } from './collected.js';
import { buildFleet } from './join.js';
import type { Fleet } from './types.js';

function comparable(f: Omit<Fleet, 'index' | 'eachMac' | 'macsByUser' | 'entraMacDevice' | 'entraNames'>) {
  return {
    macs: f.macs,
    entra: f.entraMacDevices,
    ignored: f.ignoredNonMac,
    mode: f.mode,
    usersByKey: [...f.usersByKey].sort(([a], [b]) => (a < b ? -1 : 1)),
    usersById: [...f.usersById].sort(([a], [b]) => (a < b ? -1 : 1)),
    logs: f.macLogs.map((l) => [l.evidence.key, l.mac?.key ?? null, l.mac?.logs?.key ?? null]),
  };
}

describe('the columnar fleet equals the object join it replaced', () => {
  it('on 60 random tenants with colliding, messy and missing keys', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const n = 5 + (seed % 40);
      const c = randomCollected(seed, n);
      const want = comparable(referenceFleet(c));
      const got = comparable(buildFleet(c));
      expect(got, `seed ${seed}`).toEqual(want);
    }
  });

  it('on an empty tenant', () => {
    const c = emptyCollected({ asOf: 0 });
    expect(comparable(buildFleet(c))).toEqual(comparable(referenceFleet(c)));
  });

  it('materialises one Mac without the others, and the same object each time', () => {
    const c = randomCollected(7, 30);
    const f = buildFleet(c);
    const idx = f.index;
    expect(idx.macCount).toBe(referenceFleet(c).macs.length);
    const m = idx.macCount - 1;
    expect(idx.mac(m)).toBe(idx.mac(m));
    expect(f.macs[m]).toBe(idx.mac(m));
    for (let i = 0; i < idx.macCount; i++) {
      expect(idx.key(i)).toBe(f.macs[i]!.key);
      expect(idx.name(i)).toBe(f.macs[i]!.name);
      expect(idx.mainUser(i)).toBe(f.macs[i]!.userKeys[0] ?? null);
    }
  });
});

describe('edge cases of records given directly (the library API)', () => {
  it('an empty userAzureActiveDirectoryId maps no user, even when a user has the id ""', () => {
    const c = emptyCollected({ asOf: 0 });
    c.users = [
      {
        id: '',
        userPrincipalName: 'ada@contoso.com',
        mail: null,
        displayName: null,
        accountEnabled: true,
        enabledPlans: [],
        hasPlans: true,
      },
    ];
    c.computers = [
      {
        id: '1',
        udid: null,
        name: 'MAC-1',
        serialNumber: 'C02X',
        managed: true,
        lastCheckIn: null,
        lastContact: null,
        reportDate: null,
        username: null,
        email: null,
        realname: null,
        localUserAccounts: [
          {
            username: 'ada',
            computerAzureActiveDirectoryId: null,
            userAzureActiveDirectoryId: '',
            azureActiveDirectoryId: null,
          },
        ],
        osVersion: null,
        apiVersion: 1,
      },
    ];
    expect(referenceFleet(c).macs[0]!.userKeys).toEqual([]);
    expect(comparable(buildFleet(c))).toEqual(comparable(referenceFleet(c)));
  });

  it('keeps enabled plans that are empty, or null (records.ts for an empty servicePlanId)', () => {
    const c = emptyCollected({ asOf: 0 });
    const plans = [[''], ['', 'a'], [null, 'b'], ['b', null], ['\u0000x']] as unknown as string[][];
    c.users = plans.map((enabledPlans, i) => ({
      id: `u${i}`,
      userPrincipalName: `u${i}@contoso.com`,
      mail: null,
      displayName: null,
      accountEnabled: true,
      enabledPlans,
      hasPlans: true,
    }));
    const f = buildFleet(c);
    expect([...f.usersById.values()].map((u) => u.enabledPlans)).toEqual(plans);
  });
});

describe('the fix planners’ lookups over the index equal scans of the objects', () => {
  it('macOfKey, macOfSerial and firstEntra on random messy tenants', async () => {
    const { normDeviceId, normSerial } = await import('./keys.js');
    for (let seed = 100; seed < 130; seed++) {
      const c = randomCollected(seed, 5 + (seed % 30));
      const f = buildFleet(c);
      const idx = f.index;
      for (const mac of f.macs) {
        const first = f.macs.find((m) => m.key === mac.key)!;
        expect(idx.mac(idx.macOfKey(mac.key))).toBe(first);
        if (mac.serial) {
          const m = idx.macOfSerial(mac.serial);
          expect(m >= 0 ? idx.mac(m) : undefined, `seed ${seed} ${mac.serial}`).toBe(
            f.macs.find(
              (x) =>
                x.jamf.some((j) => normSerial(j.serialNumber) === mac.serial) ||
                x.intune.some((d) => normSerial(d.serialNumber) === mac.serial),
            ),
          );
        }
      }
      expect(idx.macOfKey('no-such-mac')).toBe(-1);
      for (const e of [...f.entraMacDevices, ...c.devices]) {
        const want = normDeviceId(e.deviceId);
        if (want !== null)
          expect(idx.firstEntra(want, '\u0000')).toBe(f.entraMacDevices.find((x) => normDeviceId(x.deviceId) === want));
        expect(idx.firstEntra(null, e.id)).toBe(f.entraMacDevices.find((x) => x.id === e.id));
      }
    }
  });
});
