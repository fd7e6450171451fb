/**
 * Writes a snapshot as docs/snapshot-format.md describes: one folder of page files per paged dataset, one
 * `PATH.json` per entity, every body byte for byte as the API returned it, and `manifest.json` with the status,
 * record count, pages and query of each dataset. Nothing secret is ever passed to it.
 *
 * A collection in progress never looks complete: `begin()` writes `manifest.json` first, in the `collecting` state
 * with every dataset `partial`; `finish()` replaces it with the final one. Every file (pages and both manifests) is
 * written to a temporary file under `.jidoctor-writing/` and renamed into place, so that a kill leaves whole files
 * only, and a manifest that is either the first or the last one.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { COLLECTING_REASON, type DeltaState } from './manifest.js';

export interface ManifestEntry {
  status: 'complete' | 'partial' | 'forbidden' | 'failed' | 'skipped';
  records?: number;
  pages?: number;
  query?: string;
  httpStatus?: number;
  code?: string;
  needs?: string[];
  error?: string;
  expected?: number;
  /**
   * A server-side filter the collector asked for (docs/live-collection.md): `serverSide` false when the service
   * refused it (400) and the records were read whole and filtered here, with the same rule.
   */
  filter?: { query: string; serverSide: boolean };
  /** Users read by look-up of the Macs' users instead of whole (docs/snapshot-format.md, collect/graph/users.ts). */
  lookup?: UserLookup;
}

/** How the users dataset was read when only the Macs' users were looked up. */
export interface UserLookup {
  /** The look-up requests, with `…` for the up to 15 values each carries. */
  filters: string[];
  /** The distinct keys asked: Entra user ids and user names (UPN or e-mail), as the model joins users to Macs. */
  asked: number;
  /** Keys that named a user who was read. */
  found: number;
  /** Keys that name no user of the directory (the Mac's user is not in Entra). */
  notFound: number;
  /** Keys whose look-up still failed after retries (the dataset is then partial). */
  failed: number;
  /**
   * Whether the look-ups were advanced queries (`ConsistencyLevel: eventual`: values up to 2,048 URL characters)
   * to the end; false when Graph refused one (`advancedRefused`, its message) and 15 values a look-up followed.
   */
  advanced: boolean;
  advancedRefused?: string;
  /**
   * Users kept from the previous snapshot, brought up to date by delta (`collect --since`): only the keys none of
   * them answers were looked up.
   */
  fromDelta?: number;
  /** Look-up requests sent (retried ones counted again) and the `$batch` requests that carried them. */
  requests: number;
  batches: number;
  /** Set when Graph refused a look-up (400): the users were then read whole, as `--full` reads them. */
  refused?: string;
}

export interface ManifestHead {
  collectedAt: string;
  collector: string;
  tenant?: { id: string | null; name: string | null };
  jamf?: { url: string | null; version: string | null };
  /** Delta links for the next `collect --since`, by snapshot path (written by finish() only). */
  delta?: Record<string, DeltaState>;
}

const SAFE_SEGMENT = /^[A-Za-z0-9._~@$-]+$/;

/** The folder of the files being written, at the root (the reader never looks there). */
export const WRITING_DIR = '.jidoctor-writing';

export class SnapshotWriter {
  readonly datasets: Record<string, ManifestEntry> = {};
  bytes = 0;
  files = 0;
  private temp = 0;

  constructor(readonly root: string) {}

  /**
   * Writes `text` to `path` whole or not at all: a temporary file in `.jidoctor-writing/`, flushed, then renamed
   * (`sync`: also flushed to disk before the rename, for the manifests).
   */
  private async atomic(path: string, text: string, sync: boolean): Promise<void> {
    const tmpDir = join(this.root, WRITING_DIR);
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${process.pid}-${++this.temp}.tmp`);
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(text);
      if (sync) await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  }

  /**
   * Starts a collection: `manifest.json` in the `collecting` state, every dataset named `partial`, so that a run
   * that never reaches finish() (kill -9, Ctrl-C, a crash) leaves a snapshot that says what it is.
   */
  async begin(head: ManifestHead, datasets: readonly string[]): Promise<void> {
    const entries: Record<string, ManifestEntry> = {};
    for (const id of [...datasets].sort()) entries[id] = { status: 'partial', error: COLLECTING_REASON };
    await mkdir(this.root, { recursive: true });
    await this.atomic(join(this.root, 'manifest.json'), this.manifestText(head, 'collecting', entries), true);
  }

  private file(rel: string): string {
    for (const seg of rel.split('/')) {
      if (!SAFE_SEGMENT.test(seg) || seg === '.' || seg === '..') {
        throw new InputError(`snapshot path ${rel}: expected safe path segments, found "${seg.slice(0, 40)}"`);
      }
    }
    return join(this.root, rel);
  }

  private async write(rel: string, text: string): Promise<void> {
    const path = this.file(rel);
    await mkdir(dirname(path), { recursive: true });
    await this.atomic(path, text, false);
    this.bytes += Buffer.byteLength(text);
    this.files++;
  }

  /** Page `index` (1-based) of a paged dataset: `PATH/page-0000N.json`. */
  async page(datasetPath: string, index: number, text: string): Promise<void> {
    await this.write(`${datasetPath}/page-${String(index).padStart(5, '0')}.json`, text);
  }

  /** One response body: `PATH.json`. */
  async body(datasetPath: string, text: string): Promise<void> {
    await this.write(`${datasetPath}.json`, text);
  }

  entry(datasetPath: string, e: ManifestEntry): void {
    this.datasets[datasetPath] = e;
  }

  private manifestText(head: ManifestHead, state: 'collecting' | 'complete', datasets: Record<string, ManifestEntry>) {
    const manifest = {
      format: 'jidoctor-snapshot',
      version: 1,
      state,
      collectedAt: head.collectedAt,
      collector: head.collector,
      ...(head.tenant ? { tenant: head.tenant } : {}),
      ...(head.jamf ? { jamf: head.jamf } : {}),
      ...(state === 'complete' && head.delta && Object.keys(head.delta).length
        ? { delta: Object.fromEntries(Object.entries(head.delta).sort(([a], [b]) => a.localeCompare(b))) }
        : {}),
      datasets: Object.fromEntries(Object.entries(datasets).sort(([a], [b]) => a.localeCompare(b))),
    };
    return `${JSON.stringify(manifest, null, 2)}\n`;
  }

  /** Ends a collection: the final manifest (state `complete`) replaces the first one in one rename. */
  async finish(head: ManifestHead): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await this.atomic(join(this.root, 'manifest.json'), this.manifestText(head, 'complete', this.datasets), true);
    await rm(join(this.root, WRITING_DIR), { recursive: true, force: true });
  }
}
