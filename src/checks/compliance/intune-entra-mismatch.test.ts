import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './intune-entra-mismatch.js';

testCheck(check, {
  valid: [
    {
      name: 'compliant on both sides',
      fleet: fleet()
        .intune({ serialNumber: 'C1', azureADDeviceId: 'D1' })
        .entra({ deviceId: 'd1', isCompliant: true })
        .build(),
    },
    {
      name: 'noncompliant in Intune is not this problem',
      fleet: fleet()
        .intune({ serialNumber: 'C1', complianceState: 'noncompliant', azureADDeviceId: 'd1' })
        .entra({ deviceId: 'd1', isCompliant: false })
        .build(),
    },
    {
      name: 'Windows records are not Macs',
      fleet: fleet()
        .intune({ operatingSystem: 'Windows', managementAgent: 'mdm', serialNumber: 'W1', azureADDeviceId: 'w1' })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'Entra says not compliant',
      fleet: fleet()
        .intune({ id: 'md-1', deviceName: 'LON-1', serialNumber: 'C1', azureADDeviceId: 'd1' })
        .entra({ deviceId: 'd1', isCompliant: false })
        .build(),
      findings: [
        {
          messageId: 'entraNoncompliant',
          data: { name: 'LON-1', intune: 'md-1', deviceId: 'd1', isCompliant: false },
          subjects: ['C1'],
        },
      ],
    },
    {
      name: 'Entra compliance never set',
      fleet: fleet()
        .intune({ id: 'md-2', deviceName: 'LON-2', serialNumber: 'C2', azureADDeviceId: 'd2' })
        .entra({ deviceId: 'd2', isCompliant: null })
        .build(),
      findings: [
        { messageId: 'entraNoncompliant', data: { name: 'LON-2', intune: 'md-2', deviceId: 'd2', isCompliant: null } },
      ],
    },
    {
      name: 'the Entra device does not exist',
      fleet: fleet().intune({ id: 'md-3', deviceName: 'LON-3', serialNumber: 'C3', azureADDeviceId: 'gone' }).build(),
      findings: [{ messageId: 'entraMissing', data: { name: 'LON-3', intune: 'md-3', deviceId: 'gone' } }],
    },
    {
      name: 'no Entra device id at all',
      fleet: fleet()
        .intune({
          id: 'md-4',
          deviceName: 'LON-4',
          serialNumber: 'C4',
          azureADDeviceId: '00000000-0000-0000-0000-000000000000',
        })
        .build(),
      findings: [{ messageId: 'notRegistered', data: { name: 'LON-4', intune: 'md-4' } }],
    },
  ],
  cannotCheck: [
    {
      name: 'Entra devices forbidden',
      fleet: fleet()
        .status('graph/v1.0/devices', 'forbidden', { needs: ['Device.Read.All'] })
        .build(),
      reason: { kind: 'forbidden', dataset: 'graph/v1.0/devices', needs: ['Device.Read.All'] },
    },
  ],
});
