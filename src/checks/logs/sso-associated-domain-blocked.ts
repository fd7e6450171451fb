import { runSignatureCheck, seenMessage } from '../../logs/findings.js';
import { symptomsOf } from '../../logs/signatures.js';
import { DATASETS } from '../../model/datasets.js';
import { defineCheck } from '../define.js';

/** Where MSAL's and Apple's lines about the SSO extension can be: every log family that holds sign-in lines. */
const scope = {
  families: ['ssoExtension', 'companyPortal', 'unifiedLog', 'gatherAADInfo', 'text'],
  label: {
    en: 'SSO extension, Company Portal or unified log',
    it: 'log dell’estensione SSO, del Portale aziendale o log unificato',
  },
} as const;

const ID = 'logs/sso-associated-domain-blocked';

export default defineCheck({
  id: 'logs/sso-associated-domain-blocked',
  severity: 'medium',
  modes: 'any',
  requires: [DATASETS.macs.id],
  title: {
    en: 'The Enterprise SSO extension fails on the Mac: a proxy or TLS inspection may block Apple’s associated-domain URLs',
    it: 'L’estensione Enterprise SSO non funziona sul Mac: un proxy o l’ispezione TLS potrebbe bloccare gli URL dei domini associati di Apple',
  },
  cause: {
    en: 'Apple lets only the approved SSO extension handle Microsoft sign-ins, and checks the approval through associated domains: the Mac fetches the apple-app-site-association files through app-site-association.cdn-apple.com and app-site-association.networking.apple (older macOS versions, and Platform SSO, also from the Microsoft sign-in hosts). A proxy that intercepts TLS (break and inspect, data loss prevention, tenant restrictions) breaks that check, and sign-ins, device registration and device-based Conditional Access fail intermittently; Microsoft documents the errors 1012 NSURLErrorDomain, 1000 com.apple.AuthenticationServices.AuthorizationError and 1001 Unexpected. These errors can have other causes: the line shows the failure, the network team confirms the interception.',
    it: 'Apple consente solo all’estensione SSO approvata di gestire gli accessi Microsoft e verifica l’approvazione tramite i domini associati: il Mac scarica i file apple-app-site-association da app-site-association.cdn-apple.com e app-site-association.networking.apple (le versioni di macOS meno recenti, e Platform SSO, anche dagli host di accesso Microsoft). Un proxy che intercetta il TLS (break and inspect, prevenzione della perdita di dati, restrizioni del tenant) interrompe questa verifica, e accessi, registrazione del dispositivo e accesso condizionale basato sul dispositivo non riescono a intermittenza; Microsoft documenta gli errori 1012 NSURLErrorDomain, 1000 com.apple.AuthenticationServices.AuthorizationError e 1001 Unexpected. Questi errori possono avere anche altre cause: la riga mostra l’errore, il team di rete conferma l’intercettazione.',
  },
  resolution: {
    en: [
      'Exclude app-site-association.cdn-apple.com and app-site-association.networking.apple from TLS inspection (break and inspect) and let the Macs reach them directly (Microsoft: the SSO plug-in does not work reliably until the Apple CDN domains are fully excluded).',
      'On Macs with Platform SSO, or with macOS versions released before 2022, also exclude login.microsoftonline.com, login.microsoft.com and sts.windows.net (and the sovereign-cloud sign-in hosts you use: login.microsoftonline.us, login-us.microsoftonline.com, login.partner.microsoftonline.cn, login.chinacloudapi.cn).',
      'Then run `sudo swcutil reset` on an affected Mac (it clears the associated-domain cache) and sign in again; `jidoctor diagnose --live --probe-network`, run from the Macs’ network, checks that the hosts answer.',
    ],
    it: [
      'Escludere app-site-association.cdn-apple.com e app-site-association.networking.apple dall’ispezione TLS (break and inspect) e consentire ai Mac di raggiungerli direttamente (Microsoft: il plug-in SSO non funziona in modo affidabile finché i domini CDN di Apple non sono del tutto esclusi).',
      'Sui Mac con Platform SSO, o con versioni di macOS rilasciate prima del 2022, escludere anche login.microsoftonline.com, login.microsoft.com e sts.windows.net (e gli host di accesso dei cloud sovrani in uso: login.microsoftonline.us, login-us.microsoftonline.com, login.partner.microsoftonline.cn, login.chinacloudapi.cn).',
      'Poi eseguire `sudo swcutil reset` su un Mac interessato (svuota la cache dei domini associati) e ripetere l’accesso; `jidoctor diagnose --live --probe-network`, eseguito dalla rete dei Mac, verifica che gli host rispondano.',
    ],
  },
  sources: [
    'https://github.com/MicrosoftDocs/entra-docs/blob/main/docs/identity-platform/apple-sso-plugin.md',
    'https://github.com/MicrosoftDocs/entra-docs/blob/main/docs/identity/devices/troubleshoot-mac-sso-extension-plugin.md',
    'https://github.com/stashenergy/react-native-msal/issues/132',
  ],
  // Microsoft's wording of the three errors, for `explain`; only the log lines above are searched in the files.
  symptoms: [
    ...symptomsOf(ID),
    '1012 NSURLErrorDomain error',
    '1000 com.apple.AuthenticationServices.AuthorizationError',
    '1001 Unexpected',
  ],
  messages: { seen: seenMessage },
  run(fleet, ctx) {
    runSignatureCheck(ID, scope, fleet, ctx);
  },
});
