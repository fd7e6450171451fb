import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import { macFolder, macSettingsLines } from '../../../test/mac-fixtures.js';
import check from './registration-app-mismatch.js';

const JAMF = (s: string) => `macs/${s}/Library/Preferences/com.jamfsoftware.jamf.plist`;
const dc = () => fleet().compliancePartner();

const commercial = await macFolder('C02RA01', { jamf: 'jamf-dc.binary.plist' });
const gccHighUpper = await macFolder('C02RA02', { jamf: 'jamf-gcc-high.binary.plist' });
const collectorOk = await macFolder('C02RA03', { collector: 'mac-settings-healthy.txt' });
const legacyApp = await macFolder('C02RA04', { jamf: 'jamf-not-applicable.binary.plist' });
const oneDigitOff = await macFolder('C02RA05', { jamf: 'jamf-string-true.xml.plist' });
const otherSpelling = await macFolder('C02RA06', { jamf: 'jamf-other-keys.xml.plist' });
const collectorOld = await macFolder('C02RA07', { collector: 'mac-settings-broken.txt' });
const onlyLog = await macEvidence('C02RA08', ['jamf-basic.log']);
const JAMF_PLIST = '/Library/Preferences/com.jamfsoftware.jamf.plist';
// `defaults read` output kept as written: a value with blanks around the id is still the id.
const padded = await macSettingsLines('C02RA09', [
  `${JAMF_PLIST}\tmicrosoftCANativeClientAppId\tstring\t b03c10a8-71c7-45f9-b44a-3335ab76e970 `,
]);
// The id under a type that is not a string (near miss): not what Jamf Pro writes.
const notString = await macSettingsLines('C02RA10', [
  `${JAMF_PLIST}\tmicrosoftCANativeClientAppId\tdate\tb03c10a8-71c7-45f9-b44a-3335ab76e970`,
]);
const userPrefsOnly = await macFolder('C02RA11', { jamfAAD: 'jamfAAD-acquired.binary.plist' });

testCheck(check, {
  valid: [
    { name: 'collector: the id with blanks around it', fleet: dc().macLogs(padded).build() },
    { name: 'commercial User registration app (binary plist)', fleet: dc().macLogs(commercial).build() },
    { name: 'GCC High app, upper case', fleet: dc().macLogs(gccHighUpper).build() },
    { name: 'collector output', fleet: dc().macLogs(collectorOk).build() },
  ],
  invalid: [
    {
      name: 'another (legacy) app',
      fleet: dc().macLogs(legacyApp).macLogs(commercial).build(),
      findings: [
        {
          messageId: 'otherApp',
          text: {
            en: 'C02RA04: microsoftCANativeClientAppId is "0bd4bf12-5e6d-4c1c-9b63-7e4f2a0c8d11", not the User registration app (macs/C02RA04/Library/Preferences/com.jamfsoftware.jamf.plist)',
            it: 'C02RA04: microsoftCANativeClientAppId è "0bd4bf12-5e6d-4c1c-9b63-7e4f2a0c8d11", non la User registration app (macs/C02RA04/Library/Preferences/com.jamfsoftware.jamf.plist)',
          },
          data: { mac: 'C02RA04', value: '"0bd4bf12-5e6d-4c1c-9b63-7e4f2a0c8d11"', file: JAMF('C02RA04') },
          subjects: ['C02RA04'],
        },
      ],
    },
    {
      name: 'near miss: one digit off',
      fleet: dc().macLogs(oneDigitOff).build(),
      findings: [
        {
          messageId: 'otherApp',
          data: { mac: 'C02RA05', value: '"b03c10a8-71c7-45f9-b44a-3335ab76e971"', file: JAMF('C02RA05') },
        },
      ],
    },
    {
      name: 'near miss: microsoftCANativeClientAppID (capital D) is another key',
      fleet: dc().macLogs(otherSpelling).build(),
      findings: [
        {
          messageId: 'absent',
          text: {
            en: 'C02RA06: microsoftCANativeClientAppId is not set in com.jamfsoftware.jamf.plist (macs/C02RA06/Library/Preferences/com.jamfsoftware.jamf.plist)',
            it: 'C02RA06: microsoftCANativeClientAppId non è impostata in com.jamfsoftware.jamf.plist (macs/C02RA06/Library/Preferences/com.jamfsoftware.jamf.plist)',
          },
          data: { mac: 'C02RA06', value: 'absent', file: JAMF('C02RA06') },
        },
      ],
    },
    {
      name: 'collector: old app, both integrations on',
      fleet: dc().legacyPartner().macLogs(collectorOld).build(),
      findings: [
        {
          messageId: 'otherApp',
          data: {
            mac: 'C02RA07',
            value: '"0bd4bf12-5e6d-4c1c-9b63-7e4f2a0c8d11"',
            file: 'macs/C02RA07/mac-settings.txt:4',
          },
        },
      ],
    },
    {
      name: 'the registration app id as a date value is not the string Jamf Pro writes',
      fleet: dc().macLogs(notString).build(),
      findings: [
        {
          messageId: 'otherApp',
          data: {
            mac: 'C02RA10',
            value: 'b03c10a8-71c7-45f9-b44a-3335ab76e970 (date)',
            file: 'macs/C02RA10/mac-settings.txt:2',
          },
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: "only the user's preferences",
      fleet: dc().macLogs(userPrefsOnly).build(),
      reason: {
        kind: 'incomplete-data',
        detail:
          'C02RA11: microsoftCANativeClientAppId of /Library/Preferences/com.jamfsoftware.jamf.plist not among the files of macs/C02RA11',
      },
    },
    { name: 'no macs/ folder', fleet: dc().status('macs', 'missing').build(), reason: { kind: 'not-collected' } },
    { name: 'only jamf.log collected', fleet: dc().macLogs(onlyLog).build(), reason: { kind: 'incomplete-data' } },
  ],
  notApplicable: [
    { name: 'legacy integration (another app is expected)', fleet: fleet().legacyPartner().macLogs(legacyApp).build() },
  ],
});
