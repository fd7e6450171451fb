import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { IDS } from '../util.js';
import check from './jamf-app-permissions.js';

const APP_ID = '3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f';
const CC_ID = '5b1a9c2e-0d3f-4e6a-8b7c-1d2e3f4a5b6c';
const JAMF_TENANT = 'a0b1c2d3-0000-4000-8000-00000000jamf';
const USER_READ = 'e1fe6dd8-ba31-4d61-89e7-88639da4683d';
const GET_DEVICE_COMPLIANCE = '7ec88bad-30c7-4928-a005-4455362cfd98';
const GRAPH_APP_RW_ALL = '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9';

type Perm = [resourceAppId: string, id: string, type: string];
const UDA: Perm = [IDS.intuneApiApp, IDS.updateDeviceAttributes, 'Role'];
const GRAPH_APP_READ: Perm = [IDS.graphApp, IDS.graphApplicationReadAll, 'Role'];
const AAD_APP_READ: Perm = [IDS.aadGraphApp, IDS.aadGraphApplicationReadAll, 'Role'];

/** requiredResourceAccess in the wire shape, grouped by resource. */
function rra(...perms: Perm[]) {
  const by = new Map<string, Array<{ id: string; type: string }>>();
  for (const [res, id, type] of perms) by.set(res, [...(by.get(res) ?? []), { id, type }]);
  return [...by].map(([resourceAppId, resourceAccess]) => ({ resourceAppId, resourceAccess }));
}

const jamfApp = (...perms: Perm[]) => ({
  id: 'obj-jamf-app',
  appId: APP_ID,
  displayName: 'Jamf Conditional Access',
  requiredResourceAccess: rra(...perms),
});

/** A legacy tenant whose partner names the Jamf Pro app. */
const manual = () => fleet().legacyPartner({ singleTenantAppId: APP_ID });

/** The resource service principals and a Cloud Connector holding the given grants. */
const cloud = (grants: Array<{ appRoleId: string; resourceId: string }>, partner: Record<string, unknown> = {}) =>
  fleet()
    .legacyPartner({ partnerAppType: 'multiTenantApp', singleTenantAppId: CC_ID, ...partner })
    .servicePrincipal({
      id: 'sp-graph',
      appId: IDS.graphApp,
      displayName: 'Microsoft Graph',
      appRoles: [{ id: GRAPH_APP_RW_ALL, value: 'Application.ReadWrite.All' }],
    })
    .servicePrincipal({ id: 'sp-intune', appId: IDS.intuneApiApp, displayName: 'Microsoft Intune API' })
    .servicePrincipal(
      { id: 'sp-cc', appId: CC_ID, displayName: 'Jamf Pro Cloud Connector', appOwnerOrganizationId: JAMF_TENANT },
      grants,
    );

const CC_OK = [
  { appRoleId: IDS.graphDirectoryReadAll, resourceId: 'sp-graph' },
  { appRoleId: IDS.updateDeviceAttributes, resourceId: 'sp-intune' },
];

testCheck(check, {
  valid: [
    { name: 'exactly update_device_attributes', fleet: manual().application(jamfApp(UDA)).build() },
    {
      name: 'found by name when the partner names no app; the Native macOS Connector is not the Jamf Pro app',
      fleet: fleet()
        .legacyPartner()
        .application(jamfApp(UDA))
        .application({ appId: 'native-1', displayName: 'Jamf Native macOS Connector' })
        .application({ appId: 'other-1', displayName: 'Contoso HR' })
        .build(),
    },
    {
      name: 'the extras of Microsoft’s manual-integration guide are a note',
      fleet: manual()
        .application(jamfApp(UDA, GRAPH_APP_READ, AAD_APP_READ))
        .build(),
      notes: [
        {
          messageId: 'documented-extras',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            extras: ['Microsoft Graph Application.Read.All', 'Azure AD Graph Application.Read.All'],
          },
          text: {
            en: `The Jamf Pro app "Jamf Conditional Access" (${APP_ID}) also requests Microsoft Graph Application.Read.All and Azure AD Graph Application.Read.All: Microsoft's manual-integration guide adds them, while the troubleshooting article asks for update_device_attributes only; remove them if Jamf Pro cannot get its Graph token`,
            it: `L'app Jamf Pro "Jamf Conditional Access" (${APP_ID}) richiede anche Microsoft Graph Application.Read.All e Azure AD Graph Application.Read.All: la guida di Microsoft per l'integrazione manuale le aggiunge, mentre l'articolo di risoluzione dei problemi chiede solo update_device_attributes; rimuoverle se Jamf Pro non ottiene il token di Graph`,
          },
          subjects: [APP_ID],
          severity: 'info',
        },
      ],
    },
    { name: 'Cloud Connector with its documented grants', fleet: cloud(CC_OK).build() },
    {
      name: 'a partner that names a service principal of another organisation is a Cloud Connector',
      fleet: cloud(CC_OK, { partnerAppType: 'singleTenantApp' }).build(),
    },
    {
      name: 'Cloud Connector found by name when the partner names no app id',
      fleet: cloud(CC_OK, { singleTenantAppId: null }).build(),
    },
  ],
  invalid: [
    {
      name: 'the default Microsoft Graph User.Read was not removed',
      fleet: manual()
        .application(jamfApp(UDA, [IDS.graphApp, USER_READ, 'Scope']))
        .build(),
      findings: [
        {
          messageId: 'extra-permissions',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            extras: ['Microsoft Graph User.Read (delegated)'],
            cloudConnector: false,
          },
          text: {
            en: `The Jamf Pro app "Jamf Conditional Access" (${APP_ID}) requests permissions besides Intune API update_device_attributes: Microsoft Graph User.Read (delegated)`,
            it: `L'app Jamf Pro "Jamf Conditional Access" (${APP_ID}) richiede autorizzazioni oltre a Intune API update_device_attributes: Microsoft Graph User.Read (delegata)`,
          },
          subjects: [APP_ID],
          severity: 'high',
        },
      ],
    },
    {
      name: 'update_device_attributes missing and another permission instead',
      fleet: manual()
        .application(jamfApp([IDS.graphApp, IDS.graphDirectoryReadAll, 'Role'], GRAPH_APP_READ))
        .build(),
      findings: [
        {
          messageId: 'missing-required',
          data: { app: 'Jamf Conditional Access', appId: APP_ID },
          subjects: [APP_ID],
          text: {
            en: `The Jamf Pro app "Jamf Conditional Access" (${APP_ID}) does not request Intune API update_device_attributes as an application permission, the one permission Jamf Pro needs`,
            it: `L'app Jamf Pro "Jamf Conditional Access" (${APP_ID}) non richiede Intune API update_device_attributes come autorizzazione applicazione, l'unica autorizzazione di cui Jamf Pro ha bisogno`,
          },
        },
        {
          messageId: 'extra-permissions',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            extras: ['Microsoft Graph Directory.Read.All'],
            cloudConnector: false,
          },
          subjects: [APP_ID],
        },
      ],
    },
    {
      name: 'update_device_attributes asked as a delegated permission is not the application permission',
      fleet: manual()
        .application(jamfApp([IDS.intuneApiApp, IDS.updateDeviceAttributes, 'Scope']))
        .build(),
      findings: [
        { messageId: 'missing-required', subjects: [APP_ID] },
        {
          messageId: 'extra-permissions',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            extras: [`Intune API ${IDS.updateDeviceAttributes} (delegated)`],
            cloudConnector: false,
          },
        },
      ],
    },
    {
      name: 'names from the resource service principal, else ids',
      fleet: manual()
        .application(jamfApp(UDA, [IDS.intuneApiApp, GET_DEVICE_COMPLIANCE, 'Role'], ['res-unknown', 'role-x', 'Role']))
        .servicePrincipal({
          appId: IDS.intuneApiApp,
          displayName: 'Microsoft Intune API',
          appRoles: [{ id: GET_DEVICE_COMPLIANCE, value: 'get_device_compliance' }],
        })
        .build(),
      findings: [
        {
          messageId: 'extra-permissions',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            extras: ['Intune API get_device_compliance', 'res-unknown/role-x'],
            cloudConnector: false,
          },
        },
      ],
    },
    {
      name: 'a documented extra asked as a delegated permission is not the documented one',
      fleet: manual()
        .application(jamfApp(UDA, [IDS.graphApp, IDS.graphApplicationReadAll, 'Scope']))
        .build(),
      findings: [
        {
          messageId: 'extra-permissions',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            extras: [`Microsoft Graph ${IDS.graphApplicationReadAll} (delegated)`],
            cloudConnector: false,
          },
        },
      ],
    },
    {
      name: 'no permission at all',
      fleet: manual().application(jamfApp()).build(),
      findings: [{ messageId: 'missing-required', subjects: [APP_ID] }],
    },
    {
      name: 'documented extras are not noted while the app is broken',
      fleet: manual().application(jamfApp(GRAPH_APP_READ)).build(),
      findings: [{ messageId: 'missing-required', subjects: [APP_ID] }],
    },
    {
      name: 'the partner names an app that does not exist',
      fleet: fleet()
        .legacyPartner({ id: 'dmp-jamf', singleTenantAppId: 'deadbeef-0000-4000-8000-000000000000' })
        .application(jamfApp(UDA))
        .build(),
      findings: [
        {
          messageId: 'app-not-found',
          data: { partner: 'Jamf', appId: 'deadbeef-0000-4000-8000-000000000000' },
          text: {
            en: `The Jamf connector "Jamf" names the app deadbeef-0000-4000-8000-000000000000 (singleTenantAppId), but no app registration in the tenant has that appId`,
            it: `Il connettore Jamf "Jamf" indica l'app deadbeef-0000-4000-8000-000000000000 (singleTenantAppId), ma nessuna registrazione di app nel tenant ha quell'appId`,
          },
          subjects: ['dmp-jamf'],
        },
      ],
    },
    {
      name: 'Cloud Connector granted more than its documented set',
      fleet: cloud([...CC_OK, { appRoleId: GRAPH_APP_RW_ALL, resourceId: 'sp-graph' }]).build(),
      findings: [
        {
          messageId: 'extra-permissions',
          data: {
            app: 'Jamf Pro Cloud Connector',
            appId: CC_ID,
            extras: ['Microsoft Graph Application.ReadWrite.All'],
            cloudConnector: true,
          },
          text: {
            en: `The Jamf Cloud Connector "Jamf Pro Cloud Connector" (${CC_ID}) has been granted permissions beyond Microsoft Graph Directory.Read.All and Intune API update_device_attributes: Microsoft Graph Application.ReadWrite.All`,
            it: `Al Cloud Connector Jamf "Jamf Pro Cloud Connector" (${CC_ID}) sono state concesse autorizzazioni oltre a Microsoft Graph Directory.Read.All e Intune API update_device_attributes: Microsoft Graph Application.ReadWrite.All`,
          },
          subjects: ['sp-cc'],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'applications forbidden',
      fleet: manual()
        .status('graph/v1.0/applications', 'forbidden', { needs: ['Application.Read.All'] })
        .build(),
      reason: { kind: 'forbidden', needs: ['Application.Read.All'] },
    },
    {
      name: 'service principals partial',
      fleet: manual().application(jamfApp(UDA)).status('graph/v1.0/servicePrincipals', 'partial').build(),
      reason: { kind: 'partial' },
    },
    {
      name: 'legacy partners not collected',
      fleet: fleet()
        .intune({ serialNumber: 'C02X1' })
        .application(jamfApp(UDA))
        .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'missing')
        .build(),
      reason: { kind: 'not-collected' },
    },
    {
      name: 'no app registration named like Jamf',
      fleet: fleet().legacyPartner().application({ appId: 'x', displayName: 'Contoso HR' }).build(),
      reason: { kind: 'incomplete-data', detail: 'no Jamf Pro app registration could be identified' },
    },
    {
      name: 'two app registrations named like Jamf and no app id on the partner',
      fleet: fleet()
        .legacyPartner()
        .application(jamfApp(UDA))
        .application({ appId: 'old-1', displayName: 'Jamf Pro (old)' })
        .build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'Cloud Connector whose grants were not collected',
      fleet: fleet()
        .legacyPartner({ partnerAppType: 'multiTenantApp', singleTenantAppId: CC_ID })
        .servicePrincipal({ appId: CC_ID, displayName: 'Jamf Pro Cloud Connector' }, null)
        .build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'Cloud Connector service principal not found',
      fleet: fleet().legacyPartner({ partnerAppType: 'multiTenantApp', singleTenantAppId: CC_ID }).build(),
      reason: { kind: 'incomplete-data' },
    },
  ],
  notApplicable: [
    { name: 'device-compliance mode', fleet: fleet().compliancePartner().application(jamfApp()).build() },
    { name: 'no integration at all', fleet: fleet().application(jamfApp()).build() },
  ],
});
