import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './check-in-overdue.js';

const NOW = '2026-11-29T09:30:00Z';
// The rule: a managed computer is overdue when more than 24 hours (strictly) have passed since its last check-in.
const EXACTLY_24H = '2026-11-28T09:30:00Z';
const JUST_OVER_24H = '2026-11-28T09:29:59.999Z';
const AT_24H_01 = '2026-11-28T09:29:00Z';
const AT_23H_59 = '2026-11-28T09:31:00Z';
const AT_25H = '2026-11-28T08:30:00Z';

const overdue = (name: string, serial: string, lastCheckIn: string, hours: number, frequency: number) => ({
  messageId: 'overdue',
  data: { name, lastCheckIn, hours, frequency },
  subjects: [serial],
});

testCheck(check, {
  valid: [
    {
      name: 'checked in 23 hours ago (v1 lastContactTime)',
      fleet: fleet(NOW)
        .jamf({ hardware: { serialNumber: 'C1' }, general: { lastContactTime: '2026-11-28T10:30:00Z' } })
        .build(),
    },
    {
      name: 'checked in 23 h 59 min ago',
      fleet: fleet(NOW)
        .jamf({ hardware: { serialNumber: 'C1' }, general: { lastContactTime: AT_23H_59 } })
        .build(),
    },
    {
      name: 'checked in exactly 24 hours ago: not yet overdue',
      fleet: fleet(NOW)
        .jamf({ hardware: { serialNumber: 'C1' }, general: { lastContactTime: EXACTLY_24H } })
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
    {
      name: 'an unmanaged computer without any check-in time is not unknown either',
      fleet: fleet(NOW)
        .jamf({
          hardware: { serialNumber: 'C1' },
          general: { remoteManagement: { managed: false }, lastContactTime: null },
        })
        .build(),
    },
    {
      name: 'no Jamf computers at all',
      fleet: fleet(NOW).intune({ serialNumber: 'C1' }).build(),
    },
  ],
  invalid: [
    {
      name: 'three days without a check-in, with the tenant’s frequency',
      fleet: fleet(NOW)
        .checkInFrequency(30)
        .jamf({
          id: '32',
          hardware: { serialNumber: 'c2 ' },
          general: {
            name: 'NYC-MBA-0032',
            lastContactTime: '2026-11-26T09:30:00Z',
            reportDate: '2026-11-26T09:00:00Z',
          },
        })
        .build(),
      findings: [
        {
          ...overdue('NYC-MBA-0032', 'C2', '2026-11-26T09:30:00.000Z', 72, 30),
          text: {
            en: 'NYC-MBA-0032 last checked in 2026-11-26T09:30:00.000Z (72 h ago; expected every 30 min)',
            it: "NYC-MBA-0032 ha eseguito l'ultimo check-in il 2026-11-26T09:30:00.000Z (72 h fa; previsto ogni 30 min)",
          },
          evidence: [
            {
              source: 'jamf/api/v1/computers-inventory',
              record: '32',
              fields: {
                name: 'NYC-MBA-0032',
                serialNumber: 'c2 ',
                lastCheckIn: '2026-11-26T09:30:00.000Z',
                lastContact: null,
                reportDate: '2026-11-26T09:00:00.000Z',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'one millisecond over 24 hours',
      fleet: fleet(NOW)
        .checkInFrequency(5)
        .jamf({ hardware: { serialNumber: 'C1' }, general: { name: 'M1', lastContactTime: JUST_OVER_24H } })
        .build(),
      findings: [overdue('M1', 'C1', JUST_OVER_24H, 24, 5)],
    },
    {
      name: '24 h 01 min and 25 h ago (both past a day, neither past two)',
      fleet: fleet(NOW)
        .jamf({ hardware: { serialNumber: 'C1' }, general: { name: 'M1', lastContactTime: AT_24H_01 } })
        .jamf({ hardware: { serialNumber: 'C2' }, general: { name: 'M2', lastContactTime: AT_25H } })
        .build(),
      findings: [
        overdue('M1', 'C1', '2026-11-28T09:29:00.000Z', 24, 15),
        overdue('M2', 'C2', '2026-11-28T08:30:00.000Z', 25, 15),
      ],
    },
    {
      name: 'the frequency was not collected: Jamf Pro’s default of 15 minutes',
      fleet: fleet(NOW)
        .checkInFrequency(null)
        .jamf({ hardware: { serialNumber: 'C1' }, general: { name: 'M1', lastContactTime: AT_25H } })
        .build(),
      findings: [overdue('M1', 'C1', '2026-11-28T08:30:00.000Z', 25, 15)],
    },
    {
      name: 'a computer without a name is named by its serial',
      fleet: fleet(NOW)
        .jamf({ hardware: { serialNumber: 'c9' }, general: { name: null, lastContactTime: AT_25H } })
        .build(),
      findings: [overdue('C9', 'C9', '2026-11-28T08:30:00.000Z', 25, 15)],
    },
    {
      name: 'two Jamf computers for one Mac: only the stale one is reported, between two Macs',
      fleet: fleet(NOW)
        .jamf({ hardware: { serialNumber: 'A1' }, general: { name: 'fresh-A', lastContactTime: AT_23H_59 } })
        .jamf({ hardware: { serialNumber: 'B1' }, general: { name: 'fresh-B', lastContactTime: AT_23H_59 } })
        .jamf({ hardware: { serialNumber: 'B1' }, general: { name: 'stale-B', lastContactTime: AT_25H } })
        .jamf({ hardware: { serialNumber: 'C1' }, general: { name: 'stale-C', lastContactTime: AT_25H } })
        .build(),
      findings: [
        overdue('stale-B', 'B1', '2026-11-28T08:30:00.000Z', 25, 15),
        overdue('stale-C', 'C1', '2026-11-28T08:30:00.000Z', 25, 15),
      ],
    },
    {
      name: 'a stale computer beside one without a check-in time is still reported',
      fleet: fleet(NOW)
        .jamf({ hardware: { serialNumber: 'C1' }, general: { name: 'none', lastContactTime: null } })
        .jamf({ hardware: { serialNumber: 'C2' }, general: { name: 'stale', lastContactTime: AT_25H } })
        .build(),
      findings: [overdue('stale', 'C2', '2026-11-28T08:30:00.000Z', 25, 15)],
    },
  ],
  cannotCheck: [
    {
      name: 'no check-in time at all',
      fleet: fleet(NOW)
        .jamf({ id: '7', hardware: { serialNumber: 'C1' }, general: { lastContactTime: null } })
        .build(),
      reason: { kind: 'incomplete-data', detail: 'Jamf computer 7 has no last check-in time' },
    },
    {
      name: 'no check-in time beside a fresh one',
      fleet: fleet(NOW)
        .jamf({ hardware: { serialNumber: 'C1' }, general: { lastContactTime: AT_23H_59 } })
        .jamf({ id: '8', hardware: { serialNumber: 'C2' }, general: { lastContactTime: null } })
        .build(),
      reason: { kind: 'incomplete-data', detail: 'Jamf computer 8 has no last check-in time' },
    },
    {
      name: 'inventory partial',
      fleet: fleet(NOW)
        .status('jamf/computers-inventory', 'partial', { error: 'page 9: connection reset after 5 retries' })
        .build(),
      reason: { kind: 'partial', detail: 'page 9: connection reset after 5 retries' },
    },
    {
      name: 'inventory missing',
      fleet: fleet(NOW).status('jamf/computers-inventory', 'missing').build(),
      reason: { kind: 'not-collected' },
    },
    {
      name: 'inventory forbidden',
      fleet: fleet(NOW).status('jamf/computers-inventory', 'forbidden').build(),
      reason: { kind: 'forbidden' },
    },
  ],
});
