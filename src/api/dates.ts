/** Dates as Graph and Jamf Pro send them (no zod here: the scanning workers load this without the schemas). */

/**
 * ISO 8601 date-time as Graph and Jamf Pro send it: zero to seven fractional digits, `Z`, an offset or no zone
 * (then UTC), or a bare date (Jamf `initialEntryDate`).
 */
export const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Days of month `mo` (1-12) of year `y`, in the proleptic Gregorian calendar. */
export function daysInMonth(y: number, mo: number): number {
  return mo === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : mo === 4 || mo === 6 || mo === 9 || mo === 11
      ? 30
      : 31;
}

/**
 * Is this a date and time that exists? Date.UTC rolls impossible ones over (`2026-02-30` is March 2nd, `T99:30`
 * four days later): those are refused, never read as another day. No leap second (`:60`), no `24:00`.
 */
export function possibleDate(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h <= 23 && mi <= 59 && s <= 59;
}

const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const d2 = (s: string, i: number): number => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;

/** The common form `YYYY-MM-DDTHH:MM:SS[.f{0,7}]Z`, parsed without a regular expression (hot path). */
function fastMillis(v: string): number | null {
  const n = v.length;
  if (n < 20 || n > 28 || v.charCodeAt(n - 1) !== 90 /* Z */ || v.charCodeAt(10) !== 84 /* T */) return null;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58)
    return null;
  for (const i of DIGITS) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  let ms = 0;
  if (n > 20) {
    if (v.charCodeAt(19) !== 46 /* . */) return null;
    let scale = 100;
    for (let i = 20; i < n - 1; i++) {
      const c = v.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return null;
      ms += c * scale;
      scale /= 10;
    }
    ms = Math.floor(ms);
  }
  const y = d2(v, 0) * 100 + d2(v, 2);
  if (y === 1) return null;
  if (!possibleDate(y, d2(v, 5), d2(v, 8), d2(v, 11), d2(v, 14), d2(v, 17))) return null;
  const t = Date.UTC(y, d2(v, 5) - 1, d2(v, 8), d2(v, 11), d2(v, 14), d2(v, 17), ms);
  return Number.isFinite(t) ? t : null;
}

/**
 * A date string as `isoDate` reads it: epoch milliseconds, null for Graph's `0001-01-01` "never", undefined when
 * it is not an ISO 8601 date of a day and time that exist (the pattern, then the ranges: month, day of that month,
 * hour, minute, second, zone offset up to 23:59).
 */
function parseIso(value: string): number | null | undefined {
  const fast = fastMillis(value);
  if (fast !== null) return fast;
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  if (!possibleDate(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s))) return undefined;
  let offset = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return undefined;
    offset = sign * (oh * 60 + om) * 60_000;
  }
  if (y === '0001') return null;
  const ms = frac ? Number(`${frac}000`.slice(0, 3)) : 0;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) - offset;
  return Number.isFinite(t) ? t : undefined;
}

/** Is `value` an ISO 8601 date of a day and time that exist (what the schemas' `isoDate` accepts)? */
export function isIsoDate(value: string): boolean {
  return parseIso(value) !== undefined;
}

/**
 * Parses a date accepted by `isoDate` to epoch milliseconds; Graph's `0001-01-01` "never", null and anything that
 * is not a possible ISO 8601 date give null (the schemas refuse those first).
 */
export function toMillis(value: string | null | undefined): number | null {
  if (!value) return null;
  return parseIso(value) ?? null;
}

/** Recent renderings: a fleet's dates repeat (check-in times, policy times), and toISOString is costly. */
const isoCache = new Map<number, string>();

export function isoOf(ms: number | null | undefined): string | null {
  if (ms == null) return null;
  let s = isoCache.get(ms);
  if (s === undefined) {
    s = new Date(ms).toISOString();
    if (isoCache.size >= 4096) isoCache.clear();
    isoCache.set(ms, s);
  }
  return s;
}

/**
 * A date field as the schema `isoDate` accepts it: epoch milliseconds, null for "never", or undefined when the
 * value is not an ISO 8601 date (the caller then lets the schema produce the error).
 */
export function dateField(v: unknown): number | null | undefined {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return undefined;
  return parseIso(v);
}
