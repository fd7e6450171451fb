/**
 * `POST /v1.0/$batch`, as Microsoft Graph answers JSON batching (https://learn.microsoft.com/graph/json-batching):
 * a body `{"requests": [{"id", "method", "url", "headers"?, "body"?}]}` of at most 20 requests, each run as its own
 * request (the caller's bearer token, the item's URL relative to /v1.0), answered in one `{"responses": [...]}` with
 * each item's `id`, `status`, `headers` and `body`, in no particular order (here: reversed, so that a client relying
 * on the order fails). Requests in a batch are throttled one by one (https://learn.microsoft.com/graph/throttling):
 * the fault rules (sim/faults.ts) are matched against each item as `METHOD /v1.0/url`, and a 429 or 503 becomes
 * that item's status, with its `Retry-After` in the item's headers; the batch itself still answers 200.
 */
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { FaultInjector } from '../faults.js';

type Json = Record<string, unknown>;

/** Requests one batch may carry (the documented limit). */
export const SIM_BATCH_MAX = 20;

const innerError = () => ({
  date: new Date().toISOString().slice(0, 19),
  'request-id': randomBytes(16).toString('hex'),
  'client-request-id': randomBytes(16).toString('hex'),
});

function errorBody(code: string, message: string): Json {
  return { error: { code, message, innerError: innerError() } };
}

export function batchRoute(app: Hono, faults: FaultInjector | undefined): void {
  app.post('/v1.0/$batch', async (c: Context) => {
    const bad = (message: string) => c.json(errorBody('BadRequest', message), 400);
    let payload: unknown;
    try {
      payload = await c.req.json();
    } catch {
      return bad('Invalid batch payload format.');
    }
    const requests = (payload as { requests?: unknown } | null)?.requests;
    if (!Array.isArray(requests)) return bad('Invalid batch payload format.');
    // [B] Graph's wording for more than 20 requests is not quoted in the public docs this was written from; the
    // status (400, the whole batch refused) is.
    if (requests.length > SIM_BATCH_MAX)
      return bad(`Number of batch requests ${requests.length} exceeds the maximum limit of ${SIM_BATCH_MAX}.`);
    const ids = new Set<string>();
    for (const r of requests as Json[]) {
      const id = r && typeof r === 'object' ? r.id : undefined;
      if (typeof id !== 'string' || id === '') return bad('Batch request id is missing or is not a string.');
      if (ids.has(id)) return bad(`Batch request ids must be unique: '${id}' is repeated.`);
      ids.add(id);
      if (typeof r.method !== 'string' || typeof r.url !== 'string')
        return bad(`Batch request '${id}' has no method or url.`);
      if (/^https?:/i.test(r.url)) return bad(`Batch request '${id}': url must be relative, e.g. /users.`);
      // Graph runs writes in a batch too; this simulator serves reads only (the collector's look-ups), so that a
      // $batch in its request log is never a write (the fix and write-back tests count writes by method).
      if (String(r.method).toUpperCase() !== 'GET')
        return bad(`Batch request '${id}': this simulator serves GET requests in a batch only.`);
    }
    const origin = new URL(c.req.url).origin;
    const authorization = c.req.header('authorization') ?? '';
    const responses = await Promise.all(
      (requests as Json[]).map(async (r) => {
        const id = r.id as string;
        const method = String(r.method).toUpperCase();
        const rel = `/${String(r.url).replace(/^\/+/, '')}`;
        const pathAndQuery = `/v1.0${rel}`;
        const d = faults?.decide(method, pathAndQuery);
        if (d && (d.kind === '429' || d.kind === '503')) {
          const status = Number(d.kind);
          return {
            id,
            status,
            headers: {
              'Content-Type': 'application/json',
              ...(d.retryAfter != null ? { 'Retry-After': d.retryAfter } : {}),
            },
            body: errorBody(
              status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
              status === 429 ? 'Too many requests.' : 'The service is temporarily unavailable.',
            ),
          };
        }
        if (d?.kind === 'status') {
          const status = d.status!;
          return { id, status, headers: { 'Content-Type': 'application/json' }, body: errorBody('Error', 'Injected.') };
        }
        const headers: Record<string, string> = { authorization };
        const itemHeaders = r.headers;
        if (itemHeaders && typeof itemHeaders === 'object')
          for (const [k, v] of Object.entries(itemHeaders as Json)) headers[k.toLowerCase()] = String(v);
        const res = await app.fetch(new Request(`${origin}${pathAndQuery}`, { method, headers }));
        const text = await res.text();
        let body: unknown = null;
        if (text) {
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
        }
        const out: Record<string, string> = {};
        const type = res.headers.get('content-type');
        if (type) out['Content-Type'] = type;
        return { id, status: res.status, headers: out, ...(res.status === 204 ? {} : { body }) };
      }),
    );
    return c.json({ responses: responses.reverse() });
  });
}
