import { DATASETS } from '../../model/datasets.js';
import type { ServicePrincipal } from '../../model/types.js';
import { defineCheck, type Evidence, msg, type Subject } from '../define.js';
import {
  evidence as evidenceOf,
  IDS,
  identifiedJamfProApp,
  permissionName,
  RESOURCE_NAMES,
  spByAppId,
  subject,
} from '../util.js';

const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The application permissions the Jamf Pro Cloud Connector is consented (Microsoft Learn, Cloud Connector). */
const CLOUD_CONNECTOR_REQUIRED = [
  { resourceAppId: IDS.graphApp, id: IDS.graphDirectoryReadAll },
  { resourceAppId: IDS.intuneApiApp, id: IDS.updateDeviceAttributes },
];

export default defineCheck({
  id: 'entra-app/jamf-app-consent-missing',
  severity: 'high',
  modes: ['legacy'],
  requires: [DATASETS.applications.id, DATASETS.servicePrincipals.id, DATASETS.legacyPartners.id],
  title: {
    en: 'Admin consent was not granted to the Jamf Pro app',
    it: "Il consenso amministratore non è stato concesso all'app Jamf Pro",
  },
  cause: {
    en: 'An application permission that the Jamf Pro app requests has no matching grant (appRoleAssignment) on its service principal: "Grant admin consent for <tenant>" was not selected, was done by an account without the rights, or was revoked. Without it Jamf Pro cannot get its Microsoft Graph token and Macs fail to register.',
    it: 'Un\'autorizzazione applicazione richiesta dall\'app Jamf Pro non ha una concessione corrispondente (appRoleAssignment) sulla sua entità servizio: "Concedi consenso amministratore per <tenant>" non è stato selezionato, è stato fatto da un account senza i diritti necessari o è stato revocato. Senza di esso Jamf Pro non ottiene il token di Microsoft Graph e i Mac non riescono a registrarsi.',
  },
  resolution: {
    en: [
      'Sign in to the Entra admin center as a Global Administrator (or Privileged Role Administrator).',
      'Open Applications > App registrations > All applications > the Jamf Pro app (appId in the finding) > API permissions, and click "Grant admin consent for <tenant>"; every permission must show "Granted for <tenant>".',
      'If the app has no service principal (no enterprise application), granting admin consent there creates it; or open login.microsoftonline.com/<tenant>/adminconsent?client_id=<appId>.',
      'Or grant each missing permission with Graph: POST /v1.0/servicePrincipals/{id}/appRoleAssignments with {"principalId": "<service principal id>", "resourceId": "<resource service principal id>", "appRoleId": "<permission id>"} (ids in the evidence).',
      'Cloud Connector: reconnect it from Jamf Pro > Settings > Global > Conditional Access and accept both consent prompts as a Global Administrator.',
      'Grants can take a few minutes to replicate: collect again before concluding.',
    ],
    it: [
      "Accedere all'interfaccia di amministrazione di Microsoft Entra come Amministratore globale (o Amministratore ruolo con privilegi).",
      'Aprire Applicazioni > Registrazioni app > Tutte le applicazioni > l\'app Jamf Pro (appId nel risultato) > Autorizzazioni API, e fare clic su "Concedi consenso amministratore per <tenant>"; ogni autorizzazione deve indicare "Concesso per <tenant>".',
      "Se l'app non ha un'entità servizio (nessuna applicazione aziendale), concedere lì il consenso amministratore la crea; oppure aprire login.microsoftonline.com/<tenant>/adminconsent?client_id=<appId>.",
      'Oppure concedere ogni autorizzazione mancante con Graph: POST /v1.0/servicePrincipals/{id}/appRoleAssignments con {"principalId": "<id entità servizio>", "resourceId": "<id entità servizio della risorsa>", "appRoleId": "<id autorizzazione>"} (gli id sono nelle evidenze).',
      'Cloud Connector: ricollegarlo da Jamf Pro > Settings > Global > Conditional Access e accettare entrambe le richieste di consenso come Amministratore globale.',
      'Le concessioni possono richiedere qualche minuto per replicarsi: raccogliere di nuovo i dati prima di concludere.',
    ],
  },
  sources: [
    'article: could not retrieve the access token for Microsoft Graph API ("Grant admin consent for <your company>" was not selected)',
    'Microsoft Learn: conditional-access-integrate-jamf (create an application in Microsoft Entra ID)',
  ],
  symptoms: [
    'Could not retrieve the access token for Microsoft Graph API. Check the configuration for Microsoft Intune Integration.',
  ],
  messages: {
    'no-service-principal': msg<{ app: string; appId: string }>({
      en: (d) =>
        `The Jamf Pro app "${d.app}" (${d.appId}) has no service principal in the tenant: admin consent was never granted`,
      it: (d) =>
        `L'app Jamf Pro "${d.app}" (${d.appId}) non ha un'entità servizio nel tenant: il consenso amministratore non è mai stato concesso`,
    }),
    'not-granted': msg<{ app: string; appId: string; missing: string[] }>({
      en: (d) =>
        `Admin consent is missing for ${d.missing.length === 1 ? 'a permission' : `${d.missing.length} permissions`} of the Jamf Pro app "${d.app}" (${d.appId}): ${d.missing.join(', ')}`,
      it: (d) =>
        `Manca il consenso amministratore per ${d.missing.length === 1 ? "un'autorizzazione" : `${d.missing.length} autorizzazioni`} dell'app Jamf Pro "${d.app}" (${d.appId}): ${d.missing.join(', ')}`,
    }),
  },
  run(fleet, ctx) {
    const found = identifiedJamfProApp(fleet, ctx);
    if (!found) return;

    let sp: ServicePrincipal | undefined;
    let name: string;
    let appId: string;
    let required: Array<{ resourceAppId: string; id: string }>;
    let who: Subject;
    const evidence: Evidence[] = [];
    if (found.kind === 'cloud-connector') {
      sp = found.sp;
      if (!sp && !found.appId) {
        ctx.unknown('Cloud Connector: no service principal named like "Jamf ... Cloud Connector"');
        return;
      }
      name = sp?.displayName ?? 'Jamf Cloud Connector';
      appId = sp?.appId ?? found.appId!;
      required = CLOUD_CONNECTOR_REQUIRED;
      who = sp ? subject.servicePrincipal(sp) : subject.partner(found.partner);
      evidence.push({
        source: DATASETS.legacyPartners.id,
        record: found.partner.id,
        fields: { partnerAppType: found.partner.partnerAppType, singleTenantAppId: found.partner.singleTenantAppId },
      });
    } else {
      const app = found.app;
      sp = spByAppId(fleet, app.appId);
      name = app.displayName ?? app.appId;
      appId = app.appId;
      required = app.requiredResourceAccess.flatMap((r) =>
        r.resourceAccess.filter((a) => a.type === 'Role').map((a) => ({ resourceAppId: r.resourceAppId, id: a.id })),
      );
      who = subject.application(app);
      evidence.push({
        source: DATASETS.applications.id,
        record: app.id,
        fields: {
          appId: app.appId,
          displayName: app.displayName,
          'requiredResourceAccess[] (Role)': required.map((r) => `${r.resourceAppId}/${r.id}`),
        },
      });
    }

    if (!sp) {
      ctx.report({
        messageId: 'no-service-principal',
        data: { app: name, appId },
        subjects: [who],
        evidence: [
          ...evidence,
          { source: DATASETS.servicePrincipals.id, fields: { 'appId (searched)': appId, matches: 0 } },
        ],
      });
      return;
    }
    if (sp.appRoleAssignmentsStatus !== 'complete' || !sp.appRoleAssignments) {
      ctx.unknown(`appRoleAssignments of ${sp.displayName ?? sp.id} were not collected`, subject.servicePrincipal(sp));
      return;
    }
    const missing: string[] = [];
    for (const r of required) {
      const perm = permissionName(fleet, r.resourceAppId, r.id, 'Role');
      const resource = spByAppId(fleet, r.resourceAppId);
      if (!resource) {
        // App role ids are unique GUIDs: a grant of this role is enough evidence even without the resource's object.
        if (sp.appRoleAssignments.some((a) => eq(a.appRoleId, r.id))) continue;
        ctx.unknown(
          `the service principal of ${RESOURCE_NAMES[r.resourceAppId.toLowerCase()] ?? r.resourceAppId} was not collected: cannot tell whether ${perm} was granted`,
        );
        continue;
      }
      const granted = sp.appRoleAssignments.some((a) => eq(a.appRoleId, r.id) && eq(a.resourceId, resource.id));
      if (!granted) missing.push(perm);
    }
    if (missing.length) {
      ctx.report({
        messageId: 'not-granted',
        data: { app: name, appId, missing },
        subjects: [who],
        evidence: [...evidence, evidenceOf.grants(sp)],
      });
    }
  },
});
