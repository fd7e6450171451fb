import type { Fleet, Mac, User } from '../../model/types.js';
import type { UsersOfMacs } from '../../model/views.js';
import type { CheckContext, MessageMap, Subject } from '../define.js';

export interface LicensedUser {
  key: string;
  user: User;
  macs: Mac[];
}

interface UsersOfManagedMacs {
  /** The users of Jamf-managed Macs that the directory returned with assignedPlans, with those Macs. */
  users: UsersOfMacs;
  /** Jamf-managed Macs whose user the directory returned with assignedPlans under at least one of its keys. */
  checked: number;
  /** The Macs none of whose user keys the directory returned with assignedPlans: once each, never unlicensed. */
  unknown: Array<{ reason: string; subject: Subject }>;
}

/** Both licence checks need the same lists: they are built once per fleet. */
const cache = new WeakMap<Fleet, UsersOfManagedMacs>();

/**
 * A Mac's user is one person known by several keys (Jamf's e-mail and username, the Intune record's UPN, …): the
 * Mac is checked when the directory returns that person, with assignedPlans, under any of them. A key the directory
 * does not know (a Jamf e-mail that is not a UPN) is then no reason to stop; only a Mac none of whose keys resolve
 * could not be checked.
 */
function usersOfManagedMacs(fleet: Fleet): UsersOfManagedMacs {
  const resolved = new Set<string>();
  const unresolved = new Map<string, { mac: string; keys: string[]; inDirectory: boolean }>();
  const users = fleet.macsByUser((mac, user) => {
    if (!mac.managedByJamf) return false;
    if (user.plansRead) {
      resolved.add(mac.key);
      return true;
    }
    const u = unresolved.get(mac.key) ?? { mac: mac.name ?? mac.key, keys: [], inDirectory: false };
    u.keys.push(user.key);
    u.inDirectory ||= user.inDirectory;
    unresolved.set(mac.key, u);
    return false;
  });
  const unknown: UsersOfManagedMacs['unknown'] = [];
  for (const [key, u] of unresolved) {
    if (resolved.has(key)) continue;
    unknown.push({
      reason: u.inDirectory
        ? `graph/v1.0/users returned ${u.keys.join(', ')} (user of ${u.mac}) without assignedPlans`
        : `${u.keys.join(', ')} (user of ${u.mac}) is not in graph/v1.0/users`,
      subject: { kind: 'user', id: u.keys[0]! },
    });
  }
  return { users, checked: resolved.size, unknown };
}

/**
 * The users of Jamf-managed Macs who have none of `plans` enabled, sorted by key, with their Macs. A user the
 * directory does not return, or returns without assignedPlans, cannot be checked: it is reported as unknown,
 * never as unlicensed. Only the users returned are built as objects.
 */
export function unlicensedUsers<M extends MessageMap>(
  fleet: Fleet,
  ctx: CheckContext<M>,
  plans: readonly string[],
): LicensedUser[] {
  let found = cache.get(fleet);
  if (!found) {
    found = usersOfManagedMacs(fleet);
    cache.set(fleet, found);
  }
  for (const u of found.unknown) ctx.unknown(u.reason, u.subject);
  ctx.checked(found.checked, 'mac');
  const out: LicensedUser[] = [];
  for (const u of found.users) {
    if (u.hasPlan(plans)) continue;
    const macs: Mac[] = [];
    for (const mac of u.macs()) macs.push(mac.toMac());
    out.push({ key: u.key, user: u.record()!, macs });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
