import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './intune-missing.js';

const INTUNE_A = 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5';
const P1 = '41781fb2-bc02-4b7c-bd55-b576c07bb09d';
const mac = (serial: string, email: string) => ({
  general: { name: `MAC-${serial}` },
  hardware: { serialNumber: serial },
  userAndLocation: { email },
});

testCheck(check, {
  valid: [
    {
      name: 'the user has an enabled Intune plan (matched case-insensitively by UPN)',
      fleet: fleet()
        .jamf(mac('C1', 'Ada@Contoso.com'))
        .user({
          userPrincipalName: 'ada@contoso.com',
          assignedPlans: [{ servicePlanId: INTUNE_A.toUpperCase(), capabilityStatus: 'Enabled' }],
        })
        .build(),
    },
    {
      name: 'an unmanaged Jamf computer does not count',
      fleet: fleet()
        .jamf({ ...mac('C1', 'bob@contoso.com'), general: { name: 'x', remoteManagement: { managed: false } } })
        .user({ userPrincipalName: 'bob@contoso.com', assignedPlans: [] })
        .build(),
    },
    {
      name: 'a Mac with no user is not a licensing question',
      fleet: fleet()
        .jamf({ hardware: { serialNumber: 'C1' } })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'a suspended Intune plan does not count; the user is named with their Macs',
      fleet: fleet()
        .jamf(mac('C1', 'eve@contoso.com'))
        .jamf(mac('C2', 'eve@contoso.com'))
        .user({
          id: 'eve',
          userPrincipalName: 'eve@contoso.com',
          displayName: 'Eve',
          assignedPlans: [
            { servicePlanId: INTUNE_A, capabilityStatus: 'Suspended' },
            { servicePlanId: P1, capabilityStatus: 'Enabled' },
          ],
        })
        .build(),
      findings: [
        {
          messageId: 'unlicensed',
          data: { user: 'eve@contoso.com', macs: ['MAC-C1', 'MAC-C2'], disabled: false },
          subjects: ['eve@contoso.com', 'C1', 'C2'],
          text: {
            en: 'eve@contoso.com has no enabled Intune service plan; Macs: MAC-C1, MAC-C2',
            it: 'eve@contoso.com non ha un piano di servizio Intune abilitato; Mac: MAC-C1, MAC-C2',
          },
          evidence: [
            {
              source: 'graph/v1.0/users',
              record: 'eve',
              fields: {
                userPrincipalName: 'eve@contoso.com',
                accountEnabled: true,
                'assignedPlans[capabilityStatus=Enabled].servicePlanId': [P1],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'a user found through the Intune record and a disabled account',
      fleet: fleet()
        .jamf({ hardware: { serialNumber: 'C3' } })
        .intune({ serialNumber: 'C3', userPrincipalName: 'Zed@contoso.com' })
        .user({ userPrincipalName: 'zed@contoso.com', accountEnabled: false, assignedPlans: [] })
        .build(),
      findings: [
        {
          messageId: 'unlicensed',
          data: { user: 'zed@contoso.com', macs: ['Mac'], disabled: true },
          text: {
            en: 'zed@contoso.com has no enabled Intune service plan (the account is also disabled); Macs: Mac',
            it: "zed@contoso.com non ha un piano di servizio Intune abilitato (anche l'account è disabilitato); Mac: Mac",
          },
        },
      ],
    },
    {
      name: 'users in key order; users with the same plans judged alike; a licensed user left out',
      fleet: fleet()
        .jamf(mac('C1', 'zoe@contoso.com'))
        .jamf(mac('C2', 'amy@contoso.com'))
        .jamf(mac('C3', 'lic@contoso.com'))
        .jamf(mac('C4', 'lic2@contoso.com'))
        .user({
          userPrincipalName: 'zoe@contoso.com',
          assignedPlans: [{ servicePlanId: P1, capabilityStatus: 'Enabled' }],
        })
        .user({
          userPrincipalName: 'amy@contoso.com',
          assignedPlans: [{ servicePlanId: P1, capabilityStatus: 'Enabled' }],
        })
        .user({
          userPrincipalName: 'lic@contoso.com',
          assignedPlans: [{ servicePlanId: INTUNE_A, capabilityStatus: 'Enabled' }],
        })
        .user({
          userPrincipalName: 'lic2@contoso.com',
          assignedPlans: [{ servicePlanId: INTUNE_A, capabilityStatus: 'Enabled' }],
        })
        .build(),
      findings: [
        {
          messageId: 'unlicensed',
          data: { user: 'amy@contoso.com', macs: ['MAC-C2'], disabled: false },
          subjects: ['amy@contoso.com', 'C2'],
        },
        {
          messageId: 'unlicensed',
          data: { user: 'zoe@contoso.com', macs: ['MAC-C1'], disabled: false },
          subjects: ['zoe@contoso.com', 'C1'],
        },
      ],
    },
    {
      name: 'an unlicensed user beside one the directory did not return: the failure stands',
      fleet: fleet()
        .jamf(mac('C1', 'ghost@contoso.com'))
        .jamf(mac('C2', 'amy@contoso.com'))
        .user({ userPrincipalName: 'amy@contoso.com' })
        .build(),
      findings: [{ messageId: 'unlicensed', data: { user: 'amy@contoso.com', macs: ['MAC-C2'], disabled: false } }],
    },
  ],
  cannotCheck: [
    {
      name: 'users forbidden',
      fleet: fleet()
        .jamf(mac('C1', 'a@b.c'))
        .status('graph/v1.0/users', 'forbidden', { needs: ['User.Read.All'] })
        .build(),
      reason: { kind: 'forbidden', needs: ['User.Read.All'] },
    },
    {
      name: 'a user the directory did not return is unknown, not unlicensed',
      fleet: fleet().jamf(mac('C1', 'ghost@contoso.com')).build(),
      reason: {
        kind: 'incomplete-data',
        detail: 'ghost@contoso.com (user of MAC-C1) is not in graph/v1.0/users',
      },
    },
    {
      name: 'a user returned without assignedPlans: each of their Macs could not be checked (coverage counts Macs)',
      fleet: fleet()
        .jamf(mac('C1', 'amy@contoso.com'))
        .jamf(mac('C2', 'amy@contoso.com'))
        .user({ userPrincipalName: 'amy@contoso.com', assignedPlans: undefined })
        .build(),
      reason: {
        kind: 'incomplete-data',
        detail: 'graph/v1.0/users returned amy@contoso.com (user of MAC-C1) without assignedPlans (and 1 more)',
      },
    },
    {
      name: 'Jamf inventory not collected',
      fleet: fleet().status('jamf/computers-inventory', 'missing').build(),
      reason: { kind: 'not-collected', dataset: 'jamf/computers-inventory' },
    },
  ],
});
