import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './both-integrations.js';

testCheck(check, {
  valid: [
    { name: 'legacy only', fleet: fleet().legacyPartner().build() },
    { name: 'device compliance only', fleet: fleet().compliancePartner().build() },
    {
      name: 'migration finished: the legacy connector is terminated',
      fleet: fleet().legacyPartner({ partnerState: 'terminated' }).compliancePartner().build(),
    },
    {
      name: 'migration not started: the compliance partner is not onboarded for macOS yet',
      fleet: fleet().legacyPartner().compliancePartner({ macOsOnboarded: false }).build(),
    },
    { name: 'no integration at all', fleet: fleet().build() },
  ],
  invalid: [
    {
      name: 'legacy enabled and compliance onboarded',
      fleet: fleet().legacyPartner({ id: 'dmp-jamf' }).compliancePartner({ id: 'cmp-jamf' }).build(),
      findings: [
        {
          messageId: 'both',
          data: { legacy: 'Jamf', compliance: 'Jamf Device Compliance' },
          subjects: ['dmp-jamf', 'cmp-jamf'],
          severity: 'medium',
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'legacy partners forbidden',
      fleet: fleet()
        .compliancePartner()
        .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'forbidden', {
          needs: ['DeviceManagementServiceConfig.Read.All'],
        })
        .build(),
      reason: { kind: 'forbidden', needs: ['DeviceManagementServiceConfig.Read.All'] },
    },
    {
      name: 'compliance partners partial',
      fleet: fleet()
        .legacyPartner()
        .status('graph/v1.0/deviceManagement/complianceManagementPartners', 'partial')
        .build(),
      reason: { kind: 'partial' },
    },
    {
      name: 'compliance partners not collected',
      fleet: fleet()
        .legacyPartner()
        .status('graph/v1.0/deviceManagement/complianceManagementPartners', 'missing')
        .build(),
      reason: { kind: 'not-collected' },
    },
  ],
});
