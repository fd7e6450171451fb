/**
 * Delta re-collection (docs/live-collection.md "Delta re-collection"): Entra `devices` and `users` are read with
 * Microsoft Graph delta queries from the delta links the previous snapshot kept, and the changes are applied to that
 * snapshot's records. Every other dataset is read as always.
 *
 * What Graph documents, and what this code relies on:
 * - `GET /devices/delta` and `GET /users/delta` take `$select` (id always returned); `$filter` only by object id
 *   (https://learn.microsoft.com/graph/api/device-delta, https://learn.microsoft.com/graph/api/user-delta). So
 *   the Mac filter of the full read cannot be sent: the changes of every device come, and the collector's own rule
 *   (GRAPH_FILTERS[...].local, the one a refused filter uses) keeps the Macs. `$top` is not supported on users.
 * - "Resources stored in Azure Active Directory (such as users and groups) support 'sync from now' scenarios ...
 *   Append `$deltaToken=latest` to the delta function and the response will contain a `@odata.deltaLink` and no
 *   resource data" (https://learn.microsoft.com/graph/delta-query-overview). Devices are directory objects stored
 *   in Entra ID, so a full run asks for the latest link of both, BEFORE its full read: a change made while the full
 *   read runs is then delivered again by the next delta (an upsert of the same state: harmless). One request per
 *   resource. If the service refuses `latest` for a resource, no link is kept (the manifest says why) and the next
 *   `--since` reads that dataset whole.
 * - Updated objects come "by their id with at least the properties that have been updated" (users: all selected
 *   properties by default, only the changed ones with `Prefer: return=minimal`; a property never set is left out),
 *   removed ones as `{ id, "@removed": { reason: "changed" | "deleted" } }`, and "the same entity can be contained
 *   multiple times" (delta-query-overview). So a change is merged onto the previous record, later wins, a selected
 *   property still absent is null (as a `$select` read returns it), and `@removed` drops the record.
 * - An expired token: "the service should respond with a 40X-series error with error codes such as
 *   syncStateNotFound" (delta-query-overview, "Token duration": seven days for directory objects); Microsoft's
 *   announcement names it: 400 BadRequest, `syncStateNotFound`, "The sync state generation is not found. The delta
 *   token is expired and data must be synchronized again."
 *   (https://devblogs.microsoft.com/microsoft365dev/duration-of-change-tracking-tokens-for-identity-and-education-resources/).
 *   A reset is `410 Gone` with a Location header (delta-query-overview, "Synchronization reset"). Whatever the
 *   delta answers other than pages ending in a delta link, the dataset is read whole instead, and the manifest's
 *   `delta[path].fellBack` says why.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as G from '../../api/graph.js';
import { InputError } from '../../errors.js';
import { type DeltaState, deltaState, type Manifest, parseManifest } from '../../snapshot/manifest.js';
import type { ManifestEntry } from '../../snapshot/writer.js';
import { graphErrorCode, newBudget } from '../datasets.js';
import { HttpStatusError, safeUrl } from '../http.js';
import { DIRECTORY_TOP, GRAPH_QUERIES, type GraphContext, GUID, type PagedResult, selectOf } from './collect.js';

type Json = Record<string, unknown>;

/**
 * The datasets read by delta: the key of GRAPH_QUERIES -> the delta function's path and `$select`, and whether to
 * ask for only the changed properties of an updated object (`Prefer: return=minimal`: documented for users only,
 * https://learn.microsoft.com/graph/api/user-delta; a user's assignedPlans are most of its weight and rarely change).
 */
export const DELTA_RESOURCES: Partial<Record<string, { path: string; select: readonly string[]; minimal: boolean }>> = {
  devices: { path: 'devices/delta', select: selectOf(G.entraDevice).split(','), minimal: false },
  users: { path: 'users/delta', select: selectOf(G.user).split(','), minimal: true },
};

/** The query a delta link is taken with (encoded into the link by Graph: later requests carry only the token). */
export function deltaQuery(key: string): string {
  return `$select=${DELTA_RESOURCES[key]!.select.join(',')}`;
}

/** A previous snapshot, as `collect --since DIR` opens it. */
export interface PreviousSnapshot {
  dir: string;
  manifest: Manifest;
}

/**
 * Opens the snapshot a delta re-collection starts from. A folder that is not there, not a finished snapshot, or
 * whose manifest cannot be read is a one-line error (exit 2): the admin named it, and a typo must not silently cost
 * a full collection.
 */
export async function openPrevious(dir: string): Promise<PreviousSnapshot> {
  const file = join(dir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const there = await readdir(dir).then(
        () => true,
        () => false,
      );
      throw new InputError(
        there
          ? `--since ${dir}: expected a snapshot written by jidoctor collect (with manifest.json), found a folder without one`
          : `--since ${dir}: no such folder (expected the snapshot of an earlier collect)`,
      );
    }
    throw new InputError(`--since ${file}: cannot be read (${code ?? 'I/O error'})`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new InputError(`--since ${file}: expected JSON, found text that does not parse`);
  }
  const manifest = parseManifest(file, body);
  if (manifest.state === 'collecting') {
    throw new InputError(
      `--since ${dir}: holds an interrupted collection (manifest.json state: collecting); expected a finished snapshot`,
    );
  }
  return { dir, manifest };
}

/**
 * A delta re-collection needs a snapshot of the same tenant: another tenant's records would be merged with this
 * one's changes. Compares ids of the same kind (GUIDs with GUIDs, names with names): throws a one-line error when
 * they differ; true when they are the same, false when they could not be compared.
 */
export function checkTenant(prev: PreviousSnapshot, tenant: string | null | undefined, what: string): boolean {
  const was = prev.manifest.tenant?.id;
  if (!was || !tenant || GUID.test(was) !== GUID.test(tenant)) return false;
  if (was.toLowerCase() === tenant.toLowerCase()) return true;
  throw new InputError(
    `--since ${prev.dir}: the snapshot is of tenant ${was}, expected tenant ${tenant} (${what}); a delta re-collection starts from a snapshot of the same tenant`,
  );
}

/** The delta side of one collection: what the previous snapshot holds, and the links this run keeps. */
export interface DeltaRun {
  /** The snapshot `--since` named, or null (a full collection that only takes delta links for the next one). */
  prev: PreviousSnapshot | null;
  /** Whether the previous snapshot's tenant was already found equal to the tenant configured. */
  tenantVerified: boolean;
  /** Resolves with the tenant id the organization read gives (null when it could not be read). */
  tenant: Promise<string | null>;
  /** The links this run keeps (manifest `delta`), by snapshot path. */
  states: Record<string, DeltaState>;
  /** One line on stderr: why a dataset was read whole after all. */
  note: (line: string) => void;
  /**
   * Set when the previous snapshot is of another tenant: the datasets are then not read at all, and the collection
   * ends with this error once every request in flight is done (collect.ts), leaving no snapshot.
   */
  refused?: Error;
}

export const iso = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Reads one dataset that has a delta function: by delta from the previous snapshot when there is one and it can
 * be used, else whole (`read`, the dataset's ordinary collection) after taking the latest delta link. `keep` is the
 * rule of the records the dataset holds (the local form of its server-side filter; null: every record).
 */
export async function withDelta(
  ctx: GraphContext,
  key: string,
  read: () => Promise<PagedResult>,
  keep: { query: string; local: (r: Json) => boolean } | null,
): Promise<PagedResult> {
  const res = DELTA_RESOURCES[key];
  const run = ctx.delta;
  if (!res || !run) return read();
  const snapPath = `graph/v1.0/${GRAPH_QUERIES[key]!.path}`;
  let fellBack: string | undefined;
  if (run.prev) {
    const r = await byDelta(ctx, run, run.prev, key, snapPath, keep);
    if ('entry' in r) return r;
    if (run.refused) return { entry: { status: 'failed', error: run.refused.message }, records: [] };
    fellBack = r.fellBack;
    run.note(`${snapPath}: read whole instead of by delta: ${fellBack}`);
  }
  const at = iso();
  const latest = await latestLink(ctx, key);
  const result = await read();
  const state: DeltaState = { link: null, at, mode: 'full', query: deltaQuery(key), filter: keep?.query ?? null };
  if (fellBack) state.fellBack = fellBack;
  if ('error' in latest) state.error = latest.error;
  else if (result.entry.status !== 'complete')
    state.error = `the dataset was not read completely (${result.entry.status}): the next collection reads it whole`;
  else state.link = latest.link;
  run.states[snapPath] = state;
  return result;
}

function authHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, accept: 'application/json' };
}

export function describeFailure(err: unknown): string {
  if (err instanceof HttpStatusError) {
    const code = graphErrorCode(err.json);
    const message = (err.json as { error?: { message?: unknown } } | null)?.error?.message;
    const text = typeof message === 'string' && message.length <= 200 ? `: ${message}` : '';
    return `HTTP ${err.status}${code ? ` ${code}` : ''}${text}`;
  }
  return (err as Error)?.message ?? String(err);
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** `GET /{resource}/delta?$select=…&$deltatoken=latest`: the delta link of now, without any record. */
export async function latestLink(ctx: GraphContext, key: string): Promise<{ link: string } | { error: string }> {
  const res = DELTA_RESOURCES[key]!;
  try {
    const r = await (ctx.limit ?? direct)(async () =>
      ctx.http.request(`${ctx.baseUrl}/v1.0/${res.path}?${deltaQuery(key)}&$deltatoken=latest`, {
        headers: authHeaders((await ctx.auth.token()).accessToken),
        budget: newBudget(),
        expectJson: true,
      }),
    );
    const link = (r.json as { '@odata.deltaLink'?: unknown } | null)?.['@odata.deltaLink'];
    if (typeof link !== 'string' || !link) return { error: 'the service answered without an @odata.deltaLink' };
    if (!sameOrigin(link, ctx.baseUrl)) return { error: `the delta link points to another host (${safeUrl(link)})` };
    return { link };
  } catch (err) {
    return { error: `no delta link: ${describeFailure(err)}` };
  }
}

const direct = <T>(fn: () => Promise<T>): Promise<T> => fn();

/** The page files of a dataset (`PATH/page-NNNNN.json`) in order; throws when there is none. */
async function pageFiles(root: string, datasetPath: string): Promise<string[]> {
  const folder = join(root, datasetPath);
  const names = (await readdir(folder)).filter((n) => /^page-\d{5}\.json$/.test(n)).sort();
  if (names.length === 0) throw new Error(`${datasetPath}/ holds no page file`);
  return names.map((n) => join(folder, n));
}

/** The records of a dataset's page files (each `{ value: [...] }`), one page in memory at a time. */
export async function* previousRecords(files: readonly string[], datasetPath: string): AsyncGenerator<Json> {
  for (const f of files) {
    const body = JSON.parse(await readFile(f, 'utf8')) as { value?: unknown };
    if (!Array.isArray(body?.value))
      throw new Error(`${datasetPath}/${f.split(/[\\/]/).pop()}: expected {"value": [...]}`);
    yield* body.value as Json[];
  }
}

export interface MergeResult {
  records: Json[];
  /** Changes applied (objects upserted, previous records removed). */
  upserts: number;
  removed: number;
}

/**
 * Delta changes to apply to the previous records of a dataset, one record at a time (the previous records are
 * streamed page by page, never held whole). A change is merged onto the record of the same id (later wins; only the
 * properties it carries change; an object listed several times gets them all), `@removed` drops the record; a
 * record a change touched gets every selected property still absent as null (a `$select` read returns unset
 * properties as null) and its keys in the order of a read (`id`, then the `$select` order, then anything else);
 * and only the records `keep` keeps stay (a device whose operatingSystem changed to a Mac spelling comes in, one
 * that changed away goes). The previous order is kept; objects new here come after, in the order of their changes.
 */
export class DeltaMerge {
  private readonly final = new Map<string, { removed: boolean; change: Json }>();
  private readonly seen = new Set<string>();
  upserts = 0;
  removed = 0;

  constructor(
    changes: Iterable<Json>,
    private readonly select: readonly string[],
    private readonly keep: ((r: Json) => boolean) | null,
  ) {
    for (const c of changes) {
      if (typeof c.id !== 'string') continue;
      const id = c.id.toLowerCase();
      const e = this.final.get(id) ?? { removed: false, change: {} };
      if (c['@removed'] !== undefined) e.removed = true;
      else {
        e.removed = false;
        for (const [k, v] of Object.entries(c)) if (!k.includes('@delta')) e.change[k] = v;
        this.upserts++;
      }
      this.final.set(id, e);
    }
  }

  private shape(r: Json): Json | null {
    const out: Json = { id: r.id };
    for (const k of this.select) out[k] = r[k] === undefined ? null : r[k];
    for (const [k, v] of Object.entries(r)) if (!(k in out)) out[k] = v;
    return !this.keep || this.keep(out) ? out : null;
  }

  /** A previous record: as it is now, or null when it is gone or no longer kept. */
  pass(r: Json): Json | null {
    const e = typeof r.id === 'string' ? this.final.get(r.id.toLowerCase()) : undefined;
    if (!e) return !this.keep || this.keep(r) ? r : null;
    this.seen.add(String(r.id).toLowerCase());
    if (e.removed) {
      this.removed++;
      return null;
    }
    return this.shape({ ...r, ...e.change });
  }

  /** The objects the previous records did not hold (after every previous record was passed). */
  rest(): Json[] {
    const out: Json[] = [];
    for (const [id, e] of this.final) {
      if (e.removed || this.seen.has(id)) continue;
      const r = this.shape(e.change);
      if (r) out.push(r);
    }
    return out;
  }
}

/** DeltaMerge over records in memory (the tests' form). */
export function applyDelta(
  previous: Iterable<Json>,
  changes: Iterable<Json>,
  select: readonly string[],
  keep: ((r: Json) => boolean) | null,
): MergeResult {
  const m = new DeltaMerge(changes, select, keep);
  const records: Json[] = [];
  for (const r of previous) {
    const x = m.pass(r);
    if (x) records.push(x);
  }
  records.push(...m.rest());
  return { records, upserts: m.upserts, removed: m.removed };
}

/** Follows a delta link to its end: every change, and the next delta link. */
export async function followDelta(
  ctx: GraphContext,
  link: string,
  label: string,
  minimal: boolean,
): Promise<{ changes: Json[]; link: string; context: unknown; pages: number }> {
  const budget = newBudget();
  let url: string | null = link;
  const seen = new Set<string>([link]);
  const changes: Json[] = [];
  let pages = 0;
  let context: unknown;
  for (;;) {
    const pageUrl: string = url;
    const r = await (ctx.limit ?? direct)(async () =>
      ctx.http.request(pageUrl, {
        headers: {
          ...authHeaders((await ctx.auth.token()).accessToken),
          ...(minimal ? { prefer: 'return=minimal' } : {}),
        },
        budget,
        expectJson: true,
      }),
    );
    const body = r.json as Json | null;
    if (!body || !Array.isArray(body.value)) throw new Error('expected a Graph collection {"value": [...]}');
    pages++;
    if (pages === 1) context = body['@odata.context'];
    for (const c of body.value as Json[]) changes.push(c);
    ctx.progress.update(label, changes.length, pages);
    const next = body['@odata.nextLink'];
    const done = body['@odata.deltaLink'];
    if (typeof next === 'string' && next) {
      if (seen.has(next)) throw new Error(`@odata.nextLink repeats an earlier page (${safeUrl(next)})`);
      if (!sameOrigin(next, ctx.baseUrl)) throw new Error(`@odata.nextLink points to another host (${safeUrl(next)})`);
      seen.add(next);
      url = next;
      continue;
    }
    if (typeof done === 'string' && done) {
      if (!sameOrigin(done, ctx.baseUrl)) throw new Error(`@odata.deltaLink points to another host (${safeUrl(done)})`);
      return { changes, link: done, context, pages };
    }
    throw new Error('the last page has neither an @odata.nextLink nor an @odata.deltaLink');
  }
}

/** Why the previous snapshot's link cannot be used for a dataset, or null when it can. */
function unusable(
  ctx: GraphContext,
  prev: PreviousSnapshot,
  key: string,
  snapPath: string,
  keep: { query: string } | null,
): string | null {
  const raw = prev.manifest.delta?.[snapPath];
  const entry = prev.manifest.datasets[snapPath];
  if (raw == null) return 'the previous snapshot holds no delta link for it';
  const parsed = deltaState.safeParse(raw);
  if (!parsed.success)
    return `its delta entry in the previous snapshot is malformed (${parsed.error.issues[0]?.path.join('.') || 'entry'}: ${parsed.error.issues[0]?.message ?? 'invalid'})`;
  const state = parsed.data;
  if (!state.link) return `the previous snapshot holds no delta link for it${state.error ? ` (${state.error})` : ''}`;
  if (entry?.status !== 'complete')
    return `it is ${entry?.status ?? 'missing'} in the previous snapshot, so there is nothing whole to apply changes to`;
  if (state.query !== deltaQuery(key)) return 'the previous snapshot tracked other properties (another version?)';
  if ((state.filter ?? null) !== (keep?.query ?? null))
    return `the previous snapshot kept ${state.filter ? `the records of ${state.filter}` : 'every record'}, this collection ${keep ? `the records of ${keep.query}` : 'every record'}`;
  if (!sameOrigin(state.link, ctx.baseUrl))
    return `its delta link points to another host than the Graph endpoint configured (${safeUrl(state.link)})`;
  return null;
}

/**
 * Whether a dataset can be re-collected by delta from the previous snapshot: its link's state and its page files,
 * or why not (the dataset is then read whole). Another tenant's snapshot sets `run.refused` (the collection stops).
 */
export async function deltaSource(
  ctx: GraphContext,
  run: DeltaRun,
  prev: PreviousSnapshot,
  key: string,
  snapPath: string,
  keep: { query: string } | null,
): Promise<{ state: DeltaState; files: string[] } | { fellBack: string }> {
  // Another tenant's snapshot is an error (it stops the collection), whatever else is wrong with it.
  let same: boolean;
  try {
    same = checkTenant(prev, await run.tenant, 'its organization, read now');
  } catch (err) {
    run.refused ??= err as Error;
    return { fellBack: (err as Error).message };
  }
  const why = unusable(ctx, prev, key, snapPath, keep);
  if (why) return { fellBack: why };
  if (!prev.manifest.tenant?.id) return { fellBack: 'the previous snapshot does not name its tenant' };
  if (!same && !run.tenantVerified)
    return {
      fellBack: `the tenant could not be verified against the previous snapshot's (${prev.manifest.tenant.id})`,
    };
  const state = deltaState.parse(prev.manifest.delta![snapPath]);
  try {
    return { state, files: await pageFiles(prev.dir, snapPath) };
  } catch (err) {
    return { fellBack: `its records in the previous snapshot cannot be read (${(err as Error).message})` };
  }
}

async function byDelta(
  ctx: GraphContext,
  run: DeltaRun,
  prev: PreviousSnapshot,
  key: string,
  snapPath: string,
  keep: { query: string; local: (r: Json) => boolean } | null,
): Promise<PagedResult | { fellBack: string }> {
  const source = await deltaSource(ctx, run, prev, key, snapPath, keep);
  if ('fellBack' in source) return source;
  const { state, files } = source;
  const label = `${DELTA_RESOURCES[key]!.path} (delta)`;
  const at = iso();
  ctx.progress.start(label);
  let followed: Awaited<ReturnType<typeof followDelta>>;
  try {
    followed = await followDelta(ctx, state.link!, label, DELTA_RESOURCES[key]!.minimal);
  } catch (err) {
    const entry: ManifestEntry = { status: 'failed', error: describeFailure(err) };
    ctx.progress.done(label, entry);
    return { fellBack: `the delta link was refused: ${describeFailure(err)}` };
  }
  const merge = new DeltaMerge(followed.changes, DELTA_RESOURCES[key]!.select, keep?.local ?? null);
  const head: Json = followed.context === undefined ? {} : { '@odata.context': followed.context };
  let pages = 0;
  let records = 0;
  let buffer: Json[] = [];
  const flush = async (always: boolean) => {
    while (buffer.length >= DIRECTORY_TOP || (always && (buffer.length > 0 || pages === 0))) {
      const value = buffer.slice(0, DIRECTORY_TOP);
      buffer = buffer.slice(DIRECTORY_TOP);
      records += value.length;
      await ctx.writer.page(snapPath, ++pages, JSON.stringify({ ...head, value }));
    }
  };
  try {
    for await (const r of previousRecords(files, snapPath)) {
      const x = merge.pass(r);
      if (x) buffer.push(x);
      if (buffer.length >= DIRECTORY_TOP) await flush(false);
    }
  } catch (err) {
    // A previous page that cannot be read: the pages written so far go, and the dataset is read whole.
    await rm(join(ctx.writer.root, snapPath), { recursive: true, force: true });
    const entry: ManifestEntry = { status: 'failed', error: (err as Error).message };
    ctx.progress.done(label, entry);
    return { fellBack: `its records in the previous snapshot cannot be read (${(err as Error).message})` };
  }
  buffer.push(...merge.rest());
  await flush(true);
  const entry: ManifestEntry = { status: 'complete', records, pages, query: deltaQuery(key) };
  if (keep) entry.filter = { query: keep.query, serverSide: false };
  ctx.writer.entry(snapPath, entry);
  ctx.progress.done(label, entry);
  run.states[snapPath] = {
    link: followed.link,
    at,
    mode: 'delta',
    since: state.at,
    changes: merge.upserts,
    removed: merge.removed,
    query: deltaQuery(key),
    filter: keep?.query ?? null,
  };
  return { entry, records: [] };
}
