import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './legacy-integration-retired.js';

testCheck(check, {
  valid: [
    {
      name: 'legacy mode from Jamf-managed Intune records only; no Jamf connector set up',
      fleet: fleet().intune({ serialNumber: 'C02X1' }).build(),
    },
    {
      name: 'a terminated connector is not in use',
      fleet: fleet()
        .legacyPartner({ partnerState: 'terminated', whenPartnerDevicesWillBeRemovedDateTime: '2027-01-12T10:00:00Z' })
        .intune({ serialNumber: 'C02X1', lastSyncDateTime: '2026-11-29T08:00:00Z' })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'in use after 2025-01-31',
      fleet: fleet().legacyPartner({ id: 'dmp-jamf' }).build(),
      findings: [
        {
          messageId: 'retired',
          data: { name: 'Jamf', state: 'enabled', endedOn: '2025-01-31', daysSince: 667 },
          subjects: ['dmp-jamf'],
          severity: 'high',
        },
      ],
    },
    {
      name: 'in use on the end date itself',
      fleet: fleet('2025-01-31T00:00:00Z').legacyPartner({ id: 'dmp-jamf', partnerState: 'unresponsive' }).build(),
      findings: [
        {
          messageId: 'retired',
          data: { name: 'Jamf', state: 'unresponsive', endedOn: '2025-01-31', daysSince: 0 },
          subjects: ['dmp-jamf'],
        },
      ],
    },
    {
      name: 'in use before the end of support: a low warning',
      fleet: fleet('2024-06-01T00:00:00Z').legacyPartner({ id: 'dmp-jamf' }).build(),
      outcome: 'fail',
      findings: [
        {
          messageId: 'retiring',
          data: { name: 'Jamf', state: 'enabled', endsOn: '2025-01-31', daysLeft: 244 },
          subjects: ['dmp-jamf'],
          severity: 'low',
        },
      ],
    },
    {
      name: 'the day before the end of support',
      fleet: fleet('2025-01-30T12:00:00Z').legacyPartner({ id: 'dmp-jamf' }).build(),
      findings: [
        { messageId: 'retiring', data: { name: 'Jamf', state: 'enabled', endsOn: '2025-01-31', daysLeft: 1 } },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'legacy partners forbidden',
      fleet: fleet()
        .intune({ serialNumber: 'C02X1' })
        .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'forbidden', {
          needs: ['DeviceManagementServiceConfig.Read.All'],
        })
        .build(),
      reason: { kind: 'forbidden', needs: ['DeviceManagementServiceConfig.Read.All'] },
    },
    {
      name: 'legacy partners partial',
      fleet: fleet()
        .intune({ serialNumber: 'C02X1' })
        .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'partial')
        .build(),
      reason: { kind: 'partial' },
    },
  ],
  notApplicable: [
    { name: 'device-compliance mode', fleet: fleet().compliancePartner().build() },
    { name: 'no integration at all', fleet: fleet().build() },
    {
      name: 'state F: legacy terminated, nothing replaces it',
      fleet: fleet().legacyPartner({ partnerState: 'terminated' }).intune({ serialNumber: 'C02X1' }).build(),
    },
    {
      name: 'state C: migrated to Device Compliance',
      fleet: fleet()
        .legacyPartner({ partnerState: 'terminated', whenPartnerDevicesWillBeRemovedDateTime: '2027-01-12T10:00:00Z' })
        .compliancePartner()
        .intune({ serialNumber: 'C02X1', lastSyncDateTime: '2026-09-01T08:00:00Z' })
        .build(),
    },
  ],
});
