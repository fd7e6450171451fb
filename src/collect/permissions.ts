/**
 * Least privilege: the Graph application permissions and Jamf Pro privileges each check needs (from its
 * `requires` and src/model/datasets.ts), and, from a token's `roles` claim, which checks will be
 * *could not check* and why.
 */
import type { AnyCheck } from '../checks/define.js';
import { DATASET_BY_ID } from '../model/datasets.js';

/** Broader Graph permissions that also grant a read permission. */
const ALSO_GRANTED_BY: Record<string, string[]> = {
  'DeviceManagementManagedDevices.Read.All': ['DeviceManagementManagedDevices.ReadWrite.All'],
  'DeviceManagementServiceConfig.Read.All': ['DeviceManagementServiceConfig.ReadWrite.All'],
  'DeviceManagementConfiguration.Read.All': ['DeviceManagementConfiguration.ReadWrite.All'],
  'Device.Read.All': ['Device.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'GroupMember.Read.All': ['Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'Application.Read.All': ['Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'Directory.Read.All': ['Directory.ReadWrite.All'],
  'User.Read.All': ['User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'Organization.Read.All': ['Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'Policy.Read.All': ['Policy.ReadWrite.ConditionalAccess'],
};

export function grants(roles: readonly string[], permission: string): boolean {
  return roles.includes(permission) || (ALSO_GRANTED_BY[permission] ?? []).some((p) => roles.includes(p));
}

export interface CheckPermissions {
  id: string;
  graph: string[];
  jamf: string[];
}

export function permissionsOf(check: AnyCheck): CheckPermissions {
  const graph = new Set<string>();
  const jamf = new Set<string>();
  for (const d of check.requires) {
    const def = DATASET_BY_ID.get(d);
    for (const p of def?.permissions ?? []) (def?.service === 'jamf' ? jamf : graph).add(p);
  }
  return { id: check.id, graph: [...graph].sort(), jamf: [...jamf].sort() };
}

/** Every Graph permission and Jamf privilege the catalogue needs. */
export function allPermissions(checks: readonly AnyCheck[]): { graph: string[]; jamf: string[] } {
  const graph = new Set<string>();
  const jamf = new Set<string>();
  for (const c of checks) {
    const p = permissionsOf(c);
    for (const x of p.graph) graph.add(x);
    for (const x of p.jamf) jamf.add(x);
  }
  // Datasets the collector reads even if no check requires them yet.
  for (const def of DATASET_BY_ID.values()) {
    if (def.service === 'graph') for (const p of def.permissions) graph.add(p);
    if (def.service === 'jamf') for (const p of def.permissions) jamf.add(p);
  }
  return { graph: [...graph].sort(), jamf: [...jamf].sort() };
}

/** The checks a token's roles leave unable to check, with the permissions missing for each. */
export function checksBlockedByRoles(
  checks: readonly AnyCheck[],
  roles: readonly string[],
): Array<{ id: string; missing: string[] }> {
  const out: Array<{ id: string; missing: string[] }> = [];
  for (const c of checks) {
    const missing = permissionsOf(c).graph.filter((p) => !grants(roles, p));
    if (missing.length) out.push({ id: c.id, missing });
  }
  return out;
}
