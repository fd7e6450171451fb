import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { evidence, subject } from '../util.js';

const JAMF = /jamf/i;

export default defineCheck({
  id: 'connector/other-macos-compliance-partner',
  severity: 'high',
  modes: ['device-compliance'],
  requires: [DATASETS.compliancePartners.id],
  title: {
    en: 'Another vendor is the macOS compliance partner',
    it: 'Un altro fornitore è il partner di conformità per macOS',
  },
  cause: {
    en: 'Intune takes one compliance partner per platform. When another vendor (Kandji, Addigy, Fleet, a previous MDM…) is onboarded for macOS in Partner compliance management, Jamf Device Compliance cannot be onboarded for macOS, or the Macs are evaluated by the other vendor instead of Jamf Pro.',
    it: "Intune accetta un solo partner di conformità per piattaforma. Quando un altro fornitore (Kandji, Addigy, Fleet, un MDM precedente…) è attivato per macOS in Gestione conformità partner, Jamf Device Compliance non può essere attivato per macOS, oppure i Mac vengono valutati dall'altro fornitore invece che da Jamf Pro.",
  },
  resolution: {
    en: [
      'Open Intune admin center > Tenant administration > Connectors and tokens > Partner compliance management.',
      'Open the other partner named in the finding and remove macOS from it (or delete it if it is no longer used).',
      'Then open "Jamf Device Compliance", set it up for macOS with an Entra user group, and confirm the connection in Jamf Pro > Settings > Global > Device Compliance until the partner shows Active.',
    ],
    it: [
      "Aprire l'interfaccia di amministrazione di Intune > Amministrazione tenant > Connettori e token > Gestione conformità partner.",
      "Aprire l'altro partner indicato nel risultato e rimuovere macOS (o eliminarlo se non è più usato).",
      'Poi aprire "Jamf Device Compliance", configurarlo per macOS con un gruppo di utenti Entra e confermare la connessione in Jamf Pro > Impostazioni > Globali > Device Compliance finché il partner risulta Attivo.',
    ],
  },
  sources: [
    'Microsoft Learn: support third-party device compliance partners in Intune, "You can use only one partner per platform" (https://github.com/MicrosoftDocs/memdocs/blob/main/intune/device-security/compliance/third-party-partners.md)',
    'Microsoft Graph: complianceManagementPartner (displayName, macOsOnboarded, partnerState) (https://learn.microsoft.com/graph/api/resources/intune-onboarding-compliancemanagementpartner)',
  ],
  messages: {
    'other-partner': msg<{ partner: string; state: string; jamfOnboarded: boolean }>({
      en: (d) =>
        `"${d.partner}" (state ${d.state}) is onboarded as the macOS compliance partner; Intune takes one partner per platform, so ${
          d.jamfOnboarded
            ? 'the Macs may be evaluated by this partner instead of Jamf Pro'
            : 'Jamf Device Compliance cannot be onboarded for macOS'
        }`,
      it: (d) =>
        `"${d.partner}" (stato ${d.state}) è attivato come partner di conformità per macOS; Intune accetta un solo partner per piattaforma, quindi ${
          d.jamfOnboarded
            ? 'i Mac potrebbero essere valutati da questo partner invece che da Jamf Pro'
            : 'Jamf Device Compliance non può essere attivato per macOS'
        }`,
    }),
  },
  run(fleet, ctx) {
    const jamf = fleet.compliancePartners.filter((p) => JAMF.test(p.displayName ?? ''));
    const jamfOnboarded = jamf.some((p) => p.macOsOnboarded === true);
    for (const p of fleet.compliancePartners) {
      if (p.macOsOnboarded !== true) continue;
      if (p.displayName == null || p.displayName.trim() === '') {
        // Which vendor it is cannot be told: Jamf's own entry without a name, or another one.
        ctx.unknown(`compliance partner ${p.id} is onboarded for macOS but has no name`, subject.partner(p));
        continue;
      }
      if (JAMF.test(p.displayName)) continue;
      ctx.report({
        messageId: 'other-partner',
        data: { partner: p.displayName, state: p.partnerState ?? 'unknown', jamfOnboarded },
        subjects: [subject.partner(p)],
        evidence: [
          evidence.compliancePartner(p, [
            'displayName',
            'partnerState',
            'macOsOnboarded',
            'macOsEnrollmentAssignments',
          ]),
          ...jamf.map((j) => evidence.compliancePartner(j, ['displayName', 'partnerState', 'macOsOnboarded'])),
        ],
      });
    }
  },
});
