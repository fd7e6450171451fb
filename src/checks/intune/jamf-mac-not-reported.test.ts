import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './jamf-mac-not-reported.js';

const registered = (serial: string, deviceId: string) => ({
  general: { name: `MAC-${serial}` },
  hardware: { serialNumber: serial },
  localUserAccounts: [
    { username: 'ada', azureActiveDirectoryId: 'ACTIVATED', computerAzureActiveDirectoryId: deviceId },
  ],
});

testCheck(check, {
  valid: [
    {
      name: 'joined to its Intune record by Entra device id, not serial',
      fleet: fleet()
        .legacyPartner()
        .jamf(registered('C1', 'AAAA-1'))
        .intune({ serialNumber: null, azureADDeviceId: 'aaaa-1' })
        .build(),
    },
    {
      name: 'an unmanaged computer that registered once is not expected in Intune',
      fleet: fleet()
        .legacyPartner()
        .jamf({ ...registered('C1', 'dev-1'), general: { remoteManagement: { managed: false } } })
        .build(),
    },
    {
      name: 'a Mac with an Intune record by serial',
      fleet: fleet().legacyPartner().jamf(registered('C1', 'dev-1')).intune({ serialNumber: 'c1' }).build(),
    },
    {
      name: 'a Mac that never registered is another check',
      fleet: fleet()
        .legacyPartner()
        .jamf({
          hardware: { serialNumber: 'C2' },
          localUserAccounts: [{ username: 'x', azureActiveDirectoryId: 'DEACTIVATED' }],
        })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'activated but missing from Intune',
      fleet: fleet()
        .legacyPartner()
        .jamf({ id: '33', ...registered('C3', 'dev-3') })
        .intune({ serialNumber: 'OTHER' })
        .build(),
      findings: [
        {
          messageId: 'notReported',
          data: { name: 'MAC-C3', serial: 'C3', deviceId: 'dev-3' },
          subjects: ['C3'],
          text: {
            en: 'MAC-C3 (C3) is registered with Entra (device dev-3) but has no Intune record',
            it: 'MAC-C3 (C3) è registrato in Entra (dispositivo dev-3) ma non ha un record in Intune',
          },
          evidence: [
            {
              source: 'jamf/api/v1/computers-inventory',
              record: '33',
              fields: {
                'localUserAccounts[].username': ['ada'],
                'localUserAccounts[].azureActiveDirectoryId': ['ACTIVATED'],
                'localUserAccounts[].computerAzureActiveDirectoryId': ['dev-3'],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'the registered account’s device id, not the first local account’s',
      fleet: fleet()
        .legacyPartner()
        .jamf({
          general: { name: 'MAC-C4' },
          hardware: { serialNumber: 'C4' },
          localUserAccounts: [
            { username: 'local', azureActiveDirectoryId: null, computerAzureActiveDirectoryId: null },
            { username: 'admin', azureActiveDirectoryId: 'NOT_REGISTERED', computerAzureActiveDirectoryId: 'stale' },
            { username: 'ada', azureActiveDirectoryId: 'activated', computerAzureActiveDirectoryId: 'dev-4' },
            { username: 'bob', azureActiveDirectoryId: 'ACTIVATED', computerAzureActiveDirectoryId: 'dev-4b' },
          ],
        })
        .build(),
      findings: [{ messageId: 'notReported', data: { name: 'MAC-C4', serial: 'C4', deviceId: 'dev-4' } }],
    },
    {
      name: 'two Jamf computers of one Mac: the managed, registered one is named, once',
      fleet: fleet()
        .legacyPartner()
        .jamf({ ...registered('C5', 'unmanaged-dev'), general: { name: 'old', remoteManagement: { managed: false } } })
        .jamf({
          general: { name: 'plain' },
          hardware: { serialNumber: 'C5' },
          localUserAccounts: [{ username: 'x', azureActiveDirectoryId: 'DEACTIVATED' }],
        })
        .jamf({ ...registered('C5', 'dev-5'), general: { name: 'current' } })
        .jamf({ ...registered('C5', 'dev-5c'), general: { name: 'third' } })
        .build(),
      findings: [
        { messageId: 'notReported', data: { name: 'current', serial: 'C5', deviceId: 'dev-5' }, subjects: ['C5'] },
      ],
    },
    {
      name: 'no computer name and no device id',
      fleet: fleet()
        .legacyPartner()
        .jamf({
          general: { name: null },
          hardware: { serialNumber: 'C6' },
          localUserAccounts: [{ username: 'ada', azureActiveDirectoryId: 'ACTIVATED' }],
        })
        .jamf(registered('C7', 'dev-7'))
        .build(),
      findings: [
        {
          messageId: 'notReported',
          data: { name: 'C6', serial: 'C6', deviceId: '—' },
          text: {
            en: 'C6 (C6) is registered with Entra (device —) but has no Intune record',
            it: 'C6 (C6) è registrato in Entra (dispositivo —) ma non ha un record in Intune',
          },
        },
        { messageId: 'notReported', data: { name: 'MAC-C7', serial: 'C7', deviceId: 'dev-7' } },
      ],
    },
    {
      name: 'the registration state in any case',
      fleet: fleet()
        .legacyPartner()
        .jamf({
          general: { name: 'MAC-C8' },
          hardware: { serialNumber: 'C8' },
          localUserAccounts: [
            { username: 'ada', azureActiveDirectoryId: 'Activated', computerAzureActiveDirectoryId: 'dev-8' },
          ],
        })
        .build(),
      findings: [{ messageId: 'notReported', data: { name: 'MAC-C8', serial: 'C8', deviceId: 'dev-8' } }],
    },
  ],
  cannotCheck: [
    {
      name: 'Intune devices forbidden',
      fleet: fleet()
        .legacyPartner()
        .jamf(registered('C3', 'dev-3'))
        .status('graph/v1.0/deviceManagement/managedDevices', 'forbidden')
        .build(),
      reason: { kind: 'forbidden' },
    },
    {
      name: 'Jamf inventory missing',
      fleet: fleet().legacyPartner().status('jamf/computers-inventory', 'missing').build(),
      reason: { kind: 'not-collected' },
    },
    {
      name: 'Intune devices partial: a missing Mac is never reported as missing',
      fleet: fleet()
        .legacyPartner()
        .jamf(registered('C3', 'dev-3'))
        .status('graph/v1.0/deviceManagement/managedDevices', 'partial')
        .build(),
      reason: { kind: 'partial' },
    },
  ],
  notApplicable: [
    { name: 'device-compliance mode', fleet: fleet().compliancePartner().jamf(registered('C3', 'dev-3')).build() },
  ],
});
