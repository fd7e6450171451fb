/**
 * Graph delta queries for Entra `devices` and `users`, as Microsoft documents them
 * (https://learn.microsoft.com/graph/delta-query-overview, https://learn.microsoft.com/graph/api/device-delta,
 * https://learn.microsoft.com/graph/api/user-delta):
 * - the first request (no token) pages through every object, then ends with an `@odata.deltaLink`;
 *   `$deltatoken=latest` answers only the delta link of now, with no object;
 * - a delta link lists what changed since it was handed out, paged with `@odata.nextLink` (opaque `$skiptoken`),
 *   the last page carrying the next `@odata.deltaLink`; `$select` is given once, in the first request, and encoded
 *   into the tokens;
 * - a created object comes with its selected properties, a property never set left out; a changed one with all its
 *   selected properties (a property changed to null included as null), or, for users with `Prefer: return=minimal`,
 *   only the changed ones; a deleted one as `{ id, "@removed": { reason } }` (`deleted` for devices, `changed` for
 *   users, which go to the deleted items first);
 * - `$filter` only by id (`id eq '…'`, or-ed); anything else is a 400;
 * - a token of an older epoch (sim/delta.ts expireDeltaTokens) or older than `maxAgeMs` (seven days, as for
 *   directory objects) is refused as Graph does: 400 `syncStateNotFound` "The sync state generation is not found.
 *   The delta token is expired and data must be synchronized again." (https://devblogs.microsoft.com/microsoft365dev/duration-of-change-tracking-tokens-for-identity-and-education-resources/),
 *   or, after a reset, 410 Gone with a Location header holding the initial request (delta-query-overview,
 *   "Synchronization reset").
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { changeLogOf, type DeltaCollection } from '../delta.js';
import type { SimTenant } from '../tenant.js';

type Json = Record<string, unknown>;

export interface DeltaDeps {
  tenant: SimTenant;
  baseUrl: () => string;
  /** The permission check of the collection (null: allowed). */
  guard: (c: Context, collection: DeltaCollection) => Response | null;
  graphError: (c: Context, status: number, code: string, message: string) => Response;
  parseFilter: (text: string | null, allowed: readonly string[]) => null | ((r: Json) => boolean) | { error: string };
  /** Largest age of a delta token (ms); default seven days. */
  maxAgeMs?: number;
}

/** Changes (or objects, in the first round) per page. */
export const DELTA_PAGE = 200;
const SEVEN_DAYS = 7 * 24 * 3_600_000;

interface Token {
  /** The collection the token belongs to. */
  c: DeltaCollection;
  /** Changes after this sequence number are listed. */
  s: number;
  /** The sequence number the round ends at (nextLink tokens). */
  to?: number;
  /** Offset in the round (nextLink tokens). */
  o?: number;
  /** First round: every object, not changes. */
  init?: boolean;
  /** `$select` of the first request, or null. */
  sel: string[] | null;
  /** Object ids of a `$filter=id eq …`, or null. */
  ids: string[] | null;
  /** Epoch of the change log, and when the token was handed out (ms). */
  e: number;
  t: number;
}

export function registerDelta(app: Hono, deps: DeltaDeps): void {
  const key = randomBytes(16);
  const seal = (tok: Token): string => {
    const body = Buffer.from(JSON.stringify(tok)).toString('base64url');
    const mac = createHmac('sha256', key).update(body).digest('base64url').slice(0, 22);
    return `${body}.${mac}`;
  };
  const open = (text: string): Token | null => {
    const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(text);
    if (!m) return null;
    const mac = createHmac('sha256', key).update(m[1]!).digest('base64url').slice(0, 22);
    if (mac !== m[2]) return null;
    try {
      return JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as Token;
    } catch {
      return null;
    }
  };

  for (const collection of ['devices', 'users'] as const) {
    app.get(`/v1.0/${collection}/delta`, (c) => {
      const refused = deps.guard(c, collection);
      if (refused) return refused;
      const t = deps.tenant;
      const log = changeLogOf(t);
      const q = new URL(c.req.url).searchParams;
      const base = `${deps.baseUrl()}/v1.0/${collection}/delta`;
      const records = collection === 'devices' ? t.graph.devices : t.graph.users;
      const deltaTok = q.get('$deltatoken');
      const skipTok = q.get('$skiptoken');
      let tok: Token;
      if (deltaTok == null && skipTok == null) {
        // The first request of a round: its query options are encoded into the tokens.
        const sel =
          q
            .get('$select')
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean) ?? null;
        let ids: string[] | null = null;
        if (q.has('$filter')) {
          const f = deps.parseFilter(q.get('$filter'), ['id']);
          if (f && typeof f === 'object') return deps.graphError(c, 400, 'Request_BadRequest', f.error);
          ids = [...(q.get('$filter') ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]!.toLowerCase());
        }
        tok = { c: collection, s: log.seq, sel, ids, e: log.epoch, t: Date.now(), init: true };
      } else if (deltaTok === 'latest') {
        const sel =
          q
            .get('$select')
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean) ?? null;
        const latest: Token = { c: collection, s: log.seq, sel, ids: null, e: log.epoch, t: Date.now() };
        return c.json({
          '@odata.context': `${deps.baseUrl()}/v1.0/$metadata#${collection}`,
          '@odata.deltaLink': `${base}?$deltatoken=${seal(latest)}`,
          value: [],
        });
      } else {
        const opened = open(deltaTok ?? skipTok ?? '');
        if (!opened || opened.c !== collection)
          return deps.graphError(c, 400, 'Request_BadRequest', 'The delta token is not valid.');
        tok = opened;
        if (tok.e !== log.epoch || Date.now() - tok.t > (deps.maxAgeMs ?? SEVEN_DAYS)) {
          if (log.invalidation === 'reset' && tok.e !== log.epoch) {
            // Synchronization reset: 410 Gone, and where to start the round again.
            c.header('Location', `${base}${tok.sel ? `?$select=${tok.sel.join(',')}` : ''}`);
            return deps.graphError(c, 410, 'resyncRequired', 'A full synchronization is required.');
          }
          return deps.graphError(
            c,
            400,
            'syncStateNotFound',
            'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
          );
        }
        if (deltaTok != null) tok = { ...tok, o: 0, to: log.seq, init: false };
      }

      const select = tok.sel;
      const minimal = /return=minimal/i.test(c.req.header('prefer') ?? '') && collection === 'users';
      const project = (r: Json, changed: string[] | null): Json => {
        const out: Json = { id: r.id };
        const keys = select ?? Object.keys(r).filter((k) => k !== 'id');
        for (const k of keys) {
          if (minimal && changed && !changed.includes(k)) continue;
          const v = r[k];
          // A property never set is left out; one changed to null comes as null.
          if (v !== null && v !== undefined) out[k] = v;
          else if (changed?.includes(k)) out[k] = null;
        }
        return out;
      };
      const wanted = (id: string) => !tok.ids || tok.ids.includes(id.toLowerCase());

      let items: Json[];
      const to = tok.to ?? tok.s;
      if (tok.init) {
        items = records.filter((r) => wanted(String(r.id))).map((r) => project(r, null));
      } else {
        // Every object changed after the token, once, in the order of its last change, as it is now.
        const last = new Map<string, { seq: number; props: Set<string> | null }>();
        for (const ch of log.changes) {
          if (ch.collection !== collection || ch.seq <= tok.s || ch.seq > to || !wanted(ch.id)) continue;
          const prev = last.get(ch.id);
          const props =
            ch.props === null || prev?.props === null ? null : new Set([...(prev?.props ?? []), ...ch.props]);
          last.delete(ch.id);
          last.set(ch.id, { seq: ch.seq, props });
        }
        const byId = new Map(records.map((r) => [String(r.id), r]));
        items = [...last].map(([id, ch]) => {
          const r = byId.get(id);
          if (!r) return { id, '@removed': { reason: collection === 'users' ? 'changed' : 'deleted' } };
          return project(r, ch.props ? [...ch.props] : null);
        });
      }
      const offset = tok.o ?? 0;
      const page = items.slice(offset, offset + DELTA_PAGE);
      const body: Json = {
        '@odata.context': `${deps.baseUrl()}/v1.0/$metadata#${collection}${select ? `(${select.join(',')})` : ''}`,
      };
      if (offset + DELTA_PAGE < items.length) {
        body['@odata.nextLink'] = `${base}?$skiptoken=${seal({ ...tok, o: offset + DELTA_PAGE, to })}`;
      } else {
        const next: Token = { c: collection, s: to, sel: select, ids: tok.ids, e: log.epoch, t: Date.now() };
        body['@odata.deltaLink'] = `${base}?$deltatoken=${seal(next)}`;
      }
      body.value = page;
      return c.json(body);
    });
  }
}
