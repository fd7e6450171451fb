/**
 * Columns of one page of a large dataset (Intune managedDevices, Entra devices, Jamf computers-inventory, users),
 * as the byte scanner produces them from a page file without building the JSON objects. Every array here is a
 * typed array (or a small string list), so a page moves between threads by transfer, not by cloning.
 *
 * The values are exactly those of the compact records of records.ts (the object path): a page's columns, turned
 * back into records, deep-equal `reduce(JSON.parse(page))` record by record.
 *
 * Conventions, for record i of a page of n records:
 * - StrRef: `ref[2i]` is the byte offset of the value in `heap`, `ref[2i+1]` its byte length, -1 for null. Values
 *   are UTF-8 with the JSON escapes decoded. As records.ts' `s()` does, an empty string is null, except for the
 *   required ids (`id`), which keep '' as length 0.
 * - EnumCol: an index into the page's `dict`, -1 for null (records.ts' `k()`: '' is null too).
 * - Dates: epoch milliseconds (records.ts' `toMillis`), NaN for null.
 * - Bools: 1 true, 0 false, -1 null or absent.
 * - KeyRef: the join key of a value, normalised as keys.ts does (normSerial, normDeviceId, normUdid, normUser, or
 *   lower-cased for user ids), as a StrRef into `heap` (-1 when the key is null), plus `hash[i]` =
 *   hashBytes(heap, start, length) (0 when null).
 */

export type StrRef = Int32Array;
export type EnumCol = Int32Array;

export interface KeyRef {
  ref: Int32Array;
  hash: Int32Array;
  /**
   * The keys' numbers in the native key dictionary of the Keys the page was scanned for (native/scan.cc), -1 for
   * null; only on pages the native scanner read with those dictionaries (columns.ts KeyDict maps them to ids).
   */
  nid?: Int32Array;
}

interface PageBase {
  /** Records in the page. */
  n: number;
  heap: Uint8Array;
  /** Page-local dictionary of the enum columns (shared by all of them). */
  dict: string[];
}

export interface IntunePage extends PageBase {
  kind: 'managedDevices';
  id: StrRef;
  deviceName: StrRef;
  serialNumber: StrRef;
  azureADDeviceId: StrRef;
  /** `userPrincipalName`, or `emailAddress` when the UPN is null or empty (records.ts). */
  userPrincipalName: StrRef;
  userId: StrRef;
  udid: StrRef;
  managementAgent: EnumCol;
  complianceState: EnumCol;
  deviceRegistrationState: EnumCol;
  operatingSystem: EnumCol;
  osVersion: EnumCol;
  lastSyncDateTime: Float64Array;
  enrolledDateTime: Float64Array;
  /** normSerial(serialNumber) */
  serialKey: KeyRef;
  /** normDeviceId(azureADDeviceId) */
  deviceIdKey: KeyRef;
  /** normUdid(udid) */
  udidKey: KeyRef;
  /** normUser(userPrincipalName) (after the emailAddress fallback) */
  userKey: KeyRef;
}

export interface EntraPage extends PageBase {
  kind: 'devices';
  id: StrRef;
  deviceId: StrRef;
  displayName: StrRef;
  operatingSystem: EnumCol;
  managementType: EnumCol;
  trustType: EnumCol;
  accountEnabled: Int8Array;
  isCompliant: Int8Array;
  isManaged: Int8Array;
  approximateLastSignInDateTime: Float64Array;
  registrationDateTime: Float64Array;
  /** normDeviceId(deviceId) */
  deviceIdKey: KeyRef;
}

/** The `localUserAccounts` of a page's computers, one row per account, in record order. */
export interface AccountRows {
  n: number;
  username: StrRef;
  computerAzureActiveDirectoryId: StrRef;
  userAzureActiveDirectoryId: StrRef;
  azureActiveDirectoryId: EnumCol;
  /** normDeviceId(computerAzureActiveDirectoryId) */
  deviceIdKey: KeyRef;
  /** userAzureActiveDirectoryId lower-cased (the users' id key), -1 when null */
  userIdKey: KeyRef;
}

export interface JamfPage extends PageBase {
  kind: 'computers';
  /** String ids as given; numeric ids as String(number). */
  id: StrRef;
  udid: StrRef;
  /** general.name */
  name: StrRef;
  /** hardware.serialNumber */
  serialNumber: StrRef;
  /** userAndLocation.* */
  username: StrRef;
  email: StrRef;
  realname: StrRef;
  /** general.remoteManagement.managed */
  managed: Int8Array;
  /** general.lastContactTime ?? general.lastCheckIn */
  lastCheckIn: Float64Array;
  /** general.lastContact */
  lastContact: Float64Array;
  /** general.reportDate */
  reportDate: Float64Array;
  /** operatingSystem.version */
  osVersion: EnumCol;
  /** 1 when localUserAccounts is an array (possibly empty), 0 when it is null or absent. */
  hasAccounts: Int8Array;
  /** Record i's accounts are rows accountStart[i] .. accountStart[i+1]-1 of `accounts` (length n + 1). */
  accountStart: Int32Array;
  accounts: AccountRows;
  /** normSerial(serialNumber) */
  serialKey: KeyRef;
  /** normUdid(udid) */
  udidKey: KeyRef;
  /** normUser(email) */
  userKey: KeyRef;
}

export interface UserPage extends PageBase {
  kind: 'users';
  id: StrRef;
  userPrincipalName: StrRef;
  mail: StrRef;
  displayName: StrRef;
  accountEnabled: Int8Array;
  /** 1 when assignedPlans is an array, 0 when null or absent (records.ts `hasPlans`). */
  hasPlans: Int8Array;
  /**
   * The enabled plans (records.ts `enabledPlans`: the lower-cased servicePlanIds of the plans whose
   * capabilityStatus is Enabled, case-insensitively, unique, sorted) as one dict entry: the ids joined by ','
   * ('' for none). Never -1. A page where a plan id contains ',' is not scanned (null).
   */
  plans: EnumCol;
  /** id lower-cased */
  idKey: KeyRef;
  /** normUser(userPrincipalName) */
  upnKey: KeyRef;
  /** normUser(mail) */
  mailKey: KeyRef;
}

export type Page = IntunePage | EntraPage | JamfPage | UserPage;

/** FNV-1a, 32 bits, over bytes [start, start + length) — the hash of every KeyRef. */
export function hashBytes(bytes: Uint8Array, start: number, length: number): number {
  let h = 0x811c9dc5;
  const end = start + length;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h | 0;
}

/** The buffers of a page, for postMessage's transfer list. */
export function transferList(page: Page): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const walk = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) out.add(v.buffer as ArrayBuffer);
    else if (v && typeof v === 'object' && !Array.isArray(v)) for (const x of Object.values(v)) walk(x);
  };
  walk(page);
  return [...out];
}
