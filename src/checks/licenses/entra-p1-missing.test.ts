import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './entra-p1-missing.js';

const P2 = 'eec0eb4f-6444-4f95-aba0-50c24d67f998';
const INTUNE_A = 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5';
const mac = {
  general: { name: 'LON-1' },
  hardware: { serialNumber: 'C1' },
  userAndLocation: { email: 'ada@contoso.com' },
};

testCheck(check, {
  valid: [
    {
      name: 'P2 satisfies P1',
      fleet: fleet()
        .jamf(mac)
        .user({
          userPrincipalName: 'ada@contoso.com',
          assignedPlans: [{ servicePlanId: P2, capabilityStatus: 'Enabled' }],
        })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'only Intune, no Entra ID P1',
      fleet: fleet()
        .jamf(mac)
        .user({
          id: 'ada',
          userPrincipalName: 'ada@contoso.com',
          assignedPlans: [{ servicePlanId: INTUNE_A, capabilityStatus: 'Enabled' }],
        })
        .build(),
      findings: [
        {
          messageId: 'unlicensed',
          data: { user: 'ada@contoso.com', macs: ['LON-1'] },
          subjects: ['ada@contoso.com', 'C1'],
          text: {
            en: 'ada@contoso.com has no enabled Entra ID P1 or P2 service plan; Macs: LON-1',
            it: 'ada@contoso.com non ha un piano di servizio Entra ID P1 o P2 abilitato; Mac: LON-1',
          },
          evidence: [
            {
              source: 'graph/v1.0/users',
              record: 'ada',
              fields: {
                userPrincipalName: 'ada@contoso.com',
                'assignedPlans[capabilityStatus=Enabled].servicePlanId': [INTUNE_A],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'a user of six Macs, one of them without a name',
      fleet: fleet()
        .jamf({ ...mac, hardware: { serialNumber: 'C1' } })
        .jamf({ ...mac, general: { name: 'LON-2' }, hardware: { serialNumber: 'C2' } })
        .jamf({ ...mac, general: { name: 'LON-3' }, hardware: { serialNumber: 'C3' } })
        .jamf({ ...mac, general: { name: 'LON-4' }, hardware: { serialNumber: 'C4' } })
        .jamf({ ...mac, general: { name: 'LON-5' }, hardware: { serialNumber: 'C5' } })
        .jamf({ ...mac, general: { name: null }, hardware: { serialNumber: 'C6' } })
        .user({ userPrincipalName: 'ada@contoso.com' })
        .build(),
      findings: [
        {
          messageId: 'unlicensed',
          data: { user: 'ada@contoso.com', macs: ['LON-1', 'LON-2', 'LON-3', 'LON-4', 'LON-5', 'C6'] },
          text: {
            en: 'ada@contoso.com has no enabled Entra ID P1 or P2 service plan; Macs: LON-1, LON-2, LON-3, LON-4, LON-5 (+1)',
            it: 'ada@contoso.com non ha un piano di servizio Entra ID P1 o P2 abilitato; Mac: LON-1, LON-2, LON-3, LON-4, LON-5 (+1)',
          },
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'users only partly collected',
      fleet: fleet().jamf(mac).status('graph/v1.0/users', 'partial', { expected: 10, records: 5 }).build(),
      reason: { kind: 'partial', detail: '5 of 10 records collected' },
    },
  ],
});
