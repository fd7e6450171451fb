import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import check from './duplicate-msal-accounts.js';

const compact = await macEvidence('C02M1', ['unified-compact.log']);
const ndjson = await macEvidence('C02M2', ['unified.ndjson']);
const clean = await macEvidence('C02M3', ['unified-default.log', 'unified-syslog.log']);
const cpOnly = await macEvidence('C02M4', ['company-portal-space.log']);

testCheck(check, {
  valid: [{ name: 'jamfAAD unified logs without the message', fleet: fleet().macLogs(clean).build() }],
  invalid: [
    {
      name: 'compact style',
      fleet: fleet().macLogs(compact).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02M1',
            signature: 'msal-duplicate-accounts',
            count: 1,
            file: 'macs/C02M1/unified-compact.log',
            line: 3,
            last: '2025-03-03T11:43:05.007Z',
          },
          text: {
            en: 'C02M1: jamfAAD found more than one MSAL account in the keychain; silent token acquisition may pick the wrong one — 1 line, last on 2025-03-03T11:43:05.007Z (macs/C02M1/unified-compact.log:3)',
            it: 'C02M1: jamfAAD ha trovato più di un account MSAL nel portachiavi; l’acquisizione silenziosa del token può scegliere quello sbagliato — 1 riga, l’ultima il 2025-03-03T11:43:05.007Z (macs/C02M1/unified-compact.log:3)',
          },
        },
      ],
    },
    {
      name: 'ndjson style (time with zone)',
      fleet: fleet().macLogs(ndjson).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02M2',
            signature: 'msal-duplicate-accounts',
            count: 1,
            file: 'macs/C02M2/unified.ndjson',
            line: 1,
            last: '2025-03-03T19:43:05.007Z',
          },
        },
      ],
    },
  ],
  cannotCheck: [
    { name: 'no unified log', fleet: fleet().macLogs(cpOnly).build(), reason: { kind: 'incomplete-data' } },
    { name: 'macs not collected', fleet: fleet().status('macs', 'missing').build() },
  ],
});
