import type { Fleet, Mac, User } from '../../model/types.js';
import type { CheckContext, MessageMap, Subject } from '../define.js';

export interface LicensedUser {
  key: string;
  user: User;
  macs: Mac[];
}

/**
 * The users of Jamf-managed Macs, as user key ids: for each key, the Macs it uses (offsets per key into one
 * list), only for users the directory returned with assignedPlans. Built once per fleet from the columns.
 */
interface UsersOfMacs {
  /** macs of key k: list[start[k]] .. list[start[k+1]-1] */
  start: Int32Array;
  list: Int32Array;
  unknown: Array<{ reason: string; subject: Subject }>;
}

/** Both licence checks need the same lists: they are built once per fleet. */
const cache = new WeakMap<Fleet, UsersOfMacs>();

function compute(fleet: Fleet): UsersOfMacs {
  const idx = fleet.index;
  const t = idx.t;
  const hasPlans = t.users.bools.hasPlans;
  const keyCount = t.keys.user.size;
  const count = new Int32Array(keyCount + 1);
  const unknownSeen = new Uint8Array(keyCount);
  const unknown: UsersOfMacs['unknown'] = [];
  const managedMac = new Uint8Array(idx.macCount);
  for (let m = 0; m < idx.macCount; m++) {
    for (let x = idx.jamf.start[m]!; x < idx.jamf.start[m + 1]!; x++)
      if (t.jamf.bools.managed[idx.jamf.list[x]!] === 1) managedMac[m] = 1;
    if (!managedMac[m]) continue;
    for (let x = idx.users.start[m]!; x < idx.users.start[m + 1]!; x++) {
      const k = idx.users.list[x]!;
      const u = idx.userOfKey[k]!;
      if (u < 0 || hasPlans[u] !== 1) {
        if (!unknownSeen[k]) {
          unknownSeen[k] = 1;
          const key = t.keys.user.get(k);
          unknown.push({
            reason:
              u >= 0
                ? `graph/v1.0/users returned ${key} without assignedPlans`
                : `${key} (user of ${idx.name(m) ?? idx.key(m)}) is not in graph/v1.0/users`,
            subject: { kind: 'user', id: key },
          });
        }
        continue;
      }
      count[k + 1]!++;
    }
  }
  for (let k = 0; k < keyCount; k++) count[k + 1]! += count[k]!;
  return { start: count, list: fillMacs(fleet, count, managedMac), unknown };
}

/** The Macs of each user key, at the offsets that `start` (counts summed) gives: a pass of its own. */
function fillMacs(fleet: Fleet, start: Int32Array, managedMac: Uint8Array): Int32Array {
  const idx = fleet.index;
  const hasPlans = idx.t.users.bools.hasPlans;
  const keyCount = start.length - 1;
  const fill = start.slice(0, keyCount);
  const list = new Int32Array(start[keyCount]!);
  for (let m = 0; m < idx.macCount; m++) {
    if (!managedMac[m]) continue;
    for (let x = idx.users.start[m]!; x < idx.users.start[m + 1]!; x++) {
      const k = idx.users.list[x]!;
      const u = idx.userOfKey[k]!;
      if (u >= 0 && hasPlans[u] === 1) list[fill[k]!++] = m;
    }
  }
  return list;
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
  let r = cache.get(fleet);
  if (!r) {
    r = compute(fleet);
    cache.set(fleet, r);
  }
  for (const u of r.unknown) ctx.unknown(u.reason, u.subject);
  const idx = fleet.index;
  const t = idx.t;
  // Whether users with plans code c are licensed, at c + 1 (a plans code is -1 when null): 0 not known yet.
  const licensed = new Int8Array(t.enums.values.length + 1);
  const out: LicensedUser[] = [];
  for (let k = 0; k < r.start.length - 1; k++) {
    if (r.start[k + 1] === r.start[k]) continue;
    const u = idx.userOfKey[k]!;
    const code = t.users.enums.plans[u]!;
    if (licensed[code + 1] === 0) {
      const enabled = t.userPlans(u);
      licensed[code + 1] = plans.some((p) => enabled.includes(p)) ? 1 : 2;
    }
    if (licensed[code + 1] === 1) continue;
    const macs: Mac[] = [];
    for (let x = r.start[k]!; x < r.start[k + 1]!; x++) macs.push(idx.mac(r.list[x]!));
    out.push({ key: t.keys.user.get(k), user: t.userRecord(u), macs });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
