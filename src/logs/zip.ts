/**
 * Reads zip archives (IntuneMacODC, Company Portal diagnostics, our collector's archive) in place, entry by
 * entry, as streams: nothing is ever written to disk. Entry names are checked by us (yauzl's own check would
 * abort the whole archive): absolute names, `..` segments and symlinks are refused and reported. Our own
 * limits stop zip bombs: entry count, per-entry and total uncompressed size, and compression ratio.
 */
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed / compressed above this (for entries over 1 MiB) is a bomb. */
  maxRatio: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 4 * 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
  maxRatio: 200,
};

export interface ZipEntryItem {
  name: string;
  size: number;
  mtime: number;
  open(): Promise<Readable>;
  /** The whole entry in memory (for a nested archive, capped by the caller). */
  buffer(): Promise<Buffer>;
}

export interface ZipRefusal {
  name: string;
  message: string;
  /** The rest of the archive was not read. */
  fatal: boolean;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Why an entry name is refused, or null. */
export function refuseName(name: string): string | null {
  if (name.includes('\0')) return 'a NUL byte in the name';
  if (/^[a-zA-Z]:/.test(name) || name.startsWith('/')) return 'an absolute path';
  if (name.split('/').includes('..')) return 'a path that climbs out of the archive (..)';
  return null;
}

function describe(err: unknown): string {
  const m = (err as Error)?.message ?? String(err);
  return m.split('\n')[0]!;
}

type Source = { kind: 'file'; path: string } | { kind: 'buffer'; data: Buffer };

/**
 * Walks the entries of an archive. Refused entries go to `refuse` (never opened); a corrupt or truncated archive
 * throws an Error whose message is one line.
 */
export async function* zipEntries(
  source: Source,
  refuse: (r: ZipRefusal) => void,
  limits: ZipLimits = ZIP_LIMITS,
): AsyncGenerator<ZipEntryItem> {
  const opts = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false } as const;
  let zip: yauzl.ZipFile;
  try {
    zip =
      source.kind === 'file'
        ? await yauzl.openPromise(source.path, opts)
        : await yauzl.fromBufferPromise(source.data, opts);
  } catch (err) {
    throw new Error(`not a readable zip archive (${describe(err)})`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      refuse({
        name: '',
        message: `refused: ${zip.entryCount} entries, more than the limit of ${limits.maxEntries} (zip bomb?)`,
        fatal: true,
      });
      return;
    }
    let total = 0;
    const it = zip.eachEntry();
    while (true) {
      let next: IteratorResult<yauzl.Entry>;
      try {
        next = await it.next();
      } catch (err) {
        throw new Error(`corrupt or truncated zip archive (${describe(err)})`);
      }
      if (next.done) break;
      const entry = next.value;
      const raw = entry.fileName as unknown as Buffer;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
      const why = refuseName(name);
      if (why) {
        refuse({ name, message: `refused entry "${name}": ${why}; nothing was written`, fatal: false });
        continue;
      }
      if (name.endsWith('/')) continue;
      if (entry.isEncrypted()) {
        refuse({
          name,
          message: `refused entry "${name}": encrypted (password-protected); extract the archive with its password and pass the folder`,
          fatal: false,
        });
        continue;
      }
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
        refuse({ name, message: `refused entry "${name}": a symbolic link; not followed`, fatal: false });
        continue;
      }
      const size = entry.uncompressedSize;
      if (size > limits.maxEntryBytes) {
        refuse({
          name,
          message: `refused entry "${name}": ${size} bytes uncompressed, over the limit of ${limits.maxEntryBytes} (zip bomb?)`,
          fatal: false,
        });
        continue;
      }
      const ratio = size / Math.max(1, entry.compressedSize);
      if (size > 1 << 20 && ratio > limits.maxRatio) {
        refuse({
          name,
          message: `refused entry "${name}": compression ratio ${Math.round(ratio)}:1, over the limit of ${limits.maxRatio}:1 (zip bomb?)`,
          fatal: false,
        });
        continue;
      }
      total += size;
      if (total > limits.maxTotalBytes) {
        refuse({
          name,
          message: `refused: more than ${limits.maxTotalBytes} bytes uncompressed in total (zip bomb?); the rest of the archive was not read`,
          fatal: true,
        });
        return;
      }
      const open = async (): Promise<Readable> => {
        try {
          return await zip.openReadStreamPromise(entry);
        } catch (err) {
          throw new Error(`entry "${name}": cannot be read (${describe(err)})`);
        }
      };
      yield {
        name,
        size,
        mtime: entry.getLastModDate().getTime(),
        open,
        async buffer() {
          const parts: Buffer[] = [];
          for await (const c of await open()) parts.push(c as Buffer);
          return Buffer.concat(parts);
        },
      };
    }
  } finally {
    zip.close();
  }
}
