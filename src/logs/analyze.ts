/**
 * Reads Mac files (a `macs/{serial}/` folder, or files, folders and archives given to `jidoctor logs`) into
 * compact evidence per Mac: signature hits with file and line, the registration timeline, the serial and host the
 * files reveal, how each file was attributed to its Mac, the Mac's zone, and one-line problems (refused zip
 * entries, unreadable or binary files).
 *
 * One Mac per host however the files arrive: every file is attributed by the identity it or its collection
 * carries — the `macs/{serial}/` folder, a collection archive (IntuneMacODC, ours) and the serial or host its
 * files name, a status file's serial, jamf.log's host name — never by the path argument alone. A file that names
 * nothing goes to the only Mac its path names (or, when its path names none, the only Mac of the whole input);
 * otherwise it is shown on its own, never merged into a Mac it may not belong to.
 */
import { createReadStream } from 'node:fs';
import { lstat, open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { normSerial } from '../model/keys.js';
import type { LogLine, LogProblem, MacLogEvidence, MacSettings, RegistrationTimeline } from '../model/types.js';
import { SETTINGS_MAX_BYTES, SettingsBuilder, settingsFileKind } from './mac-settings.js';
import { CHUNK, type ScanResult, scanStream, type TimedFileInfo, type TimedHitGroup } from './scan.js';
import { SIGNATURE_BY_ID, type TimelineCategory } from './signatures.js';
import {
  applyZone,
  compareLines,
  fmtOffset,
  knownZone,
  type MacZone,
  parseOffset,
  type TimedLine,
  whenText,
  type ZoneObservation,
} from './time.js';
import { ZIP_LIMITS, type ZipLimits, zipEntries } from './zip.js';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** A zip inside a zip is read from memory up to this size. */
const NESTED_MAX = 64 << 20;
const MAX_DEPTH = 3;

export interface AnalyzeOptions {
  /** The serial the folder names (`macs/{serial}`). */
  serial?: string | null;
  limits?: ZipLimits;
}

export type AttributionRule =
  | 'folder'
  | 'collection'
  | 'serial'
  | 'host'
  | 'only-mac-of-path'
  | 'only-mac-of-input'
  | 'path-names-no-mac'
  | 'alone';

/** How one file was attributed to its Mac: the rule, its values, and the sentence (English; `attributionText`). */
export interface Attribution {
  file: string;
  rule: AttributionRule;
  /** The rule's values: the folder or archive, the serial or host, the path, the number of Macs. */
  args: string[];
  how: string;
}

const ATTRIBUTION: Record<'en' | 'it', Record<AttributionRule, (a: string[]) => string>> = {
  en: {
    folder: ([dir, serial]) => `by the folder ${dir}, which names the serial ${serial}`,
    collection: ([kind, name, what]) =>
      `by the ${kind === 'folder' ? 'folder' : 'archive'} ${name}, which names ${what}`,
    serial: ([serial]) => `by its serial ${serial}`,
    host: ([host, jamf]) => `by its host name ${host}${jamf ? ' (jamf.log lines)' : ''}`,
    'only-mac-of-path': ([path]) => `no serial or host in the file: the only Mac named by the files of ${path}`,
    'only-mac-of-input': () => 'no serial or host in the file: the only Mac named by the files given',
    'path-names-no-mac': ([path]) => `not attributed: no file of ${path} names a serial or host`,
    alone: ([path, n]) => `not attributed: no serial or host in the file, and ${path} names ${n} Macs`,
  },
  it: {
    folder: ([dir, serial]) => `dalla cartella ${dir}, che indica il seriale ${serial}`,
    collection: ([kind, name, what]) =>
      `${kind === 'folder' ? 'dalla cartella' : 'dall’archivio'} ${name}, che indica ${what}`,
    serial: ([serial]) => `dal suo seriale ${serial}`,
    host: ([host, jamf]) => `dal suo nome host ${host}${jamf ? ' (righe di jamf.log)' : ''}`,
    'only-mac-of-path': ([path]) => `nessun seriale o host nel file: l’unico Mac indicato dai file di ${path}`,
    'only-mac-of-input': () => 'nessun seriale o host nel file: l’unico Mac indicato dai file forniti',
    'path-names-no-mac': ([path]) => `non attribuito: nessun file di ${path} indica un seriale o un host`,
    alone: ([path, n]) => `non attribuito: nessun seriale o host nel file, e ${path} indica ${n} Mac`,
  },
};

/** The sentence of an attribution in a language. */
export function attributionText(a: Pick<Attribution, 'rule' | 'args'>, lang: 'en' | 'it'): string {
  return ATTRIBUTION[lang][a.rule](a.args);
}

function attribution(file: string, rule: AttributionRule, args: string[]): Attribution {
  return { file, rule, args, how: attributionText({ rule, args }, 'en') };
}

/** One line of the per-Mac timeline a person reads. */
export interface TimelineEntry extends TimedLine {
  signature: string;
  category: TimelineCategory;
  kind: 'problem' | 'event';
  /** `first`/`last` of `count` lines of this signature in this file (`only` when count is 1). */
  which: 'only' | 'first' | 'last';
  count: number;
  /** `ordered` (the line has an instant), or the file whose lines have no known zone (ordered within it only). */
  group: string;
}

/** The evidence of one Mac with what this module adds to the model's MacLogEvidence. */
export interface MacLogs extends MacLogEvidence {
  files: TimedFileInfo[];
  hits: TimedHitGroup[];
  attribution: Attribution[];
  /** How the Mac's zone was found: `time zone Europe/Rome (status.txt)`, `offset …`, or `unknown`. */
  zone: { name: string | null; offsets: string[]; source: string };
  /** Registration attempts, check-ins, token failures, prompts: oldest first, newest last. */
  events: TimelineEntry[];
}

/** Facts of status dumps: the serial, the host, the last token time, the zone. */
const SERIAL_RES = [
  /"IOPlatformSerialNumber"\s*=\s*"([A-Za-z0-9]{8,14})"/,
  /Serial Number \(system\):\s*([A-Za-z0-9]{8,14})/,
  /<key>serial_number<\/key>\s*<string>([A-Za-z0-9]{8,14})<\/string>/,
  /^serial=([A-Za-z0-9]{8,14})\s*$/m,
  /\bSerialNumber"?\s*[=:]\s*"?([A-Za-z0-9]{8,14})"?/,
];
const HOST_RES = [/^host=(.+?)\s*$/m, /^LocalHostName:\s*(.+?)\s*$/m];
const TOKEN_RES = [
  /"?last_aad_token_timestamp"?\s*(?:=>|=|:)\s*"?(\d{9,13}(?:\.\d+)?)/,
  /<key>last_aad_token_timestamp<\/key>\s*<(?:integer|real)>(\d{9,13}(?:\.\d+)?)</,
];
/** Our status.txt: `tz_offset=+0100`, `tz_name=Europe/Rome`, `collected_at=…Z`. */
const TZ_OFFSET = /^tz_offset=([-+]\d{4})\s*$/m;
const TZ_NAME = /^tz_name=([A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*)\s*$/m;
const COLLECTED_AT = /^collected_at=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\s*$/m;
/** `<LocalHostName>-IntuneMacODC-<YYYY-MM-DDTHH-MM-SS±zzzz>.zip` (the Mac's local time and offset). */
const ODC_NAME = /^(.+)-IntuneMacODC-(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)([-+]\d{4})?/;
const OURS_NAME = /^jidoctor-mac-([A-Za-z0-9]{8,14})-\d{8}T\d{6}Z\.zip$/;

function lineOf(text: string, index: number): number {
  let n = 1;
  let i = text.indexOf('\n');
  while (i !== -1 && i < index) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}

function one(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!;
}

/** A container of files that belong to one Mac: a `macs/{serial}` folder or a collection archive. */
interface Unit {
  id: string;
  kind: 'folder' | 'archive' | 'none';
  /** The serial the folder names, when it is `macs/{serial}`. */
  serial: string | null;
  /** Host names from the unit's name (IntuneMacODC archive). */
  hosts: string[];
  /** A collection archive: IntuneMacODC or ours by name, or holding a status file that names a serial. */
  collection: boolean;
  observations: ZoneObservation[];
}

/** One file as read, with the identity it names. */
interface FileRecord {
  scope: string;
  unit: Unit;
  info: TimedFileInfo;
  groups: TimedHitGroup[];
  lastRecord: TimedLine | null;
  serial: string | null;
  /** Host names the file shows (jamf.log lines; host= or LocalHostName of a status file). */
  hosts: string[];
  tokenFacts: TimedLine[];
  observations: ZoneObservation[];
  zoneName: { id: string; source: string } | null;
}

class Collector {
  files: FileRecord[] = [];
  problems: Array<{ scope: string; unit: Unit; problem: LogProblem }> = [];
  scope = '';
  /** The Mac's settings files (property lists, Platform SSO and profile outputs: src/logs/mac-settings.ts). */
  settings = new SettingsBuilder();

  constructor(readonly limits: ZipLimits) {}

  /**
   * A settings file is read whole; a property list is then done (listed as a file of family `settings`), a text
   * output is still scanned like any log. Returns the bytes when the scan should go on.
   */
  async settingsFile(
    name: string,
    size: number,
    unit: Unit,
    read: () => Promise<Buffer>,
  ): Promise<Buffer | 'done' | null> {
    const kind = settingsFileKind(name);
    if (!kind) return null;
    if (size > SETTINGS_MAX_BYTES) {
      this.problem(unit, {
        file: name,
        message: `${name}: over ${SETTINGS_MAX_BYTES} bytes; not read`,
        incomplete: false,
      });
      return 'done';
    }
    const data = await read();
    const before = this.settings.problems.length;
    const plist = this.settings.add(name, kind, data);
    for (const p of this.settings.problems.slice(before)) this.problem(unit, { ...p, incomplete: false });
    if (!plist) return data;
    this.files.push({
      scope: this.scope,
      unit,
      info: { file: name, family: 'settings', format: 'plist', lines: 0, bytes: data.length, lastTime: null },
      groups: [],
      lastRecord: null,
      serial: null,
      hosts: [],
      tokenFacts: [],
      observations: [],
      zoneName: null,
    } as FileRecord);
    return 'done';
  }

  problem(unit: Unit, p: LogProblem): void {
    this.problems.push({ scope: this.scope, unit, problem: p });
  }

  take(r: ScanResult, unit: Unit): void {
    if (r.problem) this.problem(unit, r.problem);
    if (r.problem && !r.problem.incomplete) return;
    const rec: FileRecord = {
      scope: this.scope,
      unit,
      info: r.info,
      groups: r.groups,
      lastRecord: r.info.family === 'jamf' ? r.lastRecord : null,
      serial: null,
      hosts: r.host ? [r.host] : [],
      tokenFacts: [],
      observations: [...r.observations],
      zoneName: null,
    };
    if (r.text) this.facts(rec, r.text);
    if (rec.serial && unit.kind === 'archive') unit.collection = true;
    this.files.push(rec);
  }

  facts(rec: FileRecord, text: string): void {
    const file = rec.info.file;
    this.settings.statusText(file, text);
    for (const re of SERIAL_RES) {
      const s = normSerial(re.exec(text)?.[1]);
      if (s) {
        rec.serial = s;
        break;
      }
    }
    for (const re of HOST_RES) {
      const m = re.exec(text);
      if (m?.[1]) {
        rec.hosts.push(m[1]);
        break;
      }
    }
    for (const re of TOKEN_RES) {
      const m = re.exec(text);
      if (!m) continue;
      let v = Number(m[1]);
      if (v < 1e11) v *= 1000;
      const line = lineOf(text, m.index);
      rec.tokenFacts.push({ file, line, time: Math.round(v), text: m[0].trim() });
      break;
    }
    const name = TZ_NAME.exec(text)?.[1];
    if (name && knownZone(name))
      rec.zoneName = { id: name, source: `${file}:${lineOf(text, text.indexOf('tz_name='))}` };
    const off = TZ_OFFSET.exec(text);
    const at = COLLECTED_AT.exec(text);
    const offset = off ? parseOffset(off[1]!) : null;
    if (offset !== null && at)
      rec.observations.push({ offset, at: Date.parse(at[1]!), source: `${file}:${lineOf(text, off!.index)}` });
  }

  async path(path: string, name: string, depth: number, unit: Unit): Promise<void> {
    let st: Awaited<ReturnType<typeof lstat>>;
    try {
      st = await lstat(path);
    } catch (err) {
      this.problem(unit, { file: name, message: `${name}: cannot be read (${one(err)})`, incomplete: true });
      return;
    }
    if (st.isSymbolicLink()) {
      this.problem(unit, { file: name, message: `${name}: a symbolic link; not followed`, incomplete: false });
      return;
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = (await readdir(path)).filter((n) => n !== '.DS_Store').sort();
      } catch (err) {
        this.problem(unit, { file: name, message: `${name}: folder cannot be read (${one(err)})`, incomplete: true });
        return;
      }
      for (const n of names) await this.path(join(path, n), `${name}/${n}`, depth, unit);
      return;
    }
    if (!st.isFile()) return;
    if (st.size === 0) {
      this.problem(unit, { file: name, message: `${name}: empty file; skipped`, incomplete: false });
      return;
    }
    const head = Buffer.alloc(4);
    try {
      const fh = await open(path, 'r');
      try {
        await fh.read(head, 0, 4, 0);
      } finally {
        await fh.close();
      }
    } catch (err) {
      this.problem(unit, { file: name, message: `${name}: cannot be read (${one(err)})`, incomplete: true });
      return;
    }
    if (head.equals(ZIP_MAGIC) || head.equals(EMPTY_ZIP)) {
      await this.zip({ kind: 'file', path }, name, depth, unit);
      return;
    }
    try {
      const settings = await this.settingsFile(name, st.size, unit, () => readFile(path));
      if (settings === 'done') return;
      this.take(
        await scanStream(name, settings ? once(settings) : createReadStream(path, { highWaterMark: CHUNK }), {
          mtime: st.mtimeMs,
          keepText: (f) => f === 'status' || f === 'gatherAADInfo',
        }),
        unit,
      );
    } catch (err) {
      this.problem(unit, { file: name, message: `${name}: cannot be read (${one(err)})`, incomplete: true });
    }
  }

  async zip(
    source: { kind: 'file'; path: string } | { kind: 'buffer'; data: Buffer },
    name: string,
    depth: number,
    parent: Unit,
  ) {
    // An archive inside a Mac folder or a collection belongs to it; otherwise it is a unit of its own.
    let unit = parent;
    if (parent.kind === 'none' || (parent.kind === 'archive' && !parent.collection))
      unit = { id: name, kind: 'archive', serial: null, hosts: [], collection: false, observations: [] };
    const base = basename(source.kind === 'file' ? source.path : name.split('!').pop()!);
    const odc = ODC_NAME.exec(base);
    if (odc?.[1]) {
      // The IntuneMacODC archive name: the Mac's LocalHostName and its local time with offset.
      unit.hosts.push(odc[1]);
      unit.collection = true;
      const off = odc[8] ? parseOffset(odc[8]) : null;
      if (off !== null) {
        const wall = Date.UTC(+odc[2]!, +odc[3]! - 1, +odc[4]!, +odc[5]!, +odc[6]!, +odc[7]!);
        unit.observations.push({ offset: off, at: wall - off * 60_000, source: `${name} (archive name)` });
      }
    }
    const ours = OURS_NAME.exec(base);
    if (ours) {
      unit.serial ??= normSerial(ours[1]);
      unit.collection = true;
    }
    try {
      for await (const entry of zipEntries(
        source,
        (r) =>
          this.problem(unit, {
            file: r.name ? `${name}!${r.name}` : name,
            message: `${name}: ${r.message}`,
            incomplete: true,
          }),
        this.limits,
      )) {
        const entryName = `${name}!${entry.name}`;
        if (entry.size === 0) continue;
        const base = basename(entry.name);
        if (base.startsWith('._') || entry.name.startsWith('__MACOSX/') || base === '.DS_Store') continue;
        if (/\.zip$/i.test(entry.name)) {
          if (depth >= MAX_DEPTH || entry.size > NESTED_MAX) {
            this.problem(unit, {
              file: entryName,
              message: `${entryName}: nested archive not read (too deep or over ${NESTED_MAX} bytes)`,
              incomplete: true,
            });
            continue;
          }
          await this.zip({ kind: 'buffer', data: await entry.buffer() }, entryName, depth + 1, unit);
          continue;
        }
        try {
          const settings = await this.settingsFile(entryName, entry.size, unit, () => entry.buffer());
          if (settings === 'done') continue;
          this.take(
            await scanStream(entryName, settings ? once(settings) : await entry.open(), {
              mtime: entry.mtime,
              keepText: (f) => f === 'status' || f === 'gatherAADInfo',
            }),
            unit,
          );
        } catch (err) {
          this.problem(unit, {
            file: entryName,
            message: `${entryName}: cannot be read (${one(err)})`,
            incomplete: true,
          });
        }
      }
    } catch (err) {
      this.problem(unit, { file: name, message: `${name}: ${one(err)}`, incomplete: true });
    }
  }
}

/**
 * The latest line. Lines that cannot be ordered (zones unknown, files apart, less than a day between them) are
 * never ordered by their wall times: the first stays, marked `unordered`.
 */
function latest<T extends TimedLine>(lines: ReadonlyArray<T | null | undefined>): T | null {
  const all = lines.filter((l): l is T => !!l);
  let best: T | null = null;
  for (const l of all) {
    if (!best) {
      best = l;
      continue;
    }
    const c = compareLines(l, best);
    if (c !== null && c >= 0) best = l;
  }
  if (best && all.some((l) => l !== best && compareLines(l, best!) === null)) return { ...best, unordered: true };
  return best;
}

export function timelineOf(
  hits: readonly TimedHitGroup[],
  tokenFacts: TimedLine[],
  jamfEnds: TimedLine[],
): RegistrationTimeline {
  const of = (event: string) =>
    hits.filter((h) => SIGNATURE_BY_ID.get(h.signature)?.event === event).map((h) => h.last);
  const viaJamf = latest(of('portalLaunchJamf'));
  const direct = latest(of('portalLaunchDirect'));
  let lastPortalLaunch: RegistrationTimeline['lastPortalLaunch'] = null;
  const launch = latest([viaJamf, direct]);
  if (launch) lastPortalLaunch = { ...launch, how: launch === direct ? 'direct' : 'self-service' };
  return {
    lastCheckIn: latest(of('checkIn')),
    lastCheckInError: latest(of('checkInError')),
    lastTokenAcquired: latest([...of('tokenAcquired'), ...tokenFacts]),
    lastPortalLaunch,
    jamfLogEnd: latest(jamfEnds),
  };
}

/**
 * The readable timeline: each signature's first and last line per file. Lines with an instant come first, in
 * order, newest last; then, file by file, lines whose zone is unknown, in the file's order: they are never
 * ordered against other files (`group` names the file).
 */
export function eventsOf(hits: readonly TimedHitGroup[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const h of hits) {
    const sig = SIGNATURE_BY_ID.get(h.signature);
    if (!sig?.category) continue;
    const base = { signature: h.signature, category: sig.category, kind: h.kind, count: h.count };
    const group = (l: TimedLine) => (l.time != null ? 'ordered' : l.file);
    if (h.count === 1) out.push({ ...h.last, ...base, which: 'only', group: group(h.last) });
    else
      out.push(
        { ...h.first, ...base, which: 'first', group: group(h.first) },
        { ...h.last, ...base, which: 'last', group: group(h.last) },
      );
  }
  out.sort((a, b) => {
    if (a.group !== b.group) {
      if (a.group === 'ordered') return -1;
      if (b.group === 'ordered') return 1;
      return a.group < b.group ? -1 : 1;
    }
    if (a.group === 'ordered')
      return a.time! - b.time! || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);
    return a.line - b.line;
  });
  return out;
}

/** Identity graph: serials and host names linked when one collection or one file names them together. */
class Identities {
  private parent = new Map<string, string>();

  find(k: string): string {
    let p = this.parent.get(k) ?? k;
    if (p !== k) {
      p = this.find(p);
      this.parent.set(k, p);
    }
    return p;
  }

  add(k: string): void {
    if (!this.parent.has(k)) this.parent.set(k, k);
  }

  link(a: string, b: string): void {
    this.add(a);
    this.add(b);
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // Two serials are never merged through a host name.
    if (this.serialOf(ra) && this.serialOf(rb)) return;
    if (this.serialOf(rb)) this.parent.set(ra, rb);
    else this.parent.set(rb, ra);
  }

  serialOf(root: string): string | null {
    return root.startsWith('serial:') ? root.slice('serial:'.length) : null;
  }
}

interface Draft {
  key: string;
  serial: string | null;
  hosts: Set<string>;
  roots: Set<string>;
  files: FileRecord[];
  attribution: Attribution[];
  problems: LogProblem[];
  observations: ZoneObservation[];
}

/** The serial a unit names (its folder, or the first status file among its files) and its host names. */
function unitIdentity(unit: Unit, files: readonly FileRecord[]): { serial: string | null; hosts: string[] } {
  const mine = files.filter((f) => f.unit === unit);
  const serial = unit.serial ?? mine.find((f) => f.serial)?.serial ?? null;
  const hosts = [...unit.hosts, ...mine.flatMap((f) => f.hosts)];
  return { serial, hosts };
}

/**
 * Groups the files read into Macs (see the module comment) and builds each Mac's evidence. `scopes` are the
 * path arguments in order, with the name each is shown as.
 */
function buildMacs(col: Collector, scopes: readonly string[]): MacLogs[] {
  const ids = new Identities();
  const units = [...new Set(col.files.map((f) => f.unit))];
  const unitId = new Map<Unit, { serial: string | null; hosts: string[] }>();
  const sourceOf = (f: FileRecord): string | null => {
    if (f.unit.kind === 'folder' || (f.unit.kind === 'archive' && f.unit.collection)) return null;
    return f.serial ? 'serial' : f.hosts.length ? 'host' : null;
  };
  // Collections (folders and collection archives): everything they name is one Mac.
  for (const u of units) {
    const idn = unitIdentity(u, col.files);
    unitId.set(u, idn);
    if (u.kind === 'none' || (u.kind === 'archive' && !u.collection)) continue;
    const keys = [...(idn.serial ? [`serial:${idn.serial}`] : []), ...idn.hosts.map((h) => `host:${h}`)];
    for (const k of keys) ids.add(k);
    for (let i = 1; i < keys.length; i++) ids.link(keys[0]!, keys[i]!);
  }
  // Loose files: a status file links its serial and host; jamf.log names its host.
  for (const f of col.files) {
    if (!sourceOf(f)) continue;
    const keys = [...(f.serial ? [`serial:${f.serial}`] : []), ...f.hosts.map((h) => `host:${h}`)];
    for (const k of keys) ids.add(k);
    for (let i = 1; i < keys.length; i++) ids.link(keys[0]!, keys[i]!);
  }

  const drafts = new Map<string, Draft>();
  const draft = (key: string): Draft => {
    let d = drafts.get(key);
    if (!d) {
      const serial = ids.serialOf(key);
      d = {
        key,
        serial,
        hosts: new Set(),
        roots: new Set(),
        files: [],
        attribution: [],
        problems: [],
        observations: [],
      };
      drafts.set(key, d);
    }
    return d;
  };
  const macKeyOf = (k: string): string => ids.find(k);

  // First pass: files that name a Mac themselves or through their collection.
  const pending: FileRecord[] = [];
  const macOfScope = new Map<string, Set<string>>();
  const noteScope = (scope: string, key: string) => {
    const s = macOfScope.get(scope) ?? new Set<string>();
    s.add(key);
    macOfScope.set(scope, s);
  };
  for (const f of col.files) {
    const u = f.unit;
    const idn = unitId.get(u)!;
    let key: string | null = null;
    let att: Attribution | null = null;
    const file = f.info.file;
    if (u.kind === 'folder' && idn.serial) {
      key = macKeyOf(`serial:${idn.serial}`);
      att = attribution(file, 'folder', [u.id, idn.serial]);
    } else if ((u.kind === 'folder' || (u.kind === 'archive' && u.collection)) && (idn.serial || idn.hosts.length)) {
      key = macKeyOf(idn.serial ? `serial:${idn.serial}` : `host:${idn.hosts[0]}`);
      const what = idn.serial
        ? `${idn.serial} (${col.files.find((x) => x.unit === u && x.serial)?.info.file ?? u.id})`
        : `${idn.hosts[0]}`;
      att = attribution(file, 'collection', [u.kind, u.id, what]);
    } else if (f.serial) {
      key = macKeyOf(`serial:${f.serial}`);
      att = attribution(file, 'serial', [f.serial]);
    } else if (f.hosts.length) {
      key = macKeyOf(`host:${f.hosts[0]}`);
      att = attribution(file, 'host', [f.hosts[0]!, f.info.family === 'jamf' ? 'jamf' : '']);
    }
    if (!key || !att) {
      pending.push(f);
      continue;
    }
    const d = draft(key);
    d.files.push(f);
    d.attribution.push(att);
    noteScope(f.scope, key);
  }
  // Second pass: files that name nothing.
  const allMacs = new Set(drafts.keys());
  const alone = new Map<string, Draft>();
  for (const f of pending) {
    const inScope = macOfScope.get(f.scope);
    const file = f.info.file;
    let key: string | null = null;
    let att: Attribution | null = null;
    if (inScope?.size === 1) {
      key = [...inScope][0]!;
      att = attribution(file, 'only-mac-of-path', [f.scope]);
    } else if (!inScope && allMacs.size === 1) {
      key = [...allMacs][0]!;
      att = attribution(file, 'only-mac-of-input', []);
    }
    if (key && att) {
      const d = draft(key);
      d.files.push(f);
      d.attribution.push(att);
      continue;
    }
    // Not attributed: on its own (or with the other unnamed files of a path that names no Mac at all).
    const groupKey = !inScope && allMacs.size === 0 ? f.scope : file;
    let d = alone.get(groupKey);
    if (!d) {
      d = draft(`file:${groupKey}`);
      alone.set(groupKey, d);
    }
    d.files.push(f);
    d.attribution.push(
      groupKey === f.scope && allMacs.size === 0
        ? attribution(file, 'path-names-no-mac', [f.scope])
        : attribution(file, 'alone', [f.scope, String(inScope ? inScope.size : allMacs.size)]),
    );
  }
  // Problems go to the Mac of their unit, else of their scope, else stand alone.
  const orphanProblems: LogProblem[] = [];
  for (const p of col.problems) {
    const withUnit = [...drafts.values()].find((d) => d.files.some((f) => f.unit === p.unit && p.unit.kind !== 'none'));
    const inScope = macOfScope.get(p.scope);
    const d = withUnit ?? (inScope?.size === 1 ? drafts.get([...inScope][0]!) : undefined);
    if (d) d.problems.push(p.problem);
    else orphanProblems.push(p.problem);
  }

  const out: MacLogs[] = [];
  for (const d of drafts.values()) {
    for (const f of d.files) {
      d.roots.add(f.unit.kind === 'folder' ? f.unit.id : f.scope);
      for (const h of f.unit.hosts) d.hosts.add(h);
    }
    for (const f of d.files) for (const h of f.hosts) d.hosts.add(h);
    out.push(finish(d, scopes));
  }
  if (orphanProblems.length) {
    // Nothing readable came with these problems: a Mac-less entry keeps them visible.
    const root = scopes.join(', ');
    const first = out[0];
    if (first) first.problems.push(...orphanProblems);
    else out.push(emptyMac(root, orphanProblems));
  }
  if (out.length === 0) out.push(emptyMac(scopes.join(', '), []));
  return out;
}

function emptyMac(root: string, problems: LogProblem[]): MacLogs {
  return {
    serial: null,
    host: null,
    key: root,
    root,
    files: [],
    hits: [],
    timeline: timelineOf([], [], []),
    problems,
    attribution: [],
    zone: { name: null, offsets: [], source: 'unknown' },
    events: [],
  };
}

function finish(d: Draft, scopes: readonly string[]): MacLogs {
  const zone: MacZone = { name: null, observations: [] };
  const serials = new Set<string>();
  for (const f of d.files) {
    if (!zone.name && f.zoneName) zone.name = f.zoneName;
    zone.observations.push(...f.observations);
    if (f.serial) serials.add(f.serial);
  }
  for (const u of new Set(d.files.map((f) => f.unit))) zone.observations.push(...u.observations);
  zone.observations.sort((a, b) => a.at - b.at);
  const z = <T extends TimedLine>(l: T): T => applyZone(l, zone);
  const zl = <T extends TimedLine>(l: T | null): T | null => (l ? z(l) : null);
  const hits: TimedHitGroup[] = d.files.flatMap((f) =>
    f.groups.map((g) => ({ ...g, first: z(g.first), last: z(g.last) })),
  );
  const files: TimedFileInfo[] = d.files.map((f) => {
    const last = zl(f.lastRecord);
    return last && f.info.lastTime == null ? { ...f.info, lastTime: last.time } : f.info;
  });
  const jamfEnds = d.files.map((f) => zl(f.lastRecord)).filter((l): l is TimedLine => !!l);
  const tokenFacts = d.files.flatMap((f) => f.tokenFacts);
  const problems = [...d.problems];
  const serial = d.serial ?? [...serials][0] ?? null;
  if (serials.size > 1) {
    const [a, b] = [...serials];
    problems.push({
      file: d.key,
      message: `${d.key}: files name more than one serial (${a}, ${b}); the first is used`,
      incomplete: false,
    });
  }
  const host = [...d.hosts][0] ?? null;
  const offsets = [...new Set(zone.observations.map((o) => fmtOffset(o.offset)))];
  const root = [...d.roots].join(', ') || scopes.join(', ');
  const key = serial ?? (host ? `host:${host}` : d.key.startsWith('file:') ? d.key.slice(5) : d.key);
  return {
    serial,
    host,
    key,
    root,
    files,
    hits,
    timeline: timelineOf(hits, tokenFacts, jamfEnds),
    problems,
    attribution: d.attribution,
    zone: {
      name: zone.name?.id ?? null,
      offsets,
      source: zone.name
        ? `time zone ${zone.name.id} (${zone.name.source})`
        : zone.observations.length
          ? zone.observations.map((o) => `${fmtOffset(o.offset)} in ${o.source}`).join('; ')
          : 'unknown',
    },
    events: eventsOf(hits),
  };
}

/** Analyses the files of one Mac (all inputs are that Mac: a `macs/{serial}` folder, or one archive). */
export async function analyzeMac(
  inputs: ReadonlyArray<{ path: string; name: string }>,
  root: string,
  options: AnalyzeOptions = {},
): Promise<MacLogs> {
  const col = new Collector(options.limits ?? ZIP_LIMITS);
  const serial = normSerial(options.serial);
  const unit: Unit = { id: root, kind: 'folder', serial, hosts: [], collection: true, observations: [] };
  col.scope = root;
  for (const i of inputs) await col.path(i.path, i.name, 0, unit);
  const macs = buildMacs(col, [root]);
  const [first, ...rest] = macs;
  const ev = rest.length ? mergeAll(macs) : first!;
  return { ...ev, root, key: ev.serial ?? (ev.host ? `host:${ev.host}` : root), ...settingsOf(col.settings) };
}

function settingsOf(b: SettingsBuilder): { settings?: MacSettings } {
  const s = b.result();
  return s ? { settings: s } : {};
}

async function* once(data: Buffer): AsyncGenerator<Buffer> {
  yield data;
}

function mergeAll(parts: MacLogs[]): MacLogs {
  const [first, ...rest] = parts;
  const out: MacLogs = { ...first!, files: [...first!.files], hits: [...first!.hits], problems: [...first!.problems] };
  for (const p of rest) {
    out.files.push(...p.files);
    out.hits.push(...p.hits);
    out.problems.push(...p.problems);
    out.attribution = [...out.attribution, ...p.attribution];
  }
  out.events = eventsOf(out.hits);
  return out;
}

/**
 * Analyses loose paths (files, folders, archives, `macs/{serial}` folders given as `folder`) and groups what
 * they hold into Macs by the identity the files carry.
 */
export async function analyzeLoose(
  inputs: ReadonlyArray<{ path: string; name: string; serial?: string }>,
  options: AnalyzeOptions = {},
): Promise<MacLogs[]> {
  const col = new Collector(options.limits ?? ZIP_LIMITS);
  for (const i of inputs) {
    col.scope = i.name;
    const unit: Unit = i.serial
      ? { id: i.name, kind: 'folder', serial: normSerial(i.serial), hosts: [], collection: true, observations: [] }
      : { id: i.name, kind: 'none', serial: null, hosts: [], collection: false, observations: [] };
    await col.path(i.path, i.name, 0, unit);
  }
  const macs = buildMacs(
    col,
    inputs.map((i) => i.name),
  );
  // The settings files are the Mac's when the inputs are one Mac; among several Macs' files they are not
  // attributed (never given to the wrong Mac), and a problem line says so.
  const settings = settingsOf(col.settings);
  if (settings.settings && macs.length === 1) macs[0] = { ...macs[0]!, ...settings };
  else if (settings.settings && macs[0])
    macs[0].problems.push({
      file: inputs.map((i) => i.name).join(', '),
      message:
        'Mac settings files were found among the files of several Macs and are not attributed to one (give each Mac its own folder or archive)',
      incomplete: false,
    });
  return macs;
}

/** Is `path` a folder? (for callers that accept files and folders alike) */
export async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** A line as a person reads it (for renderers): local time with offset, or the zone unknown. */
export function lineWhen(l: LogLine, unknown?: string): string {
  return whenText(l as TimedLine, unknown);
}
