/**
 * The tenant's change log, for Graph delta queries (sim/graph/delta.ts): every change to an Entra device or a user
 * gets a sequence number, and a delta token is a position in that sequence. `touchTenant` changes a fraction of
 * the devices and users as a day in a real tenant would (new registrations, deletions, changed properties, an
 * operatingSystem spelled otherwise, to and from a Mac spelling), recording each change. The log is kept beside the
 * tenant (a WeakMap), so the tenant's own shape is unchanged.
 */
import { Rng } from './rng.js';
import type { SimTenant } from './tenant.js';

type Json = Record<string, unknown>;

export type DeltaCollection = 'devices' | 'users';

export interface Change {
  seq: number;
  collection: DeltaCollection;
  id: string;
  /** The properties changed, or null: the object was created (or deleted: it is then gone from the tenant). */
  props: string[] | null;
}

export interface ChangeLog {
  seq: number;
  /** Tokens of an older epoch are refused (expireDeltaTokens). */
  epoch: number;
  /** How tokens of an older epoch are refused: expired (400 syncStateNotFound) or reset (410 Gone). */
  invalidation: 'expired' | 'reset';
  changes: Change[];
}

const LOGS = new WeakMap<SimTenant, ChangeLog>();

export function changeLogOf(t: SimTenant): ChangeLog {
  let log = LOGS.get(t);
  if (!log) {
    log = { seq: 0, epoch: 0, invalidation: 'expired', changes: [] };
    LOGS.set(t, log);
  }
  return log;
}

/** Records a change to an Entra device or a user (created, changed properties, or deleted). */
export function recordChange(t: SimTenant, collection: DeltaCollection, id: string, props: string[] | null): void {
  const log = changeLogOf(t);
  log.changes.push({ seq: ++log.seq, collection, id, props });
}

/**
 * Makes every delta link handed out so far unusable, as Graph does after seven days (`expired`: 400
 * syncStateNotFound) or after internal maintenance (`reset`: 410 Gone), see sim/graph/delta.ts.
 */
export function expireDeltaTokens(t: SimTenant, how: 'expired' | 'reset' = 'expired'): void {
  const log = changeLogOf(t);
  log.epoch++;
  log.invalidation = how;
}

export interface TouchSummary {
  devices: {
    changed: number;
    removed: number;
    added: number;
    respelled: number;
    toMac: number;
    fromMac: number;
  };
  users: { changed: number; removed: number; added: number };
}

const MAC = /^\s*mac/i;
const iso = (ms: number): string => new Date(ms).toISOString();
const HOUR = 3_600_000;

/**
 * Changes `fraction` of the Entra devices and of the users (at least one of each), seeded, recording every change:
 * devices get new sign-in times and compliance, new names, new registrations (Macs and Windows PCs), deletions, a
 * Mac spelling changed for another (`MacMDM` → `macOS`, `macOS` → `Mac OS X`), and a few change to or from a Mac
 * spelling; users get licence plans removed, accounts disabled, deletions (and leave the groups) and new people.
 */
export function touchTenant(t: SimTenant, opts: { fraction: number; seed: number }): TouchSummary {
  const rng = new Rng(opts.seed * 31 + 7);
  const g = t.graph;
  const s: TouchSummary = {
    devices: { changed: 0, removed: 0, added: 0, respelled: 0, toMac: 0, fromMac: 0 },
    users: { changed: 0, removed: 0, added: 0 },
  };
  const pickIds = (list: Json[]): string[] => {
    const n = Math.max(1, Math.round(list.length * opts.fraction));
    return rng
      .shuffle(list.map((r) => String(r.id)))
      .slice(0, n)
      .sort();
  };

  // --- Devices ---------------------------------------------------------------------------------------------------
  const devIds = pickIds(g.devices);
  for (const [i, id] of devIds.entries()) {
    const at = g.devices.findIndex((d) => d.id === id);
    if (at < 0) continue;
    const d = g.devices[at]!;
    const mac = MAC.test(String(d.operatingSystem ?? ''));
    switch (i % 8) {
      case 0:
      case 1:
        d.approximateLastSignInDateTime = iso(t.now - rng.int(1, 30) * HOUR);
        d.isCompliant = rng.chance(0.5);
        recordChange(t, 'devices', id, ['approximateLastSignInDateTime', 'isCompliant']);
        s.devices.changed++;
        break;
      case 2:
        g.devices.splice(at, 1);
        recordChange(t, 'devices', id, null);
        s.devices.removed++;
        break;
      case 3: {
        // A new registration, a Mac and a Windows PC in turn: not yet compliant nor managed (never set: null).
        const asMac = s.devices.added % 2 === 0;
        const fresh: Json = {
          ...d,
          id: rng.guid(),
          deviceId: rng.guid(),
          displayName: `${asMac ? 'MAC' : 'WIN'}-NEW-${s.devices.added + 1}`,
          operatingSystem: asMac ? 'macOS' : 'Windows',
          isCompliant: null,
          managementType: null,
          approximateLastSignInDateTime: iso(t.now - HOUR),
          registrationDateTime: iso(t.now - 2 * HOUR),
        };
        g.devices.push(fresh);
        recordChange(t, 'devices', String(fresh.id), null);
        s.devices.added++;
        break;
      }
      case 4:
        if (mac) {
          d.operatingSystem = d.operatingSystem === 'MacMDM' ? 'macOS' : 'Mac OS X';
          s.devices.respelled++;
        } else {
          d.operatingSystem = 'macOS';
          s.devices.toMac++;
        }
        recordChange(t, 'devices', id, ['operatingSystem']);
        break;
      case 5:
        if (mac) {
          d.operatingSystem = 'Windows';
          s.devices.fromMac++;
        } else {
          d.operatingSystem = rng.pick(['Windows', 'iPhone', 'AndroidForWork']);
          s.devices.changed++;
        }
        recordChange(t, 'devices', id, ['operatingSystem']);
        break;
      case 6:
        d.accountEnabled = !d.accountEnabled;
        recordChange(t, 'devices', id, ['accountEnabled']);
        s.devices.changed++;
        break;
      default:
        d.displayName = `${String(d.displayName ?? 'DEVICE')}-R`;
        recordChange(t, 'devices', id, ['displayName']);
        s.devices.changed++;
    }
  }

  // --- Users -----------------------------------------------------------------------------------------------------
  const userIds = pickIds(g.users);
  for (const [i, id] of userIds.entries()) {
    const at = g.users.findIndex((u) => u.id === id);
    if (at < 0) continue;
    const u = g.users[at]!;
    switch (i % 4) {
      case 0: {
        const plans = Array.isArray(u.assignedPlans) ? (u.assignedPlans as Json[]) : [];
        u.assignedPlans = plans.slice(1);
        recordChange(t, 'users', id, ['assignedPlans']);
        s.users.changed++;
        break;
      }
      case 1:
        u.accountEnabled = false;
        recordChange(t, 'users', id, ['accountEnabled']);
        s.users.changed++;
        break;
      case 2:
        g.users.splice(at, 1);
        for (const grp of g.groups.values()) grp.members = grp.members.filter((m) => m.id !== id);
        recordChange(t, 'users', id, null);
        s.users.removed++;
        break;
      default: {
        const upn = `new.person${opts.seed}x${i}@${String(u.userPrincipalName ?? '').split('@')[1] ?? 'contoso.example'}`;
        const fresh: Json = { ...u, id: rng.guid(), userPrincipalName: upn, mail: upn, displayName: 'New Person' };
        g.users.push(fresh);
        recordChange(t, 'users', String(fresh.id), null);
        s.users.added++;
      }
    }
  }
  return s;
}
