/**
 * Fake Jamf Pro API: both token endpoints (OAuth client credentials and the user bearer token with keep-alive and
 * invalidate), the version, check-in settings, computers-inventory v1–v4 (`section`, `page`, `page-size` up to
 * 2000, `sort`, an RSQL `filter` on `id`), device compliance information, the Classic API's macOS configuration
 * profiles (list, by id, by id and subset), DELETE of a computer, computer extension attribute definitions
 * (list, create) and their values (the inventory's EXTENSION_ATTRIBUTES section; PATCH of
 * `computers-inventory-detail`). Errors use Jamf's
 * `{ httpStatus, errors: [...] }` envelope; inventory versions the configured Jamf Pro version does not offer
 * answer 404.
 */
import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { bearerOf, type TokenMint } from '../auth.js';
import type { SimComputer, SimExtensionAttribute, SimTenant } from '../tenant.js';

type Json = Record<string, unknown>;

export interface JamfClient {
  /** OAuth API client (client credentials) or a user account (Basic → bearer). */
  kind: 'oauth' | 'user';
  id: string;
  secret: string;
  privileges: string[];
}

export interface JamfSimOptions {
  tenant: SimTenant;
  clients: JamfClient[];
  mint: TokenMint;
  /** Lifetime of the tokens handed out (default 1800 s for users, 1799 s for API clients). */
  tokenSeconds?: number;
  /** Largest inventory page the server returns, whatever `page-size` asks (a server with a lower cap). */
  maxPageSize?: number;
}

const SECTIONS = new Set([
  'GENERAL',
  'DISK_ENCRYPTION',
  'PURCHASING',
  'APPLICATIONS',
  'STORAGE',
  'USER_AND_LOCATION',
  'CONFIGURATION_PROFILES',
  'PRINTERS',
  'SERVICES',
  'HARDWARE',
  'LOCAL_USER_ACCOUNTS',
  'CERTIFICATES',
  'ATTACHMENTS',
  'PLUGINS',
  'PACKAGE_RECEIPTS',
  'FONTS',
  'SECURITY',
  'OPERATING_SYSTEM',
  'LICENSED_SOFTWARE',
  'IBEACONS',
  'SOFTWARE_UPDATES',
  'EXTENSION_ATTRIBUTES',
  'CONTENT_CACHING',
  'GROUP_MEMBERSHIPS',
]);

/** Inventory versions a Jamf Pro version serves (v3 from 11.23, v4 from 11.30). */
export function inventoryVersions(version: string): number[] {
  const [maj = 0, min = 0] = version.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const v = maj * 100 + min;
  const out = [1, 2];
  if (v >= 1123) out.push(3);
  if (v >= 1130) out.push(4);
  return out;
}

export function jamfApp(opts: JamfSimOptions): Hono {
  const app = new Hono();
  const t = opts.tenant;
  const j = t.jamf;
  const err = (c: Context, status: number, code: string, description: string, field: string | null = null) =>
    c.json({ httpStatus: status, errors: [{ code, field, description, id: '0' }] }, status as 400);
  const unauthorized = (c: Context) => c.json({ httpStatus: 401, errors: [] }, 401);

  const claimsOf = (c: Context) => opts.mint.verify(bearerOf(c.req.header('authorization')));
  const guard = (c: Context, privilege: string | null): Response | null => {
    const claims = claimsOf(c);
    if (claims?.aud !== 'jamf-pro') return unauthorized(c);
    if (privilege && !(claims.privileges as string[]).includes(privilege)) {
      return err(c, 403, 'FORBIDDEN', `Forbidden: requires the privilege '${privilege}'`);
    }
    return null;
  };

  app.post('/api/oauth/token', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const client = opts.clients.find((x) => x.kind === 'oauth' && x.id === form.get('client_id'));
    if (form.get('grant_type') !== 'client_credentials') return c.json({ error: 'unsupported_grant_type' }, 400);
    if (!client || client.secret !== form.get('client_secret')) return c.json({ error: 'invalid_client' }, 401);
    const token = opts.mint.mint(
      {
        aud: 'jamf-pro',
        sub: client.id,
        'authentication-type': 'CLIENT_CREDENTIALS',
        privileges: client.privileges,
        scope: ['api-role:1'],
      },
      opts.tokenSeconds ?? 1799,
    );
    return c.json({
      access_token: token,
      scope: 'api-role:1',
      token_type: 'Bearer',
      expires_in: opts.tokenSeconds ?? 1799,
    });
  });
  const userToken = (client: JamfClient) => {
    const token = opts.mint.mint(
      { aud: 'jamf-pro', sub: client.id, 'authentication-type': 'JSS', privileges: client.privileges },
      opts.tokenSeconds ?? 1800,
    );
    return { token, expires: new Date(Date.now() + (opts.tokenSeconds ?? 1800) * 1000).toISOString() };
  };
  app.post('/api/v1/auth/token', (c) => {
    const m = /^Basic\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (!m) return unauthorized(c);
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = decoded.slice(0, colon);
    const pass = decoded.slice(colon + 1);
    const client = opts.clients.find((x) => x.kind === 'user' && x.id === user);
    if (!client || client.secret !== pass) return unauthorized(c);
    return c.json(userToken(client));
  });
  app.post('/api/v1/auth/keep-alive', (c) => {
    const token = bearerOf(c.req.header('authorization'));
    const claims = opts.mint.verify(token);
    if (claims?.['authentication-type'] !== 'JSS') return unauthorized(c);
    const client = opts.clients.find((x) => x.kind === 'user' && x.id === claims.sub);
    if (!client) return unauthorized(c);
    opts.mint.revoke(token!);
    return c.json(userToken(client));
  });
  app.post('/api/v1/auth/invalidate-token', (c) => {
    const token = bearerOf(c.req.header('authorization'));
    if (!opts.mint.verify(token)) return unauthorized(c);
    opts.mint.revoke(token!);
    return c.body(null, 204);
  });

  app.get(
    '/api/v1/jamf-pro-version',
    (c) => guard(c, null) ?? c.json({ version: `${j.version}-t${Math.floor(t.now / 1000)}` }),
  );
  app.get(
    '/api/v3/check-in',
    (c) =>
      guard(c, 'Read Computer Check-In') ??
      c.json({
        checkInFrequency: j.checkInFrequency,
        createHooks: false,
        hookLog: false,
        hookPolicies: false,
        createStartupScript: true,
        startupLog: true,
        startupPolicies: false,
        startupSsh: false,
        enableLocalConfigurationProfiles: false,
      }),
  );

  const offered = new Set(inventoryVersions(j.version));
  /** The last sorted view of the inventory (pages of one listing share it; a DELETE changes the length). */
  const sortCache = new Map<string, SimComputer[] | null>();
  app.get('/api/:v/computers-inventory', (c) => {
    const v = Number(/^v(\d)$/.exec(c.req.param('v'))?.[1] ?? 0);
    if (!offered.has(v)) return err(c, 404, 'NOT_FOUND', 'Not Found');
    const refused = guard(c, 'Read Computers');
    if (refused) return refused;
    const q = new URL(c.req.url).searchParams;
    const sections = sectionsOf(q);
    if (typeof sections === 'string') return err(c, 400, 'INVALID_FIELD', `Invalid section ${sections}`, 'section');
    const page = Number(q.get('page') ?? 0);
    const size = Number(q.get('page-size') ?? 100);
    if (!Number.isInteger(page) || page < 0) return err(c, 400, 'INVALID_FIELD', 'page must be >= 0', 'page');
    if (!Number.isInteger(size) || size < 1 || size > 2000)
      return err(c, 400, 'INVALID_FIELD', 'page-size must be between 1 and 2000', 'page-size');
    const sortKey = `${v}|${q.get('sort') ?? 'general.name:asc'}|${j.computers.length}`;
    let list = sortCache.get(sortKey);
    if (list === undefined) {
      list = sorted(j.computers, q.get('sort') ?? 'general.name:asc', v);
      sortCache.clear();
      sortCache.set(sortKey, list);
    }
    if (list == null) return err(c, 400, 'INVALID_FIELD', `Invalid sort ${q.get('sort')}`, 'sort');
    const filter = q.get('filter');
    if (filter !== null) {
      const ids = idFilter(filter);
      if (!ids) return err(c, 400, 'INVALID_FIELD', `Invalid filter ${filter}`, 'filter');
      list = list.filter((m) => ids.has(m.id));
    }
    const served = Math.min(size, opts.maxPageSize ?? size);
    const results = list
      .slice(page * served, page * served + served)
      .map((m) => render(m, sections, v, j.extensionAttributes));
    return c.json({ totalCount: list.length, results });
  });
  app.get('/api/:v/computers-inventory/:id', (c) => {
    const v = Number(/^v(\d)$/.exec(c.req.param('v'))?.[1] ?? 0);
    if (!offered.has(v)) return err(c, 404, 'NOT_FOUND', 'Not Found');
    const refused = guard(c, 'Read Computers');
    if (refused) return refused;
    const sections = sectionsOf(new URL(c.req.url).searchParams);
    if (typeof sections === 'string') return err(c, 400, 'INVALID_FIELD', `Invalid section ${sections}`, 'section');
    const m = j.computers.find((x) => x.id === c.req.param('id'));
    if (!m) return err(c, 404, 'INVALID_ID', 'Computer not found', 'id');
    return c.json(render(m, sections, v, j.extensionAttributes));
  });
  app.delete('/api/:v/computers-inventory/:id', (c) => {
    const v = Number(/^v(\d)$/.exec(c.req.param('v'))?.[1] ?? 0);
    if (!offered.has(v)) return err(c, 404, 'NOT_FOUND', 'Not Found');
    const refused = guard(c, 'Delete Computers');
    if (refused) return refused;
    const i = j.computers.findIndex((m) => m.id === c.req.param('id'));
    if (i < 0) return err(c, 404, 'INVALID_ID', 'Computer not found', 'id');
    j.computers.splice(i, 1);
    return c.body(null, 204);
  });
  app.get('/api/v1/conditional-access/device-compliance-information/computer/:id', (c) => {
    // Jamf's privilege for this endpoint (ruby-jss OAPISchemas; developer.jamf.com), not Read Computers.
    const refused = guard(c, 'Read Device Compliance Information');
    if (refused) return refused;
    const m = j.computers.find((x) => x.id === c.req.param('id'));
    if (!m) return err(c, 404, 'INVALID_ID', 'Computer not found', 'id');
    return c.json(m.compliance);
  });
  // Classic API macOS configuration profiles, as JSON (Accept: application/json): the list and each profile with
  // `general.payloads`, the profile as an XML property list (developer.jamf.com/jamf-pro/reference/osxconfigurationprofiles).
  app.get('/JSSResource/osxconfigurationprofiles', (c) => {
    const refused = guard(c, 'Read macOS Configuration Profiles');
    if (refused) return refused;
    return c.json({
      os_x_configuration_profiles: (j.profiles ?? []).map((p) => ({ id: Number(p.id), name: p.name })),
    });
  });
  const classicProfile = (c: Context, subset: string | null) => {
    const refused = guard(c, 'Read macOS Configuration Profiles');
    if (refused) return refused;
    const p = (j.profiles ?? []).find((x) => x.id === c.req.param('id'));
    if (!p) return c.text('Not Found', 404);
    // Subsets as the Classic API names them (General, Scope, SelfService), any case.
    const want = subset?.toLowerCase() ?? null;
    if (want !== null && !['general', 'scope', 'selfservice'].includes(want)) return c.text('Bad Request', 400);
    // Scoped to the Applicable smart group, as a Device Compliance profile would be.
    const profile: Json = {
      general: {
        id: Number(p.id),
        name: p.name,
        description: '',
        site: { id: -1, name: 'None' },
        category: { id: -1, name: 'No category assigned' },
        distribution_method: 'Install Automatically',
        user_removable: false,
        level: 'System',
        uuid: p.uuid,
        redeploy_on_update: 'Newly Assigned',
        payloads: p.payloads,
      },
      scope: {
        all_computers: false,
        all_jss_users: false,
        computers: [],
        computer_groups: [{ id: 1, name: 'Device Compliance Applicable' }],
      },
      self_service: { install_button_text: 'Install', self_service_description: '', feature_on_main_page: false },
    };
    if (want === null) return c.json({ os_x_configuration_profile: profile });
    const key = want === 'selfservice' ? 'self_service' : want;
    return c.json({ os_x_configuration_profile: { [key]: profile[key] } });
  };
  app.get('/JSSResource/osxconfigurationprofiles/id/:id', (c) => classicProfile(c, null));
  app.get('/JSSResource/osxconfigurationprofiles/id/:id/subset/:subset', (c) =>
    classicProfile(c, c.req.param('subset')),
  );
  // Computer extension attributes: definitions, as the Jamf Pro API lists and creates them
  // (https://developer.jamf.com/jamf-pro/reference/post_v1-computer-extension-attributes), and their values through
  // PATCH /v1/computers-inventory-detail/{id} with `extensionAttributes: [{ definitionId, values }]`.
  const eas = (): SimExtensionAttribute[] => {
    j.extensionAttributes ??= [];
    return j.extensionAttributes;
  };
  app.get('/api/v1/computer-extension-attributes', (c) => {
    const refused = guard(c, 'Read Computer Extension Attributes');
    if (refused) return refused;
    const q = new URL(c.req.url).searchParams;
    const page = Number(q.get('page') ?? 0);
    const size = Number(q.get('page-size') ?? 100);
    if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1 || size > 2000)
      return err(c, 400, 'INVALID_FIELD', 'page must be >= 0 and page-size between 1 and 2000', 'page');
    const list = eas();
    return c.json({ totalCount: list.length, results: list.slice(page * size, page * size + size) });
  });
  app.post('/api/v1/computer-extension-attributes', async (c) => {
    const refused = guard(c, 'Create Computer Extension Attributes');
    if (refused) return refused;
    let body: Json;
    try {
      body = (await c.req.json()) as Json;
    } catch {
      return err(c, 400, 'INVALID_JSON', 'Request body is not valid JSON');
    }
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (!name) return err(c, 400, 'INVALID_FIELD', 'name is required', 'name');
    if (eas().some((e) => e.name.toLowerCase() === name.toLowerCase()))
      return err(c, 400, 'DUPLICATE_FIELD', `name ${name} is already in use`, 'name');
    const inputType = (body.inputType ?? 'TEXT') as SimExtensionAttribute['inputType'];
    const dataType = (body.dataType ?? 'STRING') as SimExtensionAttribute['dataType'];
    if (!['TEXT', 'POPUP', 'SCRIPT', 'DIRECTORY_SERVICE_ATTRIBUTE_MAPPING'].includes(inputType))
      return err(c, 400, 'INVALID_FIELD', 'invalid inputType', 'inputType');
    if (!['STRING', 'INTEGER', 'DATE_TIME'].includes(dataType))
      return err(c, 400, 'INVALID_FIELD', 'invalid dataType', 'dataType');
    const id = String(eas().reduce((m, e) => Math.max(m, Number(e.id)), 0) + 1);
    eas().push({
      id,
      name,
      description: typeof body.description === 'string' ? body.description : '',
      dataType,
      enabled: body.enabled !== false,
      inventoryDisplayType: typeof body.inventoryDisplayType === 'string' ? body.inventoryDisplayType : 'GENERAL',
      inputType,
    });
    return c.json({ id, href: `${new URL(c.req.url).origin}/api/v1/computer-extension-attributes/${id}` }, 201);
  });
  app.patch('/api/v1/computers-inventory-detail/:id', async (c) => {
    const refused = guard(c, 'Update Computers');
    if (refused) return refused;
    const m = j.computers.find((x) => x.id === c.req.param('id'));
    if (!m) return err(c, 404, 'INVALID_ID', 'Computer not found', 'id');
    let body: Json;
    try {
      body = (await c.req.json()) as Json;
    } catch {
      return err(c, 400, 'INVALID_JSON', 'Request body is not valid JSON');
    }
    const list = body.extensionAttributes;
    if (list !== undefined) {
      if (!Array.isArray(list)) return err(c, 400, 'INVALID_FIELD', 'extensionAttributes', 'extensionAttributes');
      const updates: Array<[string, string[]]> = [];
      for (const x of list as Json[]) {
        const def = eas().find((e) => e.id === String(x.definitionId));
        if (!def)
          return err(c, 400, 'INVALID_FIELD', `no extension attribute ${String(x.definitionId)}`, 'definitionId');
        if (def.inputType === 'SCRIPT')
          return err(c, 400, 'INVALID_FIELD', 'a script extension attribute cannot be set', 'definitionId');
        const values = x.values;
        if (!Array.isArray(values) || !values.every((v) => typeof v === 'string'))
          return err(c, 400, 'INVALID_FIELD', 'values must be an array of strings', 'values');
        updates.push([def.id, values as string[]]);
      }
      m.extensionAttributes ??= {};
      for (const [id, values] of updates) m.extensionAttributes[id] = values;
    }
    return c.json(render(m, new Set(['GENERAL', 'HARDWARE', 'EXTENSION_ATTRIBUTES']), 1, eas()));
  });
  app.notFound((c) => err(c, 404, 'NOT_FOUND', 'Not Found'));
  return app;
}

const SORTS: Record<string, (m: SimComputer) => string | number> = {
  id: (m) => Number(m.id),
  udid: (m) => m.udid,
  'general.name': (m) => m.name,
  'general.reportDate': (m) => m.reportDate,
  'general.lastContactTime': (m) => m.lastCheckIn,
  'general.lastCheckIn': (m) => m.lastCheckIn,
  'general.lastContact': (m) => m.lastContact,
};

function sorted(list: readonly SimComputer[], sort: string, v: number): SimComputer[] | null {
  const keys: Array<{ f: (m: SimComputer) => string | number; dir: number }> = [];
  for (const part of sort.split(',')) {
    const [field = '', dir = 'asc'] = part.split(':');
    if (v === 4 && field === 'general.lastContactTime') return null;
    if (v < 4 && (field === 'general.lastCheckIn' || field === 'general.lastContact')) return null;
    const f = SORTS[field];
    if (!f || (dir !== 'asc' && dir !== 'desc')) return null;
    keys.push({ f, dir: dir === 'asc' ? 1 : -1 });
  }
  return [...list].sort((a, b) => {
    for (const k of keys) {
      const x = k.f(a);
      const y = k.f(b);
      if (x < y) return -k.dir;
      if (x > y) return k.dir;
    }
    return Number(a.id) - Number(b.id);
  });
}

const iso = (ms: number): string =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${String(ms % 1000).padStart(3, '0')}Z`);

function render(m: SimComputer, sections: Set<string>, v: number, defs: SimExtensionAttribute[] = []): Json {
  const general: Json = {
    name: m.name,
    lastIpAddress: '203.0.113.24',
    platform: 'Mac',
    remoteManagement: { managed: m.managed, managementUsername: 'jamfmgmt' },
    mdmCapable: { capable: true, capableUsers: [m.username] },
    reportDate: iso(m.reportDate),
    lastEnrolledDate: iso(m.reportDate - 200 * 86_400_000),
    site: { id: '-1', name: 'None' },
    managementId: createHash('md5').update(`mgmt-${m.id}-${m.udid}`).digest('hex'),
  };
  if (v >= 4) {
    general.lastCheckIn = iso(m.lastCheckIn);
    general.lastContact = iso(m.lastContact);
  } else {
    general.lastContactTime = iso(m.lastCheckIn);
  }
  const out: Json = { id: v >= 2 ? m.id : Number(m.id), udid: m.udid };
  const all: Record<string, [string, () => unknown]> = {
    GENERAL: ['general', () => general],
    HARDWARE: ['hardware', () => ({ make: 'Apple', model: 'MacBook Pro', serialNumber: m.serial, appleSilicon: true })],
    USER_AND_LOCATION: [
      'userAndLocation',
      () => ({ username: m.username, realname: m.realname, email: m.email, position: null, phone: null }),
    ],
    OPERATING_SYSTEM: ['operatingSystem', () => ({ name: 'macOS', version: m.osVersion, build: '24G90' })],
    LOCAL_USER_ACCOUNTS: [
      'localUserAccounts',
      () =>
        m.accounts.map((a, i) => ({
          uid: String(501 + i),
          username: a.username,
          fullName: a.username,
          admin: i > 0,
          userAccountType: 'LOCAL',
          computerAzureActiveDirectoryId: a.computerAzureActiveDirectoryId,
          userAzureActiveDirectoryId: a.userAzureActiveDirectoryId,
          azureActiveDirectoryId: a.azureActiveDirectoryId,
        })),
    ],
    APPLICATIONS: [
      'applications',
      () =>
        m.applications ?? [
          { name: 'Company Portal.app', bundleId: 'com.microsoft.CompanyPortalMac', version: '5.2504.0' },
        ],
    ],
    CONFIGURATION_PROFILES: [
      'configurationProfiles',
      () =>
        (m.profiles ?? []).map((p) => ({
          id: p.id,
          username: null,
          lastInstalled: iso(p.lastInstalled),
          removable: false,
          displayName: p.displayName,
          profileIdentifier: p.profileIdentifier,
        })),
    ],
    EXTENSION_ATTRIBUTES: [
      'extensionAttributes',
      () =>
        defs.map((d) => ({
          definitionId: d.id,
          name: d.name,
          description: d.description,
          enabled: d.enabled,
          multiValue: false,
          values: m.extensionAttributes?.[d.id] ?? [],
          dataType: d.dataType,
          options: [],
          inputType: d.inputType,
        })),
    ],
  };
  for (const [section, [field, value]] of Object.entries(all)) out[field] = sections.has(section) ? value() : null;
  return out;
}

/** The ids of an RSQL filter on `id` (`id==5`, `id=in=(5,6,7)`), or null for any other filter. */
function idFilter(filter: string): Set<string> | null {
  const one = /^id==(\d+)$/.exec(filter.trim());
  if (one) return new Set([one[1]!]);
  const many = /^id=in=\(([\d,\s]*)\)$/.exec(filter.trim());
  if (!many) return null;
  const ids = many[1]!.split(',').map((x) => x.trim());
  if (ids.some((x) => x === '')) return null;
  return new Set(ids);
}

/** The `section` parameters (repeated or comma-joined; GENERAL by default), or the first unknown section. */
function sectionsOf(q: URLSearchParams): Set<string> | string {
  const sections = new Set(
    q
      .getAll('section')
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  );
  if (sections.size === 0) sections.add('GENERAL');
  for (const s of sections) if (!SECTIONS.has(s)) return s;
  return sections;
}
