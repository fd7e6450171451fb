import { describe, expect, it } from 'vitest';
import { randomCollected } from '../../test/random-tenant.js';
import { DATASETS } from '../model/datasets.js';
import { buildFleet } from '../model/join.js';
import type { EntraDevice, IntuneDevice, JamfComputer } from '../model/types.js';
import { evidence, rowEvidence } from './util.js';

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

describe('rowEvidence: evidence read from the columns equals evidence of the built records', () => {
  it('for every row and field of 40 random messy tenants, with and without a dataset path', () => {
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
      const t = fleet.index.t;
      // Fields one at a time, all together, and in another order with a repeat.
      const intuneSets = [...INTUNE.map((f) => [f]), INTUNE, [...INTUNE].reverse().concat(['id'])];
      const entraSets = [...ENTRA.map((f) => [f]), ENTRA, [...ENTRA].reverse()];
      const jamfSets = [...JAMF.map((f) => [f]), JAMF, [...JAMF].reverse()];
      for (const fields of intuneSets) {
        const ev = rowEvidence.intune(fleet, fields);
        for (let i = 0; i < t.intune.n; i++) expect(ev(i)).toStrictEqual(evidence.intune(t.intuneRecord(i), fields));
      }
      for (const fields of entraSets) {
        const ev = rowEvidence.entra(fleet, fields);
        for (let i = 0; i < t.entra.n; i++) expect(ev(i)).toStrictEqual(evidence.entra(t.entraRecord(i), fields));
      }
      for (const fields of jamfSets) {
        const ev = rowEvidence.jamf(fleet, fields);
        for (let i = 0; i < t.jamf.n; i++) expect(ev(i)).toStrictEqual(evidence.jamf(fleet, t.jamfRecord(i), fields));
      }
      const accounts = rowEvidence.jamfAccounts(fleet);
      for (let i = 0; i < t.jamf.n; i++)
        expect(accounts(i)).toStrictEqual(evidence.jamfAccounts(fleet, t.jamfRecord(i)));
    }
  });
});
