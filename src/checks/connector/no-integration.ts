import { DATASETS } from '../../model/datasets.js';
import {
  isLegacyActive,
  isLegacyConfigured,
  isLegacyStopped,
  jamfCompliancePartners,
  jamfLegacyPartners,
} from '../../model/mode.js';
import { defineCheck, msg } from '../define.js';
import { evidence, iso, subject } from '../util.js';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export default defineCheck({
  id: 'connector/no-integration',
  severity: 'critical',
  modes: 'any',
  requires: [DATASETS.legacyPartners.id, DATASETS.compliancePartners.id],
  title: {
    en: 'No Jamf Pro connector is set up in Intune',
    it: 'Nessun connettore Jamf Pro è configurato in Intune',
  },
  cause: {
    en: 'Intune has no Jamf entry in Partner device management (the legacy macOS Intune integration) that is configured, and none in Partner compliance management (Jamf Device Compliance). Without one, Jamf Pro cannot send inventory or compliance to Intune, and Company Portal refuses registration from Jamf Self Service.',
    it: 'Intune non ha una voce Jamf configurata in Gestione dei dispositivi partner (la vecchia integrazione macOS con Intune) né una in Gestione della conformità dei partner (Jamf Device Compliance). Senza di esse Jamf Pro non può inviare inventario o conformità a Intune, e Portale aziendale rifiuta la registrazione avviata da Jamf Self Service.',
  },
  resolution: {
    en: [
      'Check in Intune admin center > Tenant administration > Connectors and tokens > Partner compliance management and > Partner device management that no Jamf entry exists (the finding lists what Graph returned).',
      'Set up Jamf Device Compliance (the supported integration): Jamf Pro > Settings > Global > Device Compliance > Edit, enable macOS, choose the Compliance and Applicable smart groups, Save, and accept both Entra consent prompts as a Global Administrator.',
      'In Intune admin center > Tenant administration > Connectors and tokens > Partner compliance management > Add compliance partner, choose "Jamf Device Compliance", platform macOS, and assign an Entra user group (not "All users").',
      'Confirm that the partner shows Active in Intune, then run jidoctor again.',
    ],
    it: [
      "Verificare nell'interfaccia di amministrazione di Microsoft Intune > Amministrazione tenant > Connettori e token > Gestione della conformità dei partner e > Gestione dei dispositivi partner che non esista alcuna voce Jamf (il risultato riporta ciò che Graph ha restituito).",
      "Configurare Jamf Device Compliance (l'integrazione supportata): Jamf Pro > Settings > Global > Device Compliance > Edit, abilitare macOS, scegliere gli smart group Compliance e Applicable, salvare e accettare entrambe le richieste di consenso di Entra come Amministratore globale.",
      'In Intune > Amministrazione tenant > Connettori e token > Gestione della conformità dei partner > Aggiungi partner di conformità, scegliere "Jamf Device Compliance", piattaforma macOS, e assegnare un gruppo di utenti di Entra (non "Tutti gli utenti").',
      'Verificare che il partner risulti Attivo in Intune, poi eseguire di nuovo jidoctor.',
    ],
  },
  sources: [
    'article: devices fail to register, cause 5',
    'Microsoft Learn: Jamf-managed device compliance with Entra ID (jamf-managed-device-compliance-with-entra-id)',
  ],
  symptoms: [
    'Invalid command line input',
    'Registration-only command line flag (-r) can only be used when partner management is enabled in Intune. Please contact your IT admin.',
  ],
  messages: {
    none: msg<{ legacyEntries: number; jamfLegacyNotConfigured: number; complianceEntries: number }>({
      en: (d) =>
        `No Jamf connector is set up in Intune: Partner device management (deviceManagementPartners) ${
          d.legacyEntries === 0
            ? 'is empty'
            : `lists ${plural(d.legacyEntries, 'entry', 'entries')}${
                d.jamfLegacyNotConfigured > 0
                  ? `, including ${plural(d.jamfLegacyNotConfigured, 'Jamf entry that is', 'Jamf entries that are')} not configured`
                  : ', none of them Jamf'
              }`
        }; Partner compliance management (complianceManagementPartners) ${
          d.complianceEntries === 0
            ? 'is empty'
            : `lists ${plural(d.complianceEntries, 'entry', 'entries')}, none of them Jamf`
        }`,
      it: (d) =>
        `Nessun connettore Jamf è configurato in Intune: Gestione dei dispositivi partner (deviceManagementPartners) ${
          d.legacyEntries === 0
            ? 'è vuota'
            : `contiene ${plural(d.legacyEntries, 'voce', 'voci')}${
                d.jamfLegacyNotConfigured > 0
                  ? `, tra cui ${d.jamfLegacyNotConfigured === 1 ? '1 voce Jamf non configurata' : `${d.jamfLegacyNotConfigured} voci Jamf non configurate`}`
                  : ', nessuna di Jamf'
              }`
        }; Gestione della conformità dei partner (complianceManagementPartners) ${
          d.complianceEntries === 0
            ? 'è vuota'
            : `contiene ${plural(d.complianceEntries, 'voce', 'voci')}, nessuna di Jamf`
        }`,
    }),
    ended: msg<{ name: string; state: string; removal: string | null }>({
      en: (d) =>
        `The legacy Jamf connector "${d.name}" in Partner device management is ${d.state} and nothing replaces it: Partner compliance management (complianceManagementPartners) has no Jamf entry, so Jamf Pro sends neither inventory nor compliance to Intune and Entra${
          d.removal ? `; Intune removes the legacy Macs on ${d.removal}` : ''
        }`,
      it: (d) =>
        `Il connettore Jamf legacy "${d.name}" in Gestione dei dispositivi partner è ${d.state} e nulla lo sostituisce: Gestione della conformità dei partner (complianceManagementPartners) non ha alcuna voce Jamf, quindi Jamf Pro non invia né inventario né conformità a Intune ed Entra${
          d.removal ? `; Intune rimuove i Mac legacy il ${d.removal}` : ''
        }`,
    }),
  },
  run(fleet, ctx) {
    const jamfLegacy = jamfLegacyPartners(fleet.legacyPartners);
    // A legacy entry that is active, or set up in a state that is not reported, is an integration
    // (connector/legacy-partner-state judges it); a stopped one is state F (model/mode.ts).
    if (jamfLegacy.some((p) => isLegacyActive(p) || (isLegacyConfigured(p) && !isLegacyStopped(p)))) return;
    if (jamfCompliancePartners(fleet.compliancePartners).length > 0) return;
    const ended = jamfLegacy.find(isLegacyStopped);
    if (ended) {
      const removal = ended.whenPartnerDevicesWillBeRemovedDateTime;
      ctx.report({
        messageId: 'ended',
        data: {
          name: ended.displayName ?? 'Jamf',
          state: ended.partnerState ?? 'unknown',
          removal: removal == null ? null : iso(removal),
        },
        subjects: [subject.tenant(fleet)],
        evidence: [
          evidence.legacyPartner(ended, [
            'displayName',
            'isConfigured',
            'partnerState',
            'lastHeartbeatDateTime',
            'whenPartnerDevicesWillBeRemovedDateTime',
          ]),
          {
            source: DATASETS.compliancePartners.id,
            fields: { entries: fleet.compliancePartners.map((p) => p.displayName ?? p.id) },
          },
        ],
      });
      return;
    }
    ctx.report({
      messageId: 'none',
      data: {
        legacyEntries: fleet.legacyPartners.length,
        jamfLegacyNotConfigured: jamfLegacy.length,
        complianceEntries: fleet.compliancePartners.length,
      },
      subjects: [subject.tenant(fleet)],
      evidence: [
        {
          source: DATASETS.legacyPartners.id,
          fields: { entries: fleet.legacyPartners.map((p) => p.displayName ?? p.id) },
        },
        ...jamfLegacy.map((p) => evidence.legacyPartner(p, ['displayName', 'isConfigured', 'partnerState'])),
        {
          source: DATASETS.compliancePartners.id,
          fields: { entries: fleet.compliancePartners.map((p) => p.displayName ?? p.id) },
        },
      ],
    });
  },
});
