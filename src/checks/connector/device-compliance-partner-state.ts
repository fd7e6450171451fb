import { DATASETS } from '../../model/datasets.js';
import { jamfCompliancePartners } from '../../model/mode.js';
import { defineCheck, msg } from '../define.js';
import { evidence, iso, subject } from '../util.js';

const FIELDS = ['displayName', 'partnerState', 'macOsOnboarded', 'lastHeartbeatDateTime'] as const;

export default defineCheck({
  id: 'connector/device-compliance-partner-state',
  severity: 'high',
  modes: ['device-compliance'],
  requires: [DATASETS.compliancePartners.id],
  title: {
    en: 'The Jamf Device Compliance partner is not active for macOS',
    it: 'Il partner Jamf Device Compliance non è attivo per macOS',
  },
  cause: {
    en: 'The Jamf entry of Partner compliance management is not Enabled (Active), or it is not onboarded for macOS. Jamf Pro then cannot report Mac compliance to Intune and Entra, so the Macs stay "Not compliant" and Conditional Access blocks them; registration from Jamf Self Service fails.',
    it: 'La voce Jamf di Gestione della conformità dei partner non è Abilitata (Attiva), oppure non è attivata per macOS. Jamf Pro non può quindi comunicare a Intune ed Entra la conformità dei Mac, che restano "Non conforme" e vengono bloccati dall\'accesso condizionale; la registrazione da Jamf Self Service non riesce.',
  },
  resolution: {
    en: [
      'In Jamf Pro > Settings > Global > Device Compliance > Edit, check that macOS is enabled with its Compliance and Applicable smart groups, and Save.',
      'In Intune admin center > Tenant administration > Connectors and tokens > Partner compliance management, open "Jamf Device Compliance": the platform must be macOS and the partner status Active.',
      'If the partner stays inactive, remove macOS from Jamf Pro > Settings > Global > Device Compliance and set it up again, accepting both Entra consent prompts as a Global Administrator.',
      'Read the state again with Microsoft Graph: GET /v1.0/deviceManagement/complianceManagementPartners (partnerState "enabled", macOsOnboarded true).',
    ],
    it: [
      'In Jamf Pro > Settings > Global > Device Compliance > Edit, verificare che macOS sia abilitato con i suoi smart group Compliance e Applicable, e salvare.',
      'Nell\'interfaccia di amministrazione di Microsoft Intune > Amministrazione tenant > Connettori e token > Gestione della conformità dei partner, aprire "Jamf Device Compliance": la piattaforma deve essere macOS e lo stato del partner Attivo.',
      'Se il partner resta inattivo, rimuovere macOS da Jamf Pro > Settings > Global > Device Compliance e configurarlo di nuovo, accettando entrambe le richieste di consenso di Entra come Amministratore globale.',
      'Rileggere lo stato con Microsoft Graph: GET /v1.0/deviceManagement/complianceManagementPartners (partnerState "enabled", macOsOnboarded true).',
    ],
  },
  sources: [
    'Microsoft Learn: Jamf-managed device compliance with Entra ID (jamf-managed-device-compliance-with-entra-id)',
  ],
  messages: {
    'not-enabled': msg<{ name: string; state: string; lastHeartbeat: string }>({
      en: (d) =>
        `The compliance partner "${d.name}" is in state "${d.state}", not "enabled" (${
          d.lastHeartbeat === 'never' ? 'no heartbeat received' : `last heartbeat ${d.lastHeartbeat}`
        })`,
      it: (d) =>
        `Il partner di conformità "${d.name}" è nello stato "${d.state}", non "enabled" (${
          d.lastHeartbeat === 'never' ? 'nessun heartbeat ricevuto' : `ultimo heartbeat ${d.lastHeartbeat}`
        })`,
    }),
    'macos-not-onboarded': msg<{ name: string }>({
      en: (d) => `The compliance partner "${d.name}" is not onboarded for macOS (macOsOnboarded is false)`,
      it: (d) => `Il partner di conformità "${d.name}" non è attivato per macOS (macOsOnboarded è false)`,
    }),
  },
  run(fleet, ctx) {
    for (const p of jamfCompliancePartners(fleet.compliancePartners)) {
      const name = p.displayName ?? 'Jamf';
      if (p.partnerState !== 'enabled') {
        ctx.report({
          messageId: 'not-enabled',
          data: { name, state: p.partnerState ?? 'unknown', lastHeartbeat: iso(p.lastHeartbeatDateTime) },
          subjects: [subject.partner(p)],
          evidence: [evidence.compliancePartner(p, FIELDS)],
        });
      }
      if (p.macOsOnboarded === false) {
        ctx.report({
          messageId: 'macos-not-onboarded',
          data: { name },
          subjects: [subject.partner(p)],
          evidence: [evidence.compliancePartner(p, FIELDS)],
        });
      } else if (p.macOsOnboarded == null) {
        ctx.unknown(`complianceManagementPartners: ${name} has no macOsOnboarded value`, subject.partner(p));
      }
    }
  },
});
