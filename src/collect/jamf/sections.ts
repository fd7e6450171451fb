/**
 * The Jamf data of the Device Compliance registration checks that is read for some computers only, so that a fleet
 * where nothing is in question costs nothing more (issue 13 rows 9 and 20; cost figures in docs/live-collection.md):
 *
 * - CONFIGURATION_PROFILES for the managed computers Device Compliance applies to that are not registered with Entra
 *   (jamf/sso-extension-profile-missing), then the Classic macOS configuration profiles installed on them, each
 *   profile once whatever the number of Macs: `GET /JSSResource/osxconfigurationprofiles` (the list, to ask only
 *   for ids Jamf Pro has) and `GET /JSSResource/osxconfigurationprofiles/id/{id}/subset/General` (`general.payloads`).
 * - APPLICATIONS (hundreds of records per Mac) for the managed computers Device Compliance does not apply to
 *   (jamf/company-portal-missing).
 *
 * A section is asked with the inventory's own request, one section and an RSQL id filter:
 * `computers-inventory?section=APPLICATIONS&page=0&page-size=N&filter=id=in=(1,2,…)` (RSQL `=in=`: Jamf developer
 * docs "Filtering with RSQL", https://developer.jamf.com/jamf-pro/docs/filtering-with-rsql; `id` is among the
 * computers-inventory filter fields, macadmins/jamf-pro-sdk-python `api_options.py`), ids in chunks so that a URL
 * stays short. Each answer is stored as one page file of `jamf/computers-inventory-sections/<SECTION>/`.
 */
import { DATASETS } from '../../model/datasets.js';
import type { ManifestEntry, SnapshotWriter } from '../../snapshot/writer.js';
import { entryOfError, newBudget } from '../datasets.js';
import type { RetryBudget } from '../http.js';
import type { Progress } from '../progress.js';

/** Ids per filtered request: ~100 ids of up to 6 digits keep the URL under 1 KB. */
export const SECTION_CHUNK = 100;
/**
 * Most computers a section is read for. APPLICATIONS is ~50 KB per Mac with a few hundred apps: a tenant where
 * Device Compliance applies to no Mac (an Applicable group that matches nothing) would otherwise cost ~100 MB at
 * 2,000 Macs, for a finding the first 200 show as well. The rest are "could not check" in the checks' coverage,
 * and the manifest entry says how many were left out.
 */
export const SECTION_MAX_COMPUTERS = 200;

type Get = (path: string, budget: RetryBudget) => Promise<{ text: string; json: unknown }>;

export interface SectionContext {
  writer: SnapshotWriter;
  progress: Progress;
  get: Get;
  /** The inventory version the server served (1–4). */
  apiVersion: number;
  /** Most computers per section (default SECTION_MAX_COMPUTERS). */
  maxComputers?: number;
}

export interface SectionPlan {
  /** Managed computers Device Compliance applies to, not registered with Entra. */
  unregistered: string[];
  /** Managed computers Device Compliance does not apply to. */
  notApplicable: string[];
}

/** Is a computers-inventory record registered with Entra (as the check reads it: a device id, ACTIVATED, UNRESPONSIVE)? */
export function registeredRecord(r: { localUserAccounts?: unknown }): boolean {
  const accounts = Array.isArray(r.localUserAccounts) ? (r.localUserAccounts as Array<Record<string, unknown>>) : [];
  return accounts.some((a) => {
    const id = a.computerAzureActiveDirectoryId;
    const state = typeof a.azureActiveDirectoryId === 'string' ? a.azureActiveDirectoryId.toUpperCase() : '';
    return (typeof id === 'string' && id !== '') || state === 'ACTIVATED' || state === 'UNRESPONSIVE';
  });
}

/** What a device-compliance-information answer says: applies, not-applicable (every entry false), or neither. */
export function applicabilityOf(json: unknown): 'applies' | 'not-applicable' | null {
  const list = Array.isArray(json) ? (json as Array<{ applicable?: unknown }>) : [];
  if (list.some((i) => i?.applicable === true)) return 'applies';
  if (list.length > 0 && list.every((i) => i?.applicable === false)) return 'not-applicable';
  return null;
}

export const sectionQuery = (section: string, ids: readonly string[]): string =>
  `section=${section}&page=0&page-size=${ids.length}&filter=${encodeURIComponent(`id=in=(${ids.join(',')})`)}`;

/** Reads one section for the given computers; returns the manifest entry and the records read. */
async function readSection(
  ctx: SectionContext,
  section: 'CONFIGURATION_PROFILES' | 'APPLICATIONS',
  datasetId: string,
  wanted: readonly string[],
): Promise<{ entry: ManifestEntry; records: Array<Record<string, unknown>> }> {
  let ids = wanted;
  const snap = datasetId;
  const max = ctx.maxComputers ?? SECTION_MAX_COMPUTERS;
  const left = Math.max(0, ids.length - max);
  if (left > 0) ids = ids.slice(0, max);
  const query = `section=${section}&filter=id=in=(…)${left ? ` (the first ${max} computers in question; ${left} more not read)` : ''}`;
  const records: Array<Record<string, unknown>> = [];
  if (ids.length === 0) {
    // Nothing in question: a complete read of nothing, and no request.
    const entry: ManifestEntry = { status: 'complete', records: 0, pages: 0, query };
    ctx.writer.entry(snap, entry);
    return { entry, records };
  }
  ctx.progress.start(snap);
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += SECTION_CHUNK) chunks.push(ids.slice(i, i + SECTION_CHUNK) as string[]);
  const budget = newBudget(chunks.length);
  const path = `api/v${ctx.apiVersion}/computers-inventory`;
  const failures: string[] = [];
  let forbidden: ManifestEntry | null = null;
  let pages = 0;
  const texts: string[] = new Array(chunks.length);
  await Promise.all(
    chunks.map(async (chunk, k) => {
      try {
        const r = await ctx.get(`${path}?${sectionQuery(section, chunk)}`, budget);
        const results = (r.json as { results?: unknown })?.results;
        if (!Array.isArray(results)) throw new Error('the body has no results array');
        const wanted = new Set(chunk);
        // A server that ignored the filter answers with other computers: not what was asked, so not complete.
        if (results.some((x) => !wanted.has(String((x as { id?: unknown })?.id)))) {
          throw new Error('the answer holds computers that were not asked for (the id filter was ignored)');
        }
        texts[k] = r.text;
        for (const x of results) records.push(x as Record<string, unknown>);
      } catch (err) {
        const e = entryOfError(err, datasetId, 'jamf', { records: 0, pages: 0 });
        if (e.status === 'forbidden') forbidden ??= e;
        failures.push(`ids ${chunk[0]}…${chunk[chunk.length - 1]}: ${e.error ?? `HTTP ${e.httpStatus ?? '?'}`}`);
      }
    }),
  );
  // Page files in chunk order, numbered without gaps.
  for (const text of texts) if (text !== undefined) await ctx.writer.page(snap, ++pages, text);
  const entry: ManifestEntry =
    forbidden && failures.length === chunks.length
      ? { ...(forbidden as ManifestEntry), query }
      : failures.length
        ? { status: 'partial', records: records.length, pages, expected: ids.length, query, error: failures.join('; ') }
        : { status: 'complete', records: records.length, pages, query };
  ctx.writer.entry(snap, entry);
  ctx.progress.done(snap, entry);
  return { entry, records };
}

/** The Classic profiles installed on the computers read: the list, then each installed one that Jamf Pro has. */
async function readProfiles(
  ctx: SectionContext,
  section: { entry: ManifestEntry; records: Array<Record<string, unknown>> },
): Promise<Map<string, ManifestEntry>> {
  const out = new Map<string, ManifestEntry>();
  const listId = DATASETS.macosProfileList.id;
  const family = DATASETS.macosProfiles.id;
  const installed = new Set<string>();
  for (const r of section.records) {
    const list = Array.isArray(r.configurationProfiles) ? (r.configurationProfiles as Array<{ id?: unknown }>) : [];
    for (const p of list) if (p?.id != null && String(p.id) !== '') installed.add(String(p.id));
  }
  const done = (id: string, e: ManifestEntry) => {
    out.set(id, e);
    ctx.writer.entry(id, e);
  };
  if (installed.size === 0) {
    done(listId, { status: 'complete', records: 0, pages: 0 });
    done(family, { status: 'complete', records: 0, pages: 0 });
    return out;
  }
  ctx.progress.start(listId);
  let listed: Set<string>;
  try {
    const r = await ctx.get('JSSResource/osxconfigurationprofiles', newBudget());
    await ctx.writer.body(listId, r.text);
    const raw = (r.json as { os_x_configuration_profiles?: unknown })?.os_x_configuration_profiles;
    const items = Array.isArray(raw) ? (raw as Array<{ id?: unknown; profile?: { id?: unknown } }>) : [];
    listed = new Set(items.map((x) => String(x?.id ?? x?.profile?.id)));
    const e: ManifestEntry = { status: 'complete', records: items.length, pages: 1 };
    done(listId, e);
    ctx.progress.done(listId, e);
  } catch (err) {
    const e = entryOfError(err, listId, 'jamf', { records: 0, pages: 0 });
    done(listId, e);
    ctx.progress.done(listId, e);
    done(family, { ...entryOfError(err, family, 'jamf', { records: 0, pages: 0 }) });
    return out;
  }
  const ids = [...installed].filter((id) => listed.has(id)).sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  const budget = newBudget(ids.length);
  let failed = 0;
  let forbidden: ManifestEntry | null = null;
  await Promise.all(
    ids.map(async (id) => {
      // The General subset only: `general.payloads` without the scope (which can list every scoped computer) and
      // the Self Service settings; `/subset/General` as public scripts use it on this endpoint.
      const path = `JSSResource/osxconfigurationprofiles/id/${encodeURIComponent(id)}/subset/General`;
      const snap = `jamf/${path}`;
      try {
        const r = await ctx.get(path, budget);
        await ctx.writer.body(snap, r.text);
        ctx.writer.entry(snap, { status: 'complete', records: 1, pages: 1 });
      } catch (err) {
        failed++;
        const e = entryOfError(err, family, 'jamf', { records: 0, pages: 0 });
        if (e.status === 'forbidden') forbidden ??= e;
        ctx.writer.entry(snap, e);
      }
    }),
  );
  const summary: ManifestEntry =
    forbidden && failed === ids.length
      ? forbidden
      : failed
        ? { status: 'partial', records: ids.length - failed, expected: ids.length, error: `${failed} profiles failed` }
        : { status: 'complete', records: ids.length, pages: ids.length };
  // The computers' profiles were only partly read: so are the profiles installed on them.
  done(
    family,
    section.entry.status === 'complete' || summary.status !== 'complete'
      ? summary
      : { ...summary, status: 'partial', error: `the installed profiles were ${section.entry.status}` },
  );
  return out;
}

/**
 * Collects the sections of the plan and the profiles they name. Returns the manifest entries by dataset id. With
 * `skip` (not Device Compliance mode, or no inventory), every dataset is `skipped`.
 */
export async function collectSections(
  ctx: SectionContext,
  plan: SectionPlan | null,
  inventory: ManifestEntry,
  /** Why there is no plan (said in the manifest of every dataset skipped). */
  whyNot = 'read only in Device Compliance mode, once the computer inventory was read',
): Promise<Map<string, ManifestEntry>> {
  const ids = [
    DATASETS.installedProfiles.id,
    DATASETS.computerApplications.id,
    DATASETS.macosProfileList.id,
    DATASETS.macosProfiles.id,
  ];
  const out = new Map<string, ManifestEntry>();
  if (!plan) {
    for (const id of ids) {
      const skipped: ManifestEntry = { status: 'skipped', error: whyNot };
      out.set(id, skipped);
      ctx.writer.entry(id, skipped);
    }
    return out;
  }
  const [profiles, apps] = await Promise.all([
    readSection(ctx, 'CONFIGURATION_PROFILES', DATASETS.installedProfiles.id, plan.unregistered),
    readSection(ctx, 'APPLICATIONS', DATASETS.computerApplications.id, plan.notApplicable),
  ]);
  const partial = (e: ManifestEntry): ManifestEntry =>
    inventory.status === 'complete' || e.status !== 'complete'
      ? e
      : { ...e, status: 'partial', error: `the computers were chosen from an inventory that was ${inventory.status}` };
  for (const [id, e] of [
    [DATASETS.installedProfiles.id, profiles.entry],
    [DATASETS.computerApplications.id, apps.entry],
  ] as const) {
    const final = partial(e);
    out.set(id, final);
    if (final !== e) ctx.writer.entry(id, final);
  }
  for (const [id, e] of await readProfiles(ctx, profiles)) out.set(id, e);
  return out;
}
