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
      name: 'legacy Jamf entry not flagged configured but in a known state (terminated) counts as set up',
      fleet: fleet().legacyPartner({ isConfigured: false, partnerState: 'terminated' }).build(),
    },
  ],
  invalid: [
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
