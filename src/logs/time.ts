/**
 * Dates and zones of Mac log lines.
 *
 * jamf.log lines carry no year: `yearOf` picks it from the weekday (the nearest year at or before the file's time
 * whose date falls on that weekday) and falls back to the file's time only when the weekday does not decide.
 *
 * jamf.log, Company Portal logs and `log show --style compact` are written in the Mac's local time without an
 * offset. A line of such a file keeps its wall-clock time (`local`) and gets an instant (`time`) only when the
 * Mac's zone is known from what its files show (`MacZone`): the time-zone name recorded by the collector (exact
 * for every date, daylight saving included), else an offset seen at some date (a unified-log line, the SSO
 * extension's local and UTC times, the collector's `date +%z`, the IntuneMacODC archive name), applied as seen
 * nearest in time. Without either, the line says "local time, zone unknown" and its `time` stays null.
 */
import type { LogLine } from '../model/types.js';

export const DAY = 86_400_000;
const MINUTE = 60_000;
/** Offsets on Earth go from -12:00 to +14:00: a wall time with an unknown zone is an instant in this range. */
const MIN_OFFSET = -12 * 60;
const MAX_OFFSET = 14 * 60;

/** How far back (years before the file's year) the weekday may place a jamf.log line. */
export const WEEKDAY_WINDOW = 11;

export type YearRule = 'weekday' | 'file-time';

/** A log line with what the scanner and the Mac's zone tell about its time (all optional: older evidence). */
export interface TimedLine extends LogLine {
  /** The wall-clock time written in the file (`YYYY-MM-DD HH:MM:SS`, `.mmm` when not 0): the Mac's local time. */
  local?: string;
  /** The offset applied to `local` (`-05:00`), or null: local time, zone unknown (then `time` is null). */
  offset?: string | null;
  /** Where the offset comes from: `line` (written in the line), or the Mac's zone source. */
  zone?: string;
  /** jamf.log: how the year was chosen. */
  year?: YearRule;
  /** Chosen as the latest of lines that could not all be ordered (zones unknown, files apart): a caution. */
  unordered?: boolean;
}

/** The Mac's zone as its files show it. */
export interface ZoneObservation {
  /** Minutes east of UTC. */
  offset: number;
  /** The instant it was observed at. */
  at: number;
  /** Where (file:line, or a file name). */
  source: string;
}

export interface MacZone {
  /** IANA name (`Europe/Rome`) with its source, when the collector recorded it and this runtime knows it. */
  name: { id: string; source: string } | null;
  observations: ZoneObservation[];
}

export function fmtOffset(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** `+0100`, `-05:00`, `+01` → minutes east of UTC, or null. */
export function parseOffset(s: string): number | null {
  const m = /^([-+])(\d\d):?(\d\d)?$/.exec(s.trim());
  if (!m) return null;
  const v = (+m[2]! * 60 + +(m[3] ?? 0)) * (m[1] === '-' ? -1 : 1);
  return v >= MIN_OFFSET && v <= MAX_OFFSET ? v : null;
}

/** `YYYY-MM-DD HH:MM:SS(.mmm)` of a wall time kept as milliseconds since the epoch (read as UTC). */
export function wallString(wall: number): string {
  const iso = new Date(wall).toISOString().replace('T', ' ');
  return wall % 1000 === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
}

export function wallOf(line: TimedLine): number | null {
  if (!line.local) return null;
  const t = Date.parse(`${line.local.replace(' ', 'T')}Z`);
  return Number.isNaN(t) ? null : t;
}

/**
 * The year of a jamf.log date (month 0-11, day, weekday 0-6 with Sunday 0, time of day in ms): the nearest year at
 * or before the file's time (one day of slack for the zone) whose date falls on the weekday, within
 * WEEKDAY_WINDOW years; null when no year does (a corrupt weekday, or Feb 29 on a weekday no recent leap year had).
 */
export function yearByWeekday(month: number, day: number, weekday: number, timeOfDay: number, ref: number) {
  const refYear = new Date(ref).getUTCFullYear();
  for (let y = refYear; y >= refYear - WEEKDAY_WINDOW; y--) {
    const t = Date.UTC(y, month, day);
    const d = new Date(t);
    if (d.getUTCMonth() !== month || d.getUTCDay() !== weekday) continue;
    if (t + timeOfDay > ref + DAY) continue;
    return y;
  }
  return null;
}

/** A date that does not exist in `year` (Feb 29) moves back to the nearest year that has it. */
export function existingYear(year: number, month: number, day: number): number {
  let y = year;
  for (let k = 0; k < 8 && new Date(Date.UTC(y, month, day)).getUTCMonth() !== month; k++) y--;
  return y;
}

const nameCache = new Map<string, Intl.DateTimeFormat | null>();

function formatter(id: string): Intl.DateTimeFormat | null {
  let f = nameCache.get(id);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'longOffset' });
    } catch {
      f = null;
    }
    nameCache.set(id, f);
  }
  return f;
}

/** Is `id` a time-zone name this runtime knows? */
export function knownZone(id: string): boolean {
  return formatter(id) !== null;
}

/** The offset (minutes) of zone `id` at an instant. */
export function offsetAt(id: string, instant: number): number | null {
  const f = formatter(id);
  if (!f) return null;
  const part = f.formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  if (part === 'GMT') return 0;
  return parseOffset(part.replace(/^GMT/, ''));
}

/** The offset of a wall time in zone `id`: the offset whose instant maps back to that wall time. */
function offsetOfWall(id: string, wall: number): number | null {
  let off = offsetAt(id, wall);
  if (off === null) return null;
  for (let i = 0; i < 2; i++) {
    const next = offsetAt(id, wall - off * MINUTE);
    if (next === null || next === off) break;
    off = next;
  }
  return off;
}

/**
 * The offset for a wall time on this Mac: from the zone name (exact), else the observation nearest in time, else
 * null. Returns where it came from too.
 */
export function zoneFor(zone: MacZone, wall: number): { offset: number; source: string } | null {
  if (zone.name) {
    const off = offsetOfWall(zone.name.id, wall);
    if (off !== null) return { offset: off, source: `time zone ${zone.name.id} (${zone.name.source})` };
  }
  let best: ZoneObservation | null = null;
  for (const o of zone.observations) {
    if (!best || Math.abs(wall - o.offset * MINUTE - o.at) < Math.abs(wall - best.offset * MINUTE - best.at)) best = o;
  }
  if (!best) return null;
  const on = new Date(best.at).toISOString().slice(0, 10);
  return { offset: best.offset, source: `offset ${fmtOffset(best.offset)} seen in ${best.source} on ${on}` };
}

/** Gives a local line its instant when the Mac's zone is known; says "zone unknown" otherwise. */
export function applyZone<T extends TimedLine>(line: T, zone: MacZone): T {
  const wall = wallOf(line);
  if (wall === null || line.offset !== undefined) return line;
  const z = zoneFor(zone, wall);
  if (!z) return { ...line, time: null, offset: null, zone: 'local time, zone unknown' };
  return { ...line, time: wall - z.offset * MINUTE, offset: fmtOffset(z.offset), zone: z.source };
}

/** The earliest and latest instant a line can be: exact with a known time, a 26-hour range for a zone unknown. */
export function bounds(line: TimedLine): [number, number] | null {
  if (line.time != null) return [line.time, line.time];
  const wall = wallOf(line);
  if (wall === null) return null;
  return [wall - MAX_OFFSET * MINUTE, wall - MIN_OFFSET * MINUTE];
}

/**
 * Orders two lines: negative when a is before b, positive after, 0 at the same time, null when it cannot be told
 * (a zone unknown and the lines less than a day apart, or a line without time). Lines of one file whose zone is
 * unknown share the Mac's clock and are ordered by their wall time.
 */
export function compareLines(a: TimedLine, b: TimedLine): number | null {
  if (a.time != null && b.time != null) return a.time - b.time;
  if (a.file === b.file && a.time == null && b.time == null) {
    const wa = wallOf(a);
    const wb = wallOf(b);
    if (wa !== null && wb !== null) return wa - wb;
  }
  const ba = bounds(a);
  const bb = bounds(b);
  if (!ba || !bb) return null;
  if (ba[1] < bb[0]) return -1;
  if (ba[0] > bb[1]) return 1;
  return null;
}

/** The least time from a to b (ms), or null when it cannot be told. Same-file wall times give the exact gap. */
export function minGap(a: TimedLine, b: TimedLine): number | null {
  if (a.time != null && b.time != null) return b.time - a.time;
  if (a.file === b.file && a.time == null && b.time == null) {
    const wa = wallOf(a);
    const wb = wallOf(b);
    if (wa !== null && wb !== null) return wb - wa;
  }
  const ba = bounds(a);
  const bb = bounds(b);
  if (!ba || !bb) return null;
  return bb[0] - ba[1];
}

/** How a line's time reads for a person: local time with its offset, or "local time, zone unknown". */
export function whenText(line: TimedLine, unknown = 'local time, zone unknown'): string {
  const local = line.local?.slice(0, 19);
  if (local && line.offset) return `${local} ${line.offset.replace(':', '')}`;
  if (local) return `${local} (${unknown})`;
  if (line.time != null) return `${new Date(line.time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  return '';
}
