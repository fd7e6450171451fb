import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { validate } from '../json-schema.js';
import { writeSnapshot } from './snapshot.js';

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sarif-2.1.0-emitted.schema.json'), 'utf8'),
) as Record<string, unknown>;

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'jidoctor.js');

function jidoctor(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let dir: string;
let db: string;
const snap = (n: number) => join(dir, `snap${n}`);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jidoctor-cli-history-'));
  db = join(dir, 'history.db');
  writeSnapshot(snap(1), { C02A: 2, C02B: 2, C02C: 1 }, '2026-11-20T09:00:00Z');
  // A week later: C02A was cleaned up, C02B still has two records, C02C got a second one.
  writeSnapshot(snap(2), { C02A: 1, C02B: 2, C02C: 2 }, '2026-11-27T09:00:00Z');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DUP = 'intune/duplicate-device-records';
/** The duplicate-record findings (the snapshots vary only those; other checks' findings stay the same). */
const dups = <T extends { checkId: string }>(list: T[]): T[] => list.filter((f) => f.checkId === DUP);

describe('diagnose records runs; history and diff read them', () => {
  let second: Report;
  const reports: Report[] = [];

  it('fills firstSeen/lastSeen and "new since last run" from the previous run of the tenant', async () => {
    const r1 = await jidoctor(['diagnose', '--snapshot', snap(1), '--db', db, '--format', 'json', '--fail-on', 'none']);
    expect(r1.code).toBe(0);
    expect(r1.stderr).toContain(`recorded as run 1 in ${db}`);
    const first = JSON.parse(r1.stdout) as Report;
    reports.push(first);
    expect(first.summary.newSinceLastRun).toBeUndefined();
    expect(first.findings.every((f) => f.firstSeen === '2026-11-20T09:00:00.000Z')).toBe(true);

    const r2 = await jidoctor(['diagnose', '--snapshot', snap(2), '--db', db, '--format', 'json', '--fail-on', 'none']);
    second = JSON.parse(r2.stdout) as Report;
    reports.push(second);
    const since = Object.fromEntries(dups(second.findings).map((f) => [f.subjects[0]!.id, [f.firstSeen, f.lastSeen]]));
    expect(since).toEqual({
      C02B: ['2026-11-20T09:00:00.000Z', '2026-11-27T09:00:00.000Z'],
      C02C: ['2026-11-27T09:00:00.000Z', '2026-11-27T09:00:00.000Z'],
    });
    expect(second.summary.newSinceLastRun).toBe(1);
    // Findings of other checks (the same in both snapshots) keep their first date.
    for (const f of second.findings.filter((x) => x.checkId !== DUP))
      expect(f.firstSeen).toBe('2026-11-20T09:00:00.000Z');
    expect(second.history).toMatchObject({ runId: 2, previousRunId: 1 });
  });

  it('the text report says since when and how many are new since the last run', async () => {
    const r3 = await jidoctor(['diagnose', '--snapshot', snap(2), '--db', db, '--fail-on', 'none']);
    reports.push(second);
    expect(r3.stdout).toMatch(/Since when: +20 Nov 2026, 09:00 UTC/);
    expect(r3.stdout).toMatch(/New since last run: 0 findings \(compared with run 2/);
    expect(r3.stdout).toContain('(since 2026-11-20)');
  });

  it('history lists the runs with counts per severity', async () => {
    const [r, text] = await Promise.all([
      jidoctor(['history', '--db', db, '--format', 'json']),
      jidoctor(['history', '--db', db, '--lang', 'it']),
    ]);
    expect(r.code).toBe(0);
    const { runs } = JSON.parse(r.stdout) as { runs: Array<{ id: number; bySeverity: Record<string, number> }> };
    expect(runs.map((x) => x.id)).toEqual([1, 2, 3]);
    expect(runs.map((x) => x.bySeverity)).toEqual(reports.map((r) => r.summary.bySeverity));
    expect(text.stdout).toContain('3 esecuzioni in');
  });

  it('diff of the runs 1 and 2 gives new, fixed and persisting findings', async () => {
    // Without ids, the second one compares the newest two runs of the tenant (2 and 3, the same snapshot).
    const [r, text] = await Promise.all([
      jidoctor(['diff', '1', '2', '--db', db, '--format', 'json']),
      jidoctor(['diff', '--db', db]),
    ]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as Record<
      'new' | 'fixed' | 'persisting',
      Array<{ checkId: string; subjects: Array<{ id: string }> }>
    >;
    expect(dups(d.new).map((f) => f.subjects[0]!.id)).toEqual(['C02C']);
    expect(dups(d.fixed).map((f) => f.subjects[0]!.id)).toEqual(['C02A']);
    expect(dups(d.persisting).map((f) => f.subjects[0]!.id)).toEqual(['C02B']);
    // Only the duplicates changed between the two snapshots.
    expect(d.new.length + d.fixed.length).toBe(2);
    expect(text.stdout).toContain('Run 2 (27 Nov 2026, 09:00 UTC) → run 3');
    expect(text.stdout).toContain(`New: 0 · Fixed: 0 · Persisting: ${second.findings.length}`);
  });

  it('history --prune keeps the newest runs by the retention rule', async () => {
    const bad = await jidoctor(['history', '--db', db, '--prune']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected exactly one retention rule');
    const r = await jidoctor(['history', '--db', db, '--prune', '--keep-runs', '2']);
    expect(r.stdout).toBe('Pruned 1 run; 2 kept.\n');
    const after = await jidoctor(['diff', '1', '2', '--db', db]);
    expect(after.code).toBe(2);
    expect(after.stderr.trim()).toMatch(/^jidoctor: diff: run 1 is not in the history/);
  });
});

describe.concurrent('report formats from the command line', () => {
  it('writes html, sarif, junit and csv from a diagnosis', async () => {
    const html = join(dir, 'report.html');
    const [h, sarif, junit, csv] = await Promise.all([
      jidoctor([
        'diagnose',
        '--snapshot',
        snap(2),
        '--no-history',
        '--fail-on',
        'none',
        '--format',
        'html',
        '--output',
        html,
      ]),
      jidoctor(['diagnose', '--snapshot', snap(2), '--no-history', '--fail-on', 'none', '--format', 'sarif']),
      jidoctor(['diagnose', '--snapshot', snap(2), '--no-history', '--fail-on', 'none', '--format', 'junit']),
      jidoctor([
        'diagnose',
        '--snapshot',
        snap(2),
        '--no-history',
        '--fail-on',
        'none',
        '--format',
        'csv',
        '--lang',
        'it',
      ]),
    ]);
    expect([h.code, sarif.code, junit.code, csv.code]).toEqual([0, 0, 0, 0]);
    expect(readFileSync(html, 'utf8')).toContain('Content-Security-Policy" content="default-src \'none\'');
    const log = JSON.parse(sarif.stdout);
    expect(log.version).toBe('2.1.0');
    expect(validate(schema, log)).toEqual([]);
    expect(junit.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^nome_mac,seriale,utente,id_controllo/);
    expect(csv.stdout).toContain('C02C');
  });
});

describe.concurrent('where the history goes', () => {
  it('--no-history records nothing; JIDOCTOR_DB names the database when --db is absent', async () => {
    const envDb = join(dir, 'env', 'from-env.db');
    const off = await jidoctor(['diagnose', '--snapshot', snap(1), '--no-history', '--format', 'json'], {
      JIDOCTOR_DB: envDb,
    });
    expect(off.stderr).not.toContain('recorded');
    expect(existsSync(envDb)).toBe(false);
    const on = await jidoctor(['diagnose', '--snapshot', snap(1), '--format', 'json'], { JIDOCTOR_DB: envDb });
    expect(on.stderr).toContain(`recorded as run 1 in ${envDb}`);
    expect(existsSync(envDb)).toBe(true);
  });

  it('a corrupt database stops diagnose with one line and exit 3, and is left as it was', async () => {
    const bad = join(dir, 'corrupt.db');
    writeFileSync(bad, 'garbage, not SQLite');
    const r = await jidoctor(['diagnose', '--snapshot', snap(1), '--db', bad]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('is not an SQLite database');
    expect(readFileSync(bad, 'utf8')).toBe('garbage, not SQLite');
  });

  it('history of a database that does not exist says so and creates nothing', async () => {
    const none = join(dir, 'none.db');
    const r = await jidoctor(['history', '--db', none]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No run recorded yet');
    expect(existsSync(none)).toBe(false);
  });
});

describe('"new since last run" agrees with diff when the last run did not evaluate every check', () => {
  it('findings of checks the previous run excluded are not counted as new', async () => {
    const onlyDb = join(dir, 'only.db');
    const r1 = await jidoctor([
      'diagnose',
      '--snapshot',
      snap(1),
      '--db',
      onlyDb,
      '--format',
      'json',
      '--fail-on',
      'none',
      '--only',
      DUP,
    ]);
    expect(r1.code).toBe(0);
    const r2 = await jidoctor([
      'diagnose',
      '--snapshot',
      snap(2),
      '--db',
      onlyDb,
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    const second = JSON.parse(r2.stdout) as Report;
    // Only C02C's duplicate is new: every other finding belongs to a check run 1 did not evaluate.
    expect(second.summary.newSinceLastRun).toBe(1);
    const d = await jidoctor(['diff', '1', '2', '--db', onlyDb, '--format', 'json']);
    const diff = JSON.parse(d.stdout) as { new: unknown[] };
    expect(diff.new).toHaveLength(1);
  });
});
