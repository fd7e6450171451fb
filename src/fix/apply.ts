import { mkdir, writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import * as G from '../api/graph.js';
import * as J from '../api/jamf.js';
import { InputError } from '../errors.js';
import * as R from '../model/records.js';
import {
  type AuditLine,
  AuditLog,
  type AuditLogOptions,
  AuditWriteError,
  pendingIntents,
  readAuditLog,
} from './audit.js';
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
  | 'failed'
  /** Not reached: the run was interrupted (SIGINT) or stopped because the audit log could not be written. */
  | 'not-attempted';

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
  /** Aborted (SIGINT): the request in flight finishes and is recorded, nothing more is sent. */
  signal?: AbortSignal;
  /** Test seam of the audit log (an injected append failure). */
  auditHooks?: AuditLogOptions;
}

/** What a run found for an intent of an earlier run that has no outcome (it was killed between request and outcome). */
export interface RecoveredIntent {
  intent: string;
  intentRunId: string;
  action: string;
  outcome: 'done' | 'failed' | 'unresolved';
  detail: string;
}

export interface ApplyResult {
  runId: string;
  results: ActionResult[];
  /** The folder of this run's backups; null when no record was backed up (nothing was about to change). */
  backupDir: string | null;
  auditLog: string;
  /** Write requests sent to the tenant by this run. */
  changes: number;
  /** Intents of earlier runs without an outcome, re-read and recorded by this run. */
  recovered: RecoveredIntent[];
  /** Why the run stopped before the end of the plan (interrupted, or the audit log could not be written). */
  stopped?: string;
  interrupted?: boolean;
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
  const who = { operator, identity: client.identity, host: safeHost() };
  const backupRoot = join(options.backupDir, runId);
  const results: ActionResult[] = [];
  const recovered: RecoveredIntent[] = [];
  let changes = 0;
  let backups = 0;
  let stopped: string | undefined;
  try {
    await mkdir(options.backupDir, { recursive: true });
  } catch (err) {
    throw new InputError(
      `--backup-dir ${options.backupDir}: cannot be written (${(err as NodeJS.ErrnoException).code ?? 'I/O error'})`,
    );
  }
  const before = await readAuditLog(options.auditLog);
  const log = await AuditLog.open(options.auditLog, runId, options.auditHooks);
  try {
    // Intents of earlier runs with no outcome: their request may have taken effect. Re-read and record it first, so
    // that a record they removed is not logged as this run's `already-done`.
    for (const intent of pendingIntents(before.lines)) {
      recovered.push(await recover(intent));
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
      if (!go && !quit && !stopped && !options.signal?.aborted && options.confirm) {
        const answer = await options.confirm({ mac: batch.mac, actions: batch.actions });
        if (answer === 'all') all = go = true;
        else if (answer === 'yes') go = true;
        else if (answer === 'quit') quit = true;
      }
      for (const action of batch.actions) {
        if (!stopped && options.signal?.aborted) stopped = 'interrupted';
        if (stopped) {
          results.push({ action, mac: batch.mac, outcome: 'not-attempted', detail: stopped });
          continue;
        }
        try {
          results.push(
            go && !quit ? await applyOne(action, batch.mac, disabledNow) : await declined(action, batch.mac),
          );
        } catch (err) {
          if (!(err instanceof AuditStop)) throw err;
          results.push(err.result);
          stopped = err.cause.message;
        }
      }
    }
  } catch (err) {
    // The audit log failed outside an action (a recovery line): nothing was changed after it.
    if (!(err instanceof AuditWriteError)) throw err;
    if (results.length === 0 && changes === 0) throw err;
    stopped = err.message;
  } finally {
    await log.close();
  }
  return {
    runId,
    results,
    backupDir: backups > 0 ? backupRoot : null,
    auditLog: options.auditLog,
    changes,
    recovered,
    ...(stopped ? { stopped } : {}),
    ...(options.signal?.aborted ? { interrupted: true } : {}),
  };

  function baseLine(
    action: Action,
    mac: string | null,
  ): Pick<AuditLine, 'ts' | 'runId' | 'who'> & Record<string, unknown> {
    return {
      ts: now().toISOString(),
      runId,
      who,
      checkId: plan.checkId,
      mac,
      action: action.id,
      op: action.op,
      what: `${action.call.method} ${action.call.path}${action.call.body ? ` ${JSON.stringify(action.call.body)}` : ''}`,
      record: {
        kind: action.record.kind,
        id: action.record.id,
        label: action.record.label,
        ...(action.record.apiVersion !== undefined ? { apiVersion: action.record.apiVersion } : {}),
      },
    };
  }

  async function recover(intent: AuditLine): Promise<RecoveredIntent> {
    const rec = (intent.record ?? {}) as { kind?: RecordKind; id?: string; label?: string; apiVersion?: number };
    const action = String(intent.action ?? '');
    const op = String(intent.op ?? action.split(':')[0] ?? '');
    const base = { intent: String(intent.id), intentRunId: String(intent.runId), action };
    let live: Record<string, unknown> | null;
    try {
      if (!rec.kind || !rec.id) throw new Error('the intent names no record');
      live = await client.read({
        kind: rec.kind,
        id: rec.id,
        label: rec.label ?? rec.id,
        expect: {},
        ...(rec.apiVersion !== undefined ? { apiVersion: rec.apiVersion } : {}),
      });
    } catch (err) {
      // Left pending: the next run tries again.
      return { ...base, outcome: 'unresolved', detail: `re-read failed: ${(err as Error).message}` };
    }
    const since = `no outcome was recorded for the request of run ${base.intentRunId} (${String(intent.ts)})`;
    let outcome: 'done' | 'failed';
    let detail: string;
    if (op === 'delete') {
      outcome = live === null ? 'done' : 'failed';
      detail = live === null ? `${since}; re-read: the record is gone` : `${since}; re-read: the record is still there`;
    } else if (op === 'disable') {
      const enabled = live === null ? null : isEnabled(live);
      outcome = enabled === false ? 'done' : 'failed';
      detail =
        live === null
          ? `${since}; re-read: the record is gone`
          : enabled === false
            ? `${since}; re-read: the device is disabled`
            : `${since}; re-read: the device is still enabled`;
      if (live === null) outcome = 'failed';
    } else {
      outcome = 'failed';
      detail = `${since}; re-read: unknown operation "${op}", found ${live === null ? 'no record' : 'the record'}`;
    }
    await log.append({
      ts: now().toISOString(),
      runId,
      who,
      ...(intent.checkId !== undefined ? { checkId: intent.checkId } : {}),
      ...(intent.mac !== undefined ? { mac: intent.mac } : {}),
      action,
      op,
      ...(intent.what !== undefined ? { what: intent.what } : {}),
      record: intent.record,
      result: outcome,
      intent: base.intent,
      intentRunId: base.intentRunId,
      intentWho: intent.who,
      recovered: true,
      found: live,
      detail,
    });
    return { ...base, outcome, detail };
  }

  async function declined(action: Action, mac: string | null): Promise<ActionResult> {
    const r: ActionResult = { action, mac, outcome: 'declined', detail: 'not confirmed' };
    await decision(r, null);
    return r;
  }

  /** A line for an action that sent no write request. */
  async function decision(r: ActionResult, live: Record<string, unknown> | null): Promise<ActionResult> {
    try {
      await log.append({
        ...baseLine(r.action, r.mac),
        before: live,
        result: r.outcome,
        ...(r.detail ? { detail: r.detail } : {}),
      });
    } catch (err) {
      if (err instanceof AuditWriteError) throw new AuditStop(r, err);
      throw err;
    }
    return r;
  }

  async function applyOne(action: Action, mac: string | null, disabledNow: Set<string>): Promise<ActionResult> {
    const done = decision;
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
      backups++;
    } catch (err) {
      return done(
        { action, mac, outcome: 'failed', detail: `backup failed, nothing changed: ${(err as Error).message}` },
        live,
      );
    }
    // Write-ahead: the intent is on disk before the request leaves.
    const id = log.nextIntentId();
    try {
      await log.append({ ...baseLine(action, mac), result: 'intent', id, before: live, backup });
    } catch (err) {
      if (!(err instanceof AuditWriteError)) throw err;
      throw new AuditStop(
        {
          action,
          mac,
          outcome: 'failed',
          detail: `the audit log could not be written (${err.code}): nothing was sent`,
          backup,
        },
        err,
      );
    }
    let r: ActionResult;
    let status: number | undefined;
    changes++;
    try {
      const res = await client.send(action.call);
      status = res.status;
      if (res.status === 404) r = { action, mac, outcome: 'already-done', detail: 'gone (404)', backup };
      else {
        if (action.record.kind === 'entra' && action.op === 'disable') disabledNow.add(action.record.id);
        r = { action, mac, outcome: 'done', backup };
      }
    } catch (err) {
      r = { action, mac, outcome: 'failed', detail: (err as Error).message, backup };
    }
    try {
      await log.append({
        ...baseLine(action, mac),
        before: live,
        result: r.outcome,
        intent: id,
        ...(status !== undefined ? { status } : {}),
        ...(r.detail ? { detail: r.detail } : {}),
        backup,
      });
    } catch (err) {
      if (!(err instanceof AuditWriteError)) throw err;
      throw new AuditStop(
        { ...r, detail: `${r.detail ? `${r.detail}; ` : ''}its outcome is not in the audit log (intent ${id})` },
        err,
      );
    }
    return r;
  }
}

/** An audit line could not be written: the run stops after this action's result. */
class AuditStop extends Error {
  constructor(
    readonly result: ActionResult,
    override readonly cause: AuditWriteError,
  ) {
    super(cause.message);
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
  'not-attempted',
]);
