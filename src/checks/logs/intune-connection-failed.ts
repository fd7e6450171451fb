import { runSignatureCheck, seenMessage } from '../../logs/findings.js';
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
    en: 'The message "Unable to connect to Microsoft Intune" means the Jamf Pro or Intune licence has expired or the integration is misconfigured; Intune may show the connector as Terminated.',
    it: 'Il messaggio "Unable to connect to Microsoft Intune" indica che la licenza di Jamf Pro o di Intune è scaduta o che l’integrazione è configurata male; Intune può mostrare il connettore come Terminated.',
  },
  resolution: {
    en: [
      'Check the Jamf Pro licence with Jamf and renew it if it expired.',
      'Check that the users have a valid Intune licence (and Entra ID P1).',
      'In Jamf Pro, test the Microsoft Intune integration configuration and fix what the test reports.',
    ],
    it: [
      'Verificare con Jamf la licenza di Jamf Pro e rinnovarla se è scaduta.',
      'Verificare che gli utenti abbiano una licenza Intune valida (ed Entra ID P1).',
      'In Jamf Pro, testare la configurazione dell’integrazione con Microsoft Intune e correggere quanto segnalato.',
    ],
  },
  sources: ['article: devices fail to register, cause 3'],
  symptoms: symptomsOf('logs/intune-connection-failed'),
  messages: { seen: seenMessage },
  run(fleet, ctx) {
    runSignatureCheck('logs/intune-connection-failed', scope, fleet, ctx);
  },
});
