import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { IDS } from '../util.js';
import check from './registration-app-not-excluded.js';

const TENANT_APP = '11111111-2222-4333-8444-555555555555';
// The registration app's appIds as Jamf's migration script checks them in microsoftCANativeClientAppId:
// https://github.com/benwhitis/Jamf_Conditional_Access/blob/main/DeviceComplianceMigrator.sh
// (b03c10a8-… commercial, dcf07df3-… GCC High).
const GCC_HIGH_APP = 'dcf07df3-346f-4f0e-b803-c1f0ea0fb5ae';

const policy = (id: string, include: string[], exclude: string[], controls: string[], state = 'enabled') => ({
  id,
  displayName: `CA ${id}`,
  state,
  conditions: { applications: { includeApplications: include, excludeApplications: exclude } },
  grantControls: { operator: 'OR', builtInControls: controls },
});

testCheck(check, {
  valid: [
    {
      name: 'a Windows-only policy does not reach Macs',
      fleet: fleet()
        .compliancePartner()
        .conditionalAccess({
          ...policy('ca-win', ['All'], [], ['compliantDevice']),
          conditions: { applications: { includeApplications: ['All'] }, platforms: { includePlatforms: ['windows'] } },
        })
        .build(),
    },
    {
      name: 'a policy that excludes macOS',
      fleet: fleet()
        .compliancePartner()
        .conditionalAccess({
          ...policy('ca-x', ['All'], [], ['compliantDevice']),
          conditions: {
            applications: { includeApplications: ['All'] },
            platforms: { includePlatforms: ['all'], excludePlatforms: ['macOS'] },
          },
        })
        .build(),
    },
    {
      name: 'compliant device OR MFA: MFA satisfies it, registration is not blocked',
      fleet: fleet()
        .compliancePartner()
        .conditionalAccess(policy('ca-or', ['All'], [], ['mfa', 'compliantDevice']))
        .build(),
    },
    {
      name: 'the registration app excluded with its id in upper case',
      fleet: fleet()
        .compliancePartner()
        .conditionalAccess(
          policy('ca-1', ['All'], [IDS.deviceComplianceRegistrationApp.toUpperCase()], ['compliantDevice']),
        )
        .build(),
    },
    {
      name: 'the well-known registration app is excluded',
      fleet: fleet()
        .compliancePartner()
        .conditionalAccess(policy('ca-1', ['All'], [IDS.deviceComplianceRegistrationApp], ['compliantDevice']))
        .build(),
    },
    {
      name: 'the registration app found by name is excluded',
      fleet: fleet()
        .compliancePartner()
        .servicePrincipal({ appId: TENANT_APP, displayName: 'User registration app for Device Compliance' })
        .conditionalAccess(policy('ca-1', ['All'], [TENANT_APP.toUpperCase()], ['compliantDevice']))
        .build(),
    },
    {
      name: 'GCC High: the registration app, renamed, found by its appId and excluded',
      fleet: fleet()
        .compliancePartner()
        .servicePrincipal({ appId: GCC_HIGH_APP, displayName: 'Jamf registration (renamed)' })
        .conditionalAccess(policy('ca-1', ['All'], [GCC_HIGH_APP], ['compliantDevice']))
        .build(),
    },
    {
      name: 'no service principal read for the app: the GCC High appId excluded counts',
      fleet: fleet()
        .compliancePartner()
        .conditionalAccess(policy('ca-1', ['All'], [GCC_HIGH_APP.toUpperCase()], ['compliantDevice']))
        .build(),
    },
    {
      name: 'policies that cannot block registration',
      fleet: fleet()
        .compliancePartner()
        .conditionalAccess(policy('ca-off', ['All'], [], ['compliantDevice'], 'disabled'))
        .conditionalAccess(policy('ca-report', ['All'], [], ['compliantDevice'], 'enabledForReportingButNotEnforced'))
        .conditionalAccess(policy('ca-mfa', ['All'], [], ['mfa']))
        .conditionalAccess(policy('ca-one-app', ['00000002-0000-0ff1-ce00-000000000000'], [], ['compliantDevice']))
        .build(),
    },
    {
      name: 'MFA required with AND, no device control: nothing a Mac must register for',
      fleet: fleet()
        .compliancePartner()
        .conditionalAccess({
          ...policy('ca-mfa-and', ['All'], [], ['mfa']),
          grantControls: { operator: 'AND', builtInControls: ['mfa'] },
        })
        .build(),
    },
    {
      name: 'no grant operator reads as OR: MFA beside the compliant device still lets the user in',
      fleet: fleet()
        .compliancePartner()
        .conditionalAccess({
          ...policy('ca-no-op', ['All'], [], ['mfa', 'compliantDevice']),
          grantControls: { builtInControls: ['mfa', 'compliantDevice'] },
        })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'all resources named beside another app; the registration app found by appId has no name',
      fleet: fleet()
        .compliancePartner()
        .servicePrincipal({ appId: IDS.deviceComplianceRegistrationApp, displayName: null })
        .conditionalAccess(policy('ca-5', ['Office365', 'All'], [], ['compliantDevice']))
        .build(),
      findings: [
        {
          messageId: 'not-excluded',
          data: {
            policy: 'CA ca-5',
            controls: ['compliantDevice'],
            app: 'User registration app for Device Compliance',
            appId: IDS.deviceComplianceRegistrationApp,
          },
        },
      ],
    },
    {
      name: 'compliant device AND MFA on every platform',
      fleet: fleet()
        .compliancePartner()
        .conditionalAccess({
          ...policy('ca-and', ['All'], [], ['mfa', 'compliantDevice']),
          conditions: {
            applications: { includeApplications: ['All'] },
            platforms: { includePlatforms: ['macOS', 'iOS'] },
          },
          grantControls: { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] },
        })
        .build(),
      findings: [
        {
          messageId: 'not-excluded',
          subjects: ['ca-and'],
          data: {
            policy: 'CA ca-and',
            controls: ['compliantDevice'],
            app: 'User registration app for Device Compliance',
            appId: IDS.deviceComplianceRegistrationApp,
          },
        },
      ],
    },
    {
      name: 'compliant device for all cloud apps, nothing excluded',
      fleet: fleet()
        .compliancePartner()
        .conditionalAccess(policy('ca-1', ['All'], [], ['compliantDevice', 'domainJoinedDevice']))
        .build(),
      findings: [
        {
          messageId: 'not-excluded',
          data: {
            policy: 'CA ca-1',
            controls: ['compliantDevice', 'domainJoinedDevice'],
            app: 'User registration app for Device Compliance',
            appId: IDS.deviceComplianceRegistrationApp,
          },
          subjects: ['ca-1'],
          severity: 'high',
          text: {
            en: `The Conditional Access policy "CA ca-1" applies to all cloud apps and requires a compliant device (compliantDevice) or a Microsoft Entra hybrid joined device (domainJoinedDevice), but does not exclude "User registration app for Device Compliance" (${IDS.deviceComplianceRegistrationApp}): Macs cannot register`,
            it: `Il criterio di accesso condizionale "CA ca-1" si applica a tutte le app cloud e richiede un dispositivo conforme (compliantDevice) o un dispositivo aggiunto ibrido a Microsoft Entra (domainJoinedDevice), ma non esclude "User registration app for Device Compliance" (${IDS.deviceComplianceRegistrationApp}): i Mac non possono registrarsi`,
          },
          evidence: [
            {
              source: 'graph/v1.0/identity/conditionalAccess/policies',
              record: 'ca-1',
              fields: {
                displayName: 'CA ca-1',
                state: 'enabled',
                'conditions.applications.includeApplications': ['All'],
                'conditions.applications.excludeApplications': [],
                'conditions.platforms.includePlatforms': [],
                'grantControls.operator': 'OR',
                'grantControls.builtInControls': ['compliantDevice', 'domainJoinedDevice'],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'the registration app of this tenant is named differently from the well-known id',
      fleet: fleet()
        .compliancePartner()
        .servicePrincipal({ appId: TENANT_APP, displayName: 'User registration app for Device Compliance' })
        .conditionalAccess(policy('ca-1', ['All'], [IDS.deviceComplianceRegistrationApp], ['compliantDevice']))
        .conditionalAccess(policy('ca-2', ['All'], ['other-app'], ['compliantDevice', 'domainJoinedDevice']))
        .build(),
      findings: [
        {
          messageId: 'not-excluded',
          data: {
            policy: 'CA ca-1',
            controls: ['compliantDevice'],
            app: 'User registration app for Device Compliance',
            appId: TENANT_APP,
          },
          subjects: ['ca-1'],
        },
        {
          messageId: 'not-excluded',
          data: {
            policy: 'CA ca-2',
            controls: ['compliantDevice', 'domainJoinedDevice'],
            app: 'User registration app for Device Compliance',
            appId: TENANT_APP,
          },
          subjects: ['ca-2'],
        },
      ],
    },
    {
      name: 'GCC High tenant excludes the commercial appId (near miss): its own app is not excluded',
      fleet: fleet()
        .compliancePartner()
        .servicePrincipal({ appId: GCC_HIGH_APP, displayName: 'Jamf registration (renamed)' })
        .conditionalAccess(policy('ca-1', ['All'], [IDS.deviceComplianceRegistrationApp], ['compliantDevice']))
        .build(),
      findings: [
        {
          messageId: 'not-excluded',
          data: {
            policy: 'CA ca-1',
            controls: ['compliantDevice'],
            app: 'Jamf registration (renamed)',
            appId: GCC_HIGH_APP,
          },
          subjects: ['ca-1'],
        },
      ],
    },
    {
      name: 'the appId wins over a look-alike name: excluding the look-alike does not count',
      fleet: fleet()
        .compliancePartner()
        .servicePrincipal({ appId: TENANT_APP, displayName: 'User registration app for Device Compliance' })
        .servicePrincipal({ appId: IDS.deviceComplianceRegistrationApp, displayName: 'Registration (renamed)' })
        .conditionalAccess(policy('ca-1', ['All'], [TENANT_APP], ['compliantDevice']))
        .build(),
      findings: [
        {
          messageId: 'not-excluded',
          data: {
            policy: 'CA ca-1',
            controls: ['compliantDevice'],
            app: 'Registration (renamed)',
            appId: IDS.deviceComplianceRegistrationApp,
          },
          subjects: ['ca-1'],
        },
      ],
    },
    {
      name: 'hybrid-joined device required',
      fleet: fleet()
        .compliancePartner()
        .conditionalAccess(policy('ca-3', ['All'], [], ['domainJoinedDevice']))
        .build(),
      findings: [
        {
          messageId: 'not-excluded',
          subjects: ['ca-3'],
          text: {
            en: `The Conditional Access policy "CA ca-3" applies to all cloud apps and requires a Microsoft Entra hybrid joined device (domainJoinedDevice), but does not exclude "User registration app for Device Compliance" (${IDS.deviceComplianceRegistrationApp}): Macs cannot register`,
            it: `Il criterio di accesso condizionale "CA ca-3" si applica a tutte le app cloud e richiede un dispositivo aggiunto ibrido a Microsoft Entra (domainJoinedDevice), ma non esclude "User registration app for Device Compliance" (${IDS.deviceComplianceRegistrationApp}): i Mac non possono registrarsi`,
          },
        },
      ],
    },
    {
      name: 'an unnamed policy for "all" apps in lower case on all platforms, no grant operator; only the compliant device control',
      fleet: fleet()
        .compliancePartner()
        .conditionalAccess({
          id: 'ca-4',
          state: 'enabled',
          conditions: {
            applications: { includeApplications: ['all'], excludeApplications: ['Office365'] },
            platforms: { includePlatforms: ['all'], excludePlatforms: ['android'] },
          },
          grantControls: { builtInControls: ['compliantDevice'] },
        })
        .build(),
      findings: [
        {
          messageId: 'not-excluded',
          data: {
            policy: 'ca-4',
            controls: ['compliantDevice'],
            app: 'User registration app for Device Compliance',
            appId: IDS.deviceComplianceRegistrationApp,
          },
          text: {
            en: `The Conditional Access policy "ca-4" applies to all cloud apps and requires a compliant device (compliantDevice), but does not exclude "User registration app for Device Compliance" (${IDS.deviceComplianceRegistrationApp}): Macs cannot register`,
            it: `Il criterio di accesso condizionale "ca-4" si applica a tutte le app cloud e richiede un dispositivo conforme (compliantDevice), ma non esclude "User registration app for Device Compliance" (${IDS.deviceComplianceRegistrationApp}): i Mac non possono registrarsi`,
          },
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'Conditional Access forbidden',
      fleet: fleet()
        .compliancePartner()
        .status('graph/v1.0/identity/conditionalAccess/policies', 'forbidden', { needs: ['Policy.Read.All'] })
        .build(),
      reason: { kind: 'forbidden', needs: ['Policy.Read.All'] },
    },
    {
      name: 'Conditional Access not collected',
      fleet: fleet().compliancePartner().status('graph/v1.0/identity/conditionalAccess/policies', 'missing').build(),
      reason: { kind: 'not-collected' },
    },
    {
      name: 'service principals partial',
      fleet: fleet().compliancePartner().status('graph/v1.0/servicePrincipals', 'partial').build(),
      reason: { kind: 'partial' },
    },
  ],
  notApplicable: [
    {
      name: 'legacy mode',
      fleet: fleet()
        .legacyPartner()
        .conditionalAccess(policy('ca-1', ['All'], [], ['compliantDevice']))
        .build(),
    },
    { name: 'no integration at all', fleet: fleet().build() },
  ],
});
