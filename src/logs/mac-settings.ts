/**
 * The Mac's registration settings, read from its own files: the Jamf and jamfAAD property lists at their Mac paths
 * (XML or binary, as a copied folder or an IntuneMacODC archive holds them), the collector's `mac-settings.txt`
 * (`defaults read-type` / `defaults read` of the same keys, the migrator's files, the SSO extension profile), the
 * output of `getPSSOStatus`, `app-sso platform -s` and `profiles show -type configuration`.
 *
 * Keys and paths as Jamf's own scripts spell them:
 * https://github.com/benwhitis/Jamf_Conditional_Access/blob/main/DeviceComplianceMigrator.sh (microsoftCAEnabled,
 * microsoftCANativeClientAppId, the migrator LaunchAgent and ~/Library/JamfAADStaging) and
 * https://github.com/benwhitis/Jamf_Conditional_Access/blob/main/EA_RegistrationStatus_preview.sh (have_an_Azure_id,
 * getPSSOStatus and primary_registration_metadata_device_id).
 */
import type { MacPref, MacPrefDomain, MacSettings, PrefType } from '../model/types.js';
import { isDict, PlistError, parsePlist, plistScalar, plistType } from './plist.js';

/** The keys read from each domain (nothing else of these files is kept). */
export const PREF_KEYS: Readonly<Record<MacPrefDomain, readonly string[]>> = {
  jamf: ['microsoftCAEnabled', 'microsoftCANativeClientAppId'],
  jamfAAD: ['have_an_Azure_id'],
  jamfAADManaged: ['useWKWebView'],
};

export const MIGRATOR_AGENT = 'com.jamf.management.jamfAAD.migrator.plist';
export const SSO_EXTENSION_ID = 'com.microsoft.CompanyPortalMac.ssoextension';
/** Files read whole for settings are small; a bigger one is not what it claims to be. */
export const SETTINGS_MAX_BYTES = 4 << 20;

export type SettingsFileKind =
  | { kind: 'plist'; domain: MacPrefDomain }
  | { kind: 'migratorAgent' }
  | { kind: 'migratorStaging' }
  | { kind: 'collector' }
  | { kind: 'pssoStatus' }
  | { kind: 'profiles' };

function base(name: string): string {
  const flat = name.replaceAll('!', '/');
  return flat.slice(flat.lastIndexOf('/') + 1);
}

function domainOfPath(path: string): MacPrefDomain | null {
  const b = base(path);
  if (b === 'com.jamfsoftware.jamf.plist') return 'jamf';
  if (b === 'com.jamf.management.jamfAAD.plist')
    return /(^|\/)Managed Preferences\//.test(path.replaceAll('!', '/')) ? 'jamfAADManaged' : 'jamfAAD';
  return null;
}

/** Which settings file a name (a path in a folder, or `archive!entry`) is, or null. */
export function settingsFileKind(name: string): SettingsFileKind | null {
  const flat = name.replaceAll('!', '/');
  const b = base(name);
  const domain = domainOfPath(name);
  if (domain) return { kind: 'plist', domain };
  if (b === MIGRATOR_AGENT) return { kind: 'migratorAgent' };
  if (/(^|\/)JamfAADStaging\//.test(flat)) return { kind: 'migratorStaging' };
  if (b === 'mac-settings.txt') return { kind: 'collector' };
  if (b === 'psso-status.txt') return { kind: 'pssoStatus' };
  if (b === 'profiles-configuration.txt') return { kind: 'profiles' };
  return null;
}

const DEFAULTS_TYPES: Record<string, PrefType> = {
  boolean: 'boolean',
  integer: 'integer',
  float: 'real',
  real: 'real',
  string: 'string',
  date: 'date',
  data: 'data',
  array: 'array',
  dictionary: 'dictionary',
};

const UUID = '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}';
const PSSO_DEVICE_ID = new RegExp(`primary_registration_metadata_device_id"?\\)?\\s*[:=]\\s*"?(${UUID})`);
const REGISTRATION_COMPLETED = /"?registrationCompleted"?\s*[:=]\s*(true|false|1|0)\b/;

function lineAt(text: string, index: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function firstLine(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  const line = text.slice(start, end === -1 ? undefined : end).trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** Collects the settings of one Mac, file by file; the first source of a fact wins (files are read in order). */
export class SettingsBuilder {
  private s: MacSettings = { prefs: {}, migrator: null, pssoStatus: null, appSso: null, profiles: null };
  private any = false;
  /** One-line problems (a property list that cannot be parsed). */
  problems: Array<{ file: string; message: string }> = [];

  private setPref(domain: MacPrefDomain, key: string, pref: MacPref): void {
    const d = this.s.prefs[domain] ?? {};
    this.s.prefs[domain] = d;
    if (!d[key]) {
      d[key] = pref;
      this.any = true;
    }
  }

  private migrator(part: 'launchAgent' | 'staging', present: boolean, file: string, line?: number): void {
    const m = this.s.migrator ?? { launchAgent: null, staging: null, source: { file, ...(line ? { line } : {}) } };
    this.s.migrator = m;
    if (m[part] === null) {
      m[part] = present;
      // The LaunchAgent is the evidence to cite when both are seen.
      if (part === 'launchAgent') m.source = { file, ...(line ? { line } : {}) };
    }
    this.any = true;
  }

  /** A settings file read whole. Returns true when it was a property list (it needs no log scan). */
  add(name: string, kind: SettingsFileKind, data: Buffer): boolean {
    switch (kind.kind) {
      case 'plist':
        this.plist(name, kind.domain, data);
        return true;
      case 'migratorAgent':
        this.migrator('launchAgent', true, name);
        return true;
      case 'migratorStaging':
        this.migrator('staging', true, name);
        return false;
      case 'collector':
        this.collector(name, data.toString('utf8'));
        return false;
      case 'pssoStatus':
        this.psso(name, data.toString('utf8'));
        return false;
      case 'profiles':
        this.profilesListing(name, data.toString('utf8'));
        return false;
    }
  }

  private plist(name: string, domain: MacPrefDomain, data: Buffer): void {
    let value: ReturnType<typeof parsePlist>['value'];
    let format: ReturnType<typeof parsePlist>['format'];
    try {
      ({ value, format } = parsePlist(data));
    } catch (err) {
      const why = err instanceof PlistError ? err.message : String((err as Error)?.message ?? err).split('\n')[0];
      this.problems.push({ file: name, message: `${name}: ${why}` });
      return;
    }
    if (!isDict(value)) {
      this.problems.push({
        file: name,
        message: `${name}: expected a dictionary of preferences, found ${plistType(value)}`,
      });
      return;
    }
    for (const key of PREF_KEYS[domain]) {
      const v = value[key];
      if (v === undefined) this.setPref(domain, key, { type: 'absent', value: null, file: name });
      else if (format === 'openstep' && typeof v === 'string' && /^-?\d+$/.test(v))
        // `defaults read` prints booleans and numbers alike, unquoted: 1 is a number here, as Jamf's scripts read it.
        this.setPref(domain, key, { type: 'integer', value: Number(v), file: name });
      else this.setPref(domain, key, { type: plistType(v), value: plistScalar(v), file: name });
    }
  }

  /**
   * The collector's `mac-settings.txt`: tab-separated `path, key, type, value` rows; `(file)` / `(folder)` rows
   * say whether a path exists; `profiles` rows count the SSO extension in the installed profiles.
   */
  private collector(name: string, text: string): void {
    const lines = text.split('\n');
    lines.forEach((raw, i) => {
      const line = raw.replace(/\r$/, '');
      if (!line || line.startsWith('#')) return;
      const [path = '', key = '', type = '', ...rest] = line.split('\t');
      const value = rest.join('\t');
      const at = i + 1;
      if (path === 'profiles') {
        this.profilesCount(name, at, key, type, line);
        return;
      }
      if (base(path) === MIGRATOR_AGENT && key === '(file)' && (type === 'present' || type === 'absent')) {
        this.migrator('launchAgent', type === 'present', name, at);
        return;
      }
      if (base(path) === 'JamfAADStaging' && key === '(folder)' && (type === 'present' || type === 'absent')) {
        this.migrator('staging', type === 'present', name, at);
        return;
      }
      const domain = domainOfPath(path);
      if (!domain) return;
      if (key === '(file)') {
        if (type === 'absent')
          for (const k of PREF_KEYS[domain])
            this.setPref(domain, k, { type: 'absent', value: null, file: name, line: at });
        return;
      }
      if (!PREF_KEYS[domain].includes(key)) return;
      if (type === 'absent') {
        this.setPref(domain, key, { type: 'absent', value: null, file: name, line: at });
        return;
      }
      const t = DEFAULTS_TYPES[type];
      if (!t) return; // an unknown type word: leave the key unread
      this.setPref(domain, key, { type: t, value: defaultsValue(t, value), file: name, line: at });
    });
  }

  private profilesCount(name: string, line: number, what: string, count: string, text: string): void {
    if (what !== SSO_EXTENSION_ID || !/^\d+$/.test(count)) return;
    if (this.s.profiles) return;
    this.s.profiles = { file: name, line, text, ssoExtension: Number(count) > 0 };
    this.any = true;
  }

  /**
   * `profiles show -type configuration`: the extension id in the listing means it is installed; a listing that
   * shows payload types (or says no profile is installed) without any extensible SSO payload means it is not.
   * A listing without payload types says nothing either way.
   */
  private profilesListing(name: string, text: string): void {
    if (this.s.profiles) return;
    const id = text.indexOf(SSO_EXTENSION_ID);
    if (id !== -1) {
      this.s.profiles = { file: name, line: lineAt(text, id), text: firstLine(text, id), ssoExtension: true };
      this.any = true;
      return;
    }
    // "none installed" speaks for the whole listing only when it lists no profile at all (a user's empty list
    // printed next to the system's profiles says nothing about the SSO extension).
    const none = /profileIdentifier/.test(text) ? null : /There are no configuration profiles installed/.exec(text);
    const typed = /payload\[\d+\]\s+type\s*=|PayloadType/.exec(text);
    if (!none && !typed) return;
    if (text.includes('com.apple.extensiblesso')) return; // an SSO payload whose extension is not shown
    const m = (none ?? typed)!;
    this.s.profiles = { file: name, line: lineAt(text, m.index), text: firstLine(text, m.index), ssoExtension: false };
    this.any = true;
  }

  /** `Jamf Conditional Access getPSSOStatus`: first line the status code, then the registration dump. */
  private psso(name: string, text: string): void {
    if (this.s.pssoStatus) return;
    const first = text.split('\n').find((l) => l.trim() !== '');
    const code = first && /^\s*(\d)\s*$/.test(first) ? Number(first.trim()) : null;
    const m = PSSO_DEVICE_ID.exec(text);
    if (code === null && !m) return;
    const idx = m ? m.index : text.indexOf(first!);
    this.s.pssoStatus = {
      file: name,
      line: lineAt(text, idx),
      text: firstLine(text, idx),
      code,
      deviceId: m ? m[1]!.toLowerCase() : null,
    };
    this.any = true;
  }

  /** A status dump (any file the scanner calls `status`): `app-sso platform -s` holds registrationCompleted. */
  statusText(name: string, text: string): void {
    if (this.s.appSso) return;
    const m = REGISTRATION_COMPLETED.exec(text);
    if (!m) return;
    this.s.appSso = {
      file: name,
      line: lineAt(text, m.index),
      text: firstLine(text, m.index),
      registrationCompleted: m[1] === 'true' || m[1] === '1',
    };
    this.any = true;
  }

  result(): MacSettings | undefined {
    return this.any ? this.s : undefined;
  }
}

function defaultsValue(t: PrefType, raw: string): string | number | boolean | null {
  const v = raw.trim();
  switch (t) {
    case 'boolean':
      return v === '1' ? true : v === '0' ? false : null;
    case 'integer':
    case 'real': {
      const n = Number(v);
      return v !== '' && Number.isFinite(n) ? n : null;
    }
    case 'string':
    case 'date':
      return raw;
    default:
      return null;
  }
}

/** The settings of two parts of one Mac (files given separately): the first part's facts win. */
export function mergeSettings(a: MacSettings | undefined, b: MacSettings | undefined): MacSettings | undefined {
  if (!a) return b;
  if (!b) return a;
  const prefs: MacSettings['prefs'] = {};
  for (const d of ['jamf', 'jamfAAD', 'jamfAADManaged'] as const) {
    if (a.prefs[d] || b.prefs[d]) prefs[d] = { ...b.prefs[d], ...a.prefs[d] };
  }
  let migrator = a.migrator ?? b.migrator;
  if (a.migrator && b.migrator)
    migrator = {
      launchAgent: a.migrator.launchAgent ?? b.migrator.launchAgent,
      staging: a.migrator.staging ?? b.migrator.staging,
      source: a.migrator.source,
    };
  return {
    prefs,
    migrator,
    pssoStatus: a.pssoStatus ?? b.pssoStatus,
    appSso: a.appSso ?? b.appSso,
    profiles: a.profiles ?? b.profiles,
  };
}
