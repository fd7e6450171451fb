import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A local 127.0.0.1 fake of the few Graph and Jamf Pro API calls `fix --apply` makes, backed by a snapshot folder
 * on disk: a DELETE removes the record from the snapshot's file, a PATCH merges into it. A fresh `diagnose` of the
 * folder then sees the tenant as the fake left it. Speaks only the public wire shapes; knows nothing of the checks.
 */
export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  times: number;
  retryAfter?: string;
  /** Apply the write anyway before answering with the fault (a lost response). */
  applyFirst?: boolean;
}

export interface FakeTenant {
  url: string;
  graphUrl: string;
  requests: Array<{ method: string; path: string; status: number }>;
  faults: Fault[];
  /** Changes a record behind jidoctor's back (as a sync would). */
  touch(kind: 'intune' | 'entra', id: string, fields: Record<string, unknown>): void;
  close(): Promise<void>;
}

const TOKEN = 'Bearer test-token-0123456789';
export const FAKE_TOKEN = 'test-token-0123456789';

interface Collection {
  file: string;
  key: 'value' | 'results';
}

function collections(dir: string, kind: 'intune' | 'entra' | 'jamf'): Collection[] {
  if (kind === 'intune') return [{ file: join(dir, 'graph/v1.0/deviceManagement/managedDevices.json'), key: 'value' }];
  if (kind === 'entra') return [{ file: join(dir, 'graph/v1.0/devices.json'), key: 'value' }];
  const out: Collection[] = [];
  for (const v of ['v1', 'v2', 'v3', 'v4']) {
    const base = join(dir, `jamf/api/${v}/computers-inventory`);
    try {
      for (const f of readdirSync(base)) if (f.endsWith('.json')) out.push({ file: join(base, f), key: 'results' });
    } catch {
      try {
        readFileSync(`${base}.json`);
        out.push({ file: `${base}.json`, key: 'results' });
      } catch {
        /* none */
      }
    }
  }
  return out;
}

type Page = Record<string, Array<Record<string, unknown>>>;

/** A record in a collection file: one page object, or an array of pages (both storage forms of a snapshot). */
function find(dir: string, kind: 'intune' | 'entra' | 'jamf', id: string) {
  for (const c of collections(dir, kind)) {
    const doc = JSON.parse(readFileSync(c.file, 'utf8')) as Page | Page[];
    for (const page of Array.isArray(doc) ? doc : [doc]) {
      const list = page[c.key] ?? [];
      const i = list.findIndex((r) => String(r.id) === id);
      if (i >= 0) return { c, doc, list, i };
    }
  }
  return null;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (d) => {
      s += d;
    });
    req.on('end', () => resolve(s));
  });
}

export async function startFakeTenant(dir: string): Promise<FakeTenant> {
  const requests: FakeTenant['requests'] = [];
  const faults: Fault[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const text = await body(req);
    const answer = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      requests.push({ method, path: url.pathname, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(json === undefined ? '' : JSON.stringify(json));
    };
    if (req.headers.authorization !== TOKEN) return answer(401, { error: { code: 'InvalidAuthenticationToken' } });

    let kind: 'intune' | 'entra' | 'jamf' | null = null;
    let id = '';
    let m = /^\/v1\.0\/deviceManagement\/managedDevices\/([^/]+)$/.exec(url.pathname);
    if (m) [kind, id] = ['intune', decodeURIComponent(m[1]!)];
    m = /^\/v1\.0\/devices\/([^/]+)$/.exec(url.pathname);
    if (m) [kind, id] = ['entra', decodeURIComponent(m[1]!)];
    m = /^\/api\/v[1-4]\/computers-inventory\/([^/]+)$/.exec(url.pathname);
    if (m) [kind, id] = ['jamf', decodeURIComponent(m[1]!)];
    if (!kind) return answer(404, { error: { code: 'ResourceNotFound' } });

    const doWrite = (): number => {
      const hit = find(dir, kind!, id);
      if (!hit) return 404;
      if (method === 'DELETE') hit.list.splice(hit.i, 1);
      else if (method === 'PATCH') Object.assign(hit.list[hit.i]!, JSON.parse(text || '{}'));
      writeFileSync(hit.c.file, JSON.stringify(hit.doc, null, 2));
      return 204;
    };

    const fault = faults.find((f) => f.times > 0 && f.method === method && f.path.test(url.pathname));
    if (fault) {
      fault.times--;
      if (fault.applyFirst && method !== 'GET') doWrite();
      return answer(
        fault.status,
        { error: { code: 'TooManyRequests' } },
        fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
      );
    }
    if (method === 'GET') {
      const hit = find(dir, kind, id);
      return hit ? answer(200, hit.list[hit.i]) : answer(404, { error: { code: 'ResourceNotFound' } });
    }
    if (method === 'DELETE' || method === 'PATCH') {
      const status = doWrite();
      return status === 404 ? answer(404, { error: { code: 'ResourceNotFound' } }) : answer(204);
    }
    return answer(405, { error: { code: 'MethodNotAllowed' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    graphUrl: `${url}/v1.0`,
    requests,
    faults,
    touch(kind, id, fields) {
      const hit = find(dir, kind, id);
      if (!hit) throw new Error(`no ${kind} ${id}`);
      Object.assign(hit.list[hit.i]!, fields);
      writeFileSync(hit.c.file, JSON.stringify(hit.doc, null, 2));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
