import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './duplicate-device-records.js';

const dup = (serial: string, keep: string, remove: string[]) => ({
  messageId: 'duplicates',
  data: { serial, count: remove.length + 1, keep, remove },
  subjects: [serial],
});

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
      name: 'a Jamf Mac with one Intune record',
      fleet: fleet()
        .legacyPartner()
        .jamf({ hardware: { serialNumber: 'C02X1' } })
        .intune({ serialNumber: 'C02X1' })
        .build(),
    },
    {
      name: 'two records with empty or 0 serials are not the same Mac',
      fleet: fleet().legacyPartner().intune({ serialNumber: '' }).intune({ serialNumber: '0' }).build(),
    },
    {
      name: 'two records without a serial joined by their Entra device id are not duplicates by serial',
      fleet: fleet()
        .legacyPartner()
        .intune({ id: 'a', serialNumber: '', azureADDeviceId: '11111111-1111-1111-1111-111111111111' })
        .intune({ id: 'b', serialNumber: null, azureADDeviceId: '11111111-1111-1111-1111-111111111111' })
        .build(),
    },
    {
      name: 'two records of one Mac, only one of them with its serial',
      fleet: fleet()
        .legacyPartner()
        .intune({ id: 'a', serialNumber: 'C02X1', azureADDeviceId: '11111111-1111-1111-1111-111111111111' })
        .intune({ id: 'b', serialNumber: '', azureADDeviceId: '11111111-1111-1111-1111-111111111111' })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'two records for one serial; the newest (listed last) is kept',
      fleet: fleet()
        .legacyPartner()
        .intune({
          id: 'old',
          serialNumber: 'c02x1 ',
          deviceName: 'MBP-old',
          lastSyncDateTime: '2026-01-01T00:00:00Z',
          enrolledDateTime: '2025-06-01T00:00:00Z',
        })
        .intune({ id: 'new', serialNumber: 'C02X1', lastSyncDateTime: '2026-03-01T00:00:00.1234567Z' })
        .build(),
      findings: [
        {
          ...dup('C02X1', 'new', ['old']),
          text: {
            en: 'Serial C02X1 has 2 Intune records; keep new (newest sync), remove old',
            it: 'Il seriale C02X1 ha 2 record in Intune; mantenere new (sincronizzazione più recente), rimuovere old',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/managedDevices',
              record: 'old',
              fields: {
                serialNumber: 'c02x1 ',
                deviceName: 'MBP-old',
                lastSyncDateTime: '2026-01-01T00:00:00.000Z',
                enrolledDateTime: '2025-06-01T00:00:00.000Z',
                managementAgent: 'jamf',
              },
            },
            {
              source: 'graph/v1.0/deviceManagement/managedDevices',
              record: 'new',
              fields: {
                serialNumber: 'C02X1',
                deviceName: null,
                lastSyncDateTime: '2026-03-01T00:00:00.123Z',
                enrolledDateTime: null,
                managementAgent: 'jamf',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'the newest listed first is kept',
      fleet: fleet()
        .legacyPartner()
        .intune({ id: 'new', serialNumber: 'C1', lastSyncDateTime: '2026-03-01T00:00:00Z' })
        .intune({ id: 'old', serialNumber: 'C1', lastSyncDateTime: '2026-01-01T00:00:00Z' })
        .build(),
      findings: [dup('C1', 'new', ['old'])],
    },
    {
      name: 'three records, the newest in the middle',
      fleet: fleet()
        .legacyPartner()
        .intune({ id: 'mid', serialNumber: 'C1', lastSyncDateTime: '2026-02-01T00:00:00Z' })
        .intune({ id: 'new', serialNumber: 'C1', lastSyncDateTime: '2026-03-01T00:00:00Z' })
        .intune({ id: 'old', serialNumber: 'C1', lastSyncDateTime: '2026-01-01T00:00:00Z' })
        .build(),
      findings: [
        {
          ...dup('C1', 'new', ['mid', 'old']),
          text: {
            en: 'Serial C1 has 3 Intune records; keep new (newest sync), remove mid, old',
            it: 'Il seriale C1 ha 3 record in Intune; mantenere new (sincronizzazione più recente), rimuovere mid, old',
          },
        },
      ],
    },
    {
      name: 'a record that never synced loses to one that did, wherever it is listed',
      fleet: fleet()
        .legacyPartner()
        .intune({ id: 'never', serialNumber: 'C1', lastSyncDateTime: null })
        .intune({ id: 'synced', serialNumber: 'C1', lastSyncDateTime: '2026-01-01T00:00:00Z' })
        .intune({ id: 'never2', serialNumber: 'C1', lastSyncDateTime: null })
        .build(),
      findings: [dup('C1', 'synced', ['never', 'never2'])],
    },
    {
      name: 'a tie: the first listed is kept',
      fleet: fleet()
        .legacyPartner()
        .intune({ id: 'first', serialNumber: 'C1', lastSyncDateTime: '2026-01-01T00:00:00Z' })
        .intune({ id: 'second', serialNumber: 'C1', lastSyncDateTime: '2026-01-01T00:00:00Z' })
        .build(),
      findings: [dup('C1', 'first', ['second'])],
    },
    {
      name: 'none synced: the first listed is kept',
      fleet: fleet()
        .legacyPartner()
        .intune({ id: 'first', serialNumber: 'C1', lastSyncDateTime: null })
        .intune({ id: 'second', serialNumber: 'C1', lastSyncDateTime: null })
        .build(),
      findings: [dup('C1', 'first', ['second'])],
    },
    {
      name: 'only the records with the Mac’s serial are counted; one finding per Mac',
      fleet: fleet()
        .legacyPartner()
        .intune({ id: 'a1', serialNumber: 'A1', lastSyncDateTime: '2026-01-01T00:00:00Z' })
        .intune({
          id: 'x',
          serialNumber: '',
          azureADDeviceId: '11111111-1111-1111-1111-111111111111',
          lastSyncDateTime: '2026-09-01T00:00:00Z',
        })
        .intune({
          id: 'a2',
          serialNumber: 'A1',
          azureADDeviceId: '11111111-1111-1111-1111-111111111111',
          lastSyncDateTime: '2026-02-01T00:00:00Z',
        })
        .intune({ id: 'b1', serialNumber: 'B1' })
        .intune({ id: 'c1', serialNumber: 'C1', lastSyncDateTime: '2026-02-01T00:00:00Z' })
        .intune({ id: 'c2', serialNumber: 'C1', lastSyncDateTime: '2026-01-01T00:00:00Z' })
        .build(),
      findings: [dup('A1', 'a2', ['a1']), dup('C1', 'c1', ['c2'])],
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
    {
      name: 'Intune devices missing',
      fleet: fleet().legacyPartner().status('graph/v1.0/deviceManagement/managedDevices', 'missing').build(),
      reason: { kind: 'not-collected' },
    },
  ],
  notApplicable: [
    { name: 'device-compliance mode', fleet: fleet().compliancePartner().build() },
    { name: 'no integration', fleet: fleet().intune({ serialNumber: 'C1', managementAgent: 'mdm' }).build() },
  ],
});
