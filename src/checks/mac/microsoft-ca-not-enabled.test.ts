import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import { macFolder } from '../../../test/mac-fixtures.js';
import check from './microsoft-ca-not-enabled.js';

const JAMF = (s: string) => `macs/${s}/Library/Preferences/com.jamfsoftware.jamf.plist`;
const dc = () => fleet().compliancePartner();

const binaryOn = await macFolder('C02CA01', { jamf: 'jamf-dc.binary.plist' });
const xmlOn = await macFolder('C02CA02', { jamf: 'jamf-dc.xml.plist' });
const integerOne = await macFolder('C02CA03', { jamf: 'jamf-integer-one.binary.plist' });
const collectorOn = await macFolder('C02CA04', { collector: 'mac-settings-healthy.txt' });
const off = await macFolder('C02CA05', { jamf: 'jamf-not-applicable.binary.plist' });
const otherKeys = await macFolder('C02CA06', { jamf: 'jamf-other-keys.xml.plist' });
const stringTrue = await macFolder('C02CA07', { jamf: 'jamf-string-true.xml.plist' });
const collectorAbsent = await macFolder('C02CA08', { collector: 'mac-settings-broken.txt' });
const onlyLog = await macEvidence('C02CA09', ['jamf-basic.log']);
const broken = await macFolder('C02CA10', { jamf: 'jamfAAD_migrator.sh' });
const userPrefsOnly = await macFolder('C02CA11', { jamfAAD: 'jamfAAD-acquired.binary.plist' });

testCheck(check, {
  valid: [
    { name: 'binary plist: true', fleet: dc().macLogs(binaryOn).build() },
    { name: 'XML plist: true', fleet: dc().macLogs(xmlOn).build() },
    { name: 'integer 1 (what `defaults read` prints, as Jamf compares it)', fleet: dc().macLogs(integerOne).build() },
    { name: 'collector: boolean 1', fleet: fleet().legacyPartner().macLogs(collectorOn).build() },
  ],
  invalid: [
    {
      name: 'false: outside the Applicable group',
      fleet: dc().macLogs(off).macLogs(binaryOn).build(),
      findings: [
        {
          messageId: 'disabled',
          data: { mac: 'C02CA05', value: 'false', file: JAMF('C02CA05') },
          subjects: ['C02CA05'],
        },
      ],
    },
    {
      name: 'near miss: keys of another spelling do not count',
      fleet: dc().macLogs(otherKeys).build(),
      findings: [{ messageId: 'absent', data: { mac: 'C02CA06', value: 'absent', file: JAMF('C02CA06') } }],
    },
    {
      name: 'near miss: the string "true" is not the boolean',
      fleet: dc().macLogs(stringTrue).build(),
      findings: [{ messageId: 'wrongType', data: { mac: 'C02CA07', value: '"true"', file: JAMF('C02CA07') } }],
    },
    {
      name: 'collector: the key is absent (Mac in the fleet, legacy)',
      fleet: fleet()
        .legacyPartner()
        .jamf({ general: { name: 'Anna MacBook' }, hardware: { serialNumber: 'C02CA08' } })
        .macLogs(collectorAbsent)
        .build(),
      findings: [
        {
          messageId: 'absent',
          data: { mac: 'C02CA08', value: 'absent', file: 'macs/C02CA08/mac-settings.txt:3' },
          subjects: ['C02CA08'],
        },
      ],
    },
  ],
  cannotCheck: [
    { name: 'no macs/ folder', fleet: dc().status('macs', 'missing').build(), reason: { kind: 'not-collected' } },
    { name: 'only jamf.log collected', fleet: dc().macLogs(onlyLog).build(), reason: { kind: 'incomplete-data' } },
    { name: 'the plist cannot be parsed', fleet: dc().macLogs(broken).build(), reason: { kind: 'incomplete-data' } },
    {
      name: "only the user's preferences",
      fleet: dc().macLogs(userPrefsOnly).build(),
      reason: { kind: 'incomplete-data' },
    },
  ],
  notApplicable: [{ name: 'no integration', fleet: fleet().macLogs(off).build() }],
});
