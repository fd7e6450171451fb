/**
 * Writes a snapshot as docs/snapshot-format.md describes: one folder of page files per paged dataset, one
 * `PATH.json` per entity, every body byte for byte as the API returned it, and `manifest.json` with the status,
 * record count, pages and query of each dataset. Nothing secret is ever passed to it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';

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
}

export interface ManifestHead {
  collectedAt: string;
  collector: string;
  tenant?: { id: string | null; name: string | null };
  jamf?: { url: string | null; version: string | null };
}

const SAFE_SEGMENT = /^[A-Za-z0-9._~@$-]+$/;

export class SnapshotWriter {
  readonly datasets: Record<string, ManifestEntry> = {};
  bytes = 0;
  files = 0;

  constructor(readonly root: string) {}

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
    await writeFile(path, text);
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

  async finish(head: ManifestHead): Promise<void> {
    const manifest = {
      format: 'jidoctor-snapshot',
      version: 1,
      collectedAt: head.collectedAt,
      collector: head.collector,
      ...(head.tenant ? { tenant: head.tenant } : {}),
      ...(head.jamf ? { jamf: head.jamf } : {}),
      datasets: Object.fromEntries(Object.entries(this.datasets).sort(([a], [b]) => a.localeCompare(b))),
    };
    await mkdir(this.root, { recursive: true });
    await writeFile(join(this.root, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }
}
