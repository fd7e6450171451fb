import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { SEVERITIES, type Severity, type Subject } from '../checks/define.js';
import { fingerprintV1 } from '../engine/run.js';
import { InputError, SourceError } from '../errors.js';
import { redact } from '../redact.js';
import type { Outcome, Report } from '../report/types.js';
import { VERSION } from '../version.js';
import { HistoryReadOnlyError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export { HistoryReadOnlyError };

/** `PRAGMA application_id` of a jidoctor history database ("JIDH"), so that another SQLite file is never taken. */
export const APPLICATION_ID = 0x4a494448;
/** How long a writer waits for another one before giving up (concurrent runs). */
export const BUSY_TIMEOUT_MS = 5_000;
/** Runs of a tenant kept in report.history.trend (the HTML report's chart). */
export const TREND_RUNS = 30;

export interface OpenOptions {
  /** Create the file (and its folder) when it does not exist; otherwise open() returns null for a missing file. */
  create?: boolean;
  /** For tests: a longer or shorter schema history than the shipped one. */
  migrations?: readonly Migration[];
  /**
   * Only read (history, diff): never written, never migrated, and readable in a read-only folder. An older schema
   * is upgraded first when the file can be written; otherwise the error says so.
   */
  readonly?: boolean;
}

export interface RunSummary {
  id: number;
  tenant: string;
  tenantName: string | null;
  recordedAt: string;
  asOf: string;
  source: { kind: string; path: string | null };
  mode: string;
  macs: number;
  users: number;
  affected: { macs: number; users: number };
  findings: number;
  bySeverity: Record<Severity, number>;
  checks: Record<Outcome, number>;
}

export interface HistoryFinding {
  fingerprint: string;
  checkId: string;
  messageId: string;
  severity: Severity;
  message: string;
  subjects: Subject[];
  data: Record<string, unknown>;
  /** Start of the finding's latest unbroken streak of runs. */
  firstSeen: string;
  /** The last run that had it. */
  lastSeen: string;
}

export interface RunDiff {
  from: RunSummary;
  to: RunSummary;
  /** In `to`, not in `from`, whose check `from` evaluated. */
  new: HistoryFinding[];
  /** In `from`, not in `to`, whose check `to` evaluated (pass or fail). */
  fixed: HistoryFinding[];
  persisting: HistoryFinding[];
  /** In `from` only, but `to` did not evaluate its check (could not check, not applicable, excluded): not fixed. */
  notCheckedInTo: HistoryFinding[];
  /** In `to` only, but `from` did not evaluate its check: not known to be new. */
  notCheckedInFrom: HistoryFinding[];
}

/** A check "evaluated" the tenant when it passed or failed; any other outcome says nothing about its findings. */
export const evaluated = (outcome: string): boolean => outcome === 'pass' || outcome === 'fail';

export interface RecordResult {
  runId: number;
  previousRunId: number | null;
  /** Findings whose fingerprint the tenant's previous run did not have; null on the tenant's first run. */
  newSinceLastRun: number | null;
}

export interface PruneRule {
  keepDays?: number;
  keepRuns?: number;
}

interface RunRow {
  id: number;
  tenant: string;
  tenant_name: string | null;
  recorded_at: string;
  as_of: string;
  source_kind: string;
  source_path: string | null;
  mode: string;
  macs: number;
  users: number;
  affected_macs: number;
  affected_users: number;
  findings: number;
  sev_critical: number;
  sev_high: number;
  sev_medium: number;
  sev_low: number;
  sev_info: number;
  checks_json: string;
}

interface FpRow {
  fingerprint: string;
  check_id: string;
  message_id: string;
  severity: string;
  message: string;
  subjects_json: string;
  data_json: string;
  first_seen: string;
  last_seen: string;
}

/** "Same tenant": the tenant id of the report, else the snapshot's path. */
export function tenantKey(report: Report): string {
  if (report.tenant.id) return report.tenant.id;
  if (report.source.path) return `path:${resolve(report.source.path)}`;
  return `source:${report.source.kind}`;
}

const SQLITE_HEADER = 'SQLite format 3\0';

function headerOf(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Maps SQLite's errors to one actionable line; never replaces or repairs the file. */
function translate(path: string, err: unknown): never {
  const code = (err as { code?: string }).code ?? '';
  const what = (err as Error).message;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    throw new SourceError(
      `history database ${path} is corrupt (${what}); it was left untouched: move it away, or use --db/JIDOCTOR_DB for another file, or --no-history`,
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    throw new SourceError(
      `history database ${path} stayed locked by another jidoctor for ${BUSY_TIMEOUT_MS / 1000} s; try again, or use --no-history`,
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')) {
    throw new HistoryReadOnlyError(
      `history database ${path} cannot be opened for writing (${code}: the file or its folder is read-only); use --db or JIDOCTOR_DB`,
    );
  }
  throw err;
}

/** The run history: an embedded SQLite database (docs/history-and-reports.md). */
export class History {
  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {}

  /** Opens (and migrates) the database at `path`; null when it does not exist and `create` is false. */
  static open(path: string, options: OpenOptions = {}): History | null {
    const migrations = options.migrations ?? MIGRATIONS;
    const exists = existsSync(path);
    if (!exists && !options.create) return null;
    if (exists) {
      if (statSync(path).isDirectory())
        throw new InputError(`history database ${path}: expected a file, found a folder`);
      const header = statSync(path).size === 0 ? SQLITE_HEADER : headerOf(path);
      if (header !== SQLITE_HEADER) {
        throw new SourceError(
          `history database ${path} is not an SQLite database (corrupt, or another kind of file); it was left untouched: move it away, or use --db/JIDOCTOR_DB for another file, or --no-history`,
        );
      }
    } else {
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (err) {
        throw new InputError(
          `history database ${path}: its folder cannot be created (${(err as NodeJS.ErrnoException).code}); use --db or JIDOCTOR_DB`,
        );
      }
    }
    if (options.readonly) {
      const ro = History.openReadonly(path, migrations);
      if (ro) return ro;
      // An older schema in a writable place: upgraded by the normal open below.
    }
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
      History.migrate(path, db, migrations);
      return new History(path, db);
    } catch (err) {
      db?.close();
      if (err instanceof InputError || err instanceof SourceError) throw err;
      return translate(path, err);
    }
  }

  /**
   * A read-only connection. A WAL database needs its -shm file, which a read-only folder cannot hold: when it
   * cannot be created and there is no -wal file (every change is in the main file, as after a clean close), the
   * file's bytes are read into a read-only in-memory copy. Null when the schema is older and the file can be upgraded.
   */
  private static openReadonly(path: string, migrations: readonly Migration[]): History | null {
    const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
    const attempt = (inMemory: boolean): History | null => {
      let db: Database.Database;
      if (inMemory) {
        // The file's bytes, as a read-only in-memory database; a WAL header (bytes 18-19 = 2) is read as a
        // rollback-journal one (1), since every change is in the main file.
        const bytes = readFileSync(path);
        if (bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
        db = new Database(bytes, { readonly: true });
      } else db = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
      try {
        const version = db.pragma('user_version', { simple: true }) as number;
        const appId = db.pragma('application_id', { simple: true }) as number;
        const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
        if (appId !== APPLICATION_ID && (appId !== 0 || version !== 0 || tables > 0))
          throw new InputError(
            `history database ${path} is an SQLite file of another program, not a jidoctor history; it was left untouched: use --db or JIDOCTOR_DB for another file`,
          );
        if (version > latest)
          throw new InputError(
            `history database ${path} was written by a newer jidoctor (schema ${version}; this version knows up to ${latest}): upgrade jidoctor, or use --db for another file`,
          );
        if (version < latest) {
          db.close();
          if (writable(path)) return null;
          throw new HistoryReadOnlyError(
            `history database ${path} has an older schema (${version}, this version reads ${latest}) and is read-only, so it cannot be upgraded; open it once with write access, or use --db`,
          );
        }
        return new History(path, db);
      } catch (err) {
        if (db.open) db.close();
        throw err;
      }
    };
    try {
      try {
        return attempt(false);
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        const wal = `${path}-wal`;
        const noWal = !existsSync(wal) || statSync(wal).size === 0;
        if ((code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) && noWal) return attempt(true);
        throw err;
      }
    } catch (err) {
      if (err instanceof InputError || err instanceof SourceError) throw err;
      return translate(path, err);
    }
  }

  private static migrate(path: string, db: Database.Database, migrations: readonly Migration[]): void {
    const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
    const check = (): number => {
      const version = db.pragma('user_version', { simple: true }) as number;
      const appId = db.pragma('application_id', { simple: true }) as number;
      const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
      if (appId !== APPLICATION_ID && (appId !== 0 || version !== 0 || tables > 0)) {
        throw new InputError(
          `history database ${path} is an SQLite file of another program, not a jidoctor history; it was left untouched: use --db or JIDOCTOR_DB for another file`,
        );
      }
      if (version > latest) {
        throw new InputError(
          `history database ${path} was written by a newer jidoctor (schema ${version}; this version knows up to ${latest}): upgrade jidoctor, or use --db for another file`,
        );
      }
      return version;
    };
    // Checked before anything is written: a newer or foreign database is never touched.
    if (check() === latest && latest > 0) {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      return;
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.transaction(() => {
      // Another process may have migrated between the check and the write lock.
      const version = check();
      for (const m of migrations) {
        if (m.version <= version) continue;
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      }
      db.pragma(`application_id = ${APPLICATION_ID}`);
    }).immediate();
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  close(): void {
    this.db.close();
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof InputError || err instanceof SourceError) throw err;
      return translate(this.path, err);
    }
  }

  /**
   * Records a diagnosis and fills in the report: `firstSeen`/`lastSeen` on every finding,
   * `summary.newSinceLastRun`, and `history` (run ids and the trend of affected Macs).
   */
  record(report: Report, recordedAt: number = Date.now()): RecordResult {
    return this.guard(() =>
      this.db.transaction(() => this.insertRun(report, new Date(recordedAt).toISOString())).immediate(),
    );
  }

  private insertRun(report: Report, recordedAt: string): RecordResult {
    const db = this.db;
    const tenant = tenantKey(report);
    const prev = db.prepare('SELECT id FROM runs WHERE tenant = ? ORDER BY id DESC LIMIT 1').pluck().get(tenant) as
      | number
      | undefined;
    const s = report.summary;
    const runId = Number(
      db
        .prepare(
          `INSERT INTO runs (tenant, tenant_name, recorded_at, as_of, generated_at, source_kind, source_path, mode, lang,
             macs, users, affected_macs, affected_users, findings,
             sev_critical, sev_high, sev_medium, sev_low, sev_info, checks_json, tool_version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          tenant,
          report.tenant.name,
          recordedAt,
          report.asOf,
          report.generatedAt,
          report.source.kind,
          report.source.path,
          report.mode.detected,
          report.lang,
          s.macs,
          s.users,
          s.affected.macs,
          s.affected.users,
          s.findings,
          ...SEVERITIES.map((k) => s.bySeverity[k] ?? 0),
          JSON.stringify(
            report.checks.map((c) => ({ id: c.id, outcome: c.outcome, severity: c.severity, findings: c.findings })),
          ),
          VERSION,
        ).lastInsertRowid,
    );
    const find = db.prepare(
      `SELECT id, first_seen, last_run, severity, subjects_json, message, data_json, scheme FROM fingerprints
       WHERE tenant = ? AND fingerprint = ?`,
    );
    // Rows recorded before migration 3 hold scheme-1 digests: a finding whose digest changed with the records finds
    // its row by its scheme-1 digest, once, and the row moves to the new digest (keeping "since when").
    const firstRunOf = db.prepare('SELECT first_run FROM fingerprints WHERE id = ?').pluck();
    const findScheme1 = db.prepare(
      `SELECT id, first_seen, last_run, severity, subjects_json, message, data_json, scheme FROM fingerprints
       WHERE tenant = ? AND fingerprint = ? AND scheme = 1`,
    );
    const toScheme2 = db.prepare('UPDATE fingerprints SET fingerprint = ?, scheme = 2 WHERE id = ?');
    const insert = db.prepare(
      `INSERT INTO fingerprints (tenant, fingerprint, check_id, message_id, severity, subjects_json, message, data_json,
         first_seen, first_run, last_seen, last_run, scheme) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 2)`,
    );
    /** Scheme-1 rows taken over in this run, by scheme-1 digest: the findings that shared one row share its start. */
    const takenOver = new Map<string, { first_seen: string; first_run: number; streak: boolean }>();
    const seen = db.prepare('UPDATE fingerprints SET last_seen = ?, last_run = ? WHERE id = ?');
    const continuing = db.prepare(
      `UPDATE fingerprints SET severity = ?, subjects_json = ?, message = ?, data_json = ?, last_seen = ?, last_run = ?
       WHERE id = ?`,
    );
    const restarted = db.prepare(
      `UPDATE fingerprints SET severity = ?, subjects_json = ?, message = ?, data_json = ?, last_seen = ?, last_run = ?,
         first_seen = ?, first_run = ? WHERE id = ?`,
    );
    const link = db.prepare('INSERT OR IGNORE INTO run_findings (run_id, fp_id) VALUES (?, ?)');
    const lastEvaluatedStmt = db
      .prepare('SELECT last_evaluated FROM check_state WHERE tenant = ? AND check_id = ?')
      .pluck();
    const lastEvaluated = new Map<string, number>();
    const lastEvaluatedOf = (checkId: string): number => {
      let v = lastEvaluated.get(checkId);
      if (v === undefined) {
        v = (lastEvaluatedStmt.get(tenant, checkId) as number | undefined) ?? 0;
        lastEvaluated.set(checkId, v);
      }
      return v;
    };
    const seenAt = report.asOf;
    const firstSeenOf = new Map<string, string>();
    // "New since last run" counts only findings whose check the previous run evaluated (as `diff` does): a check
    // that run could not evaluate, or excluded, says nothing about what is new.
    const newToPrevious = (checkId: string): boolean => prev !== undefined && lastEvaluatedOf(checkId) === prev;
    let fresh = 0;
    for (const f of report.findings) {
      let first = firstSeenOf.get(f.fingerprint);
      if (first === undefined) {
        type Row = {
          id: number;
          first_seen: string;
          last_run: number;
          severity: string;
          subjects_json: string;
          message: string;
          data_json: string;
          scheme: number;
        };
        let row = find.get(tenant, f.fingerprint) as Row | undefined;
        let v1: string | undefined;
        if (!row) {
          v1 = fingerprintV1(f.checkId, f.messageId, f.subjects);
          if (v1 !== f.fingerprint) {
            row = findScheme1.get(tenant, v1) as Row | undefined;
            if (row) {
              toScheme2.run(f.fingerprint, row.id);
              takenOver.set(v1, {
                first_seen: row.first_seen,
                first_run: firstRunOf.get(row.id) as number,
                streak: row.last_run >= lastEvaluatedOf(f.checkId),
              });
            }
          }
        } else if (row.scheme === 1) toScheme2.run(f.fingerprint, row.id);
        // The database is an output like any other: what it keeps passes the same redaction.
        const details = [
          f.severity,
          redact(JSON.stringify(f.subjects)),
          redact(f.message),
          redact(JSON.stringify(f.data ?? {})),
        ] as const;
        let fpId: number;
        if (row && row.last_run >= lastEvaluatedOf(f.checkId)) {
          // An unbroken streak keeps its start: no run since it was last seen evaluated its check without it
          // (runs that could not check it, or excluded it, do not break it).
          first = row.first_seen;
          const same =
            row.severity === details[0] &&
            row.subjects_json === details[1] &&
            row.message === details[2] &&
            row.data_json === details[3];
          // Most findings persist unchanged from run to run: then only the sighting is written.
          if (same) seen.run(seenAt, runId, row.id);
          else continuing.run(...details, seenAt, runId, row.id);
          fpId = row.id;
        } else if (row) {
          // A run evaluated its check and did not find it; now it is back: "since when" starts again.
          first = seenAt;
          if (newToPrevious(f.checkId)) fresh++;
          restarted.run(...details, seenAt, runId, seenAt, runId, row.id);
          fpId = row.id;
        } else {
          // A finding that shared a scheme-1 row with another (the collision scheme 2 ends) starts when that row did.
          const shared = v1 !== undefined ? takenOver.get(v1) : undefined;
          const carried = shared?.streak ? shared : undefined;
          first = carried?.first_seen ?? seenAt;
          if (!carried && newToPrevious(f.checkId)) fresh++;
          fpId = Number(
            insert.run(
              tenant,
              f.fingerprint,
              f.checkId,
              f.messageId,
              ...details,
              first,
              carried?.first_run ?? runId,
              seenAt,
              runId,
            ).lastInsertRowid,
          );
        }
        link.run(runId, fpId);
        firstSeenOf.set(f.fingerprint, first);
      }
      f.firstSeen = first;
      f.lastSeen = seenAt;
    }
    const mark = db.prepare(
      `INSERT INTO check_state (tenant, check_id, last_evaluated) VALUES (?, ?, ?)
       ON CONFLICT (tenant, check_id) DO UPDATE SET last_evaluated = excluded.last_evaluated`,
    );
    for (const c of report.checks) if (evaluated(c.outcome)) mark.run(tenant, c.id, runId);
    const newSinceLastRun = prev === undefined ? null : fresh;
    if (newSinceLastRun !== null) report.summary.newSinceLastRun = newSinceLastRun;
    const trend = (
      db
        .prepare('SELECT id, as_of, affected_macs, findings FROM runs WHERE tenant = ? ORDER BY id DESC LIMIT ?')
        .all(tenant, TREND_RUNS) as Array<{ id: number; as_of: string; affected_macs: number; findings: number }>
    )
      .reverse()
      .map((r) => ({ runId: r.id, asOf: r.as_of, failingMacs: r.affected_macs, findings: r.findings }));
    report.history = { runId, previousRunId: prev ?? null, trend };
    return { runId, previousRunId: prev ?? null, newSinceLastRun };
  }

  /** Runs, oldest first; of one tenant when given. */
  runs(filter: { tenant?: string; limit?: number } = {}): RunSummary[] {
    return this.guard(() => {
      const where = filter.tenant ? 'WHERE tenant = ?' : '';
      const args: unknown[] = filter.tenant ? [filter.tenant] : [];
      const rows = this.db
        .prepare(`SELECT * FROM runs ${where} ORDER BY id DESC LIMIT ?`)
        .all(...args, filter.limit ?? -1) as RunRow[];
      return rows.reverse().map(toSummary);
    });
  }

  /** The tenants that have runs: key, latest name, number of runs. */
  tenants(): Array<{ id: string; name: string | null; runs: number }> {
    return this.guard(() =>
      (
        this.db
          .prepare(
            `SELECT tenant, count(*) AS n, (SELECT tenant_name FROM runs r2 WHERE r2.tenant = runs.tenant ORDER BY id DESC LIMIT 1) AS name
             FROM runs GROUP BY tenant ORDER BY tenant`,
          )
          .all() as Array<{ tenant: string; n: number; name: string | null }>
      ).map((r) => ({ id: r.tenant, name: r.name, runs: r.n })),
    );
  }

  run(id: number): RunSummary | undefined {
    return this.guard(() => {
      const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
      return row ? toSummary(row) : undefined;
    });
  }

  /** The run of the same tenant just before `id`. */
  previousRun(id: number): RunSummary | undefined {
    return this.guard(() => {
      const row = this.db
        .prepare(
          'SELECT * FROM runs WHERE tenant = (SELECT tenant FROM runs WHERE id = ?) AND id < ? ORDER BY id DESC LIMIT 1',
        )
        .get(id, id) as RunRow | undefined;
      return row ? toSummary(row) : undefined;
    });
  }

  /** The newest run, of one tenant when given. */
  latestRun(tenant?: string): RunSummary | undefined {
    return this.runs(tenant ? { tenant, limit: 1 } : { limit: 1 })[0];
  }

  /** What changed from run `a` to run `b`: findings only in b (new), only in a (fixed), in both (persisting). */
  diff(a: number, b: number): RunDiff {
    return this.guard(() => {
      const from = this.run(a);
      const to = this.run(b);
      if (!from) throw new InputError(`diff: run ${a} is not in the history ${this.path} (see jidoctor history)`);
      if (!to) throw new InputError(`diff: run ${b} is not in the history ${this.path} (see jidoctor history)`);
      if (from.tenant !== to.tenant) {
        throw new InputError(
          `diff: runs ${a} and ${b} belong to different tenants (${from.tenant}, ${to.tenant}); diff compares runs of one tenant`,
        );
      }
      const cols =
        'f.fingerprint, f.check_id, f.message_id, f.severity, f.message, f.subjects_json, f.data_json, f.first_seen, f.last_seen';
      const only = this.db.prepare(
        `SELECT ${cols} FROM run_findings x JOIN fingerprints f ON f.id = x.fp_id
         WHERE x.run_id = ? AND NOT EXISTS (SELECT 1 FROM run_findings y WHERE y.run_id = ? AND y.fp_id = x.fp_id)`,
      );
      const both = this.db.prepare(
        `SELECT ${cols} FROM run_findings x JOIN run_findings y ON y.run_id = ? AND y.fp_id = x.fp_id
         JOIN fingerprints f ON f.id = x.fp_id WHERE x.run_id = ?`,
      );
      const evaluatedIn = (id: number): Set<string> =>
        new Set(
          (
            JSON.parse(
              this.db.prepare('SELECT checks_json FROM runs WHERE id = ?').pluck().get(id) as string,
            ) as Array<{ id: string; outcome: string }>
          )
            .filter((c) => evaluated(c.outcome))
            .map((c) => c.id),
        );
      const inFrom = evaluatedIn(a);
      const inTo = evaluatedIn(b);
      const onlyTo = (only.all(b, a) as FpRow[]).map(toFinding);
      const onlyFrom = (only.all(a, b) as FpRow[]).map(toFinding);
      return {
        from,
        to,
        new: sortFindings(onlyTo.filter((f) => inFrom.has(f.checkId))),
        fixed: sortFindings(onlyFrom.filter((f) => inTo.has(f.checkId))),
        persisting: sortFindings((both.all(a, b) as FpRow[]).map(toFinding)),
        notCheckedInTo: sortFindings(onlyFrom.filter((f) => !inTo.has(f.checkId))),
        notCheckedInFrom: sortFindings(onlyTo.filter((f) => !inFrom.has(f.checkId))),
      };
    });
  }

  /** Deletes runs by a retention rule (keep the newest N runs of each tenant, or the runs of the last D days). */
  prune(rule: PruneRule, now: number = Date.now()): { runs: number; fingerprints: number; kept: number } {
    return this.guard(() =>
      this.db
        .transaction(() => {
          let runs = 0;
          if (rule.keepRuns !== undefined) {
            runs += this.db
              .prepare(
                `DELETE FROM runs WHERE id IN (SELECT id FROM (
                 SELECT id, ROW_NUMBER() OVER (PARTITION BY tenant ORDER BY id DESC) AS rn FROM runs) WHERE rn > ?)`,
              )
              .run(rule.keepRuns).changes;
          }
          if (rule.keepDays !== undefined) {
            const cutoff = new Date(now - rule.keepDays * 86_400_000).toISOString();
            runs += this.db.prepare('DELETE FROM runs WHERE recorded_at < ?').run(cutoff).changes;
          }
          // A fingerprint whose newest run is gone is in no run at all any more (runs go oldest first).
          const fingerprints = this.db
            .prepare('DELETE FROM fingerprints WHERE last_run NOT IN (SELECT id FROM runs)')
            .run().changes;
          this.db.prepare('DELETE FROM check_state WHERE tenant NOT IN (SELECT tenant FROM runs)').run();
          const kept = this.db.prepare('SELECT count(*) FROM runs').pluck().get() as number;
          return { runs, fingerprints, kept };
        })
        .immediate(),
    );
  }

  /** SQLite's own consistency check ("ok" when sound). */
  integrityCheck(): string {
    return this.guard(
      () => (this.db.pragma('integrity_check') as Array<{ integrity_check: string }>)[0]!.integrity_check,
    );
  }
}

function toSummary(r: RunRow): RunSummary {
  const checks = { pass: 0, fail: 0, cannotCheck: 0, notApplicable: 0, error: 0 } as Record<Outcome, number>;
  for (const c of JSON.parse(r.checks_json) as Array<{ outcome: Outcome }>)
    checks[c.outcome] = (checks[c.outcome] ?? 0) + 1;
  return {
    id: r.id,
    tenant: r.tenant,
    tenantName: r.tenant_name,
    recordedAt: r.recorded_at,
    asOf: r.as_of,
    source: { kind: r.source_kind, path: r.source_path },
    mode: r.mode,
    macs: r.macs,
    users: r.users,
    affected: { macs: r.affected_macs, users: r.affected_users },
    findings: r.findings,
    bySeverity: {
      critical: r.sev_critical,
      high: r.sev_high,
      medium: r.sev_medium,
      low: r.sev_low,
      info: r.sev_info,
    },
    checks,
  };
}

function toFinding(r: FpRow): HistoryFinding {
  return {
    fingerprint: r.fingerprint,
    checkId: r.check_id,
    messageId: r.message_id,
    severity: r.severity as Severity,
    message: r.message,
    subjects: JSON.parse(r.subjects_json) as Subject[],
    data: JSON.parse(r.data_json) as Record<string, unknown>,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  };
}

function sortFindings(list: HistoryFinding[]): HistoryFinding[] {
  return list.sort(
    (x, y) =>
      SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity) ||
      (x.checkId < y.checkId ? -1 : x.checkId > y.checkId ? 1 : 0) ||
      (x.subjects[0]?.id ?? '').localeCompare(y.subjects[0]?.id ?? '') ||
      (x.fingerprint < y.fingerprint ? -1 : 1),
  );
}
