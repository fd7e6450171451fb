import { runSignatureCheck, seenMessage } from '../../logs/findings.js';
import { symptomsOf } from '../../logs/signatures.js';
import { DATASETS } from '../../model/datasets.js';
import { defineCheck } from '../define.js';

const scope = {
  families: ['companyPortal', 'unifiedLog', 'ssoExtension'],
  label: { en: 'Company Portal or unified log', it: 'log del Portale aziendale o log unificato' },
} as const;

export default defineCheck({
  id: 'logs/company-portal-opened-directly',
  severity: 'high',
  modes: 'any',
  requires: [DATASETS.macs.id],
  title: {
    en: 'Company Portal was opened directly instead of from Jamf Self Service',
    it: 'Il Portale aziendale è stato aperto direttamente invece che da Jamf Self Service',
  },
  cause: {
    en: 'The user opened Company Portal by hand. Registered that way, the Mac enrols in Intune without the Jamf connection: Company Portal shows "Not registered" (legacy) or the registration fails with AccountNotOnboarded (Device Compliance).',
    it: 'L’utente ha aperto il Portale aziendale a mano. Registrato così, il Mac si iscrive a Intune senza la connessione con Jamf: il Portale aziendale mostra "Not registered" (legacy) o la registrazione fallisce con AccountNotOnboarded (Device Compliance).',
  },
  resolution: {
    en: [
      'If the Mac enrolled in Intune directly, unenrol it from Intune and do the cause-6 clean-up so that no stale record remains.',
      'Have the user open Company Portal only from the Jamf Self Service registration policy ("Register with Entra ID" / "Register with Azure AD").',
      'Check that Company Portal is deployed by Jamf and that the registration policy is scoped to the user.',
    ],
    it: [
      'Se il Mac si è iscritto a Intune direttamente, annullarne l’iscrizione da Intune ed eseguire la pulizia della causa 6 perché non restino record obsoleti.',
      'Far aprire all’utente il Portale aziendale solo dal criterio di registrazione di Jamf Self Service ("Register with Entra ID" / "Register with Azure AD").',
      'Verificare che il Portale aziendale sia distribuito da Jamf e che il criterio di registrazione sia assegnato all’utente.',
    ],
  },
  sources: [
    'article: devices fail to register, cause 4',
    'research: jamf.md §5.6 (AccountNotOnboarded, Device Compliance)',
  ],
  symptoms: symptomsOf('logs/company-portal-opened-directly'),
  messages: { seen: seenMessage },
  run(fleet, ctx) {
    runSignatureCheck('logs/company-portal-opened-directly', scope, fleet, ctx);
  },
});
