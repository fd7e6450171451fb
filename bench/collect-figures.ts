/**
 * The figures of the collection benchmark (bench/collect.bench.ts), as pure functions with their own test
 * (test/bench-collect.test.ts): which records are the Macs' own, what they weigh as a server sends them, the
 * datasets a snapshot holds incompletely and why, a per-Mac comparison of two diagnoses, the spread of a ratio
 * over runs and its verdict against a target.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimTenant } from '../sim/index.js';
import type { Diagnosis } from '../src/diagnose.js';

type Json = Record<string, unknown>;

/** The records that are the Macs' own, by their `id`: a rule of the benchmark's own, not the collector's. */
export interface MacRecords {
  /** Intune managed devices: macOS (any spelling starting with "mac"), the Jamf agent, or a Jamf computer's serial. */
  intune: Set<string>;
  /** Entra devices: macOS, or the device a Mac's Intune record or Jamf local account points to. */
  entra: Set<string>;
  /** Users a Mac names: Intune user id, UPN or e-mail; Jamf e-mail; Jamf local accounts' Entra user id. */
  users: Set<string>;
}

const lower = (v: unknown): string | null => (typeof v === 'string' && v ? v.toLowerCase() : null);
const mac = (v: unknown): boolean => typeof v === 'string' && /^\s*mac/i.test(v);

export function macRecords(t: SimTenant): MacRecords {
  const serials = new Set<string>();
  const deviceRefs = new Set<string>();
  const userRefs = new Set<string>();
  const add = (set: Set<string>, v: unknown) => {
    const l = lower(v);
    if (l) set.add(l);
  };
  for (const c of t.jamf.computers) {
    add(serials, c.serial);
    add(userRefs, c.email);
    for (const a of c.accounts) {
      add(deviceRefs, a.computerAzureActiveDirectoryId);
      add(userRefs, a.userAzureActiveDirectoryId);
    }
  }
  const intune = new Set<string>();
  for (const d of t.graph.managedDevices) {
    const serial = lower(d.serialNumber);
    if (!mac(d.operatingSystem) && lower(d.managementAgent) !== 'jamf' && !(serial && serials.has(serial))) continue;
    intune.add(String(d.id));
    add(deviceRefs, d.azureADDeviceId);
    add(userRefs, d.userId);
    add(userRefs, d.userPrincipalName);
    add(userRefs, d.emailAddress);
  }
  const entra = new Set<string>();
  for (const d of t.graph.devices) {
    const ref = lower(d.deviceId);
    if (mac(d.operatingSystem) || (ref && deviceRefs.has(ref))) entra.add(String(d.id));
  }
  const users = new Set<string>();
  for (const u of t.graph.users) {
    if ([u.id, u.userPrincipalName, u.mail].some((v) => userRefs.has(lower(v) ?? '')) && u.id != null)
      users.add(String(u.id));
  }
  return { intune, entra, users };
}

/** The tenant with only the Macs' own Intune records, Entra devices and users (the rest whole). */
export function macsOnly(t: SimTenant, own: MacRecords): SimTenant {
  return {
    ...t,
    graph: {
      ...t.graph,
      managedDevices: t.graph.managedDevices.filter((d) => own.intune.has(String(d.id))),
      devices: t.graph.devices.filter((d) => own.entra.has(String(d.id))),
      users: t.graph.users.filter((u) => own.users.has(String(u.id))),
    },
  };
}

/** The paged datasets whose records are sorted into the Macs' own and the rest, with the page size Graph serves. */
const SPLIT: Record<string, { key: keyof MacRecords; size: number }> = {
  'graph/v1.0/deviceManagement/managedDevices': { key: 'intune', size: 1000 },
  'graph/v1.0/devices': { key: 'entra', size: 999 },
  'graph/v1.0/users': { key: 'users', size: 999 },
};

export interface OwnBytes {
  /** What the Macs' own data weighs, in bytes of response bodies. */
  total: number;
  /** By dataset path (the split ones) and `other` (every other file of the snapshot, whole). */
  parts: Record<string, number>;
  /** Bytes of the whole snapshot read (every body file), for comparison. */
  snapshot: number;
}

/**
 * What the Macs' own records weigh, measured on a WHOLE snapshot (`collect --full`, every page as the server sent
 * it): for the Intune, Entra device and user pages, the bytes of exactly the Macs' own records as serialized in
 * those pages (same `$select`), in as few pages as the page size allows, each with the average envelope of the
 * real pages (`@odata.context`, `@odata.nextLink`); every other body file (Jamf Pro inventory, connectors,
 * policies, groups, apps…) counts whole: the diagnosis of the Macs needs all of it.
 */
export async function macsOwnBytes(fullDir: string, own: MacRecords): Promise<OwnBytes> {
  const parts: Record<string, number> = { other: 0 };
  let snapshot = 0;
  const walk = async (rel: string): Promise<void> => {
    for (const name of await readdir(join(fullDir, rel))) {
      const path = rel ? `${rel}/${name}` : name;
      if (path === 'manifest.json' || name.startsWith('.')) continue;
      const st = await stat(join(fullDir, path));
      if (st.isDirectory()) {
        if (!SPLIT[path]) await walk(path);
        else {
          const { total, whole } = await splitPages(join(fullDir, path), own[SPLIT[path]!.key], SPLIT[path]!.size);
          parts[path] = total;
          snapshot += whole;
        }
      } else if (name.endsWith('.json')) {
        parts.other! += st.size;
        snapshot += st.size;
      }
    }
  };
  await walk('');
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts, snapshot };
}

async function splitPages(
  dir: string,
  keep: Set<string>,
  size: number,
): Promise<{ total: number; whole: number; kept: number }> {
  let whole = 0;
  let envelope = 0;
  let pages = 0;
  let kept = 0;
  let keptBytes = 0;
  for (const name of (await readdir(dir)).filter((n) => /^page-\d+\.json$/.test(n)).sort()) {
    const text = await readFile(join(dir, name), 'utf8');
    const bytes = Buffer.byteLength(text);
    const body = JSON.parse(text) as { value?: Json[] };
    const value = body.value ?? [];
    whole += bytes;
    pages++;
    envelope += bytes - Buffer.byteLength(JSON.stringify(value));
    for (const r of value) {
      if (!keep.has(String(r.id))) continue;
      kept++;
      keptBytes += Buffer.byteLength(JSON.stringify(r));
    }
  }
  const need = Math.max(1, Math.ceil(kept / size));
  const avgEnvelope = pages ? envelope / pages : 0;
  // Each page: its envelope, `[`, `]`, and a comma between records.
  const total = Math.round(keptBytes + Math.max(0, kept - need) + need * (2 + avgEnvelope));
  return { total, whole, kept };
}

/** GUIDs in a path, so that per-object datasets (a group's members) add up under one name. */
const GUID_IN_PATH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Where a snapshot's bytes are: the body files' bytes (as received) and files by dataset path, `{id}` for the ids
 * of per-object datasets; the manifest is not a response and does not count.
 */
export async function bytesByDataset(dir: string): Promise<Map<string, { bytes: number; files: number }>> {
  const out = new Map<string, { bytes: number; files: number }>();
  const walk = async (rel: string): Promise<void> => {
    for (const name of await readdir(join(dir, rel))) {
      const path = rel ? `${rel}/${name}` : name;
      if (path === 'manifest.json' || name.startsWith('.')) continue;
      const st = await stat(join(dir, path));
      if (st.isDirectory()) await walk(path);
      else if (name.endsWith('.json')) {
        const key = (/^page-\d+\.json$/.test(name) ? rel : path.slice(0, -5)).replace(GUID_IN_PATH, '{id}');
        const e = out.get(key) ?? { bytes: 0, files: 0 };
        e.bytes += st.size;
        e.files++;
        out.set(key, e);
      }
    }
  };
  await walk('');
  return out;
}

/**
 * Every dataset of a snapshot's manifest that is not complete, each with its reason (never a bare status); the
 * datasets skipped on purpose (a mode that does not need them, a service not configured) apart.
 */
export function incompleteOf(manifest: { state?: string; datasets?: Record<string, Json> }): {
  notComplete: string[];
  skipped: string[];
} {
  const notComplete: string[] = [];
  const skipped: string[] = [];
  if (manifest.state !== 'complete')
    notComplete.push(`manifest: state ${String(manifest.state)} (the collection did not end)`);
  for (const [id, e] of Object.entries(manifest.datasets ?? {})) {
    if (e.status === 'complete') continue;
    const why: string[] = [];
    if (typeof e.error === 'string') why.push(e.error);
    if (Array.isArray(e.needs)) why.push(`grant ${e.needs.join(', ')}`);
    if (typeof e.httpStatus === 'number') why.push(`HTTP ${e.httpStatus}${e.code ? ` ${String(e.code)}` : ''}`);
    if (typeof e.records === 'number')
      why.push(`${e.records} records${typeof e.expected === 'number' ? ` of ${e.expected}` : ''} read`);
    const line = `${id}: ${String(e.status)} (${why.length ? why.join('; ') : 'the manifest gives no reason'})`;
    (e.status === 'skipped' ? skipped : notComplete).push(line);
  }
  return { notComplete, skipped };
}

/** A diagnosis reduced to what must not change between two collections of the same tenant. */
export interface DiagnosisKey {
  /** Every Mac's key, with its findings (check id, message id, fingerprint), sorted. */
  macs: Map<string, string[]>;
  /** Each check's outcome, findings and coverage. */
  checks: string[];
  /** Findings that name no Mac (users, the tenant, apps, partners, policies), sorted. */
  tenant: string[];
}

export function diagnosisKey(d: Diagnosis): DiagnosisKey {
  const macs = new Map<string, string[]>();
  for (const m of d.fleet.eachMac()) macs.set(m.key, []);
  const tenant: string[] = [];
  for (const f of d.report.findings) {
    const id = `${f.checkId} ${f.messageId} ${f.fingerprint}`;
    const named = f.subjects.filter((s) => s.kind === 'mac');
    if (named.length === 0) tenant.push(id);
    for (const s of named) {
      const list = macs.get(s.id);
      if (list) list.push(id);
      else macs.set(s.id, [id]);
    }
  }
  for (const list of macs.values()) list.sort();
  tenant.sort();
  const checks = d.report.checks.map(
    (c) =>
      `${c.id}: ${c.outcome}, ${c.findings} findings${c.coverage ? `, checked ${c.coverage.checked} ${c.coverage.unit} (${c.coverage.unknown} unknown)` : ''}${c.reason ? `, ${c.reason.kind}${c.reason.dataset ? ` ${c.reason.dataset}` : ''}` : ''}`,
  );
  return { macs, checks, tenant };
}

/** The differences between two diagnoses (at most `limit`), empty when every Mac and the tenant agree. */
export function diagnosisDiff(a: DiagnosisKey, b: DiagnosisKey, limit = 5): string[] {
  const out: string[] = [];
  const push = (s: string) => {
    if (out.length < limit) out.push(s);
  };
  for (const [key, fa] of a.macs) {
    const fb = b.macs.get(key);
    if (!fb) push(`Mac ${key}: only in the first (${fa.length ? fa.join('; ') : 'no finding'})`);
    else if (fa.join('\n') !== fb.join('\n'))
      push(`Mac ${key}: ${fa.join('; ') || 'no finding'} ≠ ${fb.join('; ') || 'no finding'}`);
  }
  for (const [key, fb] of b.macs)
    if (!a.macs.has(key)) push(`Mac ${key}: only in the second (${fb.length ? fb.join('; ') : 'no finding'})`);
  const bc = new Map(b.checks.map((c) => [c.split(':')[0]!, c]));
  for (const c of a.checks) {
    const other = bc.get(c.split(':')[0]!);
    if (other !== c) push(`check ${c} ≠ ${other ?? 'absent'}`);
  }
  if (a.checks.length !== b.checks.length) push(`${a.checks.length} checks ≠ ${b.checks.length}`);
  const ta = new Set(a.tenant);
  const tb = new Set(b.tenant);
  for (const f of a.tenant) if (!tb.has(f)) push(`tenant finding only in the first: ${f}`);
  for (const f of b.tenant) if (!ta.has(f)) push(`tenant finding only in the second: ${f}`);
  return out;
}

/** min, median, max of a list of numbers. */
export function spread(values: readonly number[]): { min: number; median: number; max: number } {
  const s = [...values].sort((x, y) => x - y);
  if (s.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN };
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { min: s[0]!, median, max: s.at(-1)! };
}

/** PASS when every run is within the target, else MISS with how many runs missed (never only the best run). */
export function verdict(values: readonly number[], target: number): string {
  const missed = values.filter((v) => !(v <= target)).length;
  if (values.length === 0) return 'MISS (no run)';
  return missed === 0
    ? 'PASS'
    : `MISS (${missed} of ${values.length} run${values.length > 1 ? 's' : ''} over ${target}×)`;
}
