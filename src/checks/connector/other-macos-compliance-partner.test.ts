import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './other-macos-compliance-partner.js';

// A complianceManagementPartner as Graph documents it
// (https://learn.microsoft.com/graph/api/resources/intune-onboarding-compliancemanagementpartner: displayName,
// partnerState, macOsOnboarded, macOsEnrollmentAssignments), for a vendor other than Jamf; "You can use only one
// partner per platform" (https://github.com/MicrosoftDocs/memdocs/blob/main/intune/device-security/compliance/third-party-partners.md).
const other = (p: Record<string, unknown> = {}) => ({
  '@odata.type': '#microsoft.graph.complianceManagementPartner',
  id: 'cmp-kandji',
  displayName: 'Kandji',
  partnerState: 'enabled',
  lastHeartbeatDateTime: '2026-11-29T08:00:00Z',
  macOsOnboarded: true,
  iosOnboarded: false,
  androidOnboarded: false,
  macOsEnrollmentAssignments: [
    { target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'grp-kandji' } },
  ],
  ...p,
});

testCheck(check, {
  valid: [
    { name: 'only Jamf is onboarded for macOS', fleet: fleet().compliancePartner().build() },
    {
      name: 'another vendor onboarded for iOS only (near miss)',
      fleet: fleet()
        .compliancePartner()
        .compliancePartner(other({ macOsOnboarded: false, iosOnboarded: true }))
        .build(),
    },
    {
      name: 'a second Jamf entry (named differently) is not another vendor',
      fleet: fleet()
        .compliancePartner()
        .compliancePartner(other({ id: 'cmp-jamf2', displayName: 'Jamf Pro (EU)' }))
        .build(),
    },
  ],
  invalid: [
    {
      name: 'Kandji holds macOS and the Jamf partner is not onboarded',
      fleet: fleet().compliancePartner({ macOsOnboarded: false }).compliancePartner(other()).build(),
      findings: [
        {
          messageId: 'other-partner',
          text: {
            en: '"Kandji" (state enabled) is onboarded as the macOS compliance partner; Intune takes one partner per platform, so Jamf Device Compliance cannot be onboarded for macOS',
            it: '"Kandji" (stato enabled) è attivato come partner di conformità per macOS; Intune accetta un solo partner per piattaforma, quindi Jamf Device Compliance non può essere attivato per macOS',
          },
          data: { partner: 'Kandji', state: 'enabled', jamfOnboarded: false },
          subjects: ['cmp-kandji'],
          severity: 'high',
        },
      ],
    },
    {
      name: 'both onboarded for macOS, the other one unresponsive',
      fleet: fleet()
        .compliancePartner()
        .compliancePartner(other({ displayName: 'Addigy', partnerState: 'unresponsive' }))
        .build(),
      findings: [
        {
          messageId: 'other-partner',
          data: { partner: 'Addigy', state: 'unresponsive', jamfOnboarded: true },
          subjects: ['cmp-kandji'],
        },
      ],
    },
    {
      name: 'one of two Jamf entries onboarded is enough; the other vendor without a state; evidence of all three',
      fleet: fleet()
        .compliancePartner({ id: 'cmp-jamf-eu', displayName: 'Jamf Pro (EU)', macOsOnboarded: false })
        .compliancePartner({ id: 'cmp-jamf' })
        .compliancePartner(other({ partnerState: null }))
        .build(),
      findings: [
        {
          messageId: 'other-partner',
          text: {
            en: '"Kandji" (state unknown) is onboarded as the macOS compliance partner; Intune takes one partner per platform, so the Macs may be evaluated by this partner instead of Jamf Pro',
            it: '"Kandji" (stato unknown) è attivato come partner di conformità per macOS; Intune accetta un solo partner per piattaforma, quindi i Mac potrebbero essere valutati da questo partner invece che da Jamf Pro',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/complianceManagementPartners',
              record: 'cmp-kandji',
              fields: {
                displayName: 'Kandji',
                partnerState: null,
                macOsOnboarded: true,
                macOsEnrollmentAssignments: ['groupAssignmentTarget:grp-kandji'],
              },
            },
            {
              source: 'graph/v1.0/deviceManagement/complianceManagementPartners',
              record: 'cmp-jamf-eu',
              fields: { displayName: 'Jamf Pro (EU)', partnerState: 'enabled', macOsOnboarded: false },
            },
            {
              source: 'graph/v1.0/deviceManagement/complianceManagementPartners',
              record: 'cmp-jamf',
              fields: { displayName: 'Jamf Device Compliance', partnerState: 'enabled', macOsOnboarded: true },
            },
          ],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'a partner named only with blanks, onboarded for macOS',
      fleet: fleet()
        .compliancePartner()
        .compliancePartner(other({ displayName: '  ' }))
        .build(),
      reason: {
        kind: 'incomplete-data',
        detail: 'compliance partner cmp-kandji is onboarded for macOS but has no name',
      },
    },
    {
      name: 'an unnamed partner onboarded for macOS: which vendor cannot be told',
      fleet: fleet()
        .compliancePartner()
        .compliancePartner(other({ displayName: null }))
        .build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'partner list forbidden',
      fleet: fleet()
        .compliancePartner()
        .status('graph/v1.0/deviceManagement/complianceManagementPartners', 'forbidden', {
          needs: ['DeviceManagementServiceConfig.Read.All'],
        })
        .build(),
    },
  ],
  notApplicable: [
    { name: 'legacy integration only', fleet: fleet().legacyPartner().build() },
    { name: 'no Jamf integration at all (another vendor alone)', fleet: fleet().compliancePartner(other()).build() },
  ],
});
