import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import { macFolder, macSettingsLines } from '../../../test/mac-fixtures.js';
import check from './migration-pending.js';

const dc = () => fleet().compliancePartner();
const done = await macFolder('C02MG01', { collector: 'mac-settings-healthy.txt' });
const pendingCollector = await macFolder('C02MG02', { collector: 'mac-settings-broken.txt' });
const pendingCopied = await macFolder('C02MG03', {
  migrator: 'com.jamf.management.jamfAAD.migrator.plist',
  staging: 'jamfAAD_migrator.sh',
});
const stagingOnly = await macFolder('C02MG04', { staging: 'jamfAAD_migrator.sh' });
// A copied folder with the user's preferences but no LaunchAgents listing: absence is not known.
const copiedNoAgent = await macFolder('C02MG05', { jamf: 'jamf-dc.binary.plist' });
const onlyLog = await macEvidence('C02MG06', ['jamf-basic.log']);
// The collector listed one path and not the other: the other's absence is not known.
const agentAbsentOnly = await macSettingsLines('C02MG07', [
  '~/Library/LaunchAgents/com.jamf.management.jamfAAD.migrator.plist\t(file)\tabsent',
]);
const stagingAbsentOnly = await macSettingsLines('C02MG08', ['~/Library/JamfAADStaging\t(folder)\tabsent']);

testCheck(check, {
  valid: [{ name: 'collector: both paths absent', fleet: dc().macLogs(done).build() }],
  invalid: [
    {
      name: 'collector: LaunchAgent and staging folder present',
      fleet: dc().macLogs(pendingCollector).macLogs(done).build(),
      findings: [
        {
          messageId: 'pending',
          text: {
            en: 'C02MG02: com.jamf.management.jamfAAD.migrator.plist + ~/Library/JamfAADStaging still present (macs/C02MG02/mac-settings.txt:6): the migrator has not finished gatherAADInfo for the user',
            it: 'C02MG02: com.jamf.management.jamfAAD.migrator.plist + ~/Library/JamfAADStaging ancora presente (macs/C02MG02/mac-settings.txt:6): il migratore non ha completato gatherAADInfo per l’utente',
          },
          data: {
            mac: 'C02MG02',
            what: 'com.jamf.management.jamfAAD.migrator.plist + ~/Library/JamfAADStaging',
            file: 'macs/C02MG02/mac-settings.txt:6',
          },
          subjects: ['C02MG02'],
        },
      ],
    },
    {
      name: 'copied home folder: the LaunchAgent Jamf wrote',
      fleet: dc().macLogs(pendingCopied).build(),
      findings: [
        {
          messageId: 'pending',
          data: {
            mac: 'C02MG03',
            what: 'com.jamf.management.jamfAAD.migrator.plist + ~/Library/JamfAADStaging',
            file: 'macs/C02MG03/Users/anna/Library/LaunchAgents/com.jamf.management.jamfAAD.migrator.plist',
          },
        },
      ],
    },
    {
      name: 'only the staging script left',
      fleet: dc().macLogs(stagingOnly).build(),
      findings: [
        {
          messageId: 'pending',
          data: {
            mac: 'C02MG04',
            what: '~/Library/JamfAADStaging',
            file: 'macs/C02MG04/Users/anna/Library/JamfAADStaging/jamfAAD_migrator.sh',
          },
        },
      ],
    },
  ],
  cannotCheck: [
    { name: 'no macs/ folder', fleet: dc().status('macs', 'missing').build(), reason: { kind: 'not-collected' } },
    {
      name: 'copied folder without LaunchAgents',
      fleet: dc().macLogs(copiedNoAgent).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'only jamf.log',
      fleet: dc().macLogs(onlyLog).build(),
      reason: {
        kind: 'incomplete-data',
        detail:
          'C02MG06: the listing of ~/Library/LaunchAgents and ~/Library/JamfAADStaging not among the files of macs/C02MG06',
      },
    },
    {
      name: 'collector: the LaunchAgent absent, the staging folder not listed',
      fleet: dc().macLogs(agentAbsentOnly).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'collector: the staging folder absent, the LaunchAgent not listed',
      fleet: dc().macLogs(stagingAbsentOnly).build(),
      reason: { kind: 'incomplete-data' },
    },
  ],
  notApplicable: [{ name: 'legacy integration', fleet: fleet().legacyPartner().macLogs(pendingCollector).build() }],
});
