import { DATASETS } from '../../model/datasets.js';
import type { Application } from '../../model/types.js';
import { defineCheck, type Evidence, msg } from '../define.js';
import { DAY, daysBetween, identifiedJamfProApp, iso, latestBy, subject } from '../util.js';

const WARN_WITHIN = 30 * DAY;

function credentialsEvidence(app: Application): Evidence {
  return {
    source: DATASETS.applications.id,
    record: app.id,
    fields: {
      appId: app.appId,
      displayName: app.displayName,
      'credentials[].kind': app.credentials.map((c) => c.kind),
      'credentials[].keyId': app.credentials.map((c) => c.keyId ?? ''),
      'credentials[].displayName': app.credentials.map((c) => c.displayName ?? ''),
      'credentials[].endDateTime': app.credentials.map((c) => iso(c.endDateTime)),
    },
  };
}

export default defineCheck({
  id: 'entra-app/jamf-app-credential-expired',
  severity: 'high',
  modes: ['legacy'],
  requires: [DATASETS.applications.id, DATASETS.legacyPartners.id],
  title: {
    en: 'The client secret or certificate of the Jamf Pro app has expired',
    it: "Il segreto client o il certificato dell'app Jamf Pro è scaduto",
  },
  cause: {
    en: 'Jamf Pro signs in to Microsoft Graph with a client secret (or certificate) of the Jamf Pro app registration. When every secret and certificate has expired, or the app has none, Jamf Pro cannot get its access token and stops sending inventory to Intune.',
    it: "Jamf Pro accede a Microsoft Graph con un segreto client (o un certificato) della registrazione dell'app Jamf Pro. Quando tutti i segreti e i certificati sono scaduti, o l'app non ne ha, Jamf Pro non ottiene il token di accesso e smette di inviare l'inventario a Intune.",
  },
  resolution: {
    en: [
      'Open Entra admin center > Applications > App registrations > All applications > the Jamf Pro app (appId in the finding) > Certificates & secrets.',
      'Create a new client secret (New client secret, with an expiry your policy allows) and copy its Value at once: it is shown only once.',
      'Or with Graph: POST /v1.0/applications/{id}/addPassword with {"passwordCredential": {"displayName": "Jamf Pro"}}; the response holds the secret text.',
      'In Jamf Pro > Settings > Global > Conditional Access > macOS Intune Integration > Edit, enter the new client secret, Save, and check that the connection works.',
      'Delete the expired secrets, and set a reminder before the new one expires.',
    ],
    it: [
      "Aprire l'interfaccia di amministrazione di Microsoft Entra > Applicazioni > Registrazioni app > Tutte le applicazioni > l'app Jamf Pro (appId nel risultato) > Certificati e segreti.",
      'Creare un nuovo segreto client (Nuovo segreto client, con una scadenza consentita dai criteri aziendali) e copiarne subito il Valore: viene mostrato una sola volta.',
      'Oppure con Graph: POST /v1.0/applications/{id}/addPassword con {"passwordCredential": {"displayName": "Jamf Pro"}}; la risposta contiene il testo del segreto.',
      'In Jamf Pro > Settings > Global > Conditional Access > macOS Intune Integration > Edit, inserire il nuovo segreto client, salvare e verificare che la connessione funzioni.',
      'Eliminare i segreti scaduti e impostare un promemoria prima della scadenza del nuovo.',
    ],
  },
  sources: [
    'article: could not retrieve the access token for Microsoft Graph API',
    'Microsoft Learn: conditional-access-integrate-jamf ("If the client secret expires, you must create a new client secret")',
  ],
  symptoms: [
    'Could not retrieve the access token for Microsoft Graph API. Check the configuration for Microsoft Intune Integration.',
  ],
  messages: {
    'no-credentials': msg<{ app: string; appId: string }>({
      en: (d) =>
        `The Jamf Pro app "${d.app}" (${d.appId}) has no client secret or certificate, so Jamf Pro cannot sign in to Microsoft Graph`,
      it: (d) =>
        `L'app Jamf Pro "${d.app}" (${d.appId}) non ha alcun segreto client o certificato, quindi Jamf Pro non può accedere a Microsoft Graph`,
    }),
    expired: msg<{ app: string; appId: string; count: number; lastExpired: string; daysAgo: number }>({
      en: (d) => {
        const ago = d.daysAgo > 0 ? `, ${d.daysAgo} ${d.daysAgo === 1 ? 'day' : 'days'} ago` : '';
        return d.count === 1
          ? `The only credential of the Jamf Pro app "${d.app}" (${d.appId}) expired on ${d.lastExpired}${ago}`
          : `All ${d.count} credentials of the Jamf Pro app "${d.app}" (${d.appId}) have expired; the newest on ${d.lastExpired}${ago}`;
      },
      it: (d) => {
        const ago = d.daysAgo > 0 ? `, ${d.daysAgo} ${d.daysAgo === 1 ? 'giorno' : 'giorni'} fa` : '';
        return d.count === 1
          ? `L'unica credenziale dell'app Jamf Pro "${d.app}" (${d.appId}) è scaduta il ${d.lastExpired}${ago}`
          : `Tutte le ${d.count} credenziali dell'app Jamf Pro "${d.app}" (${d.appId}) sono scadute; la più recente il ${d.lastExpired}${ago}`;
      },
    }),
    expiring: msg<{ app: string; appId: string; kind: 'secret' | 'certificate'; expires: string; daysLeft: number }>({
      severity: 'medium',
      en: (d) =>
        `The newest ${d.kind === 'secret' ? 'client secret' : 'certificate'} of the Jamf Pro app "${d.app}" (${d.appId}) expires on ${d.expires}, ${
          d.daysLeft === 0 ? 'in less than a day' : `in ${d.daysLeft} ${d.daysLeft === 1 ? 'day' : 'days'}`
        }`,
      it: (d) =>
        `${d.kind === 'secret' ? 'Il segreto client' : 'Il certificato'} più recente dell'app Jamf Pro "${d.app}" (${d.appId}) scade il ${d.expires}, ${
          d.daysLeft === 0 ? 'tra meno di un giorno' : `tra ${d.daysLeft} ${d.daysLeft === 1 ? 'giorno' : 'giorni'}`
        }`,
    }),
  },
  run(fleet, ctx) {
    const found = identifiedJamfProApp(fleet, ctx);
    if (!found) return;
    if (found.kind === 'cloud-connector') {
      ctx.unknown('Cloud Connector: the app and its credentials belong to Jamf and are not visible in this tenant');
      return;
    }
    const app = found.app;
    const base = { app: app.displayName ?? app.appId, appId: app.appId };
    const ev = [credentialsEvidence(app)];
    if (app.credentials.length === 0) {
      ctx.report({ messageId: 'no-credentials', data: base, subjects: [subject.application(app)], evidence: ev });
      return;
    }
    // A credential without an end date never expires.
    const newest = latestBy(app.credentials, (c) => c.endDateTime ?? Number.POSITIVE_INFINITY)!;
    const end = newest.endDateTime;
    if (end == null) return;
    if (end <= ctx.now) {
      ctx.report({
        messageId: 'expired',
        data: { ...base, count: app.credentials.length, lastExpired: iso(end), daysAgo: daysBetween(end, ctx.now) },
        subjects: [subject.application(app)],
        evidence: ev,
      });
    } else if (end - ctx.now <= WARN_WITHIN) {
      ctx.report({
        messageId: 'expiring',
        data: { ...base, kind: newest.kind, expires: iso(end), daysLeft: daysBetween(ctx.now, end) },
        subjects: [subject.application(app)],
        evidence: ev,
      });
    }
  },
});
