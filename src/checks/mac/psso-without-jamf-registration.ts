import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { at, factEvidence, isOn, macSettings, noFacts, prefEvidence, showPref, ssoRegistration } from './shared.js';

const KEY = 'have_an_Azure_id';

interface Data {
  mac: string;
  value: string;
  registration: string;
  file: string;
}

export default defineCheck({
  id: 'mac/psso-without-jamf-registration',
  severity: 'high',
  modes: ['legacy', 'device-compliance'],
  requires: [DATASETS.macs.id],
  title: {
    en: 'The Mac is registered with Entra by Platform SSO or the SSO extension, but Jamf never acquired its Entra ID',
    it: 'Il Mac è registrato in Entra tramite Platform SSO o l’estensione SSO, ma Jamf non ne ha mai acquisito l’ID Entra',
  },
  cause: {
    en: 'Platform SSO (or the SSO extension with a Secure Enclave key) registers the Mac with Entra, but that is between macOS and Entra: Jamf reports compliance only after gatherAADInfo ran for the user and stored have_an_Azure_id = 1 in ~/Library/Preferences/com.jamf.management.jamfAAD.plist. Until then the Mac gets no compliance state and the user is asked to register again.',
    it: 'Platform SSO (o l’estensione SSO con chiave nel Secure Enclave) registra il Mac in Entra, ma questo riguarda solo macOS ed Entra: Jamf riferisce la conformità solo dopo che gatherAADInfo è stato eseguito per l’utente e ha scritto have_an_Azure_id = 1 in ~/Library/Preferences/com.jamf.management.jamfAAD.plist. Fino ad allora il Mac non ha uno stato di conformità e all’utente viene chiesto di registrarsi di nuovo.',
  },
  resolution: {
    en: [
      'Have the user run the "Register with Microsoft Entra ID" policy from Self Service at least once, or run gatherAADInfo as the user from a Jamf policy (never as root).',
      'Then check that `defaults read ~/Library/Preferences/com.jamf.management.jamfAAD.plist have_an_Azure_id` prints 1.',
    ],
    it: [
      'Far eseguire all’utente almeno una volta il criterio "Register with Microsoft Entra ID" da Self Service, oppure eseguire gatherAADInfo come utente da un criterio Jamf (mai come root).',
      'Poi verificare che `defaults read ~/Library/Preferences/com.jamf.management.jamfAAD.plist have_an_Azure_id` stampi 1.',
    ],
  },
  sources: [
    'research: device-compliance.md §1 row 11, §3',
    'https://github.com/benwhitis/Jamf_Conditional_Access/blob/main/EA_RegistrationStatus_preview.sh',
    'https://community.jamf.com/t5/jamf-pro/configure-platform-single-sign-on-pssoe-for-microsoft-entra-id/m-p/333472/highlight/true',
  ],
  // The results of Jamf's registration extension attributes (EA_RegistrationStatus_preview.sh, EA_registrationStatus).
  symptoms: [
    'WPJ Key is in Secure Enclave, but AAD ID not acquired for user home',
    'Platform SSO registered but AAD ID not acquired for user home',
  ],
  messages: {
    notAcquired: msg<Data>({
      en: (d) =>
        `${d.mac}: registered with Entra (${d.registration}) but have_an_Azure_id is ${d.value} (${d.file}): Jamf has not acquired the Entra ID, so it cannot report the compliance`,
      it: (d) =>
        `${d.mac}: registrato in Entra (${d.registration}) ma have_an_Azure_id è ${d.value} (${d.file}): Jamf non ha acquisito l’ID Entra, quindi non può riferirne la conformità`,
    }),
  },
  run(fleet, ctx) {
    for (const item of macSettings(fleet)) {
      const reg = ssoRegistration(item.settings);
      if (!reg) {
        noFacts(ctx, item, 'the Platform SSO status (getPSSOStatus or app-sso platform -s)');
        continue;
      }
      if (!reg.registered) continue;
      const p = item.settings?.prefs.jamfAAD?.[KEY];
      if (!p) {
        noFacts(ctx, item, "have_an_Azure_id of the user's com.jamf.management.jamfAAD.plist");
        continue;
      }
      if (isOn(p) === true) continue;
      ctx.report({
        messageId: 'notAcquired',
        data: { mac: item.subject.id, value: showPref(p), registration: at(reg.source), file: at(p) },
        subjects: [item.subject],
        evidence: [factEvidence(reg.source), prefEvidence(KEY, p)],
      });
    }
  },
});
