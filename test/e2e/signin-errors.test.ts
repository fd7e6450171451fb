import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_GRAPH_ROLES, generateTenant, type Simulator, startSimulator } from '../../sim/index.js';
import { CLOUDS, type CloudName, GraphAuth } from '../../src/collect/graph/auth.js';
import { Http } from '../../src/collect/http.js';
import { ROOT } from '../cli.js';

/**
 * Sign-in and network errors name their real cause (issue 14 item 12), and every cloud's sign-in goes where
 * JIDOCTOR_LOGIN_URL says, whatever alias MSAL swaps the authority host for. Only 127.0.0.1 is ever contacted: the
 * fetch below refuses any other host and records it.
 */
let sim: Simulator;
beforeAll(async () => {
  const { tenant } = generateTenant({ seed: 2, macs: 4, mode: 'legacy' });
  sim = await startSimulator({ tenant, graphRoles: ALL_GRAPH_ROLES });
});
afterAll(async () => {
  await sim?.close();
});

function localOnly(): { http: Http; urls: string[]; elsewhere: string[] } {
  const urls: string[] = [];
  const elsewhere: string[] = [];
  const http = new Http({
    baseDelayMs: 1,
    maxDelayMs: 2,
    timeoutMs: 5000,
    fetch: (input, init) => {
      urls.push(input);
      if (new URL(input).hostname !== '127.0.0.1') {
        elsewhere.push(input);
        return Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }));
      }
      return fetch(input, init);
    },
  });
  return { http, urls, elsewhere };
}

const cfg = (cloud: CloudName, loginBaseUrl: string) => ({
  tenantId: sim.credentials.tenantId,
  clientId: sim.credentials.clientId,
  clientSecret: sim.credentials.clientSecret,
  cloud,
  loginBaseUrl,
});

describe('JIDOCTOR_LOGIN_URL reroutes the sign-in of every cloud', () => {
  for (const cloud of Object.keys(CLOUDS) as CloudName[]) {
    it(`${cloud}: every sign-in request goes to the login URL`, async () => {
      const { http, urls, elsewhere } = localOnly();
      const auth = new GraphAuth(cfg(cloud, sim.loginUrl), http);
      const t = await auth.token().catch((e: Error) => e);
      expect(elsewhere).toEqual([]);
      expect(urls.length).toBeGreaterThan(0);
      expect(t).not.toBeInstanceOf(Error);
    });
  }
});

async function closedPort(): Promise<number> {
  const s: Server = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('sign-in failures name their cause', () => {
  it('a network failure during the sign-in is a network error, not a credential to check', async () => {
    const port = await closedPort();
    const auth = new GraphAuth(cfg('public', `http://127.0.0.1:${port}`), localOnly().http);
    const err = (await auth.token().catch((e: Error) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/connection refused/);
    expect(err.message).not.toMatch(/AZURE_CLIENT_SECRET|AZURE_CLIENT_ID|AZURE_TENANT_ID/);
  });

  it('a TLS certificate the system does not trust is named, with the NODE_EXTRA_CA_CERTS hint, and is not retried', async () => {
    const dir = join(ROOT, 'test', 'fixtures', 'tls');
    let connections = 0;
    const server = createHttpsServer(
      { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) },
      (_req, res) => res.end('{}'),
    );
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const auth = new GraphAuth(cfg('public', `https://127.0.0.1:${port}`), localOnly().http);
      const err = (await auth.token().catch((e: Error) => e)) as Error;
      expect(err.message).toMatch(/TLS certificate/);
      expect(err.message).toMatch(/self-signed|not trusted|SELF_SIGNED/i);
      expect(err.message).toMatch(/NODE_EXTRA_CA_CERTS/);
      expect(err.message).not.toMatch(/AZURE_CLIENT_SECRET/);
      expect(connections).toBe(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('Http: a TLS error on a data request is not retried and says so', async () => {
    const dir = join(ROOT, 'test', 'fixtures', 'tls');
    let connections = 0;
    const server = createHttpsServer(
      { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) },
      (_req, res) => res.end('{}'),
    );
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const http = new Http({ baseDelayMs: 1, maxDelayMs: 2 });
      const err = (await http.request(`https://127.0.0.1:${port}/v1.0/users`).catch((e: Error) => e)) as Error;
      expect(err.message).toMatch(/TLS certificate .*NODE_EXTRA_CA_CERTS/);
      expect(connections).toBe(1);
      expect(http.stats.retries).toBe(0);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
