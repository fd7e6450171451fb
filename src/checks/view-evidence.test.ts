import { describe, expect, it } from 'vitest';
import { randomCollected } from '../../test/random-tenant.js';
import { DATASETS } from '../model/datasets.js';
import { buildFleet } from '../model/join.js';
import type { EntraDevice, IntuneDevice, JamfComputer } from '../model/types.js';
import { evidence, subject } from './util.js';

const INTUNE: Array<keyof IntuneDevice & string> = [
  'id',
  'deviceName',
  'serialNumber',
  'azureADDeviceId',
  'managementAgent',
  'complianceState',
  'deviceRegistrationState',
  'lastSyncDateTime',
  'enrolledDateTime',
  'userPrincipalName',
  'userId',
  'operatingSystem',
  'osVersion',
  'udid',
];
const ENTRA: Array<keyof EntraDevice & string> = [
  'id',
  'deviceId',
  'displayName',
  'operatingSystem',
  'accountEnabled',
  'isCompliant',
  'isManaged',
  'managementType',
  'trustType',
  'approximateLastSignInDateTime',
  'registrationDateTime',
];
const JAMF: Array<keyof JamfComputer & string> = [
  'id',
  'udid',
  'name',
  'serialNumber',
  'managed',
  'lastCheckIn',
  'lastContact',
  'reportDate',
  'username',
  'email',
  'realname',
  'osVersion',
  'apiVersion',
  'localUserAccounts',
];

describe('evidence of a view (read from the columns) equals evidence of the built record', () => {
  it('for every record and field of 40 random messy tenants, with and without a dataset path', () => {
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const c = randomCollected(seed, 5 + (seed % 35));
      if (seed % 2 === 0)
        c.datasets.set(DATASETS.computers.id, {
          id: DATASETS.computers.id,
          status: 'complete',
          records: 0,
          path: 'jamf/api/v3/computers-inventory',
        } as never);
      const fleet = buildFleet(c);
      // Fields one at a time, all together, and in another order with a repeat.
      const intuneSets = [...INTUNE.map((f) => [f]), INTUNE, [...INTUNE].reverse().concat(['id'])];
      const entraSets = [...ENTRA.map((f) => [f]), ENTRA, [...ENTRA].reverse()];
      const jamfSets = [...JAMF.map((f) => [f]), JAMF, [...JAMF].reverse()];
      for (const mac of fleet.eachMac()) {
        expect(subject.mac(mac)).toStrictEqual(subject.mac(mac.toMac()));
        for (const d of mac.intune())
          for (const fields of intuneSets)
            expect(evidence.intune(d, fields)).toStrictEqual(evidence.intune(d.record(), fields));
        for (const e of mac.entra())
          for (const fields of entraSets)
            expect(evidence.entra(e, fields)).toStrictEqual(evidence.entra(e.record(), fields));
        for (const j of mac.jamf()) {
          for (const fields of jamfSets)
            expect(evidence.jamf(j, fields)).toStrictEqual(evidence.jamf(fleet, j.record(), fields));
          expect(evidence.jamfAccountsOf(j)).toStrictEqual(evidence.jamfAccounts(fleet, j.record()));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
