import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './enrolled-outside-jamf.js';

const jamfMac = { general: { name: 'LON-MBP-0417' }, hardware: { serialNumber: 'C02XK1ABCD12' } };

testCheck(check, {
  valid: [
    {
      name: 'the Intune record comes from Jamf',
      fleet: fleet()
        .legacyPartner()
        .jamf(jamfMac)
        .intune({ serialNumber: 'C02XK1ABCD12', managementAgent: 'jamf' })
        .build(),
    },
    {
      name: 'an Intune-enrolled Mac that Jamf does not manage is fine',
      fleet: fleet().legacyPartner().intune({ serialNumber: 'C9', managementAgent: 'mdm' }).build(),
    },
  ],
  invalid: [
    {
      name: 'a Jamf Mac with an MDM record beside its Jamf record',
      fleet: fleet()
        .legacyPartner()
        .jamf(jamfMac)
        .intune({ serialNumber: 'C02XK1ABCD12', managementAgent: 'jamf' })
        .intune({ id: 'direct', serialNumber: 'c02xk1abcd12', managementAgent: 'mdm' })
        .build(),
      findings: [
        {
          messageId: 'directEnrolment',
          data: { name: 'LON-MBP-0417', serial: 'C02XK1ABCD12', agent: 'mdm', record: 'direct' },
          subjects: ['C02XK1ABCD12'],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'Jamf inventory missing',
      fleet: fleet().legacyPartner().status('jamf/computers-inventory', 'missing').build(),
      reason: { kind: 'not-collected' },
    },
  ],
  notApplicable: [{ name: 'no integration configured', fleet: fleet().build() }],
});
