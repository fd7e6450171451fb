/**
 * Runs the simulated tenant as two real HTTP servers on 127.0.0.1 with random ports: Entra ID + Microsoft Graph,
 * and Jamf Pro. Faults (sim/faults.ts) are applied in front of the Hono apps: latency, 429 with Retry-After, 503,
 * connection resets and truncated bodies. Every request is counted and logged (without headers or bodies).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { TokenMint } from './auth.js';
import { type FaultDecision, FaultInjector, type FaultPlan } from './faults.js';
import { type GraphClient, graphApp } from './graph/app.js';
import { type JamfClient, jamfApp } from './jamf/app.js';
import type { SimTenant } from './tenant.js';

export interface RequestLogEntry {
  service: 'graph' | 'jamf';
  method: string;
  path: string;
  status: number;
  fault: string | null;
  /** Set when a held response (FaultRule.holdMs) was handled and waits to be sent. */
  handled?: boolean;
}

/** Every Graph application permission the collector may use (a scenario may grant fewer). */
export const ALL_GRAPH_ROLES = [
  'DeviceManagementManagedDevices.Read.All',
  'Device.Read.All',
  'DeviceManagementServiceConfig.Read.All',
  'DeviceManagementConfiguration.Read.All',
  'GroupMember.Read.All',
  'Application.Read.All',
  'Directory.Read.All',
  'User.Read.All',
  'Organization.Read.All',
  'Policy.Read.All',
];
export const ALL_JAMF_PRIVILEGES = [
  'Read Computers',
  'Read Computer Check-In',
  'Read Device Compliance Information',
  'Read macOS Configuration Profiles',
];

export interface SimulatorOptions {
  tenant: SimTenant;
  faults?: FaultPlan;
  /** Graph permissions granted to the app (default: all the collector uses). */
  graphRoles?: string[];
  /** Jamf privileges granted to the API client and the user (default: all the collector uses). */
  jamfPrivileges?: string[];
  /** Lifetime of Jamf tokens (seconds); short ones make the collector renew them. */
  jamfTokenSeconds?: number;
  /** Graph collections that answer 400 to any `$filter` (e.g. `['devices']`), to test the fallback. */
  graphRefuseFilters?: readonly string[];
  /** Graph collections that answer 400 to an `in (…)` filter clause (e.g. `['devices']`), to test the fallback. */
  graphRefuseIn?: readonly string[];
  /** Graph answers 400 to advanced queries (`ConsistencyLevel: eventual`) with a `$filter`. */
  graphRefuseAdvancedQueries?: boolean;
  /** Largest age of a Graph delta token (ms) before it is refused as expired (default seven days). */
  graphDeltaMaxAgeMs?: number;
  /** Largest Jamf inventory page served, whatever `page-size` asks (default: as asked, up to 2000). */
  jamfMaxPageSize?: number;
  /** Also register a certificate credential for the Entra app (returns the PEM of certificate + key). */
  certificatePem?: { certificate: string; privateKey: string; publicKey: string };
}

export interface SimulatorCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  jamfClientId: string;
  jamfClientSecret: string;
  jamfUsername: string;
  jamfPassword: string;
}

export interface Simulator {
  graphUrl: string;
  jamfUrl: string;
  /** Where the token endpoint is served (same server as Graph). */
  loginUrl: string;
  credentials: SimulatorCredentials;
  tenant: SimTenant;
  log: RequestLogEntry[];
  faults: { graph: FaultInjector; jamf: FaultInjector };
  /** Every token the simulator handed out. */
  issuedTokens: () => readonly string[];
  /** Highest number of Jamf requests in flight at once. */
  jamfMaxInFlight: () => number;
  close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const mint = new TokenMint();
  const secret = (): string => randomBytes(24).toString('base64url');
  const credentials: SimulatorCredentials = {
    tenantId: opts.tenant.tenantId,
    clientId: '11111111-2222-4333-8444-555555555555',
    clientSecret: `sim~${secret()}`,
    jamfClientId: 'a1b2c3d4-jidoctor-reader',
    jamfClientSecret: `jsim-${secret()}`,
    jamfUsername: 'jidoctor-reader',
    jamfPassword: `pw-${secret()}`,
  };
  const graphClient: GraphClient = {
    clientId: credentials.clientId,
    secret: credentials.clientSecret,
    roles: opts.graphRoles ?? ALL_GRAPH_ROLES,
  };
  if (opts.certificatePem) graphClient.certificatePublicKey = opts.certificatePem.publicKey;
  const privileges = opts.jamfPrivileges ?? ALL_JAMF_PRIVILEGES;
  const jamfClients: JamfClient[] = [
    { kind: 'oauth', id: credentials.jamfClientId, secret: credentials.jamfClientSecret, privileges },
    { kind: 'user', id: credentials.jamfUsername, secret: credentials.jamfPassword, privileges },
  ];
  const log: RequestLogEntry[] = [];
  const graphFaults = new FaultInjector(opts.faults ?? { seed: 0, rules: [] });
  const jamfFaults = new FaultInjector(opts.faults ?? { seed: 0, rules: [] });
  let graphBase = '';
  const gApp = graphApp({
    tenant: opts.tenant,
    clients: [graphClient],
    mint,
    baseUrl: () => graphBase,
    batchFaults: graphFaults,
    ...(opts.graphRefuseAdvancedQueries ? { refuseAdvancedQueries: true } : {}),
    ...(opts.graphRefuseFilters ? { refuseFilters: opts.graphRefuseFilters } : {}),
    ...(opts.graphRefuseIn ? { refuseIn: opts.graphRefuseIn } : {}),
    ...(opts.graphDeltaMaxAgeMs != null ? { deltaMaxAgeMs: opts.graphDeltaMaxAgeMs } : {}),
  });
  const jApp = jamfApp({
    tenant: opts.tenant,
    clients: jamfClients,
    mint,
    ...(opts.jamfTokenSeconds ? { tokenSeconds: opts.jamfTokenSeconds } : {}),
    ...(opts.jamfMaxPageSize ? { maxPageSize: opts.jamfMaxPageSize } : {}),
  });
  let inFlight = 0;
  let maxInFlight = 0;
  const graph = await listen(gApp, 'graph', graphFaults, log, () => undefined);
  const jamf = await listen(jApp, 'jamf', jamfFaults, log, (d) => {
    inFlight += d;
    maxInFlight = Math.max(maxInFlight, inFlight);
  });
  graphBase = graph.url;
  return {
    graphUrl: graph.url,
    jamfUrl: jamf.url,
    loginUrl: graph.url,
    credentials,
    tenant: opts.tenant,
    log,
    faults: { graph: graphFaults, jamf: jamfFaults },
    jamfMaxInFlight: () => maxInFlight,
    issuedTokens: () => mint.issued,
    async close() {
      await Promise.all([graph.close(), jamf.close()]);
    },
  };
}

async function listen(
  app: Hono,
  service: 'graph' | 'jamf',
  faults: FaultInjector,
  log: RequestLogEntry[],
  track: (delta: number) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const honoListener = getRequestListener(app.fetch);
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    track(1);
    res.on('close', () => track(-1));
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    const d = faults.decide(req.method ?? 'GET', url);
    const entry: RequestLogEntry = { service, method: req.method ?? 'GET', path, status: 0, fault: null };
    log.push(entry);
    const go = (): void => {
      if (d.kind) entry.fault = d.kind === 'status' ? String(d.status) : d.kind;
      applyFault(d, req, res, entry, app, service, honoListener);
    };
    if (d.latencyMs > 0) setTimeout(go, d.latencyMs);
    else go();
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function applyFault(
  d: FaultDecision,
  req: IncomingMessage,
  res: ServerResponse,
  entry: RequestLogEntry,
  app: Hono,
  service: 'graph' | 'jamf',
  honoListener: (req: IncomingMessage, res: ServerResponse) => unknown,
): void {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    entry.status = status;
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };
  switch (d.kind) {
    case null:
      res.on('finish', () => {
        entry.status = res.statusCode;
      });
      if (d.holdMs) {
        // The request is handled now; its response (headers go with the end) leaves only after the hold.
        const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
        res.end = ((...args: unknown[]) => {
          entry.handled = true;
          setTimeout(() => end(...args), d.holdMs);
          return res;
        }) as typeof res.end;
      }
      void honoListener(req, res);
      return;
    case 'reset':
      entry.status = -1;
      req.socket.destroy();
      return;
    case '429':
    case '503': {
      const status = Number(d.kind);
      const headers: Record<string, string> = d.retryAfter != null ? { 'retry-after': d.retryAfter } : {};
      if (service === 'graph') {
        json(
          status,
          {
            error: {
              code: status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
              message: status === 429 ? 'Too many requests.' : 'The service is temporarily unavailable.',
              innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': randomBytes(8).toString('hex') },
            },
          },
          headers,
        );
      } else {
        json(
          status,
          {
            httpStatus: status,
            errors: [{ code: 'SERVICE_UNAVAILABLE', description: 'Service Unavailable', id: '0', field: null }],
          },
          headers,
        );
      }
      return;
    }
    case 'status': {
      const status = d.status!;
      if (service === 'graph') {
        json(status, {
          error: {
            code:
              status === 401
                ? 'InvalidAuthenticationToken'
                : status === 403
                  ? 'Authorization_RequestDenied'
                  : 'UnknownError',
            message: status === 403 ? 'Insufficient privileges to complete the operation.' : 'Error',
            innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': randomBytes(8).toString('hex') },
          },
        });
      } else {
        json(status, { httpStatus: status, errors: [] });
      }
      return;
    }
    case 'truncate': {
      // Answer normally, but cut the body in the middle and drop the connection.
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const url = `http://${req.headers.host}${req.url}`;
        const init: RequestInit = { method: req.method ?? 'GET', headers: req.headers as Record<string, string> };
        if (chunks.length) init.body = Buffer.concat(chunks);
        const r = await app.fetch(new Request(url, init));
        const body = Buffer.from(await r.arrayBuffer());
        entry.status = r.status;
        res.writeHead(r.status, {
          'content-type': r.headers.get('content-type') ?? 'application/json',
          'content-length': body.length,
        });
        res.write(body.subarray(0, Math.floor(body.length / 2)));
        setImmediate(() => req.socket.destroy());
      })();
      return;
    }
  }
}

/** Generates an RSA key pair and a self-signed certificate with openssl-free node crypto is not possible; tests
 * that need a certificate create one with `openssl` (see test/e2e). This helper only makes the key pair. */
export function rsaKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
