import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './device-compliance-all-users.js';

const target = (type: string, groupId?: string) => ({
  target: { '@odata.type': `#microsoft.graph.${type}`, ...(groupId ? { groupId } : {}) },
});

testCheck(check, {
  valid: [
    { name: 'assigned to a user group', fleet: fleet().compliancePartner().build() },
    {
      name: 'a user group and an excluded group',
      fleet: fleet()
        .compliancePartner({
          macOsEnrollmentAssignments: [
            target('groupAssignmentTarget', 'grp-mac'),
            target('exclusionGroupAssignmentTarget', 'grp-pilot'),
          ],
        })
        .build(),
    },
    {
      name: 'not onboarded for macOS: left to connector/device-compliance-partner-state',
      fleet: fleet().compliancePartner({ macOsOnboarded: false, macOsEnrollmentAssignments: [] }).build(),
    },
  ],
  invalid: [
    {
      name: 'all users',
      fleet: fleet()
        .compliancePartner({ id: 'cmp-jamf', macOsEnrollmentAssignments: [target('allLicensedUsersAssignmentTarget')] })
        .build(),
      findings: [
        {
          messageId: 'all-users',
          data: { name: 'Jamf Device Compliance' },
          subjects: ['cmp-jamf'],
          severity: 'high',
        },
      ],
    },
    {
      name: 'all users next to a user group',
      fleet: fleet()
        .compliancePartner({
          id: 'cmp-jamf',
          macOsEnrollmentAssignments: [
            target('groupAssignmentTarget', 'grp-mac'),
            target('allLicensedUsersAssignmentTarget'),
          ],
        })
        .build(),
      findings: [{ messageId: 'all-users', subjects: ['cmp-jamf'] }],
    },
    {
      name: 'no assignment at all',
      fleet: fleet().compliancePartner({ id: 'cmp-jamf', macOsEnrollmentAssignments: [] }).build(),
      findings: [
        {
          messageId: 'no-assignment',
          data: { name: 'Jamf Device Compliance', exclusions: 0 },
          subjects: ['cmp-jamf'],
          severity: 'high',
        },
      ],
    },
    {
      name: 'only an excluded group',
      fleet: fleet()
        .compliancePartner({
          id: 'cmp-jamf',
          macOsEnrollmentAssignments: [target('exclusionGroupAssignmentTarget', 'grp-pilot')],
        })
        .build(),
      findings: [
        { messageId: 'no-assignment', data: { name: 'Jamf Device Compliance', exclusions: 1 }, subjects: ['cmp-jamf'] },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'compliance partners forbidden: the mode cannot be told',
      fleet: fleet()
        .status('graph/v1.0/deviceManagement/complianceManagementPartners', 'forbidden', {
          needs: ['DeviceManagementServiceConfig.Read.All'],
        })
        .build(),
      reason: { kind: 'mode-unknown' },
    },
    {
      name: 'compliance partners partial',
      fleet: fleet().status('graph/v1.0/deviceManagement/complianceManagementPartners', 'partial').build(),
      reason: { kind: 'mode-unknown' },
    },
  ],
  notApplicable: [
    { name: 'legacy mode', fleet: fleet().legacyPartner().build() },
    { name: 'no integration at all', fleet: fleet().build() },
  ],
});
