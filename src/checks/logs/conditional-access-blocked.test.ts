import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import check from './conditional-access-blocked.js';

// Lines quoted from public issues (URLs in the fixture's comment lines).
const blocked = await macEvidence('C02A1', ['ca-blocked.log']);
const near = await macEvidence('C02A2', ['ca-near-misses.log']);

const seen = (signature: string, line: number, count = 1) => ({
  messageId: 'seen',
  data: { mac: 'C02A1', signature, count, file: 'macs/C02A1/ca-blocked.log', line, last: '' },
});

testCheck(check, {
  valid: [
    { name: 'near misses: AADSTS53001, 50005, 530033, other admin requirements', fleet: fleet().macLogs(near).build() },
  ],
  invalid: [
    {
      name: 'AADSTS53000, AADSTS530003 and both wordings of the sign-in page',
      fleet: fleet().macLogs(blocked).build(),
      findings: [
        {
          ...seen('aadsts-device-not-compliant', 5),
          text: {
            en: 'C02A1: Entra refused a token: Conditional Access requires a compliant device and the Mac is not compliant (AADSTS53000, DeviceNotCompliant) — 1 line (macs/C02A1/ca-blocked.log:5)',
            it: 'C02A1: Entra ha rifiutato un token: l’accesso condizionale richiede un dispositivo conforme e il Mac non lo è (AADSTS53000, DeviceNotCompliant) — 1 riga (macs/C02A1/ca-blocked.log:5)',
          },
        },
        seen('aadsts-device-must-be-managed', 6),
        seen('ca-managed-device-required', 8, 2),
      ],
    },
  ],
  cannotCheck: [{ name: 'macs not collected', fleet: fleet().status('macs', 'missing').build() }],
});
