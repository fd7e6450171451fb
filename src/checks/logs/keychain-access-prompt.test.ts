import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import check from './keychain-access-prompt.js';

const prompts = await macEvidence('C02K1', ['unified-syslog.log']);
const teams = await macEvidence('C02K2', ['unified-json.json']);
const missing = await macEvidence('C02K3', ['company-portal-tab.log', 'sso-extension.log']);
const clean = await macEvidence('C02K4', ['near-misses.log', 'unified-compact.log']);
const onlyJamf = await macEvidence('C02K5', ['jamf-basic.log']);
// -25300 alone: normal look-ups (the Company Portal tab log of azure-docs#74331, MSAL's keychain look-ups).
const lookups = await macEvidence('C02K6', ['company-portal-tab.log', 'msal-keychain-25300.log']);

testCheck(check, {
  valid: [
    { name: 'near misses: key deleted, other -25300, password later', fleet: fleet().macLogs(clean).build() },
    {
      name: '-25300 (item not found) alone is a normal look-up, not a finding',
      fleet: fleet().macLogs(lookups).build(),
    },
  ],
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
            last: '2020-04-26 22:07:02 -0500',
          },
          text: {
            en: 'C02K1: An app or JamfAAD asked for the "Microsoft Workplace Join Key" in the login keychain (a keychain prompt the user must allow) — 1 line, last on 2020-04-26 22:07:02 -0500 (macs/C02K1/unified-syslog.log:2)',
            it: 'C02K1: Un’app o JamfAAD ha chiesto la "Microsoft Workplace Join Key" nel portachiavi di login (una richiesta che l’utente deve consentire) — 1 riga, l’ultima il 2020-04-26 22:07:02 -0500 (macs/C02K1/unified-syslog.log:2)',
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
            last: '2020-04-26 22:07:02 -0500',
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
            last: '2025-05-05 08:00:00 +0200',
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
            signature: 'msal-workplace-join-required',
            count: 1,
            file: 'macs/C02K3/sso-extension.log',
            line: 3,
            last: '2024-10-23 13:28:45 +0200',
          },
        },
        {
          // -25300 becomes a finding only with the failure that needed the identity.
          messageId: 'identityMissing',
          text: {
            en: 'C02K3: the Workplace Join identity was not in the keychain (-25300, macs/C02K3/company-portal-tab.log:1) and a sign-in that needed it failed (macs/C02K3/sso-extension.log:3)',
            it: 'C02K3: l’identità Workplace Join non era nel portachiavi (-25300, macs/C02K3/company-portal-tab.log:1) e un accesso che ne aveva bisogno non è riuscito (macs/C02K3/sso-extension.log:3)',
          },
          data: {
            mac: 'C02K3',
            file: 'macs/C02K3/company-portal-tab.log',
            line: 1,
            failure: 'macs/C02K3/sso-extension.log:3',
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
