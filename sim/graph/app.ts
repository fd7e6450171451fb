/**
 * Fake Microsoft Entra token endpoint + Microsoft Graph v1.0: the paths the collector reads and the write paths
 * remediation needs. Real paging (page sizes, opaque skiptokens, whole nextLinks), `$select`, `$top`,
 * `$expand=assignments`, real error bodies (directory 403 `Authorization_RequestDenied`, Intune 403 with a JSON
 * string inside `message`), 401 without a valid token, 403 for a permission the scenario did not grant.
 */
import {
  createHmac,
  createPublicKey,
  constants as cryptoConstants,
  randomBytes,
  verify as verifySig,
} from 'node:crypto';
import { type Context, Hono } from 'hono';
import { bearerOf, type TokenMint } from '../auth.js';
import { recordChange } from '../delta.js';
import type { FaultInjector } from '../faults.js';
import type { SimTenant } from '../tenant.js';
import { batchRoute } from './batch.js';
import { registerDelta } from './delta.js';

type Json = Record<string, unknown>;

export interface GraphClient {
  clientId: string;
  secret?: string;
  /** PEM of the certificate's public key, for client assertions. */
  certificatePublicKey?: string;
  /** Application permissions granted (the token's `roles`). */
  roles: string[];
}

export interface GraphSimOptions {
  tenant: SimTenant;
  clients: GraphClient[];
  mint: TokenMint;
  /** The public base URL of this server (for nextLinks and @odata.context), e.g. http://127.0.0.1:1234 */
  baseUrl: () => string;
  /** The authority host MSAL is configured with (metadata answers name it). */
  authorityHost?: string;
  /** Collections (e.g. `devices`) that answer 400 to any `$filter`, as a service that refuses one would. */
  refuseFilters?: readonly string[];
  /** Collections that answer 400 to an `in (…)` clause (and take eq), as a service without `in` on a property would. */
  refuseIn?: readonly string[];
  /** Answer 400 to any `$filter` sent as an advanced query (`ConsistencyLevel: eventual`), as a service without them. */
  refuseAdvancedQueries?: boolean;
  /** The fault rules applied to each request of a `$batch` (per-item throttling, batch.ts). */
  batchFaults?: FaultInjector;
  /** Largest age of a Graph delta token (ms) before it is refused as expired (default seven days). */
  deltaMaxAgeMs?: number;
}

/**
 * `$filter` as the collections served here take it: clauses joined by ` or `, each `PROPERTY eq 'VALUE'` or
 * `startswith(PROPERTY,'VALUE')`, on the properties a collection allows; string comparison is case-insensitive, as
 * in the directory. Anything else is a 400, as Graph answers a filter it does not support. Returns null when there
 * is no filter, the predicate, or the error message.
 */
export function parseFilter(
  text: string | null,
  allowed: readonly string[],
  maxClauses = FILTER_CLAUSES_MAX,
): null | ((r: Json) => boolean) | { error: string } {
  if (text == null) return null;
  const clauses = text.split(/\s+or\s+/i);
  const tests: Array<(r: Json) => boolean> = [];
  // Each eq, each startswith and each value of an `in` is one clause; the directory takes at most 15
  // (https://learn.microsoft.com/graph/known-issues, query parameters; the message as Graph words it).
  let count = 0;
  for (const raw of clauses) {
    const c = raw.trim().replace(/^\((.*)\)$/, '$1');
    const inList = /^(\w+)\s+in\s+\(\s*('(?:[^']|'')*'(?:\s*,\s*'(?:[^']|'')*')*)\s*\)$/i.exec(c);
    if (inList) {
      const prop = inList[1]!;
      if (!allowed.includes(prop))
        return { error: `Unsupported or invalid query filter clause specified for property '${prop}'.` };
      const values = new Set(
        [...inList[2]!.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'").toLowerCase()),
      );
      count += [...inList[2]!.matchAll(/'((?:[^']|'')*)'/g)].length;
      tests.push((r) => values.has(String(r[prop] ?? '').toLowerCase()));
      continue;
    }
    count++;
    const eq = /^(\w+)\s+eq\s+'((?:[^']|'')*)'$/i.exec(c);
    const sw = /^startswith\(\s*(\w+)\s*,\s*'((?:[^']|'')*)'\s*\)$/i.exec(c);
    const m = eq ?? sw;
    if (!m) return { error: `Invalid filter clause: ${c}` };
    const prop = m[1]!;
    if (!allowed.includes(prop))
      return { error: `Unsupported or invalid query filter clause specified for property '${prop}'.` };
    const value = m[2]!.replace(/''/g, "'").toLowerCase();
    tests.push(
      eq
        ? (r) => String(r[prop] ?? '').toLowerCase() === value
        : (r) =>
            String(r[prop] ?? '')
              .toLowerCase()
              .startsWith(value),
    );
  }
  if (count > maxClauses)
    return {
      error: `Too many child clauses specified in search filter expression containing 'OR' operators: ${count}. Max allowed: ${maxClauses}.`,
    };
  return (r) => tests.some((t) => t(r));
}

/** Clauses one directory `$filter` may hold (see parseFilter). */
export const FILTER_CLAUSES_MAX = 15;
/**
 * With advanced query capabilities (`ConsistencyLevel: eventual`) the limit is the URL's length instead, 2,048
 * characters (https://learn.microsoft.com/graph/known-issues); measured here on the URL as Graph would receive it
 * (https://graph.microsoft.com + path and query as sent). [B] Graph's wording of that refusal is not quoted.
 */
export const ADVANCED_URL_MAX = 2048;

const READ_ANY: Record<string, string[]> = {
  intuneDevices: ['DeviceManagementManagedDevices.Read.All', 'DeviceManagementManagedDevices.ReadWrite.All'],
  intuneServiceConfig: ['DeviceManagementServiceConfig.Read.All', 'DeviceManagementServiceConfig.ReadWrite.All'],
  intuneConfiguration: ['DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'],
  devices: ['Device.Read.All', 'Device.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  groups: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'],
  applications: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All'],
  grants: ['Directory.Read.All', 'DelegatedPermissionGrant.Read.All'],
  users: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'],
  organization: ['Organization.Read.All', 'Directory.Read.All'],
  policies: ['Policy.Read.All'],
  intuneDevicesWrite: ['DeviceManagementManagedDevices.ReadWrite.All'],
  devicesWrite: ['Device.ReadWrite.All', 'Directory.ReadWrite.All'],
};

export function graphApp(opts: GraphSimOptions): Hono {
  const app = new Hono();
  const t = opts.tenant;
  const g = t.graph;
  const skipKey = randomBytes(16);
  const authority = opts.authorityHost ?? 'https://login.microsoftonline.com';
  const usedAssertions = new Set<string>();

  // --- Entra ID token endpoint (client credentials) and the metadata MSAL may ask for ---------------------------
  app.get('/common/discovery/instance', (c) => {
    const host = new URL(authority).host;
    return c.json({
      tenant_discovery_endpoint: `${authority}/${t.tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });
  app.get('/:tenant/v2.0/.well-known/openid-configuration', (c) => {
    const tid = c.req.param('tenant');
    return c.json({
      token_endpoint: `${authority}/${tid}/oauth2/v2.0/token`,
      authorization_endpoint: `${authority}/${tid}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${authority}/${tid}/oauth2/v2.0/logout`,
      issuer: `${authority}/${t.tenantId}/v2.0`,
      jwks_uri: `${authority}/${tid}/discovery/v2.0/keys`,
    });
  });
  app.post('/:tenant/oauth2/v2.0/token', async (c) => {
    const tid = c.req.param('tenant');
    const form = new URLSearchParams(await c.req.text());
    const aad = (status: number, error: string, code: number, text: string) =>
      c.json(
        {
          error,
          error_description: `AADSTS${code}: ${text} Trace ID: ${randomBytes(8).toString('hex')} Timestamp: ${new Date().toISOString()}`,
          error_codes: [code],
          timestamp: new Date().toISOString(),
        },
        status as 400,
      );
    if (tid !== t.tenantId && tid !== t.tenantName) {
      return aad(
        400,
        'invalid_request',
        90002,
        `Tenant '${tid}' not found. Check to make sure you have the correct tenant ID.`,
      );
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return aad(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    }
    const clientId = form.get('client_id') ?? '';
    const client = opts.clients.find((x) => x.clientId === clientId);
    if (!client) {
      return aad(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${t.tenantName}'.`,
      );
    }
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    let ok = false;
    if (secret != null) ok = client.secret != null && secret === client.secret;
    else if (assertion && client.certificatePublicKey) {
      ok = verifyAssertion(assertion, client.certificatePublicKey, clientId) && !usedAssertions.has(assertion);
      usedAssertions.add(assertion);
    }
    if (!ok) {
      return secret != null
        ? aad(
            401,
            'invalid_client',
            7000215,
            'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
          )
        : aad(
            401,
            'invalid_client',
            700027,
            'The certificate with identifier used to sign the client assertion is not registered on application.',
          );
    }
    const token = opts.mint.mint(
      {
        aud: 'https://graph.microsoft.com',
        iss: `https://sts.windows.net/${t.tenantId}/`,
        tid: t.tenantId,
        appid: clientId,
        roles: client.roles,
      },
      3599,
    );
    return c.json({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
  });

  // --- Graph v1.0 -------------------------------------------------------------------------------------------------
  const requestId = () =>
    randomBytes(16)
      .toString('hex')
      .replace(/(.{8})(.{4})(.{4})(.{4})(.{12})/, '$1-$2-$3-$4-$5');
  const inner = () => ({
    date: new Date().toISOString().slice(0, 19),
    'request-id': requestId(),
    'client-request-id': requestId(),
  });
  const graphError = (c: Context, status: number, code: string, message: string) =>
    c.json({ error: { code, message, innerError: inner() } }, status as 400);

  /** Checks the bearer token and the permission; returns a Response to send when refused. */
  const guard = (c: Context, any: string[], style: 'directory' | 'intune'): Response | null => {
    const claims = opts.mint.verify(bearerOf(c.req.header('authorization')));
    if (claims?.aud !== 'https://graph.microsoft.com') {
      return graphError(c, 401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    }
    const roles = Array.isArray(claims.roles) ? (claims.roles as string[]) : [];
    if (any.some((r) => roles.includes(r))) return null;
    if (style === 'directory') {
      return graphError(c, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    }
    const embedded = {
      _version: 3,
      Message: `Application is not authorized to perform this operation. Application must have one of the following scopes: ${any.join(', ')} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${requestId()} - Url: https://fef.msua06.manage.microsoft.com/DeviceFE/StatelessDeviceFEService${new URL(c.req.url).pathname.replace('/v1.0', '')}?api-version=2024-01-01 - CustomApiErrorPhrase: `,
      CustomApiErrorPhrase: '',
      RetryAfter: null,
      ErrorSourceService: '',
      HttpHeaders: '{}',
    };
    return graphError(c, 403, 'UnknownError', JSON.stringify(embedded));
  };

  const collection = (
    c: Context,
    path: string,
    records: readonly Json[],
    page: { def: number; max: number },
    options: { expand?: string[]; keepType?: boolean; filterable?: readonly string[] } = {},
  ): Response => {
    const q = new URL(c.req.url).searchParams;
    if (q.has('$filter')) {
      if (opts.refuseFilters?.includes(path))
        return graphError(c, 400, 'BadRequest', `Invalid filter clause: the filter is not supported on ${path}.`);
      if (opts.refuseIn?.includes(path) && /\sin\s*\(/i.test(q.get('$filter') ?? ''))
        return graphError(c, 400, 'BadRequest', "Invalid filter clause: the 'in' operator is not supported here.");
      // Collections without a filter model here ignore $filter, as this simulator always did.
      const eventual = /^eventual$/i.test(c.req.header('consistencylevel') ?? '');
      if (eventual && opts.refuseAdvancedQueries)
        return graphError(c, 400, 'Request_UnsupportedQuery', 'Advanced queries are not supported here.');
      if (eventual && options.filterable) {
        const u = new URL(c.req.url);
        const length = 'https://graph.microsoft.com'.length + c.req.url.length - u.origin.length;
        if (length > ADVANCED_URL_MAX)
          return graphError(
            c,
            400,
            'Request_UnsupportedQuery',
            `The request URL is ${length} characters long; advanced queries allow ${ADVANCED_URL_MAX}.`,
          );
      }
      const f = options.filterable
        ? parseFilter(q.get('$filter'), options.filterable, eventual ? Number.POSITIVE_INFINITY : FILTER_CLAUSES_MAX)
        : null;
      if (f && typeof f === 'object')
        return graphError(c, 400, /^Too many/.test(f.error) ? 'Request_UnsupportedQuery' : 'BadRequest', f.error);
      if (typeof f === 'function') records = records.filter(f);
    }
    const select =
      q
        .get('$select')
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean) ?? null;
    const expand = new Set(
      q
        .get('$expand')
        ?.split(',')
        .map((s) => s.trim()) ?? [],
    );
    const topRaw = q.get('$top');
    let size = page.def;
    if (topRaw != null) {
      const top = Number(topRaw);
      if (!Number.isInteger(top) || top < 1)
        return graphError(c, 400, 'BadRequest', `Invalid value '${topRaw}' for $top.`);
      size = Math.min(top, page.max);
    }
    if (q.has('$skip')) return graphError(c, 400, 'Request_BadRequest', "'$skip' is not supported by the service.");
    let offset = 0;
    const skip = q.get('$skiptoken');
    if (skip != null) {
      const o = openSkiptoken(skipKey, skip, path);
      if (o == null) return graphError(c, 400, 'Request_BadRequest', 'Invalid paging token.');
      offset = o;
    }
    const slice = records.slice(offset, offset + size).map((r) => project(r, select, expand, options));
    const body: Json = {
      '@odata.context': `${opts.baseUrl()}/v1.0/$metadata#${path}${select ? `(${select.join(',')})` : ''}`,
    };
    if (offset + size < records.length) {
      const next = new URLSearchParams();
      for (const [k, v] of q) if (k !== '$skiptoken') next.append(k, v);
      next.append('$skiptoken', sealSkiptoken(skipKey, offset + size, path));
      body['@odata.nextLink'] =
        `${opts.baseUrl()}/v1.0/${path}?${next.toString().replace(/%24/g, '$').replace(/%2C/g, ',')}`;
    }
    body.value = slice;
    return c.json(body);
  };

  const INTUNE_PAGE = { def: 1000, max: 1000 };
  const DIR_PAGE = { def: 100, max: 999 };
  const SMALL_PAGE = { def: 100, max: 100 };

  app.get(
    '/v1.0/deviceManagement/managedDevices',
    (c) =>
      guard(c, READ_ANY.intuneDevices!, 'intune') ??
      collection(c, 'deviceManagement/managedDevices', g.managedDevices, INTUNE_PAGE, {
        filterable: ['operatingSystem', 'managementAgent'],
      }),
  );
  app.get('/v1.0/deviceManagement/managedDevices/:id', (c) => {
    const refused = guard(c, READ_ANY.intuneDevices!, 'intune');
    if (refused) return refused;
    const d = g.managedDevices.find((x) => x.id === c.req.param('id'));
    if (!d) return graphError(c, 404, 'ResourceNotFound', `managedDevice ${c.req.param('id')} not found`);
    return c.json(d);
  });
  app.delete('/v1.0/deviceManagement/managedDevices/:id', (c) => {
    const refused = guard(c, READ_ANY.intuneDevicesWrite!, 'intune');
    if (refused) return refused;
    const i = g.managedDevices.findIndex((d) => d.id === c.req.param('id'));
    if (i < 0) return graphError(c, 404, 'ResourceNotFound', `managedDevice ${c.req.param('id')} not found`);
    g.managedDevices.splice(i, 1);
    return c.body(null, 204);
  });
  // Delta queries (sim/graph/delta.ts), before /devices/:id and /users/:id would take "delta" for an id.
  registerDelta(app, {
    tenant: t,
    baseUrl: opts.baseUrl,
    guard: (c, collection) => guard(c, READ_ANY[collection]!, 'directory'),
    graphError,
    parseFilter,
    ...(opts.deltaMaxAgeMs != null ? { maxAgeMs: opts.deltaMaxAgeMs } : {}),
  });
  app.get(
    '/v1.0/devices',
    (c) =>
      guard(c, READ_ANY.devices!, 'directory') ??
      collection(c, 'devices', g.devices, DIR_PAGE, { filterable: ['operatingSystem', 'displayName', 'deviceId'] }),
  );
  const findDevice = (id: string) => g.devices.findIndex((d) => d.id === id || d.deviceId === id);
  app.get('/v1.0/devices/:id', (c) => {
    const refused = guard(c, READ_ANY.devices!, 'directory');
    if (refused) return refused;
    const i = findDevice(c.req.param('id'));
    if (i < 0) return graphError(c, 404, 'Request_ResourceNotFound', `Resource '${c.req.param('id')}' does not exist.`);
    return c.json(g.devices[i]);
  });
  app.patch('/v1.0/devices/:id', async (c) => {
    const refused = guard(c, READ_ANY.devicesWrite!, 'directory');
    if (refused) return refused;
    const i = findDevice(c.req.param('id'));
    if (i < 0) return graphError(c, 404, 'Request_ResourceNotFound', `Resource '${c.req.param('id')}' does not exist.`);
    let patch: Json;
    try {
      patch = (await c.req.json()) as Json;
    } catch {
      return graphError(c, 400, 'BadRequest', 'Invalid JSON body.');
    }
    const allowed = new Set(['accountEnabled', 'displayName', 'extensionAttributes']);
    for (const k of Object.keys(patch)) {
      if (!allowed.has(k)) return graphError(c, 400, 'Request_BadRequest', `Property '${k}' is read-only.`);
    }
    Object.assign(g.devices[i]!, patch);
    recordChange(t, 'devices', String(g.devices[i]!.id), Object.keys(patch));
    return c.body(null, 204);
  });
  app.delete('/v1.0/devices/:id', (c) => {
    const refused = guard(c, READ_ANY.devicesWrite!, 'directory');
    if (refused) return refused;
    const i = findDevice(c.req.param('id'));
    if (i < 0) return graphError(c, 404, 'Request_ResourceNotFound', `Resource '${c.req.param('id')}' does not exist.`);
    const [gone] = g.devices.splice(i, 1);
    recordChange(t, 'devices', String(gone!.id), null);
    return c.body(null, 204);
  });
  app.get(
    '/v1.0/deviceManagement/deviceManagementPartners',
    (c) =>
      guard(c, READ_ANY.intuneServiceConfig!, 'intune') ??
      collection(c, 'deviceManagement/deviceManagementPartners', g.deviceManagementPartners, SMALL_PAGE, {
        keepType: true,
      }),
  );
  app.get(
    '/v1.0/deviceManagement/complianceManagementPartners',
    (c) =>
      guard(c, READ_ANY.intuneServiceConfig!, 'intune') ??
      collection(c, 'deviceManagement/complianceManagementPartners', g.complianceManagementPartners, SMALL_PAGE, {
        keepType: true,
      }),
  );
  app.get(
    '/v1.0/deviceManagement/deviceCompliancePolicies',
    (c) =>
      guard(c, READ_ANY.intuneConfiguration!, 'intune') ??
      collection(c, 'deviceManagement/deviceCompliancePolicies', g.deviceCompliancePolicies, SMALL_PAGE, {
        expand: ['assignments'],
        keepType: true,
      }),
  );
  app.get('/v1.0/groups/:id', (c) => {
    const refused = guard(c, READ_ANY.groups!, 'directory');
    if (refused) return refused;
    const grp = g.groups.get(c.req.param('id'));
    if (!grp)
      return graphError(
        c,
        404,
        'Request_ResourceNotFound',
        `Resource '${c.req.param('id')}' does not exist or one of its queried reference-property objects are not present.`,
      );
    const q = new URL(c.req.url).searchParams;
    const select =
      q
        .get('$select')
        ?.split(',')
        .map((s) => s.trim()) ?? null;
    return c.json({
      '@odata.context': `${opts.baseUrl()}/v1.0/$metadata#groups/$entity`,
      ...project(grp.group, select, new Set(), {}),
    });
  });
  // The simulated groups hold no nested groups, so their transitive members are their members.
  for (const rel of ['members', 'transitiveMembers'] as const) {
    app.get(`/v1.0/groups/:id/${rel}`, (c) => {
      const refused = guard(c, READ_ANY.groups!, 'directory');
      if (refused) return refused;
      const id = c.req.param('id');
      const grp = g.groups.get(id);
      if (!grp) return graphError(c, 404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
      return collection(c, `groups/${id}/${rel}`, grp.members, DIR_PAGE, { keepType: true });
    });
  }
  app.get(
    '/v1.0/applications',
    (c) => guard(c, READ_ANY.applications!, 'directory') ?? collection(c, 'applications', g.applications, DIR_PAGE),
  );
  app.get(
    '/v1.0/servicePrincipals',
    (c) =>
      guard(c, READ_ANY.applications!, 'directory') ??
      collection(c, 'servicePrincipals', g.servicePrincipals, DIR_PAGE),
  );
  app.get('/v1.0/servicePrincipals/:id/appRoleAssignments', (c) => {
    const refused = guard(c, READ_ANY.applications!, 'directory');
    if (refused) return refused;
    const id = c.req.param('id');
    if (!g.servicePrincipals.some((s) => s.id === id)) {
      return graphError(c, 404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
    }
    return collection(c, `servicePrincipals/${id}/appRoleAssignments`, g.appRoleAssignments.get(id) ?? [], DIR_PAGE);
  });
  app.get(
    '/v1.0/oauth2PermissionGrants',
    (c) =>
      guard(c, READ_ANY.grants!, 'directory') ??
      collection(c, 'oauth2PermissionGrants', g.oauth2PermissionGrants, DIR_PAGE),
  );
  app.get(
    '/v1.0/users',
    (c) =>
      guard(c, READ_ANY.users!, 'directory') ??
      collection(c, 'users', g.users, DIR_PAGE, { filterable: ['id', 'userPrincipalName', 'mail'] }),
  );
  app.get(
    '/v1.0/subscribedSkus',
    (c) =>
      guard(c, READ_ANY.organization!, 'directory') ??
      collection(c, 'subscribedSkus', g.subscribedSkus, { def: 1000, max: 1000 }),
  );
  app.get(
    '/v1.0/organization',
    (c) => guard(c, READ_ANY.organization!, 'directory') ?? collection(c, 'organization', g.organization, SMALL_PAGE),
  );
  app.get(
    '/v1.0/identity/conditionalAccess/policies',
    (c) =>
      guard(c, READ_ANY.policies!, 'directory') ??
      collection(c, 'identity/conditionalAccess/policies', g.conditionalAccessPolicies, SMALL_PAGE),
  );
  batchRoute(app, opts.batchFaults);
  app.notFound((c) =>
    graphError(
      c,
      400,
      'BadRequest',
      `Resource not found for the segment '${new URL(c.req.url).pathname.split('/').pop()}'.`,
    ),
  );
  return app;
}

function project(
  r: Json,
  select: string[] | null,
  expand: Set<string>,
  options: { expand?: string[]; keepType?: boolean },
): Json {
  const out: Json = {};
  const expandable = new Set(options.expand ?? []);
  if (!select) {
    for (const [k, v] of Object.entries(r)) {
      if (expandable.has(k) && !expand.has(k)) continue;
      out[k] = v;
    }
    return out;
  }
  if (options.keepType && r['@odata.type'] !== undefined) out['@odata.type'] = r['@odata.type'];
  out.id = r.id;
  for (const k of select) if (k in r) out[k] = r[k];
  for (const k of expand) if (expandable.has(k) && k in r) out[k] = r[k];
  return out;
}

function sealSkiptoken(key: Buffer, offset: number, path: string): string {
  const body = Buffer.from(JSON.stringify({ o: offset, n: randomBytes(4).toString('hex') })).toString('base64url');
  const mac = createHmac('sha256', key).update(`${path}|${body}`).digest('base64url').slice(0, 16);
  return `RFNwdAIAAQAAAD${body}.${mac}`;
}

function openSkiptoken(key: Buffer, token: string, path: string): number | null {
  const m = /^RFNwdAIAAQAAAD([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!m) return null;
  const mac = createHmac('sha256', key).update(`${path}|${m[1]}`).digest('base64url').slice(0, 16);
  if (mac !== m[2]) return null;
  try {
    const o = (JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as { o: number }).o;
    return Number.isInteger(o) && o >= 0 ? o : null;
  } catch {
    return null;
  }
}

function verifyAssertion(assertion: string, publicKeyPem: string, clientId: string): boolean {
  const parts = assertion.split('.');
  if (parts.length !== 3) return false;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as { alg?: string };
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Json;
    if (claims.iss !== clientId || claims.sub !== clientId) return false;
    if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now() - 300_000) return false;
    const key = createPublicKey(publicKeyPem);
    const data = Buffer.from(`${parts[0]}.${parts[1]}`);
    const sig = Buffer.from(parts[2]!, 'base64url');
    if (header.alg === 'PS256') {
      return verifySig('sha256', data, { key, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig);
    }
    if (header.alg === 'RS256') return verifySig('sha256', data, key, sig);
    return false;
  } catch {
    return false;
  }
}
