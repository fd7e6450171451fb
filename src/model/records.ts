import { toMillis } from '../api/common.js';
import type {
  ApplicationWire,
  AppRoleAssignmentWire,
  ComplianceManagementPartnerWire,
  CompliancePolicyWire,
  ConditionalAccessPolicyWire,
  DeviceManagementPartnerWire,
  EntraDeviceWire,
  GroupWire,
  ManagedDeviceWire,
  OAuth2PermissionGrantWire,
  ServicePrincipalWire,
  SubscribedSkuWire,
  UserWire,
} from '../api/graph.js';
import type {
  ComputerInventoryWire,
  ComputerSectionWire,
  DeviceComplianceInformationWire,
  MacosProfileWire,
} from '../api/jamf.js';
import { isDict, type PlistValue, parsePlist } from '../logs/plist.js';
import type {
  Application,
  AssignmentTarget,
  CompliancePartner,
  CompliancePolicy,
  ConditionalAccessPolicy,
  EntraDevice,
  Group,
  IntuneDevice,
  JamfApplication,
  JamfComplianceInfo,
  JamfComputer,
  JamfInstalledProfile,
  LegacyPartner,
  MacosProfile,
  PermissionGrant,
  ServicePrincipal,
  Sku,
  SsoExtensionPayload,
  User,
} from './types.js';

/** Reduces wire payloads to the compact records of the fleet model. */

const s = (v: string | null | undefined): string | null => (v == null || v === '' ? null : v);

/**
 * Low-cardinality values (enum-like states, OS names and versions) are interned so that a million records share
 * one copy of each instead of a million.
 */
const interned = new Map<string, string>();
const k = (v: string | null | undefined): string | null => {
  if (v == null || v === '') return null;
  const hit = interned.get(v);
  if (hit !== undefined) return hit;
  if (interned.size < 50_000) interned.set(v, v);
  return v;
};
const b = (v: boolean | null | undefined): boolean | null => (v == null ? null : v);

export function intuneDevice(w: ManagedDeviceWire): IntuneDevice {
  return {
    id: w.id,
    deviceName: s(w.deviceName),
    serialNumber: s(w.serialNumber),
    azureADDeviceId: s(w.azureADDeviceId),
    managementAgent: k(w.managementAgent),
    complianceState: k(w.complianceState),
    deviceRegistrationState: k(w.deviceRegistrationState),
    lastSyncDateTime: toMillis(w.lastSyncDateTime),
    enrolledDateTime: toMillis(w.enrolledDateTime),
    userPrincipalName: s(w.userPrincipalName) ?? s(w.emailAddress),
    userId: s(w.userId),
    operatingSystem: k(w.operatingSystem),
    osVersion: k(w.osVersion),
    udid: s(w.udid),
  };
}

export function entraDevice(w: EntraDeviceWire): EntraDevice {
  return {
    id: w.id,
    deviceId: s(w.deviceId),
    displayName: s(w.displayName),
    operatingSystem: k(w.operatingSystem),
    accountEnabled: b(w.accountEnabled),
    isCompliant: b(w.isCompliant),
    isManaged: b(w.isManaged),
    managementType: k(w.managementType),
    trustType: k(w.trustType),
    approximateLastSignInDateTime: toMillis(w.approximateLastSignInDateTime),
    registrationDateTime: toMillis(w.registrationDateTime),
  };
}

export function jamfComputer(w: ComputerInventoryWire, apiVersion: number): JamfComputer {
  const g = w.general ?? null;
  return {
    id: String(w.id),
    udid: s(w.udid),
    name: s(g?.name),
    serialNumber: s(w.hardware?.serialNumber),
    managed: b(g?.remoteManagement?.managed),
    lastCheckIn: toMillis(g?.lastContactTime ?? g?.lastCheckIn),
    lastContact: toMillis(g?.lastContact),
    reportDate: toMillis(g?.reportDate),
    username: s(w.userAndLocation?.username),
    email: s(w.userAndLocation?.email),
    realname: s(w.userAndLocation?.realname),
    localUserAccounts:
      w.localUserAccounts == null
        ? null
        : w.localUserAccounts.map((a) => ({
            username: s(a.username),
            computerAzureActiveDirectoryId: s(a.computerAzureActiveDirectoryId),
            userAzureActiveDirectoryId: s(a.userAzureActiveDirectoryId),
            azureActiveDirectoryId: k(a.azureActiveDirectoryId),
          })),
    osVersion: k(w.operatingSystem?.version),
    apiVersion,
  };
}

export function jamfComplianceInfo(computerId: string, w: DeviceComplianceInformationWire): JamfComplianceInfo {
  const info = w.complianceVendorDeviceInformation;
  const list = info == null ? [] : Array.isArray(info) ? info : [info];
  return {
    computerId,
    applicable: b(w.applicable),
    complianceState: k(w.complianceState),
    deviceIds: list.flatMap((x) => x.deviceIds ?? []),
  };
}

/** The installed profiles of a section record (null when the section was not returned). */
export function installedProfiles(w: ComputerSectionWire): JamfInstalledProfile[] | null {
  if (w.configurationProfiles == null) return null;
  return w.configurationProfiles.map((p) => ({
    id: s(p.id),
    displayName: s(p.displayName),
    profileIdentifier: s(p.profileIdentifier),
  }));
}

/** The applications of a section record (null when the section was not returned). */
export function jamfApplications(w: ComputerSectionWire): JamfApplication[] | null {
  if (w.applications == null) return null;
  return w.applications.map((a) => ({ name: s(a.name), bundleId: s(a.bundleId), version: s(a.version) }));
}

const str = (v: PlistValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * A Classic macOS configuration profile, its `general.payloads` property list read for the Extensible SSO payloads
 * (PayloadType `com.apple.extensiblesso`: ExtensionIdentifier, TeamIdentifier, Type, and a `PlatformSSO` dictionary
 * for Platform SSO; Apple's ExtensibleSingleSignOn payload keys). A profile whose payloads are absent or not a
 * property list is kept with the reason: its payloads could not be checked.
 */
export function macosProfile(listId: string, w: MacosProfileWire): MacosProfile {
  const g = w.os_x_configuration_profile.general ?? null;
  const out: MacosProfile = {
    id: s(g?.id) ?? listId,
    name: s(g?.name),
    uuid: s(g?.uuid),
    payloadIdentifier: null,
    ssoPayloads: [],
    unreadable: null,
  };
  const text = g?.payloads;
  if (text == null || text.trim() === '') {
    out.unreadable = 'general.payloads is empty';
    return out;
  }
  let value: PlistValue;
  try {
    value = parsePlist(Buffer.from(text, 'utf8')).value;
  } catch (err) {
    out.unreadable = `general.payloads: ${(err as Error).message}`;
    return out;
  }
  if (!isDict(value)) {
    out.unreadable = 'general.payloads is not a dictionary';
    return out;
  }
  out.payloadIdentifier = str(value.PayloadIdentifier);
  const content = value.PayloadContent;
  const payloads: PlistValue[] = Array.isArray(content) ? content : [];
  for (const p of payloads) {
    if (!isDict(p) || p.PayloadType !== 'com.apple.extensiblesso') continue;
    const sso: SsoExtensionPayload = {
      extensionIdentifier: str(p.ExtensionIdentifier),
      teamIdentifier: str(p.TeamIdentifier),
      type: str(p.Type),
      platformSso: p.PlatformSSO !== undefined && isDict(p.PlatformSSO),
    };
    out.ssoPayloads.push(sso);
  }
  return out;
}

function target(t: { '@odata.type'?: string | null; groupId?: string | null } | null | undefined): AssignmentTarget {
  const type = (t?.['@odata.type'] ?? '').replace(/^#?microsoft\.graph\./, '');
  return { type: type || 'unknown', groupId: s(t?.groupId) };
}

export function legacyPartner(w: DeviceManagementPartnerWire): LegacyPartner {
  return {
    id: w.id,
    displayName: s(w.displayName),
    isConfigured: b(w.isConfigured),
    partnerState: s(w.partnerState),
    partnerAppType: s(w.partnerAppType),
    singleTenantAppId: s(w.singleTenantAppId),
    lastHeartbeatDateTime: toMillis(w.lastHeartbeatDateTime),
    whenPartnerDevicesWillBeRemovedDateTime: toMillis(w.whenPartnerDevicesWillBeRemovedDateTime),
    whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime: toMillis(
      w.whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime,
    ),
  };
}

export function compliancePartner(w: ComplianceManagementPartnerWire): CompliancePartner {
  return {
    id: w.id,
    displayName: s(w.displayName),
    partnerState: s(w.partnerState),
    lastHeartbeatDateTime: toMillis(w.lastHeartbeatDateTime),
    macOsOnboarded: b(w.macOsOnboarded),
    macOsEnrollmentAssignments: (w.macOsEnrollmentAssignments ?? []).map((a) => target(a.target)),
  };
}

export function compliancePolicy(w: CompliancePolicyWire): CompliancePolicy {
  return {
    id: w.id,
    odataType: s(w['@odata.type'])?.replace(/^#?microsoft\.graph\./, '') ?? null,
    displayName: s(w.displayName),
    assignments: w.assignments == null ? null : w.assignments.map((a) => target(a.target)),
  };
}

export function group(w: GroupWire): Group {
  return {
    id: w.id,
    displayName: s(w.displayName),
    groupTypes: w.groupTypes ?? [],
    membershipRule: s(w.membershipRule),
    memberTypes: null,
    memberIds: null,
    membersStatus: 'missing',
  };
}

export function application(w: ApplicationWire): Application {
  return {
    id: w.id,
    appId: w.appId,
    displayName: s(w.displayName),
    requiredResourceAccess: (w.requiredResourceAccess ?? []).map((r) => ({
      resourceAppId: r.resourceAppId,
      resourceAccess: (r.resourceAccess ?? []).map((a) => ({ id: a.id, type: s(a.type) })),
    })),
    credentials: [
      ...(w.passwordCredentials ?? []).map((c) => ({
        keyId: s(c.keyId),
        displayName: s(c.displayName),
        kind: 'secret' as const,
        endDateTime: toMillis(c.endDateTime),
      })),
      ...(w.keyCredentials ?? []).map((c) => ({
        keyId: s(c.keyId),
        displayName: s(c.displayName),
        kind: 'certificate' as const,
        endDateTime: toMillis(c.endDateTime),
      })),
    ],
  };
}

export function servicePrincipal(w: ServicePrincipalWire): ServicePrincipal {
  return {
    id: w.id,
    appId: w.appId,
    displayName: s(w.displayName),
    accountEnabled: b(w.accountEnabled),
    appOwnerOrganizationId: s(w.appOwnerOrganizationId),
    appRoles: (w.appRoles ?? []).map((r) => ({ id: r.id, value: s(r.value) })),
    appRoleAssignments: null,
    appRoleAssignmentsStatus: 'missing',
  };
}

export function appRoleAssignment(w: AppRoleAssignmentWire): { appRoleId: string; resourceId: string } {
  return { appRoleId: w.appRoleId, resourceId: w.resourceId };
}

export function permissionGrant(w: OAuth2PermissionGrantWire): PermissionGrant {
  return { clientId: w.clientId, consentType: s(w.consentType), resourceId: w.resourceId, scope: s(w.scope) };
}

export function user(w: UserWire): User {
  const enabled: string[] = [];
  for (const p of w.assignedPlans ?? []) {
    if ((p.capabilityStatus ?? '').toLowerCase() !== 'enabled') continue;
    const id = k(p.servicePlanId.toLowerCase())!;
    if (!enabled.includes(id)) enabled.push(id);
  }
  enabled.sort();
  return {
    id: w.id,
    userPrincipalName: s(w.userPrincipalName),
    mail: s(w.mail),
    displayName: s(w.displayName),
    accountEnabled: b(w.accountEnabled),
    enabledPlans: enabled,
    hasPlans: w.assignedPlans != null,
  };
}

export function sku(w: SubscribedSkuWire): Sku {
  return {
    skuId: w.skuId,
    skuPartNumber: s(w.skuPartNumber),
    capabilityStatus: s(w.capabilityStatus),
    servicePlanIds: (w.servicePlans ?? []).map((p) => p.servicePlanId.toLowerCase()),
  };
}

export function conditionalAccessPolicy(w: ConditionalAccessPolicyWire): ConditionalAccessPolicy {
  return {
    id: w.id,
    displayName: s(w.displayName),
    state: s(w.state),
    includeApplications: w.conditions?.applications?.includeApplications ?? [],
    excludeApplications: w.conditions?.applications?.excludeApplications ?? [],
    includePlatforms: w.conditions?.platforms?.includePlatforms ?? [],
    excludePlatforms: w.conditions?.platforms?.excludePlatforms ?? [],
    grantOperator: s(w.grantControls?.operator),
    builtInControls: w.grantControls?.builtInControls ?? [],
  };
}
