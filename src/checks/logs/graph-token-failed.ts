import { runSignatureCheck, seenMessage } from '../../logs/findings.js';
import { symptomsOf } from '../../logs/signatures.js';
import { DATASETS } from '../../model/datasets.js';
import { defineCheck } from '../define.js';

const scope = {
  families: 'any',
  label: { en: 'log file', it: 'file di log' },
} as const;

export default defineCheck({
  id: 'logs/graph-token-failed',
  severity: 'high',
  modes: 'any',
  requires: [DATASETS.macs.id],
  title: {
    en: 'Jamf Pro could not get an access token for Microsoft Graph',
    it: 'Jamf Pro non ha ottenuto un token di accesso per Microsoft Graph',
  },
  cause: {
    en: 'The Jamf Pro app in Entra ID has more than one permission or its admin consent was not granted, a licence expired, or the required ports are closed.',
    it: 'L’app Jamf Pro in Entra ID ha più di un permesso o non ha ricevuto il consenso dell’amministratore, una licenza è scaduta, oppure le porte necessarie sono chiuse.',
  },
  resolution: {
    en: [
      'In Entra ID, give the Jamf Pro app the single permission it needs and select "Grant admin consent".',
      'Check the Jamf and Intune licences.',
      'Open the required ports: 443 to Intune; 2195, 2196 and 5223 from the Macs; 80 and 5223 for Jamf Pro.',
    ],
    it: [
      'In Entra ID, assegnare all’app Jamf Pro l’unico permesso necessario e selezionare "Concedi consenso amministratore".',
      'Verificare le licenze di Jamf e di Intune.',
      'Aprire le porte necessarie: 443 verso Intune; 2195, 2196 e 5223 dai Mac; 80 e 5223 per Jamf Pro.',
    ],
  },
  sources: ['article: could not retrieve the access token for Microsoft Graph API'],
  symptoms: symptomsOf('logs/graph-token-failed'),
  messages: { seen: seenMessage },
  run(fleet, ctx) {
    runSignatureCheck('logs/graph-token-failed', scope, fleet, ctx);
  },
});
