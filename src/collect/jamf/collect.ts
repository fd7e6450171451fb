/**
 * Jamf Pro API dataset collectors: version, check-in settings, computer inventory (the newest of v4..v1 the
 * server offers, the sections the checks read, page-size 2000, pages fetched concurrently) and, in Device
 * Compliance mode, each managed computer's compliance information. Never more than five requests in flight to Jamf Pro
 * (Jamf's scalability guidance), so never more than five connections.
 */
import { DATASETS } from '../../model/datasets.js';
import type { ManifestEntry, SnapshotWriter } from '../../snapshot/writer.js';
import { entryOfError, newBudget } from '../datasets.js';
import { type Http, HttpStatusError, limiter, type RetryBudget } from '../http.js';
import type { Progress } from '../progress.js';
import type { JamfAuth } from './auth.js';
import { applicabilityOf, collectSections, registeredRecord } from './sections.js';

export const JAMF_MAX_CONNECTIONS = 5;
export const JAMF_PAGE_SIZE = 2000;
export const INVENTORY_SECTIONS = [
  'GENERAL',
  'HARDWARE',
  'USER_AND_LOCATION',
  'LOCAL_USER_ACCOUNTS',
  'OPERATING_SYSTEM',
];

export interface JamfContext {
  http: Http;
  auth: JamfAuth;
  writer: SnapshotWriter;
  progress: Progress;
  url: string;
}

/** The inventory versions a Jamf Pro version is expected to serve, newest first (v3 from 11.23, v4 from 11.30). */
export function expectedInventoryVersions(version: string | null): number[] {
  if (!version) return [4, 3, 2, 1];
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return [4, 3, 2, 1];
  const v = Number(m[1]) * 100 + Number(m[2]);
  if (v >= 1130) return [4, 3, 2, 1];
  if (v >= 1123) return [3, 2, 1];
  return [2, 1];
}

export function inventoryQuery(_version: number, page: number, pageSize = JAMF_PAGE_SIZE): string {
  const sections = INVENTORY_SECTIONS.map((s) => `section=${s}`).join('&');
  return `${sections}&page=${page}&page-size=${pageSize}&sort=id%3Aasc`;
  // `id:asc` keeps pages stable while they are fetched concurrently (valid on v1..v4).
}

export interface JamfCollection {
  entries: Map<string, ManifestEntry>;
  version: string | null;
  computerIds: string[];
}

export async function collectJamf(ctx: JamfContext, complianceMode: Promise<boolean>): Promise<JamfCollection> {
  const base = ctx.url.replace(/\/$/, '');
  const run = limiter(JAMF_MAX_CONNECTIONS);
  const entries = new Map<string, ManifestEntry>();
  const send = (path: string, budget: RetryBudget, token: string) =>
    ctx.http.request(`${base}/${path}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      budget,
      expectJson: true,
    });
  const get = (path: string, budget: RetryBudget) =>
    run(async () => {
      let token = await ctx.auth.bearer();
      // A token renewed (and so invalidated) while this request was on its way: again with the new one, at most
      // twice (a renewal can land during the retry too); a third 401 is a real refusal.
      for (let attempt = 0; ; attempt++) {
        try {
          return await send(path, budget, token);
        } catch (err) {
          if (!(err instanceof HttpStatusError && err.status === 401) || attempt === 2) throw err;
          token = await ctx.auth.refresh(token);
        }
      }
    });
  const entity = async (datasetId: string, path: string): Promise<{ entry: ManifestEntry; json: unknown }> => {
    const snap = `jamf/${path}`;
    ctx.progress.start(snap);
    try {
      const r = await get(path, newBudget());
      await ctx.writer.body(snap, r.text);
      const entry: ManifestEntry = { status: 'complete', records: 1, pages: 1 };
      ctx.writer.entry(snap, entry);
      ctx.progress.done(snap, entry);
      return { entry, json: r.json };
    } catch (err) {
      const entry = entryOfError(err, datasetId, 'jamf', { records: 0, pages: 0 });
      ctx.writer.entry(snap, entry);
      ctx.progress.done(snap, entry);
      return { entry, json: null };
    }
  };

  // Sign in first: a refused credential stops the Jamf side with one clear error.
  await ctx.auth.bearer();
  const [ver, checkIn] = await Promise.all([
    entity(DATASETS.jamfVersion.id, 'api/v1/jamf-pro-version'),
    entity(DATASETS.checkIn.id, 'api/v3/check-in'),
  ]);
  entries.set(DATASETS.jamfVersion.id, ver.entry);
  entries.set(DATASETS.checkIn.id, checkIn.entry);
  const rawVersion = (ver.json as { version?: unknown } | null)?.version;
  const version = typeof rawVersion === 'string' ? rawVersion.replace(/-t\d+$/, '') : null;

  // Inventory: the newest version the server offers (by its version, then by availability).
  const inv = await inventory(ctx, get, expectedInventoryVersions(version));
  entries.set(DATASETS.computers.id, inv.entry);

  // Only the computers Jamf Pro manages: the checks judge no other, and each is one request.
  const wanted = inv.ids.filter((id) => !inv.unmanaged.has(id));
  const dc = await complianceMode;
  /** What each computer's compliance information says (Device Compliance mode): for the sections read next. */
  const applicability = new Map<string, 'applies' | 'not-applicable' | null>();
  if (dc && wanted.length > 0) {
    const budget = newBudget(wanted.length);
    const label = 'jamf/api/v1/conditional-access/device-compliance-information/computer/{id}';
    ctx.progress.start(label);
    let done = 0;
    let failed = 0;
    let forbidden: ManifestEntry | null = null;
    await Promise.all(
      wanted.map(async (id) => {
        const path = `api/v1/conditional-access/device-compliance-information/computer/${encodeURIComponent(id)}`;
        const snap = `jamf/${path}`;
        try {
          const r = await get(path, budget);
          await ctx.writer.body(snap, r.text);
          ctx.writer.entry(snap, { status: 'complete', records: Array.isArray(r.json) ? r.json.length : 1, pages: 1 });
          applicability.set(id, applicabilityOf(r.json));
        } catch (err) {
          failed++;
          const e = entryOfError(err, DATASETS.jamfCompliance.id, 'jamf', { records: 0, pages: 0 });
          if (e.status === 'forbidden') forbidden ??= e;
          ctx.writer.entry(snap, e);
        }
        ctx.progress.update(label, ++done, done);
      }),
    );
    // Refused for every computer: the API client lacks the privilege (Read Device Compliance Information), which
    // the summary names, rather than a partial read.
    const entry: ManifestEntry =
      forbidden && failed === wanted.length
        ? forbidden
        : failed
          ? { status: 'partial', records: done - failed, expected: wanted.length, error: `${failed} computers failed` }
          : { status: 'complete', records: done, pages: done };
    const summary: ManifestEntry =
      inv.entry.status === 'complete'
        ? entry
        : {
            ...entry,
            status: 'partial',
            error: `${entry.error ? `${entry.error}; ` : ''}the inventory was ${inv.entry.status}`,
          };
    entries.set(DATASETS.jamfCompliance.id, summary);
    ctx.writer.entry(DATASETS.jamfCompliance.id, summary);
    ctx.progress.done(label, summary);
  } else {
    // Said in the manifest, so that no reader sees a dataset left out without a reason.
    const skipped: ManifestEntry = {
      status: 'skipped',
      error:
        'read only in Device Compliance mode (a Jamf compliance partner onboarded for macOS) or with --compliance-info always',
    };
    entries.set(DATASETS.jamfCompliance.id, skipped);
    ctx.writer.entry(DATASETS.jamfCompliance.id, skipped);
  }

  // Device Compliance registration (sections.ts): the profiles of the unregistered Macs it applies to, the
  // applications of the Macs it does not apply to; after the inventory and the compliance information they rest on.
  const plan =
    dc && inv.version !== null
      ? {
          unregistered: wanted.filter((id) => applicability.get(id) === 'applies' && !inv.registered.has(id)),
          notApplicable: wanted.filter((id) => applicability.get(id) === 'not-applicable'),
        }
      : null;
  const sections = await collectSections(
    { writer: ctx.writer, progress: ctx.progress, get, apiVersion: inv.version ?? 1 },
    plan,
    inv.entry,
    dc
      ? 'the computer inventory could not be read, so which Macs need these sections is unknown'
      : 'read only in Device Compliance mode (a Jamf compliance partner onboarded for macOS), for the Macs that are not registered or not applicable',
  );
  for (const [id, e] of sections) entries.set(id, e);
  return { entries, version, computerIds: inv.ids };
}

async function inventory(
  ctx: JamfContext,
  get: (path: string, budget: RetryBudget) => Promise<{ text: string; json: unknown }>,
  versions: number[],
): Promise<{
  entry: ManifestEntry;
  ids: string[];
  unmanaged: Set<string>;
  registered: Set<string>;
  version: number | null;
}> {
  const budget = newBudget();
  let lastErr: unknown = null;
  for (const v of versions) {
    const path = `api/v${v}/computers-inventory`;
    const snap = `jamf/${path}`;
    const query0 = inventoryQuery(v, 0);
    let first: { text: string; json: unknown };
    ctx.progress.start(snap);
    try {
      first = await get(`${path}?${query0}`, budget);
    } catch (err) {
      lastErr = err;
      if (err instanceof HttpStatusError && err.status === 404) continue; // not offered: try an older version
      const entry = entryOfError(err, DATASETS.computers.id, 'jamf', { records: 0, pages: 0, query: query0 });
      ctx.writer.entry(snap, entry);
      ctx.progress.done(snap, entry);
      return { entry, ids: [], unmanaged: new Set(), registered: new Set(), version: null };
    }
    const body = first.json as { totalCount?: unknown; results?: unknown };
    if (!Array.isArray(body?.results)) {
      const entry: ManifestEntry = {
        status: 'failed',
        records: 0,
        pages: 0,
        query: query0,
        error: 'page 0: the body has no results array',
      };
      ctx.writer.entry(snap, entry);
      ctx.progress.done(snap, entry);
      return { entry, ids: [], unmanaged: new Set(), registered: new Set(), version: null };
    }
    const results = body.results as Array<{ id?: unknown }>;
    const total = typeof body?.totalCount === 'number' ? body.totalCount : results.length;
    // Page by what the server serves, not by what was asked: a server that caps pages below page-size (page 0
    // short of totalCount) is asked for pages of that size, so that page N starts where page N-1 ended.
    const size =
      results.length > 0 && results.length < Math.min(JAMF_PAGE_SIZE, total) ? results.length : JAMF_PAGE_SIZE;
    const pageCount = Math.max(1, Math.ceil(total / size));
    const ids: string[][] = new Array(pageCount).fill(null).map(() => []);
    const unmanaged = new Set<string>();
    const registered = new Set<string>();
    const note = (
      list: Array<{
        id?: unknown;
        general?: { remoteManagement?: { managed?: unknown } | null } | null;
        localUserAccounts?: unknown;
      }>,
    ) => {
      for (const r of list) {
        if (r.general?.remoteManagement?.managed === false) unmanaged.add(String(r.id));
        if (registeredRecord(r)) registered.add(String(r.id));
      }
    };
    ids[0] = results.map((r) => String(r.id));
    note(results);
    await ctx.writer.page(snap, 1, first.text);
    let records = results.length;
    let pages = 1;
    ctx.progress.update(snap, records, pages);
    const failures: string[] = [];
    const lengths: number[] = [results.length];
    const fetchPage = async (page: number): Promise<void> => {
      try {
        const r = await get(`${path}?${inventoryQuery(v, page, size)}`, budget);
        const b = r.json as { results?: unknown };
        if (!Array.isArray(b?.results)) throw new Error('the body has no results array');
        const list = b.results as Array<{ id?: unknown }>;
        ids[page] = list.map((x) => String(x.id));
        lengths[page] = list.length;
        note(list);
        await ctx.writer.page(snap, page + 1, r.text);
        records += list.length;
        pages++;
        ctx.progress.update(snap, records, pages);
      } catch (err) {
        failures.push(
          `page ${page}: ${entryOfError(err, DATASETS.computers.id, 'jamf', { records: 0, pages: 0 }).error ?? 'failed'}`,
        );
      }
    };
    await Promise.all(Array.from({ length: pageCount - 1 }, (_, i) => i + 1).map(fetchPage));
    // Until totalCount: computers added while paging push rows past the last page counted from page 0.
    for (let page = pageCount; !failures.length && records < total && lengths[page - 1] === size; page++) {
      await fetchPage(page);
    }
    const query = inventoryQuery(v, 0, size).replace('page=0&', '');
    // Computers added or deleted between page requests shift the pages: a count that differs from totalCount
    // means a computer may be missing, so the inventory is partial, never complete.
    if (!failures.length && records !== total) failures.push(`${records} records read, totalCount says ${total}`);
    const entry: ManifestEntry = failures.length
      ? { status: 'partial', records, pages, expected: total, query, error: failures.sort().join('; ') }
      : { status: 'complete', records, pages, query };
    ctx.writer.entry(snap, entry);
    ctx.progress.done(snap, entry);
    return { entry, ids: [...new Set(ids.flat())], unmanaged, registered, version: v };
  }
  const entry = entryOfError(lastErr, DATASETS.computers.id, 'jamf', { records: 0, pages: 0 });
  ctx.writer.entry('jamf/api/v1/computers-inventory', entry);
  return { entry, ids: [], unmanaged: new Set(), registered: new Set(), version: null };
}
