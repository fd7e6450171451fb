import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './duplicate-device-records.js';

testCheck(check, {
  valid: [
    {
      name: 'one record per serial',
      fleet: fleet().legacyPartner().intune({ serialNumber: 'C02X1' }).intune({ serialNumber: 'C02X2' }).build(),
    },
    {
      name: 'a Jamf Mac not in Intune',
      fleet: fleet()
        .legacyPartner()
        .jamf({ hardware: { serialNumber: 'C02X1' } })
        .build(),
    },
    {
      name: 'two records with empty or 0 serials are not the same Mac',
      fleet: fleet().legacyPartner().intune({ serialNumber: '' }).intune({ serialNumber: '0' }).build(),
    },
  ],
  invalid: [
    {
      name: 'two records for one serial; the newest is kept',
      fleet: fleet()
        .legacyPartner()
        .intune({ id: 'old', serialNumber: 'c02x1 ', lastSyncDateTime: '2026-01-01T00:00:00Z' })
        .intune({ id: 'new', serialNumber: 'C02X1', lastSyncDateTime: '2026-03-01T00:00:00.1234567Z' })
        .build(),
      findings: [
        {
          messageId: 'duplicates',
          data: { serial: 'C02X1', count: 2, keep: 'new', remove: ['old'] },
          subjects: ['C02X1'],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'Intune devices forbidden',
      fleet: fleet()
        .legacyPartner()
        .status('graph/v1.0/deviceManagement/managedDevices', 'forbidden', {
          needs: ['DeviceManagementManagedDevices.Read.All'],
        })
        .build(),
      reason: { kind: 'forbidden', needs: ['DeviceManagementManagedDevices.Read.All'] },
    },
    {
      name: 'Intune devices partial',
      fleet: fleet().legacyPartner().status('graph/v1.0/deviceManagement/managedDevices', 'partial').build(),
      reason: { kind: 'partial' },
    },
  ],
  notApplicable: [{ name: 'device-compliance mode', fleet: fleet().compliancePartner().build() }],
});
