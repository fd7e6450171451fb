/**
 * The streaming scanner: one pass over a file's bytes, in chunks of at least 1 MiB. Signature anchors are searched
 * in the raw bytes, all at once (src/logs/matcher.ts); only a line that holds an anchor is decoded, confirmed and
 * timed. Lines are counted with indexOf('\n'). Memory is bounded by the chunk size, the longest line kept (capped)
 * and the hit groups (one per signature and file), so it does not grow with the file.
 */
import type { LogFileInfo, LogHitGroup, LogProblem } from '../model/types.js';
import { type Format, jamfHost, type Stamp, sniff } from './formats.js';
import { MultiMatcher } from './matcher.js';
import { type LogFamily, SIGNATURES, type Signature } from './signatures.js';
import {
  existingYear,
  fmtOffset,
  type TimedLine,
  wallString,
  type YearRule,
  yearByWeekday,
  type ZoneObservation,
} from './time.js';

export const CHUNK = 1 << 20;
/** A line longer than this is cut: the scanner never holds more than one such line. */
const MAX_CARRY = 8 << 20;
const TEXT_MAX = 300;
/** How far back (lines) a continuation line looks for its record's header. */
const BACK_LINES = 200;
const DAY = 86_400_000;
/** Zone observations kept per file (one more each time the offset changes). */
const MAX_OBSERVATIONS = 64;

interface Compiled {
  anchor: Buffer;
  sigs: Array<{ sig: Signature; regex: RegExp | null }>;
}

/** Anchors grouped: each distinct anchor is searched once, whatever the number of signatures sharing it. */
export function compile(signatures: readonly Signature[], family: LogFamily | null): Compiled[] {
  const by = new Map<string, Compiled>();
  for (const sig of signatures) {
    if (family && sig.families && !sig.families.includes(family)) continue;
    let c = by.get(sig.anchor);
    if (!c) {
      c = { anchor: Buffer.from(sig.anchor, 'utf8'), sigs: [] };
      by.set(sig.anchor, c);
    }
    c.sigs.push({ sig, regex: sig.regex ? new RegExp(sig.regex) : null });
  }
  return [...by.values()];
}

/** Does a decoded line confirm a signature whose anchor it holds? */
export function confirms(line: string, sig: Signature, regex: RegExp | null): boolean {
  if (sig.all) for (const lit of sig.all) if (!line.includes(lit)) return false;
  return regex ? regex.test(line) : true;
}

function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  let i = buf.indexOf(10, from);
  while (i !== -1 && i < to) {
    n++;
    i = buf.indexOf(10, i + 1);
  }
  return n;
}

/** Tokens a log line may carry (JWTs, bearer and refresh tokens) never reach a report. */
const TOKENS =
  /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*|\b(Bearer\s+|(?:access|refresh|id)_token["']?\s*[=:]\s*["']?)[\w.~+/-]{16,}=*/gi;

export function clip(s: string): string {
  const t = s
    .replace(/\r$/, '')
    .trim()
    .replace(TOKENS, (_m, prefix: string | undefined) => `${prefix ?? ''}[token removed]`);
  return t.length > TEXT_MAX ? `${t.slice(0, TEXT_MAX - 1)}…` : t;
}

interface Pending {
  file: string;
  line: number;
  text: string;
  stamp: Stamp | null;
  /** jamf.log: the year index at this line (rollovers seen before it). */
  yearIdx: number;
}

/** A group of hits as the scanner returns it: its lines carry their wall time, offset and year rule. */
export interface TimedHitGroup extends LogHitGroup {
  first: TimedLine;
  last: TimedLine;
}

/** What the scanner knows of a file beyond the model's LogFileInfo. */
export interface TimedFileInfo extends LogFileInfo {
  /** How the times of the file were read: `line` (instants), `local` (the Mac's wall clock), or none. */
  clock?: 'line' | 'local' | 'none';
  /** jamf.log: the year rules used (weekday, file-time). */
  yearRules?: YearRule[];
}

export interface ScanOptions {
  /** Modification time of the file (or zip entry): the reference for jamf.log's missing year. */
  mtime: number | null;
  /** Keep the whole text (status dumps, capped) for the fact readers. */
  keepText?: (family: LogFamily) => boolean;
  signatures?: readonly Signature[];
}

export interface ScanResult {
  info: TimedFileInfo;
  groups: TimedHitGroup[];
  host: string | null;
  /** The whole text, for status files (up to 32 MiB). */
  text: string | null;
  /** The last record of the file (jamf.log: the end of the log). */
  lastRecord: TimedLine | null;
  /** Offsets of the Mac's zone the file shows (lines with an offset, SSO extension local and UTC times). */
  observations: ZoneObservation[];
  problem: LogProblem | null;
}

const KEEP_TEXT_MAX = 32 << 20;

/** Printable in a text log as the low byte of a UTF-16 code unit whose high byte is 0: tab, LF, CR, ' '..'~', Latin-1. */
const textByte = (b: number): boolean => b === 9 || b === 10 || b === 13 || (b >= 0x20 && b !== 0x7f);

/** The byte order of UTF-16 text: a BOM, else (no BOM) ASCII-range text with every other byte NUL; else null. */
export function utf16Order(head: Buffer): { order: 'le' | 'be'; bom: boolean } | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { order: 'le', bom: true };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { order: 'be', bom: true };
  const n = Math.min(head.length, 512) & ~1;
  if (n < 16) return null;
  let le = true;
  let be = true;
  for (let i = 0; i < n; i += 2) {
    const a = head[i]!;
    const b = head[i + 1]!;
    if (!(b === 0 && textByte(a))) le = false;
    if (!(a === 0 && textByte(b))) be = false;
    if (!le && !be) return null;
  }
  return le ? { order: 'le', bom: false } : be ? { order: 'be', bom: false } : null;
}

/**
 * The source as UTF-8: a UTF-16 log (Windows-style tools, some exported logs) is decoded on the fly, chunk by
 * chunk (a code unit split across chunks is carried over); any other source passes through unchanged.
 */
async function* asUtf8(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  try {
    yield* decoded(it);
  } finally {
    // The scan may stop early (a binary file): the file stream is closed all the same.
    await it.return?.();
  }
}

async function* decoded(it: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer> {
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < 512) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    head.push(b);
    headBytes += b.length;
  }
  const first = Buffer.concat(head);
  const utf16 = utf16Order(first);
  if (!utf16) {
    if (first.length) yield first;
    if (ended) return;
    for (let r = await it.next(); !r.done; r = await it.next())
      yield typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    return;
  }
  const decoder = new TextDecoder('utf-16le', { ignoreBOM: false });
  let odd: Buffer | null = null;
  const decode = (chunk: Buffer, final: boolean): Buffer => {
    let b = odd ? Buffer.concat([odd, chunk]) : chunk;
    odd = null;
    if (utf16.order === 'be') {
      if (b.length % 2) {
        odd = b.subarray(b.length - 1);
        b = b.subarray(0, b.length - 1);
      }
      b = Buffer.from(b).swap16();
    }
    return Buffer.from(decoder.decode(b, { stream: !final }), 'utf8');
  };
  yield decode(first, ended);
  if (ended) return;
  for (let r = await it.next(); !r.done; r = await it.next())
    yield decode(typeof r.value === 'string' ? Buffer.from(r.value) : r.value, false);
  yield decode(Buffer.alloc(0), true);
}

/** Scans one file (a stream of Buffers) for the signatures. Never throws on content; stream errors propagate. */
export async function scanStream(
  name: string,
  input: AsyncIterable<Buffer | string>,
  options: ScanOptions,
): Promise<ScanResult> {
  const source = asUtf8(input);
  let format: Format | null = null;
  let compiled: Compiled[] = [];
  let matcher: MultiMatcher | null = null;
  let carry: Buffer | null = null;
  let lineNo = 1; // line number at the start of the unprocessed region
  let bytes = 0;
  let host: string | null = null;
  const groups = new Map<string, Omit<LogHitGroup, 'first' | 'last'> & { firstP: Pending; lastP: Pending }>();
  let yearIdx = 0;
  let prevSample: number | null = null;
  let lastHeader: { stamp: Stamp; text: string; line: number; yearIdx: number } | null = null;
  const observations: ZoneObservation[] = [];
  let sawLocal = false;
  let sawInstant = false;
  const observe = (st: Stamp, line: number): void => {
    if (st.local) {
      sawLocal = true;
      return;
    }
    sawInstant = true;
    if (st.offset === null) return;
    const prev = observations[observations.length - 1];
    if (prev && prev.offset === st.offset) {
      // Keep the first and the latest instant of a run of the same offset.
      if (observations.length >= 2 && observations[observations.length - 2]!.offset === st.offset) {
        prev.at = st.t;
        prev.source = `${name}:${line}`;
        return;
      }
    }
    if (observations.length < MAX_OBSERVATIONS)
      observations.push({ offset: st.offset, at: st.t, source: `${name}:${line}` });
  };
  let textParts: string[] | null = null;
  let textBytes = 0;
  let problem: LogProblem | null = null;
  let sawNewlineAtEnd = true;
  let lastLineText = '';

  const sample = (t: number): number => {
    if (format?.yearless && prevSample !== null && t < prevSample - DAY) yearIdx++;
    prevSample = t;
    return yearIdx;
  };

  /** The time of the record the line [ls, le) belongs to: its own, a header before it, or the last header. */
  const recordTime = (buf: Buffer, ls: number, le: number, line: string): Stamp | null => {
    const f = format!;
    const own = f.stamp(line);
    if (own !== null) return own;
    if (f.timeAfter) {
      let s = le + 1;
      for (let k = 0; k < 60 && s < buf.length; k++) {
        let e = buf.indexOf(10, s);
        if (e === -1) e = buf.length;
        const t = f.stamp(buf.toString('utf8', s, e));
        if (t !== null) return t;
        s = e + 1;
      }
      return null;
    }
    let e = ls - 1;
    for (let k = 0; k < BACK_LINES && e > 0; k++) {
      const s = buf.lastIndexOf(10, e - 1) + 1;
      const t = f.stamp(buf.toString('utf8', s, e));
      if (t !== null) return t;
      e = s - 1;
    }
    return lastHeader?.stamp ?? null;
  };

  /** Processes the complete lines of buf[0, end). */
  const process = (buf: Buffer, end: number): void => {
    if (!format) {
      const head = buf.toString('utf8', 0, Math.min(end, 64 << 10));
      format = sniff(head);
      compiled = compile(options.signatures ?? SIGNATURES, format.family);
      matcher = compiled.length ? new MultiMatcher(compiled.map((c) => c.anchor)) : null;
      if (options.keepText?.(format.family)) textParts = [];
      if (format.family === 'jamf') {
        for (const l of head.split('\n', 50)) {
          host = jamfHost(l);
          if (host) break;
        }
      }
    }
    if (textParts && textBytes < KEEP_TEXT_MAX) {
      textParts.push(buf.toString('utf8', 0, end));
      textBytes += end;
    }
    // Candidate positions of every anchor, in byte order: one pass for all anchors.
    const cands: Array<{ pos: number; c: Compiled }> = [];
    if (matcher) {
      const lastLine = new Int32Array(compiled.length).fill(-1);
      matcher.find(buf, end, (pos, idx) => {
        // One candidate per anchor and line.
        const ls = buf.lastIndexOf(10, pos) + 1;
        if (lastLine[idx] === ls) return;
        lastLine[idx] = ls;
        cands.push({ pos, c: compiled[idx]! });
      });
    }
    let counted = 0;
    for (const { pos, c } of cands) {
      const ls = buf.lastIndexOf(10, pos) + 1;
      let le = buf.indexOf(10, pos);
      if (le === -1 || le > end) le = end;
      lineNo += countNewlines(buf, counted, ls);
      counted = ls;
      const line = buf.toString('utf8', ls, le);
      let time: Stamp | null | undefined;
      for (const { sig, regex } of c.sigs) {
        if (!confirms(line, sig, regex)) continue;
        if (time === undefined) {
          time = recordTime(buf, ls, le, line);
          if (time) observe(time, lineNo);
        }
        const idx = time !== null ? sample(time.t) : yearIdx;
        const hit: Pending = { file: name, line: lineNo, stamp: time, text: clip(line), yearIdx: idx };
        const key = sig.id;
        const g = groups.get(key);
        if (!g) {
          groups.set(key, {
            signature: sig.id,
            checkId: sig.checkId,
            kind: sig.kind,
            file: name,
            family: format!.family,
            count: 1,
            firstP: hit,
            lastP: hit,
          });
        } else {
          g.count++;
          g.lastP = hit;
        }
      }
    }
    lineNo += countNewlines(buf, counted, end);
    // The chunk's last record header: the end of the log so far, a year-rollover sample and a zone sample.
    let e = end - 1;
    for (let k = 0; k < BACK_LINES && e > 0; k++) {
      const s = buf.lastIndexOf(10, e - 1) + 1;
      const text = buf.toString('utf8', s, e);
      if (k === 0) lastLineText = text;
      const t = format!.stamp(text);
      if (t !== null) {
        observe(t, lineNo - 1 - k);
        lastHeader = { stamp: t, text, line: lineNo - 1 - k, yearIdx: sample(t.t) };
        break;
      }
      e = s - 1;
    }
  };

  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = (final: boolean): void => {
    let buf: Buffer;
    if (pending.length === 0 && !carry) return;
    const parts = carry ? [carry, ...pending] : pending;
    buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    pending = [];
    pendingBytes = 0;
    carry = null;
    if (bytes <= buf.length && !format) {
      const nul = buf.subarray(0, Math.min(buf.length, 8192)).indexOf(0);
      if (nul !== -1) {
        problem = {
          file: name,
          message: `${name}: binary content, not a text log (NUL byte at offset ${nul}); skipped`,
          incomplete: false,
        };
        return;
      }
    }
    const end = buf.lastIndexOf(10) + 1;
    if (final) {
      sawNewlineAtEnd = end === buf.length;
      if (!sawNewlineAtEnd) {
        // The last line has no newline: process it as a line of its own.
        const withNl = Buffer.concat([buf, Buffer.from('\n')]);
        process(withNl, withNl.length);
        lineNo--; // the added newline is not a line of the file
        return;
      }
      process(buf, end);
      return;
    }
    if (end === 0) {
      if (buf.length > MAX_CARRY) {
        // One huge line: scan it as it is and drop it.
        const withNl = Buffer.concat([buf, Buffer.from('\n')]);
        process(withNl, withNl.length);
        lineNo--;
        return;
      }
      carry = buf;
      return;
    }
    process(buf, end);
    if (end < buf.length) carry = buf.subarray(end);
  };

  for await (const chunk of source) {
    if (problem) break;
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += b.length;
    pending.push(b);
    pendingBytes += b.length;
    if (pendingBytes >= CHUNK) flush(false);
  }
  if (!problem) flush(true);

  const fmt = format as Format | null;
  const lines = bytes === 0 ? 0 : Math.max(0, lineNo - (sawNewlineAtEnd ? 1 : 0));
  if (!problem && fmt && (fmt.format === 'ndjson' || fmt.format === 'json')) {
    const last = lastLineText.trim();
    if (last && !/[}\]],?$/.test(last)) {
      problem = {
        file: name,
        message: `${name}: line ${lines}: truncated ${fmt.format} record (the file ends inside it)`,
        incomplete: true,
      };
    }
  }

  // jamf.log: give every time its year: from the weekday, else from the file's date and the rollovers seen.
  const ref = options.mtime ?? Date.now();
  const end = lastHeader as { stamp: Stamp; yearIdx: number } | null;
  let endYear = new Date(ref).getUTCFullYear();
  if (fmt?.yearless && end) {
    const d = new Date(end.stamp.t);
    const atRef = Date.UTC(endYear, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
    if (atRef > ref + 2 * DAY) endYear--;
  }
  const finalIdx = end?.yearIdx ?? yearIdx;
  const rules = new Set<YearRule>();
  const withYear = (p: Pending): { t: number; rule: YearRule | null } | null => {
    const st = p.stamp;
    if (!st) return null;
    if (!fmt?.yearless) return { t: st.t, rule: null };
    const d = new Date(st.t);
    const month = d.getUTCMonth();
    const day = d.getUTCDate();
    const timeOfDay = st.t - Date.UTC(2000, month, day);
    const byWeekday = st.weekday === undefined ? null : yearByWeekday(month, day, st.weekday, timeOfDay, ref);
    const rule: YearRule = byWeekday !== null ? 'weekday' : 'file-time';
    const year = byWeekday ?? existingYear(endYear - (finalIdx - p.yearIdx), month, day);
    rules.add(rule);
    return { t: Date.UTC(year, month, day) + timeOfDay, rule };
  };
  const fix = (p: Pending): TimedLine => {
    const out: TimedLine = { file: p.file, line: p.line, time: null, text: p.text };
    const y = withYear(p);
    if (!y) return out;
    if (y.rule) out.year = y.rule;
    const st = p.stamp!;
    if (st.local) {
      // The Mac's wall clock: its instant waits for the Mac's zone (src/logs/time.ts applyZone).
      out.local = wallString(y.t);
      return out;
    }
    out.time = y.t;
    if (st.offset !== null) {
      out.local = wallString(y.t + st.offset * 60_000);
      out.offset = fmtOffset(st.offset);
      out.zone = 'line';
    }
    return out;
  };

  const out: TimedHitGroup[] = [];
  for (const g of groups.values()) {
    out.push({
      signature: g.signature,
      checkId: g.checkId,
      kind: g.kind,
      file: g.file,
      family: g.family,
      count: g.count,
      first: fix(g.firstP),
      last: fix(g.lastP),
    });
  }
  const lh = lastHeader as { stamp: Stamp; text: string; line: number; yearIdx: number } | null;
  const lastRecord = lh
    ? fix({ file: name, line: lh.line, stamp: lh.stamp, text: clip(lh.text), yearIdx: lh.yearIdx })
    : null;
  const parts = textParts as string[] | null;
  return {
    info: {
      file: name,
      family: fmt?.family ?? 'text',
      format: fmt?.format ?? 'empty',
      lines,
      bytes,
      lastTime: lastRecord?.time ?? null,
      clock: sawLocal ? 'local' : sawInstant ? 'line' : 'none',
      ...(rules.size ? { yearRules: [...rules].sort() } : {}),
    },
    groups: out,
    host,
    text: parts ? parts.join('') : null,
    lastRecord,
    observations,
    problem,
  };
}
