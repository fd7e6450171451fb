import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './enrolled-outside-jamf.js';

// managementAgent values as Graph's managedDevice documents them (managementAgentType: mdm, jamf, …):
// https://learn.microsoft.com/graph/api/resources/intune-devices-manageddevice
const jamfMac = { general: { name: 'LON-MBP-0417' }, hardware: { serialNumber: 'C02XK1ABCD12' } };

testCheck(check, {
  valid: [
    {
      name: 'Device Compliance: the Jamf Mac is not in Intune at all',
      fleet: fleet()
        .compliancePartner()
        .jamf(jamfMac)
        .intune({ serialNumber: 'C02OTHER0001', managementAgent: 'mdm' })
        .build(),
    },
    {
      name: 'Device Compliance: an Intune-enrolled Mac that Jamf knows but does not manage (near miss)',
      fleet: fleet()
        .compliancePartner()
        .jamf({ ...jamfMac, general: { name: 'LON-MBP-0417', remoteManagement: { managed: false } } })
        .intune({ serialNumber: 'C02XK1ABCD12', managementAgent: 'mdm' })
        .build(),
    },
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
    {
      name: 'Device Compliance: a Jamf Mac also enrolled in Intune by Company Portal',
      fleet: fleet()
        .compliancePartner()
        .jamf(jamfMac)
        .intune({ id: 'direct', serialNumber: 'C02XK1ABCD12', managementAgent: 'mdm' })
        .build(),
      findings: [
        {
          messageId: 'directEnrolmentDc',
          data: { name: 'LON-MBP-0417', serial: 'C02XK1ABCD12', agent: 'mdm', record: 'direct' },
          subjects: ['C02XK1ABCD12'],
          severity: 'high',
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'Device Compliance: Intune devices forbidden',
      fleet: fleet()
        .compliancePartner()
        .status('graph/v1.0/deviceManagement/managedDevices', 'forbidden', {
          needs: ['DeviceManagementManagedDevices.Read.All'],
        })
        .build(),
      reason: { kind: 'forbidden' },
    },
    {
      name: 'Jamf inventory missing',
      fleet: fleet().legacyPartner().status('jamf/computers-inventory', 'missing').build(),
      reason: { kind: 'not-collected' },
    },
  ],
  notApplicable: [{ name: 'no integration configured', fleet: fleet().build() }],
});
