import type { FleetIndex } from './join.js';
import type { EntraNames } from './names.js';
import type { Tables } from './tables.js';
import type { MacView, UsersOfMacs, UserView } from './views.js';

/** The joined fleet: compact records (only what the checks need) and the Macs they make up. */

export type Millis = number | null;

export type DatasetStatus = 'complete' | 'partial' | 'forbidden' | 'failed' | 'skipped' | 'missing';

export interface DatasetState {
  /** Logical dataset id (see datasets.ts). */
  id: string;
  /** Path inside the snapshot it was read from, when there was one. */
  path: string | null;
  status: DatasetStatus;
  records: number;
  /** For forbidden: the permissions to grant. */
  needs?: string[];
  httpStatus?: number;
  code?: string;
  error?: string;
  expected?: number;
  /** One object of a `{id}` family (a group, its members, one computer's compliance information). */
  instance?: boolean;
}

export interface IntuneDevice {
  id: string;
  deviceName: string | null;
  serialNumber: string | null;
  azureADDeviceId: string | null;
  managementAgent: string | null;
  complianceState: string | null;
  deviceRegistrationState: string | null;
  lastSyncDateTime: Millis;
  enrolledDateTime: Millis;
  userPrincipalName: string | null;
  userId: string | null;
  operatingSystem: string | null;
  osVersion: string | null;
  udid: string | null;
}

export interface EntraDevice {
  id: string;
  deviceId: string | null;
  displayName: string | null;
  operatingSystem: string | null;
  accountEnabled: boolean | null;
  isCompliant: boolean | null;
  isManaged: boolean | null;
  managementType: string | null;
  trustType: string | null;
  approximateLastSignInDateTime: Millis;
  registrationDateTime: Millis;
}

export interface JamfLocalAccount {
  username: string | null;
  computerAzureActiveDirectoryId: string | null;
  userAzureActiveDirectoryId: string | null;
  /** ACTIVATED | DEACTIVATED | UNRESPONSIVE | UNKNOWN */
  azureActiveDirectoryId: string | null;
}

export interface JamfComputer {
  id: string;
  udid: string | null;
  name: string | null;
  serialNumber: string | null;
  managed: boolean | null;
  /** v1–v3 `general.lastContactTime`, v4 `general.lastCheckIn`. */
  lastCheckIn: Millis;
  /** v4 `general.lastContact` (any channel). */
  lastContact: Millis;
  reportDate: Millis;
  username: string | null;
  email: string | null;
  realname: string | null;
  /** null when the LOCAL_USER_ACCOUNTS section was not returned. */
  localUserAccounts: JamfLocalAccount[] | null;
  osVersion: string | null;
  /** Which Jamf Pro API version the record came from (1–4). */
  apiVersion: number;
}

export interface JamfComplianceInfo {
  computerId: string;
  applicable: boolean | null;
  complianceState: string | null;
  deviceIds: string[];
}

/** A configuration profile installed on a Jamf computer (inventory section CONFIGURATION_PROFILES). */
export interface JamfInstalledProfile {
  /** The Jamf Pro id of the profile (a macOS configuration profile's id), when Jamf Pro gives one. */
  id: string | null;
  displayName: string | null;
  profileIdentifier: string | null;
}

/** An application of a Jamf computer (inventory section APPLICATIONS). */
export interface JamfApplication {
  name: string | null;
  bundleId: string | null;
  version: string | null;
}

/** A `com.apple.extensiblesso` payload (Extensible Single Sign-On) of a configuration profile. */
export interface SsoExtensionPayload {
  extensionIdentifier: string | null;
  teamIdentifier: string | null;
  /** `Type`: Redirect or Credential. */
  type: string | null;
  /** The payload carries a `PlatformSSO` dictionary (Platform SSO). */
  platformSso: boolean;
}

/** A Jamf Pro macOS configuration profile (Classic `osxconfigurationprofiles/id/{id}`), reduced to what is checked. */
export interface MacosProfile {
  id: string;
  name: string | null;
  /** `general.uuid` (Jamf uses it as the profile's identifier on the Mac). */
  uuid: string | null;
  /** The property list's top-level PayloadIdentifier. */
  payloadIdentifier: string | null;
  /** Its com.apple.extensiblesso payloads (empty when it has none). */
  ssoPayloads: SsoExtensionPayload[];
  /** Why its payloads could not be read (null when they were): no `general.payloads`, or not a property list. */
  unreadable: string | null;
}

export interface AssignmentTarget {
  type: string;
  groupId: string | null;
}

export interface LegacyPartner {
  id: string;
  displayName: string | null;
  isConfigured: boolean | null;
  partnerState: string | null;
  partnerAppType: string | null;
  singleTenantAppId: string | null;
  lastHeartbeatDateTime: Millis;
  whenPartnerDevicesWillBeRemovedDateTime: Millis;
  whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime: Millis;
}

export interface CompliancePartner {
  id: string;
  displayName: string | null;
  partnerState: string | null;
  lastHeartbeatDateTime: Millis;
  macOsOnboarded: boolean | null;
  macOsEnrollmentAssignments: AssignmentTarget[];
}

export interface CompliancePolicy {
  id: string;
  odataType: string | null;
  displayName: string | null;
  /** null when the policy was read without `$expand=assignments`. */
  assignments: AssignmentTarget[] | null;
}

export interface Group {
  id: string;
  displayName: string | null;
  groupTypes: string[];
  membershipRule: string | null;
  /** null when the members were not collected; otherwise the `@odata.type` of each member. */
  memberTypes: string[] | null;
  /** The members' object ids (lower-cased), in the order of memberTypes; null when the members were not collected. */
  memberIds: string[] | null;
  membersStatus: DatasetStatus;
}

export interface Credential {
  keyId: string | null;
  displayName: string | null;
  kind: 'secret' | 'certificate';
  endDateTime: Millis;
}

export interface Application {
  id: string;
  appId: string;
  displayName: string | null;
  requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string | null }> }>;
  credentials: Credential[];
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string | null;
  accountEnabled: boolean | null;
  appOwnerOrganizationId: string | null;
  appRoles: Array<{ id: string; value: string | null }>;
  /** null when `servicePrincipals/{id}/appRoleAssignments` was not collected. */
  appRoleAssignments: Array<{ appRoleId: string; resourceId: string }> | null;
  appRoleAssignmentsStatus: DatasetStatus;
}

export interface PermissionGrant {
  clientId: string;
  consentType: string | null;
  resourceId: string;
  scope: string | null;
}

export interface User {
  id: string;
  userPrincipalName: string | null;
  mail: string | null;
  displayName: string | null;
  accountEnabled: boolean | null;
  /** servicePlanIds whose capabilityStatus is Enabled. */
  enabledPlans: readonly string[];
  /** null when assignedPlans was not returned. */
  hasPlans: boolean;
}

export interface Sku {
  skuId: string;
  skuPartNumber: string | null;
  capabilityStatus: string | null;
  servicePlanIds: string[];
}

export interface ConditionalAccessPolicy {
  id: string;
  displayName: string | null;
  state: string | null;
  includeApplications: string[];
  excludeApplications: string[];
  /** Empty when the policy has no platform condition (it applies to every platform). */
  includePlatforms: string[];
  excludePlatforms: string[];
  /** `AND` or `OR` between the grant controls. */
  grantOperator: string | null;
  builtInControls: string[];
}

export interface NetworkProbeResult {
  host: string;
  port: number;
  purpose: string;
  resolved: boolean;
  tls: boolean | null;
  error: string | null;
}

/** One physical Mac, joined across Jamf Pro, Intune and Entra. */
export interface Mac {
  /** Subject id: the serial (trimmed, upper-cased) or `jamf:<id>` / `intune:<id>` / `entra:<deviceId>`. */
  key: string;
  serial: string | null;
  name: string | null;
  jamf: JamfComputer[];
  intune: IntuneDevice[];
  entra: EntraDevice[];
  /** Entra device ids this Mac points to (Intune azureADDeviceId, Jamf computerAzureActiveDirectoryId). */
  deviceIds: string[];
  /** Users of this Mac, lower-cased UPN or e-mail. */
  userKeys: string[];
  jamfCompliance: JamfComplianceInfo[];
  /** Evidence from the Mac's own files (snapshot `macs/{serial}/`), when collected. */
  logs?: MacLogEvidence;
}

export type IntegrationMode = 'legacy' | 'device-compliance' | 'both' | 'none' | 'unknown';

/**
 * Where the tenant stands in the move from the legacy macOS Intune integration to Jamf Device Compliance
 * (docs/user-guide.md "Integration mode"): L legacy only, B both on, C migrated and draining (the legacy connector
 * is terminated and Intune removes its records on a future date), D migrated with residue (removal date past or not
 * reported, or the legacy entry gone while its records remain), E clean Device Compliance, F legacy ended with
 * nothing replacing it, G Device Compliance half set up.
 */
export type MigrationState = 'L' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';
export const MIGRATION_STATES: readonly MigrationState[] = ['L', 'B', 'C', 'D', 'E', 'F', 'G'];

export interface ModeDetection {
  detected: IntegrationMode;
  why: string;
  /** The migration state; null when none applies (no Jamf integration ever set up) or the data cannot tell. */
  state?: MigrationState | null;
  /**
   * When Intune removes the terminated legacy connector's Macs (`whenPartnerDevicesWillBeRemovedDateTime`), for
   * C and D; null when not reported.
   */
  legacyRemoval?: Millis;
  /**
   * Intune Mac records with managementAgent jamf left by the terminated legacy connector: kept out of the joined
   * fleet (no device check sees them) and listed here by `connector/legacy-leftovers`.
   */
  leftovers?: number;
}

export interface Tenant {
  id: string | null;
  name: string | null;
}

export interface Fleet {
  asOf: number;
  tenant: Tenant;
  datasets: Map<string, DatasetState>;
  mode: ModeDetection;
  /** The fleet as columns: read through the views (eachMac), never directly outside src/model/. */
  index: FleetIndex;
  /**
   * Every Mac, in Mac order, as a view over the columns (model/views.ts): `for (const mac of fleet.eachMac())`.
   * What a check that looks at every Mac reads: nothing is built per Mac.
   */
  eachMac(): MacView;
  /** The users of the Macs with the Macs each uses, for the pairs `include` keeps (FleetViews.macsByUser). */
  macsByUser(include: (mac: MacView, user: UserView) => boolean): UsersOfMacs;
  /** The last Entra macOS device (joined to a Mac or not) with this normalised device id, as a record. */
  entraMacDevice(deviceId: string): EntraDevice | undefined;
  /** Entra macOS devices that share a name with exactly one Jamf computer (model/names.ts), built on first use. */
  entraNames(): EntraNames;
  /** Every Mac as an object, built on first use: for small consumers (fix plans, the logs checks, tests). */
  readonly macs: Mac[];
  /** All Entra macOS devices (joined or not), for name-based duplicate detection. */
  readonly entraMacDevices: EntraDevice[];
  /** Intune records that are not Macs are dropped; this counts them. */
  ignoredNonMac: { intune: number; entra: number };
  /** Intune records of the terminated legacy connector (see ModeDetection.leftovers), outside the joined fleet. */
  readonly legacyLeftovers: IntuneDevice[];
  readonly usersByKey: Map<string, User>;
  readonly usersById: Map<string, User>;
  legacyPartners: LegacyPartner[];
  compliancePartners: CompliancePartner[];
  compliancePolicies: CompliancePolicy[];
  groups: Map<string, Group>;
  applications: Application[];
  servicePrincipals: ServicePrincipal[];
  permissionGrants: PermissionGrant[];
  skus: Sku[];
  conditionalAccessPolicies: ConditionalAccessPolicy[];
  /** The Jamf Pro macOS configuration profiles collected (Classic API), with their SSO extension payloads. */
  macosProfiles: MacosProfile[];
  jamf: { version: string | null; checkInFrequency: number | null };
  network: NetworkProbeResult[] | null;
  /** Log evidence of every Mac folder, joined to `macs` by serial or not (then `mac` is null). */
  macLogs: Array<{ evidence: MacLogEvidence; mac: Mac | null }>;
}

/** What a collector or the snapshot reader hands to `buildFleet`: compact records plus dataset states. */
export interface Collected {
  asOf: number;
  /** Where the clock came from: the manifest's collectedAt, --as-of, or the newest file time. */
  asOfSource: 'manifest' | 'as-of' | 'file-time' | 'now';
  /**
   * What the report must say about the input as a whole: a collection that did not finish, a manifest that the
   * data contradicts (snapshot/reader.ts). Absent when there is nothing to say.
   */
  warnings?: string[];
  tenant: Tenant;
  jamfUrl: string | null;
  jamfVersion: string | null;
  checkInFrequency: number | null;
  datasets: Map<string, DatasetState>;
  managedDevices: IntuneDevice[];
  devices: EntraDevice[];
  computers: JamfComputer[];
  jamfCompliance: JamfComplianceInfo[];
  legacyPartners: LegacyPartner[];
  compliancePartners: CompliancePartner[];
  compliancePolicies: CompliancePolicy[];
  groups: Map<string, Group>;
  applications: Application[];
  /** Installed profiles per Jamf computer id (CONFIGURATION_PROFILES, read only for some computers). */
  jamfInstalledProfiles?: Map<string, JamfInstalledProfile[]>;
  /** Applications per Jamf computer id (APPLICATIONS, read only for some computers). */
  jamfApplications?: Map<string, JamfApplication[]>;
  /** Jamf Pro macOS configuration profiles read (Classic API). */
  macosProfiles?: MacosProfile[];
  servicePrincipals: ServicePrincipal[];
  permissionGrants: PermissionGrant[];
  users: User[];
  skus: Sku[];
  conditionalAccessPolicies: ConditionalAccessPolicy[];
  network: NetworkProbeResult[] | null;
  /** Parsed files of `macs/{serial}/` (dataset `macs`). */
  macLogs?: MacLogEvidence[];
  /**
   * The four large datasets as column tables, when the snapshot reader built them directly; the four record lists
   * above are then views of them, built on first use (assigning one drops the tables). Without it, buildFleet
   * makes the tables from the lists.
   */
  tables?: Tables;
}

/** One line of a Mac's log, as evidence. */
export interface LogLine {
  /** Path inside the snapshot (or as given), with `!entry` for a zip entry. */
  file: string;
  line: number;
  time: Millis;
  /** The line, trimmed and cut to a few hundred characters. */
  text: string;
}

/** The lines of one file that matched one signature: how many, the first and the last. */
export interface LogHitGroup {
  signature: string;
  checkId: string;
  kind: 'problem' | 'event';
  file: string;
  family: string;
  count: number;
  first: LogLine;
  last: LogLine;
}

export interface LogFileInfo {
  file: string;
  family: string;
  /** The variant of the family (e.g. compact, syslog, ndjson; tab, pipe, space). */
  format: string;
  lines: number;
  bytes: number;
  /** Time of the last record (the end of the log), when the format has times. */
  lastTime: Millis;
}

export interface LogProblem {
  file: string;
  /** One line: what was wrong and what was done (refused, skipped, unreadable). */
  message: string;
  /** true when evidence may be missing because of it (unreadable archive, refused entry, truncated file). */
  incomplete: boolean;
}

/** The registration events of a Mac, newest of each. */
export interface RegistrationTimeline {
  lastCheckIn: LogLine | null;
  lastCheckInError: LogLine | null;
  lastTokenAcquired: LogLine | null;
  lastPortalLaunch: (LogLine & { how: 'self-service' | 'direct' }) | null;
  /** End of jamf.log (its last record), for the check-in age. */
  jamfLogEnd: LogLine | null;
}

/** Everything the Mac's files tell, compact (no file content beyond the evidence lines). */
export interface MacLogEvidence {
  /** Normalised serial, from the folder name or the files (system report, ioreg, our collector). */
  serial: string | null;
  /** Host name seen in the files (jamf.log, ODC archive name). */
  host: string | null;
  /** Subject id: the serial, else `host:<name>`, else the folder or file name. */
  key: string;
  /** The folder or file the evidence was read from (`macs/<serial>` in a snapshot). */
  root: string;
  files: LogFileInfo[];
  hits: LogHitGroup[];
  timeline: RegistrationTimeline;
  problems: LogProblem[];
  /** The Mac's registration settings (property lists, Platform SSO and profile status), when its files hold any. */
  settings?: MacSettings;
}

/** The type of a preference value as macOS names it (`defaults read-type`; `float` is `real`). */
export type PrefType = 'boolean' | 'integer' | 'real' | 'string' | 'date' | 'data' | 'array' | 'dictionary';

/** One preference key of a Mac, as read from its property list or from `defaults`. */
export interface MacPref {
  /** `absent`: the file was read and the key is not in it. */
  type: PrefType | 'absent';
  /** The scalar value (a date as ISO text); null when absent or a collection. */
  value: string | number | boolean | null;
  /** Where it was read (a plist file, or the collector's `mac-settings.txt` with its line). */
  file: string;
  line?: number;
}

/**
 * The preference domains jidoctor reads: `jamf` = /Library/Preferences/com.jamfsoftware.jamf.plist, `jamfAAD` =
 * ~/Library/Preferences/com.jamf.management.jamfAAD.plist (the console user's), `jamfAADManaged` = the managed
 * preferences of com.jamf.management.jamfAAD (/Library/Managed Preferences/).
 */
export type MacPrefDomain = 'jamf' | 'jamfAAD' | 'jamfAADManaged';

/** Something seen on the Mac at a file (and line). */
export interface MacFactSource {
  file: string;
  line?: number;
  text?: string;
}

/** What the Mac's own files say about its registration (src/logs/mac-settings.ts). */
export interface MacSettings {
  /** Keys by domain; a domain or key that is not here was not read (could not check). */
  prefs: Partial<Record<MacPrefDomain, Record<string, MacPref>>>;
  /** Jamf's Device Compliance migrator LaunchAgent and staging folder: true present, false looked and absent. */
  migrator: { launchAgent: boolean | null; staging: boolean | null; source: MacFactSource } | null;
  /** `Jamf Conditional Access getPSSOStatus`: the status code (first line) and the Entra device id it names. */
  pssoStatus: (MacFactSource & { code: number | null; deviceId: string | null }) | null;
  /** `app-sso platform -s`: `registrationCompleted`. */
  appSso: (MacFactSource & { registrationCompleted: boolean | null }) | null;
  /** `profiles show -type configuration`: whether a Microsoft Enterprise SSO extension payload is installed. */
  profiles: (MacFactSource & { ssoExtension: boolean }) | null;
}
