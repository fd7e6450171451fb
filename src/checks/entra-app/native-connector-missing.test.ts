import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './native-connector-missing.js';

const NATIVE = { displayName: 'Jamf Native macOS Connector', appOwnerOrganizationId: 'jamf-tenant' };

testCheck(check, {
  valid: [
    {
      name: 'the connector is there',
      fleet: fleet()
        .legacyPartner()
        .servicePrincipal({ appId: 'native-1', accountEnabled: true, ...NATIVE })
        .build(),
    },
    {
      name: 'name matched case-insensitively, accountEnabled not returned',
      fleet: fleet()
        .legacyPartner()
        .servicePrincipal({ appId: 'native-1', displayName: 'JAMF native MACOS connector' })
        .build(),
    },
    {
      name: 'one disabled copy next to an enabled one',
      fleet: fleet()
        .legacyPartner()
        .servicePrincipal({ appId: 'native-1', accountEnabled: false, ...NATIVE })
        .servicePrincipal({ appId: 'native-2', accountEnabled: true, ...NATIVE })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'no service principal at all',
      fleet: fleet().legacyPartner().build(),
      findings: [
        {
          messageId: 'missing',
          data: { jamfNamed: [] },
          subjects: ['tenant-1'],
          severity: 'high',
        },
      ],
    },
    {
      name: 'only the Jamf Pro app and others',
      fleet: fleet()
        .legacyPartner()
        .servicePrincipal({ appId: 'app-1', displayName: 'Jamf Conditional Access' })
        .servicePrincipal({ appId: 'graph', displayName: 'Microsoft Graph' })
        .build(),
      findings: [
        {
          messageId: 'missing',
          data: { jamfNamed: ['Jamf Conditional Access'] },
          subjects: ['tenant-1'],
        },
      ],
    },
    {
      name: 'the connector is disabled',
      fleet: fleet()
        .legacyPartner()
        .servicePrincipal({ id: 'sp-native', appId: 'native-1', accountEnabled: false, ...NATIVE })
        .build(),
      findings: [
        {
          messageId: 'disabled',
          data: { name: 'Jamf Native macOS Connector', appId: 'native-1' },
          subjects: ['sp-native'],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'service principals forbidden',
      fleet: fleet()
        .legacyPartner()
        .status('graph/v1.0/servicePrincipals', 'forbidden', { needs: ['Application.Read.All'] })
        .build(),
      reason: { kind: 'forbidden', needs: ['Application.Read.All'] },
    },
    {
      name: 'service principals partial',
      fleet: fleet()
        .legacyPartner()
        .status('graph/v1.0/servicePrincipals', 'partial', { records: 100, expected: 250 })
        .build(),
      reason: { kind: 'partial', detail: '100 of 250 records collected' },
    },
    {
      name: 'service principals not collected',
      fleet: fleet().legacyPartner().status('graph/v1.0/servicePrincipals', 'missing').build(),
      reason: { kind: 'not-collected' },
    },
  ],
  notApplicable: [
    { name: 'device-compliance mode', fleet: fleet().compliancePartner().build() },
    { name: 'no integration at all', fleet: fleet().build() },
  ],
});
