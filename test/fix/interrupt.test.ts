import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALL_GRAPH_ROLES,
  ALL_JAMF_PRIVILEGES,
  generateTenant,
  type Simulator,
  startSimulator,
} from '../../sim/index.js';
import { BIN, ROOT, runCli } from '../cli.js';
import { simEnv } from '../e2e/harness.js';

/**
 * `fix --apply` killed or interrupted between a write request and its outcome (issue 14 item 1), in a child process
 * against the simulator, whose DELETE answers are held back (FaultRule.holdMs) after the record was removed.
 */
let sim: Simulator;
let work: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'jidoctor-kill-'));
  const { tenant } = generateTenant({
    seed: 7,
    macs: 24,
    mode: 'legacy',
    problems: ['intune/duplicate-device-records'],
    perProblem: 2,
  });
  sim = await startSimulator({
    tenant,
    graphRoles: [...ALL_GRAPH_ROLES, 'DeviceManagementManagedDevices.ReadWrite.All', 'Device.ReadWrite.All'],
    jamfPrivileges: [...ALL_JAMF_PRIVILEGES, 'Delete Computers'],
    faults: { seed: 1, rules: [{ route: '^DELETE /v1\\.0/deviceManagement/managedDevices/', holdMs: 1500 }] },
  });
});
afterEach(async () => {
  await sim?.close();
  await rm(work, { recursive: true, force: true });
});

const env = () => simEnv(sim);
const ARGS = () => [
  'fix',
  'intune/duplicate-device-records',
  '--live',
  '--apply',
  '--yes',
  '--quiet',
  '--backup-dir',
  join(work, 'backups'),
  '--audit-log',
  join(work, 'audit.jsonl'),
];
const audit = () =>
  existsSync(join(work, 'audit.jsonl'))
    ? readFileSync(join(work, 'audit.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
const deletes = () => sim.log.filter((r) => r.method === 'DELETE');

function start(): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const child = spawn(process.execPath, [BIN, ...ARGS()], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: work, JIDOCTOR_DB: join(work, 'h.db'), NO_COLOR: '1', ...env() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += String(d);
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += String(d);
  });
  const done = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out })),
  );
  return { child, done };
}

/** Waits until the first DELETE was handled by the simulator (the record is gone) and its answer is held. */
async function firstDeleteHandled(): Promise<void> {
  const t0 = Date.now();
  while (!deletes().some((d) => d.handled)) {
    if (Date.now() - t0 > 30_000) throw new Error('no DELETE reached the simulator');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('fix --apply interrupted between request and outcome', () => {
  it('kill -9: the intent is on disk; the rerun re-reads the record and records who deleted it', async () => {
    const { child, done } = start();
    await firstDeleteHandled();
    const target = deletes()[0]!.path.split('/').at(-1)!;
    expect(sim.tenant.graph.managedDevices.some((d) => d.id === target)).toBe(false);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const killed = audit();
    const intent = killed.at(-1)!;
    expect(intent).toMatchObject({ result: 'intent', action: `delete:intune:${target}` });
    expect(killed.some((l) => l.intent === intent.id)).toBe(false);

    const rerun = await runCli(ARGS(), env());
    expect(rerun.code, rerun.stderr).toBe(0);
    const rec = audit().find((l) => l.intent === intent.id)!;
    expect(rec).toMatchObject({ result: 'done', recovered: true, intentRunId: intent.runId });
    expect(String(rec.detail)).toMatch(/the record is gone/);
    expect(rerun.stdout).toMatch(/interrupted run/);
    // The rerun never logs the killed run's deletion as its own `already-done`.
    expect(audit().filter((l) => l.action === `delete:intune:${target}` && l.result === 'already-done')).toEqual([]);
  }, 60_000);

  it('SIGINT: the request in flight finishes, its line is written, the summary is printed, exit 130', async () => {
    const { child, done } = start();
    await firstDeleteHandled();
    child.kill('SIGINT');
    const r = await done;
    expect(r.code, r.out).toBe(130);
    expect(deletes()).toHaveLength(1);
    const lines = audit();
    const target = deletes()[0]!.path.split('/').at(-1)!;
    const mine = lines.filter((l) => l.action === `delete:intune:${target}`);
    expect(mine.map((l) => l.result)).toEqual(['intent', 'done']);
    expect(mine[1]!.intent).toBe(mine[0]!.id);
    expect(r.out).toMatch(/Done \(1\)/);
    expect(r.out).toMatch(/not-attempted — interrupted/);
    expect(r.out).toMatch(/Interrupted/);
  }, 60_000);
});
