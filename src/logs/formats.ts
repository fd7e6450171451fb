/**
 * Log families and their line formats (shared/research/jamf.md §5): how a file is recognised by content, and
 * how a record's time is read. Times without a zone are read as UTC (the Mac's zone is not in the file).
 */
import type { LogFamily } from './signatures.js';

export interface Format {
  family: LogFamily;
  /** The variant (space, tab, pipe; compact, default, syslog, ndjson, json, console; text). */
  format: string;
  /** Recognises a record line of this format. */
  test: RegExp;
  /** The time of a record line, or null when the line is not a record header (a continuation line). */
  time(line: string): number | null;
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
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (.+?) jamf\[\d+\]: /;
const ISO = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:[.:](\d{1,6}))?(?: ?([-+]\d\d):?(\d\d)|Z)?/;

/** Reads `YYYY-MM-DD HH:MM:SS(.ffffff)(±zzzz)` at the start of `s` (UTC when no zone). */
export function isoTime(s: string): number | null {
  const m = ISO.exec(s);
  if (!m) return null;
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  let t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms);
  if (m[8]) {
    const sign = m[8].startsWith('-') ? -1 : 1;
    t -= sign * (Math.abs(+m[8]) * 60 + +m[9]!) * 60_000;
  }
  return Number.isNaN(t) ? null : t;
}

export function jamfHost(line: string): string | null {
  return JAMF.exec(line)?.[6] ?? null;
}

const leadingIso = (line: string): number | null => isoTime(line);

export const FORMATS: readonly Format[] = [
  {
    family: 'jamf',
    format: 'jamf.log',
    test: JAMF,
    yearless: true,
    time(line) {
      const m = JAMF.exec(line);
      if (!m) return null;
      return Date.UTC(2000, MONTHS[m[1]!]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!);
    },
  },
  {
    family: 'ssoExtension',
    format: 'pipe',
    test: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d:\d{3} \| [IWEVD] \| /,
    time(line) {
      if (!this.test.test(line)) return null;
      const utc = /\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\]/.exec(line);
      return utc ? isoTime(utc[1]!) : isoTime(line);
    },
  },
  {
    family: 'companyPortal',
    format: 'pipe',
    test: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \| [A-Za-z]+ \| \d+ \| /,
    time(line) {
      return this.test.test(line) ? leadingIso(line) : null;
    },
  },
  {
    family: 'companyPortal',
    format: 'tab',
    test: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\t[A-Z]{4,5}\t/,
    time(line) {
      return this.test.test(line) ? leadingIso(line) : null;
    },
  },
  {
    family: 'companyPortal',
    format: 'space',
    test: /^\S.* (?:INFO|VERB|WARN|ERRO|ERROR|DEBUG|FAULT) com\.microsoft\.\S+ TID=\d+(?: |$)/,
    time(line) {
      return this.test.test(line) ? leadingIso(line) : null;
    },
  },
  {
    family: 'unifiedLog',
    format: 'default',
    test: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+[-+]\d{4}\s+0x[0-9a-f]+\s+(?:Default|Info|Debug|Error|Fault|Activity|Signpost)\s/,
    time(line) {
      return this.test.test(line) ? leadingIso(line) : null;
    },
  },
  {
    family: 'unifiedLog',
    format: 'syslog',
    test: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+[-+]\d{4}\s+\S+\s+[^[]+\[\d+\]/,
    time(line) {
      return this.test.test(line) ? leadingIso(line) : null;
    },
  },
  {
    family: 'unifiedLog',
    format: 'compact',
    test: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} (?:Df|Db|De|I|In|E|Er|Fa|F|A|Ac|Sp) +[^[]+\[\d+:[0-9a-fx]+\]/,
    time(line) {
      return this.test.test(line) ? leadingIso(line) : null;
    },
  },
  {
    family: 'unifiedLog',
    format: 'console',
    test: /^(?:default|info|debug|error|fault)\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ ?[-+]\d{4}\s/,
    time(line) {
      if (!this.test.test(line)) return null;
      return isoTime(line.replace(/^\S+\s+/, ''));
    },
  },
  {
    family: 'unifiedLog',
    format: 'ndjson',
    test: /^\{.*"(?:eventMessage|messageType)"\s*:/,
    time(line) {
      const m = /"timestamp"\s*:\s*"([^"]+)"/.exec(line);
      return m ? isoTime(m[1]!) : null;
    },
  },
  {
    family: 'unifiedLog',
    format: 'json',
    timeAfter: true,
    test: /^\s*"eventMessage"\s*:/,
    time(line) {
      const m = /^\s*"timestamp"\s*:\s*"([^"]+)"/.exec(line);
      return m ? isoTime(m[1]!) : null;
    },
  },
];

const TEXT = (family: LogFamily, format: string): Format => ({
  family,
  format,
  test: /$^/,
  time: () => null,
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
