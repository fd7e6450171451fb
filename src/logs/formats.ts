/**
 * Log families and their line formats (shared/research/jamf.md §5): how a file is recognised by content, and
 * how a record's time is read. A line either carries its instant (an offset, or the SSO extension's UTC time in
 * brackets) or only the Mac's wall-clock time (`local`): the Mac's zone is applied later (src/logs/time.ts).
 */
import type { LogFamily } from './signatures.js';

/** A record line's time: the instant, or the wall-clock time of a line in the Mac's local time. */
export interface Stamp {
  /** The instant (ms) when `local` is false; the wall-clock time read as UTC when it is true. */
  t: number;
  local: boolean;
  /** Minutes east of UTC written in (or derived from) the line; null when the line has none. */
  offset: number | null;
  /** jamf.log: the weekday (Sunday 0); `t` is then in year 2000 and the year is chosen later. */
  weekday?: number;
}

export interface Format {
  family: LogFamily;
  /** The variant (space, tab, pipe; compact, default, syslog, ndjson, json, console; text). */
  format: string;
  /** Recognises a record line of this format. */
  test: RegExp;
  /** The time of a record line, or null when the line is not a record header (a continuation line). */
  stamp(line: string): Stamp | null;
  /** jamf.log: no year in the line; `time` returns a date in year 2000 and the scanner infers the year. */
  yearless?: boolean;
  /** `log show --style json`: an object's timestamp comes after its eventMessage, so look forward for it. */
  timeAfter?: boolean;
}

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

const JAMF =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (.+?) jamf\[\d+\]: /;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const ISO = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:[.:](\d{1,6}))?(?: ?([-+]\d\d):?(\d\d)|(Z))?/;

/**
 * Reads `YYYY-MM-DD HH:MM:SS(.ffffff)(±zzzz)` at the start of `s`: the instant when the text has an offset (or Z),
 * else the wall-clock time read as UTC with `local` true.
 */
export function isoStamp(s: string): Stamp | null {
  const m = ISO.exec(s);
  if (!m) return null;
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms);
  if (Number.isNaN(t)) return null;
  if (m[10]) return { t, local: false, offset: 0 };
  if (m[8]) {
    const sign = m[8].startsWith('-') ? -1 : 1;
    const offset = sign * (Math.abs(+m[8]) * 60 + +m[9]!);
    return { t: t - offset * 60_000, local: false, offset };
  }
  return { t, local: true, offset: null };
}

/** The instant of `YYYY-MM-DD HH:MM:SS(±zzzz)`, reading a text without offset as UTC (for UTC-only fields). */
export function isoTime(s: string): number | null {
  return isoStamp(s)?.t ?? null;
}

export function jamfHost(line: string): string | null {
  return JAMF.exec(line)?.[7] ?? null;
}

const leadingIso = (line: string): Stamp | null => isoStamp(line);
/** A line of a format that never carries a zone: its wall-clock time. */
const localIso = (line: string): Stamp | null => {
  const s = isoStamp(line);
  return s ? { t: s.t, local: true, offset: null } : null;
};

/**
 * SSO extension: the UTC time in brackets is the instant; the local time before it gives the Mac's offset. Lines
 * about Entra or the keychain extend the bracket with a correlation id (`[2022-12-29 19:49:59 - 3506307A-…]`,
 * troubleshoot-mac-sso-extension-plugin.md, "Log structure", column 7).
 */
function ssoStamp(line: string): Stamp | null {
  const local = localIso(line);
  const utc = /\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?: - [0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12})?\]/.exec(
    line,
  );
  if (!utc) return local;
  const t = isoTime(utc[1]!);
  if (t === null) return local;
  let offset: number | null = null;
  if (local) {
    const off = Math.round((local.t - t) / 900_000) * 15;
    if (off >= -720 && off <= 840) offset = off;
  }
  return { t, local: false, offset };
}

export const FORMATS: readonly Format[] = [
  {
    family: 'jamf',
    format: 'jamf.log',
    test: JAMF,
    yearless: true,
    stamp(line) {
      const m = JAMF.exec(line);
      if (!m) return null;
      const t = Date.UTC(2000, MONTHS[m[2]!]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
      return { t, local: true, offset: null, weekday: WEEKDAYS[m[1]!]! };
    },
  },
  {
    family: 'ssoExtension',
    format: 'pipe',
    test: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d:\d{3} \| [IWEVD] \| /,
    stamp(line) {
      return this.test.test(line) ? ssoStamp(line) : null;
    },
  },
  {
    // The form quoted in AzureAD/microsoft-authentication-library-for-objc#2380: each line prefixed with the
    // log's name and a tab (`Mac SSO Extension\t2024-10-23 13:28:45:057 | E | ...`).
    family: 'ssoExtension',
    format: 'prefixed',
    test: /^Mac SSO Extension\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d:\d{3} \| [IWEVD] \| /,
    stamp(line) {
      return this.test.test(line) ? ssoStamp(line.slice(line.indexOf('\t') + 1)) : null;
    },
  },
  {
    family: 'companyPortal',
    format: 'pipe',
    test: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \| [A-Za-z]+ \| \d+ \| /,
    stamp(line) {
      return this.test.test(line) ? localIso(line) : null;
    },
  },
  {
    family: 'companyPortal',
    format: 'tab',
    test: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\t[A-Z]{4,5}\t/,
    stamp(line) {
      return this.test.test(line) ? localIso(line) : null;
    },
  },
  {
    family: 'companyPortal',
    format: 'space',
    test: /^\S.* (?:INFO|VERB|WARN|ERRO|ERROR|DEBUG|FAULT) com\.microsoft\.\S+ TID=\d+(?: |$)/,
    stamp(line) {
      return this.test.test(line) ? localIso(line) : null;
    },
  },
  {
    family: 'unifiedLog',
    format: 'default',
    test: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+[-+]\d{4}\s+0x[0-9a-f]+\s+(?:Default|Info|Debug|Error|Fault|Activity|Signpost)\s/,
    stamp(line) {
      return this.test.test(line) ? leadingIso(line) : null;
    },
  },
  {
    family: 'unifiedLog',
    format: 'syslog',
    test: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+[-+]\d{4}\s+\S+\s+[^[]+\[\d+\]/,
    stamp(line) {
      return this.test.test(line) ? leadingIso(line) : null;
    },
  },
  {
    family: 'unifiedLog',
    format: 'compact',
    test: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} (?:Df|Db|De|I|In|E|Er|Fa|F|A|Ac|Sp) +[^[]+\[\d+:[0-9a-fx]+\]/,
    // `--style compact` prints local time without an offset.
    stamp(line) {
      return this.test.test(line) ? localIso(line) : null;
    },
  },
  {
    family: 'unifiedLog',
    format: 'console',
    test: /^(?:default|info|debug|error|fault)\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ ?[-+]\d{4}\s/,
    stamp(line) {
      if (!this.test.test(line)) return null;
      return isoStamp(line.replace(/^\S+\s+/, ''));
    },
  },
  {
    family: 'unifiedLog',
    format: 'ndjson',
    test: /^\{.*"(?:eventMessage|messageType)"\s*:/,
    stamp(line) {
      const m = /"timestamp"\s*:\s*"([^"]+)"/.exec(line);
      return m ? isoStamp(m[1]!) : null;
    },
  },
  {
    family: 'unifiedLog',
    format: 'json',
    timeAfter: true,
    test: /^\s*"eventMessage"\s*:/,
    stamp(line) {
      const m = /^\s*"timestamp"\s*:\s*"([^"]+)"/.exec(line);
      return m ? isoStamp(m[1]!) : null;
    },
  },
];

const TEXT = (family: LogFamily, format: string): Format => ({
  family,
  format,
  test: /$^/,
  stamp: () => null,
});

/** Markers of the files without times: gatherAADInfo output and status dumps. */
const GATHER = /gatherAADInfo|AAD ID acquired|jamfAAD not found|Jamf Conditional Access|JamfAAD\b/;
const STATUS =
  /IOPlatformSerialNumber|<key>serial_number<\/key>|Serial Number \(system\)|^ProductVersion:|"registrationCompleted"|MDM enrollment:|last_aad_token_timestamp|Device Configuration:|^# jidoctor-mac-collect|^# Workplace Join artefacts|<!DOCTYPE plist|<plist version=|^serial=|SerialNumber\s*=/m;

/**
 * Recognises a file by its first lines: the format with the most record lines wins; files without a known
 * record format are gatherAADInfo output, status dumps or plain text (still searched for the signatures).
 */
export function sniff(head: string): Format {
  const lines = head.split('\n', 300);
  const counts = new Array<number>(FORMATS.length).fill(0);
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line) continue;
    for (let i = 0; i < FORMATS.length; i++) if (FORMATS[i]!.test.test(line)) counts[i]!++;
  }
  let best = -1;
  for (let i = 0; i < FORMATS.length; i++) if (counts[i]! > 0 && (best < 0 || counts[i]! > counts[best]!)) best = i;
  if (best >= 0) return FORMATS[best]!;
  if (/^\s*\[\s*\{?\s*$/m.test(head.slice(0, 200)) && /"eventMessage"\s*:/.test(head))
    return FORMATS.find((f) => f.format === 'json')!;
  if (STATUS.test(head)) return TEXT('status', 'text');
  if (GATHER.test(head)) return TEXT('gatherAADInfo', 'text');
  return TEXT('text', 'text');
}
