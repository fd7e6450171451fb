import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/index.js';
import { diagnoseSnapshot } from '../src/diagnose.js';
import { explain } from '../src/explain.js';
import { analyzePaths, runLogChecks } from '../src/logs/run.js';
import { SIGNATURES } from '../src/logs/signatures.js';
import { renderHtml } from '../src/report/html.js';
import { EXAMPLE, runCli } from './cli.js';
import { fixture } from './logs-fixtures.js';

/** The example tenant's API data, without the Mac files it ships with. */
function exampleWithoutMacs(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jidoctor-snap-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  rmSync(join(dir, 'macs'), { recursive: true, force: true });
  return dir;
}

function snapshotWithMacs(): string {
  const dir = exampleWithoutMacs();
  const put = (serial: string, file: string): void => {
    mkdirSync(join(dir, 'macs', serial), { recursive: true });
    const dest = join(dir, 'macs', serial, file);
    cpSync(fixture(file), dest);
    const t = new Date('2026-11-29T09:00:00Z');
    utimesSync(dest, t, t);
  };
  put('C02C00494481', 'company-portal-space.log'); // LON-MBP-0101, in the fleet
  put('C02C00494481', 'jamf-basic.log');
  put('C02NOTINFLEET', 'unified-compact.log'); // a Mac the APIs do not know
  // A Jamf Pro older than 11.3, where logs/duplicate-msal-accounts applies (the example runs 11.12).
  writeFileSync(join(dir, 'jamf/api/v1/jamf-pro-version.json'), '{"version": "11.2.1-t1700000000"}\n');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.jamf.version = '11.2.1';
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

describe('diagnose --snapshot with macs/', () => {
  it('runs the logs/* checks and joins each finding to the Mac of the fleet', async () => {
    const { report } = await diagnoseSnapshot(snapshotWithMacs());
    expect(report.datasets.find((d) => d.id === 'macs')).toMatchObject({ status: 'complete', records: 2 });
    const logs = report.findings.filter((f) => f.checkId.startsWith('logs/'));
    const direct = logs.find((f) => f.checkId === 'logs/company-portal-opened-directly')!;
    expect(direct.subjects).toEqual([
      expect.objectContaining({ kind: 'mac', id: 'C02C00494481', name: 'LON-MBP-0101' }),
      { kind: 'file', id: 'macs/C02C00494481/company-portal-space.log', line: 2 },
    ]);
    expect(direct.evidence).toEqual([
      {
        source: 'macs/C02C00494481/company-portal-space.log',
        line: 2,
        text: expect.stringContaining('Portal launched without WPJ only arg while account is under partner management'),
        // The Company Portal log is local time; nothing in this Mac's folder gives its zone.
        fields: { time: '2025-03-03 09:40:12 (local time, zone unknown)', zone: 'local time, zone unknown' },
      },
    ]);
    const stopped = logs.find((f) => f.checkId === 'logs/check-in-stopped')!;
    expect(stopped.subjects[0]!.id).toBe('C02C00494481');
    const dup = logs.find((f) => f.checkId === 'logs/duplicate-msal-accounts')!;
    expect(dup.subjects.map((s) => `${s.kind}:${s.id}`)).toEqual([
      'mac:C02NOTINFLEET',
      'file:macs/C02NOTINFLEET/unified-compact.log',
    ]);
  });

  it("the report carries each Mac's log timeline, and the HTML report shows it in the Mac section", async () => {
    const { report } = await diagnoseSnapshot(snapshotWithMacs());
    const mac = report.macLogs!.find((m) => m.mac === 'C02C00494481')!;
    expect(mac.zone).toBe('unknown');
    expect(mac.events.map((e) => [e.signature, e.local, e.group])).toEqual([
      ['cp-launched-without-wpj-arg', '2025-03-03 09:40:12', 'macs/C02C00494481/company-portal-space.log'],
      ['cp-not-registered', '2025-03-03 09:40:15', 'macs/C02C00494481/company-portal-space.log'],
      ['jamf-recurring-check-in', '2019-02-21 11:16:41', 'macs/C02C00494481/jamf-basic.log'],
    ]);
    const page = renderHtml(report, { lang: 'en', checks: CHECKS });
    expect(page).toContain('<section id="mac-logs">');
    expect(page).toContain('2019-02-21 11:16:41');
  });

  it('without macs/, every logs/* check says not collected', async () => {
    const { report } = await diagnoseSnapshot(exampleWithoutMacs());
    const logs = report.checks.filter((c) => c.id.startsWith('logs/'));
    expect(logs).toHaveLength(10);
    for (const c of logs) {
      // The example runs Jamf Pro 11.12: the duplicate MSAL account bug was fixed in 11.3.
      if (c.id === 'logs/duplicate-msal-accounts')
        expect(c).toMatchObject({ outcome: 'notApplicable', reason: { kind: 'condition' } });
      else expect(c).toMatchObject({ outcome: 'cannotCheck', reason: { kind: 'not-collected', dataset: 'macs' } });
    }
  });
});

describe('jidoctor logs', () => {
  it('prints findings with file:line, the Mac and the timeline; exit 1 on a high finding', async () => {
    const r = await runCli([
      'logs',
      'test/fixtures/logs/company-portal-space.log',
      'test/fixtures/logs/unified-compact.log',
      'test/fixtures/logs/status-ioreg.txt',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Mac C02ZX1ABMD6M');
    // No offset anywhere among these files: local times, zone unknown, not ordered across files.
    expect(r.stdout).toMatch(
      /Last token acquisition: +2025-03-03 11:44:00 \(local time, zone unknown\) {2}test\/fixtures\/logs\/unified-compact\.log:4/,
    );
    expect(r.stdout).toMatch(
      /Last Company Portal launch: +2025-03-03 09:43:01 \(local time, zone unknown\) \[not ordered with lines of other files \(zone unknown\)\] from Self Service \(jamfAAD\)/,
    );
    expect(r.stdout).toContain(
      'test/fixtures/logs/company-portal-space.log: no serial or host in the file: the only Mac named by the files given',
    );
    expect(r.stdout).toContain("Timeline (the Mac's local time, newest last):");
    expect(r.stdout).toContain(
      'test/fixtures/logs/company-portal-space.log — local time, zone unknown (not ordered with the other files):',
    );
    expect(r.stdout).toContain('test/fixtures/logs/company-portal-space.log:2  2025-03-03 09:40:12.118 INFO');
    expect(r.stdout).toContain('[medium] logs/duplicate-msal-accounts');
  });

  it('in Italian', async () => {
    const macs = await analyzePaths([fixture('gather-aad-info.txt')]);
    expect(macs[0]!.files).toHaveLength(1);
    const { result } = runLogChecks(macs, { lang: 'it' });
    expect(result.findings.map((f) => f.checkId)).toEqual(['logs/graph-token-failed']);
    expect(result.findings[0]!.message).toContain('Jamf Pro non ha ottenuto un token');
  });

  it('a snapshot folder gives one Mac per macs/<serial>; a macs/<serial> folder names its serial', async () => {
    const snap = snapshotWithMacs();
    expect((await analyzePaths([snap])).map((e) => [e.key, e.root, e.files.length])).toEqual([
      ['C02C00494481', 'macs/C02C00494481', 2],
      ['C02NOTINFLEET', 'macs/C02NOTINFLEET', 1],
    ]);
    const [one] = await analyzePaths([join(snap, 'macs', 'C02NOTINFLEET')]);
    expect([one!.serial, one!.files[0]!.file]).toEqual(['C02NOTINFLEET', 'macs/C02NOTINFLEET/unified-compact.log']);
  });

  it('a path that does not exist: one line, exit 2', async () => {
    const r = await runCli(['logs', 'no/such/file.log']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('jidoctor: no/such/file.log: not found (expected a log file, a folder or an archive)');
  });
});

describe('explain learns every signature', () => {
  for (const sig of SIGNATURES) {
    it(sig.id, () => {
      for (const q of [sig.text, sig.anchor]) {
        const ids = explain(q, CHECKS).flatMap((m) => (m.kind === 'check' ? [m.check.id] : []));
        expect(ids, q).toContain(sig.checkId);
      }
    });
  }
  it('CLI: a pasted Company Portal line finds logs/company-portal-opened-directly', async () => {
    const r = await runCli([
      'explain',
      'WelcomeViewController.swift: 253 (startLogin()) Portal launched without WPJ only arg while account is under partner management',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('logs/company-portal-opened-directly');
  });
});
