import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './enrolled-outside-jamf.js';

// managementAgent values as Graph's managedDevice documents them (managementAgentType: mdm, jamf, …):
// https://learn.microsoft.com/graph/api/resources/intune-devices-manageddevice
const jamfMac = { general: { name: 'LON-MBP-0417' }, hardware: { serialNumber: 'C02XK1ABCD12' } };

testCheck(check, {
  valid: [
    {
      name: 'Device Compliance: the Jamf Mac is not in Intune at all',
      fleet: fleet()
        .compliancePartner()
        .jamf(jamfMac)
        .intune({ serialNumber: 'C02OTHER0001', managementAgent: 'mdm' })
        .build(),
    },
    {
      name: 'Device Compliance: an Intune-enrolled Mac that Jamf knows but does not manage (near miss)',
      fleet: fleet()
        .compliancePartner()
        .jamf({ ...jamfMac, general: { name: 'LON-MBP-0417', remoteManagement: { managed: false } } })
        .intune({ serialNumber: 'C02XK1ABCD12', managementAgent: 'mdm' })
        .build(),
    },
    {
      name: 'the Intune record comes from Jamf',
      fleet: fleet()
        .legacyPartner()
        .jamf(jamfMac)
        .intune({ serialNumber: 'C02XK1ABCD12', managementAgent: 'jamf' })
        .build(),
    },
    {
      name: 'a Mac Jamf no longer manages may be enrolled directly',
      fleet: fleet()
        .legacyPartner()
        .jamf({ ...jamfMac, general: { name: 'x', remoteManagement: { managed: false } } })
        .intune({ serialNumber: 'C02XK1ABCD12', managementAgent: 'mdm' })
        .build(),
    },
    {
      name: 'an Intune record without a management agent says nothing',
      fleet: fleet()
        .legacyPartner()
        .jamf(jamfMac)
        .intune({ serialNumber: 'C02XK1ABCD12', managementAgent: null })
        .build(),
    },
    {
      name: 'an Intune-enrolled Mac that Jamf does not manage is fine',
      fleet: fleet().legacyPartner().intune({ serialNumber: 'C9', managementAgent: 'mdm' }).build(),
    },
  ],
  invalid: [
    {
      name: 'the Mac is named by Jamf, its serial trimmed and upper-cased',
      fleet: fleet()
        .compliancePartner()
        .jamf({ general: { name: 'LON-MBP-0418' }, hardware: { serialNumber: ' c02xk1abcd13' } })
        .intune({ id: 'direct', serialNumber: 'C02XK1ABCD13', managementAgent: 'mdm' })
        .build(),
      findings: [
        {
          messageId: 'directEnrolmentDc',
          data: { name: 'LON-MBP-0418', serial: 'C02XK1ABCD13', agent: 'mdm', record: 'direct' },
        },
      ],
    },
    {
      name: 'a Jamf Mac with an MDM record beside its Jamf record',
      fleet: fleet()
        .legacyPartner()
        .jamf({ id: 'jm', ...jamfMac })
        .intune({ serialNumber: 'C02XK1ABCD12', managementAgent: 'jamf' })
        .intune({ id: 'direct', serialNumber: 'c02xk1abcd12', managementAgent: 'mdm' })
        .build(),
      findings: [
        {
          messageId: 'directEnrolment',
          data: { name: 'LON-MBP-0417', serial: 'C02XK1ABCD12', agent: 'mdm', record: 'direct' },
          subjects: ['C02XK1ABCD12'],
          text: {
            en: 'LON-MBP-0417 (C02XK1ABCD12) is managed by Jamf but has Intune record direct with management agent mdm',
            it: 'LON-MBP-0417 (C02XK1ABCD12) è gestito da Jamf ma ha il record Intune direct con agente di gestione mdm',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/managedDevices',
              record: 'direct',
              fields: {
                deviceName: null,
                serialNumber: 'c02xk1abcd12',
                managementAgent: 'mdm',
                enrolledDateTime: null,
                lastSyncDateTime: '2026-11-29T08:00:00.000Z',
              },
            },
            {
              source: 'jamf/api/v1/computers-inventory',
              record: 'jm',
              fields: { name: 'LON-MBP-0417', serialNumber: 'C02XK1ABCD12', managed: true },
            },
          ],
        },
      ],
    },
    {
      name: 'Device Compliance: a Jamf Mac also enrolled in Intune by Company Portal',
      fleet: fleet()
        .compliancePartner()
        .jamf(jamfMac)
        .intune({ id: 'direct', serialNumber: 'C02XK1ABCD12', managementAgent: 'mdm' })
        .build(),
      findings: [
        {
          messageId: 'directEnrolmentDc',
          text: {
            en: "LON-MBP-0417 (C02XK1ABCD12) is managed by Jamf Device Compliance but is also enrolled in Intune (record direct, management agent mdm): Intune evaluates it with its own policies and ignores Jamf Pro's compliance",
            it: 'LON-MBP-0417 (C02XK1ABCD12) è gestito da Jamf Device Compliance ma è anche registrato in Intune (record direct, agente di gestione mdm): Intune lo valuta con i propri criteri e ignora la conformità di Jamf Pro',
          },
          data: { name: 'LON-MBP-0417', serial: 'C02XK1ABCD12', agent: 'mdm', record: 'direct' },
          subjects: ['C02XK1ABCD12'],
          severity: 'high',
        },
      ],
    },
    {
      name: 'two records enrolled outside Jamf, listed after the Jamf one; the managed computer is the evidence',
      fleet: fleet()
        .legacyPartner()
        .jamf({
          id: 'old',
          general: { name: 'OLD', remoteManagement: { managed: false } },
          hardware: { serialNumber: 'C5' },
        })
        .jamf({ id: 'cur', general: { name: 'CUR' }, hardware: { serialNumber: 'C5' } })
        .intune({ id: 'j', serialNumber: 'C5', managementAgent: 'jamf' })
        .intune({ id: 'a', serialNumber: 'C5', managementAgent: 'mdm' })
        .intune({ id: 'b', serialNumber: 'C5', managementAgent: 'intuneClient' })
        .build(),
      findings: [
        {
          messageId: 'directEnrolment',
          data: { name: 'OLD', serial: 'C5', agent: 'mdm', record: 'a' },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/managedDevices',
              record: 'a',
              fields: {
                deviceName: null,
                serialNumber: 'C5',
                managementAgent: 'mdm',
                enrolledDateTime: null,
                lastSyncDateTime: '2026-11-29T08:00:00.000Z',
              },
            },
            {
              source: 'jamf/api/v1/computers-inventory',
              record: 'cur',
              fields: { name: 'CUR', serialNumber: 'C5', managed: true },
            },
          ],
        },
        { messageId: 'directEnrolment', data: { name: 'OLD', serial: 'C5', agent: 'intuneClient', record: 'b' } },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'Device Compliance: Intune devices forbidden',
      fleet: fleet()
        .compliancePartner()
        .status('graph/v1.0/deviceManagement/managedDevices', 'forbidden', {
          needs: ['DeviceManagementManagedDevices.Read.All'],
        })
        .build(),
      reason: { kind: 'forbidden' },
    },
    {
      name: 'Jamf inventory missing',
      fleet: fleet().legacyPartner().status('jamf/computers-inventory', 'missing').build(),
      reason: { kind: 'not-collected' },
    },
    {
      name: 'Intune devices partial',
      fleet: fleet().legacyPartner().status('graph/v1.0/deviceManagement/managedDevices', 'partial').build(),
      reason: { kind: 'partial' },
    },
  ],
  notApplicable: [{ name: 'no integration configured', fleet: fleet().build() }],
});
