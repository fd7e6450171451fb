import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './jamf-entra-mismatch.js';

const mac = (id: string, serial: string, deviceId: string) => ({
  id,
  general: { name: `MAC-${serial}` },
  hardware: { serialNumber: serial },
  localUserAccounts: [
    { username: 'ada', azureActiveDirectoryId: 'ACTIVATED', computerAzureActiveDirectoryId: deviceId },
  ],
});
const info = (deviceIds: string[], complianceState = 'COMPLIANT', applicable = true) => ({
  deviceId: 'x',
  applicable,
  complianceState,
  complianceVendor: 'Microsoft Intune',
  complianceVendorDeviceInformation: [{ deviceIds }],
});
const dc = () => fleet().compliancePartner();

testCheck(check, {
  valid: [
    {
      name: 'compliant on both sides',
      fleet: dc()
        .jamf(mac('101', 'C1', 'd1'))
        .jamfCompliance('101', info(['D1']))
        .entra({ deviceId: 'd1', isCompliant: true })
        .build(),
    },
    {
      name: 'not applicable, or still being calculated',
      fleet: dc()
        .jamf(mac('101', 'C1', 'd1'))
        .jamfCompliance('101', info(['d1'], 'UNKNOWN'))
        .jamf(mac('102', 'C2', 'd2'))
        .jamfCompliance('102', info([], 'NON_COMPLIANT', false))
        .entra({ deviceId: 'd1', isCompliant: null })
        .build(),
    },
    {
      name: 'unparseable device ids are dropped; the parseable one is compliant',
      fleet: dc()
        .jamf(mac('101', 'C1', 'd1'))
        .jamfCompliance('101', info(['0', '00000000-0000-0000-0000-000000000000', ' D1 ']))
        .entra({ deviceId: 'd1', isCompliant: true })
        .build(),
    },
    {
      name: 'an unmanaged computer is not compared',
      fleet: dc()
        .jamf({ ...mac('101', 'C1', 'd1'), general: { name: 'x', remoteManagement: { managed: false } } })
        .jamfCompliance('101', info(['d1']))
        .entra({ deviceId: 'd1', isCompliant: false })
        .build(),
    },
    {
      name: 'no compliance state at all is not COMPLIANT',
      fleet: dc()
        .jamf(mac('101', 'C1', 'd1'))
        .jamfCompliance('101', { ...info(['d1']), complianceState: null })
        .entra({ deviceId: 'd1', isCompliant: false })
        .build(),
    },
    {
      name: 'two Jamf computers of one Mac: each is compared with its own compliance',
      fleet: dc()
        .jamf(mac('101', 'C1', 'd1'))
        .jamf(mac('102', 'C1', 'd2'))
        .jamfCompliance('101', info(['d1']))
        .jamfCompliance('102', info(['d2'], 'UNKNOWN'))
        .entra({ deviceId: 'd1', isCompliant: true })
        .entra({ deviceId: 'd2', isCompliant: false })
        .build(),
    },
    {
      name: 'a computer outside every compliance integration (an empty answer)',
      fleet: dc()
        .jamf(mac('101', 'C1', 'd1'))
        .entra({ deviceId: 'd1', isCompliant: false })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'Jamf says compliant, Entra says not',
      fleet: dc()
        .jamf(mac('101', 'C1', 'd1'))
        .jamfCompliance('101', info(['d1']))
        .entra({
          id: 'e1',
          deviceId: 'd1',
          displayName: 'MAC-C1',
          isCompliant: false,
          registrationDateTime: '2026-01-02T03:04:05Z',
        })
        .build(),
      findings: [
        {
          messageId: 'entraNoncompliant',
          data: { name: 'MAC-C1', computer: '101', deviceId: 'd1', isCompliant: false },
          subjects: ['C1'],
          text: {
            en: 'MAC-C1: Jamf Pro computer 101 is COMPLIANT, but Entra device d1 has isCompliant false',
            it: 'MAC-C1: il computer Jamf Pro 101 è COMPLIANT, ma il dispositivo Entra d1 ha isCompliant false',
          },
          evidence: [
            {
              source: 'jamf/api/v1/conditional-access/device-compliance-information/computer/101',
              record: '101',
              fields: {
                applicable: true,
                complianceState: 'COMPLIANT',
                'complianceVendorDeviceInformation.deviceIds': ['d1'],
              },
            },
            {
              source: 'graph/v1.0/devices',
              record: 'e1',
              fields: {
                deviceId: 'd1',
                displayName: 'MAC-C1',
                isCompliant: false,
                registrationDateTime: '2026-01-02T03:04:05.000Z',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'two Jamf computers of one Mac: only the one whose own compliance disagrees is reported',
      fleet: dc()
        .jamf(mac('101', 'C1', 'd1'))
        .jamf(mac('102', 'C1', 'd2'))
        .jamfCompliance('101', info(['d1'], 'UNKNOWN'))
        .jamfCompliance('102', info(['d2'], 'compliant'))
        .entra({ deviceId: 'd1', isCompliant: false })
        .entra({ deviceId: 'd2', isCompliant: null })
        .build(),
      findings: [
        {
          messageId: 'entraNoncompliant',
          data: { name: 'MAC-C1', computer: '102', deviceId: 'd2', isCompliant: null },
          subjects: ['C1'],
          text: {
            en: 'MAC-C1: Jamf Pro computer 102 is COMPLIANT, but Entra device d2 has isCompliant not set',
            it: 'MAC-C1: il computer Jamf Pro 102 è COMPLIANT, ma il dispositivo Entra d2 ha isCompliant non impostato',
          },
        },
      ],
    },
    {
      name: 'each device id Jamf sends to is compared; an unnamed computer is named by its serial',
      fleet: dc()
        .jamf({ ...mac('101', 'C1', 'd1'), general: { name: null } })
        .jamfCompliance('101', info(['d1', '0', 'gone', 'd3']))
        .entra({ deviceId: 'd1', isCompliant: true })
        .entra({ deviceId: 'd3', isCompliant: false })
        .build(),
      findings: [
        { messageId: 'entraMissing', data: { name: 'C1', computer: '101', deviceId: 'gone' }, subjects: ['C1'] },
        {
          messageId: 'entraNoncompliant',
          data: { name: 'C1', computer: '101', deviceId: 'd3', isCompliant: false },
          subjects: ['C1'],
        },
      ],
    },
    {
      name: 'the Entra device Jamf sends to does not exist',
      fleet: dc()
        .jamf(mac('101', 'C1', 'd1'))
        .jamfCompliance('101', info(['gone']))
        .entra({ deviceId: 'd1' })
        .build(),
      findings: [
        {
          messageId: 'entraMissing',
          data: { name: 'MAC-C1', computer: '101', deviceId: 'gone' },
          text: {
            en: 'MAC-C1: Jamf Pro sends the compliance of computer 101 to Entra device gone, which does not exist',
            it: 'MAC-C1: Jamf Pro invia la conformità del computer 101 al dispositivo Entra gone, che non esiste',
          },
        },
      ],
    },
    {
      name: 'applicable but no Entra device known',
      fleet: dc()
        .jamf(mac('101', 'C1', 'd1'))
        .jamfCompliance('101', info([], 'NON_COMPLIANT'))
        .build(),
      findings: [
        {
          messageId: 'noEntraDevice',
          data: { name: 'MAC-C1', computer: '101' },
          severity: 'medium',
          text: {
            en: 'MAC-C1: Device Compliance applies to Jamf Pro computer 101, but Jamf Pro knows no Entra device for it',
            it: 'MAC-C1: Device Compliance si applica al computer Jamf Pro 101, ma Jamf Pro non conosce alcun dispositivo Entra per esso',
          },
          evidence: [
            {
              source: 'jamf/api/v1/conditional-access/device-compliance-information/computer/101',
              record: '101',
              fields: {
                applicable: true,
                complianceState: 'NON_COMPLIANT',
                'complianceVendorDeviceInformation.deviceIds': [],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'only unparseable device ids: no Entra device known',
      fleet: dc()
        .jamf(mac('101', 'C1', 'd1'))
        .jamfCompliance('101', info(['00000000-0000-0000-0000-000000000000', ' ']))
        .build(),
      findings: [{ messageId: 'noEntraDevice', data: { name: 'MAC-C1', computer: '101' } }],
    },
  ],
  cannotCheck: [
    {
      name: 'compliance information not collected',
      fleet: dc()
        .status('jamf/api/v1/conditional-access/device-compliance-information/computer/{id}', 'missing')
        .build(),
      reason: { kind: 'not-collected' },
    },
    {
      name: 'compliance information partial',
      fleet: dc()
        .status('jamf/api/v1/conditional-access/device-compliance-information/computer/{id}', 'partial')
        .build(),
      reason: { kind: 'partial' },
    },
  ],
  notApplicable: [{ name: 'legacy mode', fleet: fleet().legacyPartner().build() }],
});
