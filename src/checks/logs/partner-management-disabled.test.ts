import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import check from './partner-management-disabled.js';

const tab = await macEvidence('C02P1', ['company-portal-tab.log']);
const pipe = await macEvidence('C02P2', ['company-portal-pipe.log']);
const clean = await macEvidence('C02P3', ['company-portal-space.log', 'near-misses.log']);
const none = await macEvidence('C02P4', ['jamf-basic.log', 'sso-extension.log']);

testCheck(check, {
  valid: [{ name: 'Company Portal logs without the refusal', fleet: fleet().macLogs(clean).build() }],
  invalid: [
    {
      name: 'the -r refusal in the tab-separated format',
      fleet: fleet().macLogs(tab).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02P1',
            signature: 'registration-only-flag-refused',
            count: 1,
            file: 'macs/C02P1/company-portal-tab.log',
            line: 2,
            last: '2021-04-25 07:14:42 (local time, zone unknown)',
          },
          text: {
            en: 'C02P1: Company Portal refused the registration-only launch: partner management (the Jamf integration) is turned off in Intune — 1 line, last on 2021-04-25 07:14:42 (local time, zone unknown) (macs/C02P1/company-portal-tab.log:2)',
            it: 'C02P1: Il Portale aziendale ha rifiutato l’avvio di sola registrazione: la gestione partner (l’integrazione Jamf) è disattivata in Intune — 1 riga, l’ultima il 2021-04-25 07:14:42 (local time, zone unknown) (macs/C02P1/company-portal-tab.log:2)',
          },
          subjects: ['C02P1', 'macs/C02P1/company-portal-tab.log'],
        },
      ],
    },
    {
      name: 'the pop-up title in the pipe-separated format',
      fleet: fleet().macLogs(pipe).build(),
      findings: [{ messageId: 'seen', subjects: ['C02P2', 'macs/C02P2/company-portal-pipe.log'] }],
    },
  ],
  cannotCheck: [
    {
      name: 'no Company Portal or unified log',
      fleet: fleet().macLogs(none).build(),
      reason: { kind: 'incomplete-data' },
    },
    { name: 'macs not collected', fleet: fleet().status('macs', 'missing').build(), reason: { kind: 'not-collected' } },
  ],
});
