/** What the mac/* checks share: each Mac's settings with its subject, and how a preference is shown as evidence. */
import { macSubject } from '../../logs/findings.js';
import type { Fleet, Mac, MacFactSource, MacLogEvidence, MacPref, MacSettings } from '../../model/types.js';
import type { CheckContext, Evidence, MessageMap, Subject } from '../define.js';

/** The User registration app for Device Compliance (commercial, GCC High), as Jamf's migrator compares it. */
export const REGISTRATION_APP_IDS = ['b03c10a8-71c7-45f9-b44a-3335ab76e970', 'dcf07df3-346f-4f0e-b803-c1f0ea0fb5ae'];

export interface MacSettingsItem {
  ev: MacLogEvidence;
  mac: Mac | null;
  subject: Subject;
  settings: MacSettings | null;
}

/** Every Mac whose files were collected, with its settings (null when its files hold none). */
export function macSettings(fleet: Fleet): MacSettingsItem[] {
  return fleet.macLogs.map(({ evidence: ev, mac }) => ({
    ev,
    mac,
    subject: macSubject(ev, mac),
    settings: ev.settings ?? null,
  }));
}

/** How a preference reads in a message: `absent`, `true`, `1`, `"text"` (string). */
export function showPref(p: MacPref): string {
  if (p.type === 'absent') return 'absent';
  if (p.value === null) return `(${p.type})`;
  if (p.type === 'string') return JSON.stringify(p.value);
  if (p.type === 'date') return `${p.value} (date)`;
  return String(p.value);
}

export function prefEvidence(key: string, p: MacPref): Evidence {
  return {
    source: p.file,
    ...(p.line ? { line: p.line } : {}),
    text: `${key} = ${showPref(p)}${p.type === 'absent' ? '' : ` (${p.type})`}`,
  };
}

export function factEvidence(s: MacFactSource): Evidence {
  return { source: s.file, ...(s.line ? { line: s.line } : {}), ...(s.text ? { text: s.text } : {}) };
}

/** The file that names a fact, for a message. */
export function at(s: { file: string; line?: number }): string {
  return s.line ? `${s.file}:${s.line}` : s.file;
}

/** A Jamf flag read the way Jamf's scripts test it (`defaults read` prints 1): boolean true or the number 1. */
export function isOn(p: MacPref): boolean | null {
  if (p.type === 'boolean') return p.value === true;
  if (p.type === 'integer' || p.type === 'real') return p.value === 1;
  if (p.type === 'absent') return false;
  return null;
}

/**
 * Is the Mac registered with Entra through Platform SSO or the SSO extension (a Secure Enclave key)? true when
 * getPSSOStatus names a device id or says 2, or `app-sso platform -s` says registrationCompleted; false when
 * they say not registered; null when neither was collected.
 */
export function ssoRegistration(s: MacSettings | null): { registered: boolean; source: MacFactSource } | null {
  if (!s) return null;
  const p = s.pssoStatus;
  const a = s.appSso;
  if (p && (p.deviceId || p.code === 2)) return { registered: true, source: p };
  if (a?.registrationCompleted === true) return { registered: true, source: a };
  if (a?.registrationCompleted === false) return { registered: false, source: a };
  if (p && (p.code === 0 || p.code === 1)) return { registered: false, source: p };
  return null;
}

/** Is the Mac registered with Platform SSO itself (not only the SSO extension)? Same shape as ssoRegistration. */
export function pssoRegistration(s: MacSettings | null): { registered: boolean; source: MacFactSource } | null {
  if (!s) return null;
  const p = s.pssoStatus;
  const a = s.appSso;
  if (a?.registrationCompleted === true) return { registered: true, source: a };
  if (p?.code === 2) return { registered: true, source: p };
  if (a?.registrationCompleted === false) return { registered: false, source: a };
  if (p && (p.code === 0 || p.code === 1)) return { registered: false, source: p };
  return null;
}

/** `macs/…` has no such file: could not check this Mac. */
export function noFacts<M extends MessageMap>(ctx: CheckContext<M>, item: MacSettingsItem, what: string): void {
  ctx.unknown(`${item.ev.key}: ${what} not among the files of ${item.ev.root}`, item.subject);
}

/** A Jamf Pro version (`11.8.1-t1712345678`, `11.9.0`) as numbers, or null when it is not one. */
export function jamfVersion(v: string | null | undefined): number[] | null {
  const m = /^\s*(\d+)\.(\d+)(?:\.(\d+))?/.exec(v ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

export function versionBelow(v: number[], than: readonly number[]): boolean {
  for (let i = 0; i < than.length; i++) {
    const a = v[i] ?? 0;
    const b = than[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}
