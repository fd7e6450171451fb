import type { SimTenant } from '../../sim/index.js';

/** The minimum number of data requests for a tenant (formula in requests.test.ts). */
export const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));

export function minimumRequests(t: SimTenant): { graph: number; jamf: number } {
  const g = t.graph;
  let graph =
    pages(g.organization.length, 100) +
    pages(g.deviceManagementPartners.length, 100) +
    pages(g.complianceManagementPartners.length, 100) +
    pages(g.deviceCompliancePolicies.length, 100) +
    pages(g.managedDevices.length, 1000) +
    pages(g.devices.length, 999) +
    pages(g.applications.length, 999) +
    pages(g.servicePrincipals.length, 999) +
    pages(g.oauth2PermissionGrants.length, 999) +
    pages(g.users.length, 999) +
    pages(g.subscribedSkus.length, 1000) +
    pages(g.conditionalAccessPolicies.length, 100) +
    // The delta link of Entra devices and of users, taken before their read for the next `collect --since`
    // (`$deltatoken=latest`: one request each, no record; src/collect/graph/delta.ts).
    2;
  const named = new Set<string>();
  const take = (list: unknown) => {
    for (const a of (list as Array<{ target?: { groupId?: string } }>) ?? [])
      if (a.target?.groupId) named.add(a.target.groupId);
  };
  for (const p of g.deviceCompliancePolicies) take(p.assignments);
  for (const p of g.deviceManagementPartners) take(p.groupsRequiringPartnerEnrollment);
  for (const p of g.complianceManagementPartners) take(p.macOsEnrollmentAssignments);
  for (const id of named) graph += 1 + pages(g.groups.get(id)?.members.length ?? 0, 999);
  for (const sp of g.servicePrincipals) {
    if (/jamf|cloud connector/i.test(String(sp.displayName)))
      graph += pages(g.appRoleAssignments.get(String(sp.id))?.length ?? 0, 999);
  }
  const n = t.jamf.computers.length;
  const jamf = 2 + pages(n, 2000) + (t.mode === 'device-compliance' ? n + sectionRequests(t).requests : 0);
  return { graph, jamf };
}

/**
 * The Device Compliance registration reads (src/collect/jamf/sections.ts), Device Compliance mode: ⌈U / 100⌉
 * CONFIGURATION_PROFILES requests for the U (at most 200) managed computers it applies to that are not registered,
 * ⌈A / 100⌉ APPLICATIONS requests for the A (at most 200) it does not apply to, then, when those U computers have
 * profiles with an id, 1 Classic list and 1 request per distinct installed profile Jamf Pro lists. `rounds`: the
 * sequential steps (the two sections at once, then the list, then the profiles).
 */
export function sectionRequests(t: SimTenant): { requests: number; rounds: number } {
  const registered = (c: SimTenant['jamf']['computers'][number]) =>
    c.accounts.some(
      (a) =>
        (a.computerAzureActiveDirectoryId ?? '') !== '' ||
        ['ACTIVATED', 'UNRESPONSIVE'].includes(a.azureActiveDirectoryId.toUpperCase()),
    );
  const managed = t.jamf.computers.filter((c) => c.managed);
  const u = managed
    .filter((c) => c.compliance.some((i) => i.applicable === true) && !registered(c))
    .sort((a, b) => Number(a.id) - Number(b.id))
    .slice(0, 200);
  const a = managed.filter((c) => c.compliance.length > 0 && c.compliance.every((i) => i.applicable === false));
  const chunks = (k: number) => Math.ceil(Math.min(k, 200) / 100);
  const listed = new Set((t.jamf.profiles ?? []).map((p) => p.id));
  const installed = new Set(u.flatMap((c) => (c.profiles ?? []).map((p) => p.id).filter((id) => id !== null)));
  const fetched = [...installed].filter((id) => listed.has(id as string)).length;
  const classic = installed.size > 0 ? 1 + fetched : 0;
  const requests = chunks(u.length) + chunks(a.length) + classic;
  const rounds = (u.length + a.length > 0 ? 1 : 0) + (classic > 0 ? 1 : 0) + (fetched > 0 ? Math.ceil(fetched / 5) : 0);
  return { requests, rounds };
}

/** Named group ids (by compliance policy and partner assignments) and their member counts. */
export function namedGroups(t: SimTenant): number[] {
  const g = t.graph;
  const named = new Set<string>();
  const take = (list: unknown) => {
    for (const a of (list as Array<{ target?: { groupId?: string } }>) ?? [])
      if (a.target?.groupId) named.add(a.target.groupId);
  };
  for (const p of g.deviceCompliancePolicies) take(p.assignments);
  for (const p of g.deviceManagementPartners) take(p.groupsRequiringPartnerEnrollment);
  for (const p of g.complianceManagementPartners) take(p.macOsEnrollmentAssignments);
  return [...named].map((id) => g.groups.get(id)?.members.length ?? 0);
}

/**
 * Latency-bound minimum number of sequential round trips (each dataset's pages must follow one another; datasets
 * and Jamf pages can overlap, Jamf at most 5 at once):
 *   Graph = 1 (token) + max(pages of each top-level dataset, 1 (policies and partners) + group entity/members pages)
 *   Jamf  = 1 (token) + 1 (version, check-in) + 1 (first inventory page) + ⌈(inventory pages − 1) / 5⌉
 *           (+ ⌈N / 5⌉ compliance requests and the section reads' rounds in Device Compliance mode)
 */
export function minimumRounds(t: SimTenant): { graph: number; jamf: number } {
  const g = t.graph;
  const chains = [
    pages(g.managedDevices.length, 1000),
    pages(g.devices.length, 999),
    pages(g.users.length, 999),
    pages(g.applications.length, 999),
    pages(g.servicePrincipals.length, 999) + 1,
    ...namedGroups(t).map((m) => 1 + pages(m, 999)),
  ];
  const n = t.jamf.computers.length;
  const inv = pages(n, 2000);
  return {
    graph: 1 + Math.max(...chains),
    jamf:
      3 +
      Math.ceil((inv - 1) / 5) +
      (t.mode === 'device-compliance' ? Math.ceil(n / 5) + sectionRequests(t).rounds : 0),
  };
}
