/**
 * Microsoft Graph dataset collectors. Each dataset is read with `$select` of exactly the fields the wire schemas
 * (src/api/graph.ts) read, paged by following the whole `@odata.nextLink`, with the largest page size the API
 * allows (`$top=999` for directory objects; Intune pages are 1000 and take no `$top`). Groups, their members and
 * app role assignments are read only for the objects that need them.
 */
import type { z } from 'zod';
import * as G from '../../api/graph.js';
import { DATASETS } from '../../model/datasets.js';
import { isMacOs } from '../../model/keys.js';
import type { ManifestEntry, SnapshotWriter } from '../../snapshot/writer.js';
import { entryOfError, newBudget } from '../datasets.js';
import { type Http, HttpStatusError, limiter, type RetryBudget, safeUrl } from '../http.js';
import type { Progress } from '../progress.js';
import type { GraphAuth } from './auth.js';
import { type DeltaRun, withDelta } from './delta.js';

type Json = Record<string, unknown>;

/** `$select` of a wire schema: every field it reads, except annotations. */
export function selectOf(schema: z.ZodObject): string {
  return Object.keys(schema.shape)
    .filter((k) => !k.startsWith('@'))
    .join(',');
}

export const DIRECTORY_TOP = 999;

/**
 * Server-side filters: only the records that can be Macs are read. Intune keeps managed devices of every platform
 * (a tenant that runs Jamf has far more Windows PCs and phones than Macs); the model takes as Macs the records whose
 * operatingSystem is macOS, and those with no operatingSystem whose managementAgent is jamf (model/join.ts), and
 * the filter asks for exactly those. `local` is the same rule applied here when the service refuses the filter.
 */
export const GRAPH_FILTERS: Partial<Record<string, { filter: string; local: (r: Json) => boolean }>> = {
  // Entra spells a Mac's operatingSystem MacMDM, macOS, MacOS or Mac OS X (research graph.md §3, [B]); directory
  // string filters are case-insensitive. Entra devices a Mac's records point to under another spelling are read
  // one by one afterwards (fill.ts), so no Mac's device is lost.
  devices: {
    filter: "startswith(operatingSystem,'Mac')",
    local: (r) => isMacOs(r.operatingSystem as string | null | undefined),
  },
  managedDevices: {
    filter: "operatingSystem eq 'macOS' or managementAgent eq 'jamf'",
    local: (r) =>
      isMacOs(r.operatingSystem as string | null | undefined) ||
      String(r.managementAgent ?? '').toLowerCase() === 'jamf',
  },
};

/** The request of each top-level Graph dataset: its path and query (kept in the manifest). */
export const GRAPH_QUERIES: Record<string, { path: string; query: string }> = {
  organization: { path: 'organization', query: '$select=id,displayName' },
  legacyPartners: { path: 'deviceManagement/deviceManagementPartners', query: '' },
  compliancePartners: { path: 'deviceManagement/complianceManagementPartners', query: '' },
  compliancePolicies: { path: 'deviceManagement/deviceCompliancePolicies', query: '$expand=assignments' },
  managedDevices: { path: 'deviceManagement/managedDevices', query: `$select=${selectOf(G.managedDevice)}` },
  devices: { path: 'devices', query: `$select=${selectOf(G.entraDevice)}&$top=${DIRECTORY_TOP}` },
  applications: { path: 'applications', query: `$select=${selectOf(G.application)}&$top=${DIRECTORY_TOP}` },
  servicePrincipals: {
    path: 'servicePrincipals',
    query: `$select=${selectOf(G.servicePrincipal)}&$top=${DIRECTORY_TOP}`,
  },
  permissionGrants: { path: 'oauth2PermissionGrants', query: `$top=${DIRECTORY_TOP}` },
  users: { path: 'users', query: `$select=${selectOf(G.user)}&$top=${DIRECTORY_TOP}` },
  subscribedSkus: { path: 'subscribedSkus', query: '' },
  conditionalAccess: { path: 'identity/conditionalAccess/policies', query: '' },
};

export interface GraphContext {
  http: Http;
  auth: GraphAuth;
  writer: SnapshotWriter;
  progress: Progress;
  /** e.g. https://graph.microsoft.com (or the simulator's base URL). */
  baseUrl: string;
  /** Caps the Graph requests in flight (all datasets progress at once; each follows its own nextLinks). */
  limit?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Read whole collections, without the server-side filters (`collect --full`: the baseline of the benchmark). */
  full?: boolean;
  /** Delta links (delta.ts): taken on every run, and applied when collecting `--since` a previous snapshot. */
  delta?: DeltaRun;
}

/** Graph requests in flight at once: well under the per-app limits, enough to overlap every paged dataset. */
export const GRAPH_CONCURRENCY = 8;

export interface PagedResult {
  entry: ManifestEntry;
  /** The records, when asked to keep them (small datasets whose content drives later requests). */
  records: Json[];
}

/** Reads a Graph collection page by page, writing every page as received. */
export async function graphCollection(
  ctx: GraphContext,
  datasetId: string,
  path: string,
  query: string,
  options: {
    keep?: boolean;
    budget?: RetryBudget;
    label?: string;
    /** A server-side `$filter`, with the same rule to apply here if the service refuses it (400). */
    filter?: { filter: string; local: (r: Json) => boolean };
  } = {},
): Promise<PagedResult> {
  if (options.filter) {
    const filtered = `${query ? `${query}&` : ''}$filter=${encodeURIComponent(options.filter.filter)}`;
    const { filter: _f, ...rest } = options;
    const first = await graphPages(ctx, datasetId, path, filtered, { ...rest, refusedAs400: true });
    if (first !== REFUSED) {
      first.entry.filter = { query: options.filter.filter, serverSide: true };
      ctx.writer.entry(`graph/v1.0/${path}`, first.entry);
      return first;
    }
    // The service refused the filter: every record is read, and the rule is applied here; the manifest says so.
    const whole = (await graphPages(ctx, datasetId, path, query, {
      ...rest,
      local: options.filter.local,
    })) as PagedResult;
    whole.entry.filter = { query: options.filter.filter, serverSide: false };
    ctx.writer.entry(`graph/v1.0/${path}`, whole.entry);
    return whole;
  }
  return (await graphPages(ctx, datasetId, path, query, options)) as PagedResult;
}

/** What graphPages answers when asked to report a 400 on its first page instead of recording a failure. */
const REFUSED = Symbol('refused');

async function graphPages(
  ctx: GraphContext,
  datasetId: string,
  path: string,
  query: string,
  options: {
    keep?: boolean;
    budget?: RetryBudget;
    label?: string;
    refusedAs400?: boolean;
    local?: (r: Json) => boolean;
  },
): Promise<PagedResult | typeof REFUSED> {
  const snapPath = `graph/v1.0/${path}`;
  const label = options.label ?? datasetId;
  const budget = options.budget ?? newBudget();
  let url: string | null = `${ctx.baseUrl}/v1.0/${path}${query ? `?${query}` : ''}`;
  let pages = 0;
  let records = 0;
  const kept: Json[] = [];
  const seen = new Set<string>([url]);
  ctx.progress.start(label);
  try {
    while (url) {
      const pageUrl: string = url;
      const r = await (ctx.limit ?? direct)(async () =>
        ctx.http.request(pageUrl, {
          headers: { authorization: `Bearer ${(await ctx.auth.token()).accessToken}`, accept: 'application/json' },
          budget,
          expectJson: true,
        }),
      );
      const body = r.json as { value?: unknown; '@odata.nextLink'?: unknown } | null;
      if (!body || !Array.isArray(body.value)) {
        throw new Error(`expected a Graph collection {"value": [...]}, found ${body === null ? 'null' : typeof body}`);
      }
      pages++;
      let value = body.value as Json[];
      if (options.local) {
        // Filtered here: the page is written with only the records the rule keeps, the rest as received.
        value = value.filter(options.local);
        await ctx.writer.page(snapPath, pages, JSON.stringify({ ...body, value }));
      } else await ctx.writer.page(snapPath, pages, r.text);
      records += value.length;
      if (options.keep) kept.push(...value);
      ctx.progress.update(label, records, pages);
      const next = body['@odata.nextLink'];
      url = typeof next === 'string' && next ? next : null;
      if (url && seen.has(url)) {
        // A paging loop on the server side: stop rather than request the same pages for ever.
        throw new Error(`@odata.nextLink repeats an earlier page (${safeUrl(url)}); paging stopped`);
      }
      if (url) seen.add(url);
      if (url && !sameOrigin(url, ctx.baseUrl)) {
        // The bearer token goes only to the Graph endpoint the tool was configured with.
        throw new Error(`@odata.nextLink points to another host (${safeUrl(url)}); not followed`);
      }
    }
    const entry: ManifestEntry = { status: 'complete', records, pages };
    if (query) entry.query = query;
    ctx.writer.entry(snapPath, entry);
    ctx.progress.done(label, entry);
    return { entry, records: kept };
  } catch (err) {
    if (options.refusedAs400 && pages === 0 && err instanceof HttpStatusError && err.status === 400) return REFUSED;
    const entry = entryOfError(err, datasetId, 'graph', { records, pages, query });
    ctx.writer.entry(snapPath, entry);
    ctx.progress.done(label, entry);
    return { entry, records: kept };
  }
}

/** One GET of a Graph page (relative to /v1.0), with the context's token and limit. */
export async function graphPageOf(ctx: GraphContext, relative: string, budget: RetryBudget) {
  return (ctx.limit ?? direct)(async () =>
    ctx.http.request(`${ctx.baseUrl}/v1.0/${relative}`, {
      headers: { authorization: `Bearer ${(await ctx.auth.token()).accessToken}`, accept: 'application/json' },
      budget,
      expectJson: true,
    }),
  );
}

/** Reads one Graph entity (a group) and writes it as `PATH.json`. */
export async function graphEntity(
  ctx: GraphContext,
  datasetId: string,
  path: string,
  query: string,
): Promise<ManifestEntry> {
  const snapPath = `graph/v1.0/${path}`;
  try {
    const r = await (ctx.limit ?? direct)(async () =>
      ctx.http.request(`${ctx.baseUrl}/v1.0/${path}${query ? `?${query}` : ''}`, {
        headers: { authorization: `Bearer ${(await ctx.auth.token()).accessToken}`, accept: 'application/json' },
        budget: newBudget(),
        expectJson: true,
      }),
    );
    await ctx.writer.body(snapPath, r.text);
    const entry: ManifestEntry = { status: 'complete', records: 1, pages: 1 };
    if (query) entry.query = query;
    ctx.writer.entry(snapPath, entry);
    return entry;
  } catch (err) {
    const entry =
      err instanceof HttpStatusError && err.status === 404
        ? { status: 'failed' as const, httpStatus: 404, error: 'not found (deleted?)' }
        : entryOfError(err, datasetId, 'graph', { records: 0, pages: 0, query });
    ctx.writer.entry(snapPath, entry);
    return entry;
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

const direct = <T>(fn: () => Promise<T>): Promise<T> => fn();

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Group ids named by compliance policy assignments and by the Jamf partners' assignments. */
export function groupsToRead(policies: Json[], legacy: Json[], compliance: Json[]): string[] {
  const ids = new Set<string>();
  const take = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const a of list) {
      const id = (a as { target?: { groupId?: unknown } })?.target?.groupId;
      if (typeof id === 'string' && GUID.test(id)) ids.add(id.toLowerCase());
    }
  };
  for (const p of policies) take(p.assignments);
  for (const p of legacy) take(p.groupsRequiringPartnerEnrollment);
  for (const p of compliance) take(p.macOsEnrollmentAssignments);
  return [...ids].sort();
}

/** The service principals whose granted permissions the checks read: the Jamf apps and connectors. */
export function servicePrincipalsToRead(sps: Json[], legacy: Json[]): string[] {
  const partnerApps = new Set(
    legacy.map((p) => String(p.singleTenantAppId ?? '').toLowerCase()).filter((x) => GUID.test(x)),
  );
  return sps
    .filter((sp) => {
      const name = String(sp.displayName ?? '');
      return /jamf|cloud connector/i.test(name) || partnerApps.has(String(sp.appId ?? '').toLowerCase());
    })
    .map((sp) => String(sp.id))
    .filter((id) => GUID.test(id))
    .sort();
}

export interface GraphCollection {
  entries: Map<string, ManifestEntry>;
  tenant: { id: string | null; name: string | null };
  compliancePartners: Json[];
  /** Resolves when the connector datasets are known (the Jamf side waits on it to choose its mode). */
}

/** Collects every Graph dataset. `onPartners` is called as soon as the connector datasets are in. */
export async function collectGraph(
  ctx: GraphContext,
  onPartners: (legacy: PagedResult, compliance: PagedResult) => void,
): Promise<GraphCollection> {
  const entries = new Map<string, ManifestEntry>();
  const q = GRAPH_QUERIES;
  ctx = { ...ctx, limit: ctx.limit ?? limiter(GRAPH_CONCURRENCY) };
  const run = direct;
  const one = (key: keyof typeof DATASETS & keyof typeof GRAPH_QUERIES, keep = false) => {
    const filter = ctx.full ? undefined : GRAPH_FILTERS[key];
    const read = () =>
      graphCollection(ctx, DATASETS[key].id, q[key]!.path, q[key]!.query, {
        keep,
        label: DATASETS[key].id,
        ...(filter ? { filter } : {}),
      });
    // Entra devices and users: by delta from a previous snapshot, or read whole after taking their delta link.
    return withDelta(ctx, key, read, filter ? { query: filter.filter, local: filter.local } : null);
  };

  const org = one('organization', true);
  if (ctx.delta)
    ctx.delta.tenant = org.then(({ records }) => (typeof records[0]?.id === 'string' ? records[0].id : null));
  const legacy = one('legacyPartners', true);
  const compliance = one('compliancePartners', true);
  void Promise.all([legacy, compliance]).then(([l, c]) => onPartners(l, c));
  const policies = one('compliancePolicies', true);
  const sps = one('servicePrincipals', true);
  const rest = (
    [
      'managedDevices',
      'devices',
      'applications',
      'permissionGrants',
      // Users are read whole only with --full; otherwise only the Macs' users, once the Jamf and Intune records
      // that name them are written (users.ts, called by collect/collect.ts).
      ...(ctx.full ? (['users'] as const) : []),
      'subscribedSkus',
      'conditionalAccess',
    ] as const
  ).map((k) => one(k).then((r) => entries.set(DATASETS[k].id, r.entry)));

  const [o, l, c, p, s] = await Promise.all([org, legacy, compliance, policies, sps]);
  entries.set(DATASETS.organization.id, o.entry);
  entries.set(DATASETS.legacyPartners.id, l.entry);
  entries.set(DATASETS.compliancePartners.id, c.entry);
  entries.set(DATASETS.compliancePolicies.id, p.entry);
  entries.set(DATASETS.servicePrincipals.id, s.entry);

  // Only the groups that assignments name, and only the service principals of the Jamf apps.
  const family: Array<Promise<unknown>> = [];
  for (const id of groupsToRead(p.records, l.records, c.records)) {
    family.push(
      run(() => graphEntity(ctx, DATASETS.groups.id, `groups/${id}`, `$select=${selectOf(G.group)}`)),
      run(() =>
        // transitiveMembers, not members: an assignment reaches the devices of nested groups too.
        graphCollection(
          ctx,
          DATASETS.groupMembers.id,
          `groups/${id}/transitiveMembers`,
          `$select=id&$top=${DIRECTORY_TOP}`,
          { label: 'graph/v1.0/groups/{id}/transitiveMembers' },
        ),
      ),
    );
  }
  for (const id of servicePrincipalsToRead(s.records, l.records)) {
    family.push(
      run(() =>
        graphCollection(
          ctx,
          DATASETS.appRoleAssignments.id,
          `servicePrincipals/${id}/appRoleAssignments`,
          `$top=${DIRECTORY_TOP}`,
          { label: 'graph/v1.0/servicePrincipals/{id}/appRoleAssignments' },
        ),
      ),
    );
  }
  await Promise.all([...rest, ...family]);
  const orgRec = o.records[0];
  return {
    entries,
    tenant: {
      id: typeof orgRec?.id === 'string' ? orgRec.id : null,
      name: typeof orgRec?.displayName === 'string' ? orgRec.displayName : null,
    },
    compliancePartners: c.records,
  };
}
