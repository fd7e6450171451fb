import { DATASETS } from '../../model/datasets.js';
import { isLegacyConfigured, jamfLegacyPartners } from '../../model/mode.js';
import { defineCheck, msg } from '../define.js';
import { evidence, iso, subject } from '../util.js';

/** What each partnerState means for the admin (Graph deviceManagementPartnerTenantState). */
const MEANING: Record<string, { en: string; it: string }> = {
  terminated: {
    en: 'the connection was terminated (in Intune, or by Jamf Pro after the integration was turned off or its licence expired)',
    it: "la connessione è stata terminata (in Intune, oppure da Jamf Pro dopo che l'integrazione è stata disattivata o la sua licenza è scaduta)",
  },
  unresponsive: {
    en: 'Jamf Pro stopped sending heartbeats to Intune',
    it: 'Jamf Pro ha smesso di inviare heartbeat a Intune',
  },
  unavailable: {
    en: 'Intune reports the partner as unavailable',
    it: 'Intune segnala il partner come non disponibile',
  },
  rejected: {
    en: 'the connection request was rejected',
    it: 'la richiesta di connessione è stata rifiutata',
  },
  unknown: {
    en: 'Intune has no state for the partner, so the connection was never completed',
    it: 'Intune non ha uno stato per il partner, quindi la connessione non è mai stata completata',
  },
};

interface StateData {
  name: string;
  state: string;
  lastHeartbeat: string;
  nonCompliantFrom: string | null;
  removedFrom: string | null;
}

function dates(d: StateData, lang: 'en' | 'it'): string {
  const parts: string[] = [];
  if (d.nonCompliantFrom)
    parts.push(
      lang === 'en'
        ? `its Macs are marked non-compliant from ${d.nonCompliantFrom}`
        : `i suoi Mac vengono segnati come non conformi dal ${d.nonCompliantFrom}`,
    );
  if (d.removedFrom)
    parts.push(lang === 'en' ? `removed from Intune from ${d.removedFrom}` : `rimossi da Intune dal ${d.removedFrom}`);
  return parts.length ? `; ${parts.join(lang === 'en' ? ' and ' : ' e ')}` : '';
}

export default defineCheck({
  id: 'connector/legacy-partner-state',
  severity: 'high',
  modes: ['legacy'],
  requires: [DATASETS.legacyPartners.id],
  title: {
    en: 'The legacy Jamf connector in Intune is not enabled',
    it: 'Il connettore Jamf legacy in Intune non è abilitato',
  },
  cause: {
    en: 'The Jamf entry of Partner device management is configured but its state is not Enabled (Active): the macOS Intune integration was turned off in Jamf Pro, terminated in Intune, or Jamf Pro stopped reporting (an expired Jamf licence, a failed token, closed ports). Jamf Pro then cannot send inventory to Intune and Company Portal refuses registration.',
    it: "La voce Jamf di Gestione dei dispositivi partner è configurata ma il suo stato non è Abilitato (Attivo): l'integrazione macOS con Intune è stata disattivata in Jamf Pro, terminata in Intune, oppure Jamf Pro ha smesso di comunicare (licenza Jamf scaduta, token non ottenuto, porte chiuse). Jamf Pro non può quindi inviare l'inventario a Intune e Portale aziendale rifiuta la registrazione.",
  },
  resolution: {
    en: [
      'In Jamf Pro > Settings > Global > Conditional Access > macOS Intune Integration > Edit, make sure "Enable Intune Integration for macOS" is selected, then Save (article, cause 5).',
      'In Jamf Pro, check the Jamf Pro licence and the notifications ("Unable to connect to Microsoft Intune"); renew an expired licence with Jamf (cause 3).',
      'In Intune admin center > Tenant administration > Connectors and tokens > Partner device management, check that the Jamf connector shows Active and that the App ID is the Jamf Pro app registration.',
      'If the connection was terminated, the legacy platform cannot be set up again (Microsoft ended its support on 2025-01-31): migrate to Jamf Pro > Settings > Global > Device Compliance before the removal date in the finding.',
      'Read the state again with Microsoft Graph: GET /v1.0/deviceManagement/deviceManagementPartners (partnerState must be "enabled").',
    ],
    it: [
      'In Jamf Pro > Settings > Global > Conditional Access > macOS Intune Integration > Edit, verificare che "Enable Intune Integration for macOS" sia selezionato, poi salvare (articolo, causa 5).',
      'In Jamf Pro, controllare la licenza di Jamf Pro e le notifiche ("Unable to connect to Microsoft Intune"); rinnovare con Jamf una licenza scaduta (causa 3).',
      "Nell'interfaccia di amministrazione di Microsoft Intune > Amministrazione tenant > Connettori e token > Gestione dei dispositivi partner, verificare che il connettore Jamf risulti Attivo e che l'ID app sia quello della registrazione dell'app Jamf Pro.",
      'Se la connessione è stata terminata, la piattaforma legacy non può essere configurata di nuovo (Microsoft ne ha terminato il supporto il 2025-01-31): migrare a Jamf Pro > Settings > Global > Device Compliance prima della data di rimozione indicata nel risultato.',
      'Rileggere lo stato con Microsoft Graph: GET /v1.0/deviceManagement/deviceManagementPartners (partnerState deve essere "enabled").',
    ],
  },
  sources: ['article: devices fail to register, cause 5', 'article: devices fail to register, cause 3'],
  symptoms: [
    'Invalid command line input',
    'Registration-only command line flag (-r) can only be used when partner management is enabled in Intune. Please contact your IT admin.',
    'Unable to connect to Microsoft Intune.',
    'Check your Microsoft Intune Integration configuration.',
  ],
  messages: {
    'not-enabled': msg<StateData>({
      en: (d) =>
        `The Jamf connector "${d.name}" in Partner device management is in state "${d.state}", not "enabled": ${
          (MEANING[d.state] ?? MEANING.unknown!).en
        }; ${d.lastHeartbeat === 'never' ? 'no heartbeat received' : `last heartbeat ${d.lastHeartbeat}`}${dates(d, 'en')}`,
      it: (d) =>
        `Il connettore Jamf "${d.name}" in Gestione dei dispositivi partner è nello stato "${d.state}", non "enabled": ${
          (MEANING[d.state] ?? MEANING.unknown!).it
        }; ${d.lastHeartbeat === 'never' ? 'nessun heartbeat ricevuto' : `ultimo heartbeat ${d.lastHeartbeat}`}${dates(d, 'it')}`,
    }),
  },
  run(fleet, ctx) {
    for (const p of jamfLegacyPartners(fleet.legacyPartners)) {
      if (!isLegacyConfigured(p) || p.partnerState === 'enabled') continue;
      const nonCompliant = p.whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime;
      const removed = p.whenPartnerDevicesWillBeRemovedDateTime;
      ctx.report({
        messageId: 'not-enabled',
        data: {
          name: p.displayName ?? 'Jamf',
          state: p.partnerState ?? 'unknown',
          lastHeartbeat: iso(p.lastHeartbeatDateTime),
          nonCompliantFrom: nonCompliant == null ? null : iso(nonCompliant),
          removedFrom: removed == null ? null : iso(removed),
        },
        subjects: [subject.partner(p)],
        evidence: [
          evidence.legacyPartner(p, [
            'displayName',
            'isConfigured',
            'partnerState',
            'partnerAppType',
            'lastHeartbeatDateTime',
            'whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime',
            'whenPartnerDevicesWillBeRemovedDateTime',
          ]),
        ],
      });
    }
  },
});
