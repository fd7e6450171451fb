import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import { macFolder } from '../../../test/mac-fixtures.js';
import check from './psso-without-jamf-registration.js';

const dc = () => fleet().compliancePartner();
const AAD = (s: string) => `macs/${s}/Users/anna/Library/Preferences/com.jamf.management.jamfAAD.plist`;

const registeredAcquired = await macFolder('C02PS01', {
  psso: 'psso-status-registered.txt',
  jamfAAD: 'jamfAAD-acquired.binary.plist',
});
const registeredInteger = await macFolder('C02PS02', {
  appSso: 'app-sso-registered.txt',
  jamfAAD: 'jamfAAD-acquired-integer.xml.plist',
});
const notRegistered = await macFolder('C02PS03', {
  psso: 'psso-status-enabled-not-registered.txt',
  jamfAAD: 'jamfAAD-not-acquired.binary.plist',
});
const appSsoNo = await macFolder('C02PS04', { appSso: 'app-sso-not-registered.txt' });
const falseId = await macFolder('C02PS05', {
  psso: 'psso-status-registered.txt',
  jamfAAD: 'jamfAAD-not-acquired.binary.plist',
});
const noKey = await macFolder('C02PS06', { appSso: 'app-sso-registered.txt', jamfAAD: 'jamfAAD-no-key.xml.plist' });
const collectorNoFile = await macFolder('C02PS07', {
  psso: 'psso-status-registered.txt',
  collector: 'mac-settings-broken.txt',
});
const noUserPrefs = await macFolder('C02PS08', { psso: 'psso-status-registered.txt' });
const noStatus = await macFolder('C02PS09', { jamfAAD: 'jamfAAD-not-acquired.binary.plist' });
const timeout = await macFolder('C02PS10', {
  psso: 'psso-status-timeout.txt',
  jamfAAD: 'jamfAAD-not-acquired.binary.plist',
});
const onlyLog = await macEvidence('C02PS11', ['jamf-basic.log']);

testCheck(check, {
  valid: [
    { name: 'registered, have_an_Azure_id true (binary)', fleet: dc().macLogs(registeredAcquired).build() },
    {
      name: 'registered (app-sso), have_an_Azure_id integer 1 (XML)',
      fleet: fleet().legacyPartner().macLogs(registeredInteger).build(),
    },
    { name: 'Platform SSO enabled, not registered: not this problem', fleet: dc().macLogs(notRegistered).build() },
    { name: 'app-sso: registrationCompleted false', fleet: dc().macLogs(appSsoNo).build() },
  ],
  invalid: [
    {
      name: 'registered, have_an_Azure_id false',
      fleet: dc().macLogs(falseId).macLogs(registeredAcquired).build(),
      findings: [
        {
          messageId: 'notAcquired',
          text: {
            en: 'C02PS05: registered with Entra (macs/C02PS05/psso-status.txt:2) but have_an_Azure_id is false (macs/C02PS05/Users/anna/Library/Preferences/com.jamf.management.jamfAAD.plist): Jamf has not acquired the Entra ID, so it cannot report the compliance',
            it: 'C02PS05: registrato in Entra (macs/C02PS05/psso-status.txt:2) ma have_an_Azure_id è false (macs/C02PS05/Users/anna/Library/Preferences/com.jamf.management.jamfAAD.plist): Jamf non ha acquisito l’ID Entra, quindi non può riferirne la conformità',
          },
          data: {
            mac: 'C02PS05',
            value: 'false',
            registration: 'macs/C02PS05/psso-status.txt:2',
            file: AAD('C02PS05'),
          },
          subjects: ['C02PS05'],
        },
      ],
    },
    {
      name: 'near miss: other keys only, have_an_Azure_id absent',
      fleet: dc().macLogs(noKey).build(),
      findings: [
        {
          messageId: 'notAcquired',
          data: {
            mac: 'C02PS06',
            value: 'absent',
            registration: 'macs/C02PS06/app-sso-platform.txt:5',
            file: AAD('C02PS06'),
          },
        },
      ],
    },
    {
      name: "collector: the user's jamfAAD plist does not exist",
      fleet: dc().macLogs(collectorNoFile).build(),
      findings: [
        {
          messageId: 'notAcquired',
          data: {
            mac: 'C02PS07',
            value: 'absent',
            registration: 'macs/C02PS07/psso-status.txt:2',
            file: 'macs/C02PS07/mac-settings.txt:5',
          },
        },
      ],
    },
  ],
  cannotCheck: [
    { name: 'no macs/ folder', fleet: dc().status('macs', 'missing').build(), reason: { kind: 'not-collected' } },
    {
      name: "registered, the user's preferences not collected",
      fleet: dc().macLogs(noUserPrefs).build(),
      reason: {
        kind: 'incomplete-data',
        detail:
          "C02PS08: have_an_Azure_id of the user's com.jamf.management.jamfAAD.plist not among the files of macs/C02PS08",
      },
    },
    {
      name: 'no Platform SSO status',
      fleet: dc().macLogs(noStatus).build(),
      reason: {
        kind: 'incomplete-data',
        detail:
          'C02PS09: the Platform SSO status (getPSSOStatus or app-sso platform -s) not among the files of macs/C02PS09',
      },
    },
    { name: 'getPSSOStatus timed out', fleet: dc().macLogs(timeout).build(), reason: { kind: 'incomplete-data' } },
    { name: 'only jamf.log', fleet: dc().macLogs(onlyLog).build(), reason: { kind: 'incomplete-data' } },
  ],
  notApplicable: [{ name: 'no integration', fleet: fleet().macLogs(falseId).build() }],
});
