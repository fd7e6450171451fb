import { legacyLinesNotApplicable, legacyMessages, runLegacySignatureCheck } from '../../logs/legacy.js';
import { symptomsOf } from '../../logs/signatures.js';
import { DATASETS } from '../../model/datasets.js';
import { defineCheck } from '../define.js';

const scope = {
  families: ['companyPortal', 'unifiedLog'],
  label: { en: 'Company Portal or unified log', it: 'log del Portale aziendale o log unificato' },
} as const;

export default defineCheck({
  id: 'logs/partner-management-disabled',
  severity: 'high',
  modes: 'any',
  requires: [DATASETS.macs.id],
  title: {
    en: 'Company Portal refused registration: the Intune integration is turned off',
    it: 'Il Portale aziendale ha rifiutato la registrazione: l’integrazione con Intune è disattivata',
  },
  cause: {
    en: 'Jamf launched Company Portal with the registration-only flag (-r), which works only while partner management (the Jamf integration) is enabled in Intune. Jamf Pro tells Intune when the integration is turned off. On a tenant that moved to Device Compliance the migration state decides: a refusal written after the legacy connector stopped is a finding, one written before is residue (a note), and in states E and G (no legacy connector in use) the check does not apply.',
    it: 'Jamf ha avviato il Portale aziendale con il flag di sola registrazione (-r), che funziona solo se la gestione partner (l’integrazione Jamf) è abilitata in Intune. Jamf Pro avvisa Intune quando l’integrazione viene disattivata. In un tenant passato a Device Compliance decide lo stato di migrazione: un rifiuto scritto dopo l’arresto del connettore legacy è un problema, uno scritto prima è un residuo (una nota), e negli stati E e G (nessun connettore legacy in uso) il controllo non si applica.',
  },
  resolution: {
    en: [
      'In Jamf Pro, turn the Microsoft Intune integration (or Device Compliance) back on: Settings > Global > Conditional Access / Device Compliance.',
      'In the Intune admin center, check that the Jamf partner connector is enabled and reports a recent heartbeat.',
      'Have the user run the Self Service registration policy again.',
      'On a tenant that migrated to Device Compliance, a refusal after the legacy connector stopped means a Mac still registers through the legacy flow: run `sudo jamf manage` on it so that it gets the Device Compliance configuration, then the Self Service registration policy of Device Compliance.',
    ],
    it: [
      'In Jamf Pro, riattivare l’integrazione con Microsoft Intune (o Device Compliance): Impostazioni > Globali > Accesso condizionale / Device Compliance.',
      'Nell’interfaccia di amministrazione di Intune, verificare che il connettore partner Jamf sia abilitato e abbia un heartbeat recente.',
      'Far eseguire di nuovo all’utente il criterio di registrazione di Self Service.',
      'In un tenant migrato a Device Compliance, un rifiuto dopo l’arresto del connettore legacy indica un Mac che si registra ancora con il flusso legacy: eseguire `sudo jamf manage` sul Mac perché riceva la configurazione di Device Compliance, poi il criterio di registrazione di Self Service di Device Compliance.',
    ],
  },
  sources: [
    'article: devices fail to register, cause 5',
    // The legacy connector's termination and the 90 days (the migration states, src/logs/legacy.ts).
    'https://github.com/MicrosoftDocs/memdocs/blob/main/memdocs/intune/protect/conditional-access-integrate-jamf.md',
  ],
  symptoms: symptomsOf('logs/partner-management-disabled'),
  messages: legacyMessages,
  // The tenant's migration state decides what a legacy connector's line means (src/logs/legacy.ts).
  notApplicable: legacyLinesNotApplicable,
  run(fleet, ctx) {
    runLegacySignatureCheck('logs/partner-management-disabled', scope, fleet, ctx);
  },
});
