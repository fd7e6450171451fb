import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import check from './graph-token-failed.js';

const failing = await macEvidence('C02G1', ['gather-aad-info.txt']);
const clean = await macEvidence('C02G2', ['unified-compact.log']);

testCheck(check, {
  valid: [{ name: 'a jamfAAD log without the error', fleet: fleet().macLogs(clean).build() }],
  invalid: [
    {
      name: 'gatherAADInfo output with the Graph token error (no times)',
      fleet: fleet().macLogs(failing).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02G1',
            signature: 'graph-token-not-retrieved',
            count: 1,
            file: 'macs/C02G1/gather-aad-info.txt',
            line: 2,
            last: '',
          },
          text: {
            en: 'C02G1: Jamf Pro could not get a Microsoft Graph access token (app permissions or consent, expired licence, or closed ports) — 1 line (macs/C02G1/gather-aad-info.txt:2)',
            it: 'C02G1: Jamf Pro non ha ottenuto un token di accesso a Microsoft Graph (permessi o consenso dell’app, licenza scaduta o porte chiuse) — 1 riga (macs/C02G1/gather-aad-info.txt:2)',
          },
          subjects: ['C02G1', 'macs/C02G1/gather-aad-info.txt'],
        },
      ],
    },
  ],
  cannotCheck: [{ name: 'macs not collected', fleet: fleet().status('macs', 'missing').build() }],
});
