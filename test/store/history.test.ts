import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, SourceError } from '../../src/errors.js';
import { clearSecrets, registerSecret } from '../../src/redact.js';
import { APPLICATION_ID, History } from '../../src/store/history.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { mac, syntheticReport } from '../reports.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jidoctor-history-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (name = 'h.db'): History => History.open(join(dir, name), { create: true })!;

describe('opening and migrating', () => {
  it('creates a database at the latest schema, in WAL mode, marked as jidoctor', () => {
    const h = open();
    expect(h.schemaVersion).toBe(MIGRATIONS.at(-1)!.version);
    h.close();
    const db = new Database(join(dir, 'h.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
  });

  it('returns null for a missing file unless asked to create it, and creates nothing', () => {
    expect(History.open(join(dir, 'none.db'))).toBeNull();
    expect(() => readFileSync(join(dir, 'none.db'))).toThrow();
  });

  it('migrates an older database forward and keeps its runs', () => {
    const path = join(dir, 'h.db');
    const v1 = History.open(path, { create: true })!;
    v1.record(syntheticReport([{ subjects: [mac('A')] }]));
    v1.close();
    const next = MIGRATIONS.at(-1)!.version + 1;
    const later = [...MIGRATIONS, { version: next, name: 'notes', sql: 'ALTER TABLE runs ADD COLUMN note TEXT;' }];
    const v2 = History.open(path, { migrations: later })!;
    expect(v2.schemaVersion).toBe(next);
    expect(v2.runs()).toHaveLength(1);
    v2.close();
    const db = new Database(path);
    expect((db.prepare('PRAGMA table_info(runs)').all() as Array<{ name: string }>).map((c) => c.name)).toContain(
      'note',
    );
    db.close();
  });

  it('refuses a database written by a newer jidoctor, in one line, without touching it', () => {
    const path = join(dir, 'h.db');
    const db = new Database(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 99');
    db.close();
    const before = readFileSync(path);
    let err: unknown;
    try {
      History.open(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain(
      `newer jidoctor (schema 99; this version knows up to ${MIGRATIONS.at(-1)!.version})`,
    );
    expect((err as Error).message).not.toContain('\n');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reports a corrupt file and never replaces it', () => {
    const path = join(dir, 'h.db');
    writeFileSync(path, 'this is not a database, just some bytes that happen to sit here');
    const before = readFileSync(path);
    expect(() => History.open(path, { create: true })).toThrow(SourceError);
    expect(() => History.open(path, { create: true })).toThrow(/is not an SQLite database.*left untouched/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reports a database whose pages are damaged', () => {
    const path = join(dir, 'h.db');
    const h = open();
    for (let i = 0; i < 20; i++)
      h.record(syntheticReport([{ subjects: [mac(`S${i}`)] }, { subjects: [mac(`T${i}`)] }]));
    h.close();
    const bytes = readFileSync(path);
    // Keep the 100-byte header, wreck every page after the first.
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
    writeFileSync(path, bytes);
    const before = readFileSync(path);
    expect(() => {
      const again = History.open(path)!;
      again.runs();
      again.diff(1, 2);
    }).toThrow(/corrupt|not an SQLite/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('migration 2 backfills, from the recorded runs, the last run that evaluated each check', () => {
    const path = join(dir, 'v1.db');
    const id = 'intune/duplicate-device-records';
    const h = History.open(path, { create: true })!;
    h.record(syntheticReport([{ subjects: [mac('A')] }], { asOf: '2026-11-01T00:00:00.000Z' }));
    h.record(syntheticReport([], { outcomes: { [id]: 'cannotCheck' }, asOf: '2026-11-02T00:00:00.000Z' }));
    h.close();
    // Turn it into what jidoctor with schema 1 wrote: the same runs, no check_state.
    const old = new Database(path);
    old.exec('DROP TABLE check_state');
    old.exec('ALTER TABLE fingerprints DROP COLUMN scheme');
    old.pragma('user_version = 1');
    old.close();
    const v2 = History.open(path)!;
    expect(v2.schemaVersion).toBe(MIGRATIONS.at(-1)!.version);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT tenant, check_id, last_evaluated FROM check_state WHERE check_id = ?').all(id)).toEqual([
      { tenant: 'tenant-1', check_id: id, last_evaluated: 1 },
    ]);
    db.close();
    // With the backfill, run 2 (which could not check) does not break A's streak.
    const r3 = syntheticReport([{ subjects: [mac('A')] }], { asOf: '2026-11-03T00:00:00.000Z' });
    v2.record(r3);
    expect(r3.findings[0]!.firstSeen).toBe('2026-11-01T00:00:00.000Z');
    v2.close();
  });

  it('refuses an SQLite file of another program', () => {
    const path = join(dir, 'other.db');
    const db = new Database(path);
    db.exec('CREATE TABLE photos (id INTEGER)');
    db.close();
    expect(() => History.open(path)).toThrow(/another program/);
  });
});

describe('recording runs', () => {
  it('fills firstSeen, lastSeen and newSinceLastRun, and keeps "since when" across an unbroken streak', () => {
    const h = open();
    const r1 = syntheticReport([{ subjects: [mac('A')] }, { subjects: [mac('B')] }], {
      asOf: '2026-11-01T00:00:00.000Z',
    });
    expect(h.record(r1)).toEqual({ runId: 1, previousRunId: null, newSinceLastRun: null });
    expect(r1.findings.map((f) => f.firstSeen)).toEqual(['2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z']);
    expect(r1.summary.newSinceLastRun).toBeUndefined();
    expect(r1.history).toEqual({
      runId: 1,
      previousRunId: null,
      trend: [{ runId: 1, asOf: '2026-11-01T00:00:00.000Z', failingMacs: 2, findings: 2 }],
    });

    const r2 = syntheticReport([{ subjects: [mac('A')] }, { subjects: [mac('C')] }], {
      asOf: '2026-11-02T00:00:00.000Z',
    });
    expect(h.record(r2).newSinceLastRun).toBe(1);
    const byId = (r: typeof r2) => Object.fromEntries(r.findings.map((f) => [f.subjects[0]!.id, f]));
    expect(byId(r2).A!.firstSeen).toBe('2026-11-01T00:00:00.000Z');
    expect(byId(r2).A!.lastSeen).toBe('2026-11-02T00:00:00.000Z');
    expect(byId(r2).C!.firstSeen).toBe('2026-11-02T00:00:00.000Z');
    expect(r2.summary.newSinceLastRun).toBe(1);

    // B went away in run 2 and comes back in run 3: its streak starts again.
    const r3 = syntheticReport([{ subjects: [mac('A')] }, { subjects: [mac('B')] }], {
      asOf: '2026-11-03T00:00:00.000Z',
    });
    expect(h.record(r3).newSinceLastRun).toBe(1);
    expect(byId(r3).A!.firstSeen).toBe('2026-11-01T00:00:00.000Z');
    expect(byId(r3).B!.firstSeen).toBe('2026-11-03T00:00:00.000Z');
    expect(r3.history?.trend.map((t) => t.runId)).toEqual([1, 2, 3]);
  });

  it('keeps tenants apart, and uses the snapshot path when the tenant id is unknown', () => {
    const h = open();
    h.record(syntheticReport([{ subjects: [mac('A')] }], { tenant: 't1' }));
    const other = syntheticReport([{ subjects: [mac('A')] }], { tenant: 't2' });
    expect(h.record(other).previousRunId).toBeNull();
    const anon = syntheticReport([{ subjects: [mac('A')] }], { tenant: null, path: '/snaps/x' });
    h.record(anon);
    expect(h.runs().map((r) => r.tenant)).toEqual(['t1', 't2', 'path:/snaps/x']);
  });

  it('lists runs with counts per severity and per outcome', () => {
    const h = open();
    h.record(
      syntheticReport([
        { subjects: [mac('A')], severity: 'high' },
        { subjects: [mac('B')], severity: 'low' },
      ]),
    );
    const [run] = h.runs();
    expect(run!.bySeverity).toEqual({ critical: 0, high: 1, medium: 0, low: 1, info: 0 });
    expect(run!.checks.fail).toBe(1);
    expect(run!.affected.macs).toBe(2);
  });
});

describe('secrets', () => {
  it('never reach the database: what it stores passes the redaction', () => {
    registerSecret('s3cr3t-client-value');
    try {
      const h = open();
      h.record(syntheticReport([{ subjects: [mac('A')], message: 'the app secret s3cr3t-client-value expired' }]));
      h.close();
      const bytes = readFileSync(join(dir, 'h.db'));
      // Closing checkpoints the WAL into the file: the file is all there is.
      expect(bytes.includes('the app secret')).toBe(true);
      expect(bytes.includes('s3cr3t-client-value')).toBe(false);
      const again = History.open(join(dir, 'h.db'))!;
      expect(again.diff(1, 1).persisting[0]!.message).toBe('the app secret [redacted] expired');
      again.close();
    } finally {
      clearSecrets();
    }
  });
});

describe('runs that could not check', () => {
  it('neither break a streak nor count as fixed', () => {
    const h = open();
    const id = 'intune/duplicate-device-records';
    h.record(
      syntheticReport([{ subjects: [mac('A')] }, { subjects: [mac('B')] }], { asOf: '2026-11-01T00:00:00.000Z' }),
    );
    // Run 2 could not evaluate the check (a 403, say): it has no findings of it.
    const r2 = syntheticReport([], { outcomes: { [id]: 'cannotCheck' }, asOf: '2026-11-02T00:00:00.000Z' });
    h.record(r2);
    const d12 = h.diff(1, 2);
    expect(d12.fixed).toEqual([]);
    expect(d12.notCheckedInTo.map((f) => f.subjects[0]!.id)).toEqual(['A', 'B']);
    // Run 3 evaluates it again: A is still there (since run 1), B is gone.
    const r3 = syntheticReport([{ subjects: [mac('A')] }, { subjects: [mac('C')] }], {
      asOf: '2026-11-03T00:00:00.000Z',
    });
    // Run 2 did not evaluate the check, so nothing of it is new since run 2 (as diff 2 3 says below).
    expect(h.record(r3).newSinceLastRun).toBe(0);
    expect(r3.findings.map((f) => [f.subjects[0]!.id, f.firstSeen])).toEqual([
      ['A', '2026-11-01T00:00:00.000Z'],
      ['C', '2026-11-03T00:00:00.000Z'],
    ]);
    const d23 = h.diff(2, 3);
    expect(d23.new).toEqual([]);
    expect(d23.notCheckedInFrom.map((f) => f.subjects[0]!.id)).toEqual(['A', 'C']);
    const d13 = h.diff(1, 3);
    expect(d13.fixed.map((f) => f.subjects[0]!.id)).toEqual(['B']);
    expect(d13.new.map((f) => f.subjects[0]!.id)).toEqual(['C']);
    // A run that evaluated the check without B broke B's streak: B coming back starts again.
    const r4 = syntheticReport([{ subjects: [mac('A')] }, { subjects: [mac('B')] }], {
      asOf: '2026-11-04T00:00:00.000Z',
    });
    h.record(r4);
    expect(r4.findings.find((f) => f.subjects[0]!.id === 'B')!.firstSeen).toBe('2026-11-04T00:00:00.000Z');
  });
});

describe('diff', () => {
  it('gives new, fixed and persisting findings between two runs of a tenant', () => {
    const h = open();
    h.record(syntheticReport([{ subjects: [mac('A')] }, { subjects: [mac('B')] }]));
    h.record(syntheticReport([{ subjects: [mac('B')] }, { subjects: [mac('C')], severity: 'high' }]));
    const d = h.diff(1, 2);
    expect(d.new.map((f) => f.subjects[0]!.id)).toEqual(['C']);
    expect(d.new[0]!.severity).toBe('high');
    expect(d.fixed.map((f) => f.subjects[0]!.id)).toEqual(['A']);
    expect(d.persisting.map((f) => f.subjects[0]!.id)).toEqual(['B']);
    expect(h.diff(2, 1).new.map((f) => f.subjects[0]!.id)).toEqual(['A']);
  });

  it('refuses unknown runs and runs of different tenants', () => {
    const h = open();
    h.record(syntheticReport([], { tenant: 't1' }));
    h.record(syntheticReport([], { tenant: 't2' }));
    expect(() => h.diff(1, 7)).toThrow(/run 7 is not in the history/);
    expect(() => h.diff(1, 2)).toThrow(/different tenants/);
  });
});

describe('prune', () => {
  it('keeps the newest N runs of each tenant and drops fingerprints no run has', () => {
    const h = open();
    for (let i = 0; i < 4; i++) h.record(syntheticReport([{ subjects: [mac(`M${i}`)] }], { tenant: 't1' }));
    h.record(syntheticReport([{ subjects: [mac('X')] }], { tenant: 't2' }));
    expect(h.prune({ keepRuns: 2 })).toEqual({ runs: 2, fingerprints: 2, kept: 3 });
    expect(h.runs().map((r) => r.id)).toEqual([3, 4, 5]);
    expect(h.diff(3, 4).new).toHaveLength(1);
    expect(h.integrityCheck()).toBe('ok');
  });

  it('deletes runs recorded before the last N days', () => {
    const h = open();
    const day = 86_400_000;
    const now = Date.parse('2026-11-29T00:00:00Z');
    const at = (ms: number) => ({ asOf: new Date(ms).toISOString() });
    h.record(syntheticReport([{ subjects: [mac('A')] }], at(now - 40 * day)), now - 40 * day);
    h.record(syntheticReport([{ subjects: [mac('A')] }], at(now - 10 * day)), now - 10 * day);
    h.record(syntheticReport([{ subjects: [mac('A')] }], at(now - day)), now - day);
    expect(h.prune({ keepDays: 30 }, now).runs).toBe(1);
    expect(h.runs().map((r) => r.id)).toEqual([2, 3]);
    // A's streak started in the pruned run: "since when" is not lost with it.
    const r = syntheticReport([{ subjects: [mac('A')] }], at(now));
    h.record(r, now);
    expect(r.findings[0]!.firstSeen).toBe(new Date(now - 40 * day).toISOString());
  });
});

describe('concurrency', () => {
  it('several processes recording at once lose no run and leave a sound database', async () => {
    const path = join(dir, 'shared.db');
    const worker = join(import.meta.dirname, 'record-worker.ts');
    const procs = [0, 1, 2, 3].map(
      (n) =>
        new Promise<number>((resolve) => {
          const p = spawn(process.execPath, ['--import', 'tsx', worker, path, String(n), '15'], { stdio: 'inherit' });
          p.on('exit', (code) => resolve(code ?? -1));
        }),
    );
    expect(await Promise.all(procs)).toEqual([0, 0, 0, 0]);
    const h = History.open(path)!;
    expect(h.runs()).toHaveLength(60);
    expect(h.integrityCheck()).toBe('ok');
    // Every tenant's runs chain: each run's new findings are counted against its own previous run.
    for (let n = 0; n < 4; n++) {
      const runs = h.runs({ tenant: `tenant-${n}` });
      expect(runs).toHaveLength(15);
      expect(h.diff(runs[13]!.id, runs[14]!.id).new).toHaveLength(1);
    }
    h.close();
  });
});

describe('fingerprint scheme 2 (evidence records count): upgrading a history keeps "since when"', () => {
  /**
   * A history as jidoctor wrote it before migration 3 (scheme-1 digests: check, message, subjects), as migration 3
   * leaves it: every row `scheme = 1`. Two Intune records of Mac A in the same state were one finding then (they
   * collided): one row.
   */
  function scheme1History(path: string): void {
    const h = History.open(path, { create: true })!;
    const r = syntheticReport([{ subjects: [mac('A')] }, { subjects: [mac('B')] }], {
      asOf: '2026-11-01T00:00:00.000Z',
    });
    expect(h.record(r).runId).toBe(1);
    h.close();
    const db = new Database(path);
    db.exec('ALTER TABLE fingerprints DROP COLUMN scheme');
    db.pragma('user_version = 2');
    db.close();
  }

  it('moves each old row to its finding\'s new digest; the findings that shared it share its start; nothing is "new"', () => {
    const path = join(dir, 'h.db');
    scheme1History(path);
    const h = History.open(path)!;
    expect(h.schemaVersion).toBe(MIGRATIONS.at(-1)!.version);
    const r2 = syntheticReport(
      [
        { subjects: [mac('A')], records: ['intune-1'] },
        { subjects: [mac('A')], records: ['intune-2'] },
        { subjects: [mac('B')] },
      ],
      { asOf: '2026-11-02T00:00:00.000Z' },
    );
    expect(new Set(r2.findings.map((f) => f.fingerprint)).size).toBe(3);
    expect(h.record(r2).newSinceLastRun).toBe(0);
    expect(r2.findings.map((f) => f.firstSeen)).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
    ]);
    // The next run finds every row by its new digest.
    const r3 = syntheticReport([{ subjects: [mac('A')], records: ['intune-1'] }, { subjects: [mac('B')] }], {
      asOf: '2026-11-03T00:00:00.000Z',
    });
    expect(h.record(r3).newSinceLastRun).toBe(0);
    expect(r3.findings.map((f) => f.firstSeen)).toEqual(['2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z']);
    // The removed record's finding is fixed in diff, which scheme 1 could not show.
    const d = h.diff(2, 3);
    expect(d.fixed.map((f) => f.fingerprint)).toEqual([r2.findings[1]!.fingerprint]);
    expect(d.new).toEqual([]);
    expect(d.persisting).toHaveLength(2);
    h.close();
  });

  it('a finding whose old streak was broken starts again, as before', () => {
    const path = join(dir, 'h.db');
    scheme1History(path);
    const h = History.open(path)!;
    // Run 2 evaluates the check and A is gone: A's streak breaks.
    h.record(syntheticReport([{ subjects: [mac('B')] }], { asOf: '2026-11-02T00:00:00.000Z' }));
    const r3 = syntheticReport([{ subjects: [mac('A')], records: ['intune-1'] }], { asOf: '2026-11-03T00:00:00.000Z' });
    expect(h.record(r3).newSinceLastRun).toBe(1);
    expect(r3.findings[0]!.firstSeen).toBe('2026-11-03T00:00:00.000Z');
    h.close();
  });
});
