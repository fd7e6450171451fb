import { describe, expect, it } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { runChecks } from '../../engine/run.js';
import check from './user-outside-partner-scope.js';

// Shapes: Jamf computers-inventory localUserAccounts (username, azureActiveDirectoryId, userAzureActiveDirectoryId,
// computerAzureActiveDirectoryId; https://developer.jamf.com/jamf-pro/reference/get_v1-computers-inventory), the
// partner's macOsEnrollmentAssignments (https://learn.microsoft.com/graph/api/resources/intune-onboarding-compliancemanagementpartner)
// and group transitiveMembers with $select=id, which Graph returns with each member's @odata.type
// (https://learn.microsoft.com/graph/api/group-list-transitivemembers).
const ADA = '4f6a2b1c-0d9e-4c3b-8a7f-1e2d3c4b5a69';
const ALAN = '9b8c7d6e-5f4a-4b3c-9d2e-1f0a9b8c7d6e';
const GRP = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const EXCL = 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b';
const user = (id: string) => ({ '@odata.type': '#microsoft.graph.user', id });
const nested = (id: string) => ({ '@odata.type': '#microsoft.graph.group', id });
const partner = (targets: Array<Record<string, unknown>>) => ({
  macOsEnrollmentAssignments: targets.map((target) => ({ target })),
});
const inGroup = { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: GRP };
const excluded = { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: EXCL };

const mac = (serial: string, userId: string | null, extra: Record<string, unknown> = {}) => ({
  general: { name: `LON-MBP-${serial.slice(-4)}` },
  hardware: { serialNumber: serial },
  localUserAccounts: [
    {
      username: 'ada',
      azureActiveDirectoryId: 'ACTIVATED',
      computerAzureActiveDirectoryId: `11111111-2222-4333-8444-${serial
        .slice(-12)
        .toLowerCase()
        .replace(/[^0-9a-f]/g, '0')}`,
      userAzureActiveDirectoryId: userId,
    },
  ],
  ...extra,
});
const allUsers = { '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget' };
const adaUpn = { id: ADA, userPrincipalName: 'ada.lovelace@contoso.example' };

testCheck(check, {
  valid: [
    {
      name: 'the user is a member of the assigned group',
      fleet: fleet()
        .compliancePartner(partner([inGroup]))
        .group({ id: GRP, displayName: 'Mac users' }, [user(ALAN), user(ADA)])
        .jamf(mac('C02AAA000001', ADA))
        .build(),
    },
    {
      name: 'the user is reached through a nested group (transitive members, upper-case id)',
      fleet: fleet()
        .compliancePartner(partner([inGroup]))
        .group({ id: GRP, displayName: 'Mac users' }, [nested('sub'), user(ADA.toUpperCase())])
        .jamf(mac('C02AAA000001', ADA))
        .build(),
    },
    {
      name: 'an account that never registered (no Entra user id) is not judged',
      fleet: fleet()
        .compliancePartner(partner([inGroup]))
        .group({ id: GRP, displayName: 'Mac users' }, [user(ALAN)])
        .jamf(mac('C02AAA000001', null))
        .build(),
    },
    {
      name: 'a Mac Jamf does not manage is left out',
      fleet: fleet()
        .compliancePartner(partner([inGroup]))
        .group({ id: GRP, displayName: 'Mac users' }, [user(ALAN)])
        .jamf({ ...mac('C02AAA000001', ADA), general: { name: 'X', remoteManagement: { managed: false } } })
        .build(),
    },
    {
      name: 'assigned to all users (connector/device-compliance-all-users reports that)',
      fleet: fleet()
        .compliancePartner(partner([{ '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget' }]))
        .jamf(mac('C02AAA000001', ADA))
        .build(),
    },
    {
      name: 'no assignment at all (connector/device-compliance-all-users reports that)',
      fleet: fleet().compliancePartner(partner([])).jamf(mac('C02AAA000001', ADA)).build(),
    },
    {
      name: 'a Mac with a second, unmanaged Jamf record: only the managed record’s users are judged',
      fleet: fleet()
        .compliancePartner(partner([inGroup]))
        .group({ id: GRP, displayName: 'Mac users' }, [user(ADA)])
        .jamf(mac('C02AAA000001', ADA))
        .jamf({ ...mac('C02AAA000001', ALAN), general: { name: 'old', remoteManagement: { managed: false } } })
        .build(),
    },
    {
      name: 'only an excluded group, nothing assigned: nothing to evaluate',
      fleet: fleet()
        .compliancePartner(partner([excluded]))
        .group({ id: EXCL, displayName: 'Kiosk accounts' }, [user(ALAN)])
        .jamf(mac('C02AAA000001', ADA))
        .build(),
    },
    {
      name: 'a Jamf entry not onboarded for macOS assigned to all users does not widen the onboarded one',
      fleet: fleet()
        .compliancePartner({ id: 'cmp-off', macOsOnboarded: false, ...partner([allUsers]) })
        .compliancePartner(partner([inGroup]))
        .group({ id: GRP, displayName: 'Mac users' }, [user(ADA)])
        .jamf(mac('C02AAA000001', ADA))
        .build(),
    },
  ],
  invalid: [
    {
      name: 'an onboarded entry assigned to a group, and a Jamf entry not onboarded assigned to all users: outside',
      fleet: fleet()
        .compliancePartner({ id: 'cmp-off', macOsOnboarded: false, ...partner([allUsers]) })
        .compliancePartner({ id: 'cmp-on', ...partner([inGroup]) })
        .group({ id: GRP, displayName: 'Mac users' }, [user(ALAN)])
        .jamf(mac('C02AAA000001', ADA))
        .build(),
      findings: [
        {
          messageId: 'outside',
          evidence: [
            {
              source: 'jamf/api/v1/computers-inventory',
              record: 'j-0003',
              fields: {
                'localUserAccounts[].username': ['ada'],
                'localUserAccounts[].userAzureActiveDirectoryId': [ADA],
              },
            },
            {
              source: 'graph/v1.0/deviceManagement/complianceManagementPartners',
              record: 'cmp-on',
              fields: {
                displayName: 'Jamf Device Compliance',
                macOsEnrollmentAssignments: [`groupAssignmentTarget:${GRP}`],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'the assignment names the group in upper case; an excluded group is not an assigned one',
      fleet: fleet()
        .compliancePartner(partner([{ ...inGroup, groupId: GRP.toUpperCase() }, excluded]))
        .group({ id: GRP, displayName: 'Mac users' }, [user(ALAN)])
        .group({ id: EXCL, displayName: 'Kiosk accounts' }, [user(ALAN)])
        .jamf(
          mac('C02AAA000001', ADA, {
            localUserAccounts: [
              { username: null, userAzureActiveDirectoryId: ADA },
              { username: 'guest', userAzureActiveDirectoryId: null },
            ],
          }),
        )
        .build(),
      findings: [
        {
          messageId: 'outside',
          data: { name: 'LON-MBP-0001', account: '?', user: ADA, groups: 'Mac users' },
          evidence: [
            {
              source: 'jamf/api/v1/computers-inventory',
              record: 'j-0002',
              fields: {
                'localUserAccounts[].username': ['', 'guest'],
                'localUserAccounts[].userAzureActiveDirectoryId': [ADA, ''],
              },
            },
            {
              source: 'graph/v1.0/deviceManagement/complianceManagementPartners',
              record: 'cmp-0001',
              fields: {
                displayName: 'Jamf Device Compliance',
                macOsEnrollmentAssignments: [
                  `groupAssignmentTarget:${GRP.toUpperCase()}`,
                  `exclusionGroupAssignmentTarget:${EXCL}`,
                ],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'all users and a group assigned, the user in the excluded group',
      fleet: fleet()
        .compliancePartner(partner([allUsers, inGroup, excluded]))
        .group({ id: GRP, displayName: 'Mac users' }, [user(ALAN)])
        .group({ id: EXCL, displayName: 'Kiosk accounts' }, [user(ADA)])
        .jamf(mac('C02AAA000001', ADA))
        .build(),
      findings: [{ messageId: 'excluded', subjects: ['C02AAA000001', ADA] }],
    },
    {
      name: 'the registering user is outside the assigned group',
      fleet: fleet()
        .compliancePartner(partner([inGroup]))
        .group({ id: GRP, displayName: 'Mac users' }, [user(ALAN)])
        .user(adaUpn)
        .jamf(mac('C02AAA000001', ADA))
        .jamf(mac('C02AAA000002', ALAN))
        .build(),
      findings: [
        {
          messageId: 'outside',
          text: {
            en: 'LON-MBP-0001: ada.lovelace@contoso.example (local account ada) registered the Mac but is not a member of the groups assigned to Jamf Device Compliance for macOS (Mac users): Jamf Pro cannot report compliance for this user',
            it: 'LON-MBP-0001: ada.lovelace@contoso.example (account locale ada) ha registrato il Mac ma non è membro dei gruppi assegnati a Jamf Device Compliance per macOS (Mac users): Jamf Pro non può segnalare la conformità per questo utente',
          },
          data: {
            name: 'LON-MBP-0001',
            account: 'ada',
            user: 'ada.lovelace@contoso.example',
            groups: 'Mac users',
          },
          subjects: ['C02AAA000001', 'ada.lovelace@contoso.example'],
          severity: 'high',
        },
      ],
    },
    {
      name: 'all users assigned, but the user is in an excluded group',
      fleet: fleet()
        .compliancePartner(partner([{ '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget' }, excluded]))
        .group({ id: EXCL, displayName: 'Kiosk accounts' }, [user(ADA)])
        .jamf(mac('C02AAA000001', ADA))
        .build(),
      findings: [
        {
          messageId: 'excluded',
          text: {
            en: 'LON-MBP-0001: 4f6a2b1c-0d9e-4c3b-8a7f-1e2d3c4b5a69 (local account ada) registered the Mac but is in a group excluded from Jamf Device Compliance for macOS: Jamf Pro cannot report compliance for this user',
            it: 'LON-MBP-0001: 4f6a2b1c-0d9e-4c3b-8a7f-1e2d3c4b5a69 (account locale ada) ha registrato il Mac ma è in un gruppo escluso da Jamf Device Compliance per macOS: Jamf Pro non può segnalare la conformità per questo utente',
          },
          data: { name: 'LON-MBP-0001', account: 'ada', user: ADA },
          subjects: ['C02AAA000001', ADA],
        },
      ],
    },
    {
      name: 'a second assigned group not read: an excluded user is still reported, a user outside is unknown',
      outcome: 'fail',
      fleet: fleet()
        .compliancePartner(
          partner([
            inGroup,
            { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'grp-unread' },
            excluded,
          ]),
        )
        .group({ id: GRP, displayName: 'Mac users' }, [user(ADA)])
        .group({ id: EXCL, displayName: 'Kiosk accounts' }, [user(ALAN)])
        .jamf(mac('C02AAA000001', ADA))
        .jamf(mac('C02AAA000002', ALAN))
        .jamf(mac('C02AAA000003', '0a0b0c0d-1111-4222-8333-444455556666'))
        .build(),
      findings: [{ messageId: 'excluded', subjects: ['C02AAA000002', ALAN] }],
    },
  ],
  cannotCheck: [
    {
      name: 'an assignment of a kind other than a group or all users',
      fleet: fleet()
        .compliancePartner(partner([{ '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget', groupId: GRP }]))
        .group({ id: GRP, displayName: 'Mac users' }, [user(ALAN)])
        .jamf(mac('C02AAA000001', ADA))
        .build(),
      reason: {
        kind: 'incomplete-data',
        detail: 'the Jamf compliance partner has a macOS assignment of type allDevicesAssignmentTarget',
      },
    },
    {
      name: 'a group assignment without a group id',
      fleet: fleet()
        .compliancePartner(partner([{ '@odata.type': '#microsoft.graph.groupAssignmentTarget' }]))
        .jamf(mac('C02AAA000001', ADA))
        .build(),
      reason: {
        kind: 'incomplete-data',
        detail: 'the Jamf compliance partner has a macOS assignment of type groupAssignmentTarget',
      },
    },
    {
      name: 'all users assigned, the excluded group not collected',
      fleet: fleet()
        .compliancePartner(partner([allUsers, excluded]))
        .jamf(mac('C02AAA000001', ADA))
        .build(),
      reason: { kind: 'incomplete-data', detail: `the members of ${EXCL} were not collected completely` },
    },
    {
      name: 'a group whose members were not read at all',
      fleet: fleet()
        .compliancePartner(partner([inGroup]))
        .group({ id: GRP, displayName: 'Mac users' }, null)
        .jamf(mac('C02AAA000001', ADA))
        .build(),
      reason: { kind: 'incomplete-data', detail: 'the members of Mac users were not collected completely' },
    },
    {
      name: 'the members of the assigned group were only partly read',
      fleet: fleet()
        .compliancePartner(partner([inGroup]))
        .group({ id: GRP, displayName: 'Mac users' }, [user(ALAN)], 'partial')
        .jamf(mac('C02AAA000001', ADA))
        .build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'the assigned group was not collected at all',
      fleet: fleet()
        .compliancePartner(partner([inGroup]))
        .jamf(mac('C02AAA000001', ADA))
        .build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'the excluded group was not collected: a user outside it cannot be told',
      fleet: fleet()
        .compliancePartner(partner([inGroup, excluded]))
        .group({ id: GRP, displayName: 'Mac users' }, [user(ADA)])
        .jamf(mac('C02AAA000001', ADA))
        .build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'inventory without LOCAL_USER_ACCOUNTS',
      fleet: fleet()
        .compliancePartner(partner([inGroup]))
        .group({ id: GRP, displayName: 'Mac users' }, [user(ALAN)])
        .jamf({ ...mac('C02AAA000001', ADA), localUserAccounts: null })
        .build(),
      reason: { kind: 'incomplete-data', detail: 'Jamf computer j-0002 was read without LOCAL_USER_ACCOUNTS' },
    },
    {
      name: 'groups forbidden',
      fleet: fleet()
        .compliancePartner(partner([inGroup]))
        .status('graph/v1.0/groups/{id}', 'forbidden', { needs: ['GroupMember.Read.All'] })
        .build(),
      reason: { kind: 'forbidden', needs: ['GroupMember.Read.All'] },
    },
  ],
  notApplicable: [
    { name: 'legacy integration', fleet: fleet().legacyPartner().jamf(mac('C02AAA000001', ADA)).build() },
  ],
});

describe('compliance/user-outside-partner-scope counts the Macs it checked', () => {
  it('Macs Jamf does not manage are not counted; one read without accounts is not checked', () => {
    const f = fleet()
      .compliancePartner(partner([inGroup]))
      .group({ id: GRP, displayName: 'Mac users' }, [user(ADA)])
      .jamf(mac('C02AAA000001', ADA))
      .jamf(mac('C02AAA000002', ADA))
      .jamf({ ...mac('C02AAA000003', ADA), general: { name: 'X', remoteManagement: { managed: false } } })
      .jamf({ ...mac('C02AAA000004', ADA), localUserAccounts: null })
      .build();
    const r = runChecks(f, [check as never]).checks[0]!;
    expect(r.outcome).toBe('pass');
    expect(r.coverage).toEqual({
      unit: 'mac',
      checked: 2,
      unknown: 1,
      reasons: ['Jamf computer j-0005 was read without LOCAL_USER_ACCOUNTS'],
    });
  });
});
