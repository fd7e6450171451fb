import { runSignatureCheck, seenMessage } from '../../logs/findings.js';
import { symptomsOf } from '../../logs/signatures.js';
import { DATASETS } from '../../model/datasets.js';
import { defineCheck } from '../define.js';
import { jamfAtLeast } from '../util.js';

const scope = {
  families: ['unifiedLog'],
  label: { en: 'jamfAAD unified log', it: 'log unificato di jamfAAD' },
} as const;

export default defineCheck({
  id: 'logs/duplicate-msal-accounts',
  severity: 'medium',
  modes: 'any',
  requires: [DATASETS.macs.id],
  title: {
    en: 'jamfAAD sees more than one MSAL account in the keychain',
    it: 'jamfAAD vede più di un account MSAL nel portachiavi',
  },
  cause: {
    en: 'Several MSAL accounts are cached in the local items keychain (after re-registrations); jamfAAD may pick the wrong one and silent token acquisition fails, so the Mac drifts to unresponsive.',
    it: 'Nel portachiavi degli elementi locali sono memorizzati più account MSAL (dopo più registrazioni); jamfAAD può scegliere quello sbagliato e l’acquisizione silenziosa del token fallisce, così il Mac diventa non rispondente.',
  },
  resolution: {
    en: [
      'On the Mac, as the user, delete the local items keychain folder ~/Library/Keychains/<Hardware UUID> and restart.',
      'Run gatherAADInfo as the user (never as root) and check that the Mac is ACTIVATED again in Jamf Pro.',
    ],
    it: [
      'Sul Mac, come utente, eliminare la cartella del portachiavi degli elementi locali ~/Library/Keychains/<UUID hardware> e riavviare.',
      'Eseguire gatherAADInfo come utente (mai come root) e verificare che il Mac torni ACTIVATED in Jamf Pro.',
    ],
  },
  sources: [
    'research: jamf.md §5.4 (duplicate MSAL accounts)',
    'Jamf: fixed in Jamf Pro 11.3 (https://github.com/benwhitis/Jamf_Conditional_Access/issues/5)',
  ],
  symptoms: symptomsOf('logs/duplicate-msal-accounts'),
  messages: { seen: seenMessage },
  // Jamf fixed the duplicate-account bug in Jamf Pro 11.3 (https://github.com/benwhitis/Jamf_Conditional_Access/issues/5).
  notApplicable: (fleet) =>
    jamfAtLeast(fleet.jamf.version, 11, 3)
      ? {
          en: `Jamf Pro ${fleet.jamf.version} is 11.3 or later, which fixed the duplicate MSAL account bug`,
          it: `Jamf Pro ${fleet.jamf.version} è 11.3 o successivo, che ha corretto il problema degli account MSAL duplicati`,
        }
      : null,
  run(fleet, ctx) {
    runSignatureCheck('logs/duplicate-msal-accounts', scope, fleet, ctx);
  },
});
