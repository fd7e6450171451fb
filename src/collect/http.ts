/**
 * The one HTTP layer of the collectors: an injectable fetch, capped retries of 429/502/503/504, timeouts,
 * connection resets and truncated bodies; `Retry-After` in seconds or as an HTTP-date, else full-jitter capped
 * exponential backoff; a retry budget per dataset; every request and retry counted. Bodies are returned as the
 * exact text received, so that the snapshot can hold them byte for byte.
 */
import { redact } from '../redact.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpOptions {
  fetch?: FetchLike;
  /** Attempts per request, the first included (default 6). */
  maxAttempts?: number;
  /** Base of the exponential backoff (default 500 ms). */
  baseDelayMs?: number;
  /** Cap of one backoff delay (default 30 s). */
  maxDelayMs?: number;
  /** A longer Retry-After than this fails the request instead of waiting (default 120 s). */
  maxRetryAfterMs?: number;
  /** Per-attempt timeout, headers and body included (default 60 s). */
  timeoutMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** How many retries one dataset may spend, whatever the number of its requests. */
export class RetryBudget {
  spent = 0;
  constructor(readonly limit: number) {}
  get exhausted(): boolean {
    return this.spent >= this.limit;
  }
}

export interface HttpStats {
  requests: number;
  /** Bytes of the response bodies received (as text, UTF-8), retries included. */
  bytes: number;
  retries: number;
  /** Retries by reason: `429`, `503`, `reset`, `timeout`, `truncated`… */
  reasons: Record<string, number>;
  /** Bytes received by URL path (no query; ids, GUIDs and numbers as `{id}`): where a collection's bytes went. */
  bytesByPath: Record<string, number>;
}

/** A URL's path with its ids as `{id}` (`/v1.0/groups/{id}/transitiveMembers`), for HttpStats.bytesByPath. */
export function pathShape(url: string): string {
  let p: string;
  try {
    p = new URL(url).pathname;
  } catch {
    return '?';
  }
  return p
    .split('/')
    .map((seg) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(seg) || /^\d+$/.test(seg) ? '{id}' : seg,
    )
    .join('/');
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it was JSON. */
  json: unknown;
  url: string;
}

/** A response the caller must interpret (4xx and 5xx that are not retried, or still failing after retries). */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly text: string,
    readonly json: unknown,
    readonly attempts: number,
  ) {
    super(`HTTP ${status} from ${safeUrl(url)}`);
    this.name = 'HttpStatusError';
  }
}

/** The request never produced a usable response (resets, timeouts, truncated bodies) after its retries. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly attempts: number,
    /** `tls`: the server's certificate was refused (not retried). */
    readonly kind: string = 'network',
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** Node's (OpenSSL's) codes of a server certificate that is not trusted or not valid for the host. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The TLS certificate problem behind a fetch failure (undici puts it in `cause`), or null. */
export function tlsProblem(err: unknown): { code: string; message: string } | null {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (typeof e.code === 'string' && TLS_CODES.has(e.code))
      return { code: e.code, message: typeof e.message === 'string' ? e.message : '' };
    e = e.cause as typeof e;
  }
  return null;
}

/** One line for a refused server certificate: what, where, and the usual cure (TLS inspection by a proxy). */
export function tlsMessage(problem: { code: string; message: string }, url: string): string {
  return (
    `TLS certificate of ${safeUrl(url)} not trusted (${problem.code}${problem.message ? `: ${problem.message}` : ''}); ` +
    'if your network inspects TLS (a corporate proxy or security appliance), set NODE_EXTRA_CA_CERTS to a PEM file ' +
    "holding that proxy's root certificate"
  );
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);

/** Parses Retry-After: delta-seconds or an HTTP-date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value == null || value.trim() === '') return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - now);
}

/** The URL without its query string values that could carry a secret (they never do, but logs stay safe). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return redact(`${u.origin}${u.pathname}`);
  } catch {
    return '(url)';
  }
}

export class Http {
  readonly stats: HttpStats = { requests: 0, bytes: 0, retries: 0, reasons: {}, bytesByPath: {} };
  private readonly fetchFn: FetchLike;
  private readonly o: Required<Omit<HttpOptions, 'fetch'>>;
  /** Called on every retry (for the progress display). */
  onRetry: ((reason: string) => void) | null = null;

  constructor(options: HttpOptions = {}) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.o = {
      maxAttempts: options.maxAttempts ?? 6,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
      timeoutMs: options.timeoutMs ?? 60_000,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    };
  }

  /** Waits `ms` with the configured sleep (callers that retry parts of a response themselves, e.g. batch items). */
  pause(ms: number): Promise<void> {
    return this.o.sleep(ms);
  }

  /** The longest Retry-After honoured; a longer one fails the request. */
  get maxRetryAfterMs(): number {
    return this.o.maxRetryAfterMs;
  }

  /** Attempts per request, the first included. */
  get maxAttempts(): number {
    return this.o.maxAttempts;
  }

  /** Full-jitter capped exponential backoff for the given retry number (1-based). */
  backoff(retry: number): number {
    const cap = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (retry - 1));
    return Math.floor(this.o.random() * cap);
  }

  /**
   * Sends a request with retries. Resolves with the response for 2xx; throws HttpStatusError for other statuses
   * (after retrying the retryable ones) and TransportError when no usable response came.
   */
  async request(
    url: string,
    init: {
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      budget?: RetryBudget;
      expectJson?: boolean;
    } = {},
  ): Promise<HttpResponse> {
    const method = init.method ?? 'GET';
    let attempt = 0;
    for (;;) {
      attempt++;
      this.stats.requests++;
      let reason: string;
      let wait: number | null = null;
      let lastStatus: { status: number; text: string; json: unknown } | null = null;
      try {
        const signal = AbortSignal.timeout(this.o.timeoutMs);
        const reqInit: RequestInit = { method, signal };
        if (init.headers) reqInit.headers = init.headers;
        if (init.body !== undefined) reqInit.body = init.body;
        const res = await this.fetchFn(url, reqInit);
        const text = await res.text();
        const size = Buffer.byteLength(text);
        this.stats.bytes += size;
        const shape = pathShape(url);
        this.stats.bytesByPath[shape] = (this.stats.bytesByPath[shape] ?? 0) + size;
        let json: unknown;
        const isJson = /json/i.test(res.headers.get('content-type') ?? '') || init.expectJson;
        let truncated = false;
        if (text.length > 0 && isJson) {
          try {
            json = JSON.parse(text);
          } catch {
            truncated = true;
          }
        }
        if (res.ok && !truncated) return { status: res.status, headers: res.headers, text, json, url };
        if (res.ok && truncated) {
          reason = 'truncated';
        } else if (RETRY_STATUS.has(res.status)) {
          reason = String(res.status);
          wait = parseRetryAfter(res.headers.get('retry-after'));
          lastStatus = { status: res.status, text, json };
        } else {
          throw new HttpStatusError(res.status, url, text, json, attempt);
        }
      } catch (err) {
        if (err instanceof HttpStatusError) throw err;
        // A certificate that is not trusted stays so: never retried.
        const tls = tlsProblem(err);
        if (tls) throw new TransportError(tlsMessage(tls, url), url, attempt, 'tls');
        const e = err as Error & { cause?: { code?: string } };
        reason =
          e.name === 'TimeoutError' || e.name === 'AbortError'
            ? 'timeout'
            : /terminated|other side closed|ECONNRESET|socket|UND_ERR/i.test(`${e.message} ${e.cause?.code ?? ''}`)
              ? 'reset'
              : 'network';
        if (reason === 'network' && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(`${e.cause?.code ?? ''} ${e.message}`)) {
          // The server is not there: retrying soon will not help much, but a few attempts cover a restart.
          reason = 'refused';
        }
      }
      const budgetLeft = !init.budget?.exhausted;
      if (attempt >= this.o.maxAttempts || !budgetLeft || (wait != null && wait > this.o.maxRetryAfterMs)) {
        if (lastStatus) throw new HttpStatusError(lastStatus.status, url, lastStatus.text, lastStatus.json, attempt);
        throw new TransportError(
          `${describeReason(reason)} after ${attempt} attempt${attempt > 1 ? 's' : ''}${budgetLeft ? '' : ' (retry budget spent)'}`,
          url,
          attempt,
        );
      }
      if (init.budget) init.budget.spent++;
      this.stats.retries++;
      this.stats.reasons[reason] = (this.stats.reasons[reason] ?? 0) + 1;
      this.onRetry?.(reason);
      await this.o.sleep(wait ?? this.backoff(attempt));
    }
  }
}

function describeReason(reason: string): string {
  switch (reason) {
    case 'reset':
      return 'connection reset';
    case 'timeout':
      return 'timed out';
    case 'truncated':
      return 'truncated response body';
    case 'refused':
      return 'connection refused';
    default:
      return /^\d+$/.test(reason) ? `HTTP ${reason}` : 'network error';
  }
}

/** A limiter of concurrent work (at most `n` at once), FIFO. */
export function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: Array<() => void> = [];
  const next = (): void => {
    if (active >= n) return;
    const run = queue.shift();
    if (run) {
      active++;
      run();
    }
  };
  return <T>(fn: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        fn()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}
