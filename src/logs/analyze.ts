/**
 * Reads the files of one Mac (a `macs/{serial}/` folder, or files, folders and archives given to `jidoctor
 * logs`) into compact evidence: signature hits with file and line, the registration timeline, the serial and
 * host the files reveal, and one-line problems (refused zip entries, unreadable or binary files).
 */
import { createReadStream } from 'node:fs';
import { lstat, open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { normSerial } from '../model/keys.js';
import type {
  LogFileInfo,
  LogHitGroup,
  LogLine,
  LogProblem,
  MacLogEvidence,
  MacSettings,
  RegistrationTimeline,
} from '../model/types.js';
import { mergeSettings, SETTINGS_MAX_BYTES, SettingsBuilder, settingsFileKind } from './mac-settings.js';
import { CHUNK, type ScanResult, scanStream } from './scan.js';
import { SIGNATURE_BY_ID } from './signatures.js';
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

/** Facts of status dumps: the serial, the host, the last token time. */
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
const ODC_NAME = /^(.+)-IntuneMacODC-\d{4}-\d\d-\d\dT/;

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

class Collector {
  files: LogFileInfo[] = [];
  hits: LogHitGroup[] = [];
  problems: LogProblem[] = [];
  serials: string[] = [];
  hosts: string[] = [];
  tokenFacts: LogLine[] = [];
  jamfEnds: LogLine[] = [];
  settings = new SettingsBuilder();

  constructor(readonly limits: ZipLimits) {}

  /**
   * A settings file (src/logs/mac-settings.ts) is read whole; a property list is then done (listed as a file of
   * family `settings`), a text output is still scanned like any log. Returns the bytes when the scan should go on.
   */
  async settingsFile(name: string, size: number, read: () => Promise<Buffer>): Promise<Buffer | 'done' | null> {
    const kind = settingsFileKind(name);
    if (!kind) return null;
    if (size > SETTINGS_MAX_BYTES) {
      this.problems.push({
        file: name,
        message: `${name}: over ${SETTINGS_MAX_BYTES} bytes; not read`,
        incomplete: false,
      });
      return 'done';
    }
    const data = await read();
    const before = this.settings.problems.length;
    const plist = this.settings.add(name, kind, data);
    for (const p of this.settings.problems.slice(before)) this.problems.push({ ...p, incomplete: false });
    if (!plist) return data;
    this.files.push({ file: name, family: 'settings', format: 'plist', lines: 0, bytes: data.length, lastTime: null });
    return 'done';
  }

  take(r: ScanResult): void {
    if (r.problem) this.problems.push(r.problem);
    if (r.problem && !r.problem.incomplete) return;
    this.files.push(r.info);
    this.hits.push(...r.groups);
    if (r.host) this.hosts.push(r.host);
    if (r.info.family === 'jamf' && r.lastRecord) this.jamfEnds.push(r.lastRecord);
    if (r.text) this.facts(r.info.file, r.text);
  }

  facts(file: string, text: string): void {
    this.settings.statusText(file, text);
    for (const re of SERIAL_RES) {
      const m = re.exec(text);
      const s = normSerial(m?.[1]);
      if (s) {
        this.serials.push(s);
        break;
      }
    }
    for (const re of HOST_RES) {
      const m = re.exec(text);
      if (m?.[1]) {
        this.hosts.push(m[1]);
        break;
      }
    }
    for (const re of TOKEN_RES) {
      const m = re.exec(text);
      if (!m) continue;
      let v = Number(m[1]);
      if (v < 1e11) v *= 1000;
      const line = lineOf(text, m.index);
      this.tokenFacts.push({ file, line, time: Math.round(v), text: m[0].trim() });
      break;
    }
  }

  async path(path: string, name: string, depth: number): Promise<void> {
    let st: Awaited<ReturnType<typeof lstat>>;
    try {
      st = await lstat(path);
    } catch (err) {
      this.problems.push({ file: name, message: `${name}: cannot be read (${one(err)})`, incomplete: true });
      return;
    }
    if (st.isSymbolicLink()) {
      this.problems.push({ file: name, message: `${name}: a symbolic link; not followed`, incomplete: false });
      return;
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = (await readdir(path)).filter((n) => n !== '.DS_Store').sort();
      } catch (err) {
        this.problems.push({ file: name, message: `${name}: folder cannot be read (${one(err)})`, incomplete: true });
        return;
      }
      for (const n of names) await this.path(join(path, n), `${name}/${n}`, depth);
      return;
    }
    if (!st.isFile()) return;
    if (st.size === 0) {
      this.problems.push({ file: name, message: `${name}: empty file; skipped`, incomplete: false });
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
      this.problems.push({ file: name, message: `${name}: cannot be read (${one(err)})`, incomplete: true });
      return;
    }
    if (head.equals(ZIP_MAGIC) || head.equals(EMPTY_ZIP)) {
      await this.zip({ kind: 'file', path }, name, depth);
      return;
    }
    try {
      const settings = await this.settingsFile(name, st.size, () => readFile(path));
      if (settings === 'done') return;
      this.take(
        await scanStream(name, settings ? once(settings) : createReadStream(path, { highWaterMark: CHUNK }), {
          mtime: st.mtimeMs,
          keepText: (f) => f === 'status' || f === 'gatherAADInfo',
        }),
      );
    } catch (err) {
      this.problems.push({ file: name, message: `${name}: cannot be read (${one(err)})`, incomplete: true });
    }
  }

  async zip(source: { kind: 'file'; path: string } | { kind: 'buffer'; data: Buffer }, name: string, depth: number) {
    const odc = ODC_NAME.exec(basename(source.kind === 'file' ? source.path : name));
    if (odc?.[1]) this.hosts.push(odc[1]);
    try {
      for await (const entry of zipEntries(
        source,
        (r) =>
          this.problems.push({
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
            this.problems.push({
              file: entryName,
              message: `${entryName}: nested archive not read (too deep or over ${NESTED_MAX} bytes)`,
              incomplete: true,
            });
            continue;
          }
          await this.zip({ kind: 'buffer', data: await entry.buffer() }, entryName, depth + 1);
          continue;
        }
        try {
          const settings = await this.settingsFile(entryName, entry.size, () => entry.buffer());
          if (settings === 'done') continue;
          this.take(
            await scanStream(entryName, settings ? once(settings) : await entry.open(), {
              mtime: entry.mtime,
              keepText: (f) => f === 'status' || f === 'gatherAADInfo',
            }),
          );
        } catch (err) {
          this.problems.push({
            file: entryName,
            message: `${entryName}: cannot be read (${one(err)})`,
            incomplete: true,
          });
        }
      }
    } catch (err) {
      this.problems.push({ file: name, message: `${name}: ${one(err)}`, incomplete: true });
    }
  }
}

async function* once(data: Buffer): AsyncGenerator<Buffer> {
  yield data;
}

function latest(lines: ReadonlyArray<LogLine | null | undefined>): LogLine | null {
  let best: LogLine | null = null;
  for (const l of lines) {
    if (!l) continue;
    if (!best || (l.time ?? Number.NEGATIVE_INFINITY) >= (best.time ?? Number.NEGATIVE_INFINITY)) best = l;
  }
  return best;
}

export function timelineOf(
  hits: readonly LogHitGroup[],
  tokenFacts: LogLine[],
  jamfEnds: LogLine[],
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
 * Analyses the files of one Mac. `paths` are read in order; `names` are how they appear in evidence
 * (`macs/<serial>/...` in a snapshot).
 */
export async function analyzeMac(
  inputs: ReadonlyArray<{ path: string; name: string }>,
  root: string,
  options: AnalyzeOptions = {},
): Promise<MacLogEvidence> {
  const col = new Collector(options.limits ?? ZIP_LIMITS);
  for (const i of inputs) await col.path(i.path, i.name, 0);
  const serial = normSerial(options.serial) ?? col.serials[0] ?? null;
  if (serial && options.serial == null) {
    const other = col.serials.find((s) => s !== serial);
    if (other)
      col.problems.push({
        file: root,
        message: `${root}: files name more than one serial (${serial}, ${other}); the first is used`,
        incomplete: false,
      });
  }
  const host = col.hosts[0] ?? null;
  return {
    serial,
    host,
    key: serial ?? (host ? `host:${host}` : root),
    root,
    files: col.files,
    hits: col.hits,
    timeline: timelineOf(col.hits, col.tokenFacts, col.jamfEnds),
    problems: col.problems,
    ...settingsOf(col.settings),
  };
}

function settingsOf(b: SettingsBuilder): { settings?: MacSettings } {
  const s = b.result();
  return s ? { settings: s } : {};
}

/** Is `path` a folder? (for callers that accept files and folders alike) */
export async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function latestOf<T extends LogLine>(a: T | null, b: T | null): T | null {
  if (!a) return b;
  if (!b) return a;
  return (b.time ?? Number.NEGATIVE_INFINITY) >= (a.time ?? Number.NEGATIVE_INFINITY) ? b : a;
}

/** One Mac's evidence from several parts (files given separately to `jidoctor logs`). */
export function mergeEvidence(parts: readonly MacLogEvidence[]): MacLogEvidence {
  const [first, ...rest] = parts;
  if (!first) throw new Error('mergeEvidence: nothing to merge');
  const out: MacLogEvidence = {
    ...first,
    files: [...first.files],
    hits: [...first.hits],
    problems: [...first.problems],
    timeline: { ...first.timeline },
  };
  for (const p of rest) {
    out.serial ??= p.serial;
    out.host ??= p.host;
    out.files.push(...p.files);
    out.hits.push(...p.hits);
    out.problems.push(...p.problems);
    const t = out.timeline;
    t.lastCheckIn = latestOf(t.lastCheckIn, p.timeline.lastCheckIn);
    t.lastCheckInError = latestOf(t.lastCheckInError, p.timeline.lastCheckInError);
    t.lastTokenAcquired = latestOf(t.lastTokenAcquired, p.timeline.lastTokenAcquired);
    t.lastPortalLaunch = latestOf(t.lastPortalLaunch, p.timeline.lastPortalLaunch);
    t.jamfLogEnd = latestOf(t.jamfLogEnd, p.timeline.jamfLogEnd);
    const settings = mergeSettings(out.settings, p.settings);
    if (settings) out.settings = settings;
  }
  out.key = out.serial ?? (out.host ? `host:${out.host}` : first.root);
  out.root = parts.map((p) => p.root).join(', ');
  return out;
}

/**
 * Groups evidence read from separate paths into Macs. When the paths name at most one serial and at most one
 * other host, they are one Mac (the usual case: files of the Mac at hand). Otherwise the same serial (or, without
 * one, the same host) is one Mac, and a part that names neither stays on its own.
 */
export function groupByMac(parts: readonly MacLogEvidence[]): MacLogEvidence[] {
  if (parts.length <= 1) return [...parts];
  const serials = new Set(parts.map((p) => p.serial).filter((s): s is string => !!s));
  const hostsWithoutSerial = new Set(parts.filter((p) => !p.serial && p.host).map((p) => p.host));
  if (serials.size <= 1 && hostsWithoutSerial.size <= 1) return [mergeEvidence(parts)];
  const hostToSerial = new Map<string, string>();
  for (const p of parts) if (p.serial && p.host) hostToSerial.set(p.host, p.serial);
  const keyed = new Map<string, MacLogEvidence[]>();
  const loose: MacLogEvidence[] = [];
  for (const p of parts) {
    const k = p.serial ?? (p.host ? (hostToSerial.get(p.host) ?? `host:${p.host}`) : null);
    if (k) keyed.set(k, [...(keyed.get(k) ?? []), p]);
    else loose.push(p);
  }
  return [...[...keyed.values()].map(mergeEvidence), ...loose];
}
