import { describe, expect, it } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { jamfLogLine, macEvidence, macEvidenceOf, syslogLine } from '../../../test/logs-fixtures.js';
import { runChecks } from '../../engine/run.js';
import check from './intune-connection-failed.js';

const failing = await macEvidence('C02I1', ['jamf-intune-notification.log']);
const clean = await macEvidence('C02I2', ['jamf-basic.log', 'near-misses.log']);

/**
 * Migration states from the partner shapes of
 * https://learn.microsoft.com/en-us/graph/api/resources/intune-onboarding-devicemanagementpartner (terminated,
 * whenPartnerDevicesWillBeRemovedDateTime) and
 * https://learn.microsoft.com/en-us/graph/api/resources/intune-onboarding-compliancemanagementpartner. The clock is
 * 2026-11-29T09:30:00Z. Removal 2027-01-12T10:00Z: the connector stopped about 2026-10-14T10:00Z (state C);
 * removal 2026-11-20T10:00Z: about 2026-08-22T10:00Z (state D).
 */
const terminated = (removal: string | null) => ({
  partnerState: 'terminated',
  lastHeartbeatDateTime: '2026-10-14T09:58:00Z',
  whenPartnerDevicesWillBeRemovedDateTime: removal,
});
const C = () => fleet().legacyPartner(terminated('2027-01-12T10:00:00Z')).compliancePartner();
const D = () => fleet().legacyPartner(terminated('2026-11-20T10:00:00Z')).compliancePartner();
const F = () => fleet().legacyPartner(terminated('2027-01-12T10:00:00Z'));

// Jamf Pro's message (MicrosoftDocs SupportArticles-docs, unable-to-connect-send-inventory-information.md).
const SEND = 'Unable to send inventory information to Microsoft Intune';
const sys = (serial: string, ...instants: string[]) =>
  macEvidenceOf(serial, { 'unified.log': `${instants.map((t) => syslogLine(t, SEND)).join('\n')}\n` });
// jamf.log lines: the Mac's local time with the zone unknown (no status file): an instant within 26 hours.
const jamf = (serial: string, ...walls: string[]) =>
  macEvidenceOf(serial, { 'jamf.log': `${walls.map((w) => jamfLogLine(w, SEND)).join('\n')}\n` });

const atStop = await sys('C02M1', '2026-10-14T10:00:00Z');
const secondAfter = await sys('C02M2', '2026-10-14T10:00:01Z');
const across = await sys('C02M3', '2026-10-13T10:00:00Z', '2026-10-14T10:00:01Z');
const dAfter = await sys('C02M4', '2026-09-01T08:00:00Z');
const dBefore = await sys('C02M5', '2026-08-22T09:59:59Z');
// The stop is 2026-10-14T10:00Z; a wall time w is an instant in [w − 14 h, w + 12 h].
const zoneClose = await jamf('C02M6', '2026-10-15T00:00:00');
const zoneCloseBefore = await jamf('C02M9', '2026-10-13T22:00:01');
const zoneLater = await jamf('C02M7', '2026-10-15T00:00:01');
const zoneEarlier = await jamf('C02M8', '2026-10-13T22:00:00');
// A line without any time (a text file): it cannot be placed.
const timeless = await macEvidenceOf('C02MA', { 'notes.txt': `${SEND}\n` });
const oct1 = await sys('C02MB', '2026-10-01T12:00:00Z');
const nov1 = await sys('C02MC', '2026-11-01T12:00:00Z');
/**
 * Several legacy entries: three Jamf entries terminated with removal dates 2026-12-01, 2027-01-12 and 2026-12-20 (in
 * that order: the latest must win wherever it stands), a Jamf entry in state unknown with a later date (not stopped:
 * it dates nothing), another vendor's stopped entry with a later date (not Jamf's) and a Jamf entry terminated without a
 * date (it neither dates nor erases the stop). The stop is 2026-10-14.
 */
const several = () =>
  fleet()
    .legacyPartner(terminated('2026-12-01T10:00:00Z'))
    .legacyPartner(terminated('2027-01-12T10:00:00Z'))
    .legacyPartner(terminated('2026-12-20T10:00:00Z'))
    .legacyPartner({ partnerState: 'unknown', whenPartnerDevicesWillBeRemovedDateTime: '2027-03-01T10:00:00Z' })
    .legacyPartner({ ...terminated('2027-03-01T10:00:00Z'), displayName: 'Kandji' })
    .legacyPartner(terminated(null))
    .compliancePartner();

const stopText = {
  en: 'C02M2: Jamf Pro could not send inventory to Microsoft Intune — 1 line, the last on 2026-10-14 10:00:01 +0000, after the legacy Intune connector stopped (about 2026-10-14: Intune removes its Macs on 2027-01-12) (macs/C02M2/unified.log:1)',
  it: 'C02M2: Jamf Pro non è riuscito a inviare l’inventario a Microsoft Intune — 1 riga, l’ultima il 2026-10-14 10:00:01 +0000, dopo l’arresto del connettore Intune legacy (circa il 2026-10-14: Intune rimuove i suoi Mac il 2027-01-12) (macs/C02M2/unified.log:1)',
};
const residueText = {
  en: 'C02M1: 1 line of the legacy integration, the last on 2026-10-14 10:00:00 +0000, before the legacy Intune connector stopped (about 2026-10-14): residue of the migration, nothing to fix — Jamf Pro could not send inventory to Microsoft Intune (macs/C02M1/unified.log:1)',
  it: 'C02M1: 1 riga dell’integrazione legacy, l’ultima il 2026-10-14 10:00:00 +0000, prima dell’arresto del connettore Intune legacy (circa il 2026-10-14): residuo della migrazione, niente da correggere — Jamf Pro non è riuscito a inviare l’inventario a Microsoft Intune (macs/C02M1/unified.log:1)',
};

testCheck(check, {
  valid: [
    { name: 'logs without the message (lower-case near miss)', fleet: fleet().macLogs(clean).build() },
    { name: 'the snapshot has macs/ but no Mac folder', fleet: fleet().build() },
    {
      name: 'C: a line exactly when the connector stopped is residue (an info note)',
      fleet: C().macLogs(atStop).build(),
      notes: [
        { messageId: 'residue', severity: 'info', subjects: ['C02M1', 'macs/C02M1/unified.log'], text: residueText },
      ],
    },
    {
      name: 'D: a line one second before the stop is residue',
      fleet: D().macLogs(dBefore).build(),
      notes: [
        {
          messageId: 'residue',
          data: {
            mac: 'C02M5',
            signature: 'unable-to-send-inventory',
            count: 1,
            file: 'macs/C02M5/unified.log',
            line: 1,
            last: '2026-08-22 09:59:59 +0000',
            stopped: '2026-08-22',
            removal: '2026-11-20',
          },
        },
      ],
    },
    {
      name: 'C: a jamf.log line (zone unknown) 12 hours before the stop (its latest instant is the stop) is residue',
      fleet: C().macLogs(zoneEarlier).build(),
      notes: [{ messageId: 'residue', subjects: ['C02M8', 'macs/C02M8/jamf.log'] }],
    },
    { name: 'C: a Mac whose logs hold no such line', fleet: C().macLogs(clean).build() },
    {
      name: 'several legacy entries: the latest removal date of a stopped Jamf entry dates the stop (a line before it)',
      fleet: several().macLogs(oct1).build(),
      notes: [
        {
          messageId: 'residue',
          data: {
            mac: 'C02MB',
            signature: 'unable-to-send-inventory',
            count: 1,
            file: 'macs/C02MB/unified.log',
            line: 1,
            last: '2026-10-01 12:00:00 +0000',
            stopped: '2026-10-14',
            removal: '2027-01-12',
          },
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'no migration state (no partner collected as configured): the lines as they are',
      fleet: fleet().macLogs(failing).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02I1',
            signature: 'check-intune-configuration',
            count: 1,
            file: 'macs/C02I1/jamf-intune-notification.log',
            line: 1,
            last: '2019-02-21 12:00:00 (local time, zone unknown)',
          },
          text: {
            en: 'C02I1: Jamf Pro asks to check the Microsoft Intune integration configuration after a failed connection — 1 line, last on 2019-02-21 12:00:00 (local time, zone unknown) (macs/C02I1/jamf-intune-notification.log:1)',
            it: 'C02I1: Jamf Pro chiede di verificare la configurazione dell’integrazione con Microsoft Intune dopo una connessione non riuscita — 1 riga, l’ultima il 2019-02-21 12:00:00 (local time, zone unknown) (macs/C02I1/jamf-intune-notification.log:1)',
          },
        },
        {
          messageId: 'seen',
          data: {
            mac: 'C02I1',
            signature: 'unable-to-connect-intune',
            count: 1,
            file: 'macs/C02I1/jamf-intune-notification.log',
            line: 1,
            last: '2019-02-21 12:00:00 (local time, zone unknown)',
          },
        },
        {
          messageId: 'seen',
          data: {
            mac: 'C02I1',
            signature: 'unable-to-send-inventory',
            count: 1,
            file: 'macs/C02I1/jamf-intune-notification.log',
            line: 2,
            last: '2019-02-21 12:05:00 (local time, zone unknown)',
          },
        },
      ],
    },
    {
      name: 'L: legacy only, old lines are findings (the connector is in use)',
      fleet: fleet().legacyPartner().macLogs(atStop).build(),
      findings: [{ messageId: 'seen', severity: 'high', subjects: ['C02M1', 'macs/C02M1/unified.log'] }],
    },
    {
      name: 'B: both on, the lines are findings',
      fleet: fleet().legacyPartner().compliancePartner().macLogs(atStop).build(),
      findings: [{ messageId: 'seen', subjects: ['C02M1', 'macs/C02M1/unified.log'] }],
    },
    {
      name: 'C: one second after the stop, Jamf Pro still tries the stopped connector',
      fleet: C().macLogs(secondAfter).build(),
      findings: [
        {
          messageId: 'afterStop',
          severity: 'high',
          text: stopText,
          evidence: [{ source: 'macs/C02M2/unified.log', line: 1, text: syslogLine('2026-10-14T10:00:01Z', SEND) }],
        },
      ],
    },
    {
      name: 'several legacy entries: a line after the latest stop and before the unknown entry’s date',
      fleet: several().macLogs(nov1).build(),
      findings: [
        {
          messageId: 'afterStop',
          data: {
            mac: 'C02MC',
            signature: 'unable-to-send-inventory',
            count: 1,
            file: 'macs/C02MC/unified.log',
            line: 1,
            last: '2026-11-01 12:00:00 +0000',
            stopped: '2026-10-14',
            removal: '2027-01-12',
          },
        },
      ],
    },
    {
      name: 'C: lines before and after the stop in one file: the last one counts',
      fleet: C().macLogs(across).build(),
      findings: [
        {
          messageId: 'afterStop',
          data: {
            mac: 'C02M3',
            signature: 'unable-to-send-inventory',
            count: 2,
            file: 'macs/C02M3/unified.log',
            line: 2,
            last: '2026-10-14 10:00:01 +0000',
            stopped: '2026-10-14',
            removal: '2027-01-12',
          },
          evidence: [
            { source: 'macs/C02M3/unified.log', line: 1, text: syslogLine('2026-10-13T10:00:00Z', SEND) },
            { source: 'macs/C02M3/unified.log', line: 2, text: syslogLine('2026-10-14T10:00:01Z', SEND) },
          ],
          text: {
            en: 'C02M3: Jamf Pro could not send inventory to Microsoft Intune — 2 lines, the last on 2026-10-14 10:00:01 +0000, after the legacy Intune connector stopped (about 2026-10-14: Intune removes its Macs on 2027-01-12) (macs/C02M3/unified.log:2)',
            it: 'C02M3: Jamf Pro non è riuscito a inviare l’inventario a Microsoft Intune — 2 righe, l’ultima il 2026-10-14 10:00:01 +0000, dopo l’arresto del connettore Intune legacy (circa il 2026-10-14: Intune rimuove i suoi Mac il 2027-01-12) (macs/C02M3/unified.log:2)',
          },
        },
      ],
    },
    {
      name: 'D (removal date passed): a line after the stop',
      fleet: D().macLogs(dAfter).build(),
      findings: [{ messageId: 'afterStop', subjects: ['C02M4', 'macs/C02M4/unified.log'] }],
    },
    {
      name: 'F (legacy ended, nothing replaced it): a line after the stop',
      fleet: F().macLogs(secondAfter).build(),
      findings: [{ messageId: 'afterStop', subjects: ['C02M2', 'macs/C02M2/unified.log'] }],
    },
    {
      name: 'C: a jamf.log line (zone unknown) 14 hours and 1 second after the stop (its earliest instant is after it)',
      fleet: C().macLogs(zoneLater).build(),
      findings: [{ messageId: 'afterStop', subjects: ['C02M7', 'macs/C02M7/jamf.log'] }],
    },
    {
      name: 'partner lists not collected (state unknown): the lines as they are',
      fleet: C()
        .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'forbidden')
        .macLogs(secondAfter)
        .build(),
      findings: [{ messageId: 'seen', subjects: ['C02M2', 'macs/C02M2/unified.log'] }],
    },
  ],
  cannotCheck: [
    { name: 'macs not collected', fleet: fleet().status('macs', 'missing').build() },
    {
      name: 'C: a jamf.log line (zone unknown) exactly 14 hours after the stop cannot be placed',
      fleet: C().macLogs(zoneClose).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'C: a jamf.log line (zone unknown) 12 hours minus 1 second before the stop cannot be placed',
      fleet: C().macLogs(zoneCloseBefore).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'C: a line with no time at all cannot be placed',
      fleet: C().macLogs(timeless).build(),
      reason: {
        kind: 'incomplete-data',
        detail:
          'C02MA: macs/C02MA/notes.txt:1 (no time) cannot be placed before or after the legacy connector stopped (about 2026-10-14)',
      },
    },
    {
      name: 'D with no removal date reported: the stop cannot be dated',
      fleet: fleet().legacyPartner(terminated(null)).compliancePartner().macLogs(secondAfter).build(),
      reason: { kind: 'incomplete-data' },
    },
  ],
  notApplicable: [
    { name: 'E: clean Device Compliance', fleet: fleet().compliancePartner().macLogs(secondAfter).build() },
    {
      name: 'G: Device Compliance half set up',
      fleet: fleet().compliancePartner({ macOsOnboarded: false }).macLogs(secondAfter).build(),
    },
  ],
});

describe('logs/intune-connection-failed and the migration state', () => {
  it('E and G say why the legacy lines do not apply, in both languages', () => {
    for (const [f, state] of [
      [fleet().compliancePartner().macLogs(secondAfter).build(), 'E'],
      [
        fleet().compliancePartner({ partnerState: 'unresponsive', macOsOnboarded: false }).macLogs(secondAfter).build(),
        'G',
      ],
    ] as const) {
      expect(f.mode.state).toBe(state);
      const r = runChecks(f, [check as never]).checks[0]!;
      expect(r.outcome).toBe('notApplicable');
      expect(r.reason?.kind).toBe('condition');
      expect(r.reason?.detail).toContain(`(migration state ${state})`);
      expect(r.reason?.text?.it).toContain(`(stato di migrazione ${state})`);
    }
  });

  it('what could not be placed is named: the line and the stop date', () => {
    const r = runChecks(C().macLogs(zoneClose).build(), [check as never]).checks[0]!;
    expect(r.reason?.detail).toBe(
      'C02M6: macs/C02M6/jamf.log:1 (2026-10-15 00:00:00 (local time, zone unknown)) cannot be placed before or after the legacy connector stopped (about 2026-10-14)',
    );
    const noDate = runChecks(fleet().legacyPartner(terminated(null)).compliancePartner().macLogs(secondAfter).build(), [
      check as never,
    ]).checks[0]!;
    expect(noDate.reason?.detail).toContain('Intune reports no removal date');
    expect(noDate.reason?.detail).toContain('(state D)');
  });
});
