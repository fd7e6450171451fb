import { DATASETS } from '../../model/datasets.js';
import { isLegacyStopped, jamfLegacyPartners } from '../../model/mode.js';
import type { Application, IntuneDevice, ServicePrincipal } from '../../model/types.js';
import { defineCheck, msg } from '../define.js';
import { evidence, IDS, iso, list, NATIVE_CONNECTOR_NAME, subject } from '../util.js';

/** Leftover records named in a message, and given as evidence. */
const NAMED = 5;
const EVIDENCE = 20;

interface RecordsData {
  count: number;
  macs: string;
  lastSync: string;
  removal: string | null;
}

const sameId = (a: string | null | undefined, b: string | null | undefined): boolean =>
  a != null && b != null && a.toLowerCase() === b.toLowerCase();

const macName = (d: IntuneDevice): string =>
  d.deviceName && d.serialNumber ? `${d.deviceName} (${d.serialNumber})` : (d.deviceName ?? d.serialNumber ?? d.id);

/** The legacy Jamf Pro app registration: named by the stopped connector, or asking for Intune update_device_attributes. */
function legacyJamfApps(apps: readonly Application[], appIds: readonly string[]): Application[] {
  return apps.filter(
    (a) =>
      appIds.some((id) => sameId(id, a.appId)) ||
      a.requiredResourceAccess.some(
        (r) =>
          sameId(r.resourceAppId, IDS.intuneApiApp) &&
          r.resourceAccess.some((x) => sameId(x.id, IDS.updateDeviceAttributes) && x.type === 'Role'),
      ),
  );
}

export default defineCheck({
  id: 'connector/legacy-leftovers',
  severity: 'low',
  modes: ['device-compliance'],
  states: ['C', 'D'],
  requires: [DATASETS.legacyPartners.id, DATASETS.compliancePartners.id, DATASETS.managedDevices.id],
  title: {
    en: 'The legacy Jamf integration left Macs and apps behind after the migration',
    it: "L'integrazione Jamf legacy ha lasciato Mac e app dopo la migrazione",
  },
  cause: {
    en: 'The tenant moved from the legacy macOS Intune integration to Jamf Device Compliance. When the legacy connector is terminated, Intune keeps its Macs (managed by Jamf, no longer synced) until the date shown in Partner device management, about three months later, and the legacy Entra apps (the Jamf Pro app registration with the Intune permission update_device_attributes, the "Jamf Native macOS Connector" enterprise app) stay until someone deletes them. Device Compliance uses none of them: Jamf Macs do not appear in Intune at all, and they register through the "User registration app for Device Compliance". jidoctor leaves these records out of every other check.',
    it: 'Il tenant è passato dalla vecchia integrazione macOS con Intune a Jamf Device Compliance. Quando il connettore legacy viene terminato, Intune conserva i suoi Mac (gestiti da Jamf, non più sincronizzati) fino alla data indicata in Gestione dei dispositivi partner, circa tre mesi dopo, e le app Entra legacy (la registrazione dell\'app Jamf Pro con l\'autorizzazione Intune update_device_attributes, l\'app aziendale "Jamf Native macOS Connector") restano finché qualcuno non le elimina. Device Compliance non usa nessuno di questi: i Mac Jamf non compaiono affatto in Intune e si registrano tramite la "User registration app for Device Compliance". jidoctor esclude questi record da tutti gli altri controlli.',
  },
  resolution: {
    en: [
      'Before the removal date: nothing to do for the Macs; Intune removes the legacy connector’s records by itself on the date in the finding (Intune admin center > Tenant administration > Connectors and tokens > Partner device management shows it).',
      'After the removal date, or when no date is shown: delete the remaining records in Intune admin center > Devices > macOS (filter Managed by: Jamf), or with Microsoft Graph DELETE /v1.0/deviceManagement/managedDevices/{id}; the Entra device objects are still used by Device Compliance: do not delete them.',
      'Delete the legacy Jamf Pro app registration (Entra admin center > App registrations, the app with the Intune permission update_device_attributes) once no Jamf Pro instance uses the legacy integration; this also removes its credentials.',
      'Delete the "Jamf Native macOS Connector" enterprise app (Entra admin center > Enterprise applications) once every Mac registers through Device Compliance.',
    ],
    it: [
      'Prima della data di rimozione: nulla da fare per i Mac; Intune rimuove da solo i record del connettore legacy alla data indicata nel risultato (interfaccia di amministrazione di Intune > Amministrazione tenant > Connettori e token > Gestione dei dispositivi partner la mostra).',
      'Dopo la data di rimozione, o se nessuna data è indicata: eliminare i record rimasti in interfaccia di amministrazione di Intune > Dispositivi > macOS (filtro Gestito da: Jamf), oppure con Microsoft Graph DELETE /v1.0/deviceManagement/managedDevices/{id}; gli oggetti dispositivo di Entra sono ancora usati da Device Compliance: non eliminarli.',
      "Eliminare la registrazione dell'app Jamf Pro legacy (interfaccia di amministrazione di Entra > Registrazioni app, l'app con l'autorizzazione Intune update_device_attributes) quando nessuna istanza di Jamf Pro usa più l'integrazione legacy; così vengono rimosse anche le sue credenziali.",
      'Eliminare l\'app aziendale "Jamf Native macOS Connector" (interfaccia di amministrazione di Entra > Applicazioni aziendali) quando tutti i Mac si registrano tramite Device Compliance.',
    ],
  },
  sources: [
    'Microsoft Learn: Disconnect Jamf Pro and Intune (conditional-access-integrate-jamf): devices removed after three months / in 90 days',
    'Microsoft Learn: Integrate Jamf Pro with Intune to report device compliance to Entra ID (jamf-entra-id): Jamf devices do not show in Intune',
    'Microsoft Graph: deviceManagementPartner (whenPartnerDevicesWillBeRemovedDateTime)',
  ],
  messages: {
    draining: msg<RecordsData>({
      severity: 'info',
      en: (d) =>
        `${d.count} Intune ${d.count === 1 ? 'record' : 'records'} of the terminated legacy Jamf connector ${d.count === 1 ? 'remains' : 'remain'} (${d.macs}; last sync ${d.lastSync}); Intune removes ${d.count === 1 ? 'it' : 'them'} by itself on ${d.removal ?? 'the date in Partner device management'}: nothing to do`,
      it: (d) =>
        `${d.count === 1 ? 'Resta 1 record' : `Restano ${d.count} record`} Intune del connettore Jamf legacy terminato (${d.macs}; ultima sincronizzazione ${d.lastSync}); Intune ${d.count === 1 ? 'lo rimuove' : 'li rimuove'} da solo il ${d.removal ?? 'giorno indicato in Gestione dei dispositivi partner'}: nulla da fare`,
    }),
    remaining: msg<RecordsData>({
      en: (d) =>
        `${d.count} Intune ${d.count === 1 ? 'record' : 'records'} of the stopped legacy Jamf connector ${d.count === 1 ? 'remains' : 'remain'} (${d.macs}; last sync ${d.lastSync}) ${
          d.removal ? `although Intune's removal date ${d.removal} has passed` : 'and Intune reports no removal date'
        }: delete ${d.count === 1 ? 'it' : 'them'} in Intune (Devices > macOS, managed by Jamf)`,
      it: (d) =>
        `${d.count === 1 ? 'Resta 1 record' : `Restano ${d.count} record`} Intune del connettore Jamf legacy fermato (${d.macs}; ultima sincronizzazione ${d.lastSync}) ${
          d.removal
            ? `sebbene la data di rimozione di Intune, ${d.removal}, sia passata`
            : 'e Intune non indica una data di rimozione'
        }: ${d.count === 1 ? 'eliminarlo' : 'eliminarli'} in Intune (Dispositivi > macOS, gestiti da Jamf)`,
    }),
    app: msg<{ name: string; appId: string; liveCredentials: number }>({
      en: (d) =>
        `The legacy Jamf Pro app registration "${d.name}" (appId ${d.appId}) is still in Entra${
          d.liveCredentials > 0
            ? ` with ${d.liveCredentials} unexpired ${d.liveCredentials === 1 ? 'credential' : 'credentials'}`
            : ''
        }; Device Compliance does not use it: delete it`,
      it: (d) =>
        `La registrazione dell'app Jamf Pro legacy "${d.name}" (appId ${d.appId}) è ancora in Entra${
          d.liveCredentials > 0
            ? ` con ${d.liveCredentials} ${d.liveCredentials === 1 ? 'credenziale non scaduta' : 'credenziali non scadute'}`
            : ''
        }; Device Compliance non la usa: eliminarla`,
    }),
    nativeConnector: msg<{ name: string; appId: string }>({
      en: (d) =>
        `The legacy enterprise app "${d.name}" (appId ${d.appId}) is still in Entra; Macs register through the User registration app for Device Compliance instead: delete it`,
      it: (d) =>
        `L'app aziendale legacy "${d.name}" (appId ${d.appId}) è ancora in Entra; i Mac si registrano invece tramite la User registration app for Device Compliance: eliminarla`,
    }),
  },
  run(fleet, ctx) {
    const stopped = jamfLegacyPartners(fleet.legacyPartners).filter(isLegacyStopped);
    const removal = fleet.mode.legacyRemoval ?? null;
    const draining = removal !== null && removal > ctx.now;

    const left = fleet.legacyLeftovers;
    if (left.length > 0) {
      let newest: number | null = null;
      for (const d of left)
        if (d.lastSyncDateTime != null && (newest === null || d.lastSyncDateTime > newest)) newest = d.lastSyncDateTime;
      const data: RecordsData = {
        count: left.length,
        macs: list(left.map(macName), NAMED),
        lastSync: iso(newest),
        removal: removal === null ? null : iso(removal),
      };
      ctx.report({
        messageId: draining ? 'draining' : 'remaining',
        data,
        subjects: [subject.tenant(fleet)],
        evidence: [
          ...stopped.map((p) =>
            evidence.legacyPartner(p, [
              'displayName',
              'partnerState',
              'lastHeartbeatDateTime',
              'whenPartnerDevicesWillBeRemovedDateTime',
            ]),
          ),
          ...left
            .slice(0, EVIDENCE)
            .map((d) =>
              evidence.intune(d, [
                'deviceName',
                'serialNumber',
                'managementAgent',
                'complianceState',
                'lastSyncDateTime',
              ]),
            ),
        ],
      });
    }

    if (fleet.datasets.get(DATASETS.applications.id)?.status !== 'complete') {
      ctx.unknown('app registrations were not collected completely: the legacy Jamf Pro app was not looked for');
    } else {
      const appIds = stopped.map((p) => p.singleTenantAppId).filter((x): x is string => x != null);
      for (const app of legacyJamfApps(fleet.applications, appIds)) {
        const liveCredentials = app.credentials.filter((c) => c.endDateTime == null || c.endDateTime > ctx.now).length;
        ctx.report({
          messageId: 'app',
          data: { name: app.displayName ?? app.appId, appId: app.appId, liveCredentials },
          subjects: [subject.application(app)],
          evidence: [
            evidence.record(DATASETS.applications.id, app.id, {
              appId: app.appId,
              displayName: app.displayName,
              'requiredResourceAccess[].resourceAppId': app.requiredResourceAccess.map((r) => r.resourceAppId),
              'credentials[].endDateTime': app.credentials.map((c) => iso(c.endDateTime)),
            }),
          ],
        });
      }
    }
    if (fleet.datasets.get(DATASETS.servicePrincipals.id)?.status !== 'complete') {
      ctx.unknown('enterprise apps were not collected completely: the Jamf Native macOS Connector was not looked for');
    } else {
      for (const sp of fleet.servicePrincipals.filter((s: ServicePrincipal) =>
        NATIVE_CONNECTOR_NAME.test(s.displayName ?? ''),
      )) {
        ctx.report({
          messageId: 'nativeConnector',
          data: { name: sp.displayName ?? sp.appId, appId: sp.appId },
          subjects: [subject.servicePrincipal(sp)],
          evidence: [
            evidence.record(DATASETS.servicePrincipals.id, sp.id, {
              appId: sp.appId,
              displayName: sp.displayName,
              accountEnabled: sp.accountEnabled,
            }),
          ],
        });
      }
    }
  },
});
