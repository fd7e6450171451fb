import { legacyLinesNotApplicable, legacyMessages, runLegacySignatureCheck } from '../../logs/legacy.js';
import { symptomsOf } from '../../logs/signatures.js';
import { DATASETS } from '../../model/datasets.js';
import { defineCheck } from '../define.js';

const scope = {
  families: 'any',
  label: { en: 'log file', it: 'file di log' },
} as const;

export default defineCheck({
  id: 'logs/intune-connection-failed',
  severity: 'high',
  modes: 'any',
  requires: [DATASETS.macs.id],
  title: {
    en: 'Jamf Pro could not connect to Microsoft Intune',
    it: 'Jamf Pro non è riuscito a connettersi a Microsoft Intune',
  },
  cause: {
    en: 'The message "Unable to connect to Microsoft Intune" means the Jamf Pro or Intune licence has expired or the integration is misconfigured; Intune may show the connector as Terminated. On a tenant that moved to Device Compliance the migration state decides: a line written after the legacy connector stopped is a finding, one written before is residue (a note), and in states E and G (no legacy connector in use) the check does not apply.',
    it: 'Il messaggio "Unable to connect to Microsoft Intune" indica che la licenza di Jamf Pro o di Intune è scaduta o che l’integrazione è configurata male; Intune può mostrare il connettore come Terminated. In un tenant passato a Device Compliance decide lo stato di migrazione: una riga scritta dopo l’arresto del connettore legacy è un problema, una scritta prima è un residuo (una nota), e negli stati E e G (nessun connettore legacy in uso) il controllo non si applica.',
  },
  resolution: {
    en: [
      'Check the Jamf Pro licence with Jamf and renew it if it expired.',
      'Check that the users have a valid Intune licence (and Entra ID P1).',
      'In Jamf Pro, test the Microsoft Intune integration configuration and fix what the test reports.',
      'On a tenant that migrated to Device Compliance, a failure after the legacy connector stopped means Jamf Pro still tries to use it: clear Enable macOS Intune Integration in Jamf Pro (Settings > Global > Conditional Access) and keep Device Compliance; lines from before the stop are residue and need nothing.',
    ],
    it: [
      'Verificare con Jamf la licenza di Jamf Pro e rinnovarla se è scaduta.',
      'Verificare che gli utenti abbiano una licenza Intune valida (ed Entra ID P1).',
      'In Jamf Pro, testare la configurazione dell’integrazione con Microsoft Intune e correggere quanto segnalato.',
      'In un tenant migrato a Device Compliance, un errore dopo l’arresto del connettore legacy indica che Jamf Pro cerca ancora di usarlo: disattivare Enable macOS Intune Integration in Jamf Pro (Impostazioni > Globali > Accesso condizionale) e mantenere Device Compliance; le righe precedenti all’arresto sono residui e non richiedono nulla.',
    ],
  },
  sources: [
    'article: devices fail to register, cause 3',
    // The legacy connector's termination and the 90 days (the migration states, src/logs/legacy.ts).
    'https://github.com/MicrosoftDocs/memdocs/blob/main/memdocs/intune/protect/conditional-access-integrate-jamf.md',
  ],
  symptoms: symptomsOf('logs/intune-connection-failed'),
  messages: legacyMessages,
  // The tenant's migration state decides what a legacy connector's line means (src/logs/legacy.ts).
  notApplicable: legacyLinesNotApplicable,
  run(fleet, ctx) {
    runLegacySignatureCheck('logs/intune-connection-failed', scope, fleet, ctx);
  },
});
