import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diagnoseSnapshot } from '../../src/diagnose.js';
import { applyPlan } from '../../src/fix/apply.js';
import { HttpRemediationClient } from '../../src/fix/http-client.js';
import { actionsOf, buildPlan } from '../../src/fix/plan.js';
import { EXAMPLE, runCli } from '../cli.js';
import { FAKE_TOKEN, type FakeTenant, startFakeTenant } from './fake-tenant.js';

let dir: string;
let work: string;
let fake: FakeTenant;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'jidoctor-apply-'));
  dir = join(work, 'snapshot');
  cpSync(EXAMPLE, dir, { recursive: true });
  fake = await startFakeTenant(dir);
});
afterEach(async () => {
  await fake.close();
  await rm(work, { recursive: true, force: true });
});

const env = () => ({
  JIDOCTOR_GRAPH_URL: fake.url,
  JIDOCTOR_GRAPH_TOKEN: FAKE_TOKEN,
  JIDOCTOR_JAMF_URL: fake.url,
  JIDOCTOR_JAMF_TOKEN: FAKE_TOKEN,
  JIDOCTOR_IDENTITY: 'app:test-client',
  JIDOCTOR_RETRY_BASE_MS: '1',
});
const files = (args: string[]) => [
  ...args,
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
        // The outcome lines (the intent written before each request is checked in audit.test.ts).
        .filter((l) => l.result !== 'intent')
    : [];
const writes = () => fake.requests.filter((r) => r.method !== 'GET');
const outcome = async (id: string) => (await diagnoseSnapshot(dir)).report.checks.find((c) => c.id === id)!.outcome;
const client = (attempts = 5) =>
  new HttpRemediationClient({
    graphBase: fake.graphUrl,
    jamfBase: fake.url,
    graphToken: async () => FAKE_TOKEN,
    jamfToken: async () => FAKE_TOKEN,
    identity: 'app:test-client',
    attempts,
    backoffMs: 1,
  });

describe('fix without --apply', () => {
  it('sends no request at all, let alone a write', async () => {
    const ids = [
      'intune/duplicate-device-records',
      'entra/duplicate-device-records',
      'intune/enrolled-outside-jamf',
      'compliance/intune-entra-mismatch',
    ];
    const runs = await Promise.all(ids.map((id) => runCli(files(['fix', id, '--snapshot', dir]), env())));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const noTty = await runCli(files(['fix', 'intune/duplicate-device-records', '--snapshot', dir, '--apply']), env());
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toMatch(/expected --yes when stdin is not a terminal/);
    expect(fake.requests).toEqual([]);
    expect(audit()).toEqual([]);
  });
});

describe('fix --apply --yes against a fake tenant', () => {
  it('removes Intune duplicates with backups and one audit line per action; diagnose then passes', async () => {
    const pages = JSON.parse(
      readFileSync(join(dir, 'graph/v1.0/deviceManagement/managedDevices.json'), 'utf8'),
    ) as Array<{
      value: Array<{ id: string }>;
    }>;
    const before = { value: pages.flatMap((p) => p.value) };
    expect(await outcome('intune/duplicate-device-records')).toBe('fail');
    const r = await runCli(
      files(['fix', 'intune/duplicate-device-records', '--snapshot', dir, '--apply', '--yes', '--format', 'json']),
      env(),
    );
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { results: Array<{ id: string; outcome: string; backup?: string }> };
    const removed = ['b34f9b84-3299-44ea-8d47-5afb57917adb', '5961f9e7-cdc6-4489-8320-834cf733bc26'];
    expect(result.results.map((x) => [x.id, x.outcome])).toEqual(removed.map((id) => [id, 'done']));
    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual(
      removed.map((id) => `DELETE /v1.0/deviceManagement/managedDevices/${id}`),
    );
    // Backups hold every removed record, as it was.
    for (const x of result.results) {
      const saved = JSON.parse(readFileSync(x.backup!, 'utf8')) as { record: unknown };
      expect(saved.record).toEqual(before.value.find((d) => d.id === x.id));
    }
    // One audit line per action: who, when, what, before, result.
    const lines = audit();
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      expect(l).toMatchObject({ result: 'done', checkId: 'intune/duplicate-device-records' });
      expect((l.who as { identity: string }).identity).toBe('app:test-client');
      expect(typeof (l.who as { operator: string }).operator).toBe('string');
      expect(String(l.ts)).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(String(l.what)).toMatch(/^DELETE \/deviceManagement\/managedDevices\//);
      expect((l.before as { id: string }).id).toBe((l.record as { id: string }).id);
    }
    expect(readFileSync(join(work, 'audit.jsonl'), 'utf8')).not.toContain(FAKE_TOKEN);
    expect(await outcome('intune/duplicate-device-records')).toBe('pass');

    // A rerun of the same plan is idempotent: nothing is written twice; the audit log grows, never rewritten.
    const again = await runCli(
      files(['fix', 'intune/duplicate-device-records', '--snapshot', EXAMPLE, '--apply', '--yes']),
      env(),
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Not done \(0\)/);
    expect(writes()).toHaveLength(2);
    const all = audit();
    expect(all).toHaveLength(4);
    expect(all.slice(2).map((l) => l.result)).toEqual(['already-done', 'already-done']);
  });

  it('disables Entra duplicates first and deletes them only with --delete; diagnose then passes', async () => {
    const id = 'db1eb960-4efb-41c9-8a42-5e335aef9559';
    const r1 = await runCli(
      files(['fix', 'entra/duplicate-device-records', '--snapshot', dir, '--apply', '--yes']),
      env(),
    );
    expect(r1.code, r1.stderr).toBe(0);
    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual([`PATCH /v1.0/devices/${id}`]);
    expect(r1.stdout).toMatch(/skipped-needs-delete/);
    expect(await outcome('entra/duplicate-device-records')).toBe('fail'); // disabled, still there
    const r2 = await runCli(
      files(['fix', 'entra/duplicate-device-records', '--snapshot', EXAMPLE, '--apply', '--yes', '--delete']),
      env(),
    );
    expect(r2.code, r2.stderr).toBe(0);
    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `PATCH /v1.0/devices/${id}`,
      `DELETE /v1.0/devices/${id}`,
    ]);
    expect(audit().map((l) => `${l.action} ${l.result}`)).toEqual([
      `disable:entra:${id} done`,
      `delete:entra:${id} skipped-needs-delete`,
      `disable:entra:${id} already-done`,
      `delete:entra:${id} done`,
    ]);
    // The backup is the record as it was before the first change (enabled).
    const backups = readdirSync(join(work, 'backups'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.json'));
    const first = backups.map(
      (f) => JSON.parse(readFileSync(join(work, 'backups', f), 'utf8')) as { record: { accountEnabled: boolean } },
    );
    expect(first.some((b) => b.record.accountEnabled === true)).toBe(true);
    expect(await outcome('entra/duplicate-device-records')).toBe('pass');
  });
});

describe('applyPlan', () => {
  async function plan(checkId = 'intune/duplicate-device-records') {
    const { fleet, report } = await diagnoseSnapshot(dir);
    return buildPlan(checkId, fleet, report, { lang: 'en' });
  }
  const opts = () => ({ deleteEntra: false, backupDir: join(work, 'backups'), auditLog: join(work, 'audit.jsonl') });

  it('skips a record that changed between plan and apply', async () => {
    const p = await plan();
    fake.touch('intune', 'b34f9b84-3299-44ea-8d47-5afb57917adb', { lastSyncDateTime: '2026-11-29T10:00:00Z' });
    const r = await applyPlan(p, client(), opts());
    expect(r.results.map((x) => x.outcome)).toEqual(['skipped-changed', 'done']);
    expect(r.results[0]!.detail).toMatch(/lastSyncDateTime: 2026-11-23T09:30:00.000Z → 2026-11-29T10:00:00.000Z/);
    expect(writes().map((w) => w.path)).toEqual([
      '/v1.0/deviceManagement/managedDevices/5961f9e7-cdc6-4489-8320-834cf733bc26',
    ]);
    expect(audit().map((l) => l.result)).toEqual(['skipped-changed', 'done']);
  });

  it('skips a duplicate when the record kept in its place changed since the plan', async () => {
    const p = await plan();
    // The record the plan keeps for NYC-MBP-0107 synced again: its duplicate is left alone.
    fake.touch('intune', '2a71fc9a-4a35-41a3-8fb5-aa14e8237ec1', { lastSyncDateTime: '2026-11-29T10:00:00Z' });
    const r = await applyPlan(p, client(), opts());
    expect(r.results.map((x) => x.outcome)).toEqual(['skipped-changed', 'done']);
    expect(r.results[0]!.detail).toMatch(
      /^the record kept in its place \(intune 2a71fc9a-4a35-41a3-8fb5-aa14e8237ec1\) changed: lastSyncDateTime/,
    );
    expect(writes().map((w) => w.path)).toEqual([
      '/v1.0/deviceManagement/managedDevices/5961f9e7-cdc6-4489-8320-834cf733bc26',
    ]);
  });

  it('retries 429 and 503 mid-batch (honouring Retry-After), and a lost response is not acted on twice', async () => {
    const p = await plan();
    fake.faults.push(
      { method: 'GET', path: /5961f9e7/, status: 429, times: 2, retryAfter: '0' },
      { method: 'DELETE', path: /b34f9b84/, status: 503, times: 1, applyFirst: true },
    );
    const r = await applyPlan(p, client(), opts());
    expect(r.results.map((x) => x.outcome)).toEqual(['already-done', 'done']);
    expect(fake.requests.filter((q) => q.status === 429 || q.status === 503)).toHaveLength(3);
    expect(existsSync(join(dir, 'graph/v1.0/deviceManagement/managedDevices.json'))).toBe(true);
    expect(await outcome('intune/duplicate-device-records')).toBe('pass');
  });

  it('a failure that outlasts the retries leaves a clear done / not done list, and the rerun completes without double actions', async () => {
    const p = await plan();
    fake.faults.push({ method: 'DELETE', path: /5961f9e7/, status: 503, times: 3 });
    const r1 = await applyPlan(p, client(3), opts());
    expect(r1.results.map((x) => `${x.action.record.id} ${x.outcome}`)).toEqual([
      'b34f9b84-3299-44ea-8d47-5afb57917adb done',
      '5961f9e7-cdc6-4489-8320-834cf733bc26 failed',
    ]);
    expect(r1.results[1]!.detail).toMatch(/HTTP 503 after 3 attempts/);
    const r2 = await applyPlan(p, client(3), { ...opts(), runId: 'rerun' });
    expect(r2.results.map((x) => x.outcome)).toEqual(['already-done', 'done']);
    const deletes = writes().filter((w) => w.status === 204);
    expect(deletes.map((w) => w.path).sort()).toEqual(
      [
        '/v1.0/deviceManagement/managedDevices/5961f9e7-cdc6-4489-8320-834cf733bc26',
        '/v1.0/deviceManagement/managedDevices/b34f9b84-3299-44ea-8d47-5afb57917adb',
      ].sort(),
    );
    expect(audit()).toHaveLength(4);
  });

  it('asks once per batch and acts only on confirmed batches', async () => {
    const p = await plan();
    const asked: Array<string | null> = [];
    const r = await applyPlan(p, client(), {
      ...opts(),
      confirm: async (b) => {
        asked.push(b.mac);
        return asked.length === 1 ? 'no' : 'yes';
      },
    });
    expect(asked).toEqual(actionsOf(p).map((a) => a.mac));
    expect(r.results.map((x) => x.outcome)).toEqual(['declined', 'done']);
    expect(writes()).toHaveLength(1);
  });

  it('deletes stale Jamf Pro computers through the Jamf Pro API', async () => {
    const { fleet, report } = await diagnoseSnapshot(dir);
    const p = buildPlan('intune/duplicate-device-records', fleet, report, { lang: 'en' });
    const jamf = fleet.macs.flatMap((m) => m.jamf)[0]!;
    // A plan step for a Jamf computer, as the planner makes for a duplicated serial.
    const { removeJamfStep } = await import('../../src/fix/planners/common.js');
    p.findings[0]!.steps.unshift(removeJamfStep('en', jamf, []));
    const r = await applyPlan(p, client(), opts());
    expect(r.results[0]).toMatchObject({ outcome: 'done' });
    expect(writes()[0]).toMatchObject({
      method: 'DELETE',
      path: `/api/v${jamf.apiVersion}/computers-inventory/${jamf.id}`,
    });
    expect(jamf.apiVersion).toBe(3); // the version the snapshot was read with
  });
});

describe('confirmation on a terminal', () => {
  it('asks per batch on stderr and acts only on the batches answered yes', async () => {
    const { execFile } = await import('node:child_process');
    const { BIN } = await import('../cli.js');
    const cmd = [
      process.execPath,
      BIN,
      ...files(['fix', 'intune/duplicate-device-records', '--snapshot', dir, '--apply']),
    ]
      .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    const out = await new Promise<string>((resolve) => {
      // script(1) gives the command a pseudo-terminal, so that stdin is a TTY.
      const child = execFile(
        'script',
        ['-qec', cmd, '/dev/null'],
        { env: { ...process.env, ...env(), NO_COLOR: '1' } },
        (_e, so) => resolve(String(so)),
      );
      let answered = 0;
      child.stdout?.on('data', (d: Buffer) => {
        const asked = (String(d).match(/Apply these changes\?/g) ?? []).length;
        for (let i = 0; i < asked; i++) child.stdin?.write(answered++ === 0 ? 'n\n' : 'y\n');
      });
    });
    expect(out.match(/Apply these changes\?/g)).toHaveLength(2);
    expect(audit().map((l) => l.result)).toEqual(['declined', 'done']);
    expect(writes()).toHaveLength(1);
  });
});

describe('bad --audit-log', () => {
  it('is one line naming the file, exit 2, and nothing is written to the tenant', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(work, 'a-file'), 'not a folder');
    const bad = join(work, 'a-file', 'audit.jsonl');
    const r = await runCli(
      [
        'fix',
        'intune/duplicate-device-records',
        '--snapshot',
        dir,
        '--apply',
        '--yes',
        '--audit-log',
        bad,
        '--backup-dir',
        join(work, 'b'),
      ],
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`--audit-log ${bad}: cannot be written (`);
    expect(writes()).toEqual([]);
  });
});
