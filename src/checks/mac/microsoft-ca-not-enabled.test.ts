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
          text: {
            en: 'C02CA05: microsoftCAEnabled is false (macs/C02CA05/Library/Preferences/com.jamfsoftware.jamf.plist): Jamf Pro has not enabled the registration on this Mac (outside the Applicable group, or settings not refreshed)',
            it: 'C02CA05: microsoftCAEnabled è false (macs/C02CA05/Library/Preferences/com.jamfsoftware.jamf.plist): Jamf Pro non ha abilitato la registrazione su questo Mac (fuori dal gruppo Applicable, o impostazioni non aggiornate)',
          },
          data: { mac: 'C02CA05', value: 'false', file: JAMF('C02CA05') },
          subjects: ['C02CA05'],
        },
      ],
    },
    {
      name: 'near miss: keys of another spelling do not count',
      fleet: dc().macLogs(otherKeys).build(),
      findings: [
        {
          messageId: 'absent',
          text: {
            en: 'C02CA06: microsoftCAEnabled is not set in com.jamfsoftware.jamf.plist (macs/C02CA06/Library/Preferences/com.jamfsoftware.jamf.plist)',
            it: 'C02CA06: microsoftCAEnabled non è impostata in com.jamfsoftware.jamf.plist (macs/C02CA06/Library/Preferences/com.jamfsoftware.jamf.plist)',
          },
          data: { mac: 'C02CA06', value: 'absent', file: JAMF('C02CA06') },
        },
      ],
    },
    {
      name: 'near miss: the string "true" is not the boolean',
      fleet: dc().macLogs(stringTrue).build(),
      findings: [
        {
          messageId: 'wrongType',
          text: {
            en: 'C02CA07: microsoftCAEnabled is "true", not the boolean Jamf Pro writes (macs/C02CA07/Library/Preferences/com.jamfsoftware.jamf.plist); Jamf\'s migrator treats it as not enabled',
            it: 'C02CA07: microsoftCAEnabled vale "true", non il booleano che scrive Jamf Pro (macs/C02CA07/Library/Preferences/com.jamfsoftware.jamf.plist); il migratore di Jamf lo considera non abilitato',
          },
          data: { mac: 'C02CA07', value: '"true"', file: JAMF('C02CA07') },
        },
      ],
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
    {
      name: 'only jamf.log collected',
      fleet: dc().macLogs(onlyLog).build(),
      reason: {
        kind: 'incomplete-data',
        detail:
          'C02CA09: microsoftCAEnabled of /Library/Preferences/com.jamfsoftware.jamf.plist not among the files of macs/C02CA09',
      },
    },
    { name: 'the plist cannot be parsed', fleet: dc().macLogs(broken).build(), reason: { kind: 'incomplete-data' } },
    {
      name: "only the user's preferences",
      fleet: dc().macLogs(userPrefsOnly).build(),
      reason: { kind: 'incomplete-data' },
    },
  ],
  notApplicable: [{ name: 'no integration', fleet: fleet().macLogs(off).build() }],
});
