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
      name: 'two compliant records, each with its compliant Entra device',
      fleet: fleet()
        .intune({ serialNumber: 'C1', azureADDeviceId: 'd1' })
        .intune({ serialNumber: 'C1', azureADDeviceId: 'd2' })
        .entra({ deviceId: 'd1', isCompliant: true })
        .entra({ deviceId: 'd2', isCompliant: true })
        .build(),
    },
    {
      name: 'a noncompliant record without an Entra device is not this problem either',
      fleet: fleet()
        .intune({ serialNumber: 'C1', complianceState: 'noncompliant', azureADDeviceId: 'gone' })
        .intune({ serialNumber: 'C2', complianceState: 'unknown', azureADDeviceId: '' })
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
        .entra({
          id: 'e-1',
          deviceId: 'd1',
          displayName: 'LON-1-entra',
          isCompliant: false,
          isManaged: true,
          registrationDateTime: '2026-01-02T03:04:05Z',
        })
        .build(),
      findings: [
        {
          messageId: 'entraNoncompliant',
          data: { name: 'LON-1', intune: 'md-1', deviceId: 'd1', isCompliant: false },
          subjects: ['C1'],
          text: {
            en: 'LON-1: Intune record md-1 is compliant, but Entra device d1 has isCompliant false',
            it: 'LON-1: il record Intune md-1 è conforme, ma il dispositivo Entra d1 ha isCompliant false',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/managedDevices',
              record: 'md-1',
              fields: {
                deviceName: 'LON-1',
                serialNumber: 'C1',
                complianceState: 'compliant',
                azureADDeviceId: 'd1',
                lastSyncDateTime: '2026-11-29T08:00:00.000Z',
              },
            },
            {
              source: 'graph/v1.0/devices',
              record: 'e-1',
              fields: {
                deviceId: 'd1',
                displayName: 'LON-1-entra',
                isCompliant: false,
                isManaged: true,
                registrationDateTime: '2026-01-02T03:04:05.000Z',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'a Mac already flagged: only its records whose Entra device is not compliant are reported',
      fleet: fleet()
        .intune({ id: 'md-a', deviceName: 'LON-5', serialNumber: 'C5', azureADDeviceId: 'ok' })
        .intune({ id: 'md-b', deviceName: 'LON-5', serialNumber: 'C5', azureADDeviceId: 'bad' })
        .intune({ id: 'md-c', deviceName: 'LON-5', serialNumber: 'C5', azureADDeviceId: 'ok2' })
        .intune({
          id: 'md-d',
          deviceName: 'LON-5',
          serialNumber: 'C5',
          complianceState: 'noncompliant',
          azureADDeviceId: 'bad2',
        })
        .entra({ deviceId: 'ok', isCompliant: true })
        .entra({ deviceId: 'bad', isCompliant: false })
        .entra({ deviceId: 'ok2', isCompliant: true })
        .entra({ deviceId: 'bad2', isCompliant: false })
        .build(),
      findings: [
        {
          messageId: 'entraNoncompliant',
          data: { name: 'LON-5', intune: 'md-b', deviceId: 'bad', isCompliant: false },
        },
      ],
    },
    {
      name: 'the suspect record listed after a sound one, and a second Mac',
      fleet: fleet()
        .intune({ id: 'md-a', deviceName: 'LON-6', serialNumber: 'C6', azureADDeviceId: 'ok' })
        .intune({ id: 'md-b', deviceName: 'LON-6', serialNumber: 'C6', azureADDeviceId: 'gone' })
        .entra({ deviceId: 'ok', isCompliant: true })
        .intune({ id: 'md-c', deviceName: 'LON-7', serialNumber: 'C7', azureADDeviceId: 'ok7' })
        .entra({ deviceId: 'ok7', isCompliant: true })
        .intune({ id: 'md-d', serialNumber: 'C8', azureADDeviceId: 'gone8' })
        .build(),
      findings: [
        { messageId: 'entraMissing', data: { name: 'LON-6', intune: 'md-b', deviceId: 'gone' }, subjects: ['C6'] },
        { messageId: 'entraMissing', data: { name: 'C8', intune: 'md-d', deviceId: 'gone8' }, subjects: ['C8'] },
      ],
    },
    {
      name: 'Entra compliance never set',
      fleet: fleet()
        .intune({ id: 'md-2', deviceName: 'LON-2', serialNumber: 'C2', azureADDeviceId: 'd2' })
        .entra({ deviceId: 'd2', isCompliant: null })
        .build(),
      findings: [
        {
          messageId: 'entraNoncompliant',
          data: { name: 'LON-2', intune: 'md-2', deviceId: 'd2', isCompliant: null },
          text: {
            en: 'LON-2: Intune record md-2 is compliant, but Entra device d2 has isCompliant not set',
            it: 'LON-2: il record Intune md-2 è conforme, ma il dispositivo Entra d2 ha isCompliant non impostato',
          },
        },
      ],
    },
    {
      name: 'the Entra device does not exist',
      fleet: fleet().intune({ id: 'md-3', deviceName: 'LON-3', serialNumber: 'C3', azureADDeviceId: 'gone' }).build(),
      findings: [
        {
          messageId: 'entraMissing',
          data: { name: 'LON-3', intune: 'md-3', deviceId: 'gone' },
          text: {
            en: 'LON-3: Intune record md-3 is compliant, but Entra has no device gone',
            it: 'LON-3: il record Intune md-3 è conforme, ma Entra non ha il dispositivo gone',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/managedDevices',
              record: 'md-3',
              fields: {
                deviceName: 'LON-3',
                serialNumber: 'C3',
                complianceState: 'compliant',
                azureADDeviceId: 'gone',
                lastSyncDateTime: '2026-11-29T08:00:00.000Z',
              },
            },
          ],
        },
      ],
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
      findings: [
        {
          messageId: 'notRegistered',
          data: { name: 'LON-4', intune: 'md-4' },
          text: {
            en: 'LON-4: Intune record md-4 is compliant, but it points to no Entra device (azureADDeviceId empty)',
            it: 'LON-4: il record Intune md-4 è conforme, ma non punta ad alcun dispositivo Entra (azureADDeviceId vuoto)',
          },
        },
      ],
    },
    {
      name: 'a record without an Entra device id beside a sound one',
      fleet: fleet()
        .intune({ id: 'md-a', deviceName: 'LON-9', serialNumber: 'C9', azureADDeviceId: 'ok' })
        .intune({ id: 'md-b', deviceName: 'LON-9', serialNumber: 'C9', azureADDeviceId: null })
        .entra({ deviceId: 'ok', isCompliant: true })
        .build(),
      findings: [{ messageId: 'notRegistered', data: { name: 'LON-9', intune: 'md-b' }, subjects: ['C9'] }],
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
    {
      name: 'Intune devices partial',
      fleet: fleet().status('graph/v1.0/deviceManagement/managedDevices', 'partial').build(),
      reason: { kind: 'partial', dataset: 'graph/v1.0/deviceManagement/managedDevices' },
    },
    {
      name: 'Entra devices missing',
      fleet: fleet().status('graph/v1.0/devices', 'missing').build(),
      reason: { kind: 'not-collected', dataset: 'graph/v1.0/devices' },
    },
  ],
});
