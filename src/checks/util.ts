import { isoOf } from '../api/common.js';
import { DATASETS } from '../model/datasets.js';
import { normUser } from '../model/keys.js';
import type {
  Application,
  CompliancePartner,
  EntraDevice,
  Fleet,
  IntuneDevice,
  JamfComputer,
  LegacyPartner,
  Mac,
  Millis,
  ServicePrincipal,
  User,
} from '../model/types.js';
import { EntraView, IntuneView, type JamfView, MacView } from '../model/views.js';
import type { CheckContext, CoverageUnit, Evidence, MessageMap, Subject } from './define.js';

/** Well-known ids (shared/research/graph.md §3). */
export const IDS = {
  graphApp: '00000003-0000-0000-c000-000000000000',
  aadGraphApp: '00000002-0000-0000-c000-000000000000',
  intuneApiApp: 'c161e42e-d4df-4a3d-9b42-e7a3c31f59d4',
  updateDeviceAttributes: '7b3c62c0-bbe4-4ceb-971b-ecc50a191b3e',
  graphApplicationReadAll: '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30',
  aadGraphApplicationReadAll: '3afa6a7d-9b1a-42eb-948e-1650a849e176',
  graphDirectoryReadAll: '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  /** "User registration app for Device Compliance" (commercial cloud), per Jamf's migration script. */
  deviceComplianceRegistrationApp: 'b03c10a8-71c7-45f9-b44a-3335ab76e970',
  /** The same app in GCC High, per Jamf's migration script (benwhitis/Jamf_Conditional_Access DeviceComplianceMigrator.sh). */
  deviceComplianceRegistrationAppGccHigh: 'dcf07df3-346f-4f0e-b803-c1f0ea0fb5ae',
  planIntuneA: 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5',
  planIntuneEdu: 'da24caf9-af8e-485c-b7c8-e73336da2693',
  planAadPremium: '41781fb2-bc02-4b7c-bd55-b576c07bb09d',
  planAadPremiumP2: 'eec0eb4f-6444-4f95-aba0-50c24d67f998',
} as const;

/** Names of the app roles the checks talk about, by id. */
export const ROLE_NAMES: Record<string, string> = {
  [IDS.updateDeviceAttributes]: 'Intune API update_device_attributes',
  [IDS.graphApplicationReadAll]: 'Microsoft Graph Application.Read.All',
  [IDS.aadGraphApplicationReadAll]: 'Azure AD Graph Application.Read.All',
  [IDS.graphDirectoryReadAll]: 'Microsoft Graph Directory.Read.All',
};

export const RESOURCE_NAMES: Record<string, string> = {
  [IDS.graphApp]: 'Microsoft Graph',
  [IDS.aadGraphApp]: 'Azure AD Graph',
  [IDS.intuneApiApp]: 'Intune API',
};

/**
 * Compares the Jamf Pro version (as `GET /api/v1/jamf-pro-version` gives it, e.g. `11.12.0-t1736960000`) with
 * major.minor: true when it is at least that, false when older, null when there is no version or it cannot be
 * read (a check must then behave as before the gate).
 */
export function jamfAtLeast(version: string | null | undefined, major: number, minor: number): boolean | null {
  const m = /^\s*(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a > major || (a === major && b >= minor);
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function iso(ms: Millis): string {
  return isoOf(ms) ?? 'never';
}

/** Whole hours between two instants, for messages. */
export function hoursBetween(from: number, to: number): number {
  return Math.floor((to - from) / HOUR);
}

export function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / DAY);
}

export function latestBy<T>(items: readonly T[], key: (t: T) => Millis): T | undefined {
  let best: T | undefined;
  let bestKey = Number.NEGATIVE_INFINITY;
  for (const it of items) {
    const k = key(it) ?? Number.NEGATIVE_INFINITY;
    if (best === undefined || k > bestKey) {
      best = it;
      bestKey = k;
    }
  }
  return best;
}

export const subject = {
  /** A Mac, as a view (fleet.eachMac()) or as an object: its key, name and main user. */
  mac(mac: Mac | MacView): Subject {
    if (mac instanceof MacView) return { kind: 'mac', id: mac.key, name: mac.name, user: mac.mainUser };
    return { kind: 'mac', id: mac.key, name: mac.name, user: mac.userKeys[0] ?? null };
  },
  user(key: string, user?: User | null): Subject {
    return { kind: 'user', id: normUser(user?.userPrincipalName) ?? key, name: user?.displayName ?? null };
  },
  application(app: Application): Subject {
    return { kind: 'application', id: app.appId, name: app.displayName };
  },
  servicePrincipal(sp: ServicePrincipal): Subject {
    return { kind: 'servicePrincipal', id: sp.id, name: sp.displayName };
  },
  partner(p: LegacyPartner | CompliancePartner): Subject {
    return { kind: 'partner', id: p.id, name: p.displayName };
  },
  policy(id: string, name: string | null): Subject {
    return { kind: 'policy', id, name };
  },
  group(id: string, name: string | null): Subject {
    return { kind: 'group', id, name };
  },
  tenant(fleet: Fleet): Subject {
    return { kind: 'tenant', id: fleet.tenant.id ?? 'tenant', name: fleet.tenant.name };
  },
};

type Field = string | number | boolean | null | string[];
type JamfFields = ReadonlyArray<keyof JamfComputer & string>;

function pick<T extends object>(
  rec: T,
  fields: ReadonlyArray<keyof T & string>,
  dates: ReadonlySet<string>,
): Record<string, Field> {
  const out: Record<string, Field> = {};
  for (const f of fields) {
    const v = rec[f] as unknown;
    if (dates.has(f)) out[f] = isoOf(v as Millis);
    else if (v === undefined) out[f] = null;
    else out[f] = v as Field;
  }
  return out;
}

const INTUNE_DATES = new Set(['lastSyncDateTime', 'enrolledDateTime']);
const ENTRA_DATES = new Set(['approximateLastSignInDateTime', 'registrationDateTime']);
const JAMF_DATES = new Set(['lastCheckIn', 'lastContact', 'reportDate']);
const PARTNER_DATES = new Set([
  'lastHeartbeatDateTime',
  'whenPartnerDevicesWillBeRemovedDateTime',
  'whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime',
]);

/**
 * Evidence with allow-listed fields only; dates are rendered as ISO strings. The Intune, Entra and Jamf helpers
 * take a view (model/views.ts: read from the columns, nothing built) or the record object, and give the same.
 */
export const evidence = {
  intune(d: IntuneView | IntuneDevice, fields: ReadonlyArray<keyof IntuneDevice & string>): Evidence {
    if (d instanceof IntuneView) return { source: DATASETS.managedDevices.id, record: d.id, fields: d.pick(fields) };
    return { source: DATASETS.managedDevices.id, record: d.id, fields: pick(d, fields, INTUNE_DATES) };
  },
  entra(d: EntraView | EntraDevice, fields: ReadonlyArray<keyof EntraDevice & string>): Evidence {
    if (d instanceof EntraView) return { source: DATASETS.devices.id, record: d.id, fields: d.pick(fields) };
    return { source: DATASETS.devices.id, record: d.id, fields: pick(d, fields, ENTRA_DATES) };
  },
  /** A Jamf computer: `evidence.jamf(c, fields)` of a view, or `evidence.jamf(fleet, record, fields)`. */
  jamf(...args: [JamfView, JamfFields] | [Fleet, JamfComputer, JamfFields]): Evidence {
    if (args.length === 2) {
      const [c, fields] = args;
      return { source: c.source, record: c.id, fields: c.pick(fields) };
    }
    const [fleet, m, fields] = args;
    const source = fleet.datasets.get(DATASETS.computers.id)?.path ?? `jamf/api/v${m.apiVersion}/computers-inventory`;
    const out = pick(m, fields, JAMF_DATES);
    return { source, record: m.id, fields: out };
  },
  /** A Jamf computer's local accounts (names, registration states, Entra device ids), of a view. */
  jamfAccountsOf(c: JamfView): Evidence {
    const usernames: string[] = [];
    const states: string[] = [];
    const devices: string[] = [];
    for (const a of c.accounts()) {
      usernames.push(a.username ?? '');
      states.push(a.azureActiveDirectoryId ?? '');
      devices.push(a.computerAzureActiveDirectoryId ?? '');
    }
    return {
      source: c.source,
      record: c.id,
      fields: {
        'localUserAccounts[].username': usernames,
        'localUserAccounts[].azureActiveDirectoryId': states,
        'localUserAccounts[].computerAzureActiveDirectoryId': devices,
      },
    };
  },
  jamfAccounts(fleet: Fleet, m: JamfComputer): Evidence {
    const source = fleet.datasets.get(DATASETS.computers.id)?.path ?? `jamf/api/v${m.apiVersion}/computers-inventory`;
    return {
      source,
      record: m.id,
      fields: {
        'localUserAccounts[].username': (m.localUserAccounts ?? []).map((a) => a.username ?? ''),
        'localUserAccounts[].azureActiveDirectoryId': (m.localUserAccounts ?? []).map(
          (a) => a.azureActiveDirectoryId ?? '',
        ),
        'localUserAccounts[].computerAzureActiveDirectoryId': (m.localUserAccounts ?? []).map(
          (a) => a.computerAzureActiveDirectoryId ?? '',
        ),
      },
    };
  },
  legacyPartner(p: LegacyPartner, fields: ReadonlyArray<keyof LegacyPartner & string>): Evidence {
    return { source: DATASETS.legacyPartners.id, record: p.id, fields: pick(p, fields, PARTNER_DATES) };
  },
  compliancePartner(p: CompliancePartner, fields: ReadonlyArray<keyof CompliancePartner & string>): Evidence {
    const out = pick(
      p,
      fields.filter((f) => f !== 'macOsEnrollmentAssignments'),
      PARTNER_DATES,
    );
    if (fields.includes('macOsEnrollmentAssignments')) {
      out.macOsEnrollmentAssignments = p.macOsEnrollmentAssignments.map((a) =>
        a.groupId ? `${a.type}:${a.groupId}` : a.type,
      );
    }
    return { source: DATASETS.compliancePartners.id, record: p.id, fields: out };
  },
  /** A service principal's granted application permissions (its appRoleAssignments). */
  grants(sp: ServicePrincipal): Evidence {
    return {
      source: DATASETS.appRoleAssignments.id.replace('{id}', sp.id),
      record: sp.id,
      fields: {
        appId: sp.appId,
        displayName: sp.displayName,
        'appRoleAssignments[].resourceId': (sp.appRoleAssignments ?? []).map((a) => a.resourceId),
        'appRoleAssignments[].appRoleId': (sp.appRoleAssignments ?? []).map((a) => a.appRoleId),
      },
    };
  },
  record(source: string, record: string, fields: Record<string, Field>): Evidence {
    return { source, record, fields };
  },
};

/** The Jamf legacy partner entries, and the one that matters (configured first). */
export function jamfLegacyPartner(fleet: Fleet): LegacyPartner | undefined {
  const list = fleet.legacyPartners.filter((p) => /jamf/i.test(p.displayName ?? ''));
  return (
    list.find((p) => p.isConfigured) ?? list.find((p) => p.partnerState && p.partnerState !== 'unknown') ?? list[0]
  );
}

export function jamfCompliancePartner(fleet: Fleet): CompliancePartner | undefined {
  const list = fleet.compliancePartners.filter((p) => /jamf/i.test(p.displayName ?? ''));
  return list.find((p) => p.macOsOnboarded) ?? list[0];
}

export function list(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} (+${items.length - max})`;
}

const JAMF_NAME = /jamf/i;
/** The Jamf-published enterprise app that jamfAAD signs in with (article cause 2). */
export const NATIVE_CONNECTOR_NAME = /jamf native macos connector/i;

const sameId = (a: string | null | undefined, b: string | null | undefined): boolean =>
  a != null && b != null && a.toLowerCase() === b.toLowerCase();

export function spByAppId(fleet: Fleet, appId: string): ServicePrincipal | undefined {
  return fleet.servicePrincipals.find((sp) => sameId(sp.appId, appId));
}

/**
 * The Jamf Pro app of the legacy integration. Manual connection: the app registration whose appId is the
 * partner's singleTenantAppId, else the one app named like Jamf (not the Native macOS Connector). Cloud Connector
 * (partnerAppType multiTenantApp, or a singleTenantAppId held by another organisation's service principal): a
 * Jamf-owned multi-tenant app, visible only as a service principal.
 */
export type JamfAppLookup =
  | { kind: 'app'; app: Application; partner: LegacyPartner | undefined }
  | { kind: 'not-found'; appId: string; partner: LegacyPartner }
  | { kind: 'cloud-connector'; partner: LegacyPartner; appId: string | null; sp: ServicePrincipal | undefined }
  | { kind: 'none'; reason: string };

/**
 * The Jamf Pro app for a check that needs one identified: when there is none, or the connector names an app the
 * tenant does not have (entra-app/jamf-app-permissions reports that), says so through ctx.unknown and gives null.
 */
export function identifiedJamfProApp(
  fleet: Fleet,
  ctx: { unknown(reason: string): void },
): Exclude<JamfAppLookup, { kind: 'none' } | { kind: 'not-found' }> | null {
  const found = findJamfProApp(fleet);
  if (found.kind === 'none') {
    ctx.unknown(found.reason);
    return null;
  }
  if (found.kind === 'not-found') {
    ctx.unknown(
      `the app ${found.appId} named by the Jamf connector is not in the tenant (entra-app/jamf-app-permissions)`,
    );
    return null;
  }
  return found;
}

export function findJamfProApp(fleet: Fleet): JamfAppLookup {
  const partner = jamfLegacyPartner(fleet);
  const wanted = partner?.singleTenantAppId ?? null;
  if (partner && wanted) {
    const app = fleet.applications.find((a) => sameId(a.appId, wanted));
    if (app) return { kind: 'app', app, partner };
    const sp = spByAppId(fleet, wanted);
    const foreign =
      sp?.appOwnerOrganizationId != null &&
      fleet.tenant.id != null &&
      !sameId(sp.appOwnerOrganizationId, fleet.tenant.id);
    if (partner.partnerAppType === 'multiTenantApp' || foreign) {
      return { kind: 'cloud-connector', partner, appId: wanted, sp };
    }
    return { kind: 'not-found', appId: wanted, partner };
  }
  if (partner?.partnerAppType === 'multiTenantApp') {
    const sp = fleet.servicePrincipals.find(
      (s) =>
        JAMF_NAME.test(s.displayName ?? '') &&
        /cloud connector/i.test(s.displayName ?? '') &&
        !/user registration|device compliance/i.test(s.displayName ?? ''),
    );
    return { kind: 'cloud-connector', partner, appId: null, sp };
  }
  const named = fleet.applications.filter(
    (a) => JAMF_NAME.test(a.displayName ?? '') && !NATIVE_CONNECTOR_NAME.test(a.displayName ?? ''),
  );
  if (named.length === 1) return { kind: 'app', app: named[0]!, partner };
  if (named.length > 1) {
    return {
      kind: 'none',
      reason: `no Jamf Pro app registration could be identified: ${named.length} app registrations are named like Jamf (${list(
        named.map((a) => a.displayName ?? a.appId),
      )}) and the Jamf partner names no singleTenantAppId`,
    };
  }
  return { kind: 'none', reason: 'no Jamf Pro app registration could be identified' };
}

/** Delegated permissions an app registration gets by default (Microsoft Graph User.Read). */
const SCOPE_NAMES: Record<string, string> = {
  'e1fe6dd8-ba31-4d61-89e7-88639da4683d': 'User.Read',
};

/** A permission's readable name: known role names, else the resource service principal's appRoles, else ids. */
export function permissionName(fleet: Fleet, resourceAppId: string, id: string, type: string | null): string {
  const resourceSp = spByAppId(fleet, resourceAppId);
  const resource = RESOURCE_NAMES[resourceAppId.toLowerCase()] ?? resourceSp?.displayName ?? resourceAppId;
  const known = ROLE_NAMES[id.toLowerCase()];
  const delegated = type === 'Scope' ? ' (delegated)' : '';
  if (known && type !== 'Scope') return known;
  const value =
    (type === 'Scope'
      ? SCOPE_NAMES[id.toLowerCase()]
      : (resourceSp?.appRoles.find((r) => sameId(r.id, id))?.value ?? undefined)) ?? id;
  return resource === resourceAppId ? `${resourceAppId}/${value}${delegated}` : `${resource} ${value}${delegated}`;
}

/**
 * Counts the objects (Macs, users) a check evaluated for its coverage: each object it looks at counts unless it
 * was called unknown while looked at. Use `unknown` instead of ctx.unknown inside the object's turn, `next()` at
 * the end of each object's turn, and `done()` once after the loop (it calls ctx.checked).
 */
export function coverage<M extends MessageMap>(ctx: CheckContext<M>, unit: CoverageUnit) {
  let checked = 0;
  let flagged = false;
  return {
    unknown(reason: string, s?: Subject): void {
      flagged = true;
      ctx.unknown(reason, s);
    },
    next(): void {
      if (!flagged) checked++;
      flagged = false;
    },
    done(): void {
      ctx.checked(checked, unit);
    },
  };
}
