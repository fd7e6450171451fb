/**
 * Only the users that matter (issue 16). Reading every user with `assignedPlans` costs what the tenant costs (several
 * KB a user, and a tenant that runs Jamf has many more people than Macs); the checks read users only through the
 * Macs (model/join.ts: a Mac's users; the licence checks; a Jamf local account's Entra user). So, unless `--full`,
 * the users dataset holds exactly the users a Mac's records name, looked up by the keys the model joins on
 * (model/tables.ts, model/join.ts):
 *
 * - Jamf local accounts' `userAzureActiveDirectoryId` (the model's user id key: a user whose `id` it is);
 * - Jamf `userAndLocation.email`, and the Intune record's `userPrincipalName` (or `emailAddress` when the UPN is
 *   empty): the model's user key, matched against the user's `userPrincipalName` first, else its `mail`.
 *
 * Jamf `userAndLocation.username` and Intune `userId` are not keys of the model (a user read by them would be joined
 * to no Mac), and Entra registered owners are not collected, so none of them is looked up.
 *
 * How: `GET /users?$filter=PROP in ('a','b',…)&$select=…`, 20 such requests per `POST /v1.0/$batch`. Why both:
 * - `in` is limited to 15 expressions in a filter clause by default, and to 2,048 URL characters with advanced
 *   query capabilities (`ConsistencyLevel: eventual`, `$count=true`): https://learn.microsoft.com/graph/known-issues
 *   ("Some limitations apply to query parameters"); Graph answers 400 `Request_UnsupportedQuery` ("Too many child
 *   clauses … Max allowed: 15") beyond. So the look-ups are advanced queries packed to the URL length (about 40 ids
 *   each), and fall back to 15 values each when Graph refuses that (400). `id`, `userPrincipalName` and `mail` take
 *   `in` (https://learn.microsoft.com/graph/api/resources/user#properties).
 * - A batch carries at most 20 requests, each answered with its own status, headers and body, in any order; requests
 *   in a batch are throttled one by one, so a 429 item is retried alone after its own `Retry-After`
 *   (https://learn.microsoft.com/graph/json-batching, https://learn.microsoft.com/graph/throttling).
 * So one HTTP request looks up about 800 keys (300 with default queries): 40× (15×) cheaper than a batch of
 * `GET /users/{id}` (20 keys, one 404 per missing user), and far cheaper than `$filter … in` without batching (one
 * request per 15 keys). An unknown key is simply not returned.
 *
 * Three rounds, each after the previous one: ids; then the names no user read so far holds as UPN (a UPN is unique,
 * so a user read by id whose UPN is the name is the one the model picks); then by `mail` the names still without a
 * UPN holder (the model takes a mail only when no user holds the key as UPN). The diagnosis is then the one a whole
 * read gives (test/e2e/users-lookup.test.ts compares them), but for one case: two users sharing a `mail` that no
 * user holds as UPN, where the whole read keeps the first in the directory's order and this the first it read.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as G from '../../api/graph.js';
import { DATASETS } from '../../model/datasets.js';
import { normUser } from '../../model/keys.js';
import type { DeltaState } from '../../snapshot/manifest.js';
import type { ManifestEntry, UserLookup } from '../../snapshot/writer.js';
import { entryOfError, newBudget } from '../datasets.js';
import { HttpStatusError, limiter, parseRetryAfter, type RetryBudget, safeUrl } from '../http.js';
import {
  DIRECTORY_TOP,
  GRAPH_CONCURRENCY,
  GRAPH_FILTERS,
  GRAPH_QUERIES,
  type GraphContext,
  GUID,
  graphCollection,
  selectOf,
} from './collect.js';
import {
  DELTA_RESOURCES,
  DeltaMerge,
  type DeltaRun,
  deltaQuery,
  deltaSource,
  describeFailure,
  followDelta,
  iso,
  latestLink,
  type PreviousSnapshot,
  previousRecords,
} from './delta.js';
import { jamfInventoryPath, pageRecords } from './fill.js';

type Json = Record<string, unknown>;

/** Requests in one `$batch` (https://learn.microsoft.com/graph/json-batching). */
export const BATCH_MAX = 20;
/** Values in one `in (…)` of a default query (https://learn.microsoft.com/graph/known-issues, query parameters). */
export const IN_MAX = 15;
/**
 * With advanced query capabilities (`ConsistencyLevel: eventual`, `$count=true`) the limit is the URL's length, 2,048
 * characters (same known-issues entry). How Graph measures it inside a batch is not documented [B]: the look-up is
 * packed to this length counting the whole URL it would have outside a batch (`https://graph.microsoft.com/v1.0…`,
 * percent-encoded), with a margin; a 400 falls back to 15 values a look-up.
 */
export const ADVANCED_URL_MAX = 1900;
const GRAPH_V1 = 'https://graph.microsoft.com/v1.0';

/** The keys a Mac's records name its users by, as the model normalises them. */
export interface UserKeys {
  /** Entra user object ids (lower-cased), from Jamf local accounts. */
  ids: Set<string>;
  /** User names (trimmed, lower-cased): Jamf e-mails and Intune UPNs. */
  names: Set<string>;
}

export const newUserKeys = (): UserKeys => ({ ids: new Set(), names: new Set() });

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A name that can be a UPN or a mail (both always hold an `@`); any other can match no user. */
function addName(keys: UserKeys, v: string | null): void {
  const k = normUser(v);
  if (k?.includes('@')) keys.names.add(k);
}

/** The user keys of a Jamf Pro computer inventory record (any API version: the fields are the same). */
export function addJamfUserKeys(computer: Json, keys: UserKeys): void {
  const ul = computer.userAndLocation as Json | null | undefined;
  addName(keys, text(ul?.email));
  const accounts = computer.localUserAccounts;
  if (!Array.isArray(accounts)) return;
  for (const a of accounts as Array<Json | null>) {
    const id = text(a?.userAzureActiveDirectoryId);
    // The model keys it lower-cased as given; only an object id can name a user (Jamf's own examples say "1").
    if (id && GUID.test(id)) keys.ids.add(id.toLowerCase());
  }
}

/** The user key of an Intune managed device record (`userPrincipalName`, else `emailAddress`, as records.ts). */
export function addIntuneUserKeys(device: Json, keys: UserKeys): void {
  addName(keys, text(device.userPrincipalName) ?? text(device.emailAddress));
}

/** The user keys of every Jamf computer and Intune Mac record the snapshot folder holds (read back from the pages). */
export async function userKeysOfSnapshot(root: string): Promise<UserKeys> {
  const keys = newUserKeys();
  const jamf = await jamfInventoryPath(root);
  if (jamf) for await (const c of pageRecords(root, jamf, 'results')) addJamfUserKeys(c, keys);
  const isMac = GRAPH_FILTERS.managedDevices!.local;
  for await (const d of pageRecords(root, DATASETS.managedDevices.paths[0]!, 'value'))
    if (isMac(d)) addIntuneUserKeys(d, keys);
  return keys;
}

export type LookupProp = 'id' | 'userPrincipalName' | 'mail';

/** One request of a batch: a user look-up by up to 15 values of one property. */
export interface LookupItem {
  id: string;
  method: 'GET';
  /** Relative to /v1.0, as a batch item's url is. */
  url: string;
  /** `ConsistencyLevel: eventual` for an advanced query. */
  headers?: Record<string, string>;
  prop: LookupProp;
  values: string[];
}

const USER_SELECT = selectOf(G.user);
const quote = (v: string): string => `'${v.replace(/'/g, "''")}'`;

/**
 * The look-up requests for `values` of `prop`, sorted; ids numbered from `first`. Default queries: 15 values a
 * look-up. Advanced (`advanced`): as many values as fit in ADVANCED_URL_MAX characters of URL.
 */
export function lookupItems(prop: LookupProp, values: Iterable<string>, first = 1, advanced = false): LookupItem[] {
  const sorted = [...values].sort();
  const tail = `&$select=${USER_SELECT}&$top=${DIRECTORY_TOP}${advanced ? '&$count=true' : ''}`;
  const urlOf = (chunk: string[]) =>
    `/users?$filter=${encodeURIComponent(`${prop} in (${chunk.map(quote).join(',')})`)}${tail}`;
  const out: LookupItem[] = [];
  const push = (chunk: string[]) =>
    out.push({
      id: String(first + out.length),
      method: 'GET',
      url: urlOf(chunk),
      ...(advanced ? { headers: { ConsistencyLevel: 'eventual' } } : {}),
      prop,
      values: chunk,
    });
  let chunk: string[] = [];
  for (const v of sorted) {
    if (chunk.length > 0) {
      const full = advanced ? GRAPH_V1.length + urlOf([...chunk, v]).length > ADVANCED_URL_MAX : chunk.length >= IN_MAX;
      if (full) {
        push(chunk);
        chunk = [];
      }
    }
    chunk.push(v);
  }
  if (chunk.length > 0) push(chunk);
  return out;
}

/** Splits requests into batches of at most 20. */
export function batchesOf<T>(items: readonly T[], max = BATCH_MAX): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += max) out.push(items.slice(i, i + max));
  return out;
}

/** The body of a `$batch` request. */
export function batchBody(items: readonly LookupItem[]): string {
  return JSON.stringify({
    requests: items.map(({ id, method, url, headers }) =>
      headers ? { id, method, url, headers } : { id, method, url },
    ),
  });
}

const RETRYABLE = new Set([429, 502, 503, 504]);

interface BatchOutcome {
  users: Json[];
  /** Items still failing after retries, with why. */
  failed: Array<{ item: LookupItem; why: string }>;
  /** The first refusal (400) of a look-up, as Graph worded it. */
  refused: string | null;
  /** A 401/403 of an item or of the batch itself. */
  denied: HttpStatusError | null;
}

function headerOf(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  for (const [k, v] of Object.entries(headers as Json)) if (k.toLowerCase() === name) return text(String(v));
  return null;
}

function errorOf(body: unknown): { code: string | null; message: string | null } {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return { code: text(e?.code), message: text(e?.message) };
}

/** What a look-up run counts (shared by the batches of one collection). */
interface Counters {
  requests: number;
  batches: number;
}

/**
 * Sends one batch and retries its failed items (429/502/503/504, or an item the response left out) alone, after the
 * longest `Retry-After` among them (else the HTTP layer's backoff), up to the HTTP layer's attempts and the
 * dataset's retry budget. The batch request itself goes through the HTTP layer (its own 429/503/reset retries).
 */
async function runBatch(
  ctx: GraphContext,
  items: LookupItem[],
  budget: RetryBudget,
  counters: Counters,
): Promise<BatchOutcome> {
  const out: BatchOutcome = { users: [], failed: [], refused: null, denied: null };
  const http = ctx.http;
  const url = `${ctx.baseUrl}/v1.0/$batch`;
  let pending = items;
  for (let attempt = 1; pending.length > 0; attempt++) {
    counters.batches++;
    counters.requests += pending.length;
    let responses: unknown;
    try {
      const r = await (ctx.limit ?? direct)(async () =>
        http.request(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${(await ctx.auth.token()).accessToken}`,
            accept: 'application/json',
            'content-type': 'application/json',
          },
          body: batchBody(pending),
          budget,
          expectJson: true,
        }),
      );
      responses = (r.json as { responses?: unknown } | null)?.responses;
    } catch (err) {
      if (err instanceof HttpStatusError && (err.status === 401 || err.status === 403)) out.denied = err;
      const why =
        err instanceof HttpStatusError ? `$batch HTTP ${err.status}` : `$batch: ${(err as Error).message ?? err}`;
      for (const item of pending) out.failed.push({ item, why });
      return out;
    }
    const byId = new Map<string, Json>();
    if (Array.isArray(responses))
      for (const r of responses as Json[]) if (r && typeof r === 'object') byId.set(String(r.id), r);
    const retry: Array<{ item: LookupItem; why: string }> = [];
    let wait = 0;
    let tooLong: string | null = null;
    for (const item of pending) {
      const r = byId.get(item.id);
      if (!r) {
        retry.push({ item, why: 'not answered in the $batch response' });
        wait = Math.max(wait, http.backoff(attempt));
        continue;
      }
      const status = Number(r.status);
      if (status >= 200 && status < 300) {
        const more = await collectionOf(ctx, r.body, budget, counters);
        if (typeof more === 'string') out.failed.push({ item, why: more });
        else out.users.push(...more);
        continue;
      }
      // A user that is not there is simply not read (a Mac whose user is not in Entra).
      if (status === 404) continue;
      const e = errorOf(r.body);
      const why = `HTTP ${status}${e.code ? ` ${e.code}` : ''}`;
      if (RETRYABLE.has(status)) {
        const ra = parseRetryAfter(headerOf(r.headers, 'retry-after'));
        if (ra != null && ra > http.maxRetryAfterMs) tooLong = `${why} (Retry-After ${Math.round(ra / 1000)} s)`;
        else wait = Math.max(wait, ra ?? http.backoff(attempt));
        retry.push({ item, why });
      } else if (status === 400 || status === 414) out.refused ??= e.message ?? why;
      else if (status === 401 || status === 403)
        out.denied ??= new HttpStatusError(status, url, JSON.stringify(r.body ?? null), r.body, attempt);
      else out.failed.push({ item, why });
    }
    if (retry.length === 0) break;
    if (tooLong || attempt >= http.maxAttempts || budget.exhausted) {
      for (const f of retry)
        out.failed.push({
          item: f.item,
          why: tooLong ?? `${f.why} after ${attempt} attempts${budget.exhausted ? ' (retry budget spent)' : ''}`,
        });
      break;
    }
    budget.spent++;
    for (const f of retry) {
      const reason = f.why.replace(/^HTTP (\d+).*/, '$1');
      http.stats.retries++;
      http.stats.reasons[reason] = (http.stats.reasons[reason] ?? 0) + 1;
      http.onRetry?.(reason);
    }
    await http.pause(wait);
    pending = retry.map((f) => f.item);
  }
  return out;
}

/** The users of a look-up's answer, following its `@odata.nextLink` (many users sharing a mail); or why not. */
async function collectionOf(
  ctx: GraphContext,
  body: unknown,
  budget: RetryBudget,
  counters: Counters,
): Promise<Json[] | string> {
  const users: Json[] = [];
  let page = body as { value?: unknown; '@odata.nextLink'?: unknown } | null;
  const seen = new Set<string>();
  for (;;) {
    if (!page || !Array.isArray(page.value)) return 'expected a Graph collection {"value": [...]}';
    users.push(...(page.value as Json[]));
    const next = page['@odata.nextLink'];
    if (typeof next !== 'string' || !next) return users;
    if (seen.has(next)) return `@odata.nextLink repeats an earlier page (${safeUrl(next)})`;
    seen.add(next);
    if (!next.startsWith(`${ctx.baseUrl}/`)) return `@odata.nextLink points to another host (${safeUrl(next)})`;
    try {
      counters.requests++;
      const r = await (ctx.limit ?? direct)(async () =>
        ctx.http.request(next, {
          headers: { authorization: `Bearer ${(await ctx.auth.token()).accessToken}`, accept: 'application/json' },
          budget,
          expectJson: true,
        }),
      );
      page = r.json as typeof page;
    } catch (err) {
      return err instanceof HttpStatusError ? `HTTP ${err.status}` : String((err as Error).message ?? err);
    }
  }
}

const direct = <T>(fn: () => Promise<T>): Promise<T> => fn();

/** What a delta link of the looked-up users tracks (manifest `delta[…].filter`): only such a link is reused. */
export const USERS_LOOKED_UP = "the Macs' users, looked up";

/** Whether a user answers one of the Macs' keys by id or by UPN (the keys a mail answers are looked up again). */
function answers(u: Json, keys: UserKeys): boolean {
  const id = typeof u.id === 'string' ? u.id.toLowerCase() : null;
  if (id && keys.ids.has(id)) return true;
  const upn = normUser(text(u.userPrincipalName));
  return upn != null && keys.names.has(upn);
}

/**
 * The previous snapshot's users brought up to date by the users delta (every user's changes come: `users/delta`
 * filters only by id), keeping those who still answer a Mac's key by id or UPN. Users named only by their mail are
 * not kept: the mail round asks for them again, since a user the previous snapshot did not hold may now share it.
 * Updated users come with only their changed properties (`Prefer: return=minimal`), so a user the previous snapshot
 * did not hold cannot be built from the delta: the look-up asks for the keys no kept user answers.
 */
async function usersByDelta(
  ctx: GraphContext,
  run: DeltaRun,
  prev: PreviousSnapshot,
  path: string,
  keys: UserKeys,
): Promise<{ kept: Json[]; state: DeltaState } | { fellBack: string }> {
  const source = await deltaSource(ctx, run, prev, 'users', path, { query: USERS_LOOKED_UP });
  if ('fellBack' in source) return source;
  const at = iso();
  const label = `${DELTA_RESOURCES.users!.path} (delta)`;
  ctx.progress.start(label);
  let followed: Awaited<ReturnType<typeof followDelta>>;
  try {
    followed = await followDelta(ctx, source.state.link!, label, DELTA_RESOURCES.users!.minimal);
  } catch (err) {
    ctx.progress.done(label, { status: 'failed', error: describeFailure(err) });
    return { fellBack: `the delta link was refused: ${describeFailure(err)}` };
  }
  const merge = new DeltaMerge(followed.changes, DELTA_RESOURCES.users!.select, null);
  const kept: Json[] = [];
  try {
    for await (const r of previousRecords(source.files, path)) {
      const u = merge.pass(r);
      if (u && answers(u, keys)) kept.push(u);
    }
  } catch (err) {
    ctx.progress.done(label, { status: 'failed', error: (err as Error).message });
    return { fellBack: `its records in the previous snapshot cannot be read (${(err as Error).message})` };
  }
  ctx.progress.done(label, { status: 'complete', records: kept.length, pages: followed.pages });
  return {
    kept,
    state: {
      link: followed.link,
      at,
      mode: 'delta',
      since: source.state.at,
      changes: merge.upserts,
      removed: merge.removed,
      query: deltaQuery('users'),
      filter: USERS_LOOKED_UP,
    },
  };
}

/** Whether the Jamf computer inventory or the Intune managed devices were collected (complete or partial). */
function macRecordsCollected(datasets: Record<string, ManifestEntry>): boolean {
  return Object.entries(datasets).some(
    ([k, e]) =>
      (k === DATASETS.managedDevices.paths[0] || /^jamf\/api\/v\d+\/computers-inventory$/.test(k)) &&
      (e.status === 'complete' || e.status === 'partial'),
  );
}

/**
 * Reads the users of the Macs whose Jamf and Intune records the snapshot folder `root` holds, and writes them as
 * the users dataset (`graph/v1.0/users/page-NNNNN.json`, each `{"value": [...]}`, in look-up order), with the
 * manifest entry's `lookup`. Runs after both the Jamf and the Intune datasets are written.
 */
export async function collectMacUsers(ctx: GraphContext, root: string): Promise<ManifestEntry> {
  const path = DATASETS.users.paths[0]!;
  const label = DATASETS.users.id;
  let keys: UserKeys;
  try {
    keys = await userKeysOfSnapshot(root);
  } catch (err) {
    // The Jamf or Intune pages just written could not be read back: which users the Macs name is unknown.
    const entry: ManifestEntry = {
      status: 'failed',
      error: `the Macs' users could not be known: their Jamf and Intune pages could not be read back (${(err as Error).message ?? err})`,
    };
    ctx.writer.entry(path, entry);
    return entry;
  }
  if (keys.ids.size === 0 && keys.names.size === 0 && !macRecordsCollected(ctx.writer.datasets)) {
    // Neither the Jamf computers nor the Intune records were collected: which users matter is unknown, and an empty
    // users dataset would read as collected.
    const entry: ManifestEntry = {
      status: 'skipped',
      error: "no user was looked up: the Macs' Jamf Pro and Intune records were not collected",
    };
    ctx.writer.entry(path, entry);
    return entry;
  }
  ctx = { ...ctx, limit: ctx.limit ?? limiter(GRAPH_CONCURRENCY) };

  // Delta (collect --since): the previous snapshot's users, brought up to date, answer the keys they still answer;
  // only the others are looked up. Without a usable previous link, the latest link is taken before the look-up
  // (a change made meanwhile comes again next time: harmless), for the next --since.
  const run = ctx.delta;
  let kept: Json[] = [];
  let deltaState: DeltaState | null = null;
  let fellBack: string | undefined;
  if (run?.prev) {
    const r = await usersByDelta(ctx, run, run.prev, path, keys);
    if (run.refused) {
      const entry: ManifestEntry = { status: 'failed', error: run.refused.message };
      ctx.writer.entry(path, entry);
      return entry;
    }
    if ('fellBack' in r) {
      fellBack = r.fellBack;
      run.note(`${path}: looked up whole instead of by delta: ${fellBack}`);
    } else {
      kept = r.kept;
      deltaState = r.state;
    }
  }
  if (run && !deltaState) {
    const at = iso();
    const latest = await latestLink(ctx, 'users');
    deltaState = { link: null, at, mode: 'full', query: deltaQuery('users'), filter: USERS_LOOKED_UP };
    if (fellBack) deltaState.fellBack = fellBack;
    if ('error' in latest) deltaState.error = latest.error;
    else deltaState.link = latest.link;
  }

  ctx.progress.start(label);
  const budget = newBudget(Math.ceil((keys.ids.size + keys.names.size) / IN_MAX));
  const counters: Counters = { requests: 0, batches: 0 };
  const written = new Set<string>();
  /** Lower-cased UPNs and mails of the users read. */
  const upns = new Set<string>();
  const mails = new Set<string>();
  const ids = new Set<string>();
  /** Notes a user read (its id, UPN and mail); false when it was read already or has no id. */
  const remember = (u: Json): boolean => {
    const id = typeof u.id === 'string' ? u.id.toLowerCase() : null;
    if (!id || written.has(id)) return false;
    written.add(id);
    ids.add(id);
    const upn = normUser(text(u.userPrincipalName));
    const mail = normUser(text(u.mail));
    if (upn) upns.add(upn);
    if (mail) mails.add(mail);
    return true;
  };
  const failedKeys = new Set<string>();
  const failures: string[] = [];
  // An object, not two lets: they are set inside the rounds' callbacks.
  const stop: { refused: string | null; denied: HttpStatusError | null } = { refused: null, denied: null };
  let pages = 0;
  let records = 0;
  let nextId = 1;

  // Advanced queries first (many values a look-up); a refusal (400) of one falls back to default queries.
  let advanced = true;
  let advancedRefused: string | null = null;
  const round = async (prop: LookupProp, values: Set<string>): Promise<void> => {
    await oneRound(prop, values);
    if (!advanced || !stop.refused || stop.denied) return;
    advanced = false;
    advancedRefused = stop.refused;
    stop.refused = null;
    const read = prop === 'id' ? ids : prop === 'userPrincipalName' ? upns : mails;
    const again = new Set([...values].filter((v) => !read.has(v)));
    for (const v of again) failedKeys.delete(v);
    await oneRound(prop, again);
  };
  const oneRound = async (prop: LookupProp, values: Set<string>): Promise<void> => {
    if (values.size === 0 || stop.refused || stop.denied) return;
    const items = lookupItems(prop, values, nextId, advanced);
    nextId += items.length;
    const batches = batchesOf(items);
    // Pages are written in batch order whatever order the batches end in: the snapshot is the same every run.
    const ended: Array<Json[] | undefined> = new Array(batches.length);
    let cursor = 0;
    const flush = async (): Promise<void> => {
      while (cursor < batches.length && ended[cursor] !== undefined) {
        const users = ended[cursor]!;
        ended[cursor] = [];
        cursor++;
        if (users.length === 0) continue;
        await ctx.writer.page(path, ++pages, JSON.stringify({ value: users }));
        records += users.length;
        ctx.progress.update(label, records, pages);
      }
    };
    let chain = Promise.resolve();
    await Promise.all(
      batches.map(async (batch, i) => {
        const o = stop.refused || stop.denied ? null : await runBatch(ctx, batch, budget, counters);
        const fresh: Json[] = [];
        if (o) {
          stop.refused ??= o.refused;
          stop.denied ??= o.denied;
          for (const f of o.failed) {
            failures.push(f.why);
            for (const v of f.item.values) failedKeys.add(v);
          }
          for (const u of o.users) if (remember(u)) fresh.push(u);
        }
        ended[i] = fresh;
        chain = chain.then(flush);
        await chain;
      }),
    );
  };

  try {
    for (let i = 0; i < kept.length; i += DIRECTORY_TOP) {
      const value = kept.slice(i, i + DIRECTORY_TOP);
      for (const u of value) remember(u);
      await ctx.writer.page(path, ++pages, JSON.stringify({ value }));
      records += value.length;
    }
    await round('id', new Set([...keys.ids].filter((id) => !ids.has(id))));
    await round('userPrincipalName', new Set([...keys.names].filter((n) => !upns.has(n))));
    await round('mail', new Set([...keys.names].filter((n) => !upns.has(n))));
  } catch (err) {
    // A page that could not be written (disk full…): the dataset is failed, as any other.
    const entry = entryOfError(err, label, 'graph', { records, pages });
    ctx.writer.entry(path, entry);
    ctx.progress.done(label, entry);
    return entry;
  }

  const asked = keys.ids.size + keys.names.size;
  let found = 0;
  for (const id of keys.ids) if (ids.has(id)) found++;
  for (const n of keys.names) if (upns.has(n) || mails.has(n)) found++;
  // A key whose look-up failed is still resolved when the user it names was read anyway: an id by its user (ids are
  // unique), a name by the user holding it as UPN (UPNs are unique, and win over a mail). Any other is unknown.
  let failed = 0;
  for (const k of failedKeys) if (!ids.has(k) && !upns.has(k)) failed++;
  const lookup: UserLookup = {
    filters: (['id', 'userPrincipalName', 'mail'] as const).map((p) => `${p} in (…)`),
    advanced,
    ...(advancedRefused ? { advancedRefused } : {}),
    asked,
    found,
    notFound: asked - found - failed,
    failed,
    requests: counters.requests,
    batches: counters.batches,
    ...(run?.prev && deltaState?.mode === 'delta' ? { fromDelta: kept.length } : {}),
  };
  if (run && deltaState) {
    // Kept for the next --since only when this dataset is the Macs' users, complete.
    run.states[path] = deltaState;
  }
  const query = `$select=${USER_SELECT}&$top=${DIRECTORY_TOP}`;

  const { refused, denied } = stop;
  if (refused) {
    // Graph refused a look-up: the users are read whole (as --full), over whatever pages the look-up wrote.
    await rm(join(root, path), { recursive: true, force: true });
    ctx.progress.done(label, { status: 'complete' });
    const whole = await graphCollection(ctx, label, GRAPH_QUERIES.users!.path, GRAPH_QUERIES.users!.query);
    const entry: ManifestEntry = { ...whole.entry, lookup: { ...lookup, refused } };
    ctx.writer.entry(path, entry);
    return entry;
  }
  let entry: ManifestEntry;
  if (denied) entry = { ...entryOfError(denied, label, 'graph', { records, pages: 0, query }), lookup };
  else if (failed > 0) {
    const why = [...new Set(failures)].slice(0, 3).join('; ');
    entry = {
      status: 'partial',
      records,
      pages,
      query,
      error: `the look-up of ${failed} of the ${asked} user keys of the Macs failed (${why})`,
      lookup,
    };
  } else entry = { status: 'complete', records, pages, query, lookup };
  if (pages === 0 && (entry.status === 'complete' || entry.status === 'partial')) {
    // No user was read: an empty page, so that the dataset reads as collected (and empty, or partial), not absent.
    await ctx.writer.page(path, 1, '{"value":[]}');
    entry.pages = 1;
  }
  ctx.writer.entry(path, entry);
  ctx.progress.done(label, entry);
  return entry;
}
