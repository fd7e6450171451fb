import { tlsMessage, tlsProblem } from '../collect/http.js';
import { SourceError } from '../errors.js';
import type { RemediationClient } from './apply.js';
import type { ApiCall, TargetRecord } from './types.js';

export interface HttpClientOptions {
  /** e.g. https://graph.microsoft.com/v1.0 */
  graphBase: string;
  /** e.g. https://contoso.jamfcloud.com */
  jamfBase: string | null;
  graphToken: () => Promise<string>;
  jamfToken: (() => Promise<string>) | null;
  identity: string;
  /** Attempts per request for 429/502/503/504 and network errors (default 5). */
  attempts?: number;
  /** Base back-off in ms when there is no Retry-After (default 1000; tests use a few ms). */
  backoffMs?: number;
  /** Longest wait honoured from Retry-After, in ms (default 60 000). */
  maxWaitMs?: number;
  fetch?: typeof fetch;
}

const RETRY = new Set([429, 502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Graph and Jamf Pro API calls for --apply, with retries on throttling that honour Retry-After. */
export class HttpRemediationClient implements RemediationClient {
  readonly identity: string;
  constructor(private readonly o: HttpClientOptions) {
    this.identity = o.identity;
  }

  /** One API call with the client's retries (429/502/503/504 and network errors, Retry-After honoured). */
  async request(api: 'graph' | 'jamf', method: string, path: string, body?: unknown): Promise<Response> {
    const base = api === 'graph' ? this.o.graphBase : this.o.jamfBase;
    const token = api === 'graph' ? this.o.graphToken : this.o.jamfToken;
    if (!base || !token) throw new SourceError(`${api}: not configured for --apply (no URL or credentials)`);
    const url = `${base.replace(/\/$/, '')}${path}`;
    const attempts = this.o.attempts ?? 5;
    const f = this.o.fetch ?? fetch;
    let last = '';
    for (let i = 1; i <= attempts; i++) {
      let res: Response;
      try {
        const init: RequestInit = {
          method,
          headers: {
            authorization: `Bearer ${await token()}`,
            accept: 'application/json',
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
        };
        if (body) init.body = JSON.stringify(body);
        res = await f(url, init);
      } catch (err) {
        // A certificate that is not trusted (TLS inspection) stays so: named at once, never retried.
        const tls = tlsProblem(err);
        if (tls) throw new SourceError(`${method} ${path}: ${tlsMessage(tls, url)}`);
        last = `network error (${(err as Error).message})`;
        if (i < attempts) await sleep((this.o.backoffMs ?? 1000) * 2 ** (i - 1));
        continue;
      }
      if (!RETRY.has(res.status)) return res;
      last = `HTTP ${res.status}`;
      await res.arrayBuffer().catch(() => undefined);
      if (i < attempts) await sleep(this.waitFor(res, i));
    }
    throw new SourceError(`${method} ${path}: ${last} after ${attempts} attempts`);
  }

  private waitFor(res: Response, attempt: number): number {
    const max = this.o.maxWaitMs ?? 60_000;
    const h = res.headers.get('retry-after');
    if (h) {
      const secs = Number(h);
      if (Number.isFinite(secs)) return Math.min(max, Math.max(0, secs * 1000));
      const at = Date.parse(h);
      if (Number.isFinite(at)) return Math.min(max, Math.max(0, at - Date.now()));
    }
    return Math.min(max, (this.o.backoffMs ?? 1000) * 2 ** (attempt - 1));
  }

  async read(target: TargetRecord): Promise<Record<string, unknown> | null> {
    const { kind } = target;
    const e = encodeURIComponent(target.id);
    const [api, path] =
      kind === 'intune'
        ? (['graph', `/deviceManagement/managedDevices/${e}`] as const)
        : kind === 'entra'
          ? (['graph', `/devices/${e}`] as const)
          : ([
              'jamf',
              `/api/v${target.apiVersion ?? 1}/computers-inventory/${e}?section=GENERAL&section=HARDWARE`,
            ] as const);
    const res = await this.request(api, 'GET', path);
    if (res.status === 404) {
      await res.arrayBuffer().catch(() => undefined);
      return null;
    }
    if (!res.ok) throw new SourceError(`GET ${path}: HTTP ${res.status}`);
    const json = (await res.json()) as unknown;
    if (!json || typeof json !== 'object' || Array.isArray(json))
      throw new SourceError(`GET ${path}: expected a JSON object`);
    return json as Record<string, unknown>;
  }

  async send(call: ApiCall): Promise<{ status: number }> {
    const res = await this.request(call.api, call.method, call.path, call.body);
    await res.arrayBuffer().catch(() => undefined);
    if (res.status === 404 && call.method === 'DELETE') return { status: 404 };
    if (!res.ok) throw new SourceError(`${call.method} ${call.path}: HTTP ${res.status}`);
    return { status: res.status };
  }
}
