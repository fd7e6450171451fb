import { type StrCol, trimLowerHash } from './columns.js';
import type { FleetIndex } from './join.js';
import type { EntraDevice } from './types.js';
import type { MacView } from './views.js';

/**
 * Entra macOS devices found by name (entra/duplicate-device-records): a Mac re-registered without clean-up can
 * leave Entra device objects that nothing links to it but its name. Names are compared trimmed and
 * case-insensitively, by a hash first (one pass over the names' bytes into a table of hashes); only the devices
 * whose hash repeats are read as strings and compared exactly.
 */
export class EntraNames {
  /** Names carried by two or more Entra macOS devices and by exactly one Jamf computer, with those devices. */
  private readonly byName = new Map<string, EntraDevice[]>();
  private readonly repeated: Set<number>;
  constructor(private readonly idx: FleetIndex) {
    const t = idx.t;
    const rows = idx.entraMacRows;
    const hashes = new Int32Array(rows.length);
    const named = new Uint8Array(rows.length);
    nameHashes(t.entra.str.displayName, rows, hashes, named);
    const dup = new Uint8Array(rows.length);
    this.repeated = repeatedHashes(hashes, named, dup);
    const byName = this.byName;
    for (let x = 0; x < rows.length; x++) {
      if (dup[x] !== 1) continue;
      const e = t.entraRecord(rows[x]!);
      const n = e.displayName!.trim().toLowerCase();
      const list = byName.get(n);
      if (list) list.push(e);
      else byName.set(n, [e]);
    }
    for (const [n, list] of byName) if (list.length < 2) byName.delete(n);
    if (byName.size) {
      const jamfNames = new Map<string, number>();
      for (let i = 0; i < t.jamf.n; i++) {
        const n = this.jamfName(i);
        if (n && byName.has(n)) jamfNames.set(n, (jamfNames.get(n) ?? 0) + 1);
      }
      for (const n of [...byName.keys()]) if (jamfNames.get(n) !== 1) byName.delete(n);
    }
  }

  /** Jamf computer i's name trimmed and lower-cased, when its hash is one of the repeated names' (else undefined). */
  private jamfName(i: number): string | undefined {
    const names = this.idx.t.jamf.str.name;
    const h = trimLowerHash(names, i);
    if (h === null || !this.repeated.has(h)) return undefined;
    return names.get(i)!.trim().toLowerCase();
  }

  /**
   * The Entra macOS devices named like the Mac's first Jamf computer, when two or more carry that name and no
   * other Jamf computer does; else undefined.
   */
  of(mac: MacView): EntraDevice[] | undefined {
    if (this.byName.size === 0) return undefined;
    const { start, list } = this.idx.jamf;
    const m = mac.number;
    if (start[m + 1] === start[m]) return undefined;
    const n = this.jamfName(list[start[m]!]!);
    return n === undefined ? undefined : this.byName.get(n);
  }
}

/** FNV-1a of `value.trim().toLowerCase()` of each row's string (trimLowerHash), named[x] = 0 when null or empty. */
function nameHashes(col: StrCol, rows: Int32Array, out: Int32Array, named: Uint8Array): void {
  const { ref, heap, heaps } = col;
  for (let x = 0; x < rows.length; x++) {
    const i = rows[x]!;
    const l = ref[2 * i + 1]!;
    if (l === -1) continue;
    if (l >= 0) {
      const b = heaps[heap[i]!]!;
      let s = ref[2 * i]!;
      let e = s + l;
      while (s < e && (b[s] === 0x20 || (b[s]! >= 0x09 && b[s]! <= 0x0d))) s++;
      while (e > s && (b[e - 1] === 0x20 || (b[e - 1]! >= 0x09 && b[e - 1]! <= 0x0d))) e--;
      let h = 0x811c9dc5;
      let j = s;
      for (; j < e; j++) {
        const c = b[j]!;
        if (c >= 0x80) break;
        h = Math.imul(h ^ (c >= 0x41 && c <= 0x5a ? c + 32 : c), 0x01000193);
      }
      if (j === e) {
        // ASCII: the bytes are the UTF-16 code units, and ASCII is all that trim and toLowerCase change here.
        if (s < e) {
          out[x] = h | 0;
          named[x] = 1;
        }
        continue;
      }
    }
    const h = trimLowerHash(col, i);
    if (h !== null) {
      out[x] = h;
      named[x] = 1;
    }
  }
}

/**
 * The hashes that occur more than once among the named rows, and a mark on every row whose hash does: an
 * open-addressing table of (hash, first row + 1) pairs.
 */
function repeatedHashes(hashes: Int32Array, named: Uint8Array, dup: Uint8Array): Set<number> {
  const repeated = new Set<number>();
  let size = 16;
  while (size < hashes.length * 2) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(2 * size);
  for (let x = 0; x < hashes.length; x++) {
    if (named[x] !== 1) continue;
    const h = hashes[x]!;
    let slot = (Math.imul(h, 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const first = table[2 * slot + 1]!;
      if (first === 0) {
        table[2 * slot] = h;
        table[2 * slot + 1] = x + 1;
        break;
      }
      if (table[2 * slot] === h) {
        repeated.add(h);
        dup[first - 1] = 1;
        dup[x] = 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return repeated;
}
