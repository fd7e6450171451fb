import { dateField } from '../api/dates.js';
import type { KindName } from './kinds.js';

/**
 * Allocation-free validators that accept exactly what the wire schemas of src/api accept, for the large datasets.
 * The reader runs them first; when one says no, the zod schema parses the record and names the bad field, so the
 * error is the same either way (a test checks that the two agree on many mutated records).
 */

type Rec = Record<string, unknown>;
const isObj = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';
const bool = (v: unknown): boolean => v === undefined || v === null || typeof v === 'boolean';
const date = (v: unknown): boolean => dateField(v) !== undefined;
const optObj = (v: unknown): v is Rec | null | undefined => v === undefined || v === null || isObj(v);

function strs(r: Rec, keys: readonly string[]): boolean {
  for (const k of keys) if (!str(r[k])) return false;
  return true;
}

/** The string fields the validators check (the byte scanner validates the same list, scan.ts). */
export const MD_STRINGS = [
  'deviceName',
  'serialNumber',
  'azureADDeviceId',
  'managementAgent',
  'complianceState',
  'deviceRegistrationState',
  'userPrincipalName',
  'emailAddress',
  'userId',
  'operatingSystem',
  'osVersion',
  'udid',
  'managementState',
] as const;

function managedDevice(r: unknown): boolean {
  return (
    isObj(r) && typeof r.id === 'string' && strs(r, MD_STRINGS) && date(r.lastSyncDateTime) && date(r.enrolledDateTime)
  );
}

export const ENTRA_STRINGS = [
  'deviceId',
  'displayName',
  'operatingSystem',
  'operatingSystemVersion',
  'managementType',
  'trustType',
] as const;

function entraDevice(r: unknown): boolean {
  return (
    isObj(r) &&
    typeof r.id === 'string' &&
    strs(r, ENTRA_STRINGS) &&
    bool(r.accountEnabled) &&
    bool(r.isCompliant) &&
    bool(r.isManaged) &&
    date(r.approximateLastSignInDateTime) &&
    date(r.registrationDateTime)
  );
}

function user(r: unknown): boolean {
  if (
    !isObj(r) ||
    typeof r.id !== 'string' ||
    !strs(r, ['userPrincipalName', 'mail', 'displayName']) ||
    !bool(r.accountEnabled)
  ) {
    return false;
  }
  const plans = r.assignedPlans;
  if (plans === undefined || plans === null) return true;
  if (!Array.isArray(plans)) return false;
  for (const p of plans) {
    if (!isObj(p) || typeof p.servicePlanId !== 'string' || !str(p.capabilityStatus) || !str(p.service)) return false;
  }
  return true;
}

const ACCOUNT_STRINGS = [
  'username',
  'fullName',
  'userAccountType',
  'computerAzureActiveDirectoryId',
  'userAzureActiveDirectoryId',
  'azureActiveDirectoryId',
] as const;

function computer(r: unknown): boolean {
  if (!isObj(r)) return false;
  if (typeof r.id !== 'string' && typeof r.id !== 'number') return false;
  if (!str(r.udid)) return false;
  const g = r.general;
  if (!optObj(g)) return false;
  if (g) {
    if (!str(g.name) || !str(g.platform)) return false;
    if (
      !date(g.lastContactTime) ||
      !date(g.lastCheckIn) ||
      !date(g.lastContact) ||
      !date(g.reportDate) ||
      !date(g.lastEnrolledDate)
    ) {
      return false;
    }
    const rm = g.remoteManagement;
    if (!optObj(rm) || (rm && !bool(rm.managed))) return false;
    const mc = g.mdmCapable;
    if (!optObj(mc) || (mc && !bool(mc.capable))) return false;
  }
  const h = r.hardware;
  if (!optObj(h) || (h && !strs(h, ['serialNumber', 'model']))) return false;
  const os = r.operatingSystem;
  if (!optObj(os) || (os && !strs(os, ['name', 'version']))) return false;
  const ul = r.userAndLocation;
  if (!optObj(ul) || (ul && !strs(ul, ['username', 'realname', 'email']))) return false;
  const accounts = r.localUserAccounts;
  if (accounts !== undefined && accounts !== null) {
    if (!Array.isArray(accounts)) return false;
    for (const a of accounts) {
      if (!isObj(a) || !strs(a, ACCOUNT_STRINGS)) return false;
      if (!(a.uid === undefined || a.uid === null || typeof a.uid === 'string' || typeof a.uid === 'number'))
        return false;
    }
  }
  const apps = r.applications;
  if (apps !== undefined && apps !== null) {
    if (!Array.isArray(apps)) return false;
    for (const a of apps) if (!isObj(a) || !strs(a, ['name', 'bundleId', 'version'])) return false;
  }
  return true;
}

export const FAST: Record<KindName, (r: unknown) => boolean> = {
  managedDevices: managedDevice,
  devices: entraDevice,
  users: user,
  computers: computer,
};
