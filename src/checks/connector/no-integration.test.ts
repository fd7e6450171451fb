import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './no-integration.js';

testCheck(check, {
  valid: [
    { name: 'legacy Jamf partner configured', fleet: fleet().legacyPartner().build() },
    {
      name: 'Jamf compliance partner present, even not yet onboarded for macOS',
      fleet: fleet().compliancePartner({ macOsOnboarded: false, partnerState: 'unknown' }).build(),
    },
    {
      name: 'legacy Jamf entry unresponsive (broken, but still the integration: connector/legacy-partner-state)',
      fleet: fleet().legacyPartner({ partnerState: 'unresponsive' }).build(),
    },
    {
      name: 'migrated: legacy terminated and Jamf Device Compliance onboarded (state C)',
      fleet: fleet()
        .legacyPartner({ partnerState: 'terminated', whenPartnerDevicesWillBeRemovedDateTime: '2027-01-12T10:00:00Z' })
        .compliancePartner()
        .build(),
    },
  ],
  invalid: [
    {
      // State F (https://learn.microsoft.com/en-us/graph/api/resources/intune-onboarding-devicemanagementpartner:
      // partnerState terminated, whenPartnerDevicesWillBeRemovedDateTime).
      name: 'state F: legacy Jamf entry terminated (even not flagged configured) and nothing replaces it',
      fleet: fleet()
        .legacyPartner({
          isConfigured: false,
          partnerState: 'terminated',
          whenPartnerDevicesWillBeRemovedDateTime: '2027-01-12T10:00:00Z',
        })
        .build(),
      findings: [
        {
          messageId: 'ended',
          data: { name: 'Jamf', state: 'terminated', removal: '2027-01-12T10:00:00.000Z' },
          subjects: ['tenant-1'],
          severity: 'critical',
        },
      ],
    },
    {
      name: 'state F: legacy rejected without a removal date, another vendor in compliance management',
      fleet: fleet()
        .legacyPartner({ partnerState: 'rejected' })
        .compliancePartner({ displayName: 'Contoso MTD' })
        .build(),
      findings: [{ messageId: 'ended', data: { name: 'Jamf', state: 'rejected', removal: null } }],
    },
    {
      name: 'no partner entry at all',
      fleet: fleet().build(),
      findings: [
        {
          messageId: 'none',
          data: { legacyEntries: 0, jamfLegacyNotConfigured: 0, complianceEntries: 0 },
          subjects: ['tenant-1'],
          severity: 'critical',
        },
      ],
    },
    {
      name: 'a Jamf legacy entry that was never configured and another vendor in compliance management',
      fleet: fleet()
        .legacyPartner({ isConfigured: false, partnerState: 'unknown', lastHeartbeatDateTime: null })
        .compliancePartner({ displayName: 'Contoso MTD' })
        .build(),
      findings: [
        {
          messageId: 'none',
          data: { legacyEntries: 1, jamfLegacyNotConfigured: 1, complianceEntries: 1 },
          subjects: ['tenant-1'],
        },
      ],
    },
    {
      name: 'only another vendor is configured as device management partner',
      fleet: fleet().legacyPartner({ displayName: 'Kandji' }).legacyPartner({ displayName: 'Mosyle' }).build(),
      findings: [
        {
          messageId: 'none',
          data: { legacyEntries: 2, jamfLegacyNotConfigured: 0, complianceEntries: 0 },
          subjects: ['tenant-1'],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'legacy partners forbidden',
      fleet: fleet()
        .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'forbidden', {
          needs: ['DeviceManagementServiceConfig.Read.All'],
        })
        .build(),
      reason: { kind: 'forbidden', needs: ['DeviceManagementServiceConfig.Read.All'] },
    },
    {
      name: 'compliance partners partial',
      fleet: fleet().status('graph/v1.0/deviceManagement/complianceManagementPartners', 'partial').build(),
      reason: { kind: 'partial' },
    },
    {
      name: 'compliance partners not collected',
      fleet: fleet().status('graph/v1.0/deviceManagement/complianceManagementPartners', 'missing').build(),
      reason: { kind: 'not-collected', dataset: 'graph/v1.0/deviceManagement/complianceManagementPartners' },
    },
  ],
});
