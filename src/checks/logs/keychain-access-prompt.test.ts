import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import check from './keychain-access-prompt.js';

const prompts = await macEvidence('C02K1', ['unified-syslog.log']);
const teams = await macEvidence('C02K2', ['unified-json.json']);
const missing = await macEvidence('C02K3', ['company-portal-tab.log', 'sso-extension.log']);
const clean = await macEvidence('C02K4', ['near-misses.log', 'unified-compact.log']);
const onlyJamf = await macEvidence('C02K5', ['jamf-basic.log']);

testCheck(check, {
  valid: [{ name: 'near misses: key deleted, other -25300, password later', fleet: fleet().macLogs(clean).build() }],
  invalid: [
    {
      name: 'JamfAAD asks for the key, then the login keychain password (curly quotes)',
      fleet: fleet().macLogs(prompts).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02K1',
            signature: 'wpj-key-keychain-prompt',
            count: 1,
            file: 'macs/C02K1/unified-syslog.log',
            line: 2,
            last: '2020-04-27T03:07:02.000Z',
          },
          text: {
            en: 'C02K1: An app or JamfAAD asked for the "Microsoft Workplace Join Key" in the login keychain (a keychain prompt the user must allow) — 1 line, last on 2020-04-27T03:07:02.000Z (macs/C02K1/unified-syslog.log:2)',
            it: 'C02K1: Un’app o JamfAAD ha chiesto la "Microsoft Workplace Join Key" nel portachiavi di login (una richiesta che l’utente deve consentire) — 1 riga, l’ultima il 2020-04-27T03:07:02.000Z (macs/C02K1/unified-syslog.log:2)',
          },
        },
        {
          messageId: 'seen',
          data: {
            mac: 'C02K1',
            signature: 'login-keychain-password-prompt',
            count: 1,
            file: 'macs/C02K1/unified-syslog.log',
            line: 3,
            last: '2020-04-27T03:07:02.000Z',
          },
        },
      ],
    },
    {
      name: 'Teams asks to sign with the key (log show --style json, escaped quotes)',
      fleet: fleet().macLogs(teams).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02K2',
            signature: 'wpj-key-keychain-prompt',
            count: 1,
            file: 'macs/C02K2/unified-json.json',
            line: 3,
            last: '2025-05-05T06:00:00.000Z',
          },
        },
      ],
    },
    {
      name: 'identity not found (-25300) and MSAL Workplace join is required',
      fleet: fleet().macLogs(missing).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02K3',
            signature: 'wpj-identity-not-found-25300',
            count: 1,
            file: 'macs/C02K3/company-portal-tab.log',
            line: 1,
            last: '2021-04-25T07:14:41.962Z',
          },
        },
        {
          messageId: 'seen',
          data: {
            mac: 'C02K3',
            signature: 'msal-workplace-join-required',
            count: 1,
            file: 'macs/C02K3/sso-extension.log',
            line: 3,
            last: '2024-10-23T11:28:45.000Z',
          },
        },
      ],
    },
  ],
  cannotCheck: [
    { name: 'only jamf.log', fleet: fleet().macLogs(onlyJamf).build(), reason: { kind: 'incomplete-data' } },
    { name: 'macs not collected', fleet: fleet().status('macs', 'missing').build() },
  ],
});
