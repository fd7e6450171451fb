import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { toMillis } from '../api/common.js';
import * as G from '../api/graph.js';
import * as J from '../api/jamf.js';
import { InputError, SourceError } from '../errors.js';
import { analyzeMac } from '../logs/analyze.js';
import { emptyCollected } from '../model/collected.js';
import { Keys } from '../model/columns.js';
import { DATASETS, type DatasetDef } from '../model/datasets.js';
import type { EntraPage, IntunePage, JamfPage, Page, UserPage } from '../model/page.js';
import * as R from '../model/records.js';
import { type Tables, TablesBuilder } from '../model/tables.js';
import type { Collected, DatasetState, Group, NetworkProbeResult } from '../model/types.js';
import { envelopeOf } from './envelope.js';
import { FAST } from './fast.js';
import {
  type DatasetSource,
  type Envelope,
  exists,
  isAbsent,
  listFamily,
  locate,
  pageFiles,
  parseJsonFile,
  readBatches,
  readPage,
  unreadable,
} from './files.js';
import { KINDS, type KindName } from './kinds.js';
import { COLLECTING_REASON, type Manifest, parseManifest } from './manifest.js';
import { nativeAddon, scanPageFast } from './native.js';
import { ScanPool } from './scan-pool.js';
import { reduceBatch, validateBatch } from './validate.js';

export interface ReadOptions {
  /** The clock when the snapshot has no manifest (ISO date). */
  asOf?: string | undefined;
  /**
   * Scan the large page folders on worker threads (on by default; JIDOCTOR_WORKERS=0 scans them on the main
   * thread). A page moves back as transferred typed arrays, not cloned records.
   */
  workers?: boolean;
  /**
   * Read the four large datasets with the projecting byte scanner (on by default; JIDOCTOR_SCAN=0 parses every
   * file with JSON.parse and the schemas, as the scanner's fallback does for a page it is not sure of).
   */
  scan?: boolean;
  /** Page folders with at least this many pages are scanned by the worker pool (default 8; tests use 1). */
  poolMinPages?: number;
}

/** Page folders with at least this many pages are scanned by the worker pool. */
const PARALLEL_MIN_PAGES = 8;
/**
 * Pages in flight per worker: enough to keep both cores busy while the main thread takes the pages in order, through
 * its pauses (a GC, a large page). At 1M Macs with the native scanner, 3 left the workers idle ~0.5 s each; 16 read
 * in 2.79 s instead of 2.98 s (32 and 64 gave nothing more), with the same peak RSS.
 */
const IN_FLIGHT_PER_WORKER = 16;

type ManifestEntry = Manifest['datasets'][string];

/** Where the records of the four large datasets go: one at a time (slow path) or a page of columns at a time. */
export interface KindSink<K extends KindName> {
  record(r: ReturnType<(typeof KINDS)[K]['reduce']>): void;
  page(p: Page): void;
  /** About how many records are coming (the first page's count times the pages), to size the columns once. */
  expect?(records: number): void;
}

/**
 * The page scans of every large dataset, in reading order, kept a fixed number ahead of the one being taken: the
 * workers go on with the next dataset's pages while the main thread takes in the end of the current one.
 */
class ScanQueue {
  private readonly tasks: Array<{ rel: string; kind: KindName; apiVersion: number; page?: Promise<Page | null> }> = [];
  private issued = 0;
  constructor(
    private readonly pool: ScanPool,
    private readonly root: string,
    private readonly depth: number,
    /** The native key dictionaries the workers intern the pages' keys into (Keys.nativeHandles), or null. */
    private readonly dicts: Int32Array | null,
  ) {}
  add(rel: string, kind: KindName, apiVersion: number): number {
    this.tasks.push({ rel, kind, apiVersion });
    return this.tasks.length - 1;
  }
  /** The scan of task i (tasks are taken in order). */
  take(i: number): Promise<Page | null> {
    while (this.issued < this.tasks.length && this.issued <= i + this.depth) {
      const t = this.tasks[this.issued++]!;
      t.page = this.pool.scan(join(this.root, t.rel), t.kind, t.apiVersion, t.rel, this.dicts);
      t.page.catch(() => undefined); // awaited in order by take(); a later page's error must not go unhandled
    }
    const page = this.tasks[i]!.page!;
    this.tasks[i]!.page = undefined;
    return page;
  }
}

interface Planned {
  source: DatasetSource | null;
  files: string[];
  /** Index of the first file in the scan queue, or -1 when the dataset is not read through the pool. */
  first: number;
}

class Reader {
  readonly datasets = new Map<string, DatasetState>();
  /** What the report must say about the snapshot as a whole (an unfinished collection, a contradicted manifest). */
  readonly warnings: string[] = [];
  newestMtime = 0;
  found = 0;
  pool: ScanPool | null = null;
  private queue: ScanQueue | null = null;
  private readonly planned = new Map<string, Planned>();
  /**
   * The key dictionaries of the tables being built; native ones when pages are scanned and the addon is there,
   * so that the scanning threads intern the pages' keys (columns.ts KeyDict).
   */
  readonly keys: Keys;
  readonly dicts: Int32Array | null;
  constructor(
    readonly root: string,
    readonly manifest: Manifest | null,
    readonly parallel: boolean,
    readonly scan: boolean,
    readonly poolMinPages = PARALLEL_MIN_PAGES,
  ) {
    this.keys = new Keys(scan && nativeAddon() !== null);
    this.dicts = this.keys.nativeHandles();
  }

  /**
   * The slow path for one dataset, or one file of it (`page`: a file of a page folder, read as one page, as the
   * whole folder's slow path reads it): JSON.parse, the fast validators or the schema, the reducer.
   */
  private async slow<K extends KindName>(
    source: DatasetSource,
    name: K,
    apiVersion: number,
    sink: KindSink<K>,
    page?: string,
  ) {
    const kind = KINDS[name];
    const fast = FAST[name];
    const reduce = (w: unknown) => kind.reduce(w as never, apiVersion);
    let records = 0;
    const batches =
      page === undefined
        ? readBatches(this.root, source, kind.envelope)
        : [await readPage(this.root, page, kind.envelope)];
    for await (const batch of batches) {
      reduceBatch(kind.schema, fast, reduce, batch, (r) => {
        records++;
        sink.record(r as never);
      });
    }
    return records;
  }

  /**
   * Reads one of the large datasets. Each file (a page, or the single body) goes through the byte scanner — on
   * the worker pool for big page folders — and comes back as columns; a file the scanner is not sure of is read
   * through the slow path instead, which gives the exact records or the exact one-line error. Files are taken in
   * order, so records and errors come out as a sequential read gives them.
   */
  /**
   * Plans the reading of a large dataset before any is read: finds its files and queues the scans of big page
   * folders, so that the pool works through all of them in reading order.
   */
  async plan(path: string, name: KindName, apiVersion: number): Promise<void> {
    const source = await locate(this.root, path);
    let files: string[] = [];
    let first = -1;
    if (source && this.scan && source.form !== 'bodies') {
      files =
        source.form === 'pages'
          ? (await pageFiles(this.root, source.location.replace(/\/$/, ''))).map((f) => `${source.location}${f}`)
          : [source.location];
      if (this.parallel && source.form === 'pages' && files.length >= this.poolMinPages) {
        this.pool ??= new ScanPool();
        this.queue ??= new ScanQueue(this.pool, this.root, this.pool.size * IN_FLIGHT_PER_WORKER, this.dicts);
        first = this.queue.add(files[0]!, name, apiVersion);
        for (let i = 1; i < files.length; i++) this.queue.add(files[i]!, name, apiVersion);
      }
    }
    this.planned.set(path, { source, files, first });
  }

  async readKind<K extends KindName>(
    path: string,
    name: K,
    apiVersion: number,
    sink: KindSink<K>,
  ): Promise<{ source: DatasetSource | null; records: number }> {
    if (!this.planned.has(path)) await this.plan(path, name, apiVersion);
    const { source, files, first } = this.planned.get(path)!;
    if (!source) return { source, records: 0 };
    this.found++;
    this.newestMtime = Math.max(this.newestMtime, source.mtimeMs);
    if (!this.scan || source.form === 'bodies') {
      const records = await this.slow(source, name, apiVersion, sink);
      await this.checkComplete(path, source, KINDS[name].envelope, records);
      return { source, records };
    }
    const pooled = first >= 0;
    const scanOne = async (rel: string, i: number): Promise<Page | null> => {
      if (pooled) return this.queue!.take(first + i);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(join(this.root, rel));
      } catch (err) {
        throw unreadable(rel, err);
      }
      return scanPageFast(bytes, name, apiVersion, this.dicts);
    };
    // Files are taken in order: pooled scans run ahead in the queue, an in-thread scan is done when it is taken.
    let records = 0;
    for (let i = 0; i < files.length; i++) {
      const rel = files[i]!;
      // A file that cannot be read is the input's fault (InputError); any other failure of a scan (a scanner bug,
      // a worker that died) is not a verdict on the input: that file goes through the slow path too.
      const p = await scanOne(rel, i).catch((err: unknown) => {
        if (err instanceof InputError) throw err;
        return null;
      });
      if (p && records === 0 && files.length > 1) sink.expect?.(p.n * files.length);
      if (p) {
        records += p.n;
        sink.page(p);
        // The tables copied the columns (they keep only the heap): the buffer goes back to the workers.
        if (pooled) this.pool?.recycle(p);
      } else {
        records += await this.slow(source, name, apiVersion, sink, source.form === 'pages' ? rel : undefined);
      }
    }
    await this.checkComplete(path, source, KINDS[name].envelope, records);
    return { source, records };
  }

  async kindDataset<K extends KindName>(def: DatasetDef, name: K, sink: KindSink<K>): Promise<DatasetState> {
    const path = def.paths[0]!;
    const { source, records } = await this.readKind(path, name, 1, sink);
    const st = this.state(def.id, path, source, records);
    this.datasets.set(def.id, st);
    return st;
  }

  /** Datasets whose own files show them incomplete (by path): the reason. */
  private readonly incomplete = new Map<string, string>();

  /**
   * Do the dataset's own files show it incomplete? A gap in the page files, a last body that still has an
   * `@odata.nextLink`, fewer records than a Jamf `totalCount`. Read after the dataset, from the files' bytes, the
   * same way whichever path read the records.
   */
  async checkComplete(path: string, source: DatasetSource, envelope: Envelope, records: number): Promise<void> {
    if (envelope !== 'graph-collection' && envelope !== 'jamf-page') return;
    const read = async (rel: string) => {
      try {
        return envelopeOf(await readFile(join(this.root, rel)));
      } catch (err) {
        throw unreadable(rel, err);
      }
    };
    let reason: string | null = null;
    let first = source.location;
    let last = source.location;
    if (source.form === 'pages') {
      const dir = source.location.replace(/\/$/, '');
      const numbered = (await pageFiles(this.root, dir))
        .map((n) => ({ n, i: Number(/\d+/.exec(n)![0]) }))
        .sort((a, b) => a.i - b.i);
      const page = (i: number) => `${source.location}page-${String(i).padStart(5, '0')}.json`;
      for (let k = 0, want = 1; k < numbered.length; k++, want++) {
        const got = numbered[k]!.i;
        if (got === want - 1) {
          want--; // the same page number twice (page-1.json, page-00001.json): not a gap
          continue;
        }
        if (got !== want) {
          reason = `${page(want)} is missing (the page files go ${k ? `${source.location}${numbered[k - 1]!.n}, ` : ''}${source.location}${numbered[k]!.n}): a page was not collected`;
          break;
        }
      }
      first = `${source.location}${numbered[0]!.n}`;
      last = `${source.location}${numbered[numbered.length - 1]!.n}`;
    }
    if (!reason) {
      const end = await read(last);
      if (envelope === 'graph-collection' && end?.nextLink) {
        reason = `${last}${source.form === 'pages' ? ', the last page,' : ''} still has @odata.nextLink: the pages after it were not collected`;
      } else if (envelope === 'jamf-page') {
        const start = first === last ? end : await read(first);
        const total = Math.max(start?.totalCount ?? -1, end?.totalCount ?? -1);
        if (total > records) reason = `${records} records, fewer than the totalCount ${total} of ${first}`;
      }
    }
    if (reason) this.incomplete.set(path, reason);
  }

  /** The manifest says a collection is in progress: every dataset is partial. */
  get collecting(): boolean {
    return this.manifest?.state === 'collecting';
  }

  entry(path: string): ManifestEntry | undefined {
    return this.manifest?.datasets[path];
  }

  state(id: string, path: string | null, source: DatasetSource | null, records: number): DatasetState {
    const e = path ? this.entry(path) : undefined;
    let status: DatasetState['status'] = source ? 'complete' : 'missing';
    let error: string | undefined;
    if (e) {
      status = e.status;
      if ((status === 'complete' || status === 'partial') && !source) {
        status = 'missing';
        error = 'manifest.json lists it, but the snapshot holds no file for it';
      }
    }
    // The files show the dataset incomplete: partial, with the reason; a manifest that says complete is contradicted.
    const incomplete = source && path ? this.incomplete.get(path) : undefined;
    if (incomplete && (status === 'complete' || (status === 'partial' && !e?.error))) {
      if (e?.status === 'complete' && !this.collecting)
        this.warnings.push(`manifest.json says ${path} is complete, but ${incomplete}`);
      status = 'partial';
      error = incomplete;
    }
    // A collection in progress (or interrupted): what is there is partial, whatever its entry says.
    if (this.collecting && (status === 'complete' || status === 'partial')) {
      status = 'partial';
      error = COLLECTING_REASON;
    }
    const st: DatasetState = { id, path: source ? path : (path ?? null), status, records };
    if (e?.needs) st.needs = e.needs;
    if (e?.httpStatus != null) st.httpStatus = e.httpStatus;
    if (e?.code) st.code = e.code;
    if ((this.collecting || incomplete) && error) st.error = error;
    else if (e?.error ?? error) st.error = (e?.error ?? error)!;
    if (e?.expected != null) st.expected = e.expected;
    return st;
  }

  /** Reads one dataset at `path`, validating each record and handing it to `take`. */
  async read<S extends z.ZodType>(
    path: string,
    envelope: Envelope,
    schema: S,
    take: (r: z.output<S>) => void,
  ): Promise<{ source: DatasetSource | null; records: number }> {
    const source = await locate(this.root, path);
    let records = 0;
    if (!source) return { source, records };
    this.found++;
    this.newestMtime = Math.max(this.newestMtime, source.mtimeMs);
    for await (const batch of readBatches(this.root, source, envelope)) {
      validateBatch(schema, batch, (r) => {
        records++;
        take(r);
      });
    }
    await this.checkComplete(path, source, envelope, records);
    return { source, records };
  }

  async simple<S extends z.ZodType>(
    def: DatasetDef,
    envelope: Envelope,
    schema: S,
    take: (r: z.output<S>) => void,
  ): Promise<DatasetState> {
    const path = def.paths[0]!;
    const { source, records } = await this.read(path, envelope, schema, take);
    const st = this.state(def.id, path, source, records);
    this.datasets.set(def.id, st);
    return st;
  }

  /** Ids of a `{id}` family: folders/files present plus manifest entries for it. */
  async familyIds(pattern: string): Promise<string[]> {
    const [before, after] = pattern.split('{id}') as [string, string];
    const ids = new Set(await listFamily(this.root, before.replace(/\/$/, '')));
    for (const key of Object.keys(this.manifest?.datasets ?? {})) {
      if (key.startsWith(before) && key.endsWith(after)) {
        const id = key.slice(before.length, key.length - after.length);
        if (id && !id.includes('/') && !id.includes('{')) ids.add(id);
      }
    }
    return [...ids].sort();
  }
}

/** One result of the network probe (`local/network-probe.json`, written by `collect --probe-network`). */
const networkProbeResult = z.object({
  host: z.string(),
  port: z.number().int(),
  purpose: z.string(),
  resolved: z.boolean(),
  tls: z.boolean().nullable(),
  error: z.string().nullable(),
});

const JAMF_VERSION_OF_PATH = /\/api\/v(\d)\//;

/** Reads a snapshot folder (docs/snapshot-format) into compact records. Throws InputError on a malformed file. */
export async function readSnapshot(root: string, options: ReadOptions = {}): Promise<Collected> {
  // --as-of is checked whether or not the manifest's clock wins: a bad value is a bad command line either way.
  if (options.asOf !== undefined) parseAsOf(options.asOf);
  try {
    const st = await stat(root);
    if (!st.isDirectory()) throw new SourceError(`${root}: expected a snapshot folder, found a file`);
  } catch (err) {
    if (err instanceof SourceError) throw err;
    if (!isAbsent(err)) throw unreadable(root, err);
    throw new SourceError(`${root}: snapshot folder not found`);
  }
  let manifest: Manifest | null = null;
  if (await exists(join(root, 'manifest.json'))) {
    manifest = parseManifest('manifest.json', await parseJsonFile(root, 'manifest.json'));
  }
  const rd = new Reader(
    root,
    manifest,
    options.workers ?? process.env.JIDOCTOR_WORKERS !== '0',
    options.scan ?? process.env.JIDOCTOR_SCAN !== '0',
    options.poolMinPages,
  );
  try {
    return await readAll(rd, root, manifest, options);
  } finally {
    await rd.pool?.close();
  }
}

async function readAll(rd: Reader, root: string, manifest: Manifest | null, options: ReadOptions): Promise<Collected> {
  if (rd.collecting)
    rd.warnings.push(
      `manifest.json: state "collecting": ${COLLECTING_REASON}; every dataset is read as partial (collect again into an empty folder)`,
    );
  const c = emptyCollected({
    tenant: { id: manifest?.tenant?.id ?? null, name: manifest?.tenant?.name ?? null },
    jamfUrl: manifest?.jamf?.url ?? null,
    jamfVersion: manifest?.jamf?.version ?? null,
    datasets: rd.datasets,
  });

  // Jamf inventory: whichever of v4..v1 the snapshot holds (the newest when several are present).
  let chosen: string | null = null;
  for (const path of DATASETS.computers.paths) {
    if ((await locate(root, path)) || rd.entry(path)) {
      chosen = path;
      break;
    }
  }
  const jamfVersion = Number(JAMF_VERSION_OF_PATH.exec(chosen ?? '')?.[1] ?? 1);

  // The four large datasets go straight into column tables, a page of columns at a time (or record by record);
  // their page scans are queued up front, in reading order.
  await rd.plan(DATASETS.managedDevices.paths[0]!, 'managedDevices', 1);
  await rd.plan(DATASETS.devices.paths[0]!, 'devices', 1);
  await rd.plan(DATASETS.users.paths[0]!, 'users', 1);
  if (chosen) await rd.plan(chosen, 'computers', jamfVersion);
  const tb = new TablesBuilder(rd.keys);
  await rd.kindDataset(DATASETS.managedDevices, 'managedDevices', {
    record: (r) => tb.addIntune(r),
    page: (p) => tb.addIntunePage(p as IntunePage),
    expect: (n) => tb.expect('managedDevices', n),
  });
  await rd.kindDataset(DATASETS.devices, 'devices', {
    record: (r) => tb.addEntra(r),
    page: (p) => tb.addEntraPage(p as EntraPage),
    expect: (n) => tb.expect('devices', n),
  });
  await rd.simple(DATASETS.legacyPartners, 'graph-collection', G.deviceManagementPartner, (r) =>
    c.legacyPartners.push(R.legacyPartner(r)),
  );
  await rd.simple(DATASETS.compliancePartners, 'graph-collection', G.complianceManagementPartner, (r) =>
    c.compliancePartners.push(R.compliancePartner(r)),
  );
  await rd.simple(DATASETS.compliancePolicies, 'graph-collection', G.compliancePolicy, (r) =>
    c.compliancePolicies.push(R.compliancePolicy(r)),
  );
  await rd.simple(DATASETS.applications, 'graph-collection', G.application, (r) =>
    c.applications.push(R.application(r)),
  );
  await rd.simple(DATASETS.servicePrincipals, 'graph-collection', G.servicePrincipal, (r) =>
    c.servicePrincipals.push(R.servicePrincipal(r)),
  );
  await rd.simple(DATASETS.permissionGrants, 'graph-collection', G.oauth2PermissionGrant, (r) =>
    c.permissionGrants.push(R.permissionGrant(r)),
  );
  await rd.kindDataset(DATASETS.users, 'users', {
    record: (r) => tb.addUser(r),
    page: (p) => tb.addUserPage(p as UserPage),
    expect: (n) => tb.expect('users', n),
  });
  await rd.simple(DATASETS.subscribedSkus, 'graph-collection', G.subscribedSku, (r) => c.skus.push(R.sku(r)));
  await rd.simple(DATASETS.conditionalAccess, 'graph-collection', G.conditionalAccessPolicy, (r) =>
    c.conditionalAccessPolicies.push(R.conditionalAccessPolicy(r)),
  );
  await rd.simple(DATASETS.organization, 'graph-collection', G.organization, (r) => {
    c.tenant.id ??= r.id;
    c.tenant.name ??= r.displayName ?? null;
  });
  await rd.simple(DATASETS.jamfVersion, 'jamf-entity', J.jamfProVersion, (r) => {
    c.jamfVersion ??= r.version ?? null;
  });
  await rd.simple(DATASETS.checkIn, 'jamf-entity', J.checkInSettings, (r) => {
    c.checkInFrequency = r.checkInFrequency ?? null;
  });

  {
    const def = DATASETS.computers;
    if (chosen) {
      const { source, records } = await rd.readKind(chosen, 'computers', jamfVersion, {
        record: (r) => tb.addJamf(r),
        page: (p) => tb.addJamfPage(p as JamfPage, jamfVersion),
        expect: (n) => tb.expect('computers', n),
      });
      rd.datasets.set(def.id, rd.state(def.id, chosen, source, records));
    } else {
      rd.datasets.set(def.id, { id: def.id, path: null, status: 'missing', records: 0 });
    }
  }

  // The network probe of `collect --probe-network`, when the snapshot holds one.
  {
    const path = DATASETS.networkProbe.id;
    const { source, records } = await rd.read(path, 'jamf-array', networkProbeResult, (r) => {
      c.network ??= [];
      c.network.push(r);
    });
    if (source) rd.datasets.set(path, rd.state(path, path, source, records));
  }

  // Families: one object per file.
  await readGroups(rd, c);
  await readAppRoleAssignments(rd, c);
  await readJamfCompliance(rd, c);
  await readJamfSections(rd, c);
  await readMacosProfiles(rd, c);
  await readMacs(rd, c);

  if (manifest === null && rd.found === 0) {
    throw new SourceError(
      `${root}: no dataset found (expected files such as graph/v1.0/deviceManagement/managedDevices.json or jamf/api/v1/computers-inventory/page-00001.json)`,
    );
  }

  withTables(c, tb.done());
  if (rd.warnings.length) c.warnings = rd.warnings;

  if (manifest) {
    c.asOf = toMillis(manifest.collectedAt)!;
    c.asOfSource = 'manifest';
  } else if (options.asOf) {
    c.asOf = parseAsOf(options.asOf);
    c.asOfSource = 'as-of';
  } else {
    c.asOf = Math.floor(rd.newestMtime);
    c.asOfSource = 'file-time';
  }
  return c;
}

/**
 * Sets the tables of the four large datasets on the collected data; their record lists become views of the
 * tables, built on first use (the fleet reads the tables, so a diagnosis never builds them). Assigning one of the
 * lists drops the tables (buildFleet then joins the lists); a list changed in place is not seen.
 */
function withTables(c: Collected, t: Tables): void {
  c.tables = t;
  const lazy = <K extends 'managedDevices' | 'devices' | 'computers' | 'users'>(key: K, make: () => Collected[K]) => {
    let v: Collected[K] | undefined;
    Object.defineProperty(c, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        v ??= make();
        return v;
      },
      set: (x: Collected[K]) => {
        // A list set by the caller is the truth from now on: buildFleet joins the lists, not the tables.
        v = x;
        if (c.tables === t) c.tables = undefined;
      },
    });
  };
  lazy('managedDevices', () => Array.from({ length: t.intune.n }, (_, i) => t.intuneRecord(i)));
  lazy('devices', () => Array.from({ length: t.entra.n }, (_, i) => t.entraRecord(i)));
  lazy('computers', () => Array.from({ length: t.jamf.n }, (_, i) => t.jamfRecord(i)));
  lazy('users', () => Array.from({ length: t.users.n }, (_, i) => t.userRecord(i)));
}

export function parseAsOf(value: string): number {
  const ms = toMillis(value);
  if (ms == null)
    throw new InputError(`--as-of: expected an ISO 8601 date such as 2026-11-29T09:30:00Z, found "${value}"`);
  return ms;
}

async function readGroups(rd: Reader, c: Collected): Promise<void> {
  const groupPattern = DATASETS.groups.id;
  const memberPattern = DATASETS.groupMembers.id;
  // Members as collected: transitiveMembers (nested groups flattened, what jidoctor collects) or members.
  const transitivePattern = memberPattern.replace(/members$/, 'transitiveMembers');
  const ids = new Set([
    ...(await rd.familyIds(groupPattern)),
    ...(await rd.familyIds(memberPattern)),
    ...(await rd.familyIds(transitivePattern)),
  ]);
  let worst: DatasetState['status'] = 'complete';
  let count = 0;
  for (const id of ids) {
    const path = groupPattern.replace('{id}', id);
    let g: Group | null = null;
    const { source } = await rd.read(path, 'graph-entity', G.group, (r) => {
      g = R.group(r);
    });
    const st = rd.state(DATASETS.groups.id, path, source, source ? 1 : 0);
    rd.datasets.set(path, { ...st, instance: true });
    const grp: Group = g ?? {
      id,
      displayName: null,
      groupTypes: [],
      membershipRule: null,
      memberTypes: null,
      memberIds: null,
      membersStatus: 'missing',
    };
    const tpath = transitivePattern.replace('{id}', id);
    const mpath = (await locate(rd.root, tpath)) || rd.entry(tpath) ? tpath : memberPattern.replace('{id}', id);
    const types: string[] = [];
    const memberIds: string[] = [];
    const m = await rd.read(mpath, 'graph-collection', G.directoryObject, (r) => {
      types.push((r['@odata.type'] ?? '').replace(/^#?microsoft\.graph\./, '') || 'unknown');
      memberIds.push(r.id.toLowerCase());
    });
    const mst = rd.state(DATASETS.groupMembers.id, mpath, m.source, m.records);
    rd.datasets.set(mpath, { ...mst, instance: true });
    grp.membersStatus = mst.status;
    grp.memberTypes = m.source ? types : null;
    grp.memberIds = m.source ? memberIds : null;
    if (g || m.source) {
      c.groups.set(id, grp);
      count++;
    }
    if (st.status !== 'complete') worst = st.status;
  }
  rd.datasets.set(DATASETS.groups.id, {
    id: DATASETS.groups.id,
    path: 'graph/v1.0/groups/',
    status: ids.size === 0 ? 'missing' : worst,
    records: count,
  });
}

async function readAppRoleAssignments(rd: Reader, c: Collected): Promise<void> {
  const pattern = DATASETS.appRoleAssignments.id;
  const byId = new Map(c.servicePrincipals.map((sp) => [sp.id, sp]));
  for (const id of await rd.familyIds(pattern.replace('/appRoleAssignments', ''))) {
    const path = pattern.replace('{id}', id);
    const list: Array<{ appRoleId: string; resourceId: string }> = [];
    const { source, records } = await rd.read(path, 'graph-collection', G.appRoleAssignment, (r) =>
      list.push(R.appRoleAssignment(r)),
    );
    if (!source && !rd.entry(path)) continue;
    const st = rd.state(DATASETS.appRoleAssignments.id, path, source, records);
    rd.datasets.set(path, { ...st, instance: true });
    const sp = byId.get(id);
    if (sp) {
      sp.appRoleAssignments = source ? list : null;
      sp.appRoleAssignmentsStatus = st.status;
    }
  }
}

async function readJamfCompliance(rd: Reader, c: Collected): Promise<void> {
  const pattern = DATASETS.jamfCompliance.id;
  const ids = await rd.familyIds(pattern);
  let worst: DatasetState['status'] = 'complete';
  for (const id of ids) {
    const path = pattern.replace('{id}', id);
    const { source, records } = await rd.read(path, 'jamf-array', J.deviceComplianceInformation, (r) =>
      c.jamfCompliance.push(R.jamfComplianceInfo(id, r)),
    );
    const st = rd.state(DATASETS.jamfCompliance.id, path, source, records);
    rd.datasets.set(path, { ...st, instance: true });
    if (st.status !== 'complete') worst = st.status;
  }
  // The collector's summary entry for the family (partial when the inventory was, skipped in legacy mode).
  const summary = rd.entry(pattern);
  const status = summary && summary.status !== 'complete' ? summary.status : ids.length === 0 ? 'missing' : worst;
  rd.datasets.set(DATASETS.jamfCompliance.id, {
    id: DATASETS.jamfCompliance.id,
    path: ids.length ? 'jamf/api/v1/conditional-access/device-compliance-information/computer/' : null,
    status,
    records: c.jamfCompliance.length,
    ...(summary?.error ? { error: summary.error } : {}),
    ...(summary?.needs ? { needs: summary.needs } : {}),
    ...(summary?.httpStatus ? { httpStatus: summary.httpStatus } : {}),
  });
}

/**
 * The inventory sections read for some computers only (CONFIGURATION_PROFILES, APPLICATIONS): Jamf pages of
 * records holding the id and that section. A computer whose section came back null counts as not read.
 */
async function readJamfSections(rd: Reader, c: Collected): Promise<void> {
  /** One section's lists by computer id (a computer whose section is null is left out: not read). */
  const section = async <T>(
    ds: (typeof DATASETS)[keyof typeof DATASETS],
    list: (r: z.infer<typeof J.computerSection>) => T | null,
  ): Promise<Map<string, T>> => {
    const out = new Map<string, T>();
    noneNeeded(
      rd,
      ds,
      await rd.simple(ds, 'jamf-page', J.computerSection, (r) => {
        const v = list(r);
        if (v) out.set(r.id, v);
      }),
    );
    return out;
  };
  const profiles = await section(DATASETS.installedProfiles, R.installedProfiles);
  if (profiles.size) c.jamfInstalledProfiles = profiles;
  const apps = await section(DATASETS.computerApplications, R.jamfApplications);
  if (apps.size) c.jamfApplications = apps;
}

/**
 * A dataset the collector reads only for some computers, when none needed it: its manifest entry is complete with
 * no record and there is no file. That is a complete read of nothing, not a missing dataset.
 */
function noneNeeded(rd: Reader, def: DatasetDef, st: DatasetState): void {
  const e = rd.entry(def.paths[0]!);
  if (st.status === 'missing' && e?.status === 'complete' && (e.records ?? 0) === 0 && !rd.collecting) {
    const { error: _, ...rest } = st;
    rd.datasets.set(def.id, { ...rest, status: 'complete', records: 0 });
  }
}

/** Classic macOS configuration profiles: the list, then one file per profile read (`…/id/{id}`). */
async function readMacosProfiles(rd: Reader, c: Collected): Promise<void> {
  noneNeeded(
    rd,
    DATASETS.macosProfileList,
    await rd.simple(DATASETS.macosProfileList, 'jamf-entity', J.macosProfileList, () => {}),
  );
  const pattern = DATASETS.macosProfiles.id;
  const ids = await rd.familyIds(pattern);
  let worst: DatasetState['status'] = 'complete';
  const out: NonNullable<Collected['macosProfiles']> = [];
  for (const id of ids) {
    // What the collector asks for (the General subset), or the whole profile as `/id/{id}` returns it.
    const whole = pattern.replace('{id}', id);
    const subset = `${whole}/subset/General`;
    const path = (await locate(rd.root, subset)) || rd.entry(subset) ? subset : whole;
    const { source, records } = await rd.read(path, 'jamf-entity', J.macosProfile, (r) =>
      out.push(R.macosProfile(id, r)),
    );
    const st = rd.state(DATASETS.macosProfiles.id, path, source, records);
    rd.datasets.set(path, { ...st, instance: true });
    if (st.status !== 'complete') worst = st.status;
  }
  if (out.length) c.macosProfiles = out;
  // The collector's summary entry (skipped when no Mac needed them, forbidden without the privilege).
  const summary = rd.entry(pattern);
  const status = summary
    ? summary.status !== 'complete'
      ? summary.status
      : worst
    : ids.length === 0
      ? 'missing'
      : worst;
  rd.datasets.set(pattern, {
    id: pattern,
    path: ids.length ? 'jamf/JSSResource/osxconfigurationprofiles/id/' : null,
    status,
    records: out.length,
    ...(summary?.error ? { error: summary.error } : {}),
    ...(summary?.needs ? { needs: summary.needs } : {}),
    ...(summary?.httpStatus ? { httpStatus: summary.httpStatus } : {}),
  });
}

/** `macs/{serial}/`: the files collected on each Mac, analysed in place (src/logs). */
async function readMacs(rd: Reader, c: Collected): Promise<void> {
  const def = DATASETS.macs;
  const dir = join(rd.root, 'macs');
  let names: string[] = [];
  try {
    if ((await lstat(dir)).isDirectory()) {
      const entries = await readdir(dir, { withFileTypes: true });
      names = entries
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
    } else {
      rd.datasets.set(def.id, rd.state(def.id, 'macs', null, 0));
      return;
    }
  } catch (err) {
    if (!isAbsent(err)) throw unreadable('macs/', err);
    rd.datasets.set(def.id, rd.state(def.id, 'macs', null, 0));
    return;
  }
  rd.found++;
  c.macLogs = [];
  for (const name of names) {
    const root = `macs/${name}`;
    c.macLogs.push(await analyzeMac([{ path: join(dir, name), name: root }], root, { serial: name }));
  }
  rd.datasets.set(def.id, {
    id: def.id,
    path: 'macs',
    status: rd.collecting ? 'partial' : 'complete',
    records: names.length,
    ...(rd.collecting ? { error: COLLECTING_REASON } : {}),
  });
}

export type { NetworkProbeResult };
