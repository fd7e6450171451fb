import { DATASETS } from '../../model/datasets.js';
import { jamfCompliancePartners, jamfLegacyPartners } from '../../model/mode.js';
import { defineCheck, msg } from '../define.js';
import { evidence, subject } from '../util.js';

export default defineCheck({
  id: 'connector/both-integrations',
  severity: 'medium',
  modes: 'any',
  requires: [DATASETS.legacyPartners.id, DATASETS.compliancePartners.id],
  title: {
    en: 'Both Jamf integrations are active at once',
    it: 'Entrambe le integrazioni Jamf sono attive contemporaneamente',
  },
  cause: {
    en: 'The legacy macOS Intune integration (Partner device management) is still enabled while Jamf Device Compliance (Partner compliance management) is onboarded for macOS: a migration left half done. Macs can be registered and evaluated by either path, which gives duplicate records and conflicting compliance.',
    it: 'La vecchia integrazione macOS con Intune (Gestione dei dispositivi partner) è ancora abilitata mentre Jamf Device Compliance (Gestione della conformità dei partner) è attivato per macOS: una migrazione lasciata a metà. I Mac possono essere registrati e valutati da entrambe le vie, con record duplicati e conformità contrastanti.',
  },
  resolution: {
    en: [
      'Check in Jamf Pro that every Mac has registered through Device Compliance (the migration re-runs registration once per user; Jamf Pro > Settings > Global > Device Compliance shows the smart groups in use).',
      'Turn the legacy integration off: Jamf Pro > Settings > Global > Conditional Access > macOS Intune Integration > Edit, clear "Enable Intune Integration for macOS", Save.',
      'In Intune admin center > Tenant administration > Connectors and tokens > Partner device management, terminate the Jamf connector (Graph: POST /v1.0/deviceManagement/deviceManagementPartners/{id}/terminate); Intune then removes the legacy Jamf records after 90 days.',
      'Run jidoctor again: the mode must be device-compliance only.',
    ],
    it: [
      'Verificare in Jamf Pro che ogni Mac si sia registrato tramite Device Compliance (la migrazione ripete la registrazione una volta per utente; Jamf Pro > Settings > Global > Device Compliance mostra gli smart group in uso).',
      'Disattivare l\'integrazione legacy: Jamf Pro > Settings > Global > Conditional Access > macOS Intune Integration > Edit, deselezionare "Enable Intune Integration for macOS", salvare.',
      "Nell'interfaccia di amministrazione di Microsoft Intune > Amministrazione tenant > Connettori e token > Gestione dei dispositivi partner, terminare il connettore Jamf (Graph: POST /v1.0/deviceManagement/deviceManagementPartners/{id}/terminate); Intune rimuove poi i record Jamf legacy dopo 90 giorni.",
      'Eseguire di nuovo jidoctor: la modalità deve essere solo device-compliance.',
    ],
  },
  sources: [
    'Jamf Pro documentation: Migrating from macOS Conditional Access to macOS Device Compliance',
    'Microsoft Learn: Jamf-managed device compliance with Entra ID (jamf-managed-device-compliance-with-entra-id)',
  ],
  messages: {
    both: msg<{ legacy: string; compliance: string }>({
      en: (d) =>
        `The legacy connector "${d.legacy}" (Partner device management) is still enabled while "${d.compliance}" (Partner compliance management) is onboarded for macOS`,
      it: (d) =>
        `Il connettore legacy "${d.legacy}" (Gestione dei dispositivi partner) è ancora abilitato mentre "${d.compliance}" (Gestione della conformità dei partner) è attivato per macOS`,
    }),
  },
  run(fleet, ctx) {
    const legacy = jamfLegacyPartners(fleet.legacyPartners).find((p) => p.partnerState === 'enabled');
    const dc = jamfCompliancePartners(fleet.compliancePartners).find((p) => p.macOsOnboarded === true);
    if (!legacy || !dc) return;
    ctx.report({
      messageId: 'both',
      data: { legacy: legacy.displayName ?? 'Jamf', compliance: dc.displayName ?? 'Jamf' },
      subjects: [subject.partner(legacy), subject.partner(dc)],
      evidence: [
        evidence.legacyPartner(legacy, ['displayName', 'isConfigured', 'partnerState', 'lastHeartbeatDateTime']),
        evidence.compliancePartner(dc, ['displayName', 'partnerState', 'macOsOnboarded', 'lastHeartbeatDateTime']),
      ],
    });
  },
});
