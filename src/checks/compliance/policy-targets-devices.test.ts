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
      name: 'a group of users only, a target of an unknown kind and a group target without a group id',
      fleet: legacy()
        .policy({
          displayName: 'p',
          assignments: [
            group('users'),
            { target: { '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget' } },
            { target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: null } },
          ],
        })
        .group({ id: 'users', displayName: 'Mac users' }, ['#microsoft.graph.user'])
        .build(),
    },
    {
      name: 'an empty group',
      fleet: legacy()
        .policy({ displayName: 'p', assignments: [group('empty')] })
        .group({ id: 'empty', displayName: 'empty' }, [])
        .build(),
    },
    {
      name: 'no policies at all',
      fleet: legacy().build(),
    },
    {
      name: 'a dynamic user group (group type in lower case)',
      fleet: legacy()
        .policy({ displayName: 'p', assignments: [group('dyn')] })
        .group(
          {
            id: 'dyn',
            displayName: 'dyn',
            groupTypes: ['dynamicmembership'],
            membershipRule: '(user.department -eq "IT")',
          },
          null,
        )
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
      findings: [
        {
          messageId: 'allDevices',
          data: { policy: 'macOS baseline' },
          subjects: ['p1'],
          text: {
            en: 'Policy "macOS baseline" is assigned to All devices',
            it: 'Il criterio "macOS baseline" è assegnato a Tutti i dispositivi',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/deviceCompliancePolicies',
              record: 'p1',
              fields: { displayName: 'macOS baseline', 'assignments[].target': ['allDevicesAssignmentTarget'] },
            },
          ],
        },
      ],
    },
    {
      name: 'a policy without a name is named by its id; every assignment is looked at',
      fleet: legacy()
        .policy({
          id: 'p9',
          assignments: [
            group('users'),
            { target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } },
            group('g9'),
          ],
        })
        .group({ id: 'users', displayName: 'Mac users' }, ['#microsoft.graph.user'])
        .group({ id: 'g9' }, ['#microsoft.graph.device'])
        .build(),
      findings: [
        { messageId: 'allDevices', data: { policy: 'p9' }, subjects: ['p9'] },
        {
          messageId: 'deviceGroup',
          data: { policy: 'p9', group: 'g9', devices: 1, members: 1 },
          subjects: ['p9', 'g9'],
        },
      ],
    },
    {
      name: 'a group whose members were not collected beside a device group: the device group fails',
      fleet: legacy()
        .policy({ id: 'p8', displayName: 'p8', assignments: [group('unread'), group('g8')] })
        .group({ id: 'unread', displayName: 'unread' }, null)
        .group({ id: 'g8', displayName: 'g8' }, ['#microsoft.graph.device'])
        .build(),
      findings: [{ messageId: 'deviceGroup', data: { policy: 'p8', group: 'g8', devices: 1, members: 1 } }],
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
          text: {
            en: 'Policy "FileVault" is assigned to group "Mac fleet", 2 of whose 3 members are devices',
            it: 'Il criterio "FileVault" è assegnato al gruppo "Mac fleet", di cui 2 membri su 3 sono dispositivi',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/deviceCompliancePolicies',
              record: 'p2',
              fields: { displayName: 'FileVault', 'assignments[].target': ['groupAssignmentTarget:g1'] },
            },
            {
              source: 'graph/v1.0/groups/g1/members',
              record: 'g1',
              fields: { '@odata.type=device': 2, members: 3 },
            },
          ],
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
          subjects: ['p3', 'g2'],
          text: {
            en: 'Policy "OS minimum" is assigned to dynamic group "All Macs", whose rule selects devices ((device.deviceOSType -eq "MacMDM"))',
            it: 'Il criterio "OS minimum" è assegnato al gruppo dinamico "All Macs", la cui regola seleziona dispositivi ((device.deviceOSType -eq "MacMDM"))',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/deviceCompliancePolicies',
              record: 'p3',
              fields: { displayName: 'OS minimum', 'assignments[].target': ['groupAssignmentTarget:g2'] },
            },
            {
              source: 'graph/v1.0/groups/g2',
              record: 'g2',
              fields: {
                displayName: 'All Macs',
                groupTypes: ['DynamicMembership'],
                membershipRule: '(device.deviceOSType -eq "MacMDM")',
              },
            },
          ],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'a group the policy names was not collected',
      fleet: legacy()
        .policy({ displayName: 'p', assignments: [group('nope')] })
        .build(),
      reason: { kind: 'incomplete-data', detail: 'group nope of policy p was not collected' },
    },
    {
      name: 'a group whose members were not collected',
      fleet: legacy()
        .policy({ displayName: 'p', assignments: [group('g')] })
        .group({ id: 'g', displayName: 'Mac fleet' }, null)
        .build(),
      reason: { kind: 'incomplete-data', detail: 'members of group Mac fleet were not collected completely' },
    },
    {
      name: 'a group whose members were collected in part (users only so far)',
      fleet: legacy()
        .policy({ displayName: 'p', assignments: [group('g')] })
        .group({ id: 'g' }, ['#microsoft.graph.user'], 'partial')
        .build(),
      reason: { kind: 'incomplete-data', detail: 'members of group g were not collected completely' },
    },
    {
      name: 'a dynamic group without a rule is judged by its members',
      fleet: legacy()
        .policy({ displayName: 'p', assignments: [group('g')] })
        .group({ id: 'g', displayName: 'dyn', groupTypes: ['DynamicMembership'], membershipRule: null }, null)
        .build(),
      reason: { kind: 'incomplete-data', detail: 'members of group dyn were not collected completely' },
    },
    {
      name: 'policies read without assignments',
      fleet: legacy().policy({ id: 'p7' }).build(),
      reason: { kind: 'incomplete-data', detail: 'policy p7 was read without $expand=assignments' },
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
