/**
 * Device Compliance problems the generator injects (issue 13 §2), kept apart from sim/tenant.ts: the records are
 * changed in their public wire shapes only (Graph complianceManagementPartner, conditionalAccessPolicy, group
 * transitiveMembers, device, managedDevice; Jamf Pro device-compliance-information), after the healthy tenant is
 * built. The generator calls `injectDeviceCompliance` once, at the end; it never knows a check.
 */
import type { Rng } from '../rng.js';
import type { SimComputer, SimTenant, TruthEntry } from '../tenant.js';

type Json = Record<string, unknown>;
type Level = 'mac' | 'user' | 'tenant';
type ModeName = 'legacy' | 'device-compliance';

/** The problems of this file, with the modes they exist in and where they land (merged into INJECTABLE). */
export const DEVICE_COMPLIANCE_INJECTABLE: Record<string, { modes: readonly ModeName[]; level: Level }> = {
  'entra-app/registration-blocked-baseline-scopes': { modes: ['device-compliance'], level: 'tenant' },
  'connector/other-macos-compliance-partner': { modes: ['device-compliance'], level: 'tenant' },
  'compliance/user-outside-partner-scope': { modes: ['device-compliance'], level: 'mac' },
  'compliance/entra-state-never-set': { modes: ['device-compliance'], level: 'mac' },
  'compliance/jamf-inventory-stale': { modes: ['device-compliance'], level: 'mac' },
  // Injected only on a Jamf Pro older than 11.9 (newer ones follow the new Entra device).
  'compliance/reported-to-old-entra-device': { modes: ['device-compliance'], level: 'mac' },
  // A Mac enrolled in Intune by hand exists in both integrations (in Device Compliance, Intune then ignores
  // Jamf Pro's compliance: Microsoft Learn, third-party compliance partners).
  'intune/enrolled-outside-jamf': { modes: ['legacy', 'device-compliance'], level: 'mac' },
};

/** Microsoft enforces baseline scopes from this day (MC1223829; Learn: concept-enforcement-resource-exclusions). */
const BASELINE_SCOPES_ENFORCED = Date.UTC(2026, 5, 15);
const DAY = 86_400_000;

/**
 * The applications of the healthy tenant's "require a compliant device" policy. It protects chosen resources
 * (Office 365), not all resources: a policy for all resources must exclude the registration app (Microsoft's
 * Device Compliance guide), and since 2026-06-15 any exclusion there brings the baseline-scopes enforcement.
 * With the registration app not excluded (injected): all resources, nothing excluded.
 */
export function registrationPolicyApplications(excluded: boolean): Json {
  return excluded
    ? { includeApplications: ['Office365'], excludeApplications: [] }
    : { includeApplications: ['All'], excludeApplications: [] };
}

export interface DeviceComplianceContext {
  tenant: SimTenant;
  rng: Rng;
  now: number;
  mode: ModeName;
  /** Tenant-level problems asked for. */
  wanted: ReadonlySet<string>;
  /** Mac-level problems chosen by the generator: Mac index → check id. */
  macProblems: ReadonlyMap<number, string>;
  /** The Macs, by index: serial, Jamf id, Entra device id, name, user index. */
  plans: ReadonlyArray<{
    serial: string;
    name: string;
    jamfId: string;
    deviceId: string;
    udid: string;
    userIndex: number;
  }>;
  /** The group assigned to the Jamf compliance partner. */
  macUsersGroup: string;
  registrationApp: string;
  truth: TruthEntry[];
}

export function injectDeviceCompliance(x: DeviceComplianceContext): void {
  const { tenant, rng, now, wanted } = x;
  const g = tenant.graph;
  const dc = x.mode === 'device-compliance' && g.complianceManagementPartners.length > 0;

  if (dc && wanted.has('entra-app/registration-blocked-baseline-scopes') && now >= BASELINE_SCOPES_ENFORCED) {
    // All resources, a compliant device, the registration app excluded: since the enforcement, that exclusion no
    // longer exempts the registration sign-in.
    const id = rng.guid();
    g.conditionalAccessPolicies.push({
      id,
      displayName: 'All resources: require compliant Mac',
      state: 'enabled',
      conditions: {
        applications: { includeApplications: ['All'], excludeApplications: [x.registrationApp] },
        users: { includeUsers: [], includeGroups: [x.macUsersGroup] },
        platforms: { includePlatforms: ['macOS'], excludePlatforms: [] },
      },
      grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] },
    });
    x.truth.push({
      checkId: 'entra-app/registration-blocked-baseline-scopes',
      subject: { kind: 'policy', id },
      note: 'all resources with the registration app excluded, after 2026-06-15',
    });
  }

  if (dc && wanted.has('connector/other-macos-compliance-partner')) {
    const id = rng.guid();
    g.complianceManagementPartners.push({
      '@odata.type': '#microsoft.graph.complianceManagementPartner',
      id,
      displayName: rng.pick(['Kandji', 'Addigy', 'Fleet']),
      partnerState: 'enabled',
      lastHeartbeatDateTime: new Date(now - rng.int(1, 50) * 60_000).toISOString(),
      macOsOnboarded: true,
      iosOnboarded: false,
      androidOnboarded: false,
      macOsEnrollmentAssignments: [
        { target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: x.macUsersGroup } },
      ],
      iosEnrollmentAssignments: [],
      androidEnrollmentAssignments: [],
    });
    x.truth.push({
      checkId: 'connector/other-macos-compliance-partner',
      subject: { kind: 'partner', id },
      note: 'another vendor onboarded for macOS',
    });
  }

  const computerOf = new Map<string, SimComputer>(tenant.jamf.computers.map((c) => [c.id, c]));
  let excluded: Json[] | undefined;
  for (const [idx, problem] of x.macProblems) {
    const p = x.plans[idx]!;
    if (problem === 'compliance/user-outside-partner-scope') {
      const userId = String(g.users[p.userIndex]?.id ?? '');
      const jamf = g.complianceManagementPartners[0]!;
      const targets = jamf.macOsEnrollmentAssignments as Array<{ target: Json }>;
      if (targets.some((t) => t.target['@odata.type'] === '#microsoft.graph.allLicensedUsersAssignmentTarget')) {
        // Assigned to all users: the user is put in a group excluded from the assignment.
        excluded ??= addExclusionGroup(x, targets);
        excluded.push({ '@odata.type': '#microsoft.graph.user', id: userId });
      } else {
        // The user who registered the Mac is not a member of the group assigned to the partner.
        const grp = g.groups.get(x.macUsersGroup);
        if (grp) grp.members = grp.members.filter((m) => m.id !== userId);
      }
    } else if (problem === 'compliance/entra-state-never-set') {
      // The Mac left the Applicable smart group: Jamf Pro sends nothing, the Entra device never gets a state.
      const e = g.devices.find((d) => d.deviceId === p.deviceId);
      if (e) {
        e.isCompliant = null;
        e.registrationDateTime = new Date(now - rng.int(2, 30) * DAY).toISOString();
      }
      const c = computerOf.get(p.jamfId);
      if (c) {
        c.compliance = [
          {
            deviceId: p.jamfId,
            applicable: false,
            complianceState: 'UNKNOWN',
            complianceVendor: 'Microsoft Intune',
            complianceVendorDeviceInformation: [{ deviceIds: [p.deviceId] }],
          },
        ];
      }
    } else if (problem === 'compliance/jamf-inventory-stale') {
      // The Mac stopped sending inventory (it still checks in): after two days it left Microsoft's sample
      // Compliance group ("Last Inventory Update less than 2 days ago"), Jamf Pro says NON_COMPLIANT and so does Entra.
      const c = computerOf.get(p.jamfId);
      if (c) {
        c.reportDate = now - rng.int(3 * 24, 20 * 24) * 3_600_000;
        c.compliance = c.compliance.map((i) => ({ ...i, complianceState: 'NON_COMPLIANT' }));
      }
      const e = g.devices.find((d) => d.deviceId === p.deviceId);
      if (e) e.isCompliant = false;
    } else if (problem === 'compliance/reported-to-old-entra-device') {
      if (!olderThan119(tenant.jamf.version)) {
        // Jamf Pro 11.9+ would follow the new device: nothing to inject, nothing to find.
        const at = x.truth.findIndex((t) => t.checkId === problem && t.subject.id === p.serial);
        if (at >= 0) x.truth.splice(at, 1);
        continue;
      }
      // A Platform SSO registration created a new Entra device of the Mac; Jamf Pro still knows the old one.
      const old = g.devices.find((d) => d.deviceId === p.deviceId);
      const registered = Math.max(Date.parse(String(old?.registrationDateTime ?? '')) || 0, now - 20 * DAY);
      g.devices.push({
        id: rng.guid(),
        deviceId: rng.guid(),
        displayName: p.name,
        operatingSystem: 'macOS',
        operatingSystemVersion: String(old?.operatingSystemVersion ?? '15.6.1'),
        accountEnabled: true,
        isCompliant: null,
        isManaged: false,
        managementType: null,
        trustType: 'Workplace',
        approximateLastSignInDateTime: new Date(now - rng.int(1, 11) * 3_600_000).toISOString(),
        registrationDateTime: new Date(registered + rng.int(1, 19) * DAY).toISOString(),
      });
      // Two Entra devices of one name: the duplicate check names the Mac too.
      x.truth.push({
        checkId: 'entra/duplicate-device-records',
        subject: { kind: 'mac', id: p.serial },
        note: 'a Platform SSO registration left a second Entra device',
      });
    } else if (problem === 'intune/enrolled-outside-jamf' && x.mode === 'device-compliance') {
      // Enrolled in Intune with Company Portal although Jamf manages it (the legacy generator does this inline).
      const u = g.users[p.userIndex] ?? {};
      const c = computerOf.get(p.jamfId);
      g.managedDevices.push({
        id: rng.guid(),
        deviceName: p.name,
        serialNumber: p.serial,
        azureADDeviceId: p.deviceId,
        managementAgent: 'mdm',
        complianceState: 'compliant',
        deviceRegistrationState: 'registered',
        lastSyncDateTime: new Date(now - rng.int(1, 48) * 3_600_000).toISOString(),
        enrolledDateTime: new Date(now - rng.int(5, 90) * DAY).toISOString(),
        userPrincipalName: u.userPrincipalName ?? null,
        emailAddress: u.userPrincipalName ?? null,
        userId: u.id ?? null,
        operatingSystem: 'macOS',
        osVersion: c?.osVersion ?? '15.6.1',
        udid: p.udid,
        managementState: 'managed',
        managedDeviceOwnerType: 'company',
        model: 'MacBook Pro',
        manufacturer: 'Apple',
      });
    }
  }
}

/** A group excluded from the Jamf partner's macOS assignment; returns its member list to fill. */
function addExclusionGroup(x: DeviceComplianceContext, targets: Array<{ target: Json }>): Json[] {
  const id = x.rng.guid();
  const members: Json[] = [];
  x.tenant.graph.groups.set(id, {
    group: {
      id,
      displayName: 'Excluded from Jamf compliance',
      groupTypes: [],
      membershipRule: null,
      securityEnabled: true,
    },
    members,
  });
  targets.push({ target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: id } });
  return members;
}

function olderThan119(version: string): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m !== null && (Number(m[1]) < 11 || (Number(m[1]) === 11 && Number(m[2]) < 9));
}
