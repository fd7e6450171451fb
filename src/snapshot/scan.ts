import { Buffer } from 'node:buffer';
import { dateField, possibleDate } from '../api/dates.js';
import { normDeviceId, normSerial, normUdid, normUser } from '../model/keys.js';
import {
  type AccountRows,
  type EntraPage,
  hashBytes,
  type IntunePage,
  type JamfPage,
  type Page,
  type UserPage,
} from '../model/page.js';
import { ENTRA_STRINGS, MD_STRINGS } from './fast.js';
import type { KindName } from './kinds.js';

/**
 * The projecting byte scanner: turns one page file's bytes into the typed-array columns of model/page.ts without
 * building the JSON objects. It validates the whole document as JSON.parse does (structure, string escapes,
 * control characters, number grammar, literals, trailing garbage), checks every field the fast validators of
 * fast.ts look at, and reduces the values as records.ts does (`s()`, `k()`, `toMillis`, the fallbacks) and the
 * keys as keys.ts does.
 *
 * It returns null whenever it is not certain to give exactly what the slow path (parseJsonText + envelope + FAST
 * or zod + reduce) gives: invalid JSON, a BOM, an envelope problem, any record FAST would reject, an object key
 * written with escapes, a lone surrogate in an extracted string, an enabled plan id that is empty or holds a
 * comma, nesting deeper than 512, and the like. The caller then reads that page through the slow path, which
 * yields the exact records or the exact one-line error.
 *
 * Strings: plain ASCII values are copied byte for byte; a value with escapes or bytes >= 0x80 is decoded to a JS
 * string (Buffer `toString('utf8')` of its bytes — the same U+FFFD replacement as decoding the whole file, since a
 * string's bounds are ASCII quotes — then JSON.parse of the escaped text) and re-encoded as UTF-8.
 *
 * Not re-entrant: scratch buffers are per thread (module state), reused from one page to the next.
 */

class Bail {
  readonly bail = true;
}
var BAIL = new Bail();
function bail(): never {
  throw BAIL;
}

// ---------------------------------------------------------------------------------------------------------------
// Input and JSON syntax
//
// The scanner's state lives in module-level `var`s on purpose: a module-level `let`/`const` read from a function
// pays a temporal-dead-zone check on every access, which cost about a quarter of the scanning speed.

var b: Uint8Array = new Uint8Array(0);
var bBuf: Buffer = Buffer.alloc(0);
/** The input as 32-bit words at any offset: strings and keys are run through four bytes at a time. */
var bDv: DataView = new DataView(new ArrayBuffer(0));
var p = 0;

/**
 * Is any of the four bytes of w (little-endian) one that stops a plain run of a string: '"', '\\', a control
 * character (< 0x20) or a byte >= 0x80? The classic "has a zero byte" tests (no false negatives; a false positive
 * only sends the caller to its byte loop).
 */
function stops(w: number): boolean {
  const x = w ^ 0x22222222;
  const y = w ^ 0x5c5c5c5c;
  return ((((x - 0x01010101) & ~x) | ((y - 0x01010101) & ~y) | ((w - 0x20202020) & ~w) | w) & 0x80808080) !== 0;
}

/** 1 for the bytes that stop the plain run of a string: '"', '\\', control characters, bytes >= 0x80. */
var SC = new Uint8Array(256);
for (let c = 0; c < 32; c++) SC[c] = 1;
SC[34] = 1;
SC[92] = 1;
for (let c = 128; c < 256; c++) SC[c] = 1;
var HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
var ESC = new Uint8Array(256);
for (const c of '"\\/bfnrt') ESC[c.charCodeAt(0)] = 1;

var F_ESC = 1;
var F_HIGH = 2;
/** A \u escape starting with d/D: maybe a surrogate, check the decoded string. */
var F_SURR = 4;

/** The last string scanned: [sS, sE) between the quotes, sF its flags. */
var sS = 0;
var sE = 0;
var sF = 0;

/** Scans a string; p is just after the opening quote and ends just after the closing one. */
function str(): void {
  const buf = b;
  const dv = bDv;
  const end4 = buf.length - 4;
  let i = p;
  let fl = 0;
  sS = i;
  for (;;) {
    while (i <= end4 && !stops(dv.getInt32(i, true))) i += 4;
    while (SC[buf[i]!] === 0) i++;
    const c = buf[i];
    if (c === 34) break;
    if (c === 92) {
      const e = buf[i + 1]!;
      if (e === 117) {
        if ((HEX[buf[i + 2]!]! & HEX[buf[i + 3]!]! & HEX[buf[i + 4]!]! & HEX[buf[i + 5]!]!) !== 1) bail();
        const h = buf[i + 2];
        if (h === 100 || h === 68) fl |= F_SURR;
        i += 6;
      } else if (ESC[e] === 1) {
        i += 2;
      } else {
        bail();
      }
      fl |= F_ESC;
      continue;
    }
    if (c === undefined || c < 32) bail();
    fl |= F_HIGH;
    i++;
  }
  sE = i;
  sF = fl;
  p = i + 1;
}

/**
 * str() for a value bound for the heap: copies a plain string's bytes while scanning them (sH its heap offset;
 * -1 when the string has escapes or non-ASCII bytes, which are decoded from the input instead).
 */
var sH = -1;
function strCopy(): void {
  const buf = b;
  let i = p;
  if (hp + (buf.length - i) > heap.length) ensureHeap(buf.length - i);
  const h = heap;
  const hdv = heapDv;
  const dv = bDv;
  const end4 = buf.length - 4;
  const start = hp;
  let o = start;
  for (;;) {
    if (i > end4) break;
    const w = dv.getInt32(i, true);
    if (stops(w)) break;
    hdv.setInt32(o, w, true);
    i += 4;
    o += 4;
  }
  let c = buf[i]!;
  while (SC[c] === 0) {
    h[o++] = c;
    c = buf[++i]!;
  }
  if (c === 34) {
    sS = p;
    sE = i;
    sF = 0;
    p = i + 1;
    sH = start;
    hp = o;
    return;
  }
  str();
  sH = -1;
}

function ws(): void {
  let c = b[p];
  while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p];
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 48 && c <= 57;
}

/** Scans a number (JSON grammar); p is at its first byte. Leaves [nS, nE) and whether it is a plain integer. */
var nS = 0;
var nE = 0;
var nInt = false;
function num(): void {
  const buf = b;
  let i = p;
  nS = i;
  let c = buf[i];
  let plain = true;
  if (c === 45) {
    c = buf[++i];
    plain = false;
  }
  if (c === 48) {
    c = buf[++i];
    plain = false;
  } else if (isDigit(c)) {
    do c = buf[++i];
    while (isDigit(c));
  } else {
    bail();
  }
  if (c === 46) {
    plain = false;
    c = buf[++i];
    if (!isDigit(c)) bail();
    do c = buf[++i];
    while (isDigit(c));
  }
  if (c === 101 || c === 69) {
    plain = false;
    c = buf[++i];
    if (c === 43 || c === 45) c = buf[++i];
    if (!isDigit(c)) bail();
    do c = buf[++i];
    while (isDigit(c));
  }
  p = i;
  nE = i;
  nInt = plain && i - nS <= 15;
}

function lit(c0: number): number {
  const buf = b;
  const i = p;
  if (c0 === 116) {
    if (buf[i + 1] === 114 && buf[i + 2] === 117 && buf[i + 3] === 101) {
      p = i + 4;
      return T_TRUE;
    }
  } else if (c0 === 102) {
    if (buf[i + 1] === 97 && buf[i + 2] === 108 && buf[i + 3] === 115 && buf[i + 4] === 101) {
      p = i + 5;
      return T_FALSE;
    }
  } else if (c0 === 110) {
    if (buf[i + 1] === 117 && buf[i + 2] === 108 && buf[i + 3] === 108) {
      p = i + 4;
      return T_NULL;
    }
  }
  throw BAIL;
}

// Value types (also the slot states).
var T_ABSENT = 0;
var T_NULL = 1;
var T_STR = 2;
var T_TRUE = 3;
var T_FALSE = 4;
var T_NUM = 5;
var T_OBJ = 6;
var T_ARR = 7;

var MAX_DEPTH = 512;

/** Scans (and validates) any value; p is at its first byte. */
function skip(depth: number): number {
  const c = b[p];
  if (c === 34) {
    p++;
    str();
    return T_STR;
  }
  if (c === 123) {
    if (depth > MAX_DEPTH) bail();
    p++;
    if (b[p]! <= 32) ws();
    if (b[p] === 125) {
      p++;
      return T_OBJ;
    }
    for (;;) {
      if (b[p] !== 34) bail();
      p++;
      str();
      if (b[p]! <= 32) ws();
      if (b[p] !== 58) bail();
      p++;
      if (b[p]! <= 32) ws();
      skip(depth + 1);
      if (b[p]! <= 32) ws();
      const d = b[p];
      if (d === 44) {
        p++;
        if (b[p]! <= 32) ws();
        continue;
      }
      if (d === 125) {
        p++;
        return T_OBJ;
      }
      bail();
    }
  }
  if (c === 91) {
    if (depth > MAX_DEPTH) bail();
    p++;
    if (b[p]! <= 32) ws();
    if (b[p] === 93) {
      p++;
      return T_ARR;
    }
    for (;;) {
      skip(depth + 1);
      if (b[p]! <= 32) ws();
      const d = b[p];
      if (d === 44) {
        p++;
        if (b[p]! <= 32) ws();
        continue;
      }
      if (d === 93) {
        p++;
        return T_ARR;
      }
      bail();
    }
  }
  if (c === 45 || isDigit(c)) {
    num();
    return T_NUM;
  }
  if (c === undefined) bail();
  return lit(c);
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding of the odd strings, dates

var LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The JS string of a scanned string value with escapes or non-ASCII bytes, exactly as JSON.parse gives it. */
function decode(s: number, e: number, f: number): string {
  let v = bBuf.toString(f & F_HIGH ? 'utf8' : 'latin1', s, e);
  if (f & F_ESC) {
    v = JSON.parse(`"${v}"`) as string;
    if (f & F_SURR && LONE.test(v)) bail();
  }
  return v;
}

var DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
function d2(i: number): number {
  return (b[i]! - 48) * 10 + b[i + 1]! - 48;
}

/**
 * common.ts' fastMillis on bytes: epoch ms, NaN for Graph's year-1 "never" (toMillis gives null), or undefined
 * when the string is not of the common form (then the string path decides).
 */
function fastDate(s: number, e: number): number | undefined {
  const n = e - s;
  if (n < 20 || n > 28 || b[e - 1] !== 90 || b[s + 10] !== 84) return undefined;
  if (b[s + 4] !== 45 || b[s + 7] !== 45 || b[s + 13] !== 58 || b[s + 16] !== 58) return undefined;
  for (let k = 0; k < DATE_DIGITS.length; k++) {
    const c = b[s + DATE_DIGITS[k]!]!;
    if (c < 48 || c > 57) return undefined;
  }
  let ms = 0;
  if (n > 20) {
    if (b[s + 19] !== 46) return undefined;
    let scale = 100;
    for (let i = s + 20; i < e - 1; i++) {
      const c = b[i]! - 48;
      if (c < 0 || c > 9) return undefined;
      ms += c * scale;
      scale /= 10;
    }
    ms = Math.floor(ms);
  }
  const y = d2(s) * 100 + d2(s + 2);
  // An impossible day or time (Date.UTC would roll it over): the string path refuses it.
  if (!possibleDate(y, d2(s + 5), d2(s + 8), d2(s + 11), d2(s + 14), d2(s + 17))) return undefined;
  if (y === 1) return Number.NaN;
  // Date.UTC(y, mo, d, h, mi, sec, ms) is MakeDate(MakeDay(y, mo, d), MakeTime(h, mi, sec, ms)): the day part is
  // cached (dates of a page share few days), the time part is exact integer arithmetic.
  const mo = d2(s + 5) - 1;
  const d = d2(s + 8);
  const dk = (y * 100 + mo + 1) * 100 + d;
  const slot = dk & 255;
  let day: number;
  if (dayKey[slot] === dk) day = dayVal[slot]!;
  else {
    day = Date.UTC(y, mo, d);
    dayKey[slot] = dk;
    dayVal[slot] = day;
  }
  const t = day + d2(s + 11) * 3_600_000 + d2(s + 14) * 60_000 + d2(s + 17) * 1000 + ms;
  return Number.isFinite(t) && Math.abs(t) <= 8.64e15 ? t : undefined;
}

/** A small direct-mapped cache of Date.UTC(y, mo, d) (the same few days recur on a page). */
var dayKey = new Int32Array(256).fill(-1);
var dayVal = new Float64Array(256);

/** The date of the string just scanned (toMillis), NaN for null; bails when the schema would reject it. */
function dateOfString(): number {
  if (sF === 0) {
    const t = fastDate(sS, sE);
    if (t !== undefined) return t;
  }
  const r = dateField(decode(sS, sE, sF));
  if (r === undefined) bail();
  return r === null ? Number.NaN : r;
}

// ---------------------------------------------------------------------------------------------------------------
// Shapes: the fields of the objects the scanner projects

// Field types.
var F_STR = 1; // optString, kept in a slot
var F_ID = 2; // required string
var F_JID = 3; // string or number (Jamf id)
var F_BOOL = 4; // optBool
var F_DATE = 5; // isoDate
var F_VSTR = 6; // optString, validated only
var F_ENUM = 11; // optString kept as input positions, not copied while scanned (enums, fallbacks, plan fields)
var F_IDN = 12; // required string kept as input positions (a plan's servicePlanId)
var F_VDATE = 7; // isoDate, validated only
var F_UID = 8; // string | number | null, validated only
var F_OBJ = 9; // nested object (nullable, optional)
var F_ARR = 10; // array of objects (nullable, optional), each handed to a hook

// Array hooks.
var H_NONE = 0;
var H_ACCOUNT = 1;
var H_PLAN = 2;

interface Field {
  key: string;
  type: number;
  slot?: number;
  sub?: Shape;
  hook?: number;
}

interface Shape {
  keys: Uint8Array[];
  type: number[];
  slot: number[];
  sub: (Shape | null)[];
  hook: number[];
  byLen: number[][];
  /** Slots [lo, hi) of this shape and the shapes under it, reset when the object (re)starts. */
  lo: number;
  hi: number;
  /**
   * Key prediction: records of a page list their keys in the same order, so the field after field f (and the
   * first one) is learnt, and the next key is first compared with the predicted key's bytes in place — a hit
   * both finds the field and scans the key in one pass. A miss falls back to scanning and looking it up.
   */
  first: number;
  next: Int32Array;
  /** keys[f] as little-endian 32-bit words (its whole words; the 0–3 bytes left are compared one by one). */
  words: Int32Array[];
}

function shape(fields: Field[]): Shape {
  const sh: Shape = {
    keys: [],
    type: [],
    slot: [],
    sub: [],
    hook: [],
    byLen: [],
    lo: 1e9,
    hi: -1,
    first: -1,
    next: new Int32Array(fields.length).fill(-1),
    words: [],
  };
  fields.forEach((f, i) => {
    const kb = Buffer.from(f.key, 'latin1');
    sh.keys.push(new Uint8Array(kb));
    const words = new Int32Array(kb.length >> 2);
    for (let w = 0; w < words.length; w++) words[w] = kb.readInt32LE(4 * w);
    sh.words.push(words);
    sh.type.push(f.type);
    sh.slot.push(f.slot ?? -1);
    sh.sub.push(f.sub ?? null);
    sh.hook.push(f.hook ?? H_NONE);
    const same = sh.byLen[kb.length];
    if (same) same.push(i);
    else sh.byLen[kb.length] = [i];
    if (f.slot !== undefined) {
      sh.lo = Math.min(sh.lo, f.slot);
      sh.hi = Math.max(sh.hi, f.slot + 1);
    }
    if (f.sub) {
      sh.lo = Math.min(sh.lo, f.sub.lo);
      sh.hi = Math.max(sh.hi, f.sub.hi);
    }
  });
  if (sh.hi < 0) {
    sh.lo = 0;
    sh.hi = 0;
  }
  return sh;
}

var MAX_SLOTS = 64;
/** Slot state (T_*), string bounds and flags, date value. */
var ST = new Int32Array(MAX_SLOTS);
var SS = new Int32Array(MAX_SLOTS);
var SE = new Int32Array(MAX_SLOTS);
var SF = new Int32Array(MAX_SLOTS);
var SD = new Float64Array(MAX_SLOTS);
/** Heap offset of a slot's string when it was copied while scanned, else -1. */
var SH = new Int32Array(MAX_SLOTS);

function findKey(sh: Shape, ks: number, ke: number): number {
  const list = sh.byLen[ke - ks];
  if (list === undefined) return -1;
  const buf = b;
  for (let j = 0; j < list.length; j++) {
    const f = list[j]!;
    const kb = sh.keys[f]!;
    let m = 0;
    const n = kb.length;
    while (m < n && kb[m] === buf[ks + m]) m++;
    if (m === n) return f;
  }
  return -1;
}

/** Parses an object of a known shape into its slots; p is just after '{'. */
function obj(sh: Shape, depth: number): void {
  if (b[p]! <= 32) ws();
  if (b[p] === 125) {
    p++;
    return;
  }
  let pred = sh.first;
  let prev = -1;
  let firstKey = true;
  for (;;) {
    if (b[p] !== 34) bail();
    p++;
    let f = -1;
    if (pred >= 0) {
      const kb = sh.keys[pred]!;
      const n = kb.length;
      const buf = b;
      const s0 = p;
      let m = 0;
      if (s0 + n < buf.length) {
        const kw = sh.words[pred]!;
        const dv = bDv;
        let q = 0;
        while (q < kw.length && dv.getInt32(s0 + 4 * q, true) === kw[q]) q++;
        if (q === kw.length) {
          m = 4 * q;
          while (m < n && kb[m] === buf[s0 + m]) m++;
        }
      }
      if (m === n && buf[s0 + n] === 34) {
        f = pred;
        p = s0 + n + 1;
      }
    }
    if (f < 0) {
      str();
      if (sF & F_ESC) bail();
      f = findKey(sh, sS, sE);
      if (f >= 0) {
        if (firstKey) sh.first = f;
        else if (prev >= 0) sh.next[prev] = f;
      }
    }
    firstKey = false;
    prev = f;
    pred = f < 0 ? -1 : sh.next[f]!;
    if (b[p]! <= 32) ws();
    if (b[p] !== 58) bail();
    p++;
    if (b[p]! <= 32) ws();
    if (f < 0) skip(depth + 1);
    else field(sh, f, depth);
    if (b[p]! <= 32) ws();
    const d = b[p];
    if (d === 44) {
      p++;
      if (b[p]! <= 32) ws();
      continue;
    }
    if (d === 125) {
      p++;
      return;
    }
    bail();
  }
}

function field(sh: Shape, f: number, depth: number): void {
  const type = sh.type[f]!;
  const slot = sh.slot[f]!;
  const c = b[p];
  switch (type) {
    case F_STR:
    case F_ID:
    case F_ENUM:
    case F_IDN:
    case F_VSTR:
      if (c === 34) {
        p++;
        if (type === F_STR || type === F_ID) {
          strCopy();
          SH[slot] = sH;
        } else {
          str();
          SH[slot] = -1;
        }
        if (type !== F_VSTR) {
          ST[slot] = T_STR;
          SS[slot] = sS;
          SE[slot] = sE;
          SF[slot] = sF;
        }
        return;
      }
      if (c === 110 && type !== F_ID && type !== F_IDN) {
        lit(c);
        if (type !== F_VSTR) ST[slot] = T_NULL;
        return;
      }
      throw BAIL;
    case F_DATE:
    case F_VDATE:
      if (c === 34) {
        p++;
        str();
        const t = dateOfString();
        if (type === F_DATE) {
          ST[slot] = T_STR;
          SD[slot] = t;
        }
        return;
      }
      if (c === 110) {
        lit(c);
        if (type === F_DATE) {
          ST[slot] = T_NULL;
          SD[slot] = Number.NaN;
        }
        return;
      }
      throw BAIL;
    case F_BOOL:
      if (c === 116 || c === 102 || c === 110) {
        ST[slot] = lit(c);
        return;
      }
      throw BAIL;
    case F_JID:
      if (c === 34) {
        p++;
        str();
        SH[slot] = -1;
        ST[slot] = T_STR;
        SS[slot] = sS;
        SE[slot] = sE;
        SF[slot] = sF;
        return;
      }
      if (c === 45 || isDigit(c)) {
        num();
        SH[slot] = -1;
        ST[slot] = T_NUM;
        SS[slot] = nS;
        SE[slot] = nE;
        SF[slot] = nInt ? 0 : 1;
        return;
      }
      throw BAIL;
    case F_UID:
      if (c === 34) {
        p++;
        str();
        return;
      }
      if (c === 45 || isDigit(c)) {
        num();
        return;
      }
      if (c === 110) {
        lit(c);
        return;
      }
      throw BAIL;
    case F_OBJ: {
      const sub = sh.sub[f]!;
      for (let k = sub.lo; k < sub.hi; k++) ST[k] = T_ABSENT;
      if (c === 123) {
        p++;
        ST[slot] = T_OBJ;
        obj(sub, depth + 1);
        return;
      }
      if (c === 110) {
        lit(c);
        ST[slot] = T_NULL;
        return;
      }
      throw BAIL;
    }
    case F_ARR: {
      const hook = sh.hook[f]!;
      arrReset(hook);
      if (c === 110) {
        lit(c);
        ST[slot] = T_NULL;
        return;
      }
      if (c !== 91) bail();
      ST[slot] = T_ARR;
      p++;
      if (b[p]! <= 32) ws();
      if (b[p] === 93) {
        p++;
        return;
      }
      const sub = sh.sub[f]!;
      for (;;) {
        if (b[p] !== 123) bail();
        p++;
        for (let k = sub.lo; k < sub.hi; k++) ST[k] = T_ABSENT;
        obj(sub, depth + 2);
        arrElement(hook);
        if (b[p]! <= 32) ws();
        const d = b[p];
        if (d === 44) {
          p++;
          if (b[p]! <= 32) ws();
          continue;
        }
        if (d === 93) {
          p++;
          return;
        }
        bail();
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Output: heap, dictionary, columns

var heap = new Uint8Array(1 << 20);
var heapBuf = Buffer.from(heap.buffer, heap.byteOffset, heap.byteLength);
var heapDv = new DataView(heap.buffer, heap.byteOffset, heap.byteLength);
var hp = 0;

function ensureHeap(n: number): void {
  if (hp + n <= heap.length) return;
  const next = new Uint8Array(Math.max(heap.length * 2, hp + n));
  next.set(heap.subarray(0, hp));
  heap = next;
  heapBuf = Buffer.from(heap.buffer, heap.byteOffset, heap.byteLength);
  heapDv = new DataView(heap.buffer, heap.byteOffset, heap.byteLength);
}

/** Appends a string's UTF-8 to the heap; returns its length (its offset is hp before the call). */
function writeHeap(v: string): number {
  ensureHeap(v.length * 3);
  return heapBuf.write(v, hp, 'utf8');
}

var dict: string[] = [];
var dictBytes: Uint8Array[] = [];
var dictHash: number[] = [];
var itab = new Int32Array(1024);

function resetDict(): void {
  lastEnum.fill(-1);
  prevPlanN = -1;
  lastPlans = -1;
  dict = [];
  dictBytes = [];
  dictHash = [];
  if (itab.length > 1024) itab = new Int32Array(1024);
  else itab.fill(0);
}

/** The dict index of the UTF-8 bytes src[s, e), added when new. */
function intern(src: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ src[i]!, 0x01000193);
  const mask = itab.length - 1;
  let j = h & mask;
  const n = e - s;
  for (;;) {
    const v = itab[j]!;
    if (v === 0) break;
    const idx = v - 1;
    if (dictHash[idx] === h) {
      const eb = dictBytes[idx]!;
      if (eb.length === n) {
        let m = 0;
        while (m < n && eb[m] === src[s + m]) m++;
        if (m === n) return idx;
      }
    }
    j = (j + 1) & mask;
  }
  const idx = dict.length;
  const bytes = src.slice(s, e);
  dictBytes.push(bytes);
  dictHash.push(h);
  dict.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  itab[j] = idx + 1;
  if (dict.length * 2 > itab.length) {
    const t = new Int32Array(itab.length * 2);
    const m2 = t.length - 1;
    for (let x = 0; x < dict.length; x++) {
      let y = dictHash[x]! & m2;
      while (t[y] !== 0) y = (y + 1) & m2;
      t[y] = x + 1;
    }
    itab = t;
  }
  return idx;
}

function internString(v: string): number {
  const enc = Buffer.from(v, 'utf8');
  return intern(enc, 0, enc.length);
}

type Arr = Int32Array | Float64Array | Int8Array;

/**
 * A growable set of columns, kept in an array (a literal index object names the positions: an object with many
 * keyed-in properties would fall into dictionary mode and slow every access). Types: `ref` two int32 per row
 * (a StrRef), `i32`, `f64`, `i8`, `start` int32 per row plus one; `$ref`/`$hash` columns form a KeyRef.
 */
type ColType = 'ref' | 'i32' | 'f64' | 'i8' | 'start';
class Table {
  cap = 0;
  cols: Arr[] = [];
  readonly names: string[];
  readonly types: ColType[];
  constructor(index: Record<string, number>, types: Record<string, ColType>) {
    this.names = Object.keys(index).sort((a, b) => index[a]! - index[b]!);
    this.names.forEach((n, k) => {
      if (index[n] !== k) throw new Error(`column index of ${n}`);
    });
    this.types = this.names.map((n) => types[n] ?? (n.endsWith('$hash') ? 'i32' : 'ref'));
    this.grow(2048);
  }
  size(k: number, rows: number): number {
    const t = this.types[k]!;
    return t === 'ref' ? 2 * rows : t === 'start' ? rows + 1 : rows;
  }
  grow(cap: number): void {
    this.types.forEach((t, k) => {
      const Ctor = t === 'f64' ? Float64Array : t === 'i8' ? Int8Array : Int32Array;
      const next = new Ctor(this.size(k, cap));
      const old = this.cols[k];
      if (old) next.set(old as never);
      this.cols[k] = next;
    });
    this.cap = cap;
  }
  ensure(n: number): void {
    if (n > this.cap) this.grow(Math.max(n, this.cap * 2));
  }
}

/** The current value (last putRef): heap offset and length, or -1; its JS string when it was decoded. */
var vOff = -1;
var vLen = 0;
var vStr: string | null = null;

function putNull(r: Arr, i: number): void {
  r[2 * i] = -1;
  r[2 * i + 1] = -1;
  vOff = -1;
  vStr = null;
}

/** Emits a string slot into a StrRef; `keepEmpty` for the required ids ('' stays ''). */
function putRef(r: Arr, i: number, slot: number, keepEmpty: boolean): void {
  if (ST[slot] !== T_STR) {
    putNull(r, i);
    return;
  }
  const s = SS[slot]!;
  const e = SE[slot]!;
  const f = SF[slot]!;
  if (f === 0) {
    const n = e - s;
    if (n === 0 && !keepEmpty) {
      putNull(r, i);
      return;
    }
    const sh = SH[slot]!;
    if (sh >= 0) {
      // Copied to the heap while it was scanned.
      r[2 * i] = sh;
      r[2 * i + 1] = n;
      vOff = sh;
      vLen = n;
      vStr = null;
      return;
    }
    ensureHeap(n);
    const h = heap;
    const buf = b;
    let o = hp;
    for (let k = s; k < e; k++) h[o++] = buf[k]!;
    r[2 * i] = hp;
    r[2 * i + 1] = n;
    vOff = hp;
    vLen = n;
    vStr = null;
    hp = o;
    return;
  }
  putString(r, i, decode(s, e, f));
}

function putString(r: Arr, i: number, v: string): void {
  const n = writeHeap(v);
  r[2 * i] = hp;
  r[2 * i + 1] = n;
  vOff = hp;
  vLen = n;
  vStr = v;
  hp += n;
}

var K_SERIAL = 1;
var K_DEVICE = 2;
var K_UDID = 3;
var K_USER = 4;
var K_LOWER = 5;

function normJs(mode: number, v: string): string | null {
  switch (mode) {
    case K_SERIAL:
      return normSerial(v);
    case K_DEVICE:
      return normDeviceId(v);
    case K_UDID:
      return normUdid(v);
    case K_USER:
      return normUser(v);
    default:
      return v.toLowerCase();
  }
}

function isZeroGuid(h: Uint8Array, a: number): boolean {
  for (let k = 0; k < 36; k++) {
    const c = h[a + k];
    if (k === 8 || k === 13 || k === 18 || k === 23 ? c !== 45 : c !== 48) return false;
  }
  return true;
}

/** Emits the join key of the current value into a KeyRef's columns. */
function putKey(r: Arr, hash: Arr, i: number, mode: number): void {
  if (vOff < 0) {
    r[2 * i] = -1;
    r[2 * i + 1] = -1;
    hash[i] = 0;
    return;
  }
  if (vStr !== null) {
    const k = normJs(mode, vStr);
    if (k === null) {
      r[2 * i] = -1;
      r[2 * i + 1] = -1;
      hash[i] = 0;
      return;
    }
    const off = hp;
    const n = writeHeap(k);
    hp += n;
    r[2 * i] = off;
    r[2 * i + 1] = n;
    hash[i] = hashBytes(heap, off, n);
    return;
  }
  let h = heap;
  let a = vOff;
  let z = vOff + vLen;
  if (mode !== K_LOWER) {
    while (a < z && h[a] === 32) a++;
    while (z > a && h[z - 1] === 32) z--;
  }
  const n = z - a;
  const upper = mode === K_SERIAL || mode === K_UDID;
  const lo = upper ? 97 : 65;
  // One pass: the hash of the key while checking that the case needs no change (the common case).
  let hv = 0x811c9dc5;
  let k = a;
  for (; k < z; k++) {
    const c = h[k]!;
    if (c >= lo && c <= lo + 25) break;
    hv = Math.imul(hv ^ c, 0x01000193);
  }
  if (k < z) {
    ensureHeap(n);
    h = heap;
    const o = hp;
    hv = 0x811c9dc5;
    for (let x = 0; x < n; x++) {
      const c0 = h[a + x]!;
      const c = c0 >= lo && c0 <= lo + 25 ? c0 ^ 32 : c0;
      h[o + x] = c;
      hv = Math.imul(hv ^ c, 0x01000193);
    }
    a = o;
    hp += n;
  }
  if (
    mode !== K_LOWER &&
    (n === 0 || (mode !== K_USER && ((n === 1 && h[a] === 48) || (mode !== K_SERIAL && n === 36 && isZeroGuid(h, a)))))
  ) {
    r[2 * i] = -1;
    r[2 * i + 1] = -1;
    hash[i] = 0;
    return;
  }
  r[2 * i] = a;
  r[2 * i + 1] = n;
  hash[i] = hv | 0;
}

/** records.ts' k(): the dict index of a string slot, -1 for null, absent or ''. */
function enumOf(slot: number): number {
  if (ST[slot] !== T_STR) return -1;
  const s = SS[slot]!;
  const e = SE[slot]!;
  if (s === e) return -1;
  const f = SF[slot]!;
  if (f !== 0) return internString(decode(s, e, f));
  // Most enum columns hold one value for a whole page: try the slot's last value first.
  const last = lastEnum[slot]!;
  if (last >= 0) {
    const eb = dictBytes[last]!;
    const n = e - s;
    if (eb.length === n) {
      const buf = b;
      let m = 0;
      while (m < n && eb[m] === buf[s + m]) m++;
      if (m === n) return last;
    }
  }
  const idx = intern(b, s, e);
  lastEnum[slot] = idx;
  return idx;
}
var lastEnum = new Int32Array(MAX_SLOTS).fill(-1);

function boolOf(slot: number): number {
  const t = ST[slot];
  return t === T_TRUE ? 1 : t === T_FALSE ? 0 : -1;
}

/** Packs columns into one ArrayBuffer (float64 first, then int32, then int8) as exact-size views. */
function pack(parts: Array<[Arr | Uint8Array, number]>): Array<Arr | Uint8Array> {
  const order = (a: Arr | Uint8Array) => (a instanceof Float64Array ? 0 : a instanceof Int32Array ? 1 : 2);
  let total = 0;
  for (const k of [0, 1, 2]) {
    for (const [a, len] of parts) if (order(a) === k) total += len * a.BYTES_PER_ELEMENT;
  }
  const ab = new ArrayBuffer(total);
  const out: Array<Arr | Uint8Array> = new Array(parts.length);
  let off = 0;
  for (const k of [0, 1, 2]) {
    parts.forEach(([a, len], idx) => {
      if (order(a) !== k) return;
      const Ctor = a.constructor as Int32ArrayConstructor;
      const view = new Ctor(ab, off, len) as unknown as Arr;
      view.set(a.subarray(0, len) as never);
      out[idx] = view;
      off += len * a.BYTES_PER_ELEMENT;
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The four kinds

/** The fields kept as input positions (not copied while scanned): those reduced with k(), and the e-mail fallback. */
var ENUMS = new Set([
  'emailAddress',
  'managementAgent',
  'complianceState',
  'deviceRegistrationState',
  'operatingSystem',
  'osVersion',
  'managementType',
  'trustType',
]);

// Intune managedDevices
var MD = {
  id: 0,
  deviceName: 1,
  serialNumber: 2,
  azureADDeviceId: 3,
  managementAgent: 4,
  complianceState: 5,
  deviceRegistrationState: 6,
  userPrincipalName: 7,
  emailAddress: 8,
  userId: 9,
  operatingSystem: 10,
  osVersion: 11,
  udid: 12,
  lastSyncDateTime: 13,
  enrolledDateTime: 14,
};
/** A string field of a shape: kept in `slot` (as an enum when records.ts interns it), or only validated. */
function stringField(key: string, slot: number | undefined): Field {
  return slot === undefined ? { key, type: F_VSTR } : { key, type: ENUMS.has(key) ? F_ENUM : F_STR, slot };
}

var MD_SHAPE = shape([
  { key: 'id', type: F_ID, slot: MD.id },
  // The validators' string fields: those the columns keep have a slot, the others are only validated.
  ...MD_STRINGS.map((k) => stringField(k, (MD as Record<string, number>)[k])),
  { key: 'lastSyncDateTime', type: F_DATE, slot: MD.lastSyncDateTime },
  { key: 'enrolledDateTime', type: F_DATE, slot: MD.enrolledDateTime },
]);
var MDC = {
  id: 0,
  deviceName: 1,
  serialNumber: 2,
  azureADDeviceId: 3,
  userPrincipalName: 4,
  userId: 5,
  udid: 6,
  managementAgent: 7,
  complianceState: 8,
  deviceRegistrationState: 9,
  operatingSystem: 10,
  osVersion: 11,
  lastSyncDateTime: 12,
  enrolledDateTime: 13,
  serialKey$ref: 14,
  serialKey$hash: 15,
  deviceIdKey$ref: 16,
  deviceIdKey$hash: 17,
  udidKey$ref: 18,
  udidKey$hash: 19,
  userKey$ref: 20,
  userKey$hash: 21,
};
var MD_TABLE = new Table(MDC, {
  managementAgent: 'i32',
  complianceState: 'i32',
  deviceRegistrationState: 'i32',
  operatingSystem: 'i32',
  osVersion: 'i32',
  lastSyncDateTime: 'f64',
  enrolledDateTime: 'f64',
});

function emitIntune(i: number): void {
  const c = MD_TABLE.cols;
  if (ST[MD.id] !== T_STR) bail();
  putRef(c[MDC.id]!, i, MD.id, true);
  putRef(c[MDC.deviceName]!, i, MD.deviceName, false);
  putRef(c[MDC.serialNumber]!, i, MD.serialNumber, false);
  putKey(c[MDC.serialKey$ref]!, c[MDC.serialKey$hash]!, i, K_SERIAL);
  putRef(c[MDC.azureADDeviceId]!, i, MD.azureADDeviceId, false);
  putKey(c[MDC.deviceIdKey$ref]!, c[MDC.deviceIdKey$hash]!, i, K_DEVICE);
  putRef(c[MDC.userPrincipalName]!, i, MD.userPrincipalName, false);
  if (vOff < 0) putRef(c[MDC.userPrincipalName]!, i, MD.emailAddress, false);
  putKey(c[MDC.userKey$ref]!, c[MDC.userKey$hash]!, i, K_USER);
  putRef(c[MDC.userId]!, i, MD.userId, false);
  putRef(c[MDC.udid]!, i, MD.udid, false);
  putKey(c[MDC.udidKey$ref]!, c[MDC.udidKey$hash]!, i, K_UDID);
  c[MDC.managementAgent]![i] = enumOf(MD.managementAgent);
  c[MDC.complianceState]![i] = enumOf(MD.complianceState);
  c[MDC.deviceRegistrationState]![i] = enumOf(MD.deviceRegistrationState);
  c[MDC.operatingSystem]![i] = enumOf(MD.operatingSystem);
  c[MDC.osVersion]![i] = enumOf(MD.osVersion);
  c[MDC.lastSyncDateTime]![i] = ST[MD.lastSyncDateTime] === T_STR ? SD[MD.lastSyncDateTime]! : Number.NaN;
  c[MDC.enrolledDateTime]![i] = ST[MD.enrolledDateTime] === T_STR ? SD[MD.enrolledDateTime]! : Number.NaN;
}

// Entra devices
var EN = {
  id: 0,
  deviceId: 1,
  displayName: 2,
  operatingSystem: 3,
  managementType: 4,
  trustType: 5,
  accountEnabled: 6,
  isCompliant: 7,
  isManaged: 8,
  approximateLastSignInDateTime: 9,
  registrationDateTime: 10,
};
var EN_SHAPE = shape([
  { key: 'id', type: F_ID, slot: EN.id },
  ...ENTRA_STRINGS.map((k) => stringField(k, (EN as Record<string, number>)[k])),
  ...(['accountEnabled', 'isCompliant', 'isManaged'] as const).map((k) => ({ key: k, type: F_BOOL, slot: EN[k] })),
  ...(['approximateLastSignInDateTime', 'registrationDateTime'] as const).map((k) => ({
    key: k,
    type: F_DATE,
    slot: EN[k],
  })),
]);
var ENC = {
  id: 0,
  deviceId: 1,
  displayName: 2,
  operatingSystem: 3,
  managementType: 4,
  trustType: 5,
  accountEnabled: 6,
  isCompliant: 7,
  isManaged: 8,
  approximateLastSignInDateTime: 9,
  registrationDateTime: 10,
  deviceIdKey$ref: 11,
  deviceIdKey$hash: 12,
};
var EN_TABLE = new Table(ENC, {
  operatingSystem: 'i32',
  managementType: 'i32',
  trustType: 'i32',
  accountEnabled: 'i8',
  isCompliant: 'i8',
  isManaged: 'i8',
  approximateLastSignInDateTime: 'f64',
  registrationDateTime: 'f64',
});

function emitEntra(i: number): void {
  const c = EN_TABLE.cols;
  if (ST[EN.id] !== T_STR) bail();
  putRef(c[ENC.id]!, i, EN.id, true);
  putRef(c[ENC.deviceId]!, i, EN.deviceId, false);
  putKey(c[ENC.deviceIdKey$ref]!, c[ENC.deviceIdKey$hash]!, i, K_DEVICE);
  putRef(c[ENC.displayName]!, i, EN.displayName, false);
  c[ENC.operatingSystem]![i] = enumOf(EN.operatingSystem);
  c[ENC.managementType]![i] = enumOf(EN.managementType);
  c[ENC.trustType]![i] = enumOf(EN.trustType);
  c[ENC.accountEnabled]![i] = boolOf(EN.accountEnabled);
  c[ENC.isCompliant]![i] = boolOf(EN.isCompliant);
  c[ENC.isManaged]![i] = boolOf(EN.isManaged);
  c[ENC.approximateLastSignInDateTime]![i] =
    ST[EN.approximateLastSignInDateTime] === T_STR ? SD[EN.approximateLastSignInDateTime]! : Number.NaN;
  c[ENC.registrationDateTime]![i] = ST[EN.registrationDateTime] === T_STR ? SD[EN.registrationDateTime]! : Number.NaN;
}

// Users
var US = {
  id: 0,
  userPrincipalName: 1,
  mail: 2,
  displayName: 3,
  accountEnabled: 4,
  assignedPlans: 5,
  servicePlanId: 6,
  capabilityStatus: 7,
};
var PLAN_SHAPE = shape([
  { key: 'servicePlanId', type: F_IDN, slot: US.servicePlanId },
  { key: 'capabilityStatus', type: F_ENUM, slot: US.capabilityStatus },
  { key: 'service', type: F_VSTR },
]);
var US_SHAPE = shape([
  { key: 'id', type: F_ID, slot: US.id },
  { key: 'userPrincipalName', type: F_STR, slot: US.userPrincipalName },
  { key: 'mail', type: F_STR, slot: US.mail },
  { key: 'displayName', type: F_STR, slot: US.displayName },
  { key: 'accountEnabled', type: F_BOOL, slot: US.accountEnabled },
  { key: 'assignedPlans', type: F_ARR, slot: US.assignedPlans, sub: PLAN_SHAPE, hook: H_PLAN },
]);
var USC = {
  id: 0,
  userPrincipalName: 1,
  mail: 2,
  displayName: 3,
  accountEnabled: 4,
  hasPlans: 5,
  plans: 6,
  idKey$ref: 7,
  idKey$hash: 8,
  upnKey$ref: 9,
  upnKey$hash: 10,
  mailKey$ref: 11,
  mailKey$hash: 12,
};
var US_TABLE = new Table(USC, { accountEnabled: 'i8', hasPlans: 'i8', plans: 'i32' });

/** The enabled plans of the current user: source bounds and flags of each servicePlanId. */
var planN = 0;
var planS = new Int32Array(64);
var planE = new Int32Array(64);
var planF = new Int32Array(64);
var planBytes = new Uint8Array(4096);
var ENABLED = [101, 110, 97, 98, 108, 101, 100];

function planElement(): void {
  if (ST[US.servicePlanId] !== T_STR) bail();
  let enabled: boolean;
  if (ST[US.capabilityStatus] !== T_STR) enabled = false;
  else {
    const s = SS[US.capabilityStatus]!;
    const e = SE[US.capabilityStatus]!;
    const f = SF[US.capabilityStatus]!;
    if (f === 0) {
      enabled = e - s === 7;
      for (let k = 0; enabled && k < 7; k++) {
        const c = b[s + k]!;
        if ((c >= 65 && c <= 90 ? c | 32 : c) !== ENABLED[k]) enabled = false;
      }
    } else {
      enabled = decode(s, e, f).toLowerCase() === 'enabled';
    }
  }
  if (!enabled) return;
  if (planN === planS.length) {
    const grow = (a: Int32Array) => {
      const n = new Int32Array(a.length * 2);
      n.set(a);
      return n;
    };
    planS = grow(planS);
    planE = grow(planE);
    planF = grow(planF);
  }
  planS[planN] = SS[US.servicePlanId]!;
  planE[planN] = SE[US.servicePlanId]!;
  planF[planN] = SF[US.servicePlanId]!;
  planN++;
}

/** records.ts' enabledPlans as one dict entry: lower-cased, unique, sorted, joined by ','. */
function plansEntry(): number {
  let slow = false;
  let total = 0;
  for (let k = 0; k < planN; k++) {
    if (planF[k] !== 0) slow = true;
    total += planE[k]! - planS[k]! + 1;
  }
  if (slow) {
    const ids: string[] = [];
    for (let k = 0; k < planN; k++) {
      const id = decode(planS[k]!, planE[k]!, planF[k]!).toLowerCase();
      if (id === '' || id.includes(',')) bail();
      if (!ids.includes(id)) ids.push(id);
    }
    ids.sort();
    return internString(ids.join(','));
  }
  if (total > planBytes.length) planBytes = new Uint8Array(total * 2);
  // Users of a page mostly have the same plans in the same order: the same raw ids give the same entry.
  if (planN === prevPlanN && total === prevPlanLen) {
    let o = 0;
    let same = true;
    for (let k = 0; same && k < planN; k++) {
      for (let x = planS[k]!; x < planE[k]!; x++) {
        if (prevPlanRaw[o++] !== b[x]) {
          same = false;
          break;
        }
      }
      if (same && prevPlanRaw[o++] !== 0) same = false;
    }
    if (same) return prevPlanEntry;
  }
  const entry = plansFresh();
  if (total > prevPlanRaw.length) prevPlanRaw = new Uint8Array(total * 2);
  let o = 0;
  for (let k = 0; k < planN; k++) {
    for (let x = planS[k]!; x < planE[k]!; x++) prevPlanRaw[o++] = b[x]!;
    prevPlanRaw[o++] = 0;
  }
  prevPlanN = planN;
  prevPlanLen = total;
  prevPlanEntry = entry;
  return entry;
}
var prevPlanRaw = new Uint8Array(256);
var prevPlanN = -1;
var prevPlanLen = -1;
var prevPlanEntry = -1;

/** plansEntry's work for a new set of raw ids. */
function plansFresh(): number {
  // Lower-case each id, check it, then insertion-sort the (unique) ids by bytes into the joined buffer.
  if (planN > planOrder.length) planOrder = new Int32Array(planN * 2);
  const order = planOrder;
  let on = 0;
  for (let k = 0; k < planN; k++) {
    const s = planS[k]!;
    const e = planE[k]!;
    if (s === e) bail();
    for (let x = s; x < e; x++) if (b[x] === 44) bail();
    let pos = on;
    let dup = false;
    for (let j = 0; j < on; j++) {
      const c = cmpLower(s, e, planS[order[j]!]!, planE[order[j]!]!);
      if (c === 0) {
        dup = true;
        break;
      }
      if (c < 0) {
        pos = j;
        break;
      }
    }
    if (dup) continue;
    for (let j = on; j > pos; j--) order[j] = order[j - 1]!;
    order[pos] = k;
    on++;
  }
  let o = 0;
  for (let j = 0; j < on; j++) {
    if (j > 0) planBytes[o++] = 44;
    const k = order[j]!;
    for (let x = planS[k]!; x < planE[k]!; x++) {
      const c = b[x]!;
      planBytes[o++] = c >= 65 && c <= 90 ? c | 32 : c;
    }
  }
  // Users of a page mostly share their plans: try the last entry first.
  if (lastPlans >= 0) {
    const eb = dictBytes[lastPlans]!;
    if (eb.length === o) {
      let m = 0;
      while (m < o && eb[m] === planBytes[m]) m++;
      if (m === o) return lastPlans;
    }
  }
  lastPlans = intern(planBytes, 0, o);
  return lastPlans;
}
var planOrder = new Int32Array(16);
var lastPlans = -1;

/** Compares two ASCII strings of the input lower-cased, by bytes (= by UTF-16 code units). */
function cmpLower(s1: number, e1: number, s2: number, e2: number): number {
  const n1 = e1 - s1;
  const n2 = e2 - s2;
  const n = Math.min(n1, n2);
  for (let k = 0; k < n; k++) {
    let c1 = b[s1 + k]!;
    let c2 = b[s2 + k]!;
    if (c1 >= 65 && c1 <= 90) c1 |= 32;
    if (c2 >= 65 && c2 <= 90) c2 |= 32;
    if (c1 !== c2) return c1 - c2;
  }
  return n1 - n2;
}

function emitUser(i: number): void {
  const c = US_TABLE.cols;
  if (ST[US.id] !== T_STR) bail();
  putRef(c[USC.id]!, i, US.id, true);
  putKey(c[USC.idKey$ref]!, c[USC.idKey$hash]!, i, K_LOWER);
  putRef(c[USC.userPrincipalName]!, i, US.userPrincipalName, false);
  putKey(c[USC.upnKey$ref]!, c[USC.upnKey$hash]!, i, K_USER);
  putRef(c[USC.mail]!, i, US.mail, false);
  putKey(c[USC.mailKey$ref]!, c[USC.mailKey$hash]!, i, K_USER);
  putRef(c[USC.displayName]!, i, US.displayName, false);
  c[USC.accountEnabled]![i] = boolOf(US.accountEnabled);
  c[USC.hasPlans]![i] = ST[US.assignedPlans] === T_ARR ? 1 : 0;
  c[USC.plans]![i] = plansEntry();
}

// Jamf computers-inventory
var JC = {
  id: 0,
  udid: 1,
  general: 2,
  name: 3,
  lastContactTime: 4,
  lastCheckIn: 5,
  lastContact: 6,
  reportDate: 7,
  remoteManagement: 8,
  managed: 9,
  mdmCapable: 10,
  capable: 11,
  hardware: 12,
  serialNumber: 13,
  operatingSystem: 14,
  osVersion: 15,
  userAndLocation: 16,
  username: 17,
  realname: 18,
  email: 19,
  localUserAccounts: 20,
  applications: 21,
  aUsername: 22,
  aComputerAad: 23,
  aUserAad: 24,
  aAad: 25,
};
var ACCOUNT_SHAPE = shape([
  { key: 'uid', type: F_UID },
  { key: 'username', type: F_STR, slot: JC.aUsername },
  { key: 'fullName', type: F_VSTR },
  { key: 'userAccountType', type: F_VSTR },
  { key: 'computerAzureActiveDirectoryId', type: F_STR, slot: JC.aComputerAad },
  { key: 'userAzureActiveDirectoryId', type: F_STR, slot: JC.aUserAad },
  { key: 'azureActiveDirectoryId', type: F_ENUM, slot: JC.aAad },
]);
var APP_SHAPE = shape([
  { key: 'name', type: F_VSTR },
  { key: 'bundleId', type: F_VSTR },
  { key: 'version', type: F_VSTR },
]);
var JC_SHAPE = shape([
  { key: 'id', type: F_JID, slot: JC.id },
  { key: 'udid', type: F_STR, slot: JC.udid },
  {
    key: 'general',
    type: F_OBJ,
    slot: JC.general,
    sub: shape([
      { key: 'name', type: F_STR, slot: JC.name },
      { key: 'lastContactTime', type: F_DATE, slot: JC.lastContactTime },
      { key: 'lastCheckIn', type: F_DATE, slot: JC.lastCheckIn },
      { key: 'lastContact', type: F_DATE, slot: JC.lastContact },
      { key: 'reportDate', type: F_DATE, slot: JC.reportDate },
      { key: 'lastEnrolledDate', type: F_VDATE },
      {
        key: 'remoteManagement',
        type: F_OBJ,
        slot: JC.remoteManagement,
        sub: shape([{ key: 'managed', type: F_BOOL, slot: JC.managed }]),
      },
      {
        key: 'mdmCapable',
        type: F_OBJ,
        slot: JC.mdmCapable,
        sub: shape([{ key: 'capable', type: F_BOOL, slot: JC.capable }]),
      },
      { key: 'platform', type: F_VSTR },
    ]),
  },
  {
    key: 'hardware',
    type: F_OBJ,
    slot: JC.hardware,
    sub: shape([
      { key: 'serialNumber', type: F_STR, slot: JC.serialNumber },
      { key: 'model', type: F_VSTR },
    ]),
  },
  {
    key: 'operatingSystem',
    type: F_OBJ,
    slot: JC.operatingSystem,
    sub: shape([
      { key: 'name', type: F_VSTR },
      { key: 'version', type: F_ENUM, slot: JC.osVersion },
    ]),
  },
  {
    key: 'userAndLocation',
    type: F_OBJ,
    slot: JC.userAndLocation,
    sub: shape([
      { key: 'username', type: F_STR, slot: JC.username },
      { key: 'realname', type: F_STR, slot: JC.realname },
      { key: 'email', type: F_STR, slot: JC.email },
    ]),
  },
  { key: 'localUserAccounts', type: F_ARR, slot: JC.localUserAccounts, sub: ACCOUNT_SHAPE, hook: H_ACCOUNT },
  { key: 'applications', type: F_ARR, slot: JC.applications, sub: APP_SHAPE, hook: H_NONE },
]);
var JCC = {
  id: 0,
  udid: 1,
  name: 2,
  serialNumber: 3,
  username: 4,
  email: 5,
  realname: 6,
  managed: 7,
  lastCheckIn: 8,
  lastContact: 9,
  reportDate: 10,
  osVersion: 11,
  hasAccounts: 12,
  accountStart: 13,
  serialKey$ref: 14,
  serialKey$hash: 15,
  udidKey$ref: 16,
  udidKey$hash: 17,
  userKey$ref: 18,
  userKey$hash: 19,
};
var JC_TABLE = new Table(JCC, {
  managed: 'i8',
  lastCheckIn: 'f64',
  lastContact: 'f64',
  reportDate: 'f64',
  osVersion: 'i32',
  hasAccounts: 'i8',
  accountStart: 'start',
});
var ACC = {
  username: 0,
  computerAzureActiveDirectoryId: 1,
  userAzureActiveDirectoryId: 2,
  azureActiveDirectoryId: 3,
  deviceIdKey$ref: 4,
  deviceIdKey$hash: 5,
  userIdKey$ref: 6,
  userIdKey$hash: 7,
};
var AC_TABLE = new Table(ACC, { azureActiveDirectoryId: 'i32' });
var accN = 0;
var recAccStart = 0;

function accountElement(): void {
  const j = accN;
  AC_TABLE.ensure(j + 1);
  const c = AC_TABLE.cols;
  putRef(c[ACC.username]!, j, JC.aUsername, false);
  putRef(c[ACC.computerAzureActiveDirectoryId]!, j, JC.aComputerAad, false);
  putKey(c[ACC.deviceIdKey$ref]!, c[ACC.deviceIdKey$hash]!, j, K_DEVICE);
  putRef(c[ACC.userAzureActiveDirectoryId]!, j, JC.aUserAad, false);
  putKey(c[ACC.userIdKey$ref]!, c[ACC.userIdKey$hash]!, j, K_LOWER);
  c[ACC.azureActiveDirectoryId]![j] = enumOf(JC.aAad);
  accN = j + 1;
}

function arrReset(hook: number): void {
  if (hook === H_ACCOUNT) accN = recAccStart;
  else if (hook === H_PLAN) planN = 0;
}

function arrElement(hook: number): void {
  if (hook === H_ACCOUNT) accountElement();
  else if (hook === H_PLAN) planElement();
}

function dateSlot(slot: number): number {
  return ST[slot] === T_STR ? SD[slot]! : Number.NaN;
}

function emitJamf(i: number): void {
  const c = JC_TABLE.cols;
  const idState = ST[JC.id];
  if (idState === T_STR) putRef(c[JCC.id]!, i, JC.id, true);
  else if (idState === T_NUM) {
    const s = SS[JC.id]!;
    const e = SE[JC.id]!;
    if (SF[JC.id] === 0) {
      // A plain integer of at most 15 digits: String(number) is its own text.
      ensureHeap(e - s);
      for (let k = s; k < e; k++) heap[hp + k - s] = b[k]!;
      c[JCC.id]![2 * i] = hp;
      c[JCC.id]![2 * i + 1] = e - s;
      hp += e - s;
    } else {
      putString(c[JCC.id]!, i, String(Number(bBuf.toString('latin1', s, e))));
    }
  } else bail();
  putRef(c[JCC.udid]!, i, JC.udid, false);
  putKey(c[JCC.udidKey$ref]!, c[JCC.udidKey$hash]!, i, K_UDID);
  putRef(c[JCC.name]!, i, JC.name, false);
  putRef(c[JCC.serialNumber]!, i, JC.serialNumber, false);
  putKey(c[JCC.serialKey$ref]!, c[JCC.serialKey$hash]!, i, K_SERIAL);
  putRef(c[JCC.username]!, i, JC.username, false);
  putRef(c[JCC.email]!, i, JC.email, false);
  putKey(c[JCC.userKey$ref]!, c[JCC.userKey$hash]!, i, K_USER);
  putRef(c[JCC.realname]!, i, JC.realname, false);
  c[JCC.managed]![i] = boolOf(JC.managed);
  c[JCC.lastCheckIn]![i] = ST[JC.lastContactTime] === T_STR ? SD[JC.lastContactTime]! : dateSlot(JC.lastCheckIn);
  c[JCC.lastContact]![i] = dateSlot(JC.lastContact);
  c[JCC.reportDate]![i] = dateSlot(JC.reportDate);
  c[JCC.osVersion]![i] = enumOf(JC.osVersion);
  c[JCC.hasAccounts]![i] = ST[JC.localUserAccounts] === T_ARR ? 1 : 0;
  c[JCC.accountStart]![i] = recAccStart;
}

// ---------------------------------------------------------------------------------------------------------------
// Pages

interface KindDef {
  shape: Shape;
  table: Table;
  /** The envelope's array key (graph `value`, Jamf `results`). */
  arrayKey: Uint8Array;
  bareArray: boolean;
  emit: (i: number) => void;
}

var KIND_DEFS: Record<KindName, KindDef> = {
  managedDevices: {
    shape: MD_SHAPE,
    table: MD_TABLE,
    arrayKey: Buffer.from('value'),
    bareArray: false,
    emit: emitIntune,
  },
  devices: { shape: EN_SHAPE, table: EN_TABLE, arrayKey: Buffer.from('value'), bareArray: false, emit: emitEntra },
  users: { shape: US_SHAPE, table: US_TABLE, arrayKey: Buffer.from('value'), bareArray: false, emit: emitUser },
  computers: {
    shape: JC_SHAPE,
    table: JC_TABLE,
    arrayKey: Buffer.from('results'),
    bareArray: true,
    emit: emitJamf,
  },
};

var nRec = 0;

function records(def: KindDef): void {
  // p is just after '['
  if (b[p]! <= 32) ws();
  if (b[p] === 93) {
    p++;
    return;
  }
  const sh = def.shape;
  for (;;) {
    if (b[p] !== 123) bail();
    p++;
    const i = nRec;
    def.table.ensure(i + 1);
    for (let k = sh.lo; k < sh.hi; k++) ST[k] = T_ABSENT;
    recAccStart = accN;
    planN = 0;
    obj(sh, 2);
    def.emit(i);
    nRec = i + 1;
    if (b[p]! <= 32) ws();
    const d = b[p];
    if (d === 44) {
      p++;
      if (b[p]! <= 32) ws();
      continue;
    }
    if (d === 93) {
      p++;
      return;
    }
    bail();
  }
}

function top(def: KindDef): void {
  p = 0;
  if (b[p]! <= 32) ws();
  const c = b[p];
  if (c === 91 && def.bareArray) {
    p++;
    records(def);
  } else if (c === 123) {
    p++;
    if (b[p]! <= 32) ws();
    let seen = false;
    if (b[p] !== 125) {
      for (;;) {
        if (b[p] !== 34) bail();
        p++;
        str();
        if (sF & F_ESC) bail();
        const ak = def.arrayKey;
        let isArrayKey = sE - sS === ak.length;
        for (let k = 0; isArrayKey && k < ak.length; k++) if (b[sS + k] !== ak[k]) isArrayKey = false;
        if (b[p]! <= 32) ws();
        if (b[p] !== 58) bail();
        p++;
        if (b[p]! <= 32) ws();
        if (isArrayKey) {
          if (seen || b[p] !== 91) bail();
          seen = true;
          p++;
          records(def);
        } else {
          skip(1);
        }
        if (b[p]! <= 32) ws();
        const d = b[p];
        if (d === 44) {
          p++;
          if (b[p]! <= 32) ws();
          continue;
        }
        if (d === 125) {
          p++;
          break;
        }
        bail();
      }
    }
    if (!seen) bail();
  } else {
    bail();
  }
  if (b[p]! <= 32) ws();
  if (p !== b.length) bail();
}

function build(kind: KindName, n: number): Page {
  const def = KIND_DEFS[kind];
  const t = def.table;
  const parts: Array<[Arr | Uint8Array, number]> = t.cols.map((c, k) => [c, t.size(k, n)]);
  const names = t.names;
  const accNames = kind === 'computers' ? AC_TABLE.names : [];
  if (kind === 'computers')
    for (let k = 0; k < AC_TABLE.cols.length; k++) parts.push([AC_TABLE.cols[k]!, AC_TABLE.size(k, accN)]);
  const views = pack(parts);
  const cols: Record<string, unknown> = {};
  const put = (target: Record<string, unknown>, name: string, v: unknown) => {
    const m = /^(.*)\$(ref|hash)$/.exec(name);
    if (!m) {
      target[name] = v;
      return;
    }
    const k = (target[m[1]!] ?? {}) as Record<string, unknown>;
    k[m[2]!] = v;
    target[m[1]!] = k;
  };
  for (let k = 0; k < names.length; k++) put(cols, names[k]!, views[k]);
  // The heap gets a buffer of its own: a reader may keep the heap and drop the other columns.
  const pageHeap = heap.slice(0, hp);
  const base = { n, heap: pageHeap, dict };
  switch (kind) {
    case 'managedDevices':
      return { kind, ...base, ...cols } as unknown as IntunePage;
    case 'devices':
      return { kind, ...base, ...cols } as unknown as EntraPage;
    case 'users':
      return { kind, ...base, ...cols } as unknown as UserPage;
    case 'computers': {
      const acc: Record<string, unknown> = { n: accN };
      for (let k = 0; k < accNames.length; k++) put(acc, accNames[k]!, views[names.length + k]);
      return { kind, ...base, ...cols, accounts: acc as unknown as AccountRows } as unknown as JamfPage;
    }
  }
}

/**
 * Scans one page file of a large dataset into its columns, or null when the slow path must read it (see the
 * module comment). `apiVersion` is the Jamf API version of the page (records.ts keeps it per computer; the
 * columns do not carry it).
 */
export function scanPage(bytes: Uint8Array, kind: KindName, _apiVersion: number): Page | null {
  const def = KIND_DEFS[kind];
  b = bytes;
  bBuf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  bDv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  hp = 0;
  nRec = 0;
  accN = 0;
  recAccStart = 0;
  planN = 0;
  resetDict();
  try {
    top(def);
    if (kind === 'computers') {
      JC_TABLE.ensure(nRec + 1);
      JC_TABLE.cols[JCC.accountStart]![nRec] = accN;
    }
    return build(kind, nRec);
  } catch (err) {
    if (err === BAIL) return null;
    throw err;
  } finally {
    b = EMPTY;
    bBuf = EMPTY_BUF;
    bDv = EMPTY_DV;
  }
}

var EMPTY = new Uint8Array(0);
var EMPTY_BUF = Buffer.alloc(0);
var EMPTY_DV = new DataView(new ArrayBuffer(0));
