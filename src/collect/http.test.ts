import { describe, expect, it } from 'vitest';
import { Http, HttpStatusError, limiter, parseRetryAfter, pathShape, RetryBudget, TransportError } from './http.js';

function scripted(responses: Array<() => Response | Promise<Response>>) {
  let i = 0;
  return async () => {
    const r = responses[Math.min(i, responses.length - 1)]!;
    i++;
    return r();
  };
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('Http', () => {
  it('honours Retry-After in seconds and as an HTTP-date', async () => {
    const sleeps: number[] = [];
    const now = Date.now();
    const http = new Http({
      fetch: scripted([
        () => json(429, {}, { 'retry-after': '7' }),
        () => json(503, {}, { 'retry-after': new Date(now + 120_000).toUTCString() }),
        () => json(200, { value: [] }),
      ]),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    const r = await http.request('https://graph.example/v1.0/devices');
    expect(r.status).toBe(200);
    expect(sleeps[0]).toBe(7000);
    expect(sleeps[1]).toBeGreaterThan(110_000);
    expect(sleeps[1]).toBeLessThanOrEqual(120_000);
    expect(http.stats).toMatchObject({ requests: 3, retries: 2, reasons: { '429': 1, '503': 1 } });
  });

  it('without Retry-After: full-jitter exponential backoff, capped', async () => {
    const sleeps: number[] = [];
    const http = new Http({
      fetch: scripted([
        () => json(503, {}),
        () => json(503, {}),
        () => json(503, {}),
        () => json(503, {}),
        () => json(200, {}),
      ]),
      random: () => 0.999,
      baseDelayMs: 100,
      maxDelayMs: 300,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    await http.request('https://x.example/a');
    expect(sleeps).toEqual([99, 199, 299, 299]);
    expect(parseRetryAfter('garbage')).toBeNull();
  });

  it('retries resets and truncated JSON; gives up after the attempt cap with a TransportError', async () => {
    const http = new Http({
      fetch: scripted([
        () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })),
        () => new Response('{"value": [1, 2', { status: 200, headers: { 'content-type': 'application/json' } }),
        () => json(200, { value: [1, 2] }),
      ]),
      sleep: async () => undefined,
    });
    const r = await http.request('https://x.example/a');
    expect(r.json).toEqual({ value: [1, 2] });
    expect(http.stats.reasons).toEqual({ reset: 1, truncated: 1 });
    const failing = new Http({
      fetch: () => Promise.reject(new TypeError('terminated')),
      sleep: async () => undefined,
      maxAttempts: 3,
    });
    await expect(failing.request('https://x.example/b')).rejects.toThrow(TransportError);
    expect(failing.stats.requests).toBe(3);
  });

  it('a retry budget per dataset stops retrying; other errors are not retried', async () => {
    const budget = new RetryBudget(2);
    const http = new Http({ fetch: () => Promise.resolve(json(503, {})), sleep: async () => undefined });
    await expect(http.request('https://x.example/a', { budget })).rejects.toThrow(HttpStatusError);
    expect(http.stats.requests).toBe(3);
    await expect(http.request('https://x.example/b', { budget })).rejects.toThrow(HttpStatusError);
    expect(http.stats.requests).toBe(4);
    const h404 = new Http({ fetch: () => Promise.resolve(json(404, {})), sleep: async () => undefined });
    await expect(h404.request('https://x.example/c')).rejects.toMatchObject({ status: 404, attempts: 1 });
  });

  it('a timeout is retried', async () => {
    let calls = 0;
    const http = new Http({
      timeoutMs: 20,
      sleep: async () => undefined,
      fetch: (_u, init) => {
        calls++;
        if (calls === 1) {
          return new Promise((_, rej) => init?.signal?.addEventListener('abort', () => rej(init.signal?.reason)));
        }
        return Promise.resolve(json(200, {}));
      },
    });
    await http.request('https://x.example/a');
    expect(http.stats.reasons).toEqual({ timeout: 1 });
  });

  it('limiter runs at most n at once', async () => {
    const run = limiter(3);
    let active = 0;
    let max = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        run(async () => {
          active++;
          max = Math.max(max, active);
          await new Promise((r) => setTimeout(r, 2));
          active--;
        }),
      ),
    );
    expect(max).toBe(3);
  });
});

describe('pathShape (HttpStats.bytesByPath)', () => {
  it('keeps the path, drops the query, and writes ids, GUIDs and numbers as {id}', () => {
    expect(pathShape('https://graph.microsoft.com/v1.0/devices/delta?$deltatoken=abc')).toBe('/v1.0/devices/delta');
    expect(
      pathShape('https://graph.microsoft.com/v1.0/groups/61ac2002-d1f4-42bb-a55a-6fb62d12b899/transitiveMembers'),
    ).toBe('/v1.0/groups/{id}/transitiveMembers');
    expect(
      pathShape('https://x.jamfcloud.com/api/v1/conditional-access/device-compliance-information/computer/42'),
    ).toBe('/api/v1/conditional-access/device-compliance-information/computer/{id}');
    // Near misses stay: a name with digits, a GUID missing a group.
    expect(pathShape('https://h/api/v4/computers-inventory')).toBe('/api/v4/computers-inventory');
    expect(pathShape('https://h/v1.0/groups/61ac2002-d1f4-42bb-a55a6fb62d12b899')).toBe(
      '/v1.0/groups/61ac2002-d1f4-42bb-a55a6fb62d12b899',
    );
    expect(pathShape('not a url')).toBe('?');
  });
});
