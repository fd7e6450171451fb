import { describe, expect, it } from 'vitest';
import { permissionsFromGraph403 } from './datasets.js';

describe('permissionsFromGraph403', () => {
  it('reads the scopes from Intune’s JSON-in-a-string message (current and older nested forms)', () => {
    const current = {
      error: {
        code: 'UnknownError',
        message: JSON.stringify({
          _version: 3,
          Message:
            'Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementManagedDevices.ReadWrite.All, DeviceManagementManagedDevices.Read.All - Operation ID (for customer support): 00000000 - Activity ID: x - Url: https://fef.msua06.manage.microsoft.com/x',
          RetryAfter: null,
        }),
      },
    };
    expect(permissionsFromGraph403(current)).toEqual(['DeviceManagementManagedDevices.Read.All']);
    const older = {
      error: {
        code: 'UnknownError',
        message: JSON.stringify({
          ErrorCode: 'Forbidden',
          Message: JSON.stringify({
            _version: 3,
            Message:
              'Application must have one of the following scopes: DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All - Operation ID: 1',
          }),
        }),
      },
    };
    expect(permissionsFromGraph403(older)).toEqual(['DeviceManagementConfiguration.Read.All']);
    expect(
      permissionsFromGraph403({
        error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
      }),
    ).toEqual([]);
  });
});
