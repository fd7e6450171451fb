import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import check from './intune-connection-failed.js';

const failing = await macEvidence('C02I1', ['jamf-intune-notification.log']);
const clean = await macEvidence('C02I2', ['jamf-basic.log', 'near-misses.log']);

testCheck(check, {
  valid: [
    { name: 'logs without the message (lower-case near miss)', fleet: fleet().macLogs(clean).build() },
    { name: 'the snapshot has macs/ but no Mac folder', fleet: fleet().build() },
  ],
  invalid: [
    {
      name: 'Unable to connect, check configuration, unable to send inventory',
      fleet: fleet().macLogs(failing).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02I1',
            signature: 'check-intune-configuration',
            count: 1,
            file: 'macs/C02I1/jamf-intune-notification.log',
            line: 1,
            last: '2019-02-21 12:00:00 (local time, zone unknown)',
          },
          text: {
            en: 'C02I1: Jamf Pro asks to check the Microsoft Intune integration configuration after a failed connection — 1 line, last on 2019-02-21 12:00:00 (local time, zone unknown) (macs/C02I1/jamf-intune-notification.log:1)',
            it: 'C02I1: Jamf Pro chiede di verificare la configurazione dell’integrazione con Microsoft Intune dopo una connessione non riuscita — 1 riga, l’ultima il 2019-02-21 12:00:00 (local time, zone unknown) (macs/C02I1/jamf-intune-notification.log:1)',
          },
        },
        {
          messageId: 'seen',
          data: {
            mac: 'C02I1',
            signature: 'unable-to-connect-intune',
            count: 1,
            file: 'macs/C02I1/jamf-intune-notification.log',
            line: 1,
            last: '2019-02-21 12:00:00 (local time, zone unknown)',
          },
        },
        {
          messageId: 'seen',
          data: {
            mac: 'C02I1',
            signature: 'unable-to-send-inventory',
            count: 1,
            file: 'macs/C02I1/jamf-intune-notification.log',
            line: 2,
            last: '2019-02-21 12:05:00 (local time, zone unknown)',
          },
        },
      ],
    },
  ],
  cannotCheck: [{ name: 'macs not collected', fleet: fleet().status('macs', 'missing').build() }],
});
