import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALL_JAMF_PRIVILEGES,
  type FaultPlan,
  generateTenant,
  type Simulator,
  startSimulator,
} from '../../sim/index.js';
import type { Report } from '../../src/report/types.js';
import { BIN, ROOT, runCli } from '../cli.js';
import { simEnv } from '../e2e/harness.js';

/**
 * `jamf-sync` end to end: a live diagnosis of the simulated tenant as a JSON report, then the findings written to
 * the simulator's Jamf Pro API as computer extension attributes, through the real CLI. The simulator knows nothing
 * of the checks or of jamf-sync: it only serves the Jamf Pro API's extension-attribute endpoints.
 */
const WRITE = ['Read Computer Extension Attributes', 'Create Computer Extension Attributes', 'Update Computers'];
let sim: Simulator;
let work: string;

async function start(faults?: FaultPlan, privileges = [...ALL_JAMF_PRIVILEGES, ...WRITE]): Promise<void> {
  const { tenant } = generateTenant({
    seed: 11,
    macs: 30,
    mode: 'legacy',
    problems: ['jamf/check-in-overdue', 'intune/duplicate-device-records', 'jamf/entra-registration-deactivated'],
    perProblem: 3,
  });
  sim = await startSimulator({ tenant, jamfPrivileges: privileges, ...(faults ? { faults } : {}) });
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'jidoctor-jamfsync-'));
});
afterEach(async () => {
  await sim?.close();
  await rm(work, { recursive: true, force: true });
});

const env = () => simEnv(sim);
const files = () => ['--backup-dir', join(work, 'backups'), '--audit-log', join(work, 'audit.jsonl')];
const audit = () =>
  existsSync(join(work, 'audit.jsonl'))
    ? readFileSync(join(work, 'audit.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
// The collector's `$batch` of user look-ups is no write: the simulator answers only GET requests in a batch.
const writes = () =>
  sim.log.filter(
    (r) =>
      r.method !== 'GET' && r.path !== '/v1.0/$batch' && !/\/api\/oauth\/token$|oauth2\/v2\.0\/token$/.test(r.path),
  );

async function reportFile(): Promise<{ file: string; report: Report }> {
  const file = join(work, 'report.json');
  const r = await runCli(
    ['diagnose', '--live', '--quiet', '--no-history', '--format', 'json', '--output', file, '--fail-on', 'none'],
    env(),
  );
  expect(r.code, r.stderr).toBe(0);
  return { file, report: JSON.parse(readFileSync(file, 'utf8')) as Report };
}

/** Each computer's values of the two attributes, by serial (as Jamf Pro holds them now). */
function values(): Map<string, [string, string]> {
  const defs = sim.tenant.jamf.extensionAttributes ?? [];
  const f = defs.find((d) => d.name === 'jidoctor findings')?.id;
  const d = defs.find((x) => x.name === 'jidoctor date')?.id;
  return new Map(
    sim.tenant.jamf.computers.map((m) => [
      m.serial,
      [f ? (m.extensionAttributes?.[f]?.[0] ?? '') : '', d ? (m.extensionAttributes?.[d]?.[0] ?? '') : ''],
    ]),
  );
}

/** What the report says each Mac should hold: its checks' ids, sorted. */
function expected(report: Report): Map<string, string> {
  const out = new Map<string, Set<string>>();
  for (const f of report.findings)
    for (const s of f.subjects) if (s.kind === 'mac') out.set(s.id, (out.get(s.id) ?? new Set()).add(f.checkId));
  return new Map([...out].map(([k, v]) => [k, [...v].sort().join(', ')]));
}

describe('jamf-sync against the simulated Jamf Pro', () => {
  it('plans without writing; applies with a backup and a complete audit log; a rerun changes nothing; --clear empties', async () => {
    await start();
    const { file, report } = await reportFile();
    const want = expected(report);
    expect(want.size).toBeGreaterThan(3);

    const plan = await runCli(['jamf-sync', '--report', file, '--format', 'json', ...files()], env());
    expect(plan.code, plan.stderr).toBe(0);
    const p = JSON.parse(plan.stdout) as { plan: { changes: Array<{ serial: string; to: { findings: string } }> } };
    expect(new Map(p.plan.changes.map((c) => [c.serial, c.to.findings]))).toEqual(want);
    expect(writes()).toEqual([]);
    expect(audit()).toEqual([]);

    const applied = await runCli(['jamf-sync', '--report', file, '--apply', '--yes', ...files()], env());
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    expect(applied.stdout).toContain(
      `jamf-sync --apply: ${want.size} written, 0 failed, created "jidoctor findings", "jidoctor date"`,
    );
    const now = values();
    for (const [serial, [findings, date]] of now) {
      expect(findings, serial).toBe(want.get(serial) ?? '');
      expect(date, serial).toBe(want.has(serial) ? report.asOf : '');
    }
    // Only the Macs with findings were written, each once, never more than 5 at a time.
    expect(writes().filter((w) => w.method === 'PATCH')).toHaveLength(want.size);
    expect(sim.jamfMaxInFlight()).toBeLessThanOrEqual(5);
    // Every intent has its outcome; the backup holds the previous (empty) values.
    const lines = audit();
    const intents = lines.filter((l) => l.result === 'intent');
    expect(intents).toHaveLength(want.size + 2);
    for (const i of intents) expect(lines.some((l) => l.intent === i.id && l.result === 'done')).toBe(true);
    const runDir = readdirSync(join(work, 'backups'));
    expect(runDir).toHaveLength(1);
    const backup = JSON.parse(
      readFileSync(join(work, 'backups', runDir[0]!, 'jamf-extension-attributes.json'), 'utf8'),
    );
    expect(backup.computers).toHaveLength(want.size);

    // Idempotent: the same report again writes nothing.
    const before = writes().length;
    const again = await runCli(['jamf-sync', '--report', file, '--apply', '--yes', ...files()], env());
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 written, 0 failed');
    expect(writes().length).toBe(before);

    const clear = await runCli(['jamf-sync', '--clear', '--apply', '--yes', ...files()], env());
    expect(clear.code, clear.stderr).toBe(0);
    for (const [serial, v] of values()) expect(v, serial).toEqual(['', '']);
    expect(audit().filter((l) => l.result === 'intent').length).toBe(want.size * 2 + 2);
  }, 120_000);

  it('429 and 503 answers on the writes are retried; every computer ends written', async () => {
    await start({
      seed: 5,
      rules: [{ route: '^PATCH /api/v1/computers-inventory-detail/', rate429: 0.25, rate503: 0.1, retryAfter: 0 }],
    });
    const { file, report } = await reportFile();
    const r = await runCli(['jamf-sync', '--report', file, '--apply', '--yes', ...files()], env());
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(sim.faults.jamf.injected['429'] ?? 0).toBeGreaterThan(0);
    const want = expected(report);
    for (const [serial, [findings]] of values()) expect(findings, serial).toBe(want.get(serial) ?? '');
  }, 120_000);

  it('without Update Computers: every write fails in one line each, exit 3, and the audit log says so', async () => {
    await start(undefined, [
      ...ALL_JAMF_PRIVILEGES,
      'Read Computer Extension Attributes',
      'Create Computer Extension Attributes',
    ]);
    const { file } = await reportFile();
    const r = await runCli(['jamf-sync', '--report', file, '--apply', '--yes', ...files()], env());
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/failed: computer \d+ \([A-Z0-9]+\): HTTP 403/);
    const lines = audit();
    for (const i of lines.filter((l) => l.result === 'intent' && l.what === 'set-extension-attributes'))
      expect(lines.some((l) => l.intent === i.id && l.result === 'failed' && l.status === 403)).toBe(true);
  }, 120_000);

  it('killed between a write and its answer: the rerun reads the computer again and records what it holds', async () => {
    await start({ seed: 1, rules: [{ route: '^PATCH /api/v1/computers-inventory-detail/', holdMs: 2000 }] });
    const { file } = await reportFile();
    const child: ChildProcess = spawn(
      process.execPath,
      [BIN, 'jamf-sync', '--report', file, '--apply', '--yes', ...files()],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: work, NO_COLOR: '1', ...env() },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise((r) => child.on('exit', r));
    const t0 = Date.now();
    while (!sim.log.some((l) => l.method === 'PATCH' && l.handled)) {
      if (Date.now() - t0 > 30_000) throw new Error('no PATCH reached the simulator');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await exited;
    const killed = audit();
    const pending = killed.filter((l) => l.result === 'intent' && !killed.some((x) => x.intent === l.id));
    expect(pending.length).toBeGreaterThan(0);
    const rerun = await runCli(['jamf-sync', '--report', file, '--apply', '--yes', ...files()], env());
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    const lines = audit();
    for (const i of pending) {
      const outcome = lines.find((l) => l.intent === i.id);
      expect(outcome, String(i.id)).toMatchObject({ recovered: true });
    }
    // The handled write was recorded as done by the rerun, not as its own change.
    const handled = sim.log
      .find((l) => l.method === 'PATCH' && l.handled)!
      .path.split('/')
      .at(-1);
    const rec = lines.find((l) => pending.some((p) => p.id === l.intent && p.computerId === handled));
    expect(rec).toMatchObject({ result: 'done', recovered: true });
  }, 120_000);
});
