import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { at, isOn, macSettings, noFacts, prefEvidence, showPref } from './shared.js';

const KEY = 'microsoftCAEnabled';

interface Data {
  mac: string;
  value: string;
  file: string;
}

export default defineCheck({
  id: 'mac/microsoft-ca-not-enabled',
  severity: 'high',
  modes: ['legacy', 'device-compliance'],
  requires: [DATASETS.macs.id],
  title: {
    en: 'The Mac is not enabled for the Microsoft registration (microsoftCAEnabled is not true)',
    it: 'Il Mac non è abilitato alla registrazione Microsoft (microsoftCAEnabled non è true)',
  },
  cause: {
    en: 'Jamf Pro sets microsoftCAEnabled in /Library/Preferences/com.jamfsoftware.jamf.plist only while the Mac is in the scope of the integration (with Device Compliance: the Applicable smart group). Without it the registration stops after Company Portal closes and nothing reaches Jamf or Entra; the file can also be stale after the group changed.',
    it: 'Jamf Pro imposta microsoftCAEnabled in /Library/Preferences/com.jamfsoftware.jamf.plist solo finché il Mac rientra nell’ambito dell’integrazione (con Device Compliance: lo smart group Applicable). Senza, la registrazione si interrompe alla chiusura del Portale aziendale e nulla arriva a Jamf né a Entra; il file può anche essere rimasto vecchio dopo un cambio del gruppo.',
  },
  resolution: {
    en: [
      'In Jamf Pro, check that the Mac meets the criteria of the Applicable smart group chosen under Settings > Global > Device Compliance (for example Company Portal installed).',
      'On the Mac, run `sudo jamf manage` to refresh the management settings, then read the key again with `defaults read /Library/Preferences/com.jamfsoftware.jamf.plist microsoftCAEnabled` (expected 1).',
      'Then have the user run the "Register with Microsoft Entra ID" policy from Self Service again.',
    ],
    it: [
      'In Jamf Pro, verificare che il Mac soddisfi i criteri dello smart group Applicable scelto in Impostazioni > Globali > Device Compliance (per esempio il Portale aziendale installato).',
      'Sul Mac, eseguire `sudo jamf manage` per aggiornare le impostazioni di gestione, poi rileggere la chiave con `defaults read /Library/Preferences/com.jamfsoftware.jamf.plist microsoftCAEnabled` (atteso 1).',
      'Poi far eseguire di nuovo all’utente il criterio "Register with Microsoft Entra ID" da Self Service.',
    ],
  },
  sources: [
    'research: device-compliance.md §1 row 6, §0 (https://github.com/benwhitis/Jamf_Conditional_Access/issues/5)',
    'https://github.com/benwhitis/Jamf_Conditional_Access/blob/main/DeviceComplianceMigrator.sh',
  ],
  // What Jamf's migrator prints to the policy log (DeviceComplianceMigrator.sh).
  symptoms: ['com.jamfsoftware.jamf.plist was not up to date (microsoftCAEnabled).'],
  messages: {
    disabled: msg<Data>({
      en: (d) =>
        `${d.mac}: microsoftCAEnabled is ${d.value} (${d.file}): Jamf Pro has not enabled the registration on this Mac (outside the Applicable group, or settings not refreshed)`,
      it: (d) =>
        `${d.mac}: microsoftCAEnabled è ${d.value} (${d.file}): Jamf Pro non ha abilitato la registrazione su questo Mac (fuori dal gruppo Applicable, o impostazioni non aggiornate)`,
    }),
    absent: msg<Data>({
      en: (d) => `${d.mac}: microsoftCAEnabled is not set in com.jamfsoftware.jamf.plist (${d.file})`,
      it: (d) => `${d.mac}: microsoftCAEnabled non è impostata in com.jamfsoftware.jamf.plist (${d.file})`,
    }),
    wrongType: msg<Data>({
      en: (d) =>
        `${d.mac}: microsoftCAEnabled is ${d.value}, not the boolean Jamf Pro writes (${d.file}); Jamf's migrator treats it as not enabled`,
      it: (d) =>
        `${d.mac}: microsoftCAEnabled vale ${d.value}, non il booleano che scrive Jamf Pro (${d.file}); il migratore di Jamf lo considera non abilitato`,
    }),
  },
  run(fleet, ctx) {
    for (const item of macSettings(fleet)) {
      const p = item.settings?.prefs.jamf?.[KEY];
      if (!p) {
        noFacts(ctx, item, 'microsoftCAEnabled of /Library/Preferences/com.jamfsoftware.jamf.plist');
        continue;
      }
      const on = isOn(p);
      if (on === true) continue;
      ctx.report({
        messageId: p.type === 'absent' ? 'absent' : on === false ? 'disabled' : 'wrongType',
        data: { mac: item.subject.id, value: showPref(p), file: at(p) },
        subjects: [item.subject],
        evidence: [prefEvidence(KEY, p)],
      });
    }
  },
});
