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
  /** The users that cannot be checked (not returned, or returned without assignedPlans), once each. */
  unknown: Array<{ reason: string; subject: Subject }>;
}

/** Both licence checks need the same lists: they are built once per fleet. */
const cache = new WeakMap<Fleet, UsersOfManagedMacs>();

function usersOfManagedMacs(fleet: Fleet): UsersOfManagedMacs {
  const unknown: UsersOfManagedMacs['unknown'] = [];
  const seen = new Set<string>();
  const users = fleet.macsByUser((mac, user) => {
    if (!mac.managedByJamf) return false;
    if (user.plansRead) return true;
    const key = user.key;
    if (!seen.has(key)) {
      seen.add(key);
      unknown.push({
        reason: user.inDirectory
          ? `graph/v1.0/users returned ${key} without assignedPlans`
          : `${key} (user of ${mac.name ?? mac.key}) is not in graph/v1.0/users`,
        subject: { kind: 'user', id: key },
      });
    }
    return false;
  });
  return { users, unknown };
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
  const out: LicensedUser[] = [];
  for (const u of found.users) {
    if (u.hasPlan(plans)) continue;
    const macs: Mac[] = [];
    for (const mac of u.macs()) macs.push(mac.toMac());
    out.push({ key: u.key, user: u.record()!, macs });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
