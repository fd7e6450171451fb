import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diagnoseSnapshot } from '../../src/diagnose.js';
import { applyPlan, type RemediationClient } from '../../src/fix/apply.js';
import { pendingIntents, readAuditLog } from '../../src/fix/audit.js';
import { HttpRemediationClient } from '../../src/fix/http-client.js';
import { buildPlan } from '../../src/fix/plan.js';
import { EXAMPLE, runCli } from '../cli.js';
import { FAKE_TOKEN, type FakeTenant, startFakeTenant } from './fake-tenant.js';

/** The audit log as a write-ahead log (issue 14 item 1) and a fully declined run (item 2). */
let dir: string;
let work: string;
let fake: FakeTenant;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'jidoctor-wal-'));
  dir = join(work, 'snapshot');
  cpSync(EXAMPLE, dir, { recursive: true });
  fake = await startFakeTenant(dir);
});
afterEach(async () => {
  await fake.close();
  await rm(work, { recursive: true, force: true });
});

const LOG = () => join(work, 'audit.jsonl');
const env = () => ({
  JIDOCTOR_GRAPH_URL: fake.url,
  JIDOCTOR_GRAPH_TOKEN: FAKE_TOKEN,
  JIDOCTOR_JAMF_URL: fake.url,
  JIDOCTOR_JAMF_TOKEN: FAKE_TOKEN,
  JIDOCTOR_IDENTITY: 'app:test-client',
  JIDOCTOR_RETRY_BASE_MS: '1',
});
const lines = () =>
  existsSync(LOG())
    ? readFileSync(LOG(), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
const writes = () => fake.requests.filter((r) => r.method !== 'GET');
const client = () =>
  new HttpRemediationClient({
    graphBase: fake.graphUrl,
    jamfBase: fake.url,
    graphToken: async () => FAKE_TOKEN,
    jamfToken: async () => FAKE_TOKEN,
    identity: 'app:test-client',
    attempts: 2,
    backoffMs: 1,
  });
async function plan() {
  const { fleet, report } = await diagnoseSnapshot(dir);
  return buildPlan('intune/duplicate-device-records', fleet, report, { lang: 'en' });
}
const opts = () => ({ deleteEntra: false, backupDir: join(work, 'backups'), auditLog: LOG() });
const IDS = ['b34f9b84-3299-44ea-8d47-5afb57917adb', '5961f9e7-cdc6-4489-8320-834cf733bc26'];

describe('the audit log is a write-ahead log', () => {
  it('an intent line is on disk before each write request, and the outcome line names it with the HTTP status', async () => {
    const c = client();
    const seenAtSend: Array<Record<string, unknown> | undefined> = [];
    const wrapped: RemediationClient = {
      identity: c.identity,
      read: (t) => c.read(t),
      send: async (call) => {
        // What a crash right now would leave: read from the file, not from memory.
        seenAtSend.push(lines().at(-1));
        return c.send(call);
      },
    };
    const r = await applyPlan(await plan(), wrapped, opts());
    expect(r.results.map((x) => x.outcome)).toEqual(['done', 'done']);
    expect(seenAtSend.map((l) => [l?.result, l?.action])).toEqual(IDS.map((id) => ['intent', `delete:intune:${id}`]));
    const all = lines();
    expect(all.map((l) => l.result)).toEqual(['intent', 'done', 'intent', 'done']);
    expect(all[1]!.intent).toBe(all[0]!.id);
    expect(all[3]!.intent).toBe(all[2]!.id);
    expect(all[0]!.id).not.toBe(all[2]!.id);
    expect(all[1]!.status).toBe(204);
    expect((all[0]!.before as { id: string }).id).toBe(IDS[0]);
    expect(String(all[0]!.backup)).toContain(IDS[0]);
    expect(pendingIntents((await readAuditLog(LOG())).lines)).toEqual([]);
  });

  it('--audit-log /dev/full: one line, exit 2, and no write request is sent', async () => {
    if (!existsSync('/dev/full')) return; // Linux only
    const r = await runCli(
      [
        'fix',
        'intune/duplicate-device-records',
        '--snapshot',
        dir,
        '--apply',
        '--yes',
        '--audit-log',
        '/dev/full',
        '--backup-dir',
        join(work, 'b'),
      ],
      env(),
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--audit-log \/dev\/full: cannot be written \(ENOSPC\); stopped before the next change/);
    expect(r.code).toBe(2);
    expect(writes()).toEqual([]);
  });

  it('a failed append of an outcome stops the run before the next change; the rerun re-reads the record and records it', async () => {
    const p = await plan();
    let n = 0;
    const r = await applyPlan(p, client(), {
      ...opts(),
      runId: 'first',
      auditHooks: {
        beforeAppend: (line) => {
          n++;
          if (line.result === 'done') throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        },
      },
    });
    expect(n).toBe(2);
    expect(r.stopped).toMatch(/--audit-log .*cannot be written \(ENOSPC\)/);
    expect(r.results.map((x) => x.outcome)).toEqual(['done', 'not-attempted']);
    // Only the first record was deleted; its intent stays pending in the log.
    expect(writes().map((w) => w.path)).toEqual([`/v1.0/deviceManagement/managedDevices/${IDS[0]}`]);
    const pending = pendingIntents((await readAuditLog(LOG())).lines);
    expect(pending.map((l) => l.action)).toEqual([`delete:intune:${IDS[0]}`]);

    // The rerun does not hide who deleted it: it records the first run's intent as done (the record is gone).
    const again = await applyPlan(p, client(), { ...opts(), runId: 'second' });
    expect(again.recovered.map((x) => [x.intent, x.outcome])).toEqual([[pending[0]!.id, 'done']]);
    const all = lines();
    const rec = all.find((l) => l.recovered === true)!;
    expect(rec).toMatchObject({
      intent: pending[0]!.id,
      result: 'done',
      runId: 'second',
      intentRunId: 'first',
      action: `delete:intune:${IDS[0]}`,
    });
    expect(String(rec.detail)).toMatch(/the record is gone/);
    expect(pendingIntents((await readAuditLog(LOG())).lines)).toEqual([]);
    expect(again.results.map((x) => x.outcome)).toEqual(['already-done', 'done']);
  });

  it('a failed append of an intent sends nothing: the change is not made', async () => {
    const r = await applyPlan(await plan(), client(), {
      ...opts(),
      auditHooks: {
        beforeAppend: (line) => {
          if (line.result === 'intent' && String(line.action).includes(IDS[1]!))
            throw Object.assign(new Error('I/O'), { code: 'EIO' });
        },
      },
    });
    expect(r.results.map((x) => x.outcome)).toEqual(['done', 'failed']);
    expect(r.results[1]!.detail).toMatch(/audit log .*EIO.*nothing was sent/);
    expect(writes()).toHaveLength(1);
  });

  it('an intent whose request did not take effect is recorded as failed by the rerun', async () => {
    writeFileSync(
      LOG(),
      `${JSON.stringify({
        ts: '2026-12-01T10:00:00.000Z',
        runId: 'killed',
        who: { operator: 'ann', identity: 'app:x', host: 'h' },
        result: 'intent',
        id: 'killed#1',
        op: 'delete',
        action: `delete:intune:${IDS[1]}`,
        record: { kind: 'intune', id: IDS[1], label: 'x' },
      })}\n{"ts":"2026-12-01T10:00:01`, // and a half line from a failed write
    );
    const r = await applyPlan(await plan(), client(), { ...opts(), runId: 'next' });
    expect(r.recovered.map((x) => [x.intent, x.outcome])).toEqual([['killed#1', 'failed']]);
    const text = readFileSync(LOG(), 'utf8').split('\n');
    // The half line stays on its own line; every line written after it is whole JSON.
    expect(text[1]).toBe('{"ts":"2026-12-01T10:00:01');
    const after = text.slice(2).filter(Boolean);
    for (const l of after) expect(() => JSON.parse(l)).not.toThrow();
    expect(JSON.parse(after[0]!)).toMatchObject({ intent: 'killed#1', result: 'failed', recovered: true });
    expect(JSON.parse(after[0]!).detail).toMatch(/still there/);
    expect((await readAuditLog(LOG())).unreadable).toEqual([2]);
  });
});

describe('a fully declined --apply', () => {
  it('names no backup folder and says that nothing was changed', async () => {
    const r = await applyPlan(await plan(), client(), { ...opts(), confirm: async () => 'no' });
    expect(r.results.map((x) => x.outcome)).toEqual(['declined', 'declined']);
    expect(r.backupDir).toBeNull();
    expect(existsSync(join(work, 'backups')) && readdirSync(join(work, 'backups')).length).toBeFalsy();
    const { summaryText } = await import('../../src/fix/cli-apply.js');
    const text = summaryText('en', r);
    expect(text).toMatch(/Nothing was changed/);
    expect(text).not.toMatch(/Backups:/);
  });
});

describe('fix --apply with a bad --output', () => {
  it('fails before the tenant is read or changed (the summary would have nowhere to go)', async () => {
    const r = await runCli(
      [
        'fix',
        'intune/duplicate-device-records',
        '--snapshot',
        dir,
        '--apply',
        '--yes',
        '--output',
        join(work, 'missing', 'summary.txt'),
        '--audit-log',
        LOG(),
        '--backup-dir',
        join(work, 'b'),
      ],
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--output .*summary.txt: cannot be written/);
    expect(fake.requests).toEqual([]);
    expect(lines()).toEqual([]);
  });
});
