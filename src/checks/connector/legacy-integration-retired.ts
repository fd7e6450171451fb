import { DATASETS } from '../../model/datasets.js';
import { isLegacyConfigured, jamfLegacyPartners } from '../../model/mode.js';
import { defineCheck, msg } from '../define.js';
import { DAY, daysBetween, evidence, subject } from '../util.js';

/** Microsoft's end of support for the platform of Jamf's macOS Conditional Access (first announced for 2024-09-01). */
const END_OF_SUPPORT = Date.UTC(2025, 0, 31);
const END_DATE = '2025-01-31';

export default defineCheck({
  id: 'connector/legacy-integration-retired',
  severity: 'high',
  modes: ['legacy'],
  requires: [DATASETS.legacyPartners.id],
  title: {
    en: 'The tenant still uses the retired legacy Jamf integration',
    it: "Il tenant usa ancora l'integrazione Jamf legacy dismessa",
  },
  cause: {
    en: 'Jamf\'s macOS Conditional Access ("macOS Intune Integration", Intune Partner device management) is built on a platform whose support Microsoft ended on 2025-01-31 (first announced for 2024-09-01). Jamf Pro no longer accepts new configurations of it; the supported integration is Jamf Device Compliance.',
    it: 'L\'accesso condizionale macOS di Jamf ("macOS Intune Integration", Gestione dei dispositivi partner di Intune) si basa su una piattaforma il cui supporto è stato terminato da Microsoft il 2025-01-31 (annunciato inizialmente per il 2024-09-01). Jamf Pro non ne accetta più nuove configurazioni; l\'integrazione supportata è Jamf Device Compliance.',
  },
  resolution: {
    en: [
      'Plan the migration with Jamf\'s guide "Migrating from macOS Conditional Access to macOS Device Compliance" (Jamf Pro documentation, Conditional Access).',
      'Set up Jamf Pro > Settings > Global > Device Compliance for macOS (Compliance and Applicable smart groups) and accept both Entra consent prompts as a Global Administrator.',
      'In Intune admin center > Tenant administration > Connectors and tokens > Partner compliance management, add "Jamf Device Compliance" for macOS with an Entra user group (not "All users").',
      'Exclude the "User registration app for Device Compliance" from Conditional Access policies that require a compliant device, let users register again, then turn the legacy integration off and terminate it in Partner device management.',
    ],
    it: [
      'Pianificare la migrazione con la guida di Jamf "Migrating from macOS Conditional Access to macOS Device Compliance" (documentazione di Jamf Pro, Conditional Access).',
      'Configurare Jamf Pro > Settings > Global > Device Compliance per macOS (smart group Compliance e Applicable) e accettare entrambe le richieste di consenso di Entra come Amministratore globale.',
      'Nell\'interfaccia di amministrazione di Microsoft Intune > Amministrazione tenant > Connettori e token > Gestione della conformità dei partner, aggiungere "Jamf Device Compliance" per macOS con un gruppo di utenti di Entra (non "Tutti gli utenti").',
      'Escludere la "User registration app for Device Compliance" dai criteri di accesso condizionale che richiedono un dispositivo conforme, far registrare di nuovo gli utenti, poi disattivare l\'integrazione legacy e terminarla in Gestione dei dispositivi partner.',
    ],
  },
  sources: [
    'article banner: Jamf macOS device support for Conditional Access is deprecated (2024-09-01, later 2025-01-31)',
  ],
  messages: {
    retired: msg<{ name: string; state: string; endedOn: string; daysSince: number }>({
      en: (d) =>
        `The legacy Jamf connector "${d.name}" (state "${d.state}") is still in use although Microsoft ended support for it on ${d.endedOn} (${
          d.daysSince === 0 ? 'today' : `${d.daysSince} ${d.daysSince === 1 ? 'day' : 'days'} ago`
        }); migrate to Jamf Device Compliance`,
      it: (d) =>
        `Il connettore Jamf legacy "${d.name}" (stato "${d.state}") è ancora in uso sebbene Microsoft ne abbia terminato il supporto il ${d.endedOn} (${
          d.daysSince === 0 ? 'oggi' : `${d.daysSince} ${d.daysSince === 1 ? 'giorno' : 'giorni'} fa`
        }); migrare a Jamf Device Compliance`,
    }),
    retiring: msg<{ name: string; state: string; endsOn: string; daysLeft: number }>({
      severity: 'low',
      en: (d) =>
        `The legacy Jamf connector "${d.name}" (state "${d.state}") is in use; Microsoft ends support for it on ${d.endsOn}, in ${d.daysLeft} ${d.daysLeft === 1 ? 'day' : 'days'}: plan the migration to Jamf Device Compliance`,
      it: (d) =>
        `Il connettore Jamf legacy "${d.name}" (stato "${d.state}") è in uso; Microsoft ne termina il supporto il ${d.endsOn}, tra ${d.daysLeft} ${d.daysLeft === 1 ? 'giorno' : 'giorni'}: pianificare la migrazione a Jamf Device Compliance`,
    }),
  },
  run(fleet, ctx) {
    // In use: set up and not terminated (a terminated connector is the end of a migration, or broken:
    // connector/legacy-partner-state reports it).
    const inUse = jamfLegacyPartners(fleet.legacyPartners).filter(
      (p) => isLegacyConfigured(p) && p.partnerState !== 'terminated',
    );
    const p = inUse.find((x) => x.partnerState === 'enabled') ?? inUse[0];
    if (!p) return;
    const name = p.displayName ?? 'Jamf';
    const state = p.partnerState ?? 'unknown';
    const ev = [evidence.legacyPartner(p, ['displayName', 'isConfigured', 'partnerState', 'lastHeartbeatDateTime'])];
    if (ctx.now >= END_OF_SUPPORT) {
      ctx.report({
        messageId: 'retired',
        data: { name, state, endedOn: END_DATE, daysSince: daysBetween(END_OF_SUPPORT, ctx.now) },
        subjects: [subject.partner(p)],
        evidence: ev,
      });
    } else {
      ctx.report({
        messageId: 'retiring',
        data: { name, state, endsOn: END_DATE, daysLeft: Math.ceil((END_OF_SUPPORT - ctx.now) / DAY) },
        subjects: [subject.partner(p)],
        evidence: ev,
      });
    }
  },
});
