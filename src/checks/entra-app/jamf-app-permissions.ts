import { DATASETS } from '../../model/datasets.js';
import type { Application, Fleet, ServicePrincipal } from '../../model/types.js';
import { defineCheck, type Evidence, msg } from '../define.js';
import { evidence, findJamfProApp, IDS, permissionName, subject } from '../util.js';

const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The application permissions Microsoft's manual-integration guide adds next to update_device_attributes. */
const DOCUMENTED: ReadonlyArray<{ resource: string; role: string }> = [
  { resource: IDS.graphApp, role: IDS.graphApplicationReadAll },
  { resource: IDS.aadGraphApp, role: IDS.aadGraphApplicationReadAll },
];

/** What the Jamf Pro Cloud Connector app is granted (Microsoft Learn, conditional-access-jamf-cloud-connector). */
const CLOUD_CONNECTOR_ROLES = new Set<string>([IDS.graphDirectoryReadAll, IDS.updateDeviceAttributes]);

function appEvidence(app: Application): Evidence {
  return {
    source: DATASETS.applications.id,
    record: app.id,
    fields: {
      appId: app.appId,
      displayName: app.displayName,
      'requiredResourceAccess[]': app.requiredResourceAccess.flatMap((r) =>
        r.resourceAccess.map((a) => `${r.resourceAppId}/${a.id}/${a.type ?? ''}`),
      ),
    },
  };
}

function checkCloudConnector(fleet: Fleet, sp: ServicePrincipal, report: (extras: string[]) => void): void {
  const extras: string[] = [];
  for (const a of sp.appRoleAssignments ?? []) {
    const resource = fleet.servicePrincipals.find((s) => eq(s.id, a.resourceId));
    const allowed =
      CLOUD_CONNECTOR_ROLES.has(a.appRoleId.toLowerCase()) &&
      (!resource || eq(resource.appId, IDS.graphApp) || eq(resource.appId, IDS.intuneApiApp));
    if (allowed) continue;
    extras.push(
      resource ? permissionName(fleet, resource.appId, a.appRoleId, 'Role') : `${a.resourceId}/${a.appRoleId}`,
    );
  }
  if (extras.length) report(extras);
}

export default defineCheck({
  id: 'entra-app/jamf-app-permissions',
  severity: 'high',
  modes: ['legacy'],
  requires: [DATASETS.applications.id, DATASETS.servicePrincipals.id, DATASETS.legacyPartners.id],
  title: {
    en: 'The Jamf Pro app in Entra has the wrong API permissions',
    it: "L'app Jamf Pro in Entra ha autorizzazioni API errate",
  },
  cause: {
    en: "For the manual connection, the Jamf Pro app registration must request exactly one permission: Intune API > Application permissions > update_device_attributes (article, cause 1). Any other permission, including the default Microsoft Graph User.Read, makes Jamf Pro fail to get its Microsoft Graph token, and Macs fail to register. Microsoft's manual-integration guide also adds Application.Read.All from Microsoft Graph and Azure AD Graph; those are tolerated and only noted. A Cloud Connector app is created by Jamf with its own fixed permissions and must not be changed.",
    it: "Per la connessione manuale, la registrazione dell'app Jamf Pro deve richiedere una sola autorizzazione: Intune API > Autorizzazioni applicazione > update_device_attributes (articolo, causa 1). Qualsiasi altra autorizzazione, compresa quella predefinita User.Read di Microsoft Graph, impedisce a Jamf Pro di ottenere il token di Microsoft Graph e i Mac non riescono a registrarsi. La guida di Microsoft per l'integrazione manuale aggiunge anche Application.Read.All di Microsoft Graph e di Azure AD Graph; queste sono tollerate e solo segnalate. Un'app Cloud Connector viene creata da Jamf con autorizzazioni proprie e fisse e non va modificata.",
  },
  resolution: {
    en: [
      'Open Entra admin center > Applications > App registrations > All applications > the Jamf Pro app (appId in the finding) > API permissions.',
      'Remove every permission other than Intune > update_device_attributes (the "..." menu > Remove permission; for a granted one, Remove admin consent first).',
      'If update_device_attributes is missing: Add a permission > Intune > Application permissions > update_device_attributes > Add permissions.',
      'Click "Grant admin consent for <tenant>" as a Global Administrator; the status must read "Granted for <tenant>".',
      'Or with Graph: PATCH /v1.0/applications/{id} setting requiredResourceAccess to one entry: resourceAppId c161e42e-d4df-4a3d-9b42-e7a3c31f59d4 (Intune API) with resourceAccess id 7b3c62c0-bbe4-4ceb-971b-ecc50a191b3e, type Role (update_device_attributes); then DELETE /v1.0/servicePrincipals/{id}/appRoleAssignments/{assignmentId} for each extra grant.',
      'If the app was not found: in Intune admin center > Tenant administration > Connectors and tokens > Partner device management, set the Jamf App ID to the Application (client) ID of the Jamf Pro app registration, the same one entered in Jamf Pro > Settings > Global > Conditional Access.',
      'Cloud Connector: do not edit its permissions; remove the extra grants in Entra admin center > Applications > Enterprise applications > the Cloud Connector > Permissions, or reconnect the Cloud Connector from Jamf Pro.',
    ],
    it: [
      "Aprire l'interfaccia di amministrazione di Microsoft Entra > Applicazioni > Registrazioni app > Tutte le applicazioni > l'app Jamf Pro (appId nel risultato) > Autorizzazioni API.",
      'Rimuovere ogni autorizzazione diversa da Intune > update_device_attributes (menu "..." > Rimuovi autorizzazione; per una già concessa, prima Rimuovi consenso amministratore).',
      "Se update_device_attributes manca: Aggiungi un'autorizzazione > Intune > Autorizzazioni applicazione > update_device_attributes > Aggiungi autorizzazioni.",
      'Fare clic su "Concedi consenso amministratore per <tenant>" come Amministratore globale; lo stato deve indicare "Concesso per <tenant>".',
      'Oppure con Graph: PATCH /v1.0/applications/{id} impostando requiredResourceAccess a una sola voce: resourceAppId c161e42e-d4df-4a3d-9b42-e7a3c31f59d4 (Intune API) con resourceAccess id 7b3c62c0-bbe4-4ceb-971b-ecc50a191b3e, type Role (update_device_attributes); poi DELETE /v1.0/servicePrincipals/{id}/appRoleAssignments/{assignmentId} per ogni concessione in più.',
      "Se l'app non è stata trovata: nell'interfaccia di amministrazione di Microsoft Intune > Amministrazione tenant > Connettori e token > Gestione dei dispositivi partner, impostare come ID app Jamf l'ID applicazione (client) della registrazione dell'app Jamf Pro, lo stesso inserito in Jamf Pro > Settings > Global > Conditional Access.",
      'Cloud Connector: non modificarne le autorizzazioni; rimuovere le concessioni in più in Interfaccia di amministrazione di Microsoft Entra > Applicazioni > Applicazioni aziendali > il Cloud Connector > Autorizzazioni, oppure ricollegare il Cloud Connector da Jamf Pro.',
    ],
  },
  sources: [
    'article: devices fail to register, cause 1',
    'article: could not retrieve the access token for Microsoft Graph API (the app received more than one permission)',
    'Microsoft Learn: conditional-access-integrate-jamf (create an application in Microsoft Entra ID)',
    'Microsoft Learn: conditional-access-jamf-cloud-connector',
  ],
  symptoms: [
    'Could not retrieve the access token for Microsoft Graph API. Check the configuration for Microsoft Intune Integration.',
  ],
  messages: {
    'missing-required': msg<{ app: string; appId: string }>({
      en: (d) =>
        `The Jamf Pro app "${d.app}" (${d.appId}) does not request Intune API update_device_attributes as an application permission, the one permission Jamf Pro needs`,
      it: (d) =>
        `L'app Jamf Pro "${d.app}" (${d.appId}) non richiede Intune API update_device_attributes come autorizzazione applicazione, l'unica autorizzazione di cui Jamf Pro ha bisogno`,
    }),
    'extra-permissions': msg<{ app: string; appId: string; extras: string[]; cloudConnector: boolean }>({
      en: (d) =>
        d.cloudConnector
          ? `The Jamf Cloud Connector "${d.app}" (${d.appId}) has been granted permissions beyond Microsoft Graph Directory.Read.All and Intune API update_device_attributes: ${d.extras.join(', ')}`
          : `The Jamf Pro app "${d.app}" (${d.appId}) requests permissions besides Intune API update_device_attributes: ${d.extras.join(', ')}`,
      it: (d) =>
        d.cloudConnector
          ? `Al Cloud Connector Jamf "${d.app}" (${d.appId}) sono state concesse autorizzazioni oltre a Microsoft Graph Directory.Read.All e Intune API update_device_attributes: ${d.extras.join(', ')}`
          : `L'app Jamf Pro "${d.app}" (${d.appId}) richiede autorizzazioni oltre a Intune API update_device_attributes: ${d.extras
              .map((x) => x.replace(/ \(delegated\)$/, ' (delegata)'))
              .join(', ')}`,
    }),
    'documented-extras': msg<{ app: string; appId: string; extras: string[] }>({
      severity: 'info',
      en: (d) =>
        `The Jamf Pro app "${d.app}" (${d.appId}) also requests ${d.extras.join(' and ')}: Microsoft's manual-integration guide adds them, while the troubleshooting article asks for update_device_attributes only; remove them if Jamf Pro cannot get its Graph token`,
      it: (d) =>
        `L'app Jamf Pro "${d.app}" (${d.appId}) richiede anche ${d.extras.join(' e ')}: la guida di Microsoft per l'integrazione manuale le aggiunge, mentre l'articolo di risoluzione dei problemi chiede solo update_device_attributes; rimuoverle se Jamf Pro non ottiene il token di Graph`,
    }),
    'app-not-found': msg<{ partner: string; appId: string }>({
      en: (d) =>
        `The Jamf connector "${d.partner}" names the app ${d.appId} (singleTenantAppId), but no app registration in the tenant has that appId`,
      it: (d) =>
        `Il connettore Jamf "${d.partner}" indica l'app ${d.appId} (singleTenantAppId), ma nessuna registrazione di app nel tenant ha quell'appId`,
    }),
  },
  run(fleet, ctx) {
    const found = findJamfProApp(fleet);
    if (found.kind === 'none') {
      ctx.unknown(found.reason);
      return;
    }
    if (found.kind === 'not-found') {
      ctx.report({
        messageId: 'app-not-found',
        data: { partner: found.partner.displayName ?? 'Jamf', appId: found.appId },
        subjects: [subject.partner(found.partner)],
        evidence: [
          {
            source: DATASETS.legacyPartners.id,
            record: found.partner.id,
            fields: { displayName: found.partner.displayName, singleTenantAppId: found.appId },
          },
          { source: DATASETS.applications.id, fields: { 'appId (searched)': found.appId, matches: 0 } },
        ],
      });
      return;
    }
    if (found.kind === 'cloud-connector') {
      const sp = found.sp;
      if (!sp) {
        ctx.unknown(
          found.appId
            ? `Cloud Connector: no service principal has appId ${found.appId}`
            : 'Cloud Connector: no service principal named like "Jamf ... Cloud Connector"',
        );
        return;
      }
      if (sp.appRoleAssignmentsStatus !== 'complete' || !sp.appRoleAssignments) {
        ctx.unknown(
          `appRoleAssignments of ${sp.displayName ?? sp.id} were not collected`,
          subject.servicePrincipal(sp),
        );
        return;
      }
      checkCloudConnector(fleet, sp, (extras) =>
        ctx.report({
          messageId: 'extra-permissions',
          data: { app: sp.displayName ?? 'Jamf Cloud Connector', appId: sp.appId, extras, cloudConnector: true },
          subjects: [subject.servicePrincipal(sp)],
          evidence: [evidence.grants(sp)],
        }),
      );
      return;
    }

    const app = found.app;
    const name = app.displayName ?? app.appId;
    const entries = app.requiredResourceAccess.flatMap((r) =>
      r.resourceAccess.map((a) => ({ resourceAppId: r.resourceAppId, id: a.id, type: a.type })),
    );
    const isRequired = (e: (typeof entries)[number]) =>
      eq(e.resourceAppId, IDS.intuneApiApp) && eq(e.id, IDS.updateDeviceAttributes) && e.type === 'Role';
    const isDocumented = (e: (typeof entries)[number]) =>
      e.type === 'Role' && DOCUMENTED.some((x) => eq(e.resourceAppId, x.resource) && eq(e.id, x.role));
    const extras = entries.filter((e) => !isRequired(e) && !isDocumented(e));
    const documented = entries.filter(isDocumented);
    const ev = [appEvidence(app)];
    let failed = false;
    if (!entries.some(isRequired)) {
      failed = true;
      ctx.report({
        messageId: 'missing-required',
        data: { app: name, appId: app.appId },
        subjects: [subject.application(app)],
        evidence: ev,
      });
    }
    if (extras.length) {
      failed = true;
      ctx.report({
        messageId: 'extra-permissions',
        data: {
          app: name,
          appId: app.appId,
          extras: extras.map((e) => permissionName(fleet, e.resourceAppId, e.id, e.type)),
          cloudConnector: false,
        },
        subjects: [subject.application(app)],
        evidence: ev,
      });
    }
    if (!failed && documented.length) {
      ctx.report({
        messageId: 'documented-extras',
        data: {
          app: name,
          appId: app.appId,
          extras: documented.map((e) => permissionName(fleet, e.resourceAppId, e.id, e.type)),
        },
        subjects: [subject.application(app)],
        evidence: ev,
      });
    }
  },
});
