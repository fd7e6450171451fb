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
          text: {
            en: 'The compliance partner "Jamf Device Compliance" is assigned to all users (allLicensedUsersAssignmentTarget) for macOS, which stops the connection from working',
            it: 'Il partner di conformità "Jamf Device Compliance" è assegnato a tutti gli utenti (allLicensedUsersAssignmentTarget) per macOS, il che impedisce alla connessione di funzionare',
          },
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
          text: {
            en: 'The compliance partner "Jamf Device Compliance" has no user group assigned for macOS, so no user can register a Mac through Jamf',
            it: 'Il partner di conformità "Jamf Device Compliance" non ha alcun gruppo di utenti assegnato per macOS, quindi nessun utente può registrare un Mac tramite Jamf',
          },
          subjects: ['cmp-jamf'],
          severity: 'high',
        },
      ],
    },
    {
      name: 'only two excluded groups; the partner state is not this check’s concern',
      fleet: fleet()
        .compliancePartner({
          id: 'cmp-jamf',
          displayName: 'Jamf',
          partnerState: 'unresponsive',
          macOsOnboarded: null,
          macOsEnrollmentAssignments: [
            target('exclusionGroupAssignmentTarget', 'grp-a'),
            target('exclusionGroupAssignmentTarget', 'grp-b'),
          ],
        })
        .compliancePartner({ id: 'other', displayName: 'Contoso MTD', macOsEnrollmentAssignments: [] })
        .build(),
      findings: [
        {
          messageId: 'no-assignment',
          data: { name: 'Jamf', exclusions: 2 },
          subjects: ['cmp-jamf'],
          text: {
            en: 'The compliance partner "Jamf" has no user group assigned for macOS (only 2 excluded groups), so no user can register a Mac through Jamf',
            it: 'Il partner di conformità "Jamf" non ha alcun gruppo di utenti assegnato per macOS (solo 2 gruppi esclusi), quindi nessun utente può registrare un Mac tramite Jamf',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/complianceManagementPartners',
              record: 'cmp-jamf',
              fields: {
                displayName: 'Jamf',
                partnerState: 'unresponsive',
                macOsOnboarded: null,
                macOsEnrollmentAssignments: [
                  'exclusionGroupAssignmentTarget:grp-a',
                  'exclusionGroupAssignmentTarget:grp-b',
                ],
              },
            },
          ],
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
        {
          messageId: 'no-assignment',
          data: { name: 'Jamf Device Compliance', exclusions: 1 },
          text: {
            en: 'The compliance partner "Jamf Device Compliance" has no user group assigned for macOS (only 1 excluded group), so no user can register a Mac through Jamf',
            it: 'Il partner di conformità "Jamf Device Compliance" non ha alcun gruppo di utenti assegnato per macOS (solo 1 gruppo escluso), quindi nessun utente può registrare un Mac tramite Jamf',
          },
          subjects: ['cmp-jamf'],
        },
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
