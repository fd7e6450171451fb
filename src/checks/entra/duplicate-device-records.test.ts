import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './duplicate-device-records.js';

const jamfMac = (name: string, serial: string, deviceId: string) => ({
  general: { name },
  hardware: { serialNumber: serial },
  localUserAccounts: [
    { username: 'ada', azureActiveDirectoryId: 'ACTIVATED', computerAzureActiveDirectoryId: deviceId },
  ],
});

testCheck(check, {
  valid: [
    {
      name: 'one Entra object per Mac',
      fleet: fleet()
        .jamf(jamfMac('LON-1', 'C1', 'd1'))
        .entra({ deviceId: 'd1', displayName: 'LON-1' })
        .build(),
    },
    {
      name: 'Entra devices named alike but no Jamf computer of that name',
      fleet: fleet()
        .jamf(jamfMac('LON-1', 'C1', 'd1'))
        .entra({ deviceId: 'd1', displayName: 'LON-1' })
        .entra({ deviceId: 'd8', displayName: 'LON-8' })
        .entra({ deviceId: 'd9', displayName: 'lon-8' })
        .build(),
    },
    {
      name: 'devices without a name are not duplicates by name',
      fleet: fleet()
        .jamf(jamfMac('', 'C1', 'd1'))
        .entra({ deviceId: 'd1', displayName: '' })
        .entra({ deviceId: 'd2', displayName: '' })
        .entra({ deviceId: 'd3', displayName: null })
        .build(),
    },
    {
      name: 'two Macs named alike in Jamf: a shared name proves nothing',
      fleet: fleet()
        .jamf(jamfMac('MacBook Pro', 'C1', 'd1'))
        .jamf(jamfMac('MacBook Pro', 'C2', 'd2'))
        .entra({ deviceId: 'd1', displayName: 'MacBook Pro' })
        .entra({ deviceId: 'd2', displayName: 'MacBook Pro' })
        .entra({ deviceId: 'd3', displayName: 'MacBook Pro' })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'an old Intune record and the Jamf registration point to two Entra devices; Jamf’s is kept',
      fleet: fleet()
        .jamf(jamfMac('LON-2', 'C2', 'new'))
        .intune({ serialNumber: 'C2', azureADDeviceId: 'old', lastSyncDateTime: '2026-01-01T00:00:00Z' })
        .entra({ deviceId: 'old', displayName: 'LON-2', registrationDateTime: '2025-01-01T00:00:00Z' })
        .entra({ deviceId: 'new', displayName: 'LON-2', registrationDateTime: '2026-06-01T00:00:00Z' })
        .build(),
      findings: [
        {
          messageId: 'duplicates',
          data: { name: 'LON-2', count: 2, keep: 'new', remove: ['old'], byName: false },
          subjects: ['C2'],
          text: {
            en: 'LON-2 has 2 Entra device objects; keep new, remove old',
            it: 'LON-2 ha 2 oggetti dispositivo in Entra; mantenere new, rimuovere old',
          },
        },
      ],
    },
    {
      name: 'an orphaned Entra device with the Mac’s unique name',
      fleet: fleet()
        .jamf(jamfMac('NYC-MBA-0032', 'C3', 'cur'))
        .entra({ deviceId: 'cur', displayName: 'NYC-MBA-0032' })
        .entra({ deviceId: 'stale', displayName: 'nyc-mba-0032', operatingSystem: 'macOS' })
        .entra({ deviceId: 'win', displayName: 'NYC-MBA-0032', operatingSystem: 'Windows' })
        .build(),
      findings: [
        {
          messageId: 'duplicates',
          data: { name: 'NYC-MBA-0032', count: 2, keep: 'cur', remove: ['stale'], byName: true },
          text: {
            en: 'NYC-MBA-0032 has 2 Entra device objects (found by its name); keep cur, remove stale',
            it: 'NYC-MBA-0032 ha 2 oggetti dispositivo in Entra (trovati dal nome); mantenere cur, rimuovere stale',
          },
        },
      ],
    },
    {
      name: 'no registered account: the device of the Intune record that synced last is kept, wherever it is listed',
      fleet: fleet()
        .jamf({ general: { name: 'LON-4' }, hardware: { serialNumber: 'C4' } })
        .intune({ serialNumber: 'C4', azureADDeviceId: 'd-new', lastSyncDateTime: '2026-11-01T00:00:00Z' })
        .intune({ serialNumber: 'C4', azureADDeviceId: 'd-old', lastSyncDateTime: '2026-01-01T00:00:00Z' })
        .entra({ id: 'o1', deviceId: 'd-old', displayName: 'x', approximateLastSignInDateTime: '2026-11-20T00:00:00Z' })
        .entra({ id: 'o2', deviceId: 'd-new', displayName: 'y', approximateLastSignInDateTime: '2026-02-01T00:00:00Z' })
        .build(),
      findings: [
        {
          messageId: 'duplicates',
          data: { name: 'LON-4', count: 2, keep: 'd-new', remove: ['d-old'], byName: false },
          subjects: ['C4'],
          evidence: [
            {
              source: 'graph/v1.0/devices',
              record: 'o1',
              fields: {
                deviceId: 'd-old',
                displayName: 'x',
                registrationDateTime: null,
                approximateLastSignInDateTime: '2026-11-20T00:00:00.000Z',
                isCompliant: true,
                accountEnabled: true,
              },
            },
            {
              source: 'graph/v1.0/devices',
              record: 'o2',
              fields: {
                deviceId: 'd-new',
                displayName: 'y',
                registrationDateTime: null,
                approximateLastSignInDateTime: '2026-02-01T00:00:00.000Z',
                isCompliant: true,
                accountEnabled: true,
              },
            },
          ],
        },
      ],
    },
    {
      name: 'a deactivated account is not the registration; the activated one in any case is',
      fleet: fleet()
        .jamf({
          general: { name: 'LON-5' },
          hardware: { serialNumber: 'C5' },
          localUserAccounts: [
            { username: 'old', azureActiveDirectoryId: 'DEACTIVATED', computerAzureActiveDirectoryId: 'D-A' },
            { username: 'ada', azureActiveDirectoryId: 'activated', computerAzureActiveDirectoryId: 'D-B' },
          ],
        })
        .entra({ deviceId: 'd-a', displayName: 'LON-5', approximateLastSignInDateTime: '2026-11-28T00:00:00Z' })
        .entra({ deviceId: 'd-b', displayName: 'LON-5', approximateLastSignInDateTime: '2026-01-01T00:00:00Z' })
        .build(),
      findings: [
        { messageId: 'duplicates', data: { name: 'LON-5', count: 2, keep: 'd-b', remove: ['d-a'], byName: false } },
      ],
    },
    {
      name: 'the newest Intune record points to no device: the one that signed in (or registered) last is kept',
      fleet: fleet()
        .intune({
          serialNumber: 'C6',
          azureADDeviceId: 'e1',
          lastSyncDateTime: '2026-01-01T00:00:00Z',
          deviceName: 'LON-6',
        })
        .intune({ serialNumber: 'C6', azureADDeviceId: 'e2', lastSyncDateTime: null })
        .intune({ serialNumber: 'C6', azureADDeviceId: 'e3', lastSyncDateTime: '2026-02-01T00:00:00Z' })
        .intune({ serialNumber: 'C6', azureADDeviceId: null, lastSyncDateTime: '2026-11-01T00:00:00Z' })
        .entra({ deviceId: 'e1', displayName: 'LON-6', registrationDateTime: '2026-01-01T00:00:00Z' })
        .entra({ deviceId: 'e2', displayName: 'LON-6', registrationDateTime: '2026-09-01T00:00:00Z' })
        .entra({ deviceId: 'e3', displayName: 'LON-6', approximateLastSignInDateTime: '2026-05-01T00:00:00Z' })
        .build(),
      findings: [
        { messageId: 'duplicates', data: { name: 'LON-6', count: 3, keep: 'e2', remove: ['e1', 'e3'], byName: false } },
      ],
    },
    {
      name: 'names compared trimmed and in any case, beyond ASCII too',
      fleet: fleet()
        .jamf(jamfMac('Café-MBP ', 'C7', 'cur'))
        .entra({ deviceId: 'cur', displayName: 'Café-MBP' })
        .entra({ deviceId: 'stale', displayName: ' CAFÉ-mbp' })
        .entra({ deviceId: 'other', displayName: 'Cafe-MBP' })
        .build(),
      findings: [
        {
          messageId: 'duplicates',
          data: { name: 'Café-MBP ', count: 2, keep: 'cur', remove: ['stale'], byName: true },
          subjects: ['C7'],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'Entra devices forbidden',
      fleet: fleet().status('graph/v1.0/devices', 'forbidden').build(),
      reason: { kind: 'forbidden', dataset: 'graph/v1.0/devices' },
    },
    {
      name: 'Entra devices missing',
      fleet: fleet().status('graph/v1.0/devices', 'missing').build(),
      reason: { kind: 'not-collected', dataset: 'graph/v1.0/devices' },
    },
  ],
});
