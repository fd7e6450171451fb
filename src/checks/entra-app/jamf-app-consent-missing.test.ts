import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { IDS } from '../util.js';
import check from './jamf-app-consent-missing.js';

const APP_ID = '3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f';
const CC_ID = '5b1a9c2e-0d3f-4e6a-8b7c-1d2e3f4a5b6c';
const JAMF_TENANT = 'a0b1c2d3-0000-4000-8000-000000000001';
const USER_READ = 'e1fe6dd8-ba31-4d61-89e7-88639da4683d';

const jamfApp = (
  extra: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string }> }> = [],
) => ({
  id: 'obj-jamf-app',
  appId: APP_ID,
  displayName: 'Jamf Conditional Access',
  requiredResourceAccess: [
    { resourceAppId: IDS.intuneApiApp, resourceAccess: [{ id: IDS.updateDeviceAttributes, type: 'Role' }] },
    ...extra,
  ],
});

const GRAPH_EXTRAS = [
  {
    resourceAppId: IDS.graphApp,
    resourceAccess: [
      { id: IDS.graphApplicationReadAll, type: 'Role' },
      { id: USER_READ, type: 'Scope' },
    ],
  },
];

const UDA_GRANT = { appRoleId: IDS.updateDeviceAttributes, resourceId: 'sp-intune' };
const GRAPH_READ_GRANT = { appRoleId: IDS.graphApplicationReadAll, resourceId: 'sp-graph' };

/** A manual legacy tenant: the partner, the Jamf app, the resource service principals. */
const tenant = () =>
  fleet()
    .legacyPartner({ singleTenantAppId: APP_ID })
    .servicePrincipal({ id: 'sp-intune', appId: IDS.intuneApiApp, displayName: 'Microsoft Intune API' })
    .servicePrincipal({ id: 'sp-graph', appId: IDS.graphApp, displayName: 'Microsoft Graph' });

const cloud = (grants: Array<{ appRoleId: string; resourceId: string }> | null) =>
  fleet()
    .legacyPartner({ partnerAppType: 'multiTenantApp', singleTenantAppId: CC_ID })
    .servicePrincipal({ id: 'sp-intune', appId: IDS.intuneApiApp, displayName: 'Microsoft Intune API' })
    .servicePrincipal({ id: 'sp-graph', appId: IDS.graphApp, displayName: 'Microsoft Graph' })
    .servicePrincipal(
      { id: 'sp-cc', appId: CC_ID, displayName: 'Jamf Pro Cloud Connector', appOwnerOrganizationId: JAMF_TENANT },
      grants,
    );

testCheck(check, {
  valid: [
    {
      name: 'update_device_attributes granted',
      fleet: tenant()
        .application(jamfApp())
        .servicePrincipal({ id: 'sp-jamf', appId: APP_ID, displayName: 'Jamf Conditional Access' }, [UDA_GRANT])
        .build(),
    },
    {
      name: 'every application permission granted; delegated ones are not app role grants',
      fleet: tenant()
        .application(jamfApp(GRAPH_EXTRAS))
        .servicePrincipal({ id: 'sp-jamf', appId: APP_ID }, [UDA_GRANT, GRAPH_READ_GRANT])
        .build(),
    },
    {
      name: 'the Azure AD Graph service principal was not collected but its role was granted',
      fleet: tenant()
        .application(
          jamfApp([
            { resourceAppId: IDS.aadGraphApp, resourceAccess: [{ id: IDS.aadGraphApplicationReadAll, type: 'Role' }] },
          ]),
        )
        .servicePrincipal({ id: 'sp-jamf', appId: APP_ID }, [
          UDA_GRANT,
          { appRoleId: IDS.aadGraphApplicationReadAll, resourceId: 'sp-aad-graph-not-collected' },
        ])
        .build(),
    },
    {
      name: 'Cloud Connector with both documented grants',
      fleet: cloud([UDA_GRANT, { appRoleId: IDS.graphDirectoryReadAll, resourceId: 'sp-graph' }]).build(),
    },
  ],
  invalid: [
    {
      name: 'no service principal: consent never given',
      fleet: tenant().application(jamfApp()).build(),
      findings: [
        {
          messageId: 'no-service-principal',
          data: { app: 'Jamf Conditional Access', appId: APP_ID },
          text: {
            en: `The Jamf Pro app "Jamf Conditional Access" (${APP_ID}) has no service principal in the tenant: admin consent was never granted`,
            it: `L'app Jamf Pro "Jamf Conditional Access" (${APP_ID}) non ha un'entità servizio nel tenant: il consenso amministratore non è mai stato concesso`,
          },
          subjects: [APP_ID],
          severity: 'high',
        },
      ],
    },
    {
      name: 'nothing granted',
      fleet: tenant().application(jamfApp()).servicePrincipal({ id: 'sp-jamf', appId: APP_ID }, []).build(),
      findings: [
        {
          messageId: 'not-granted',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            missing: ['Intune API update_device_attributes'],
          },
          subjects: [APP_ID],
        },
      ],
    },
    {
      name: 'the right role on the wrong resource does not count',
      fleet: tenant()
        .application(jamfApp(GRAPH_EXTRAS))
        .servicePrincipal({ id: 'sp-jamf', appId: APP_ID }, [
          { appRoleId: IDS.updateDeviceAttributes, resourceId: 'sp-graph' },
          GRAPH_READ_GRANT,
        ])
        .build(),
      findings: [
        {
          messageId: 'not-granted',
          data: { app: 'Jamf Conditional Access', appId: APP_ID, missing: ['Intune API update_device_attributes'] },
        },
      ],
    },
    {
      name: 'two permissions not granted',
      fleet: tenant().application(jamfApp(GRAPH_EXTRAS)).servicePrincipal({ id: 'sp-jamf', appId: APP_ID }, []).build(),
      findings: [
        {
          messageId: 'not-granted',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            missing: ['Intune API update_device_attributes', 'Microsoft Graph Application.Read.All'],
          },
          text: {
            en: `Admin consent is missing for 2 permissions of the Jamf Pro app "Jamf Conditional Access" (${APP_ID}): Intune API update_device_attributes, Microsoft Graph Application.Read.All`,
            it: `Manca il consenso amministratore per 2 autorizzazioni dell'app Jamf Pro "Jamf Conditional Access" (${APP_ID}): Intune API update_device_attributes, Microsoft Graph Application.Read.All`,
          },
        },
      ],
    },
    {
      name: 'one of two permissions not granted',
      fleet: tenant()
        .application(jamfApp(GRAPH_EXTRAS))
        .servicePrincipal({ id: 'sp-jamf', appId: APP_ID }, [UDA_GRANT])
        .build(),
      findings: [
        {
          messageId: 'not-granted',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            missing: ['Microsoft Graph Application.Read.All'],
          },
        },
      ],
    },
    {
      name: 'a missing grant fails even when another resource cannot be told',
      fleet: fleet()
        .legacyPartner({ singleTenantAppId: APP_ID })
        .servicePrincipal({ id: 'sp-intune', appId: IDS.intuneApiApp })
        .application(jamfApp(GRAPH_EXTRAS))
        .servicePrincipal({ id: 'sp-jamf', appId: APP_ID }, [])
        .build(),
      findings: [
        {
          messageId: 'not-granted',
          data: { app: 'Jamf Conditional Access', appId: APP_ID, missing: ['Intune API update_device_attributes'] },
        },
      ],
    },
    {
      name: 'Cloud Connector missing Directory.Read.All',
      fleet: cloud([UDA_GRANT]).build(),
      findings: [
        {
          messageId: 'not-granted',
          data: { app: 'Jamf Pro Cloud Connector', appId: CC_ID, missing: ['Microsoft Graph Directory.Read.All'] },
          text: {
            en: `Admin consent is missing for a permission of the Jamf Pro app "Jamf Pro Cloud Connector" (${CC_ID}): Microsoft Graph Directory.Read.All`,
            it: `Manca il consenso amministratore per un'autorizzazione dell'app Jamf Pro "Jamf Pro Cloud Connector" (${CC_ID}): Microsoft Graph Directory.Read.All`,
          },
          subjects: ['sp-cc'],
        },
      ],
    },
    {
      name: 'Cloud Connector named by the partner has no service principal',
      fleet: fleet()
        .legacyPartner({ id: 'dmp-jamf', partnerAppType: 'multiTenantApp', singleTenantAppId: CC_ID })
        .build(),
      findings: [
        {
          messageId: 'no-service-principal',
          data: { app: 'Jamf Cloud Connector', appId: CC_ID },
          text: {
            en: `The Jamf Pro app "Jamf Cloud Connector" (${CC_ID}) has no service principal in the tenant: admin consent was never granted`,
            it: `L'app Jamf Pro "Jamf Cloud Connector" (${CC_ID}) non ha un'entità servizio nel tenant: il consenso amministratore non è mai stato concesso`,
          },
          subjects: ['dmp-jamf'],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'grants of the Jamf service principal not collected',
      fleet: tenant().application(jamfApp()).servicePrincipal({ id: 'sp-jamf', appId: APP_ID }, null).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'the resource service principal is not in the data',
      fleet: fleet()
        .legacyPartner({ singleTenantAppId: APP_ID })
        .application(jamfApp())
        .servicePrincipal({ id: 'sp-jamf', appId: APP_ID }, [])
        .build(),
      reason: {
        kind: 'incomplete-data',
        detail:
          'the service principal of Intune API was not collected: cannot tell whether Intune API update_device_attributes was granted',
      },
    },
    {
      name: 'the app named by the partner does not exist',
      fleet: fleet().legacyPartner({ singleTenantAppId: 'deadbeef-0000-4000-8000-000000000000' }).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'no Jamf Pro app can be identified',
      fleet: fleet().legacyPartner().build(),
      reason: { kind: 'incomplete-data', detail: 'no Jamf Pro app registration could be identified' },
    },
    {
      name: 'service principals forbidden',
      fleet: tenant()
        .application(jamfApp())
        .status('graph/v1.0/servicePrincipals', 'forbidden', { needs: ['Application.Read.All'] })
        .build(),
      reason: { kind: 'forbidden', needs: ['Application.Read.All'] },
    },
    {
      name: 'applications partial',
      fleet: tenant().status('graph/v1.0/applications', 'partial').build(),
      reason: { kind: 'partial' },
    },
  ],
  notApplicable: [
    { name: 'device-compliance mode', fleet: fleet().compliancePartner().application(jamfApp()).build() },
    { name: 'no integration at all', fleet: fleet().application(jamfApp()).build() },
  ],
});
