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
  /** The values, as an exact-size copy. */
  done(): Int32Array {
    return this.a.slice(0, this.n);
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
    return this.a.slice(0, this.n);
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
    return this.a.slice(0, this.n);
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
    this.a.set(src.subarray(start, start + length), at);
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

/** A column of nullable strings: UTF-8 bytes in one heap; a value that does not survive UTF-8 is kept aside. */
export class StrCol {
  constructor(
    readonly heap: Uint8Array,
    /** start of value i */
    readonly start: Int32Array,
    /** byte length of value i; -1 null; -2 kept in `odd` */
    readonly len: Int32Array,
    readonly odd: Map<number, string> | null,
    readonly ascii: boolean,
  ) {}
  private buf: FastBuffer | null = null;
  get(i: number): string | null {
    const n = this.len[i]!;
    if (n < 0) return n === -1 ? null : this.odd!.get(i)!;
    if (n === 0) return '';
    this.buf ??= fastBuffer(this.heap);
    const s = this.start[i]!;
    return this.ascii ? this.buf.latin1Slice(s, s + n) : this.buf.utf8Slice(s, s + n);
  }
  isNull(i: number): boolean {
    return this.len[i] === -1;
  }
}

/** Builds a StrCol from strings or from byte ranges of page heaps. */
export class StrColBuilder {
  readonly heap = new ByteHeap();
  readonly start = new GrowI32();
  readonly len = new GrowI32();
  odd: Map<number, string> | null = null;
  ascii = true;
  get count(): number {
    return this.len.n;
  }
  addString(v: string | null): void {
    if (v === null) {
      this.start.push(0);
      this.len.push(-1);
      return;
    }
    if (!roundTrips(v)) {
      this.odd ??= new Map();
      this.odd.set(this.len.n, v);
      this.start.push(0);
      this.len.push(-2);
      return;
    }
    const [at, n] = this.heap.appendString(v);
    if (n !== v.length) this.ascii = false;
    this.start.push(at);
    this.len.push(n);
  }
  /** Adds the n values of a page StrRef (pairs start, length into `bytes`). */
  addRefs(bytes: Uint8Array, ref: Int32Array, n: number): void {
    // One copy of the page's bytes this column uses, then offsets rebased.
    let total = 0;
    for (let i = 0; i < n; i++) {
      const l = ref[2 * i + 1]!;
      if (l > 0) total += l;
    }
    this.heap.reserve(total);
    this.start.reserve(n);
    this.len.reserve(n);
    const h = this.heap.a;
    let at = this.heap.n;
    const st = this.start.a;
    const ln = this.len.a;
    let k = this.len.n;
    let ascii = this.ascii;
    for (let i = 0; i < n; i++, k++) {
      const s = ref[2 * i]!;
      const l = ref[2 * i + 1]!;
      if (l <= 0) {
        st[k] = 0;
        ln[k] = l;
        continue;
      }
      h.set(bytes.subarray(s, s + l), at);
      if (ascii) for (let j = s; j < s + l; j++) if (bytes[j]! >= 0x80) ascii = false;
      st[k] = at;
      ln[k] = l;
      at += l;
    }
    this.heap.n = at;
    this.start.n = k;
    this.len.n = k;
    this.ascii = ascii;
  }
  done(): StrCol {
    return new StrCol(this.heap.done(), this.start.done(), this.len.done(), this.odd, this.ascii);
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
 * open addressing over a hash table of ids, so a million keys cost a few typed arrays.
 */
export class KeyDict {
  private bytes = new ByteHeap(1 << 16);
  private start = new GrowI32();
  private len = new GrowI32();
  private hashes = new GrowI32();
  private table = new Int32Array(1 << 12).fill(-1);
  private mask = (1 << 12) - 1;
  private scratch = new Uint8Array(256);
  private buf: FastBuffer | null = null;
  get size(): number {
    return this.len.n;
  }
  /** The id of a key given as bytes (with its hashBytes hash), adding it when new. */
  intern(src: Uint8Array, s: number, l: number, h: number): number {
    const t = this.table;
    const heap = this.bytes;
    let slot = h & this.mask;
    for (;;) {
      const id = t[slot]!;
      if (id === -1) break;
      if (this.hashes.a[id] === h && this.len.a[id] === l) {
        const o = this.start.a[id]!;
        const a = heap.a;
        let j = 0;
        while (j < l && a[o + j] === src[s + j]) j++;
        if (j === l) return id;
      }
      slot = (slot + 1) & this.mask;
    }
    const id = this.len.n;
    this.start.push(heap.append(src, s, l));
    this.len.push(l);
    this.hashes.push(h);
    this.buf = null;
    t[slot] = id;
    if (this.len.n * 2 > this.mask) this.grow();
    return id;
  }
  /** The id of a key given as a (normalised) string, or -1 for null; adds it when new. */
  internString(v: string | null): number {
    if (v === null) return -1;
    const written = this.encode(v);
    return this.intern(this.scratch, 0, written, hashBytes(this.scratch, 0, written));
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
    const h = hashBytes(this.scratch, 0, written);
    let slot = h & this.mask;
    for (;;) {
      const id = this.table[slot]!;
      if (id === -1) return -1;
      if (this.hashes.a[id] === h && this.len.a[id] === written) {
        const o = this.start.a[id]!;
        let j = 0;
        while (j < written && this.bytes.a[o + j] === this.scratch[j]) j++;
        if (j === written) return id;
      }
      slot = (slot + 1) & this.mask;
    }
  }
  get(id: number): string {
    this.buf ??= fastBuffer(this.bytes.a);
    const s = this.start.a[id]!;
    const e = s + this.len.a[id]!;
    if (this.buf[s] === 0xff) return this.buf.toString('utf16le', s + 1, e);
    return this.buf.utf8Slice(s, e);
  }
  /** Compares two keys as JavaScript strings compare (UTF-16 order). */
  compare(a: number, b: number): number {
    if (a === b) return 0;
    const x = this.get(a);
    const y = this.get(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  private grow(): void {
    const size = (this.mask + 1) * 2;
    const t = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let id = 0; id < this.len.n; id++) {
      let slot = this.hashes.a[id]! & mask;
      while (t[slot] !== -1) slot = (slot + 1) & mask;
      t[slot] = id;
    }
    this.table = t;
    this.mask = mask;
  }
}

/** The key dictionaries shared by every table of a fleet. */
export class Keys {
  readonly serial = new KeyDict();
  readonly deviceId = new KeyDict();
  readonly udid = new KeyDict();
  /** Users by lower-cased UPN or e-mail. */
  readonly user = new KeyDict();
  /** Users by lower-cased object id. */
  readonly userId = new KeyDict();
}

/** Interns the n keys of a page KeyRef into a dictionary; returns the ids (-1 for null). */
export function internRefs(
  dict: KeyDict,
  bytes: Uint8Array,
  ref: Int32Array,
  hash: Int32Array,
  n: number,
  out: GrowI32,
): void {
  out.reserve(n);
  const a = out.a;
  let k = out.n;
  for (let i = 0; i < n; i++, k++) {
    const l = ref[2 * i + 1]!;
    a[k] = l < 0 ? -1 : dict.intern(bytes, ref[2 * i]!, l, hash[i]!);
  }
  out.n = k;
}

/**
 * Hash of `value.trim().toLowerCase()` of value i of a string column (FNV-1a over its UTF-16 code units), or null
 * when the value is null or empty once trimmed. ASCII values are hashed from their bytes without a string.
 */
export function trimLowerHash(col: StrCol, i: number): number | null {
  const l = col.len[i]!;
  if (l === -1) return null;
  if (l >= 0) {
    const b = col.heap;
    let s = col.start[i]!;
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
