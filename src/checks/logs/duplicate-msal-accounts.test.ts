import { describe, expect, it } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import { runChecks } from '../../engine/run.js';
import check from './duplicate-msal-accounts.js';

const compact = await macEvidence('C02M1', ['unified-compact.log']);
const ndjson = await macEvidence('C02M2', ['unified.ndjson']);
const clean = await macEvidence('C02M3', ['unified-default.log', 'unified-syslog.log']);
const cpOnly = await macEvidence('C02M4', ['company-portal-space.log']);

/** A Jamf Pro older than 11.3, where the duplicate-account bug still exists. */
const old = () => fleet().jamfVersion('11.2.1-t1700000000');

testCheck(check, {
  valid: [{ name: 'jamfAAD unified logs without the message', fleet: old().macLogs(clean).build() }],
  invalid: [
    {
      name: 'compact style',
      fleet: old().macLogs(compact).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02M1',
            signature: 'msal-duplicate-accounts',
            count: 1,
            file: 'macs/C02M1/unified-compact.log',
            line: 3,
            last: '2025-03-03 11:43:05 (local time, zone unknown)',
          },
          text: {
            en: 'C02M1: jamfAAD found more than one MSAL account in the keychain; silent token acquisition may pick the wrong one — 1 line, last on 2025-03-03 11:43:05 (local time, zone unknown) (macs/C02M1/unified-compact.log:3)',
            it: 'C02M1: jamfAAD ha trovato più di un account MSAL nel portachiavi; l’acquisizione silenziosa del token può scegliere quello sbagliato — 1 riga, l’ultima il 2025-03-03 11:43:05 (local time, zone unknown) (macs/C02M1/unified-compact.log:3)',
          },
        },
      ],
    },
    {
      name: 'Jamf Pro 10.49 still runs the check',
      fleet: fleet().jamfVersion('10.49.0').macLogs(compact).build(),
      findings: [{ messageId: 'seen' }],
    },
    {
      name: 'unreadable Jamf Pro version',
      fleet: fleet().jamfVersion('unknown').macLogs(compact).build(),
      findings: [{ messageId: 'seen' }],
    },
    {
      name: 'ndjson style (time with zone)',
      fleet: old().macLogs(ndjson).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02M2',
            signature: 'msal-duplicate-accounts',
            count: 1,
            file: 'macs/C02M2/unified.ndjson',
            line: 1,
            last: '2025-03-03 11:43:05 -0800',
          },
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'Jamf Pro version not read: the check runs as before (could not check without the unified log)',
      fleet: fleet().jamfVersion(null).macLogs(cpOnly).build(),
      reason: { kind: 'incomplete-data' },
    },
    { name: 'no unified log', fleet: old().macLogs(cpOnly).build(), reason: { kind: 'incomplete-data' } },
    { name: 'macs not collected', fleet: old().status('macs', 'missing').build() },
  ],
  notApplicable: [
    { name: 'Jamf Pro 11.3.0 fixed the bug (boundary)', fleet: fleet().jamfVersion('11.3.0').macLogs(compact).build() },
    { name: 'Jamf Pro 11.12.0', fleet: fleet().jamfVersion('11.12.0-t1736960000').macLogs(compact).build() },
    { name: 'Jamf Pro 12.0.0', fleet: fleet().jamfVersion('12.0.0').macLogs(compact).build() },
  ],
});

describe('logs/duplicate-msal-accounts from Jamf Pro 11.3', () => {
  it('says why it does not apply, in both languages', () => {
    const r = runChecks(fleet().jamfVersion('11.3.0').macLogs(compact).build(), [check]).checks[0]!;
    expect(r.outcome).toBe('notApplicable');
    expect(r.reason?.text).toEqual({
      en: 'Jamf Pro 11.3.0 is 11.3 or later, which fixed the duplicate MSAL account bug',
      it: 'Jamf Pro 11.3.0 è 11.3 o successivo, che ha corretto il problema degli account MSAL duplicati',
    });
  });
});
