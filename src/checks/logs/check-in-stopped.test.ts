import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import check from './check-in-stopped.js';

const stopped = await macEvidence('C02C1', ['jamf-basic.log']);
const fresh = await macEvidence('C02C2', ['jamf-host-with-spaces.log']);
const errors = await macEvidence('C02C3', ['jamf-multiline-error.log']);
const newYear = await macEvidence('C02C4', ['jamf-new-year.log'], '2026-01-05T12:00:00Z');
const noCheckIn = await macEvidence('C02C5', ['jamf-intune-notification.log']);
const noJamf = await macEvidence('C02C6', ['unified-compact.log']);

testCheck(check, {
  valid: [
    {
      name: 'a check-in seconds before the end (host with spaces and apostrophe)',
      fleet: fleet().macLogs(fresh).build(),
    },
    { name: 'errors after the last check-in, but within 24 hours', fleet: fleet().macLogs(errors).build() },
  ],
  invalid: [
    {
      name: 'two days of jamf.log after the last recurring check-in',
      fleet: fleet().macLogs(stopped).build(),
      findings: [
        {
          messageId: 'stopped',
          data: {
            mac: 'C02C1',
            lastCheckIn: '2019-02-21 11:16:41 (local time, zone unknown)',
            end: '2019-02-23 16:30:00 (local time, zone unknown)',
            hours: 53,
            file: 'macs/C02C1/jamf-basic.log',
            line: 2,
          },
          text: {
            en: 'C02C1: last recurring check-in 2019-02-21 11:16:41 (local time, zone unknown) (macs/C02C1/jamf-basic.log:2), 53 hours before the end of jamf.log (2019-02-23 16:30:00 (local time, zone unknown))',
            it: 'C02C1: ultimo check-in periodico 2019-02-21 11:16:41 (local time, zone unknown) (macs/C02C1/jamf-basic.log:2), 53 ore prima della fine di jamf.log (2019-02-23 16:30:00 (local time, zone unknown))',
          },
          subjects: ['C02C1', 'macs/C02C1/jamf-basic.log'],
        },
      ],
    },
    {
      name: 'across New Year: the last check-in is on 1 January, the end on 5 January',
      fleet: fleet().macLogs(newYear).build(),
      findings: [
        {
          messageId: 'stopped',
          data: {
            mac: 'C02C4',
            lastCheckIn: '2026-01-01 00:00:00 (local time, zone unknown)',
            end: '2026-01-05 10:00:00 (local time, zone unknown)',
            hours: 106,
            file: 'macs/C02C4/jamf-new-year.log',
            line: 3,
          },
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'jamf.log without a recurring check-in',
      fleet: fleet().macLogs(noCheckIn).build(),
      reason: { kind: 'incomplete-data' },
    },
    { name: 'no jamf.log', fleet: fleet().macLogs(noJamf).build(), reason: { kind: 'incomplete-data' } },
    { name: 'macs not collected', fleet: fleet().status('macs', 'missing').build() },
  ],
});
