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
          text: {
            en: 'No service principal named "Jamf Native macOS Connector" exists in Entra',
            it: 'In Entra non esiste alcuna entità servizio di nome "Jamf Native macOS Connector"',
          },
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
          text: {
            en: 'No service principal named "Jamf Native macOS Connector" exists in Entra (Jamf service principals found: Jamf Conditional Access)',
            it: 'In Entra non esiste alcuna entità servizio di nome "Jamf Native macOS Connector" (entità servizio Jamf trovate: Jamf Conditional Access)',
          },
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
          text: {
            en: 'The "Jamf Native macOS Connector" service principal (appId native-1) is disabled (accountEnabled false): users cannot sign in to it',
            it: 'L\'entità servizio "Jamf Native macOS Connector" (appId native-1) è disabilitata (accountEnabled false): gli utenti non possono accedervi',
          },
          subjects: ['sp-native'],
          evidence: [
            {
              source: 'graph/v1.0/servicePrincipals',
              record: 'sp-native',
              fields: {
                appId: 'native-1',
                displayName: 'Jamf Native macOS Connector',
                accountEnabled: false,
                appOwnerOrganizationId: 'jamf-tenant',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'two disabled copies; Jamf service principals without a display name are named by their appId',
      fleet: fleet()
        .legacyPartner()
        .servicePrincipal({ id: 'a', appId: 'native-1', accountEnabled: false, ...NATIVE })
        .servicePrincipal({
          id: 'b',
          appId: 'native-2',
          accountEnabled: false,
          displayName: 'jamf native macos connector',
        })
        .build(),
      findings: [
        { messageId: 'disabled', data: { name: 'Jamf Native macOS Connector', appId: 'native-1' }, subjects: ['a'] },
        { messageId: 'disabled', data: { name: 'jamf native macos connector', appId: 'native-2' }, subjects: ['b'] },
      ],
    },
    {
      name: 'several Jamf service principals, none the connector',
      fleet: fleet()
        .legacyPartner()
        .servicePrincipal({ appId: 'a1', displayName: 'JAMF Pro' })
        .servicePrincipal({ appId: 'a2', displayName: 'Other' })
        .servicePrincipal({ appId: 'a3', displayName: 'Jamf Connect' })
        .build(),
      findings: [
        {
          messageId: 'missing',
          data: { jamfNamed: ['JAMF Pro', 'Jamf Connect'] },
          text: {
            en: 'No service principal named "Jamf Native macOS Connector" exists in Entra (Jamf service principals found: JAMF Pro, Jamf Connect)',
            it: 'In Entra non esiste alcuna entità servizio di nome "Jamf Native macOS Connector" (entità servizio Jamf trovate: JAMF Pro, Jamf Connect)',
          },
          evidence: [
            {
              source: 'graph/v1.0/servicePrincipals',
              fields: {
                'displayName (searched)': 'Jamf Native macOS Connector',
                matches: 0,
                jamfNamed: ['JAMF Pro', 'Jamf Connect'],
              },
            },
          ],
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
