import { mkdir, open } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { limiter } from '../collect/http.js';
import { InputError, SourceError } from '../errors.js';
import { type AuditLine, AuditLog, type AuditLogOptions, pendingIntents, readAuditLog } from '../fix/audit.js';
import { normSerial } from '../model/keys.js';

/**
 * `jidoctor jamf-sync`: each Mac's open findings written back to Jamf Pro, into a computer extension attribute
 * that admins build Smart Groups on ("jidoctor findings like jamf/check-in-overdue") and scope the remediation
 * policy to, and the date of the run that set them into a second one.
 *
 * Jamf Pro API (https://developer.jamf.com/jamf-pro/reference):
 * - GET/POST /api/v1/computer-extension-attributes (privileges Read / Create Computer Extension Attributes): the
 *   definitions, created as text fields when missing;
 * - GET /api/v1/computers-inventory?section=GENERAL&section=HARDWARE&section=EXTENSION_ATTRIBUTES (Read Computers):
 *   each computer's serial and its current values;
 * - PATCH /api/v1/computers-inventory-detail/{id} with `{ extensionAttributes: [{ definitionId, values }] }`
 *   (Update Computers): only for computers whose value changes, at most 5 at once.
 */
export const FINDINGS_ATTRIBUTE = 'jidoctor findings';
export const DATE_ATTRIBUTE = 'jidoctor date';
/** In the description of the definitions jidoctor creates: an attribute of that name without it is not ours. */
export const MARK = 'Written by jidoctor jamf-sync';
/** Jamf's API allows 5 concurrent requests per client without throttling (docs/jamf-sync.md). */
export const JAMF_WRITE_CONCURRENCY = 5;

/**
 * The Jamf Pro privileges jamf-sync needs, spelled as Jamf Pro spells them (developer.jamf.com's "Required
 * privilege" of each endpoint). Grant them to an API role of a separate API client used only for write-back.
 */
export const JAMF_SYNC_PRIVILEGES: ReadonlyArray<{ name: string; for: string }> = [
  {
    name: 'Read Computer Extension Attributes',
    for: 'GET /api/v1/computer-extension-attributes (is the attribute there?)',
  },
  {
    name: 'Create Computer Extension Attributes',
    for: 'POST /api/v1/computer-extension-attributes (the first run only)',
  },
  { name: 'Read Computers', for: 'GET /api/v1/computers-inventory (serials and current values)' },
  { name: 'Update Computers', for: 'PATCH /api/v1/computers-inventory-detail/{id} (the values of changed Macs)' },
];

export interface EaDefinition {
  id: string;
  name: string;
  description: string;
  inputType: string;
  dataType: string;
}

export interface SyncComputer {
  id: string;
  name: string | null;
  serial: string | null;
  /** Current values by definition id (the first value of each). */
  values: Map<string, string>;
}

export interface JamfState {
  definitions: EaDefinition[];
  computers: SyncComputer[];
}

/** The part of a JSON report (`diagnose --format json`) jamf-sync reads. */
export interface SyncReport {
  asOf: string;
  checks: Array<{ id: string; outcome: string }>;
  findings: Array<{ checkId: string; subjects: Array<{ kind: string; id: string }> }>;
}

export interface SyncValues {
  findings: string;
  date: string;
}

export interface SyncChange {
  computerId: string;
  name: string | null;
  serial: string | null;
  from: SyncValues;
  to: SyncValues;
}

export interface SyncPlan {
  findingsAttribute: { name: string; id: string | null };
  dateAttribute: { name: string; id: string | null };
  clear: boolean;
  /** Computers whose values change, in computer id order. */
  changes: SyncChange[];
  /** Computers Jamf Pro has, whose values stay as they are. */
  unchanged: number;
  /** Macs of the report with a finding that Jamf Pro has no computer for (by serial or Jamf id). */
  notInJamf: string[];
  /** Checks the report could not evaluate: their ids are kept as they were on every Mac. */
  keptChecks: string[];
}

/** Reads and checks a JSON report: one line naming the file and the field otherwise. */
export function parseReport(text: string, file: string): SyncReport {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new InputError(
      `${file}: expected a JSON report of jidoctor diagnose --format json, found text that is not JSON`,
    );
  }
  const r = v as Record<string, unknown>;
  if (!r || typeof r !== 'object' || r.format !== 'jidoctor-report')
    throw new InputError(
      `${file}: format: expected "jidoctor-report" (jidoctor diagnose --format json), found ${JSON.stringify(r?.format ?? null)}`,
    );
  if (typeof r.asOf !== 'string' || Number.isNaN(Date.parse(r.asOf)))
    throw new InputError(`${file}: asOf: expected an ISO 8601 date, found ${JSON.stringify(r.asOf ?? null)}`);
  if (!Array.isArray(r.checks)) throw new InputError(`${file}: checks: expected an array`);
  if (!Array.isArray(r.findings)) throw new InputError(`${file}: findings: expected an array`);
  (r.findings as unknown[]).forEach((f, i) => {
    const x = f as Record<string, unknown>;
    if (typeof x?.checkId !== 'string' || !Array.isArray(x.subjects))
      throw new InputError(`${file}: findings[${i}]: expected checkId and subjects`);
  });
  return r as unknown as SyncReport;
}

const EVALUATED = new Set(['pass', 'fail']);

/** A Mac's key in the report (subjects of kind mac: the serial, or `jamf:<id>` for a Mac without one). */
function macKeys(c: SyncComputer): string[] {
  const keys = [`jamf:${c.id}`];
  if (c.serial) keys.push(c.serial);
  return keys;
}

const splitIds = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * What each computer's attributes should hold: the ids of the checks with a finding about its Mac, sorted and
 * comma-separated (empty when healthy), and the report's date where the findings change. A check the report
 * could not evaluate (could not check, not applicable, excluded) says nothing about a Mac: the id it had stays.
 * With `clear`, both attributes are emptied on every computer that holds a value.
 */
export function planSync(
  report: SyncReport,
  state: JamfState,
  names: { findings?: string; date?: string; clear?: boolean } = {},
): SyncPlan {
  const fName = names.findings ?? FINDINGS_ATTRIBUTE;
  const dName = names.date ?? DATE_ATTRIBUTE;
  const clear = names.clear === true;
  const defOf = (name: string): EaDefinition | undefined => {
    const d = state.definitions.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (d && (d.inputType !== 'TEXT' || !d.description.includes(MARK)))
      throw new InputError(
        `--attribute ${name}: a computer extension attribute of that name exists in Jamf Pro (id ${d.id}) and jidoctor did not create it; expected one jidoctor created, or another name`,
      );
    return d;
  };
  const f = defOf(fName);
  const d = defOf(dName);
  const evaluated = new Set(report.checks.filter((c) => EVALUATED.has(c.outcome)).map((c) => c.id));
  const keptChecks = report.checks.filter((c) => !EVALUATED.has(c.outcome)).map((c) => c.id);
  const byMac = new Map<string, Set<string>>();
  for (const x of report.findings)
    for (const s of x.subjects) {
      if (s.kind !== 'mac') continue;
      const key = s.id.startsWith('jamf:') ? s.id : (normSerial(s.id) ?? s.id);
      const set = byMac.get(key) ?? new Set<string>();
      set.add(x.checkId);
      byMac.set(key, set);
    }
  const seen = new Set<string>();
  const changes: SyncChange[] = [];
  let unchanged = 0;
  const computers = [...state.computers].sort((a, b) => Number(a.id) - Number(b.id) || (a.id < b.id ? -1 : 1));
  for (const c of computers) {
    const from: SyncValues = {
      findings: f ? (c.values.get(f.id) ?? '') : '',
      date: d ? (c.values.get(d.id) ?? '') : '',
    };
    let to: SyncValues;
    if (clear) to = { findings: '', date: '' };
    else {
      const ids = new Set<string>();
      for (const k of macKeys(c)) {
        for (const id of byMac.get(k) ?? []) ids.add(id);
        if (byMac.has(k)) seen.add(k);
      }
      for (const id of splitIds(from.findings)) if (!evaluated.has(id)) ids.add(id);
      const findings = [...ids].sort().join(', ');
      to = { findings, date: findings === from.findings ? from.date : report.asOf };
    }
    if (to.findings === from.findings && to.date === from.date) unchanged++;
    else changes.push({ computerId: c.id, name: c.name, serial: c.serial, from, to });
  }
  const notInJamf = clear ? [] : [...byMac.keys()].filter((k) => !seen.has(k)).sort();
  return {
    findingsAttribute: { name: fName, id: f?.id ?? null },
    dateAttribute: { name: dName, id: d?.id ?? null },
    clear,
    changes,
    unchanged,
    notInJamf,
    keptChecks,
  };
}

/** What jamf-sync asks of the Jamf Pro API (an HttpRemediationClient's `request`, with its retries). */
export type JamfCall = (method: string, path: string, body?: unknown) => Promise<Response>;

async function json(res: Response, what: string): Promise<Record<string, unknown>> {
  if (res.status === 401 || res.status === 403) {
    await res.arrayBuffer().catch(() => undefined);
    throw new SourceError(`${what}: Jamf Pro answered HTTP ${res.status} (privileges: docs/jamf-sync.md)`);
  }
  if (!res.ok) {
    await res.arrayBuffer().catch(() => undefined);
    throw new SourceError(`${what}: Jamf Pro answered HTTP ${res.status}`);
  }
  const v = (await res.json().catch(() => null)) as unknown;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new SourceError(`${what}: expected a JSON object`);
  return v as Record<string, unknown>;
}

const PAGE = 200;

/** Reads the definitions and every computer's serial and values, page by page until totalCount. */
export async function readJamfState(call: JamfCall): Promise<JamfState> {
  const definitions: EaDefinition[] = [];
  for (let page = 0; ; page++) {
    const body = await json(
      await call('GET', `/api/v1/computer-extension-attributes?page=${page}&page-size=${PAGE}`),
      'GET /api/v1/computer-extension-attributes',
    );
    const results = (body.results as Array<Record<string, unknown>>) ?? [];
    for (const r of results)
      definitions.push({
        id: String(r.id),
        name: String(r.name ?? ''),
        description: String(r.description ?? ''),
        inputType: String(r.inputType ?? ''),
        dataType: String(r.dataType ?? ''),
      });
    if (results.length === 0 || definitions.length >= Number(body.totalCount ?? 0)) break;
  }
  const computers: SyncComputer[] = [];
  for (let page = 0; ; page++) {
    const path = `/api/v1/computers-inventory?section=GENERAL&section=HARDWARE&section=EXTENSION_ATTRIBUTES&page=${page}&page-size=${PAGE}&sort=id:asc`;
    const body = await json(await call('GET', path), 'GET /api/v1/computers-inventory');
    const results = (body.results as Array<Record<string, unknown>>) ?? [];
    for (const r of results) {
      const general = (r.general ?? {}) as Record<string, unknown>;
      const hardware = (r.hardware ?? {}) as Record<string, unknown>;
      const values = new Map<string, string>();
      for (const ea of (r.extensionAttributes as Array<Record<string, unknown>>) ?? []) {
        const vs = ea.values;
        values.set(String(ea.definitionId), Array.isArray(vs) && typeof vs[0] === 'string' ? vs[0] : '');
      }
      computers.push({
        id: String(r.id),
        name: typeof general.name === 'string' ? general.name : null,
        serial: typeof hardware.serialNumber === 'string' ? normSerial(hardware.serialNumber) : null,
        values,
      });
    }
    if (results.length === 0 || computers.length >= Number(body.totalCount ?? 0)) break;
  }
  return { definitions, computers };
}

export type SyncOutcome = 'done' | 'failed' | 'declined' | 'not-attempted';

export interface SyncResult {
  runId: string;
  created: string[];
  results: Array<{ change: SyncChange; outcome: SyncOutcome; detail?: string }>;
  recovered: Array<{ intent: string; computerId: string; outcome: 'done' | 'failed'; detail: string }>;
  backup: string | null;
  stopped?: string;
}

export interface SyncApplyOptions {
  auditLog: string;
  backupDir: string;
  identity: string;
  /** Asked once before the first change, unless --yes. */
  confirm?: (plan: SyncPlan) => Promise<boolean>;
  signal?: AbortSignal;
  now?: () => Date;
  auditHooks?: AuditLogOptions;
  concurrency?: number;
}

const eaBody = (f: string, d: string, to: SyncValues) => ({
  extensionAttributes: [
    { definitionId: f, values: [to.findings] },
    { definitionId: d, values: [to.date] },
  ],
});

/**
 * Applies a plan: recovers intents an earlier run left without an outcome, creates the missing definitions, keeps
 * every planned computer's previous values in the backup (on disk before the first change), then PATCHes each
 * change with an `intent` line in the write-ahead audit log before its request and a `done` / `failed` line after.
 * A failed audit append stops the run before the next change.
 */
export async function applySync(plan: SyncPlan, call: JamfCall, o: SyncApplyOptions): Promise<SyncResult> {
  const now = o.now ?? (() => new Date());
  const runId = `jamf-sync-${now().toISOString().replace(/[:.]/g, '-')}`;
  const who = { operator: safe(() => userInfo().username), identity: o.identity, host: safe(() => hostname()) };
  const line = (result: string, extra: Record<string, unknown>): AuditLine => ({
    ts: now().toISOString(),
    runId,
    who,
    result,
    command: 'jamf-sync',
    ...extra,
  });
  const result: SyncResult = { runId, created: [], results: [], recovered: [], backup: null };
  const before = await readAuditLog(o.auditLog);
  const log = await AuditLog.open(o.auditLog, runId, o.auditHooks);
  try {
    for (const intent of pendingIntents(before.lines).filter((l) => l.command === 'jamf-sync'))
      result.recovered.push(await recover(intent));

    if (plan.changes.length === 0 && plan.findingsAttribute.id && plan.dateAttribute.id) return result;
    if (o.confirm && !(await o.confirm(plan))) {
      for (const change of plan.changes) result.results.push({ change, outcome: 'declined' });
      await log.append(line('declined', { changes: plan.changes.length }));
      return result;
    }
    const ids = { findings: plan.findingsAttribute.id, date: plan.dateAttribute.id };
    for (const key of ['findings', 'date'] as const) {
      if (ids[key] || plan.clear) continue;
      const name = key === 'findings' ? plan.findingsAttribute.name : plan.dateAttribute.name;
      const body = {
        name,
        description: `${MARK}: ${key === 'findings' ? 'the ids of the checks with an open finding about this Mac' : 'the date of the jidoctor run that set jidoctor findings'}.`,
        dataType: 'STRING',
        enabled: true,
        inventoryDisplayType: 'EXTENSION_ATTRIBUTES',
        inputType: 'TEXT',
      };
      const id = log.nextIntentId();
      await log.append(line('intent', { id, what: 'create-extension-attribute', name }));
      const res = await call('POST', '/api/v1/computer-extension-attributes', body);
      const created = res.ok ? ((await res.json().catch(() => null)) as { id?: unknown } | null) : null;
      if (!res.ok || created?.id == null) {
        await res.arrayBuffer().catch(() => undefined);
        await log.append(line('failed', { intent: id, status: res.status }));
        throw new SourceError(
          `POST /api/v1/computer-extension-attributes (${name}): Jamf Pro answered HTTP ${res.status}`,
        );
      }
      ids[key] = String(created.id);
      result.created.push(name);
      await log.append(line('done', { intent: id, status: res.status, definitionId: ids[key] }));
    }
    if (plan.changes.length === 0) return result;
    if (!ids.findings || !ids.date) return result; // --clear with no definition: nothing was ever written.

    result.backup = await writeBackup(o.backupDir, runId, plan);
    await log.append(line('backup', { backup: result.backup, changes: plan.changes.length }));

    const limit = limiter(o.concurrency ?? JAMF_WRITE_CONCURRENCY);
    let stopped: string | undefined;
    await Promise.all(
      plan.changes.map((change) =>
        limit(async () => {
          if (!stopped && o.signal?.aborted) stopped = 'interrupted';
          if (stopped || log.broken) {
            result.results.push({ change, outcome: 'not-attempted', detail: stopped ?? log.broken?.message });
            return;
          }
          const id = log.nextIntentId();
          const path = `/api/v1/computers-inventory-detail/${encodeURIComponent(change.computerId)}`;
          try {
            await log.append(
              line('intent', {
                id,
                what: 'set-extension-attributes',
                computerId: change.computerId,
                mac: change.serial,
                definitionIds: [ids.findings, ids.date],
                before: change.from,
                after: change.to,
              }),
            );
          } catch (err) {
            stopped = (err as Error).message;
            result.results.push({ change, outcome: 'not-attempted', detail: stopped });
            return;
          }
          let status = 0;
          let detail: string | undefined;
          try {
            const res = await call('PATCH', path, eaBody(ids.findings!, ids.date!, change.to));
            status = res.status;
            await res.arrayBuffer().catch(() => undefined);
            if (!res.ok) detail = `HTTP ${res.status}`;
          } catch (err) {
            detail = (err as Error).message;
          }
          try {
            await log.append(line(detail ? 'failed' : 'done', { intent: id, status, ...(detail ? { detail } : {}) }));
          } catch (err) {
            stopped = (err as Error).message;
          }
          result.results.push({ change, outcome: detail ? 'failed' : 'done', ...(detail ? { detail } : {}) });
        }),
      ),
    );
    if (stopped) result.stopped = stopped;
    result.results.sort((a, b) => Number(a.change.computerId) - Number(b.change.computerId));
    return result;
  } finally {
    await log.close();
  }

  /** An intent of an earlier run with no outcome: the computer is read again and what it holds is recorded. */
  async function recover(intent: AuditLine): Promise<SyncResult['recovered'][number]> {
    const computerId = String(intent.computerId ?? '');
    const after = intent.after as SyncValues | undefined;
    const defs = intent.definitionIds as [string, string] | undefined;
    let outcome: 'done' | 'failed' = 'failed';
    let detail = 'not a change of computer values';
    if (computerId && after && defs) {
      const res = await call(
        'GET',
        `/api/v1/computers-inventory/${encodeURIComponent(computerId)}?section=EXTENSION_ATTRIBUTES`,
      );
      if (res.status === 404) detail = 'the computer is gone';
      else {
        const body = await json(res, `GET /api/v1/computers-inventory/${computerId}`);
        const values = new Map<string, string>();
        for (const ea of (body.extensionAttributes as Array<Record<string, unknown>>) ?? [])
          values.set(String(ea.definitionId), Array.isArray(ea.values) ? String(ea.values[0] ?? '') : '');
        const applied = values.get(defs[0]) === after.findings && values.get(defs[1]) === after.date;
        outcome = applied ? 'done' : 'failed';
        detail = applied ? 'read again: the values were written' : 'read again: the values were not written';
      }
    }
    await log.append(
      line(outcome, {
        intent: intent.id,
        computerId,
        recovered: true,
        recoveredBy: runId,
        detail,
        intentWho: intent.who,
      }),
    );
    return { intent: String(intent.id), computerId, outcome, detail };
  }
}

async function writeBackup(dir: string, runId: string, plan: SyncPlan): Promise<string> {
  const folder = join(dir, runId);
  const file = join(folder, 'jamf-extension-attributes.json');
  try {
    await mkdir(folder, { recursive: true });
    const fh = await open(file, 'wx', 0o600);
    try {
      const body = {
        format: 'jidoctor-jamf-sync-backup',
        version: 1,
        runId,
        attributes: { findings: plan.findingsAttribute, date: plan.dateAttribute },
        computers: plan.changes.map((c) => ({ id: c.computerId, serial: c.serial, name: c.name, values: c.from })),
      };
      await fh.writeFile(`${JSON.stringify(body, null, 2)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new InputError(
      `--backup-dir ${dir}: cannot be written (${(err as NodeJS.ErrnoException).code ?? 'I/O error'})`,
    );
  }
  return file;
}

function safe(f: () => string): string {
  try {
    return f();
  } catch {
    return 'unknown';
  }
}
