import { isoOf } from '../api/common.js';
import { DATASETS } from './datasets.js';
import { isMacOs } from './keys.js';
import type { Tables } from './tables.js';
import type { Collected, CompliancePartner, LegacyPartner, MigrationState, ModeDetection } from './types.js';

const JAMF = /jamf/i;
const DAY = 86_400_000;

/**
 * Days between the termination of the legacy connector and Intune's removal of its Macs: "Your organization's
 * macOS devices are removed from Intune in 90 days" / "after three months" (Microsoft Learn, "Disconnect Jamf Pro
 * and Intune"). That `whenPartnerDevicesWillBeRemovedDateTime` is exactly termination + 90 days is unverified:
 * it is used only to date the termination, and a wrong value can only move a record between "leftover" and
 * "synced after the termination" (the state's `why` says which estimate was used).
 */
export const LEGACY_REMOVAL_DAYS = 90;

export function jamfLegacyPartners(list: LegacyPartner[]): LegacyPartner[] {
  return list.filter((p) => JAMF.test(p.displayName ?? ''));
}

export function jamfCompliancePartners(list: CompliancePartner[]): CompliancePartner[] {
  return list.filter((p) => JAMF.test(p.displayName ?? ''));
}

const stateOf = (p: LegacyPartner): string => (p.partnerState ?? '').toLowerCase();

/** A legacy partner entry counts as set up when it is configured or has left the `unknown` state. */
export function isLegacyConfigured(p: LegacyPartner): boolean {
  return p.isConfigured === true || (p.partnerState != null && stateOf(p) !== 'unknown');
}

/** The legacy integration is active only while its entry is `enabled` or `unresponsive` (research §2.2). */
export function isLegacyActive(p: LegacyPartner): boolean {
  const s = stateOf(p);
  return s === 'enabled' || s === 'unresponsive';
}

/**
 * A legacy entry that was set up and has stopped: `terminated`, `unavailable` or `rejected`. Which of these a
 * leftover entry shows after the 90 days is not documented; an entry in `unknown` (or with no state) is not
 * taken as stopped, since it may never have been set up.
 */
export function isLegacyStopped(p: LegacyPartner): boolean {
  const s = stateOf(p);
  return s === 'terminated' || s === 'unavailable' || s === 'rejected';
}

/** Device Compliance is on for macOS when a Jamf compliance partner has `macOsOnboarded: true`. */
export function isDeviceComplianceOn(p: CompliancePartner): boolean {
  return p.macOsOnboarded === true;
}

/** The result of classifying the tenant: its mode and migration state, and the Intune rows left by the legacy connector. */
export interface Migration {
  mode: ModeDetection;
  /** Intune rows (table indexes) of leftover legacy records, ascending: kept out of the joined fleet. */
  leftovers: Int32Array;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * Classifies the tenant into an integration mode and a migration state (research device-compliance.md §2.2).
 *
 * Legacy is on when a Jamf `deviceManagementPartners` entry is `enabled`/`unresponsive`, or when Intune Mac records
 * with managementAgent jamf are still synced by it: a record counts as evidence only when it synced after the legacy
 * connector stopped (dated as removal date − 90 days), or when no Jamf legacy entry has stopped and Device
 * Compliance is not set up. Jamf records that are not evidence are the stopped connector's leftovers.
 *
 * Unknown values are guarded, never guessed:
 * - a stopped entry without `whenPartnerDevicesWillBeRemovedDateTime`: the termination cannot be dated, so every
 *   jamf record is a leftover (a terminated connector syncs nothing) and the state is D with the date "not reported",
 *   never C with an invented date;
 * - a jamf record without `lastSyncDateTime` under a stopped connector: a leftover, never evidence of activity;
 * - a legacy entry in `unknown` or with no `partnerState`: neither active nor stopped (it may never have been set
 *   up, or be a leftover after the 90 days): it makes no state by itself;
 * - a compliance partner without `macOsOnboarded`: not onboarded (state G), still mode device-compliance;
 * - partner lists not collected completely: mode `unknown` unless the data that was collected decides it, and then
 *   no state.
 */
export function classifyTenant(c: Collected, t: Tables): Migration {
  const legacyKnown = c.datasets.get(DATASETS.legacyPartners.id)?.status === 'complete';
  const dcKnown = c.datasets.get(DATASETS.compliancePartners.id)?.status === 'complete';
  const intuneKnown = c.datasets.get(DATASETS.managedDevices.id)?.status === 'complete';
  const reasons: string[] = [];

  const legacy = legacyKnown ? jamfLegacyPartners(c.legacyPartners) : [];
  const active = legacy.filter(isLegacyActive);
  const stopped = legacy.filter(isLegacyStopped);
  for (const p of legacy.filter(isLegacyConfigured)) {
    reasons.push(`deviceManagementPartners: ${p.displayName ?? 'Jamf'} ${p.partnerState ?? 'state unknown'}`);
  }
  const dc = dcKnown ? jamfCompliancePartners(c.compliancePartners) : [];
  for (const p of dc) {
    reasons.push(
      `complianceManagementPartners: ${p.displayName ?? 'Jamf'} ${p.partnerState ?? 'state unknown'}, macOS ${
        p.macOsOnboarded === true
          ? 'onboarded'
          : p.macOsOnboarded === false
            ? 'not onboarded'
            : 'onboarding not reported'
      }`,
    );
  }
  const dcPresent = dc.length > 0;
  const dcOn = dc.some(isDeviceComplianceOn);

  // When Intune removes the stopped connector's Macs: the latest date any stopped entry reports.
  let removal: number | null = null;
  for (const p of stopped) {
    const r = p.whenPartnerDevicesWillBeRemovedDateTime;
    if (r != null && Number.isFinite(r) && (removal === null || r > removal)) removal = r;
  }
  const stoppedAt = removal === null ? null : removal - LEGACY_REMOVAL_DAYS * DAY;

  // The tenant's Intune Mac records with managementAgent jamf, split into evidence (live) and leftovers.
  const rows = jamfMacRows(t);
  const lastSync = t.intune.dates.lastSyncDateTime;
  let live = 0;
  const left: number[] = [];
  for (const i of rows) {
    let isLive: boolean;
    if (!legacyKnown || active.length > 0) isLive = true;
    else if (stopped.length > 0) isLive = stoppedAt !== null && lastSync[i]! > stoppedAt;
    else isLive = !dcPresent;
    if (isLive) live++;
    else left.push(i);
  }
  if (live > 0) {
    reasons.push(
      stoppedAt !== null && active.length === 0
        ? `${live} managedDevices with managementAgent jamf synced after ${isoOf(stoppedAt)} (the legacy connector's removal date ${isoOf(removal)} − ${LEGACY_REMOVAL_DAYS} days)`
        : `${live} managedDevices with managementAgent jamf`,
    );
  }
  const legacyOn = active.length > 0 || live > 0;

  const done = (detected: ModeDetection['detected'], state: MigrationState | null, extra?: string): Migration => {
    const hidden = legacyOn ? [] : left;
    if (hidden.length > 0) {
      reasons.push(
        `${plural(hidden.length, 'Intune Mac record', 'Intune Mac records')} with managementAgent jamf left by the stopped legacy connector${
          stoppedAt !== null
            ? ` (no sync after ${isoOf(stoppedAt)}, the removal date ${isoOf(removal)} − ${LEGACY_REMOVAL_DAYS} days)`
            : ''
        }, kept out of the device checks`,
      );
    }
    if (extra) reasons.push(extra);
    const mode: ModeDetection = { detected, why: reasons.join('; '), state };
    if (state === 'C' || state === 'D') mode.legacyRemoval = removal;
    if (hidden.length > 0 || state === 'C' || state === 'D') mode.leftovers = hidden.length;
    return { mode, leftovers: Int32Array.from(hidden) };
  };

  if (legacyKnown && dcKnown) {
    if (legacyOn && dcPresent) return done('both', 'B');
    if (legacyOn) return done('legacy', 'L');
    if (dcPresent) {
      if (!dcOn) return done('device-compliance', 'G');
      if (stopped.length === 0 && left.length === 0) return done('device-compliance', 'E');
      if (removal !== null && removal > c.asOf) return done('device-compliance', 'C');
      return done(
        'device-compliance',
        'D',
        stopped.length === 0
          ? 'no stopped Jamf entry in deviceManagementPartners dates these records'
          : removal === null
            ? 'whenPartnerDevicesWillBeRemovedDateTime not reported'
            : undefined,
      );
    }
    if (stopped.length > 0) return done('none', 'F', 'no Jamf entry in complianceManagementPartners replaces it');
    // Set up (isConfigured, or a state other than unknown) but neither active nor stopped: the state is not
    // reported. The legacy checks say what is wrong with it; no migration state is claimed.
    if (legacy.some(isLegacyConfigured)) return done('legacy', null, 'the Jamf legacy entry reports no active state');
    return done(
      'none',
      null,
      `no Jamf entry configured in deviceManagementPartners or complianceManagementPartners${
        intuneKnown ? '; no managedDevices with managementAgent jamf' : ''
      }`,
    );
  }
  // A partner list was not collected completely: decide only what the collected data proves, and give no state.
  if (legacyOn && dcPresent) return done('both', null);
  if (legacyOn) {
    return done(
      'legacy',
      null,
      legacyKnown ? 'complianceManagementPartners not collected' : 'deviceManagementPartners not collected',
    );
  }
  if (dcPresent) return done('device-compliance', null, 'deviceManagementPartners not collected');
  const missing = [
    legacyKnown ? null : DATASETS.legacyPartners.id,
    dcKnown ? null : DATASETS.compliancePartners.id,
  ].filter(Boolean);
  return {
    mode: { detected: 'unknown', why: `cannot tell: ${missing.join(' and ')} not collected completely`, state: null },
    leftovers: new Int32Array(0),
  };
}

/** Intune rows that are Macs' (macOS, or no operating system and managementAgent jamf) with managementAgent jamf. */
function jamfMacRows(t: Tables): number[] {
  const out: number[] = [];
  const jamf = t.enums.find('jamf');
  if (jamf < 0) return out;
  const macOs = t.enums.flags((v) => isMacOs(v));
  const { managementAgent, operatingSystem } = t.intune.enums;
  for (let i = 0; i < t.intune.n; i++) {
    if (managementAgent[i] !== jamf) continue;
    const os = operatingSystem[i]!;
    if (os < 0 || macOs[os] === 1) out.push(i);
  }
  return out;
}
