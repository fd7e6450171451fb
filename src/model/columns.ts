import { type Addon, nativeAddon } from '../native.js';
import { hashBytes } from './page.js';

/**
 * Building blocks of the columnar fleet: growable typed arrays, string columns stored as UTF-8 bytes in one heap,
 * a dictionary of low-cardinality values, and key dictionaries that intern normalised join keys as integers.
 * A million Macs then cost a few dozen typed arrays instead of tens of millions of objects and strings.
 */

const encoder = new TextEncoder();

/** Node's Buffer has these (undocumented in its types): the fastest way to make a string of a byte range. */
export type FastBuffer = Buffer & {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
};

export function fastBuffer(bytes: Uint8Array): FastBuffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as FastBuffer;
}

export class GrowI32 {
  a: Int32Array;
  n = 0;
  constructor(cap = 1024) {
    this.a = new Int32Array(cap);
  }
  reserve(extra: number): void {
    if (this.n + extra <= this.a.length) return;
    let cap = this.a.length * 2;
    while (cap < this.n + extra) cap *= 2;
    const b = new Int32Array(cap);
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
  push(v: number): void {
    if (this.n === this.a.length) this.reserve(1);
    this.a[this.n++] = v;
  }
  /** The values (a view of the exact size). */
  done(): Int32Array {
    return this.a.subarray(0, this.n);
  }
}

export class GrowF64 {
  a: Float64Array;
  n = 0;
  constructor(cap = 1024) {
    this.a = new Float64Array(cap);
  }
  reserve(extra: number): void {
    if (this.n + extra <= this.a.length) return;
    let cap = this.a.length * 2;
    while (cap < this.n + extra) cap *= 2;
    const b = new Float64Array(cap);
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
  push(v: number): void {
    if (this.n === this.a.length) this.reserve(1);
    this.a[this.n++] = v;
  }
  done(): Float64Array {
    return this.a.subarray(0, this.n);
  }
}

export class GrowI8 {
  a: Int8Array;
  n = 0;
  constructor(cap = 1024) {
    this.a = new Int8Array(cap);
  }
  reserve(extra: number): void {
    if (this.n + extra <= this.a.length) return;
    let cap = this.a.length * 2;
    while (cap < this.n + extra) cap *= 2;
    const b = new Int8Array(cap);
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
  push(v: number): void {
    if (this.n === this.a.length) this.reserve(1);
    this.a[this.n++] = v;
  }
  done(): Int8Array {
    return this.a.subarray(0, this.n);
  }
}

/** Growable bytes. */
export class ByteHeap {
  a: Uint8Array;
  n = 0;
  constructor(cap = 1 << 16) {
    this.a = new Uint8Array(cap);
  }
  reserve(extra: number): void {
    if (this.n + extra <= this.a.length) return;
    let cap = this.a.length * 2;
    while (cap < this.n + extra) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
  /** Appends bytes; returns their offset. */
  append(src: Uint8Array, start: number, length: number): number {
    this.reserve(length);
    const at = this.n;
    const a = this.a;
    if (length < 64) for (let j = 0; j < length; j++) a[at + j] = src[start + j]!;
    else a.set(src.subarray(start, start + length), at);
    this.n += length;
    return at;
  }
  /** Appends a string's UTF-8; returns [offset, length]. */
  appendString(s: string): [number, number] {
    this.reserve(s.length * 3);
    const at = this.n;
    const { written } = encoder.encodeInto(s, this.a.subarray(at));
    this.n += written;
    return [at, written];
  }
  done(): Uint8Array {
    return this.a.slice(0, this.n);
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Does a string come back unchanged from UTF-8? (Lone surrogates do not.) */
export function roundTrips(s: string): boolean {
  for (let i = 0; i < s.length; i++)
    if (s.charCodeAt(i) >= 0xd800 && s.charCodeAt(i) <= 0xdfff) return !LONE_SURROGATE.test(s);
  return true;
}

/**
 * A column of nullable strings: UTF-8 bytes in heaps (a scanned page's own heap, kept as it came, or the column's
 * heap for values added as strings); a value that does not survive UTF-8 is kept aside.
 */
export class StrCol {
  constructor(
    readonly heaps: readonly Uint8Array[],
    /** heap of value i */
    readonly heap: Int32Array,
    /**
     * Value i as the pair ref[2i] (its start) and ref[2i+1] (its byte length; -1 null; -2 kept in `odd`): the layout
     * of a page's StrRef, so that a page's values are added with one copy.
     */
    readonly ref: Int32Array,
    readonly odd: Map<number, string> | null,
  ) {}
  /** Byte length of value i; -1 null; -2 kept in `odd`. */
  len(i: number): number {
    return this.ref[2 * i + 1]!;
  }
  /** Start of value i in its heap. */
  start(i: number): number {
    return this.ref[2 * i]!;
  }
  private bufs: Array<FastBuffer | undefined> = [];
  /** The bytes of value i's heap (valid when len[i] >= 0). */
  bytesOf(i: number): Uint8Array {
    return this.heaps[this.heap[i]!]!;
  }
  get(i: number): string | null {
    const n = this.ref[2 * i + 1]!;
    if (n < 0) return n === -1 ? null : this.odd!.get(i)!;
    if (n === 0) return '';
    const h = this.heap[i]!;
    let buf = this.bufs[h];
    if (!buf) {
      buf = fastBuffer(this.heaps[h]!);
      this.bufs[h] = buf;
    }
    const s = this.ref[2 * i]!;
    const e = s + n;
    for (let j = s; j < e; j++) if (buf[j]! >= 0x80) return buf.utf8Slice(s, e);
    return buf.latin1Slice(s, e);
  }
}

/** Builds a StrCol from strings or from the StrRefs of scanned pages (whose heaps it keeps, without copying). */
export class StrColBuilder {
  private readonly own = new ByteHeap(1 << 10);
  private readonly heaps: Uint8Array[] = [new Uint8Array(0)];
  private lastPageHeap: Uint8Array | null = null;
  readonly heap = new GrowI32();
  /** Pairs (start, length) per value, as StrCol.ref. */
  readonly ref = new GrowI32();
  odd: Map<number, string> | null = null;
  /** Makes room for `more` values. */
  reserve(more: number): void {
    this.heap.reserve(more);
    this.ref.reserve(2 * more);
  }
  addString(v: string | null): void {
    this.heap.push(0);
    if (v === null) {
      this.ref.push(0);
      this.ref.push(-1);
      return;
    }
    if (!roundTrips(v)) {
      this.odd ??= new Map();
      this.odd.set(this.heap.n - 1, v);
      this.ref.push(0);
      this.ref.push(-2);
      return;
    }
    const [at, n] = this.own.appendString(v);
    this.ref.push(at);
    this.ref.push(n);
  }
  /** Adds the n values of a page StrRef (pairs start, length into `bytes`, the page's heap): one copy. */
  addRefs(bytes: Uint8Array, ref: Int32Array, n: number): void {
    if (this.lastPageHeap !== bytes) {
      this.heaps.push(bytes);
      this.lastPageHeap = bytes;
    }
    const h = this.heaps.length - 1;
    this.reserve(n);
    this.heap.a.fill(h, this.heap.n, this.heap.n + n);
    this.heap.n += n;
    this.ref.a.set(ref.subarray(0, 2 * n), this.ref.n);
    this.ref.n += 2 * n;
  }
  done(): StrCol {
    this.heaps[0] = this.own.done();
    return new StrCol(this.heaps, this.heap.done(), this.ref.done(), this.odd);
  }
}

/** The low-cardinality values (states, OS names and versions) of every table, as small integers. */
export class EnumDict {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  code(v: string | null): number {
    if (v === null) return -1;
    let c = this.codes.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.codes.set(v, c);
    }
    return c;
  }
  /** The code of a value if any record has it, else -2 (never equal to a column's code). */
  find(v: string): number {
    return this.codes.get(v) ?? -2;
  }
  value(c: number): string | null {
    return c < 0 ? null : this.values[c]!;
  }
  /** Codes of a page's dict in this one. */
  map(dict: readonly string[]): Int32Array {
    const out = new Int32Array(dict.length);
    for (let i = 0; i < dict.length; i++) out[i] = this.code(dict[i]!);
    return out;
  }
  /** A flag per code, for a test over a column (e.g. "is macOS"). */
  flags(test: (v: string) => boolean): Uint8Array {
    const out = new Uint8Array(this.values.length);
    for (let i = 0; i < this.values.length; i++) out[i] = test(this.values[i]!) ? 1 : 0;
    return out;
  }
}

/**
 * Normalised join keys (serials, Entra device ids, UDIDs, users) as dense integer ids, by their UTF-8 bytes:
 * open addressing over a table of (hash, id) pairs. A key's bytes stay where they were (a scanned page's heap, or
 * the dictionary's own heap for keys given as strings), so a million keys cost a few typed arrays.
 */
/** Frees the native dictionary of a KeyDict that is no longer reachable. */
const nativeDicts = new FinalizationRegistry<{ addon: Addon; handle: number }>(({ addon, handle }) =>
  addon.dictFree(handle),
);

/**
 * A dictionary of join keys: each distinct key (its bytes) gets an id, in the order keys are first interned.
 *
 * Two modes, with the same ids:
 * - JavaScript: an open-addressing table over the keys' bytes (in the pages' heaps, or `own`).
 * - Native (`new KeyDict(true)` with the addon built): the table lives in the addon (native/scan.cc), where the
 *   scanning workers intern a page's keys as they scan it and hand back their numbers (`nid`). A nid is the
 *   order in which some thread met the key first, so it is mapped here to an id in reading order (`remap`), the
 *   order the JavaScript mode gives: the ids, and everything built on them, do not depend on the threads' timing.
 */
export class KeyDict {
  private readonly own = new ByteHeap(1 << 12);
  /** heaps[0] is `own` (its current array); pages' heaps follow. */
  private readonly heaps: Uint8Array[] = [new Uint8Array(0)];
  private lastHeap: Uint8Array | null = null;
  private n = 0;
  private heapOf = new Int32Array(1 << 12);
  private start = new Int32Array(1 << 12);
  private len = new Int32Array(1 << 12);
  /** (hash, id + 1) pairs; id + 1 = 0 is an empty slot. Kept at most half full. */
  private table = new Int32Array(2 << 13);
  private mask = (1 << 13) - 1;
  private scratch = new Uint8Array(256);
  /** Native mode: the addon and its dictionary's handle (-1 in JavaScript mode); nid -> id (-1: not yet met). */
  private readonly addon: Addon | null;
  readonly handle: number;
  private remap = new Int32Array(0);
  private nids = new Int32Array(1024);
  private readonly one = new Int32Array(2);
  private readonly oneHash = new Int32Array(1);
  constructor(native = false) {
    this.addon = native ? nativeAddon() : null;
    this.handle = this.addon ? this.addon.dictCreate() : -1;
    if (this.addon) nativeDicts.register(this, { addon: this.addon, handle: this.handle });
  }
  get size(): number {
    return this.n;
  }
  /** Whether the table is the addon's (native mode). */
  get native(): boolean {
    return this.addon !== null;
  }
  /** Makes room for `more` keys without growing on the way. */
  reserve(more: number): void {
    const want = this.n + more;
    this.ensure(want);
  }
  /**
   * Sizes an empty dictionary for about `more` keys (the first dataset's records). Later datasets mostly repeat
   * keys already seen, so the table then grows only as keys actually arrive.
   */
  expect(more: number): void {
    if (this.n !== 0) return;
    this.ensure(more);
    // The addon's table too: the scanning workers intern into it while the first dataset is read.
    this.addon?.dictReserve(this.handle, more);
  }
  private ensure(want: number): void {
    if (want > this.len.length) {
      let cap = this.len.length;
      while (cap < want) cap *= 2;
      const grow = (a: Int32Array) => {
        const b = new Int32Array(cap);
        b.set(a.subarray(0, this.n));
        return b;
      };
      this.heapOf = grow(this.heapOf);
      this.start = grow(this.start);
      this.len = grow(this.len);
    }
    if (this.addon === null && want * 2 > this.mask) {
      let size = this.mask + 1;
      while (want * 2 > size - 1) size *= 2;
      this.rehash(size);
    }
  }
  /** Registers a page's heap (once per page) for intern(); returns its index. */
  heapIndex(bytes: Uint8Array): number {
    if (this.lastHeap !== bytes) {
      this.heaps.push(bytes);
      this.lastHeap = bytes;
    }
    return this.heaps.length - 1;
  }
  private bytesOf(heap: number): Uint8Array {
    return heap === 0 ? this.own.a : this.heaps[heap]!;
  }
  /** The id of the key at bytes [s, s + l) of a registered heap (hash: hashBytes of them), adding it when new. */
  intern(heap: number, s: number, l: number, h: number): number {
    this.reserve(1);
    if (this.addon !== null) return this.idOf(this.nidOf(this.bytesOf(heap), s, l, h), heap, s, l);
    return this.put(heap, this.bytesOf(heap), s, l, h);
  }
  /** Native mode: the addon's number of the key at bytes [s, s + l) (hash h), added there when new. */
  private nidOf(bytes: Uint8Array, s: number, l: number, h: number): number {
    this.one[0] = s;
    this.one[1] = l;
    this.oneHash[0] = h;
    this.addon!.dictIntern(this.handle, bytes, this.one, this.oneHash, 1, this.nids, 0);
    return this.nids[0]!;
  }
  /**
   * Interns the n keys of a page KeyRef into out[k0 ..] (-1 for null). In native mode, `nid` are the keys'
   * numbers when the scanner interned them already; otherwise the addon interns them here.
   */
  internPage(
    bytes: Uint8Array,
    ref: Int32Array,
    hash: Int32Array,
    n: number,
    out: Int32Array,
    k0: number,
    nid?: Int32Array,
  ): void {
    this.reserve(n);
    const heap = this.heapIndex(bytes);
    if (this.addon !== null) {
      let nids = nid;
      if (nids === undefined) {
        if (this.nids.length < n) this.nids = new Int32Array(n * 2);
        nids = this.nids;
        this.addon.dictIntern(this.handle, bytes, ref, hash, n, nids, 0);
      }
      for (let i = 0; i < n; i++) {
        const x = nids[i]!;
        out[k0 + i] = x < 0 ? -1 : this.idOf(x, heap, ref[2 * i]!, ref[2 * i + 1]!);
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const l = ref[2 * i + 1]!;
      out[k0 + i] = l < 0 ? -1 : this.put(heap, bytes, ref[2 * i]!, l, hash[i]!);
    }
  }
  /** Native mode: the id of nid x, given the next id when it is met here first (its bytes: heap, s, l). */
  private idOf(x: number, heap: number, s: number, l: number): number {
    if (x >= this.remap.length) {
      const next = new Int32Array(Math.max(x + 1, this.remap.length * 2, 1024)).fill(-1);
      next.set(this.remap);
      this.remap = next;
    }
    const known = this.remap[x]!;
    if (known >= 0) return known;
    const id = this.add(heap, s, l);
    this.remap[x] = id;
    return id;
  }
  /** A new id for the key at [s, s + l) of heap `heap`; room is reserved by the caller. */
  private add(heap: number, s: number, l: number): number {
    const id = this.n++;
    this.heapOf[id] = heap;
    this.start[id] = s;
    this.len[id] = l;
    return id;
  }
  /** The probe; room is reserved by the caller. */
  private put(heap: number, src: Uint8Array, s: number, l: number, h: number): number {
    const t = this.table;
    const mask = this.mask;
    const lens = this.len;
    let slot = h & mask;
    for (;;) {
      const id1 = t[2 * slot + 1]!;
      if (id1 === 0) break;
      if (t[2 * slot] === h && lens[id1 - 1] === l) {
        const id = id1 - 1;
        const a = this.bytesOf(this.heapOf[id]!);
        const o = this.start[id]!;
        let j = 0;
        while (j < l && a[o + j] === src[s + j]) j++;
        if (j === l) return id;
      }
      slot = (slot + 1) & mask;
    }
    const id = this.add(heap, s, l);
    t[2 * slot] = h;
    t[2 * slot + 1] = id + 1;
    return id;
  }
  /** The id of a key given as a (normalised) string, or -1 for null; adds it when new. */
  internString(v: string | null): number {
    if (v === null) return -1;
    if (this.addon !== null) {
      const written = this.encode(v);
      const x = this.nidOf(this.scratch, 0, written, hashBytes(this.scratch, 0, written));
      if (x < this.remap.length && this.remap[x]! >= 0) return this.remap[x]!;
      this.reserve(1);
      const at = this.own.append(this.scratch, 0, written);
      return this.idOf(x, 0, at, written);
    }
    const found = this.find(v);
    if (found >= 0) return found;
    const written = this.encode(v);
    const at = this.own.append(this.scratch, 0, written);
    return this.intern(0, at, written, hashBytes(this.scratch, 0, written));
  }
  /**
   * A key's bytes in `scratch`: its UTF-8, or, for a string UTF-8 cannot hold (a lone surrogate), 0xFF (never in
   * UTF-8) and its UTF-16 code units, so that it stays itself and distinct.
   */
  private encode(v: string): number {
    if (this.scratch.length < v.length * 3 + 1) this.scratch = new Uint8Array(v.length * 3 + 1);
    if (roundTrips(v)) return encoder.encodeInto(v, this.scratch).written;
    this.scratch[0] = 0xff;
    return 1 + Buffer.from(v, 'utf16le').copy(this.scratch, 1);
  }
  /** The id of a key if present, else -1 (never adds). */
  find(v: string | null): number {
    if (v === null) return -1;
    const written = this.encode(v);
    if (this.addon !== null) {
      const x = this.addon.dictFind(this.handle, this.scratch, 0, written);
      return x < 0 || x >= this.remap.length ? -1 : this.remap[x]!;
    }
    const h = hashBytes(this.scratch, 0, written);
    const t = this.table;
    let slot = h & this.mask;
    for (;;) {
      const id1 = t[2 * slot + 1]!;
      if (id1 === 0) return -1;
      const id = id1 - 1;
      if (t[2 * slot] === h && this.len[id] === written) {
        const a = this.bytesOf(this.heapOf[id]!);
        const o = this.start[id]!;
        let j = 0;
        while (j < written && a[o + j] === this.scratch[j]) j++;
        if (j === written) return id;
      }
      slot = (slot + 1) & this.mask;
    }
  }
  get(id: number): string {
    const a = this.bytesOf(this.heapOf[id]!);
    const s = this.start[id]!;
    const e = s + this.len[id]!;
    const buf = fastBuffer(a);
    if (buf[s] === 0xff) return buf.toString('utf16le', s + 1, e);
    return buf.utf8Slice(s, e);
  }
  /** Compares two keys as JavaScript strings compare (UTF-16 order). */
  compare(a: number, b: number): number {
    if (a === b) return 0;
    const x = this.get(a);
    const y = this.get(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  private rehash(size: number): void {
    const old = this.table;
    const t = new Int32Array(2 * size);
    const mask = size - 1;
    for (let slot = 0; slot < old.length / 2; slot++) {
      const id1 = old[2 * slot + 1]!;
      if (id1 === 0) continue;
      const h = old[2 * slot]!;
      let x = h & mask;
      while (t[2 * x + 1] !== 0) x = (x + 1) & mask;
      t[2 * x] = h;
      t[2 * x + 1] = id1;
    }
    this.table = t;
    this.mask = mask;
  }
}

/** The key dictionaries shared by every table of a fleet. */
export class Keys {
  readonly serial: KeyDict;
  readonly deviceId: KeyDict;
  readonly udid: KeyDict;
  /** Users by lower-cased UPN or e-mail. */
  readonly user: KeyDict;
  /** Users by lower-cased object id. */
  readonly userId: KeyDict;
  /** With `native` (and the addon built), the dictionaries' tables live in the addon (see KeyDict). */
  constructor(native = false) {
    this.serial = new KeyDict(native);
    this.deviceId = new KeyDict(native);
    this.udid = new KeyDict(native);
    this.user = new KeyDict(native);
    this.userId = new KeyDict(native);
  }
  /** The native dictionaries' handles, in the addon's order (serial, deviceId, udid, user, userId), or null. */
  nativeHandles(): Int32Array | null {
    if (!this.serial.native) return null;
    return Int32Array.of(
      this.serial.handle,
      this.deviceId.handle,
      this.udid.handle,
      this.user.handle,
      this.userId.handle,
    );
  }
}

/** Interns the n keys of a page KeyRef (into `bytes`, the page's heap); appends the ids (-1 for null) to `out`. */
export function internRefs(
  dict: KeyDict,
  bytes: Uint8Array,
  ref: Int32Array,
  hash: Int32Array,
  n: number,
  out: GrowI32,
  nid?: Int32Array,
): void {
  out.reserve(n);
  dict.internPage(bytes, ref, hash, n, out.a, out.n, nid);
  out.n += n;
}

/**
 * Hash of `value.trim().toLowerCase()` of value i of a string column (FNV-1a over its UTF-16 code units), or null
 * when the value is null or empty once trimmed. ASCII values are hashed from their bytes without a string.
 */
export function trimLowerHash(col: StrCol, i: number): number | null {
  const l = col.len(i);
  if (l === -1) return null;
  if (l >= 0) {
    const b = col.bytesOf(i);
    let s = col.start(i);
    let e = s + l;
    let ascii = true;
    for (let j = s; j < e; j++)
      if (b[j]! >= 0x80) {
        ascii = false;
        break;
      }
    if (ascii) {
      while (s < e && (b[s] === 0x20 || (b[s]! >= 0x09 && b[s]! <= 0x0d))) s++;
      while (e > s && (b[e - 1] === 0x20 || (b[e - 1]! >= 0x09 && b[e - 1]! <= 0x0d))) e--;
      if (s === e) return null;
      let h = 0x811c9dc5;
      for (let j = s; j < e; j++) {
        const c = b[j]!;
        h = Math.imul(h ^ (c >= 0x41 && c <= 0x5a ? c + 32 : c), 0x01000193);
      }
      return h | 0;
    }
  }
  const v = col.get(i)!.trim().toLowerCase();
  if (v === '') return null;
  let h = 0x811c9dc5;
  for (let j = 0; j < v.length; j++) h = Math.imul(h ^ v.charCodeAt(j), 0x01000193);
  return h | 0;
}
