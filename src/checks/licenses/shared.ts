import type { Fleet, Mac, User } from '../../model/types.js';
import type { CheckContext, MessageMap } from '../define.js';
import { managedJamf } from '../util.js';

export interface LicensedUser {
  key: string;
  user: User;
  macs: Mac[];
}

/**
 * The users of Jamf-managed Macs, as directory users. A user the directory does not return, or returns without
 * assignedPlans, cannot be checked: it is reported as unknown, never as unlicensed.
 */
export function usersOfManagedMacs<M extends MessageMap>(fleet: Fleet, ctx: CheckContext<M>): LicensedUser[] {
  const byKey = new Map<string, LicensedUser>();
  const unknown = new Set<string>();
  for (const mac of fleet.macs) {
    if (managedJamf(mac).length === 0) continue;
    for (const key of mac.userKeys) {
      const user = fleet.usersByKey.get(key);
      if (!user || !user.hasPlans) {
        if (!unknown.has(key)) {
          unknown.add(key);
          ctx.unknown(
            user
              ? `graph/v1.0/users returned ${key} without assignedPlans`
              : `${key} (user of ${mac.name ?? mac.key}) is not in graph/v1.0/users`,
            { kind: 'user', id: key },
          );
        }
        continue;
      }
      const entry = byKey.get(key) ?? { key, user, macs: [] };
      entry.macs.push(mac);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}
