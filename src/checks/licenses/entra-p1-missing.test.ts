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
          userPrincipalName: 'ada@contoso.com',
          assignedPlans: [{ servicePlanId: INTUNE_A, capabilityStatus: 'Enabled' }],
        })
        .build(),
      findings: [
        {
          messageId: 'unlicensed',
          data: { user: 'ada@contoso.com', macs: ['LON-1'] },
          subjects: ['ada@contoso.com', 'C1'],
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
