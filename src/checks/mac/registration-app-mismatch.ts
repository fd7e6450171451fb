import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { at, macSettings, noFacts, prefEvidence, REGISTRATION_APP_IDS, showPref } from './shared.js';

const KEY = 'microsoftCANativeClientAppId';

interface Data {
  mac: string;
  value: string;
  file: string;
}

export default defineCheck({
  id: 'mac/registration-app-mismatch',
  severity: 'high',
  modes: ['device-compliance'],
  requires: [DATASETS.macs.id],
  title: {
    en: 'The Mac does not point at the User registration app for Device Compliance',
    it: 'Il Mac non punta all’app User registration app for Device Compliance',
  },
  cause: {
    en: 'microsoftCANativeClientAppId in /Library/Preferences/com.jamfsoftware.jamf.plist is the Entra app the Mac registers through. With Device Compliance it must be the "User registration app for Device Compliance" (b03c10a8-71c7-45f9-b44a-3335ab76e970; GCC High dcf07df3-346f-4f0e-b803-c1f0ea0fb5ae). Another value means the Mac did not receive the Device Compliance settings (often after a migration from the legacy integration), so it never turns compliant.',
    it: 'microsoftCANativeClientAppId in /Library/Preferences/com.jamfsoftware.jamf.plist è l’app Entra tramite cui il Mac si registra. Con Device Compliance deve essere "User registration app for Device Compliance" (b03c10a8-71c7-45f9-b44a-3335ab76e970; GCC High dcf07df3-346f-4f0e-b803-c1f0ea0fb5ae). Un altro valore indica che il Mac non ha ricevuto le impostazioni di Device Compliance (spesso dopo la migrazione dall’integrazione legacy), quindi non diventa mai conforme.',
  },
  resolution: {
    en: [
      'On the Mac, run `sudo jamf manage` so that Jamf Pro writes its current settings, then check `defaults read /Library/Preferences/com.jamfsoftware.jamf.plist microsoftCANativeClientAppId`.',
      'Then run gatherAADInfo as the user (the Self Service registration policy, or Jamf’s migrator LaunchAgent) so that the Mac reports to the new integration.',
      'If the value stays old, check in Jamf Pro that Device Compliance is enabled for macOS and that the Mac is in its Applicable group.',
    ],
    it: [
      'Sul Mac, eseguire `sudo jamf manage` perché Jamf Pro scriva le impostazioni attuali, poi controllare `defaults read /Library/Preferences/com.jamfsoftware.jamf.plist microsoftCANativeClientAppId`.',
      'Poi eseguire gatherAADInfo come utente (il criterio di registrazione di Self Service o il LaunchAgent di migrazione di Jamf) perché il Mac riferisca alla nuova integrazione.',
      'Se il valore resta quello vecchio, verificare in Jamf Pro che Device Compliance sia abilitato per macOS e che il Mac sia nel suo gruppo Applicable.',
    ],
  },
  sources: [
    'research: device-compliance.md §1 row 7',
    'https://github.com/benwhitis/Jamf_Conditional_Access/blob/main/DeviceComplianceMigrator.sh',
  ],
  // What Jamf's migrator prints to the policy log (DeviceComplianceMigrator.sh).
  symptoms: ['com.jamfsoftware.jamf.plist was not up to date (microsoftCANativeClientAppID)'],
  messages: {
    otherApp: msg<Data>({
      en: (d) => `${d.mac}: microsoftCANativeClientAppId is ${d.value}, not the User registration app (${d.file})`,
      it: (d) => `${d.mac}: microsoftCANativeClientAppId è ${d.value}, non la User registration app (${d.file})`,
    }),
    absent: msg<Data>({
      en: (d) => `${d.mac}: microsoftCANativeClientAppId is not set in com.jamfsoftware.jamf.plist (${d.file})`,
      it: (d) => `${d.mac}: microsoftCANativeClientAppId non è impostata in com.jamfsoftware.jamf.plist (${d.file})`,
    }),
  },
  run(fleet, ctx) {
    for (const item of macSettings(fleet)) {
      const p = item.settings?.prefs.jamf?.[KEY];
      if (!p) {
        noFacts(ctx, item, 'microsoftCANativeClientAppId of /Library/Preferences/com.jamfsoftware.jamf.plist');
        continue;
      }
      if (p.type === 'string' && REGISTRATION_APP_IDS.includes(String(p.value).trim().toLowerCase())) continue;
      ctx.report({
        messageId: p.type === 'absent' ? 'absent' : 'otherApp',
        data: { mac: item.subject.id, value: showPref(p), file: at(p) },
        subjects: [item.subject],
        evidence: [prefEvidence(KEY, p)],
      });
    }
  },
});
