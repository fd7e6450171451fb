import { describe, expect, it } from 'vitest';
import { FAST } from './fast.js';
import { KINDS, type KindName } from './kinds.js';

const BASE: Record<KindName, Record<string, unknown>> = {
  managedDevices: {
    id: 'md-1',
    deviceName: 'LON-1',
    serialNumber: 'C02X',
    azureADDeviceId: 'd-1',
    managementAgent: 'jamf',
    complianceState: 'compliant',
    deviceRegistrationState: 'registered',
    lastSyncDateTime: '2026-11-29T08:00:00Z',
    enrolledDateTime: '2025-01-01T00:00:00.1234567Z',
    userPrincipalName: 'a@b.c',
    emailAddress: 'a@b.c',
    userId: 'u-1',
    operatingSystem: 'macOS',
    osVersion: '15.6.1',
    udid: 'U',
    managementState: 'managed',
  },
  devices: {
    id: 'o-1',
    deviceId: 'd-1',
    displayName: 'LON-1',
    operatingSystem: 'MacMDM',
    operatingSystemVersion: '15.6',
    accountEnabled: true,
    isCompliant: false,
    isManaged: true,
    managementType: 'jamf',
    trustType: 'Workplace',
    approximateLastSignInDateTime: '2026-11-01T00:00:00Z',
    registrationDateTime: '2026-01-01T00:00:00+01:00',
  },
  users: {
    id: 'u-1',
    userPrincipalName: 'a@b.c',
    mail: 'a@b.c',
    displayName: 'A',
    accountEnabled: true,
    assignedPlans: [{ servicePlanId: 'p', capabilityStatus: 'Enabled', service: 'SCO' }],
  },
  computers: {
    id: 101,
    udid: 'U',
    general: {
      name: 'LON-1',
      platform: 'Mac',
      lastContactTime: '2026-11-29T08:00:00.65Z',
      lastCheckIn: null,
      lastContact: '2026-11-29T08:00:00Z',
      reportDate: '2026-11-29T08:00:00Z',
      lastEnrolledDate: '2018-10-31',
      remoteManagement: { managed: true },
      mdmCapable: { capable: true },
    },
    hardware: { serialNumber: 'C02X', model: 'MacBook Pro' },
    operatingSystem: { name: 'macOS', version: '15.6.1' },
    userAndLocation: { username: 'a', realname: 'A', email: 'a@b.c' },
    localUserAccounts: [
      {
        uid: 501,
        username: 'a',
        fullName: 'A',
        userAccountType: 'LOCAL',
        computerAzureActiveDirectoryId: 'd',
        userAzureActiveDirectoryId: 'u',
        azureActiveDirectoryId: 'ACTIVATED',
      },
    ],
    applications: [{ name: 'Company Portal.app', bundleId: 'com.microsoft.CompanyPortalMac', version: '5.2' }],
  },
};

const REPLACEMENTS: unknown[] = [
  undefined,
  null,
  42,
  0,
  '',
  'text',
  true,
  {},
  [],
  [1],
  'not-a-date',
  '2026-11-29T08:00:00.1234567Z',
  '0001-01-01T00:00:00Z',
  '20a6-11-29T08:00:00Z',
  '2026-11-29T08:00:00.1234567890Z',
];

/** Every record obtained by replacing one value (at any depth) of the base record. */
function* mutations(value: unknown): Generator<unknown> {
  for (const r of REPLACEMENTS) yield r;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      for (const m of mutations(value[i])) yield value.map((v, j) => (j === i ? m : v));
    }
  } else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      for (const m of mutations(obj[k])) {
        const copy = { ...obj };
        if (m === undefined) delete copy[k];
        else copy[k] = m;
        yield copy;
      }
    }
    yield { ...obj, unknownField: { deep: [1, 2] } };
  }
}

describe('fast validators accept exactly what the wire schemas accept', () => {
  for (const name of Object.keys(BASE) as KindName[]) {
    it(`${name}: agrees with zod on every single-value mutation, and reduces the same`, () => {
      let n = 0;
      for (const rec of mutations(BASE[name])) {
        n++;
        const zod = KINDS[name].schema.safeParse(rec);
        const fast = FAST[name](rec);
        expect(fast, JSON.stringify(rec)).toBe(zod.success);
        if (fast && zod.success) {
          expect(KINDS[name].reduce(rec as never, 1)).toEqual(KINDS[name].reduce(zod.data as never, 1));
        }
      }
      expect(n).toBeGreaterThan(50);
    });
  }
});
