/**
 * The simulated tenant: the records Microsoft Graph and Jamf Pro would hold, in their public wire shapes, and a
 * seeded generator that builds a healthy fleet and then injects problems of the catalogue (docs/checks.md) on
 * chosen Macs or tenant settings. The generator describes what it injected as (check id, subject) pairs: the
 * ground truth, kept apart from the data the simulator serves. It never imports a check.
 */
import { Rng } from './rng.js';
import {
  DEVICE_COMPLIANCE_INJECTABLE,
  injectDeviceCompliance,
  registrationPolicyApplications,
} from './scenarios/device-compliance.js';
import { installProfilesApps, PROFILES_APPS_INJECTABLE } from './scenarios/profiles-apps.js';

export type Mode = 'legacy' | 'device-compliance';

/**
 * Where the simulated tenant stands in the move from the legacy macOS Intune integration to Jamf Device Compliance
 * (the states of research device-compliance.md §2.2, as the public Graph data shows them): L legacy only, B both on,
 * C migrated and draining (legacy partner terminated, removal date ahead, its Macs' Intune records stale), D migrated
 * with residue (removal date passed, or the legacy entry gone, some records left), E clean Device Compliance, F legacy
 * ended with nothing replacing it, G Device Compliance half set up (macOS not onboarded).
 */
export type MigrationState = 'L' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';
export const MIGRATION_STATES: readonly MigrationState[] = ['L', 'B', 'C', 'D', 'E', 'F', 'G'];

/** The problems' mode and the connectors of each migration state. */
export function migrationPlan(state: MigrationState): { mode: Mode; integration: 'single' | 'none' | 'both' } {
  if (state === 'L') return { mode: 'legacy', integration: 'single' };
  if (state === 'B') return { mode: 'legacy', integration: 'both' };
  if (state === 'F') return { mode: 'device-compliance', integration: 'none' };
  return { mode: 'device-compliance', integration: 'single' };
}

type Json = Record<string, unknown>;

/** A Jamf computer in a version-neutral form; the Jamf app renders it as v1–v4 would. */
export interface SimComputer {
  id: string;
  udid: string;
  name: string;
  serial: string;
  managed: boolean;
  /** Last check-in (ms). */
  lastCheckIn: number;
  /** Last contact on any channel (ms). */
  lastContact: number;
  reportDate: number;
  username: string;
  email: string;
  realname: string;
  osVersion: string;
  accounts: Array<{
    username: string;
    computerAzureActiveDirectoryId: string | null;
    userAzureActiveDirectoryId: string | null;
    azureActiveDirectoryId: string;
  }>;
  /** Device compliance information (device-compliance mode), or [] when not in any compliance integration. */
  compliance: Json[];
  /** Values of computer extension attributes, by definition id (written through the API; none at first). */
  extensionAttributes?: Record<string, string[]>;
  /** Installed configuration profiles (inventory CONFIGURATION_PROFILES); none when absent. */
  profiles?: Array<{ id: string | null; displayName: string; profileIdentifier: string; lastInstalled: number }>;
  /** Applications (inventory APPLICATIONS, the records as Jamf Pro returns them); Company Portal only when absent. */
  applications?: Array<Record<string, unknown>>;
}

/** A Jamf Pro macOS configuration profile (Classic API `osxconfigurationprofiles`). */
export interface SimProfile {
  id: string;
  name: string;
  uuid: string;
  /** The profile as an XML property list (`general.payloads`). */
  payloads: string;
}

/** A computer extension attribute definition (Jamf Pro API `/api/v1/computer-extension-attributes`). */
export interface SimExtensionAttribute {
  id: string;
  name: string;
  description: string;
  dataType: 'STRING' | 'INTEGER' | 'DATE_TIME';
  enabled: boolean;
  inventoryDisplayType: string;
  inputType: 'TEXT' | 'POPUP' | 'SCRIPT' | 'DIRECTORY_SERVICE_ATTRIBUTE_MAPPING';
}

export interface SimTenant {
  tenantId: string;
  tenantName: string;
  mode: Mode;
  now: number;
  graph: {
    managedDevices: Json[];
    devices: Json[];
    deviceManagementPartners: Json[];
    complianceManagementPartners: Json[];
    deviceCompliancePolicies: Json[];
    groups: Map<string, { group: Json; members: Json[] }>;
    applications: Json[];
    servicePrincipals: Json[];
    appRoleAssignments: Map<string, Json[]>;
    oauth2PermissionGrants: Json[];
    users: Json[];
    subscribedSkus: Json[];
    conditionalAccessPolicies: Json[];
    organization: Json[];
  };
  jamf: {
    version: string;
    checkInFrequency: number;
    computers: SimComputer[];
    /** Computer extension attribute definitions (none unless a scenario or a client creates them). */
    extensionAttributes?: SimExtensionAttribute[];
    /** macOS configuration profiles (Classic API). */
    profiles?: SimProfile[];
  };
}

/** One injected problem: the catalogue id and the subject the diagnosis must name. */
export interface TruthEntry {
  checkId: string;
  subject: { kind: string; id: string };
  /** What was done, for test messages. */
  note: string;
}

export interface GenerateOptions {
  seed: number;
  macs: number;
  mode: Mode;
  /** The clock the timings are relative to (ms). */
  now?: number;
  /** Catalogue ids to inject; default: every problem that applies to the mode. */
  problems?: readonly string[];
  /** How many Macs get each Mac-level problem (default 1). */
  perProblem?: number;
  jamfVersion?: string;
  checkInFrequency?: number;
  /**
   * The connectors: `single` (the mode's own, default), `none` (Device Compliance tenant whose Jamf partner was
   * never set up: no integration at all) or `both` (a legacy tenant that also onboarded Device Compliance for
   * macOS, a migration left half done).
   */
  integration?: 'single' | 'none' | 'both';
  /**
   * Devices that are not Macs (Windows PCs, then iPhones and Android phones) in Entra and, in legacy mode, Intune:
   * every device check must leave them out.
   */
  otherDevices?: number;
  /** Users without a Mac (a mixed tenant has many more people than Macs), licensed like the others. */
  extraUsers?: number;
  /**
   * Entra devices that no MDM manages (registered Windows PCs, iPhones and Android phones, BYOD): in Entra only,
   * never in Intune. A mixed tenant has many more Entra devices than Intune ones.
   */
  entraOnlyDevices?: number;
  /**
   * The migration state (overrides `mode` and `integration` with migrationPlan's). C, D and F add a stopped legacy
   * partner and its leftover Intune records; C and D may keep the legacy Entra apps (`legacyApps`).
   */
  migration?: MigrationState;
  /** C and D: keep the legacy Jamf Pro app registration and the Native macOS Connector (default: seeded choice). */
  legacyApps?: boolean;
}

export const WELL_KNOWN = {
  graphApp: '00000003-0000-0000-c000-000000000000',
  intuneApiApp: 'c161e42e-d4df-4a3d-9b42-e7a3c31f59d4',
  updateDeviceAttributes: '7b3c62c0-bbe4-4ceb-971b-ecc50a191b3e',
  graphDirectoryReadAll: '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  registrationApp: 'b03c10a8-71c7-45f9-b44a-3335ab76e970',
  planIntuneA: 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5',
  planAadPremium: '41781fb2-bc02-4b7c-bd55-b576c07bb09d',
  planExchange: '9aaf7827-d63c-4b61-89c3-182f06f82e5c',
} as const;

/** Problems the generator knows how to inject, with the modes they exist in and where they land. */
export const INJECTABLE: Record<string, { modes: readonly Mode[]; level: 'mac' | 'user' | 'tenant' }> = {
  'jamf/check-in-overdue': { modes: ['legacy', 'device-compliance'], level: 'mac' },
  'jamf/entra-registration-unresponsive': { modes: ['legacy', 'device-compliance'], level: 'mac' },
  'jamf/entra-registration-deactivated': { modes: ['legacy', 'device-compliance'], level: 'mac' },
  'intune/duplicate-device-records': { modes: ['legacy'], level: 'mac' },
  'entra/duplicate-device-records': { modes: ['legacy', 'device-compliance'], level: 'mac' },
  'intune/enrolled-outside-jamf': { modes: ['legacy'], level: 'mac' },
  'intune/jamf-mac-not-reported': { modes: ['legacy'], level: 'mac' },
  'compliance/intune-entra-mismatch': { modes: ['legacy'], level: 'mac' },
  'compliance/jamf-entra-mismatch': { modes: ['device-compliance'], level: 'mac' },
  'licenses/intune-missing': { modes: ['legacy', 'device-compliance'], level: 'user' },
  'licenses/entra-p1-missing': { modes: ['legacy', 'device-compliance'], level: 'user' },
  'connector/legacy-partner-state': { modes: ['legacy'], level: 'tenant' },
  'connector/legacy-heartbeat-stale': { modes: ['legacy'], level: 'tenant' },
  'connector/device-compliance-partner-state': { modes: ['device-compliance'], level: 'tenant' },
  'connector/device-compliance-all-users': { modes: ['device-compliance'], level: 'tenant' },
  'entra-app/jamf-app-permissions': { modes: ['legacy'], level: 'tenant' },
  'entra-app/jamf-app-consent-missing': { modes: ['legacy'], level: 'tenant' },
  'entra-app/jamf-app-credential-expired': { modes: ['legacy'], level: 'tenant' },
  'entra-app/native-connector-missing': { modes: ['legacy'], level: 'tenant' },
  'entra-app/registration-app-not-excluded': { modes: ['device-compliance'], level: 'tenant' },
  'compliance/policy-targets-devices': { modes: ['legacy'], level: 'tenant' },
  // The Device Compliance problems of issue 13 (sim/scenarios/device-compliance.ts).
  ...DEVICE_COMPLIANCE_INJECTABLE,
  // Issue 13 rows 9 and 20: profiles and applications (sim/scenarios/profiles-apps.ts).
  ...PROFILES_APPS_INJECTABLE,
};

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const iso = (ms: number): string => new Date(ms).toISOString();
const FIRST = ['ada', 'alan', 'grace', 'linus', 'margaret', 'dennis', 'barbara', 'ken', 'radia', 'edsger', 'frances'];
const LAST = ['lovelace', 'turing', 'hopper', 'torvalds', 'hamilton', 'ritchie', 'liskov', 'thompson', 'perlman'];

interface MacPlan {
  serial: string;
  name: string;
  jamfId: string;
  udid: string;
  deviceId: string;
  entraObjectId: string;
  intuneId: string;
  userIndex: number;
}

/** Builds a seeded tenant and its ground truth. */
export function generateTenant(options: GenerateOptions): { tenant: SimTenant; truth: TruthEntry[] } {
  const opts: GenerateOptions = options.migration ? { ...options, ...migrationPlan(options.migration) } : options;
  const migration = options.migration;
  const rng = new Rng(opts.seed * 7919 + (opts.mode === 'legacy' ? 1 : 2));
  const now = opts.now ?? Date.now();
  const mode = opts.mode;
  const freq = opts.checkInFrequency ?? rng.pick([5, 15, 30, 60]);
  const tenantId = rng.guid();
  const domain = 'contoso.example';
  const truth: TruthEntry[] = [];
  const wanted = new Set(
    (opts.problems ?? Object.keys(INJECTABLE)).filter((id) => INJECTABLE[id]?.modes.includes(mode)),
  );
  const perProblem = opts.perProblem ?? 1;
  // G: a compliance partner not yet onboarded for macOS has no macOS assignment to get wrong.
  if (migration === 'G') wanted.delete('connector/device-compliance-all-users');

  // --- Migration: the stopped legacy connector (C, D, F) --------------------------------------------------------
  // Intune removes the legacy Macs 90 days after the termination (Microsoft Learn, "Disconnect Jamf Pro and
  // Intune"); Graph shows that date as whenPartnerDevicesWillBeRemovedDateTime.
  const ended = migration === 'C' || migration === 'D' || migration === 'F';
  let removal: number | null = null;
  let legacyEntry = ended;
  if (ended) {
    if (migration === 'C') removal = now + rng.int(2, 85) * DAY + rng.int(0, 23) * HOUR;
    else if (migration === 'D') {
      removal = now - rng.int(1, 60) * DAY - rng.int(0, 23) * HOUR;
      // The legacy entry may be gone after the 90 days (what Graph shows then is not documented).
      legacyEntry = rng.chance(0.7);
    } else removal = now + rng.int(-60, 85) * DAY + rng.int(1, 23) * HOUR;
  }
  const stoppedAt = removal === null ? null : removal - 90 * DAY;
  const legacyApps = ended && migration !== 'F' && (opts.legacyApps ?? rng.chance(0.5));

  // --- Users and licences -------------------------------------------------------------------------------------
  const users: Json[] = [];
  const userPlans: Array<Set<string>> = [];
  const n = opts.macs;
  for (let i = 0; i < n; i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const upn = `${first}.${last}${i}@${domain}`;
    userPlans.push(new Set([WELL_KNOWN.planIntuneA, WELL_KNOWN.planAadPremium, WELL_KNOWN.planExchange]));
    users.push({
      id: rng.guid(),
      userPrincipalName: upn,
      mail: upn,
      displayName: `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)}`,
      accountEnabled: true,
    });
  }

  // --- Macs ---------------------------------------------------------------------------------------------------
  const plans: MacPlan[] = [];
  const serials = new Set<string>();
  for (let i = 0; i < n; i++) {
    let serial = rng.serial();
    while (serials.has(serial)) serial = rng.serial();
    serials.add(serial);
    plans.push({
      serial,
      name: `MAC-${String(i + 1).padStart(5, '0')}`,
      jamfId: String(100 + i),
      udid: rng.guid().toUpperCase(),
      deviceId: rng.guid(),
      entraObjectId: rng.guid(),
      intuneId: rng.guid(),
      userIndex: i,
    });
  }

  // Choose distinct Macs (and users) for each Mac-level and user-level problem.
  const order = rng.shuffle(plans.map((_, i) => i));
  let cursor = 0;
  const macProblems = new Map<number, string>();
  const userProblems = new Map<number, string>();
  // The problems of profiles-apps.ts take their Macs last, so that the others land where they did before them.
  const last = (id: string) => (id in PROFILES_APPS_INJECTABLE ? 1 : 0);
  for (const id of [...wanted].sort((a, b) => last(a) - last(b) || (a < b ? -1 : a > b ? 1 : 0))) {
    const level = INJECTABLE[id]!.level;
    if (level === 'tenant') continue;
    for (let k = 0; k < perProblem && cursor < order.length; k++) {
      const idx = order[cursor++]!;
      if (level === 'mac') macProblems.set(idx, id);
      else userProblems.set(idx, id);
    }
  }

  const computers: SimComputer[] = [];
  const managedDevices: Json[] = [];
  let leftovers = 0;
  const devices: Json[] = [];
  for (let i = 0; i < n; i++) {
    const p = plans[i]!;
    const u = users[p.userIndex]!;
    const problem = macProblems.get(i);
    const upn = String(u.userPrincipalName);
    const osVersion = rng.pick(['14.7.1', '15.6.1', '15.7', '26.1']);
    // Healthy timings: a check-in within the last check-in interval; inventory within a day; Entra token
    // refreshed within 12 hours, so the registration stays ACTIVATED.
    let lastCheckIn = now - rng.int(0, freq * 60) * 1000 - 30_000;
    if (problem === 'jamf/check-in-overdue') lastCheckIn = now - rng.int(25, 24 * 20) * HOUR;
    const lastContact = lastCheckIn + rng.int(0, 120) * 1000 > now ? lastCheckIn : lastCheckIn + rng.int(0, 120) * 1000;
    const reportDate = Math.min(lastCheckIn, now - rng.int(1, 20) * HOUR);
    let aadState = 'ACTIVATED';
    let computerAad: string | null = p.deviceId;
    let userAad: string | null = String(u.id);
    if (problem === 'jamf/entra-registration-unresponsive') aadState = 'UNRESPONSIVE';
    if (problem === 'jamf/entra-registration-deactivated') {
      aadState = 'DEACTIVATED';
      computerAad = null;
      userAad = null;
    }
    const username = upn.split('@')[0]!.replace(/\d+$/, '').replace('.', '');
    const accounts: SimComputer['accounts'] = [
      {
        username,
        computerAzureActiveDirectoryId: computerAad,
        userAzureActiveDirectoryId: userAad,
        azureActiveDirectoryId: aadState,
      },
    ];
    if (rng.chance(0.3)) {
      // A local admin account that never registered: does not change the Mac's registration state.
      accounts.push({
        username: 'localadmin',
        computerAzureActiveDirectoryId: null,
        userAzureActiveDirectoryId: null,
        azureActiveDirectoryId: aadState === 'DEACTIVATED' ? 'DEACTIVATED' : 'DEACTIVATED',
      });
    }
    const registered = aadState !== 'DEACTIVATED';
    computers.push({
      id: p.jamfId,
      udid: p.udid,
      name: p.name,
      serial: p.serial,
      managed: true,
      lastCheckIn,
      lastContact,
      reportDate,
      username,
      email: upn,
      realname: String(u.displayName),
      osVersion,
      accounts,
      compliance:
        (mode === 'device-compliance' || opts.integration === 'both') && registered
          ? [
              {
                deviceId: p.jamfId,
                applicable: true,
                complianceState: 'COMPLIANT',
                complianceVendor: 'Microsoft Intune',
                complianceVendorDeviceInformation: [{ deviceIds: [p.deviceId] }],
              },
            ]
          : [],
    });

    const registeredAt = now - rng.int(30, 600) * DAY;
    if (registered) {
      devices.push({
        id: p.entraObjectId,
        deviceId: p.deviceId,
        displayName: p.name,
        operatingSystem: mode === 'legacy' ? 'MacMDM' : 'macOS',
        operatingSystemVersion: osVersion,
        accountEnabled: true,
        // Compliance that never reached the Entra device: Intune's (legacy) or Jamf Pro's (Device Compliance).
        // G: macOS not onboarded, so Jamf Pro has sent no compliance yet.
        isCompliant:
          migration === 'G'
            ? null
            : problem !== 'compliance/intune-entra-mismatch' && problem !== 'compliance/jamf-entra-mismatch',
        isManaged: true,
        managementType: mode === 'legacy' ? 'jamf' : null,
        trustType: 'Workplace',
        // Healthy: the Entra token was refreshed within 12 hours. UNRESPONSIVE: not for 24 hours or more (the
        // refresh token lasts 7 days, so the sign-in is between one and seven days old).
        approximateLastSignInDateTime: iso(
          problem === 'jamf/entra-registration-unresponsive'
            ? now - rng.int(25, 7 * 24) * HOUR
            : now - rng.int(1, 11) * HOUR,
        ),
        registrationDateTime: iso(registeredAt),
      });
    }
    if (problem === 'entra/duplicate-device-records') {
      // An older registration of the same Mac under a new device id (the Mac was re-registered).
      devices.push({
        id: rng.guid(),
        deviceId: rng.guid(),
        displayName: p.name,
        operatingSystem: 'macOS',
        operatingSystemVersion: osVersion,
        accountEnabled: true,
        isCompliant: null,
        isManaged: false,
        managementType: null,
        trustType: 'Workplace',
        approximateLastSignInDateTime: iso(registeredAt - rng.int(2, 60) * DAY),
        registrationDateTime: iso(registeredAt - rng.int(61, 200) * DAY),
      });
    }
    if (ended && stoppedAt !== null && registered && (migration !== 'D' || leftovers === 0 || rng.chance(0.3))) {
      // The Mac's record from the legacy integration: last synced before the connector stopped.
      managedDevices.push(
        intuneRecord(p, upn, String(u.id), osVersion, {
          id: p.intuneId,
          managementAgent: 'jamf',
          complianceState: rng.pick(['compliant', 'compliant', 'noncompliant']),
          lastSyncDateTime: iso(stoppedAt - rng.int(1, 30 * 24) * HOUR),
          enrolledDateTime: iso(registeredAt + 5 * MIN),
        }),
      );
      leftovers++;
    }
    if (mode === 'legacy' && registered && problem !== 'intune/jamf-mac-not-reported') {
      const lastSync = Math.min(now - rng.int(1, 50) * MIN, lastCheckIn + rng.int(0, 60) * MIN);
      managedDevices.push(
        intuneRecord(p, upn, String(u.id), osVersion, {
          id: p.intuneId,
          managementAgent: problem === 'intune/enrolled-outside-jamf' ? 'mdm' : 'jamf',
          complianceState: 'compliant',
          lastSyncDateTime: iso(lastSync),
          enrolledDateTime: iso(registeredAt + 5 * MIN),
        }),
      );
      if (problem === 'intune/duplicate-device-records') {
        managedDevices.push(
          intuneRecord(p, upn, String(u.id), osVersion, {
            id: rng.guid(),
            managementAgent: 'jamf',
            complianceState: 'noncompliant',
            lastSyncDateTime: iso(lastSync - rng.int(2, 90) * DAY),
            enrolledDateTime: iso(registeredAt - rng.int(91, 300) * DAY),
          }),
        );
      }
    }
  }
  for (const [idx, id] of macProblems) {
    const p = plans[idx]!;
    truth.push({ checkId: id, subject: { kind: 'mac', id: p.serial }, note: `${id} on ${p.name}` });
  }
  for (const [idx, id] of userProblems) {
    const u = users[idx]!;
    const plan = id === 'licenses/intune-missing' ? WELL_KNOWN.planIntuneA : WELL_KNOWN.planAadPremium;
    userPlans[idx]!.delete(plan);
    truth.push({
      checkId: id,
      subject: { kind: 'user', id: String(u.userPrincipalName).toLowerCase() },
      note: `${id}: ${String(u.userPrincipalName)}`,
    });
  }
  for (let i = 0; i < n; i++) {
    users[i]!.assignedPlans = [...userPlans[i]!].map((servicePlanId) => ({
      assignedDateTime: iso(now - 400 * DAY),
      capabilityStatus: 'Enabled',
      service: servicePlanId === WELL_KNOWN.planIntuneA ? 'SCO' : 'AADPremiumService',
      servicePlanId,
    }));
  }

  // People without a Mac, from a generator of their own (the tenant's other records stay as they were).
  const other = new Rng(opts.seed * 104_729 + 17);
  for (let i = 0; i < (opts.extraUsers ?? 0); i++) {
    const first = other.pick(FIRST);
    const last = other.pick(LAST);
    const upn = `${first}.${last}.o${i}@${domain}`;
    users.push({
      id: other.guid(),
      userPrincipalName: upn,
      mail: upn,
      displayName: `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)}`,
      accountEnabled: true,
      assignedPlans: [WELL_KNOWN.planIntuneA, WELL_KNOWN.planAadPremium, WELL_KNOWN.planExchange].map(
        (servicePlanId) => ({
          assignedDateTime: iso(now - 400 * DAY),
          capabilityStatus: 'Enabled',
          service: servicePlanId === WELL_KNOWN.planIntuneA ? 'SCO' : 'AADPremiumService',
          servicePlanId,
        }),
      ),
    });
  }

  // Devices that are not Macs: every device check leaves them out. A mixed tenant has many: Windows PCs, iPhones
  // and Android phones, with the operatingSystem spellings Intune and Entra use for each.
  const KINDS = [
    { prefix: 'WIN', intune: 'Windows', entra: 'Windows', version: '10.0.26100', trust: 'AzureAd' },
    { prefix: 'IPH', intune: 'iOS', entra: 'iPhone', version: '18.6', trust: 'Workplace' },
    { prefix: 'AND', intune: 'Android', entra: 'AndroidForWork', version: '15.0', trust: 'Workplace' },
  ];
  for (let i = 0; i < (opts.otherDevices ?? 2); i++) {
    const deviceId = rng.guid();
    // The first few are always Windows PCs (the small tenants of the round-trip tests stay as they were).
    const kind = KINDS[i < 8 ? 0 : i % KINDS.length]!;
    const name = `${kind.prefix}-${String(i + 1).padStart(4, '0')}`;
    devices.push({
      id: rng.guid(),
      deviceId,
      displayName: name,
      operatingSystem: kind.entra,
      operatingSystemVersion: kind.version,
      accountEnabled: true,
      isCompliant: false,
      isManaged: true,
      managementType: 'mdm',
      trustType: kind.trust,
      approximateLastSignInDateTime: iso(now - 40 * DAY),
      registrationDateTime: iso(now - 400 * DAY),
    });
    if (mode === 'legacy') {
      managedDevices.push({
        id: rng.guid(),
        deviceName: name,
        serialNumber: rng.serial(),
        azureADDeviceId: deviceId,
        managementAgent: 'mdm',
        complianceState: 'compliant',
        deviceRegistrationState: 'registered',
        lastSyncDateTime: iso(now - 3 * DAY),
        enrolledDateTime: iso(now - 400 * DAY),
        userPrincipalName: users[0]?.userPrincipalName ?? null,
        userId: users[0]?.id ?? null,
        operatingSystem: kind.intune,
        osVersion: kind.version,
        udid: null,
      });
    }
  }

  // Entra devices no MDM manages (registered, not enrolled), from a generator of their own so that the tenant's
  // other records stay as they were: in Entra only, with the operatingSystem spellings Entra writes for each.
  const registeredOnly = new Rng(opts.seed * 15_485_863 + 29);
  const REGISTERED = [
    { prefix: 'RWIN', entra: 'Windows', version: '10.0.22631', trust: 'Workplace' },
    { prefix: 'RIPH', entra: 'iOS', version: '18.5', trust: 'Workplace' },
    { prefix: 'RAND', entra: 'Android', version: '14.0', trust: 'Workplace' },
  ];
  for (let i = 0; i < (opts.entraOnlyDevices ?? 0); i++) {
    const kind = REGISTERED[i % REGISTERED.length]!;
    devices.push({
      id: registeredOnly.guid(),
      deviceId: registeredOnly.guid(),
      displayName: `${kind.prefix}-${String(i + 1).padStart(6, '0')}`,
      operatingSystem: kind.entra,
      operatingSystemVersion: kind.version,
      accountEnabled: true,
      isCompliant: null,
      isManaged: false,
      managementType: null,
      trustType: kind.trust,
      approximateLastSignInDateTime: iso(now - registeredOnly.int(1, 90) * DAY),
      registrationDateTime: iso(now - registeredOnly.int(91, 900) * DAY),
    });
  }

  // --- Groups -------------------------------------------------------------------------------------------------
  const groups = new Map<string, { group: Json; members: Json[] }>();
  const macUsersGroup = rng.guid();
  groups.set(macUsersGroup, {
    group: {
      id: macUsersGroup,
      displayName: 'Mac users',
      groupTypes: [],
      membershipRule: null,
      securityEnabled: true,
    },
    // The people with a Mac (the users without one are not in it).
    members: users.slice(0, n).map((u) => ({ '@odata.type': '#microsoft.graph.user', id: u.id })),
  });

  // --- Applications and service principals ------------------------------------------------------------------
  const applications: Json[] = [];
  const servicePrincipals: Json[] = [];
  const appRoleAssignments = new Map<string, Json[]>();
  const graphSp = {
    id: rng.guid(),
    appId: WELL_KNOWN.graphApp,
    displayName: 'Microsoft Graph',
    accountEnabled: true,
    appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    appRoles: [
      { id: WELL_KNOWN.graphDirectoryReadAll, value: 'Directory.Read.All', displayName: 'Read directory data' },
    ],
  };
  const intuneSp = {
    id: rng.guid(),
    appId: WELL_KNOWN.intuneApiApp,
    displayName: 'Microsoft Intune API',
    accountEnabled: true,
    appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    appRoles: [
      {
        id: WELL_KNOWN.updateDeviceAttributes,
        value: 'update_device_attributes',
        displayName: 'Send device attributes to Microsoft Intune',
      },
    ],
  };
  servicePrincipals.push(graphSp, intuneSp);
  const jamfAppId = rng.guid();
  const tenantProblem = (id: string): boolean => wanted.has(id);

  // --- Connectors ---------------------------------------------------------------------------------------------
  const deviceManagementPartners: Json[] = [];
  const complianceManagementPartners: Json[] = [];
  const conditionalAccessPolicies: Json[] = [];
  const deviceCompliancePolicies: Json[] = [];
  const tenantTruth = (checkId: string, kind: string, id: string, note: string): void => {
    truth.push({ checkId, subject: { kind, id }, note });
  };

  if (mode === 'legacy') {
    const partnerId = rng.guid();
    const state = tenantProblem('connector/legacy-partner-state') ? 'unresponsive' : 'enabled';
    const heartbeat = tenantProblem('connector/legacy-heartbeat-stale')
      ? now - rng.int(30, 200) * HOUR
      : now - rng.int(1, 50) * MIN;
    deviceManagementPartners.push({
      '@odata.type': '#microsoft.graph.deviceManagementPartner',
      id: partnerId,
      displayName: 'Jamf',
      isConfigured: true,
      partnerState: state,
      partnerAppType: 'singleTenantApp',
      singleTenantAppId: jamfAppId,
      lastHeartbeatDateTime: iso(heartbeat),
      whenPartnerDevicesWillBeRemovedDateTime: null,
      whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime: null,
      groupsRequiringPartnerEnrollment: [
        { target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: macUsersGroup } },
      ],
    });
    if (state !== 'enabled') tenantTruth('connector/legacy-partner-state', 'partner', partnerId, `partner ${state}`);
    else if (tenantProblem('connector/legacy-heartbeat-stale'))
      tenantTruth('connector/legacy-heartbeat-stale', 'partner', partnerId, 'heartbeat older than 24 h');
    // Microsoft ended support for the legacy integration: reported whenever it is in use.
    tenantTruth('connector/legacy-integration-retired', 'partner', partnerId, 'legacy integration in use');

    // The Jamf Pro app registration (manual connection) and its service principal.
    const requiredResourceAccess: Json[] = [
      {
        resourceAppId: WELL_KNOWN.intuneApiApp,
        resourceAccess: [{ id: WELL_KNOWN.updateDeviceAttributes, type: 'Role' }],
      },
    ];
    if (tenantProblem('entra-app/jamf-app-permissions')) {
      requiredResourceAccess.push({
        resourceAppId: WELL_KNOWN.graphApp,
        resourceAccess: [{ id: WELL_KNOWN.graphDirectoryReadAll, type: 'Role' }],
      });
      tenantTruth('entra-app/jamf-app-permissions', 'application', jamfAppId, 'extra Graph Directory.Read.All');
    }
    const expired = tenantProblem('entra-app/jamf-app-credential-expired');
    applications.push({
      id: rng.guid(),
      appId: jamfAppId,
      displayName: 'Jamf Pro',
      requiredResourceAccess,
      passwordCredentials: [
        {
          keyId: rng.guid(),
          displayName: 'jamf',
          startDateTime: iso(now - 400 * DAY),
          endDateTime: iso(expired ? now - rng.int(1, 60) * DAY : now + rng.int(120, 700) * DAY),
        },
      ],
      keyCredentials: [],
    });
    if (expired) tenantTruth('entra-app/jamf-app-credential-expired', 'application', jamfAppId, 'secret expired');
    const jamfSpId = rng.guid();
    servicePrincipals.push({
      id: jamfSpId,
      appId: jamfAppId,
      displayName: 'Jamf Pro',
      accountEnabled: true,
      appOwnerOrganizationId: tenantId,
      appRoles: [],
    });
    const grants: Json[] = [];
    if (!tenantProblem('entra-app/jamf-app-consent-missing')) {
      grants.push(assignment(rng, jamfSpId, intuneSp.id, WELL_KNOWN.updateDeviceAttributes, 'Microsoft Intune API'));
    } else {
      tenantTruth('entra-app/jamf-app-consent-missing', 'application', jamfAppId, 'no admin consent');
    }
    if (tenantProblem('entra-app/jamf-app-permissions')) {
      grants.push(assignment(rng, jamfSpId, graphSp.id, WELL_KNOWN.graphDirectoryReadAll, 'Microsoft Graph'));
    }
    appRoleAssignments.set(jamfSpId, grants);
    if (!tenantProblem('entra-app/native-connector-missing')) {
      const nativeId = rng.guid();
      servicePrincipals.push({
        id: nativeId,
        appId: rng.guid(),
        displayName: 'Jamf Native macOS Connector',
        accountEnabled: true,
        appOwnerOrganizationId: rng.guid(),
        appRoles: [],
      });
      appRoleAssignments.set(nativeId, []);
    } else {
      tenantTruth('entra-app/native-connector-missing', 'tenant', tenantId, 'no Jamf Native macOS Connector');
    }

    // A macOS compliance policy assigned to the Mac users group (and, injected, to all devices).
    const policyId = rng.guid();
    const assignments: Json[] = [
      {
        id: `${policyId}_${macUsersGroup}`,
        target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: macUsersGroup },
      },
    ];
    if (tenantProblem('compliance/policy-targets-devices')) {
      assignments.push({
        id: `${policyId}_adadadad`,
        target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' },
      });
      tenantTruth('compliance/policy-targets-devices', 'policy', policyId, 'assigned to all devices');
    }
    deviceCompliancePolicies.push({
      '@odata.type': '#microsoft.graph.macOSCompliancePolicy',
      id: policyId,
      displayName: 'macOS baseline (Jamf)',
      osMinimumVersion: '14.0',
      storageRequireEncryption: true,
      assignments,
    });
  }
  if (ended) {
    const partnerId = rng.guid();
    if (legacyEntry) {
      deviceManagementPartners.push({
        '@odata.type': '#microsoft.graph.deviceManagementPartner',
        id: partnerId,
        displayName: 'Jamf',
        isConfigured: true,
        partnerState:
          migration === 'C' ? 'terminated' : rng.pick(['terminated', 'terminated', 'unavailable', 'rejected']),
        partnerAppType: 'singleTenantApp',
        singleTenantAppId: jamfAppId,
        lastHeartbeatDateTime: iso((stoppedAt ?? now) - rng.int(1, 120) * MIN),
        whenPartnerDevicesWillBeRemovedDateTime: removal === null ? null : iso(removal),
        whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime: null,
        groupsRequiringPartnerEnrollment: [],
      });
    }
    if (migration !== 'F' && leftovers > 0) {
      const draining = legacyEntry && removal !== null && removal > now;
      tenantTruth(
        'connector/legacy-leftovers',
        'tenant',
        tenantId,
        `${leftovers} legacy records ${draining ? 'draining' : 'remaining'}`,
      );
    }
    if (legacyApps) {
      applications.push({
        id: rng.guid(),
        appId: jamfAppId,
        displayName: 'Jamf Pro',
        requiredResourceAccess: [
          {
            resourceAppId: WELL_KNOWN.intuneApiApp,
            resourceAccess: [{ id: WELL_KNOWN.updateDeviceAttributes, type: 'Role' }],
          },
        ],
        passwordCredentials: [
          {
            keyId: rng.guid(),
            displayName: 'jamf',
            startDateTime: iso(now - 400 * DAY),
            endDateTime: iso(now + rng.int(-30, 300) * DAY),
          },
        ],
        keyCredentials: [],
      });
      tenantTruth('connector/legacy-leftovers', 'application', jamfAppId, 'legacy Jamf Pro app left');
      const nativeId = rng.guid();
      servicePrincipals.push({
        id: nativeId,
        appId: rng.guid(),
        displayName: 'Jamf Native macOS Connector',
        accountEnabled: true,
        appOwnerOrganizationId: rng.guid(),
        appRoles: [],
      });
      tenantTruth('connector/legacy-leftovers', 'servicePrincipal', nativeId, 'Native macOS Connector left');
    }
  }
  if (mode === 'device-compliance' && opts.integration === 'none') {
    tenantTruth('connector/no-integration', 'tenant', tenantId, 'no Jamf connector in either partner list');
  }
  if (
    (mode === 'device-compliance' && opts.integration !== 'none') ||
    (mode === 'legacy' && opts.integration === 'both')
  ) {
    const partnerId = rng.guid();
    const halfSetUp = migration === 'G';
    const state = halfSetUp
      ? 'unknown'
      : tenantProblem('connector/device-compliance-partner-state')
        ? 'unresponsive'
        : 'enabled';
    const allUsers = tenantProblem('connector/device-compliance-all-users');
    complianceManagementPartners.push({
      '@odata.type': '#microsoft.graph.complianceManagementPartner',
      id: partnerId,
      displayName: 'Jamf Device Compliance',
      partnerState: state,
      lastHeartbeatDateTime: iso(now - rng.int(1, 50) * MIN),
      // G: the Jamf wizard was not confirmed, so macOS is not onboarded yet.
      macOsOnboarded: !halfSetUp,
      iosOnboarded: false,
      androidOnboarded: false,
      macOsEnrollmentAssignments: halfSetUp
        ? []
        : [
            {
              target: allUsers
                ? { '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget' }
                : { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: macUsersGroup },
            },
          ],
      iosEnrollmentAssignments: [],
      androidEnrollmentAssignments: [],
    });
    if (state !== 'enabled')
      tenantTruth('connector/device-compliance-partner-state', 'partner', partnerId, `partner ${state}`);
    if (allUsers) tenantTruth('connector/device-compliance-all-users', 'partner', partnerId, 'all users');

    const ccAppId = rng.guid();
    applications.push({
      id: rng.guid(),
      appId: ccAppId,
      displayName: 'Cloud Connector for Device Compliance',
      requiredResourceAccess: [],
      passwordCredentials: [],
      keyCredentials: [],
    });
    servicePrincipals.push(
      {
        id: rng.guid(),
        appId: ccAppId,
        displayName: 'Cloud Connector for Device Compliance',
        accountEnabled: true,
        appOwnerOrganizationId: rng.guid(),
        appRoles: [],
      },
      {
        id: rng.guid(),
        appId: WELL_KNOWN.registrationApp,
        displayName: 'User registration app for Device Compliance',
        accountEnabled: true,
        appOwnerOrganizationId: rng.guid(),
        appRoles: [],
      },
    );
    const caId = rng.guid();
    const excluded = !tenantProblem('entra-app/registration-app-not-excluded');
    conditionalAccessPolicies.push({
      id: caId,
      displayName: 'Require compliant device',
      state: 'enabled',
      conditions: {
        applications: registrationPolicyApplications(excluded),
        users: { includeUsers: [], includeGroups: [macUsersGroup] },
        platforms: { includePlatforms: ['macOS'], excludePlatforms: [] },
      },
      grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] },
    });
    if (!excluded)
      tenantTruth('entra-app/registration-app-not-excluded', 'policy', caId, 'registration app not excluded');
    const legacyPartner = deviceManagementPartners[0];
    if (mode === 'legacy' && legacyPartner?.partnerState === 'enabled' && state === 'enabled') {
      tenantTruth(
        'connector/both-integrations',
        'partner',
        String(legacyPartner.id),
        'legacy on and Device Compliance onboarded',
      );
    }
  }

  // A CA policy that has nothing to do with Macs.
  conditionalAccessPolicies.push({
    id: rng.guid(),
    displayName: 'Block legacy authentication',
    state: 'enabled',
    conditions: {
      applications: { includeApplications: ['All'], excludeApplications: [] },
      users: { includeUsers: ['All'], includeGroups: [] },
      platforms: null,
    },
    grantControls: { operator: 'OR', builtInControls: ['block'] },
  });

  const tenant: SimTenant = {
    tenantId,
    tenantName: 'Contoso (simulated)',
    mode,
    now,
    graph: {
      managedDevices,
      devices,
      deviceManagementPartners,
      complianceManagementPartners,
      deviceCompliancePolicies,
      groups,
      applications,
      servicePrincipals,
      appRoleAssignments,
      oauth2PermissionGrants: [],
      users,
      subscribedSkus: [
        {
          skuId: 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e',
          skuPartNumber: 'EMS',
          capabilityStatus: 'Enabled',
          // Every user is licensed, those without a Mac too.
          consumedUnits: n + (opts.extraUsers ?? 0),
          prepaidUnits: { enabled: n + (opts.extraUsers ?? 0) + 10 },
          servicePlans: [
            { servicePlanId: WELL_KNOWN.planIntuneA, servicePlanName: 'INTUNE_A' },
            { servicePlanId: WELL_KNOWN.planAadPremium, servicePlanName: 'AAD_PREMIUM' },
          ],
        },
      ],
      conditionalAccessPolicies,
      organization: [{ id: tenantId, displayName: 'Contoso (simulated)' }],
    },
    jamf: {
      version: opts.jamfVersion ?? rng.pick(['11.12.0', '11.24.1', '11.31.0']),
      checkInFrequency: freq,
      computers,
    },
  };
  injectDeviceCompliance({
    tenant,
    rng,
    now,
    mode,
    wanted,
    macProblems,
    plans,
    macUsersGroup,
    registrationApp: WELL_KNOWN.registrationApp,
    truth,
  });
  installProfilesApps({ tenant, rng, now, macProblems, plans, truth });
  truth.sort((a, b) => (a.checkId + a.subject.id).localeCompare(b.checkId + b.subject.id));
  return { tenant, truth };
}

function intuneRecord(p: MacPlan, upn: string, userId: string, osVersion: string, extra: Json): Json {
  return {
    id: p.intuneId,
    deviceName: p.name,
    serialNumber: p.serial,
    azureADDeviceId: p.deviceId,
    deviceRegistrationState: 'registered',
    userPrincipalName: upn,
    emailAddress: upn,
    userId,
    operatingSystem: 'macOS',
    osVersion,
    udid: p.udid,
    managementState: 'managed',
    managedDeviceOwnerType: 'company',
    model: 'MacBook Pro',
    manufacturer: 'Apple',
    ...extra,
  };
}

function assignment(rng: Rng, principalId: string, resourceId: string, appRoleId: string, resourceName: string): Json {
  return {
    id: rng.guid(),
    appRoleId,
    principalId,
    principalType: 'ServicePrincipal',
    resourceId,
    resourceDisplayName: resourceName,
    createdDateTime: new Date(0).toISOString(),
  };
}
