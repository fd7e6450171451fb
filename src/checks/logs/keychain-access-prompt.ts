import { fileSubject, lineEvidence, macSubject, runSignatureCheck, seenMessage } from '../../logs/findings.js';
import { symptomsOf } from '../../logs/signatures.js';
import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';

/** Failures that need the Workplace Join identity: with one of them, a -25300 on the identity is the cause. */
const NEEDS_IDENTITY = new Set([
  'msal-workplace-join-required',
  'aadsts-device-not-compliant',
  'aadsts-device-must-be-managed',
  'ca-managed-device-required',
]);

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
  messages: {
    seen: seenMessage,
    identityMissing: msg<{ mac: string; file: string; line: number; failure: string }>({
      en: (d) =>
        `${d.mac}: the Workplace Join identity was not in the keychain (-25300, ${d.file}:${d.line}) and a sign-in that needed it failed (${d.failure})`,
      it: (d) =>
        `${d.mac}: l’identità Workplace Join non era nel portachiavi (-25300, ${d.file}:${d.line}) e un accesso che ne aveva bisogno non è riuscito (${d.failure})`,
    }),
  },
  run(fleet, ctx) {
    runSignatureCheck('logs/keychain-access-prompt', scope, fleet, ctx);
    // "Item not found" (-25300) is logged by normal look-ups: on its own it is context for the registration
    // timeline. It is the problem when the same Mac also shows a failure that needed the identity.
    for (const { evidence: ev, mac } of fleet.macLogs) {
      const notFound = ev.hits.find((h) => h.signature === 'wpj-identity-not-found-25300');
      const failure = ev.hits.find((h) => NEEDS_IDENTITY.has(h.signature));
      if (!notFound || !failure) continue;
      const subj = macSubject(ev, mac);
      ctx.report({
        messageId: 'identityMissing',
        data: {
          mac: subj.id,
          file: notFound.last.file,
          line: notFound.last.line,
          failure: `${failure.last.file}:${failure.last.line}`,
        },
        subjects: [subj, fileSubject(notFound.last)],
        evidence: [lineEvidence(notFound.last), lineEvidence(failure.last)],
      });
    }
  },
});
