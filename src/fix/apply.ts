import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import * as G from '../api/graph.js';
import * as J from '../api/jamf.js';
import { InputError } from '../errors.js';
import * as R from '../model/records.js';
import { redact } from '../redact.js';
import { actionsOf } from './plan.js';
import { entraTarget, intuneTarget, jamfTarget } from './planners/common.js';
import type { Action, ApiCall, FieldValue, Plan, RecordKind, TargetRecord } from './types.js';

/**
 * The few calls --apply needs. The live implementation speaks Graph and the Jamf Pro API (http-client.ts); tests
 * use the same implementation against a local fake server.
 */
export interface RemediationClient {
  /** Who acts (the application / API client), for the audit log. */
  readonly identity: string;
  /** Reads one record live; null when it does not exist (404). */
  read(target: TargetRecord): Promise<Record<string, unknown> | null>;
  /** Sends a write call. A DELETE of a record that is already gone resolves with status 404. */
  send(call: ApiCall): Promise<{ status: number }>;
}

export type Outcome =
  | 'done'
  | 'already-done'
  | 'skipped-changed'
  | 'skipped-needs-delete'
  | 'skipped-not-disabled'
  | 'declined'
  | 'failed';

export interface ActionResult {
  action: Action;
  mac: string | null;
  outcome: Outcome;
  detail?: string;
  backup?: string;
}

export interface ApplyOptions {
  /** Entra deletions only with --delete. */
  deleteEntra: boolean;
  backupDir: string;
  auditLog: string;
  /** Asked once per batch (the actions of one finding); true to go on. Not called with --yes. */
  confirm?: (batch: { mac: string | null; actions: Action[] }) => Promise<'yes' | 'no' | 'all' | 'quit'>;
  now?: () => Date;
  runId?: string;
  /** Who runs jidoctor (defaults to the OS user). */
  operator?: string;
}

export interface ApplyResult {
  runId: string;
  results: ActionResult[];
  backupDir: string;
  auditLog: string;
}

/** The fields of a live record, in the same shape as the plan's `expect`. */
export function liveFields(
  kind: RecordKind,
  raw: Record<string, unknown>,
  apiVersion?: number,
): Record<string, FieldValue> {
  switch (kind) {
    case 'intune':
      return intuneTarget(R.intuneDevice(G.managedDevice.parse(raw))).expect;
    case 'entra':
      return entraTarget(R.entraDevice(G.entraDevice.parse(raw))).expect;
    case 'jamf': {
      const w = J.computerInventory.parse(raw);
      return jamfTarget(R.jamfComputer(w, apiVersion ?? 1)).expect;
    }
  }
}

/** The fields that changed since the plan, as `field: plan → live`. */
export function changedFields(action: Action, live: Record<string, unknown>): string[] {
  const now = liveFields(action.record.kind, live, action.record.apiVersion);
  const out: string[] = [];
  for (const [k, v] of Object.entries(action.record.expect)) {
    if ((now[k] ?? null) !== v) out.push(`${k}: ${String(v)} → ${String(now[k] ?? null)}`);
  }
  return out;
}

function isEnabled(raw: Record<string, unknown>): boolean | null {
  const v = raw.accountEnabled;
  return typeof v === 'boolean' ? v : null;
}

const safeName = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * Applies the automatic actions of a plan: re-reads each record, skips it when it changed, backs it up, acts,
 * and writes one audit line per action. Never throws for one action: a failure is recorded and the next goes on.
 */
export async function applyPlan(plan: Plan, client: RemediationClient, options: ApplyOptions): Promise<ApplyResult> {
  const now = options.now ?? (() => new Date());
  const runId = options.runId ?? now().toISOString().replace(/[:.]/g, '-');
  const operator = options.operator ?? safeUser();
  const backupRoot = join(options.backupDir, runId);
  const results: ActionResult[] = [];
  const cannot = (flag: string, file: string, err: unknown) =>
    new InputError(`${flag} ${file}: cannot be written (${(err as NodeJS.ErrnoException).code ?? 'I/O error'})`);
  try {
    await mkdir(dirname(options.auditLog), { recursive: true });
    await appendFile(options.auditLog, '', { flag: 'a' });
    await mkdir(options.backupDir, { recursive: true });
  } catch (err) {
    throw cannot('--audit-log / --backup-dir', `${options.auditLog} / ${options.backupDir}`, err);
  }

  // Batches: the actions of one finding (one Mac), in plan order.
  const items = actionsOf(plan);
  const batches: Array<{ mac: string | null; fingerprint: string; actions: Action[] }> = [];
  for (const it of items) {
    const last = batches[batches.length - 1];
    if (last && last.fingerprint === it.fingerprint) last.actions.push(it.action);
    else batches.push({ mac: it.mac, fingerprint: it.fingerprint, actions: [it.action] });
  }

  let all = !options.confirm;
  let quit = false;
  // Entra devices this run disabled: their deletion waits for a later run, so that a disabled device can be
  // missed by somebody (and re-enabled) before it is gone for good.
  const disabledNow = new Set<string>();
  for (const batch of batches) {
    let go = all;
    if (!go && !quit && options.confirm) {
      const answer = await options.confirm({ mac: batch.mac, actions: batch.actions });
      if (answer === 'all') all = go = true;
      else if (answer === 'yes') go = true;
      else if (answer === 'quit') quit = true;
    }
    for (const action of batch.actions) {
      const r = go && !quit ? await applyOne(action, batch.mac) : await declined(action, batch.mac);
      results.push(r);
    }
  }
  return { runId, results, backupDir: backupRoot, auditLog: options.auditLog };

  async function declined(action: Action, mac: string | null): Promise<ActionResult> {
    const r: ActionResult = { action, mac, outcome: 'declined', detail: 'not confirmed' };
    await audit(r, null);
    return r;
  }

  async function applyOne(action: Action, mac: string | null): Promise<ActionResult> {
    const done = async (r: ActionResult, before: Record<string, unknown> | null): Promise<ActionResult> => {
      await audit(r, before);
      return r;
    };
    if (action.needsDeleteFlag && !options.deleteEntra)
      return done(
        { action, mac, outcome: 'skipped-needs-delete', detail: 'Entra devices are deleted only with --delete' },
        null,
      );
    let live: Record<string, unknown> | null;
    try {
      live = await client.read(action.record);
    } catch (err) {
      return done({ action, mac, outcome: 'failed', detail: `re-read failed: ${(err as Error).message}` }, null);
    }
    if (live === null)
      return done({ action, mac, outcome: 'already-done', detail: 'the record no longer exists' }, null);
    if (action.keep) {
      // The record kept in this one's place must still be there, as planned: else removing this one could leave
      // the Mac with no record at all.
      let kept: Record<string, unknown> | null;
      try {
        kept = await client.read(action.keep);
      } catch (err) {
        return done(
          { action, mac, outcome: 'failed', detail: `re-read of the kept record failed: ${(err as Error).message}` },
          live,
        );
      }
      const keptChanged = kept === null ? ['gone'] : changedFields({ ...action, record: action.keep }, kept);
      if (keptChanged.length)
        return done(
          {
            action,
            mac,
            outcome: 'skipped-changed',
            detail: `the record kept in its place (${action.keep.kind} ${action.keep.id}) changed: ${keptChanged.join('; ')}`,
          },
          live,
        );
    }
    let changed: string[];
    try {
      changed = changedFields(action, live);
    } catch (err) {
      return done(
        { action, mac, outcome: 'failed', detail: `unexpected record shape: ${(err as Error).message}` },
        live,
      );
    }
    if (changed.length) return done({ action, mac, outcome: 'skipped-changed', detail: changed.join('; ') }, live);
    if (action.record.kind === 'entra') {
      const enabled = isEnabled(live);
      if (action.op === 'disable' && enabled === false)
        return done({ action, mac, outcome: 'already-done', detail: 'already disabled' }, live);
      if (action.op === 'delete' && enabled !== false)
        return done(
          { action, mac, outcome: 'skipped-not-disabled', detail: 'an Entra device is disabled before it is deleted' },
          live,
        );
      if (action.op === 'delete' && disabledNow.has(action.record.id))
        return done(
          {
            action,
            mac,
            outcome: 'skipped-not-disabled',
            detail: 'disabled by this run: delete it in a later run, once nobody has missed it',
          },
          live,
        );
    }
    const backup = join(backupRoot, `${action.record.kind}-${safeName(action.record.id)}.json`);
    try {
      await mkdir(backupRoot, { recursive: true });
      await writeFile(
        backup,
        `${JSON.stringify({ kind: action.record.kind, id: action.record.id, savedAt: now().toISOString(), record: live }, null, 2)}\n`,
        { flag: 'wx' },
      ).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
      });
    } catch (err) {
      return done(
        { action, mac, outcome: 'failed', detail: `backup failed, nothing changed: ${(err as Error).message}` },
        live,
      );
    }
    try {
      const res = await client.send(action.call);
      if (res.status === 404) return done({ action, mac, outcome: 'already-done', detail: 'gone (404)', backup }, live);
      if (action.record.kind === 'entra' && action.op === 'disable') disabledNow.add(action.record.id);
      return done({ action, mac, outcome: 'done', backup }, live);
    } catch (err) {
      return done({ action, mac, outcome: 'failed', detail: (err as Error).message, backup }, live);
    }
  }

  async function audit(r: ActionResult, before: Record<string, unknown> | null): Promise<void> {
    const line = {
      ts: now().toISOString(),
      runId,
      who: { operator, identity: client.identity, host: safeHost() },
      checkId: plan.checkId,
      mac: r.mac,
      action: r.action.id,
      what: `${r.action.call.method} ${r.action.call.path}${r.action.call.body ? ` ${JSON.stringify(r.action.call.body)}` : ''}`,
      record: { kind: r.action.record.kind, id: r.action.record.id, label: r.action.record.label },
      before,
      result: r.outcome,
      ...(r.detail ? { detail: r.detail } : {}),
      ...(r.backup ? { backup: r.backup } : {}),
    };
    try {
      await appendFile(options.auditLog, `${redact(JSON.stringify(line))}\n`, { flag: 'a' });
    } catch (err) {
      throw cannot('--audit-log', options.auditLog, err);
    }
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function safeHost(): string {
  try {
    return hostname();
  } catch {
    return 'unknown';
  }
}

export const NOT_DONE: ReadonlySet<Outcome> = new Set([
  'skipped-changed',
  'skipped-not-disabled',
  'declined',
  'failed',
]);
