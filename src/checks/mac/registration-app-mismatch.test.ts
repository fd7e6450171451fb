import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import { macFolder } from '../../../test/mac-fixtures.js';
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

testCheck(check, {
  valid: [
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
  ],
  cannotCheck: [
    { name: 'no macs/ folder', fleet: dc().status('macs', 'missing').build(), reason: { kind: 'not-collected' } },
    { name: 'only jamf.log collected', fleet: dc().macLogs(onlyLog).build(), reason: { kind: 'incomplete-data' } },
  ],
  notApplicable: [
    { name: 'legacy integration (another app is expected)', fleet: fleet().legacyPartner().macLogs(legacyApp).build() },
  ],
});
