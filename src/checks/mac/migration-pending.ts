import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { at, factEvidence, macSettings, noFacts } from './shared.js';

export default defineCheck({
  id: 'mac/migration-pending',
  severity: 'medium',
  modes: ['device-compliance'],
  requires: [DATASETS.macs.id],
  title: {
    en: 'Jamf’s Device Compliance migration has not run for the Mac’s user yet',
    it: 'La migrazione a Device Compliance di Jamf non è ancora stata eseguita per l’utente del Mac',
  },
  cause: {
    en: 'Jamf’s migrator leaves a LaunchAgent (~/Library/LaunchAgents/com.jamf.management.jamfAAD.migrator.plist) and a script in ~/Library/JamfAADStaging/ that run gatherAADInfo once at the user’s next login and then delete themselves. While they are still there, the user’s registration was never sent to the Device Compliance integration, so a Mac registered under the legacy integration stays non-compliant.',
    it: 'Il migratore di Jamf lascia un LaunchAgent (~/Library/LaunchAgents/com.jamf.management.jamfAAD.migrator.plist) e uno script in ~/Library/JamfAADStaging/ che eseguono gatherAADInfo una volta al successivo accesso dell’utente e poi si cancellano. Finché ci sono, la registrazione dell’utente non è mai stata inviata all’integrazione Device Compliance, quindi un Mac registrato con l’integrazione legacy resta non conforme.',
  },
  resolution: {
    en: [
      'Have the user log out and in again (the LaunchAgent runs once, about 30 seconds after login; its output goes to /tmp/jamfaad.log).',
      'Or run gatherAADInfo as the user from a Jamf policy or the Self Service registration policy.',
      'Then check that the two paths are gone and that the Mac turns compliant in Entra.',
    ],
    it: [
      'Far uscire e rientrare l’utente (il LaunchAgent viene eseguito una volta, circa 30 secondi dopo l’accesso; l’output va in /tmp/jamfaad.log).',
      'Oppure eseguire gatherAADInfo come utente da un criterio Jamf o dal criterio di registrazione di Self Service.',
      'Poi verificare che i due percorsi siano spariti e che il Mac risulti conforme in Entra.',
    ],
  },
  sources: [
    'research: device-compliance.md §1 row 8, §2.1',
    'https://github.com/benwhitis/Jamf_Conditional_Access/blob/main/DeviceComplianceMigrator.sh',
  ],
  messages: {
    pending: msg<{ mac: string; what: string; file: string }>({
      en: (d) =>
        `${d.mac}: ${d.what} still present (${d.file}): the migrator has not finished gatherAADInfo for the user`,
      it: (d) =>
        `${d.mac}: ${d.what} ancora presente (${d.file}): il migratore non ha completato gatherAADInfo per l’utente`,
    }),
  },
  run(fleet, ctx) {
    for (const item of macSettings(fleet)) {
      const m = item.settings?.migrator;
      if (m && (m.launchAgent || m.staging)) {
        const what = [
          m.launchAgent ? 'com.jamf.management.jamfAAD.migrator.plist' : null,
          m.staging ? '~/Library/JamfAADStaging' : null,
        ]
          .filter((x) => x)
          .join(' + ');
        ctx.report({
          messageId: 'pending',
          data: { mac: item.subject.id, what, file: at(m.source) },
          subjects: [item.subject],
          evidence: [factEvidence(m.source)],
        });
        continue;
      }
      if (m && m.launchAgent === false && m.staging === false) continue;
      noFacts(ctx, item, 'the listing of ~/Library/LaunchAgents and ~/Library/JamfAADStaging');
    }
  },
});
