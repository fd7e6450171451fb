import { DATASETS } from '../../model/datasets.js';
import { jamfLegacyPartners } from '../../model/mode.js';
import { defineCheck, msg } from '../define.js';
import { evidence, HOUR, hoursBetween, iso, subject } from '../util.js';

/** Jamf Pro sends Intune a heartbeat while the integration runs; a day without one means it stopped reporting. */
const MAX_AGE = 24 * HOUR;

export default defineCheck({
  id: 'connector/legacy-heartbeat-stale',
  severity: 'high',
  modes: ['legacy'],
  requires: [DATASETS.legacyPartners.id],
  title: {
    en: 'Jamf Pro has stopped sending heartbeats to Intune',
    it: 'Jamf Pro ha smesso di inviare heartbeat a Intune',
  },
  cause: {
    en: 'The legacy Jamf connector is enabled in Partner device management, but Intune has received no heartbeat from Jamf Pro for more than 24 hours (or never). Jamf Pro is not reaching Intune: it cannot get a Microsoft Graph token (app permissions, admin consent, an expired client secret), its licence expired, or outbound ports are closed. If it lasts, Intune marks the connector unresponsive.',
    it: "Il connettore Jamf legacy è abilitato in Gestione dei dispositivi partner, ma Intune non riceve un heartbeat da Jamf Pro da più di 24 ore (o non lo ha mai ricevuto). Jamf Pro non raggiunge Intune: non ottiene un token di Microsoft Graph (autorizzazioni dell'app, consenso amministratore, segreto client scaduto), la sua licenza è scaduta, oppure le porte in uscita sono chiuse. Se la situazione persiste, Intune segna il connettore come non reattivo.",
  },
  resolution: {
    en: [
      'In Jamf Pro, open the notifications (bell icon) and Settings > Global > Conditional Access > macOS Intune Integration, and note the error shown: "Could not retrieve the access token for Microsoft Graph API" points to the Jamf Pro app in Entra, "Unable to connect to Microsoft Intune" to a licence.',
      'Fix the Jamf Pro app registration (jidoctor checks entra-app/jamf-app-permissions, entra-app/jamf-app-consent-missing and entra-app/jamf-app-credential-expired) and renew an expired Jamf licence.',
      'Make sure Jamf Pro can reach login.microsoftonline.com, graph.microsoft.com and *.manage.microsoft.com on TCP 443.',
      'Read lastHeartbeatDateTime again with Microsoft Graph: GET /v1.0/deviceManagement/deviceManagementPartners: it must be less than 24 hours old.',
    ],
    it: [
      'In Jamf Pro, aprire le notifiche (icona della campanella) e Settings > Global > Conditional Access > macOS Intune Integration, e annotare l\'errore mostrato: "Could not retrieve the access token for Microsoft Graph API" indica l\'app Jamf Pro in Entra, "Unable to connect to Microsoft Intune" una licenza.',
      "Correggere la registrazione dell'app Jamf Pro (controlli di jidoctor entra-app/jamf-app-permissions, entra-app/jamf-app-consent-missing ed entra-app/jamf-app-credential-expired) e rinnovare una licenza Jamf scaduta.",
      'Verificare che Jamf Pro raggiunga login.microsoftonline.com, graph.microsoft.com e *.manage.microsoft.com sulla porta TCP 443.',
      'Rileggere lastHeartbeatDateTime con Microsoft Graph: GET /v1.0/deviceManagement/deviceManagementPartners: deve avere meno di 24 ore.',
    ],
  },
  sources: [
    'article: devices fail to register, cause 5 (Jamf Pro sends a pulse to Intune)',
    'article: could not retrieve the access token for Microsoft Graph API',
  ],
  symptoms: [
    'Could not retrieve the access token for Microsoft Graph API. Check the configuration for Microsoft Intune Integration.',
  ],
  messages: {
    stale: msg<{ name: string; lastHeartbeat: string; hours: number }>({
      en: (d) =>
        `The Jamf connector "${d.name}" is enabled but its last heartbeat to Intune was at ${d.lastHeartbeat}, ${
          d.hours > 24 ? `${d.hours} hours` : 'more than 24 hours'
        } before the data was collected`,
      it: (d) =>
        `Il connettore Jamf "${d.name}" è abilitato ma il suo ultimo heartbeat verso Intune risale al ${d.lastHeartbeat}, ${
          d.hours > 24 ? `${d.hours} ore` : 'più di 24 ore'
        } prima della raccolta dei dati`,
    }),
    'no-heartbeat': msg<{ name: string }>({
      en: (d) => `The Jamf connector "${d.name}" is enabled but Intune has never received a heartbeat from Jamf Pro`,
      it: (d) => `Il connettore Jamf "${d.name}" è abilitato ma Intune non ha mai ricevuto un heartbeat da Jamf Pro`,
    }),
  },
  run(fleet, ctx) {
    for (const p of jamfLegacyPartners(fleet.legacyPartners)) {
      if (p.partnerState !== 'enabled') continue;
      const fields = ['displayName', 'isConfigured', 'partnerState', 'lastHeartbeatDateTime'] as const;
      const beat = p.lastHeartbeatDateTime;
      if (beat == null) {
        ctx.report({
          messageId: 'no-heartbeat',
          data: { name: p.displayName ?? 'Jamf' },
          subjects: [subject.partner(p)],
          evidence: [evidence.legacyPartner(p, fields)],
        });
      } else if (ctx.now - beat > MAX_AGE) {
        ctx.report({
          messageId: 'stale',
          data: { name: p.displayName ?? 'Jamf', lastHeartbeat: iso(beat), hours: hoursBetween(beat, ctx.now) },
          subjects: [subject.partner(p)],
          evidence: [evidence.legacyPartner(p, fields)],
        });
      }
    }
  },
});
