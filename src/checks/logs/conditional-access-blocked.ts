import { runSignatureCheck, seenMessage } from '../../logs/findings.js';
import { symptomsOf } from '../../logs/signatures.js';
import { DATASETS } from '../../model/datasets.js';
import { defineCheck } from '../define.js';

const scope = {
  families: 'any',
  label: { en: 'log file', it: 'file di log' },
} as const;

export default defineCheck({
  id: 'logs/conditional-access-blocked',
  severity: 'high',
  modes: 'any',
  requires: [DATASETS.macs.id],
  title: {
    en: 'Conditional Access blocked a sign-in on the Mac: the device is not compliant or not managed',
    it: 'L’accesso condizionale ha bloccato un accesso sul Mac: il dispositivo non è conforme o non è gestito',
  },
  cause: {
    en: 'Entra refused a token because a Conditional Access policy requires a compliant or managed device and the Mac was not seen as one (AADSTS53000 DeviceNotCompliant, AADSTS530003 device must be managed): it is not registered, its compliance has not reached Entra yet, or the app did not present the device identity.',
    it: 'Entra ha rifiutato un token perché un criterio di accesso condizionale richiede un dispositivo conforme o gestito e il Mac non è stato riconosciuto come tale (AADSTS53000 DeviceNotCompliant, AADSTS530003 il dispositivo deve essere gestito): non è registrato, la sua conformità non è ancora arrivata a Entra, oppure l’app non ha presentato l’identità del dispositivo.',
  },
  resolution: {
    en: [
      'Check that the Mac is registered (Self Service registration, then `jidoctor logs` shows the AAD ID acquired) and that Jamf Pro reports it compliant.',
      'In the Entra sign-in log, open the failed sign-in: Device ID, Compliant and Managed tell which part is missing; if the device ID is empty, the app or browser did not use the Workplace Join identity (use Edge, Chrome with the Microsoft SSO extension, or Safari).',
      'For Device Compliance, exclude the "User registration app for Device Compliance" from policies that require a compliant or registered device.',
    ],
    it: [
      'Verificare che il Mac sia registrato (registrazione da Self Service, poi `jidoctor logs` mostra l’AAD ID acquisito) e che Jamf Pro lo dichiari conforme.',
      'Nel log di accesso di Entra aprire l’accesso non riuscito: ID dispositivo, Conforme e Gestito dicono quale parte manca; se l’ID dispositivo è vuoto l’app o il browser non ha usato l’identità Workplace Join (usare Edge, Chrome con l’estensione Microsoft SSO, o Safari).',
      'Per Device Compliance, escludere la "User registration app for Device Compliance" dai criteri che richiedono un dispositivo conforme o registrato.',
    ],
  },
  sources: [
    'https://github.com/AzureAD/microsoft-authentication-library-for-dotnet/issues/2821',
    'https://github.com/AzureAD/microsoft-authentication-library-for-objc/issues/1900',
    'https://github.com/AzureAD/MSAL.PS/issues/51',
  ],
  symptoms: symptomsOf('logs/conditional-access-blocked'),
  messages: { seen: seenMessage },
  run(fleet, ctx) {
    runSignatureCheck('logs/conditional-access-blocked', scope, fleet, ctx);
  },
});
