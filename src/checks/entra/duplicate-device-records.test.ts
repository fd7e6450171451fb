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
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'Entra devices missing',
      fleet: fleet().status('graph/v1.0/devices', 'missing').build(),
      reason: { kind: 'not-collected', dataset: 'graph/v1.0/devices' },
    },
  ],
});
