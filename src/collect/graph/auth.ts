/**
 * Entra ID app-only authentication with @azure/msal-node: client secret or certificate (client credentials).
 * MSAL's network traffic goes through our own HTTP layer (system.networkClient): retries, counted requests, and
 * an optional login base URL (the simulator) in place of the authority host. Nothing else differs.
 */
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InputError, SourceError } from '../../errors.js';
import { registerSecret } from '../../redact.js';
import { type Http, HttpStatusError, RetryBudget, safeUrl, TransportError } from '../http.js';

/** National clouds: authority host and Microsoft Graph endpoint (shared/research/graph.md §5). */
export const CLOUDS = {
  public: { authorityHost: 'https://login.microsoftonline.com', graph: 'https://graph.microsoft.com' },
  usgov: { authorityHost: 'https://login.microsoftonline.us', graph: 'https://graph.microsoft.us' },
  usgovdod: { authorityHost: 'https://login.microsoftonline.us', graph: 'https://dod-graph.microsoft.us' },
  china: { authorityHost: 'https://login.chinacloudapi.cn', graph: 'https://microsoftgraph.chinacloudapi.cn' },
} as const;
export type CloudName = keyof typeof CLOUDS;

export interface GraphAuthConfig {
  tenantId: string;
  clientId: string;
  clientSecret?: string | undefined;
  /** PEM file holding the certificate and its private key. */
  certificatePath?: string | undefined;
  cloud: CloudName;
  /** Send the authority's traffic here instead (the simulator); the authority itself stays https. */
  loginBaseUrl?: string | undefined;
}

export interface GraphToken {
  accessToken: string;
  expiresOn: number;
  roles: string[];
}

interface MsalNetworkResponse<T> {
  headers: Record<string, string>;
  body: T;
  status: number;
}

/**
 * Every host of the Entra sign-in, in every cloud: ours (CLOUDS) and the aliases MSAL swaps them for from its
 * built-in instance discovery metadata (@azure/msal-common authority/AuthorityMetadata: e.g. the China authority
 * login.chinacloudapi.cn is sent to login.partner.microsoftonline.cn, the US Government one may use
 * login.usgovcloudapi.net). A login base URL (the simulator) must catch all of them.
 */
export const LOGIN_HOSTS: ReadonlySet<string> = new Set([
  ...Object.values(CLOUDS).map((c) => new URL(c.authorityHost).host),
  'login.microsoftonline.com',
  'login.windows.net',
  'login.microsoft.com',
  'sts.windows.net',
  'login.partner.microsoftonline.cn',
  'login.chinacloudapi.cn',
  'login.microsoftonline.de',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login-us.microsoftonline.com',
  'login.sovcloud-identity.fr',
  'login.sovcloud-identity.de',
  'login.sovcloud-identity.sg',
]);

/** Where a sign-in request goes: to the login base URL when one is set and the URL is on any Entra login host. */
export function routeLogin(url: string, loginBaseUrl: string | undefined): string {
  if (!loginBaseUrl) return url;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (!LOGIN_HOSTS.has(u.host)) return url;
  return `${loginBaseUrl.replace(/\/$/, '')}${u.pathname}${u.search}`;
}

/** MSAL's INetworkModule over our Http. MSAL replaces a transport error by its own `network_error`: the last one
 * is kept here (`lastTransportError`) so that the sign-in error names the real cause. */
function networkClient(http: Http, loginBaseUrl: string | undefined) {
  const state: { lastTransportError: TransportError | null } = { lastTransportError: null };
  const route = (url: string): string => routeLogin(url, loginBaseUrl);
  const send = async <T>(
    method: string,
    url: string,
    options?: { headers?: Record<string, string>; body?: string },
  ): Promise<MsalNetworkResponse<T>> => {
    const init: {
      method: string;
      headers?: Record<string, string>;
      body?: string;
      budget: RetryBudget;
      expectJson: boolean;
    } = {
      method,
      budget: new RetryBudget(10),
      expectJson: true,
    };
    if (options?.headers) init.headers = options.headers;
    if (options?.body !== undefined) init.body = options.body;
    try {
      const r = await http.request(route(url), init);
      return { headers: Object.fromEntries(r.headers), body: r.json as T, status: r.status };
    } catch (err) {
      if (err instanceof HttpStatusError) return { headers: {}, body: err.json as T, status: err.status };
      if (err instanceof TransportError) state.lastTransportError = err;
      throw err;
    }
  };
  return {
    state,
    sendGetRequestAsync: <T>(url: string, options?: { headers?: Record<string, string> }) =>
      send<T>('GET', url, options),
    sendPostRequestAsync: <T>(url: string, options?: { headers?: Record<string, string>; body?: string }) =>
      send<T>('POST', url, options),
  };
}

/** Reads the certificate credential: a PEM file with the certificate and a PKCS#8 or PKCS#1 private key. */
export async function readCertificate(
  path: string,
): Promise<{ thumbprintSha256: string; privateKey: string; x5c: string }> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(
      `AZURE_CLIENT_CERTIFICATE_PATH ${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'I/O error'})`,
    );
  }
  const certMatch = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  const keyMatch = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem);
  if (!certMatch || !keyMatch) {
    throw new InputError(
      `AZURE_CLIENT_CERTIFICATE_PATH ${path}: expected a PEM file with a certificate and its private key (convert a .pfx with: openssl pkcs12 -in app.pfx -nodes -out app.pem), found ${certMatch ? 'no private key' : 'no certificate'}`,
    );
  }
  let privateKey: string;
  let x509: X509Certificate;
  try {
    privateKey = createPrivateKey(keyMatch[0]).export({ type: 'pkcs8', format: 'pem' }).toString();
    x509 = new X509Certificate(certMatch[0]);
  } catch {
    throw new InputError(
      `AZURE_CLIENT_CERTIFICATE_PATH ${path}: expected a valid PEM certificate and private key, found unreadable PEM`,
    );
  }
  registerSecret(privateKey);
  registerSecret(keyMatch[0]);
  const der = x509.raw;
  return {
    thumbprintSha256: createHash('sha256').update(der).digest('hex'),
    privateKey,
    x5c: certMatch[0],
  };
}

/** Decodes the `roles` claim of an access token (no signature check: it only tells the user what to expect). */
export function rolesOf(accessToken: string): string[] {
  const part = accessToken.split('.')[1];
  if (!part) return [];
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

/** Turns an MSAL / Entra error into one line naming the credential to check. */
export function explainAuthError(err: unknown, cfg: GraphAuthConfig): SourceError {
  const e = err as { errorCode?: string; errorMessage?: string; message?: string };
  const text = `${e.errorCode ?? ''} ${e.errorMessage ?? ''} ${e.message ?? ''}`;
  const code = /AADSTS(\d+)/.exec(text)?.[1];
  const credential = cfg.certificatePath
    ? 'AZURE_CLIENT_CERTIFICATE_PATH (the certificate registered on the app)'
    : 'AZURE_CLIENT_SECRET';
  let what: string;
  switch (code) {
    case '7000215':
      what = `the client secret is not valid: check ${credential}`;
      break;
    case '7000222':
      what = `the client secret has expired: create a new one and update ${credential}`;
      break;
    case '700016':
      what = `no application with this id in the tenant: check AZURE_CLIENT_ID (and AZURE_TENANT_ID)`;
      break;
    case '90002':
    case '900023':
      what = 'tenant not found: check AZURE_TENANT_ID';
      break;
    case '700027':
    case '700024':
      what = `the certificate was refused: check ${credential}`;
      break;
    default:
      if (err instanceof TransportError && err.kind === 'tls') what = `reaching the token endpoint: ${err.message}`;
      else if (err instanceof TransportError)
        what = `${err.message} reaching the token endpoint (${safeUrl(err.url)}): check the network, a proxy and the cloud setting (AZURE_CLOUD)`;
      else
        what = `token request failed${code ? ` (AADSTS${code})` : ''}: check AZURE_TENANT_ID, AZURE_CLIENT_ID and ${credential}`;
  }
  return new SourceError(`Entra ID sign-in failed${code ? ` (AADSTS${code})` : ''}: ${what}`);
}

export class GraphAuth {
  private app: {
    acquireTokenByClientCredential(r: {
      scopes: string[];
      skipCache?: boolean;
    }): Promise<{ accessToken: string; expiresOn: Date | null } | null>;
  } | null = null;
  private current: GraphToken | null = null;
  private readonly net: ReturnType<typeof networkClient>;

  constructor(
    private readonly cfg: GraphAuthConfig,
    http: Http,
  ) {
    registerSecret(cfg.clientSecret);
    this.net = networkClient(http, cfg.loginBaseUrl);
  }

  private async client() {
    if (this.app) return this.app;
    const cloud = CLOUDS[this.cfg.cloud];
    const msal = await import('@azure/msal-node');
    const auth: Record<string, unknown> = {
      clientId: this.cfg.clientId,
      authority: `${cloud.authorityHost}/${this.cfg.tenantId}`,
    };
    if (this.cfg.certificatePath) auth.clientCertificate = await readCertificate(this.cfg.certificatePath);
    else if (this.cfg.clientSecret) auth.clientSecret = this.cfg.clientSecret;
    else throw new InputError('Entra ID: expected AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH, found neither');
    this.app = new msal.ConfidentialClientApplication({
      auth: auth as { clientId: string },
      system: {
        networkClient: this.net,
        loggerOptions: { piiLoggingEnabled: false, logLevel: msal.LogLevel.Error, loggerCallback: () => undefined },
      },
    });
    return this.app;
  }

  /** A valid token for Microsoft Graph (renewed when less than five minutes remain). */
  async token(): Promise<GraphToken> {
    if (this.current && this.current.expiresOn - Date.now() > 300_000) return this.current;
    const app = await this.client();
    const scope = `${CLOUDS[this.cfg.cloud].graph}/.default`;
    let r: { accessToken: string; expiresOn: Date | null } | null;
    this.net.state.lastTransportError = null;
    try {
      r = await app.acquireTokenByClientCredential({ scopes: [scope], skipCache: this.current != null });
    } catch (err) {
      // MSAL wraps our transport errors in its own network_error: name the real cause.
      throw explainAuthError(this.net.state.lastTransportError ?? err, this.cfg);
    }
    if (!r?.accessToken) throw new SourceError('Entra ID sign-in failed: the token endpoint returned no access token');
    registerSecret(r.accessToken);
    this.current = {
      accessToken: r.accessToken,
      expiresOn: r.expiresOn?.getTime() ?? Date.now() + 3_000_000,
      roles: rolesOf(r.accessToken),
    };
    return this.current;
  }
}
