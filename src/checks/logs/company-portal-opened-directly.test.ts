import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import check from './company-portal-opened-directly.js';

const direct = await macEvidence('C02X1', ['company-portal-space.log']);
const notOnboarded = await macEvidence('C02X2', ['company-portal-pipe.log']);
const viaJamf = await macEvidence('C02X3', ['unified-compact.log', 'near-misses.log']);
const onlyJamfLog = await macEvidence('C02X4', ['jamf-basic.log']);

testCheck(check, {
  valid: [{ name: 'Company Portal launched by jamfAAD, near-miss lines', fleet: fleet().macLogs(viaJamf).build() }],
  invalid: [
    {
      name: 'legacy: Portal launched without WPJ only arg (Mac in the fleet)',
      fleet: fleet()
        .jamf({ general: { name: "Anna's MacBook" }, hardware: { serialNumber: 'c02x1' } })
        .macLogs(direct)
        .build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02X1',
            signature: 'cp-launched-without-wpj-arg',
            count: 1,
            file: 'macs/C02X1/company-portal-space.log',
            line: 2,
            last: '2025-03-03 09:40:12 (local time, zone unknown)',
          },
          text: {
            en: 'C02X1: Company Portal was opened directly, not from Jamf Self Service, while the account is under partner (Jamf) management — 1 line, last on 2025-03-03 09:40:12 (local time, zone unknown) (macs/C02X1/company-portal-space.log:2)',
            it: 'C02X1: Il Portale aziendale è stato aperto direttamente, non da Jamf Self Service, mentre l’account è gestito dal partner (Jamf) — 1 riga, l’ultima il 2025-03-03 09:40:12 (local time, zone unknown) (macs/C02X1/company-portal-space.log:2)',
          },
          subjects: ['C02X1', 'macs/C02X1/company-portal-space.log'],
        },
      ],
    },
    {
      name: 'device compliance: AccountNotOnboarded (Mac not in the fleet)',
      fleet: fleet().macLogs(notOnboarded).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02X2',
            signature: 'account-not-onboarded',
            count: 1,
            file: 'macs/C02X2/company-portal-pipe.log',
            line: 2,
            last: '2025-08-30 17:18:29 (local time, zone unknown)',
          },
          subjects: ['C02X2', 'macs/C02X2/company-portal-pipe.log'],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'no macs/ folder in the snapshot',
      fleet: fleet().status('macs', 'missing').build(),
      reason: { kind: 'not-collected', dataset: 'macs' },
    },
    {
      name: 'only jamf.log was collected',
      fleet: fleet().macLogs(onlyJamfLog).build(),
      reason: { kind: 'incomplete-data' },
    },
  ],
});
