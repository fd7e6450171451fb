import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './check-in-overdue.js';

const NOW = '2026-11-29T09:30:00Z';

testCheck(check, {
  valid: [
    {
      name: 'checked in 23 hours ago (v1 lastContactTime)',
      fleet: fleet(NOW)
        .jamf({ hardware: { serialNumber: 'C1' }, general: { lastContactTime: '2026-11-28T10:30:00Z' } })
        .build(),
    },
    {
      name: 'v4 lastCheckIn with seven fractional digits',
      fleet: fleet(NOW)
        .jamf(
          {
            hardware: { serialNumber: 'C1' },
            general: { lastContactTime: undefined, lastCheckIn: '2026-11-29T09:00:00.1234567Z' },
          },
          4,
        )
        .build(),
    },
    {
      name: 'an unmanaged computer is not expected to check in',
      fleet: fleet(NOW)
        .jamf({
          hardware: { serialNumber: 'C1' },
          general: { remoteManagement: { managed: false }, lastContactTime: '2026-01-01T00:00:00Z' },
        })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'three days without a check-in, with the tenant’s frequency',
      fleet: fleet(NOW)
        .jamf({
          hardware: { serialNumber: 'c2 ' },
          general: { name: 'NYC-MBA-0032', lastContactTime: '2026-11-26T09:30:00Z' },
        })
        .build(),
      findings: [
        {
          messageId: 'overdue',
          data: { name: 'NYC-MBA-0032', lastCheckIn: '2026-11-26T09:30:00.000Z', hours: 72, frequency: 15 },
          subjects: ['C2'],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'no check-in time at all',
      fleet: fleet(NOW)
        .jamf({ hardware: { serialNumber: 'C1' }, general: { lastContactTime: null } })
        .build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'inventory partial',
      fleet: fleet(NOW)
        .status('jamf/computers-inventory', 'partial', { error: 'page 9: connection reset after 5 retries' })
        .build(),
      reason: { kind: 'partial', detail: 'page 9: connection reset after 5 retries' },
    },
  ],
});
