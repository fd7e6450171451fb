import type { Fleet, Mac, User } from '../../model/types.js';
import type { CheckContext, MessageMap, Subject } from '../define.js';

export interface LicensedUser {
  key: string;
  user: User;
  macs: Mac[];
}

interface UsersOfMacs {
  users: LicensedUser[];
  unknown: Array<{ reason: string; subject: Subject }>;
}

/** Both licence checks need the same list: it is built once per fleet. */
const cache = new WeakMap<Fleet, UsersOfMacs>();

function compute(fleet: Fleet): UsersOfMacs {
  const byKey = new Map<string, LicensedUser>();
  const unknownKeys = new Set<string>();
  const unknown: UsersOfMacs['unknown'] = [];
  for (const mac of fleet.macs) {
    if (!mac.jamf.some((m) => m.managed === true)) continue;
    for (const key of mac.userKeys) {
      const user = fleet.usersByKey.get(key);
      if (!user || !user.hasPlans) {
        if (!unknownKeys.has(key)) {
          unknownKeys.add(key);
          unknown.push({
            reason: user
              ? `graph/v1.0/users returned ${key} without assignedPlans`
              : `${key} (user of ${mac.name ?? mac.key}) is not in graph/v1.0/users`,
            subject: { kind: 'user', id: key },
          });
        }
        continue;
      }
      const entry = byKey.get(key);
      if (entry) entry.macs.push(mac);
      else byKey.set(key, { key, user, macs: [mac] });
    }
  }
  return { users: [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)), unknown };
}

/**
 * The users of Jamf-managed Macs, as directory users. A user the directory does not return, or returns without
 * assignedPlans, cannot be checked: it is reported as unknown, never as unlicensed.
 */
export function usersOfManagedMacs<M extends MessageMap>(fleet: Fleet, ctx: CheckContext<M>): LicensedUser[] {
  let r = cache.get(fleet);
  if (!r) {
    r = compute(fleet);
    cache.set(fleet, r);
  }
  for (const u of r.unknown) ctx.unknown(u.reason, u.subject);
  return r.users;
}
