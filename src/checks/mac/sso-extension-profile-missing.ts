import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { at, factEvidence, macSettings, noFacts } from './shared.js';

export default defineCheck({
  id: 'mac/sso-extension-profile-missing',
  severity: 'medium',
  modes: ['device-compliance'],
  requires: [DATASETS.macs.id],
  title: {
    en: 'The Mac has no Microsoft Enterprise SSO extension profile',
    it: 'Il Mac non ha un profilo dell’estensione Microsoft Enterprise SSO',
  },
  cause: {
    en: 'Since late 2025 new Device Compliance registrations keep the Workplace Join key in the Secure Enclave, which needs the Microsoft Enterprise SSO extension (com.microsoft.CompanyPortalMac.ssoextension, team UBF8T346G9) or Platform SSO delivered by a configuration profile. Without one, new registrations fail, and keychain-based checks report "Not Registered".',
    it: 'Dalla fine del 2025 le nuove registrazioni Device Compliance conservano la chiave di Workplace Join nel Secure Enclave, il che richiede l’estensione Microsoft Enterprise SSO (com.microsoft.CompanyPortalMac.ssoextension, team UBF8T346G9) o Platform SSO distribuiti da un profilo di configurazione. Senza, le nuove registrazioni falliscono e i controlli basati sul portachiavi riportano "Not Registered".',
  },
  resolution: {
    en: [
      'In Jamf Pro, create a configuration profile with a Single Sign-On Extensions payload: type Redirect, extension identifier com.microsoft.CompanyPortalMac.ssoextension, team identifier UBF8T346G9 (or the Platform SSO profile), and scope it to the Mac.',
      'Then update registration extension attributes to read `Jamf Conditional Access getPSSOStatus` instead of the login keychain.',
    ],
    it: [
      'In Jamf Pro, creare un profilo di configurazione con un payload Single Sign-On Extensions: tipo Redirect, identificatore dell’estensione com.microsoft.CompanyPortalMac.ssoextension, identificatore del team UBF8T346G9 (oppure il profilo Platform SSO), e assegnarlo al Mac.',
      'Poi aggiornare gli attributi di estensione sulla registrazione perché leggano `Jamf Conditional Access getPSSOStatus` invece del portachiavi di login.',
    ],
  },
  sources: [
    'research: device-compliance.md §1 row 9, jamf.md §5.4',
    'https://github.com/MicrosoftDocs/entra-docs/blob/main/docs/identity-platform/apple-sso-plugin.md',
  ],
  messages: {
    missing: msg<{ mac: string; file: string }>({
      en: (d) => `${d.mac}: no installed profile configures com.microsoft.CompanyPortalMac.ssoextension (${d.file})`,
      it: (d) =>
        `${d.mac}: nessun profilo installato configura com.microsoft.CompanyPortalMac.ssoextension (${d.file})`,
    }),
  },
  run(fleet, ctx) {
    for (const item of macSettings(fleet)) {
      const p = item.settings?.profiles;
      if (!p) {
        noFacts(ctx, item, 'the installed configuration profiles (profiles show)');
        continue;
      }
      if (p.ssoExtension) continue;
      ctx.report({
        messageId: 'missing',
        data: { mac: item.subject.id, file: at(p) },
        subjects: [item.subject],
        evidence: [factEvidence(p)],
      });
    }
  },
});
