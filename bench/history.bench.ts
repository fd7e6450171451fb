/**
 * History benchmark: a 1,000-run database with 10,000 findings a run (`npm run bench -- history --runs=N
 * --findings=N` to change it), built in a temp dir; times `diff` of the last two runs (History.diff, what
 * `jidoctor diff` calls) against a baseline measured in the same run: a full scan of one run's findings (the
 * same join, every row read and its JSON parsed). The target is under one second; the verdict is printed.
 *
 * The first runs are bulk-inserted with SQL into the schema the migrations create (recording 1,000 reports one
 * by one would take minutes); the last two are recorded through History.record(), as `diagnose` does, so the
 * fingerprints, streaks and links the diff reads are the real ones.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fingerprint } from '../src/engine/run.js';
import type { Report, ReportFinding } from '../src/report/types.js';
import { History } from '../src/store/history.js';
import type { BenchResult } from './run.js';

const CHECK = 'intune/duplicate-device-records';
/** New (and fixed) findings from one run to the next. */
const CHURN = 10;

const subjectsOf = (i: number) => [
  { kind: 'mac' as const, id: `C02B${String(i).padStart(8, '0')}`, name: `MAC-${i}`, user: `user${i}@contoso.com` },
];
const fpOf = (i: number) => fingerprint(CHECK, 'duplicates', subjectsOf(i));

function report(run: number, findings: number): Report {
  const list: ReportFinding[] = [];
  for (let i = run * CHURN; i < run * CHURN + findings; i++) {
    list.push({
      checkId: CHECK,
      messageId: 'duplicates',
      severity: 'medium',
      message: `Serial ${subjectsOf(i)[0]!.id} has 2 Intune records; keep md-${i}b (newest sync), remove md-${i}a`,
      subjects: subjectsOf(i),
      evidence: [],
      fingerprint: fpOf(i),
      data: { serial: subjectsOf(i)[0]!.id, count: 2, keep: `md-${i}b`, remove: [`md-${i}a`] },
    });
  }
  const asOf = new Date(Date.parse('2024-01-01T00:00:00Z') + run * 3_600_000).toISOString();
  return {
    format: 'jidoctor-report',
    version: 1,
    generatedAt: asOf,
    asOf,
    asOfSource: 'manifest',
    lang: 'en',
    source: { kind: 'snapshot', path: '/bench' },
    tenant: { id: 'bench-tenant', name: 'Bench' },
    mode: { detected: 'legacy', why: 'bench' },
    summary: {
      macs: findings * 2,
      users: findings * 2,
      checks: { pass: 0, fail: 1, cannotCheck: 0, notApplicable: 0, error: 0 },
      findings,
      affected: { macs: findings, users: findings },
      bySeverity: { critical: 0, high: 0, medium: findings, low: 0, info: 0 },
    },
    datasets: [],
    checks: [{ id: CHECK, outcome: 'fail', severity: 'medium', findings }],
    findings: list,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export default async function bench(args: string[]): Promise<BenchResult> {
  const num = (name: string, dflt: number) =>
    Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
  const runs = num('runs', 1000);
  const perRun = num('findings', 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'jidoctor-bench-history-'));
  const path = join(dir, 'history.db');
  try {
    // 1. The schema, through the real migrations.
    History.open(path, { create: true })!.close();

    // 2. Runs 1..runs-2 in bulk.
    const t0 = performance.now();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const bulk = runs - 2;
    const pool = bulk > 0 ? (bulk - 1) * CHURN + perRun : 0;
    const sample = report(0, 1).findings[0]!;
    db.transaction(() => {
      const fp = db.prepare(
        `INSERT INTO fingerprints (id, tenant, fingerprint, check_id, message_id, severity, subjects_json, message, data_json,
           first_seen, first_run, last_seen, last_run) VALUES (?, 'bench-tenant', ?, ?, 'duplicates', 'medium', ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (let i = 0; i < pool; i++) {
        const firstRun = Math.max(0, Math.floor((i - perRun) / CHURN) + 1);
        const lastRun = Math.min(bulk - 1, Math.floor(i / CHURN));
        const at = (r: number) => report(r, 0).asOf;
        fp.run(
          i + 1,
          fpOf(i),
          CHECK,
          JSON.stringify(subjectsOf(i)),
          sample.message,
          JSON.stringify(sample.data),
          at(firstRun),
          firstRun + 1,
          at(lastRun),
          lastRun + 1,
        );
      }
      const run = db.prepare(
        `INSERT INTO runs (id, tenant, tenant_name, recorded_at, as_of, generated_at, source_kind, source_path, mode, lang,
           macs, users, affected_macs, affected_users, findings, sev_critical, sev_high, sev_medium, sev_low, sev_info,
           checks_json, tool_version)
         VALUES (?, 'bench-tenant', 'Bench', ?, ?, ?, 'snapshot', '/bench', 'legacy', 'en', ?, ?, ?, ?, ?, 0, 0, ?, 0, 0, ?, 'bench')`,
      );
      const links = db.prepare(
        `WITH RECURSIVE s(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM s WHERE x < ?)
         INSERT INTO run_findings (run_id, fp_id) SELECT ?, x FROM s`,
      );
      const checks = JSON.stringify([{ id: CHECK, outcome: 'fail', severity: 'medium', findings: perRun }]);
      for (let r = 0; r < bulk; r++) {
        const at = report(r, 0).asOf;
        run.run(r + 1, at, at, at, perRun * 2, perRun * 2, perRun, perRun, perRun, perRun, checks);
        links.run(r * CHURN + 1, r * CHURN + perRun, r + 1);
      }
    })();
    db.close();
    const bulkSeconds = (performance.now() - t0) / 1000;

    // 3. The last two runs through the real recording path.
    const h = History.open(path)!;
    const recordMs: number[] = [];
    for (let r = Math.max(0, bulk); r < runs; r++) {
      const rep = report(r, perRun);
      const t = performance.now();
      h.record(rep, Date.parse(rep.asOf));
      recordMs.push(performance.now() - t);
    }
    h.close();
    const sizeMiB = statSync(path).size / 1024 / 1024;

    // 4. diff of the last two runs, in a freshly opened database (as `jidoctor diff` does), then repeated.
    const timesDiff: number[] = [];
    const timesScan: number[] = [];
    let counts = { new: 0, fixed: 0, persisting: 0 };
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const hist = History.open(path)!;
      const last = hist.latestRun()!;
      const prev = hist.previousRun(last.id)!;
      const d = hist.diff(prev.id, last.id);
      timesDiff.push(performance.now() - t);
      counts = { new: d.new.length, fixed: d.fixed.length, persisting: d.persisting.length };
      // Baseline: open, then read every finding of one run with the same join and JSON parsing.
      const hdb = new Database(path, { readonly: true });
      const s = performance.now();
      const rows = hdb
        .prepare(
          `SELECT f.fingerprint, f.check_id, f.message_id, f.severity, f.message, f.subjects_json, f.data_json,
             f.first_seen, f.last_seen FROM run_findings x JOIN fingerprints f ON f.id = x.fp_id WHERE x.run_id = ?`,
        )
        .all(last.id) as Array<{ subjects_json: string; data_json: string }>;
      for (const row of rows) {
        JSON.parse(row.subjects_json);
        JSON.parse(row.data_json);
      }
      timesScan.push(performance.now() - s);
      hdb.close();
      hist.close();
    }
    const diffMs = median(timesDiff);
    const scanMs = median(timesScan);
    const expected = runs >= 2 ? { new: CHURN, fixed: CHURN, persisting: perRun - CHURN } : counts;
    const correct =
      counts.new === expected.new && counts.fixed === expected.fixed && counts.persisting === expected.persisting;
    const under = diffMs < 1000;
    console.log(
      `database: ${runs} runs × ${perRun} findings (${(runs * perRun).toLocaleString('en')} run-finding rows), ${sizeMiB.toFixed(0)} MiB; built in ${bulkSeconds.toFixed(1)} s`,
    );
    console.log(`record() of a ${perRun}-finding run: ${recordMs.map((x) => x.toFixed(0)).join(', ')} ms`);
    console.log(
      `diff of the last two runs: new ${counts.new}, fixed ${counts.fixed}, persisting ${counts.persisting} (${correct ? 'as built' : `EXPECTED ${JSON.stringify(expected)}`})`,
    );
    console.log(`diff (open + diff), median of 5: ${diffMs.toFixed(0)} ms (first ${timesDiff[0]!.toFixed(0)} ms)`);
    console.log(
      `baseline, full scan of one run's findings: ${scanMs.toFixed(0)} ms → diff/scan ${(diffMs / scanMs).toFixed(2)}×`,
    );
    console.log(
      `diff against the 1-second target: ${(diffMs / 1000).toFixed(3)} of it → ${under ? 'UNDER a second' : 'OVER a second'}`,
    );
    return {
      name: 'history',
      figures: {
        runs,
        findingsPerRun: perRun,
        dbMiB: Number(sizeMiB.toFixed(1)),
        buildSeconds: Number(bulkSeconds.toFixed(1)),
        recordMs: recordMs.map((x) => Math.round(x)),
        diffMsMedian: Math.round(diffMs),
        diffMsFirst: Math.round(timesDiff[0]!),
        scanMsMedian: Math.round(scanMs),
        diffOverScan: Number((diffMs / scanMs).toFixed(2)),
        diffOverOneSecond: Number((diffMs / 1000).toFixed(3)),
        underOneSecond: under,
        counts,
        correct,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
