import { runSignatureCheck, seenMessage } from '../../logs/findings.js';
import { symptomsOf } from '../../logs/signatures.js';
import { DATASETS } from '../../model/datasets.js';
import { defineCheck } from '../define.js';

const scope = {
  families: ['unifiedLog', 'companyPortal', 'ssoExtension', 'gatherAADInfo'],
  label: {
    en: 'unified, Company Portal or SSO extension log',
    it: 'log unificato, del Portale aziendale o dell’estensione SSO',
  },
} as const;

export default defineCheck({
  id: 'logs/keychain-access-prompt',
  severity: 'medium',
  modes: 'any',
  requires: [DATASETS.macs.id],
  title: {
    en: 'An app or JamfAAD cannot use the Workplace Join key without a keychain prompt',
    it: 'Un’app o JamfAAD non può usare la chiave Workplace Join senza una richiesta del portachiavi',
  },
  cause: {
    en: 'Apps and JamfAAD sign with the "Microsoft Workplace Join Key" in the login keychain; until the user allows access they are prompted for the login keychain password, and when the key or identity is missing (-25300, "Workplace join is required") registration and token refresh fail.',
    it: 'Le app e JamfAAD firmano con la "Microsoft Workplace Join Key" nel portachiavi di login; finché l’utente non consente l’accesso viene chiesta la password del portachiavi, e se la chiave o l’identità mancano (-25300, "Workplace join is required") la registrazione e il rinnovo del token falliscono.',
  },
  resolution: {
    en: [
      'Ask the user to enter the login keychain password and click Always Allow for JamfAAD and for the apps that ask.',
      'If the identity is missing (-25300 or "Workplace join is required"), register the Mac again from Self Service, after the cause-6 clean-up if it was registered before.',
    ],
    it: [
      'Chiedere all’utente di inserire la password del portachiavi di login e fare clic su Consenti sempre per JamfAAD e per le app che la chiedono.',
      'Se l’identità manca (-25300 o "Workplace join is required"), registrare di nuovo il Mac da Self Service, dopo la pulizia della causa 6 se era già stato registrato.',
    ],
  },
  sources: [
    'article: Mac devices prompt for keychain sign-in when you open an app',
    'article: devices fail to register, cause 7',
  ],
  symptoms: symptomsOf('logs/keychain-access-prompt'),
  messages: { seen: seenMessage },
  run(fleet, ctx) {
    runSignatureCheck('logs/keychain-access-prompt', scope, fleet, ctx);
  },
});
