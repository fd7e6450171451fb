import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './policy-targets-devices.js';

const group = (groupId: string) => ({ target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId } });
const legacy = () => fleet().legacyPartner();

testCheck(check, {
  valid: [
    {
      name: 'assigned to a user group and excluded from a device group',
      fleet: legacy()
        .policy({
          displayName: 'macOS baseline',
          assignments: [
            group('users'),
            { target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: 'devs' } },
            { target: { '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget' } },
          ],
        })
        .group({ id: 'users', displayName: 'Mac users' }, ['#microsoft.graph.user', '#microsoft.graph.user'])
        .build(),
    },
    {
      name: 'a Windows policy assigned to all devices is not about Macs',
      fleet: legacy()
        .policy({
          '@odata.type': '#microsoft.graph.windows10CompliancePolicy',
          assignments: [{ target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } }],
        })
        .build(),
    },
    {
      name: 'a dynamic user group',
      fleet: legacy()
        .policy({ displayName: 'p', assignments: [group('dyn')] })
        .group(
          {
            id: 'dyn',
            displayName: 'dyn',
            groupTypes: ['DynamicMembership'],
            membershipRule: '(user.department -eq "IT")',
          },
          null,
        )
        .build(),
    },
  ],
  invalid: [
    {
      name: 'all devices',
      fleet: legacy()
        .policy({
          id: 'p1',
          displayName: 'macOS baseline',
          assignments: [{ target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } }],
        })
        .build(),
      findings: [{ messageId: 'allDevices', data: { policy: 'macOS baseline' }, subjects: ['p1'] }],
    },
    {
      name: 'an assigned group with device members',
      fleet: legacy()
        .policy({ id: 'p2', displayName: 'FileVault', assignments: [group('g1')] })
        .group({ id: 'g1', displayName: 'Mac fleet' }, [
          '#microsoft.graph.device',
          '#microsoft.graph.user',
          '#microsoft.graph.device',
        ])
        .build(),
      findings: [
        {
          messageId: 'deviceGroup',
          data: { policy: 'FileVault', group: 'Mac fleet', devices: 2, members: 3 },
          subjects: ['p2', 'g1'],
        },
      ],
    },
    {
      name: 'a dynamic device group',
      fleet: legacy()
        .policy({ id: 'p3', displayName: 'OS minimum', assignments: [group('g2')] })
        .group(
          {
            id: 'g2',
            displayName: 'All Macs',
            groupTypes: ['DynamicMembership'],
            membershipRule: '(device.deviceOSType -eq "MacMDM")',
          },
          null,
        )
        .build(),
      findings: [
        {
          messageId: 'dynamicDeviceGroup',
          data: { policy: 'OS minimum', group: 'All Macs', rule: '(device.deviceOSType -eq "MacMDM")' },
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'a group the policy names was not collected',
      fleet: legacy()
        .policy({ assignments: [group('nope')] })
        .build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'policies read without assignments',
      fleet: legacy().policy({ displayName: 'p' }).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'policies forbidden',
      fleet: legacy()
        .status('graph/v1.0/deviceManagement/deviceCompliancePolicies', 'forbidden', {
          needs: ['DeviceManagementConfiguration.Read.All'],
        })
        .build(),
      reason: { kind: 'forbidden', needs: ['DeviceManagementConfiguration.Read.All'] },
    },
    {
      name: 'mode unknown when the partner datasets were not collected',
      fleet: fleet().status('graph/v1.0/deviceManagement/deviceManagementPartners', 'missing').build(),
      reason: { kind: 'mode-unknown' },
    },
  ],
  notApplicable: [{ name: 'device-compliance mode', fleet: fleet().compliancePartner().build() }],
});
