import { DATASETS } from '../../model/datasets.js';
import { endpointChecklist, REQUIRED_ENDPOINTS } from '../../model/endpoints.js';
import { defineCheck, msg } from '../define.js';
import { subject } from '../util.js';

const ENDPOINT_LIST = REQUIRED_ENDPOINTS.filter((e) => !e.retired)
  .map((e) => `${e.host}:${e.port} (${e.purpose})`)
  .join('; ');

export default defineCheck({
  id: 'network/required-endpoints',
  severity: 'high',
  modes: 'any',
  requires: [DATASETS.networkProbe.id],
  title: {
    en: 'A required endpoint cannot be reached',
    it: 'Un endpoint richiesto non è raggiungibile',
  },
  cause: {
    en: `Jamf Pro and the Macs must reach Microsoft and Apple services: ${ENDPOINT_LIST}. Microsoft also lists ports 2195 and 2196, which Apple retired in 2021. A closed port or an intercepting proxy makes token requests and registration fail.`,
    it: `Jamf Pro e i Mac devono raggiungere i servizi Microsoft e Apple: ${ENDPOINT_LIST}. Microsoft elenca anche le porte 2195 e 2196, ritirate da Apple nel 2021. Una porta chiusa o un proxy che intercetta il traffico fa fallire le richieste di token e la registrazione.`,
  },
  resolution: {
    en: [
      `Open outbound TCP from Jamf Pro and from client networks to: ${endpointChecklist()}.`,
      'Allow Apple’s 17.0.0.0/8 on TCP 5223 and 443 from all client networks; do not rely on 2195/2196.',
      'Exclude *.manage.microsoft.com, login.microsoftonline.com and Apple’s associated-domain hosts (app-site-association.cdn-apple.com, app-site-association.networking.apple) from TLS inspection: the Enterprise SSO extension and Platform SSO fail with errors 1012, 1000 or 1001 when they are intercepted.',
      'Run `jidoctor diagnose --live --probe-network` from the Jamf Pro server’s network and from a client network to confirm.',
    ],
    it: [
      `Aprire il traffico TCP in uscita da Jamf Pro e dalle reti dei client verso: ${endpointChecklist()}.`,
      'Consentire 17.0.0.0/8 di Apple su TCP 5223 e 443 da tutte le reti dei client; non fare affidamento su 2195/2196.',
      "Escludere dall'ispezione TLS *.manage.microsoft.com, login.microsoftonline.com e gli host dei domini associati di Apple (app-site-association.cdn-apple.com, app-site-association.networking.apple): l'estensione Enterprise SSO e Platform SSO falliscono con gli errori 1012, 1000 o 1001 quando vengono intercettati.",
      'Eseguire `jidoctor diagnose --live --probe-network` dalla rete del server Jamf Pro e da una rete dei client per conferma.',
    ],
  },
  sources: [
    'article: the required ports aren’t open on your network; prerequisites (network ports)',
    'Microsoft Entra: Microsoft Enterprise SSO plug-in for Apple devices, required network configuration (https://github.com/MicrosoftDocs/entra-docs/blob/main/docs/identity-platform/apple-sso-plugin.md)',
  ],
  symptoms: [
    'Could not retrieve the access token for Microsoft Graph API. Check the configuration for Microsoft Intune Integration.',
  ],
  messages: {
    dns: msg<{ host: string; port: number; purpose: string; error: string }>({
      en: (d) => `${d.host} (${d.purpose}) does not resolve from here: ${d.error}`,
      it: (d) => `${d.host} (${d.purpose}) non si risolve da qui: ${d.error}`,
    }),
    tls: msg<{ host: string; port: number; purpose: string; error: string }>({
      en: (d) => `${d.host}:${d.port} (${d.purpose}) resolves but the TLS handshake fails: ${d.error}`,
      it: (d) => `${d.host}:${d.port} (${d.purpose}) si risolve ma l'handshake TLS non riesce: ${d.error}`,
    }),
    retired: msg<{ ports: string }>({
      severity: 'info',
      en: (d) => `Ports ${d.ports} are listed by Microsoft but Apple retired them on 2021-03-31; they were not probed`,
      it: (d) =>
        `Le porte ${d.ports} sono elencate da Microsoft ma Apple le ha ritirate il 31-03-2021; non sono state verificate`,
    }),
  },
  run(fleet, ctx) {
    const results = fleet.network ?? [];
    for (const r of results) {
      const ev = {
        source: DATASETS.networkProbe.id,
        record: `${r.host}:${r.port}`,
        fields: { resolved: r.resolved, tls: r.tls, error: r.error },
      };
      const subj = { kind: 'tenant' as const, id: `${r.host}:${r.port}`, name: r.purpose };
      if (!r.resolved) {
        ctx.report({
          messageId: 'dns',
          data: { host: r.host, port: r.port, purpose: r.purpose, error: r.error ?? 'no address' },
          subjects: [subj],
          evidence: [ev],
        });
      } else if (r.tls === false) {
        ctx.report({
          messageId: 'tls',
          data: { host: r.host, port: r.port, purpose: r.purpose, error: r.error ?? 'handshake failed' },
          subjects: [subj],
          evidence: [ev],
        });
      }
    }
    const retired = REQUIRED_ENDPOINTS.filter((e) => e.retired).map((e) => String(e.port));
    ctx.report({
      messageId: 'retired',
      data: { ports: retired.join(', ') },
      subjects: [subject.tenant(fleet)],
      evidence: [{ source: DATASETS.networkProbe.id, fields: { probed: results.length } }],
    });
  },
});
