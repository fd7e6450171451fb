/**
 * The paging envelope of a response body, read from its bytes: does it still point to a next page
 * (`@odata.nextLink`), and how many records does the server say there are (Jamf `totalCount`)? Only the top level
 * of the body is looked at; the records are skipped, not parsed. Every reading path (slow, scanners, worker pool)
 * goes through this one function after the file was read and validated, so they all honour the envelope alike.
 */

export interface EnvelopeInfo {
  /** The (last) body still has an `@odata.nextLink` string: the pages after it were not collected. */
  nextLink: boolean;
  /** The largest `totalCount` of the bodies, or null when none has one. */
  totalCount: number | null;
}

const NEXT_LINK = Buffer.from('@odata.nextLink');
const TOTAL_COUNT = Buffer.from('totalCount');

/**
 * The envelope of a body (an object), of an array of bodies (form 2: the last body's next link, the largest total
 * count), or of a bare array of records (nothing). Null when the bytes are not the JSON they should be (the reader
 * has already refused such a file; this is only a guard).
 */
export function envelopeOf(b: Uint8Array): EnvelopeInfo | null {
  try {
    let p = ws(b, b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0);
    if (b[p] === 0x7b /* { */) return objectEnvelope(b, p).info;
    if (b[p] !== 0x5b /* [ */) return { nextLink: false, totalCount: null };
    const info: EnvelopeInfo = { nextLink: false, totalCount: null };
    p = ws(b, p + 1);
    if (b[p] === 0x5d) return info;
    for (;;) {
      if (b[p] === 0x7b) {
        const r = objectEnvelope(b, p);
        info.nextLink = r.info.nextLink;
        if (r.info.totalCount !== null) info.totalCount = Math.max(info.totalCount ?? 0, r.info.totalCount);
        p = r.end;
      } else {
        info.nextLink = false;
        p = skip(b, p);
      }
      p = ws(b, p);
      if (b[p] === 0x2c) p = ws(b, p + 1);
      else if (b[p] === 0x5d) return info;
      else return null;
    }
  } catch {
    return null;
  }
}

function ws(b: Uint8Array, p: number): number {
  while (p < b.length && (b[p] === 0x20 || b[p] === 0x0a || b[p] === 0x0d || b[p] === 0x09)) p++;
  return p;
}

/** The end of the string whose opening quote is at p (just past its closing quote). */
function stringEnd(b: Uint8Array, p: number): number {
  for (let i = p + 1; i < b.length; i++) {
    const c = b[i];
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  throw new Error('unterminated string');
}

/** Skips one JSON value at p (already validated by the reader), returning the position after it. */
function skip(b: Uint8Array, p: number): number {
  const c = b[p];
  if (c === 0x22) return stringEnd(b, p);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let i = p; i < b.length; i++) {
      const x = b[i];
      if (x === 0x22) i = stringEnd(b, i) - 1;
      else if (x === 0x7b || x === 0x5b) depth++;
      else if (x === 0x7d || x === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    throw new Error('unterminated');
  }
  let i = p;
  while (i < b.length && b[i] !== 0x2c && b[i] !== 0x7d && b[i] !== 0x5d && b[i] !== 0x20 && b[i] !== 0x0a) i++;
  if (i === p) throw new Error('no value');
  return i;
}

function keyIs(b: Uint8Array, s: number, e: number, key: Uint8Array): boolean {
  if (e - s !== key.length) return false;
  for (let i = 0; i < key.length; i++) if (b[s + i] !== key[i]) return false;
  return true;
}

function objectEnvelope(b: Uint8Array, p: number): { info: EnvelopeInfo; end: number } {
  const info: EnvelopeInfo = { nextLink: false, totalCount: null };
  p = ws(b, p + 1);
  if (b[p] === 0x7d) return { info, end: p + 1 };
  for (;;) {
    if (b[p] !== 0x22) throw new Error('key expected');
    const ke = stringEnd(b, p);
    const ks = p + 1;
    p = ws(b, ke);
    if (b[p] !== 0x3a) throw new Error('colon expected');
    p = ws(b, p + 1);
    const ve = skip(b, p);
    if (keyIs(b, ks, ke - 1, NEXT_LINK)) info.nextLink = b[p] === 0x22;
    else if (keyIs(b, ks, ke - 1, TOTAL_COUNT)) {
      const n = Number(Buffer.from(b.buffer, b.byteOffset + p, ve - p).toString('latin1'));
      info.totalCount = Number.isInteger(n) && n >= 0 ? n : null;
    }
    p = ws(b, ve);
    if (b[p] === 0x2c) p = ws(b, p + 1);
    else if (b[p] === 0x7d) return { info, end: p + 1 };
    else throw new Error('comma expected');
  }
}
