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
        .entra({ deviceId: 'd1', isCompliant: false })
        .build(),
      findings: [
        {
          messageId: 'entraNoncompliant',
          data: { name: 'MAC-C1', computer: '101', deviceId: 'd1', isCompliant: false },
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
      findings: [{ messageId: 'entraMissing', data: { name: 'MAC-C1', computer: '101', deviceId: 'gone' } }],
    },
    {
      name: 'applicable but no Entra device known',
      fleet: dc()
        .jamf(mac('101', 'C1', 'd1'))
        .jamfCompliance('101', info([], 'NON_COMPLIANT'))
        .build(),
      findings: [{ messageId: 'noEntraDevice', data: { name: 'MAC-C1', computer: '101' }, severity: 'medium' }],
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
