import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import check from './enrollment-restricted.js';

// The Company Portal error as quoted in a public Intune setup guide; the near misses hold an Android variant.
const restricted = await macEvidence('C02E1', ['company-portal-platform-restricted.log']);
const near = await macEvidence('C02E2', ['ca-near-misses.log']);

testCheck(check, {
  valid: [{ name: 'another platform is not macOS', fleet: fleet().macLogs(near).build() }],
  invalid: [
    {
      name: "Couldn't add your device. Your IT support doesn't allow OSX devices",
      fleet: fleet().macLogs(restricted).build(),
      findings: [
        {
          messageId: 'seen',
          text: {
            en: 'C02E1: Company Portal could not add the Mac: an Intune device platform restriction does not allow macOS for this user — 1 line, last on 2025-03-03 09:41:02 (local time, zone unknown) (macs/C02E1/company-portal-platform-restricted.log:1)',
            it: 'C02E1: Il Portale aziendale non ha potuto aggiungere il Mac: una restrizione di piattaforma di Intune non consente macOS per questo utente — 1 riga, l’ultima il 2025-03-03 09:41:02 (local time, zone unknown) (macs/C02E1/company-portal-platform-restricted.log:1)',
          },
          data: {
            mac: 'C02E1',
            signature: 'intune-platform-restricted',
            count: 1,
            file: 'macs/C02E1/company-portal-platform-restricted.log',
            line: 1,
            last: '2025-03-03 09:41:02 (local time, zone unknown)',
          },
        },
      ],
    },
  ],
  cannotCheck: [{ name: 'macs not collected', fleet: fleet().status('macs', 'missing').build() }],
});
