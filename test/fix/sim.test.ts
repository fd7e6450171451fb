import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALL_GRAPH_ROLES,
  ALL_JAMF_PRIVILEGES,
  type FaultPlan,
  generateTenant,
  type Simulator,
  startSimulator,
} from '../../sim/index.js';
import { diagnoseCollected } from '../../src/diagnose.js';
import { applyPlan } from '../../src/fix/apply.js';
import { liveRemediationClient } from '../../src/fix/live-client.js';
import { buildPlan } from '../../src/fix/plan.js';
import { collectLive } from '../../src/live.js';
import type { Report } from '../../src/report/types.js';
import { runCli } from '../cli.js';
import { FAST_HTTP, liveConfigFor, simEnv } from '../e2e/harness.js';

/**
 * `fix --apply` against the simulated tenant (sim/), through the real CLI and the real collector: the simulator
 * knows nothing of the checks; they meet only through the Graph and Jamf Pro wire format.
 */
const PROBLEMS = ['intune/duplicate-device-records', 'entra/duplicate-device-records'];
const WRITE_ROLES = ['DeviceManagementManagedDevices.ReadWrite.All', 'Device.ReadWrite.All'];

let sim: Simulator;
let work: string;

async function start(faults?: FaultPlan): Promise<void> {
  const { tenant } = generateTenant({ seed: 7, macs: 24, mode: 'legacy', problems: PROBLEMS, perProblem: 2 });
  sim = await startSimulator({
    tenant,
    graphRoles: [...ALL_GRAPH_ROLES, ...WRITE_ROLES],
    jamfPrivileges: [...ALL_JAMF_PRIVILEGES, 'Delete Computers'],
    ...(faults ? { faults } : {}),
  });
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'jidoctor-fixsim-'));
});
afterEach(async () => {
  await sim?.close();
  await rm(work, { recursive: true, force: true });
});

const env = () => simEnv(sim);
const files = (args: string[]) => [
  ...args,
  '--quiet',
  '--backup-dir',
  join(work, 'backups'),
  '--audit-log',
  join(work, 'audit.jsonl'),
];
/**
 * Requests that change something (sign-in requests are not, nor the collector's `$batch` of user look-ups: the
 * simulator answers only GET requests in a batch, sim/graph/batch.ts).
 */
const writes = () =>
  sim.log.filter(
    (r) =>
      r.method !== 'GET' &&
      r.path !== '/v1.0/$batch' &&
      !/oauth2\/v2\.0\/token$|\/api\/oauth\/token$|\/api\/v1\/auth\//.test(r.path),
  );
const audit = () =>
  existsSync(join(work, 'audit.jsonl'))
    ? readFileSync(join(work, 'audit.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        // The outcome lines (the intent written before each request is checked in audit.test.ts).
        .filter((l) => l.result !== 'intent')
    : [];
async function outcomes(): Promise<Record<string, string>> {
  const r = await runCli(['diagnose', '--live', '--quiet', '--format', 'json', '--fail-on', 'none'], env());
  expect(r.code, r.stderr).toBe(0);
  const report = JSON.parse(r.stdout) as Report;
  return Object.fromEntries(report.checks.filter((c) => PROBLEMS.includes(c.id)).map((c) => [c.id, c.outcome]));
}

describe('fix against the simulator', () => {
  it('without --apply the simulator sees no write request at all', async () => {
    await start();
    for (const id of [...PROBLEMS, 'intune/enrolled-outside-jamf', 'compliance/intune-entra-mismatch']) {
      const r = await runCli(files(['fix', id, '--live']), env());
      expect(r.code, r.stderr).toBe(0);
    }
    expect(sim.log.length).toBeGreaterThan(0);
    expect(writes()).toEqual([]);
    expect(audit()).toEqual([]);
  });

  it('a tenant with duplicates is fixed by fix --apply --yes; a fresh diagnose passes; backups and audit log are complete', async () => {
    await start();
    expect(await outcomes()).toEqual({
      'intune/duplicate-device-records': 'fail',
      'entra/duplicate-device-records': 'fail',
    });
    const intuneBefore = new Map(sim.tenant.graph.managedDevices.map((d) => [String(d.id), structuredClone(d)]));
    const entraBefore = new Map(sim.tenant.graph.devices.map((d) => [String(d.id), structuredClone(d)]));

    const a = await runCli(
      files(['fix', 'intune/duplicate-device-records', '--live', '--apply', '--yes', '--format', 'json']),
      env(),
    );
    expect(a.code, a.stderr).toBe(0);
    // One run disables the stale Entra devices; their deletion waits for a later run (exit 1: not all done).
    const entraFix = files([
      'fix',
      'entra/duplicate-device-records',
      '--live',
      '--apply',
      '--yes',
      '--delete',
      '--format',
      'json',
    ]);
    const disabled = await runCli(entraFix, env());
    expect(disabled.code, disabled.stderr).toBe(1);
    const deferred = (JSON.parse(disabled.stdout) as { results: Array<{ outcome: string; action: { op: string } }> })
      .results;
    expect(deferred.filter((r) => r.action.op === 'delete').every((r) => r.outcome === 'skipped-not-disabled')).toBe(
      true,
    );
    expect(deferred.filter((r) => r.action.op === 'disable').every((r) => r.outcome === 'done')).toBe(true);
    const b = await runCli(entraFix, env());
    expect(b.code, b.stderr).toBe(0);
    expect(await outcomes()).toEqual({
      'intune/duplicate-device-records': 'pass',
      'entra/duplicate-device-records': 'pass',
    });

    // Every removed record is in the backups, as it was before the change.
    const removedIntune = [...intuneBefore.keys()].filter(
      (id) => !sim.tenant.graph.managedDevices.some((d) => d.id === id),
    );
    const removedEntra = [...entraBefore.keys()].filter((id) => !sim.tenant.graph.devices.some((d) => d.id === id));
    expect(removedIntune.length).toBeGreaterThanOrEqual(2);
    expect(removedEntra.length).toBeGreaterThanOrEqual(2);
    // Each run saves the records it changes; an Entra device is saved before it is disabled, and again before
    // the later run deletes it.
    const backups = new Map<string, unknown[]>();
    for (const f of readdirSync(join(work, 'backups'), { recursive: true }).map(String)) {
      if (!f.endsWith('.json')) continue;
      const saved = JSON.parse(readFileSync(join(work, 'backups', f), 'utf8')) as {
        kind: string;
        id: string;
        record: unknown;
      };
      backups.set(`${saved.kind}:${saved.id}`, [...(backups.get(`${saved.kind}:${saved.id}`) ?? []), saved.record]);
    }
    for (const id of removedIntune) expect(backups.get(`intune:${id}`)).toEqual([intuneBefore.get(id)]);
    for (const id of removedEntra) expect(backups.get(`entra:${id}`)).toContainEqual(entraBefore.get(id));

    // One audit line per action, and one write request per action that was done.
    const lines = audit();
    const done = lines.filter((l) => l.result === 'done');
    expect(done).toHaveLength(writes().length);
    const results = [
      ...(JSON.parse(a.stdout) as { results: unknown[] }).results,
      ...deferred,
      ...(JSON.parse(b.stdout) as { results: unknown[] }).results,
    ];
    expect(lines).toHaveLength(results.length);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['ts', 'who', 'what', 'before', 'result']));
      expect((l.who as { identity: string }).identity).toContain(sim.credentials.clientId);
    }
    const all = readFileSync(join(work, 'audit.jsonl'), 'utf8');
    for (const t of sim.issuedTokens()) expect(all).not.toContain(t);
    expect(all).not.toContain(sim.credentials.clientSecret);
  });

  it('a 429 and a 503 mid-batch are retried; a failure that outlasts the retries is finished by a rerun without double actions', async () => {
    await start({
      seed: 1,
      rules: [
        { route: '^GET /v1\\.0/deviceManagement/managedDevices/[^?/]+$', nth: [2], nthKind: '429', retryAfter: 0 },
        { route: '^DELETE /v1\\.0/deviceManagement/managedDevices/', nth: [1, 2, 3, 4, 5, 6], nthKind: '503' },
      ],
    });
    const args = files(['fix', 'intune/duplicate-device-records', '--live', '--apply', '--yes', '--format', 'json']);
    const first = await runCli(args, env());
    expect(first.code, first.stderr).toBe(1);
    const r1 = JSON.parse(first.stdout) as { results: Array<{ id: string; outcome: string; detail?: string }> };
    expect(r1.results.map((x) => x.outcome)).toEqual(
      ['failed', 'done', 'done', ...r1.results.slice(3).map(() => 'done')].slice(0, r1.results.length),
    );
    expect(r1.results[0]!.detail).toMatch(/HTTP 503 after 5 attempts/);
    // The 429 on a re-read and the 503 on the second record's first DELETE were retried and succeeded.
    expect(sim.log.filter((l) => l.fault === '429')).toHaveLength(1);
    expect(
      sim.log.filter((l) => l.method === 'DELETE' && l.path.endsWith(r1.results[1]!.id)).map((l) => l.status),
    ).toEqual([503, 204]);

    const second = await runCli(args, env());
    expect(second.code, second.stderr).toBe(0);
    const r2 = JSON.parse(second.stdout) as { results: Array<{ id: string; outcome: string }> };
    // A live rerun plans from the tenant as it is now: only the record that failed is left to do.
    expect(r2.results.map((x) => [x.id, x.outcome])).toEqual([[r1.results[0]!.id, 'done']]);
    // Each record was deleted exactly once.
    const ok = sim.log.filter((l) => l.method === 'DELETE' && l.status === 204).map((l) => l.path);
    expect(ok.sort()).toEqual(r1.results.map((x) => `/v1.0/deviceManagement/managedDevices/${x.id}`).sort());
    expect(await outcomes()).toMatchObject({ 'intune/duplicate-device-records': 'pass' });
  });

  it('--live --script writes the Mac clean-up with the live record ids, without writing anything', async () => {
    await start();
    const plan = await runCli(files(['fix', 'intune/duplicate-device-records', '--live', '--format', 'json']), env());
    const serial = (JSON.parse(plan.stdout) as { findings: Array<{ mac: string }> }).findings[0]!.mac;
    const r = await runCli(
      files(['fix', 'intune/duplicate-device-records', '--live', '--mac', serial, '--script']),
      env(),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`EXPECTED_SERIAL='${serial}'`);
    const ids = sim.tenant.graph.managedDevices.filter((d) => d.serialNumber === serial).map((d) => String(d.id));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    for (const id of ids) expect(r.stdout).toContain(`/deviceManagement/managedDevices/${id}`);
    expect(writes()).toEqual([]);
  });

  it('a record modified between plan and apply is skipped', async () => {
    await start();
    const dir = join(work, 'snap');
    const { collected } = await collectLive({ config: liveConfigFor(sim), outDir: dir, http: FAST_HTTP });
    const { fleet, report } = diagnoseCollected(collected, { kind: 'live', path: dir });
    const plan = buildPlan('intune/duplicate-device-records', fleet, report, { lang: 'en' });
    const target = plan.findings[0]!.steps.find((s) => s.action)!.action!.record.id;
    const rec = sim.tenant.graph.managedDevices.find((d) => d.id === target)!;
    rec.lastSyncDateTime = new Date(sim.tenant.now).toISOString(); // it synced since the plan
    const { client, close } = liveRemediationClient(liveConfigFor(sim), { backoffMs: 1 });
    try {
      const r = await applyPlan(plan, client, {
        deleteEntra: false,
        backupDir: join(work, 'b'),
        auditLog: join(work, 'audit.jsonl'),
      });
      const mine = r.results.find((x) => x.action.record.id === target)!;
      expect(mine.outcome).toBe('skipped-changed');
      expect(mine.detail).toMatch(/lastSyncDateTime/);
      expect(r.results.filter((x) => x.outcome === 'done').length).toBe(r.results.length - 1);
    } finally {
      await close();
    }
    expect(sim.tenant.graph.managedDevices.some((d) => d.id === target)).toBe(true);
    expect(writes().some((w) => w.path.endsWith(target))).toBe(false);
  });
});
