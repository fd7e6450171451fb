import { GrowI32, type KeyDict, Keys } from './columns.js';
import { isMacOs, normSerial } from './keys.js';
import { classifyTenant } from './mode.js';
import { EntraNames } from './names.js';
import { type Tables, tablesOf } from './tables.js';
import type { Collected, EntraDevice, Fleet, IntuneDevice, Mac, MacLogEvidence, User } from './types.js';
import { FleetViews, MacView } from './views.js';

/** Union-find over record indexes. */
function find(p: Int32Array, i: number): number {
  while (p[i] !== i) {
    p[i] = p[p[i]!]!;
    i = p[i]!;
  }
  return i;
}

/** A list per Mac, as offsets into one array (Mac m's items are list[start[m]] .. list[start[m+1]-1]). */
export interface PerMac {
  start: Int32Array;
  list: Int32Array;
}

function perMac(macCount: number, macOf: Int32Array): PerMac {
  const start = new Int32Array(macCount + 1);
  for (let i = 0; i < macOf.length; i++) if (macOf[i]! >= 0) start[macOf[i]! + 1]!++;
  for (let m = 0; m < macCount; m++) start[m + 1]! += start[m]!;
  const fill = start.slice(0, macCount);
  const list = new Int32Array(start[macCount]!);
  for (let i = 0; i < macOf.length; i++) {
    const m = macOf[i]!;
    if (m >= 0) list[fill[m]!++] = i;
  }
  return { start, list };
}

/** Which Intune and Entra records are Macs' (an Entra device also when a Mac's Jamf or Intune record points to it). */
function macRecords(
  t: Tables,
  hidden: Int32Array,
): {
  isMacI: Uint8Array;
  isMacE: Uint8Array;
  ignoredIntune: number;
  ignoredEntra: number;
  jamfAgentCount: number;
} {
  const { intune, entra, accounts, keys, enums } = t;
  const nI = intune.n;
  const nE = entra.n;
  // Intune records that are Macs.
  const macOs = enums.flags((v) => isMacOs(v));
  const jamfAgent = enums.find('jamf');
  const isMacI = new Uint8Array(nI);
  let ignoredIntune = 0;
  let jamfAgentCount = 0;
  // Leftovers of a stopped legacy connector (model/mode.ts) are no Mac's records: no device check sees them.
  const skip = new Uint8Array(nI);
  for (const i of hidden) skip[i] = 1;
  for (let i = 0; i < nI; i++) {
    if (skip[i] === 1) continue;
    const os = intune.enums.operatingSystem[i]!;
    const agent = intune.enums.managementAgent[i]!;
    if ((os >= 0 && macOs[os] === 1) || (os < 0 && agent === jamfAgent)) {
      isMacI[i] = 1;
      if (agent === jamfAgent) jamfAgentCount++;
    } else ignoredIntune++;
  }
  // Entra devices that are Macs, or that a Mac's Jamf or Intune record points to.
  let referenced: Uint8Array | null = null;
  const isMacE = new Uint8Array(nE);
  let ignoredEntra = 0;
  for (let k = 0; k < nE; k++) {
    const os = entra.enums.operatingSystem[k]!;
    let keep = os >= 0 && macOs[os] === 1;
    const id = entra.keys.deviceIdKey[k]!;
    if (!keep && id >= 0) {
      if (!referenced) {
        referenced = new Uint8Array(keys.deviceId.size);
        for (let i = 0; i < nI; i++)
          if (isMacI[i] && intune.keys.deviceIdKey[i]! >= 0) referenced[intune.keys.deviceIdKey[i]!] = 1;
        for (let r = 0; r < accounts.n; r++)
          if (accounts.keys.deviceIdKey[r]! >= 0) referenced[accounts.keys.deviceIdKey[r]!] = 1;
      }
      keep = referenced[id] === 1;
    }
    if (keep) isMacE[k] = 1;
    else ignoredEntra++;
  }
  return { isMacI, isMacE, ignoredIntune, ignoredEntra, jamfAgentCount };
}

/**
 * Union-find over the records (nodes: Jamf 0..nJ-1, Intune nJ.., Entra nJ+nI..) linked by serial, UDID and Entra
 * device id key: each record joins the first record that had the same key. Each phase of the join is a function of
 * its own, so that the engine optimises each loop with its own type feedback.
 */
function unionRecords(t: Tables, isMacI: Uint8Array, isMacE: Uint8Array): Int32Array {
  const { intune, entra, jamf, accounts, keys } = t;
  const nJ = jamf.n;
  const nI = intune.n;
  const nE = entra.n;
  const parent = new Int32Array(nJ + nI + nE);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const firstSerial = new Int32Array(keys.serial.size).fill(-1);
  const firstUdid = new Int32Array(keys.udid.size).fill(-1);
  const firstDevice = new Int32Array(keys.deviceId.size).fill(-1);
  const astart = t.accountStart;
  for (let i = 0; i < nJ; i++) {
    link(parent, firstSerial, jamf.keys.serialKey[i]!, i);
    link(parent, firstUdid, jamf.keys.udidKey[i]!, i);
    for (let r = astart[i]!; r < astart[i + 1]!; r++) link(parent, firstDevice, accounts.keys.deviceIdKey[r]!, i);
  }
  for (let j = 0; j < nI; j++) {
    if (!isMacI[j]) continue;
    const node = nJ + j;
    link(parent, firstSerial, intune.keys.serialKey[j]!, node);
    link(parent, firstUdid, intune.keys.udidKey[j]!, node);
    link(parent, firstDevice, intune.keys.deviceIdKey[j]!, node);
  }
  for (let k = 0; k < nE; k++) if (isMacE[k]) link(parent, firstDevice, entra.keys.deviceIdKey[k]!, nJ + nI + k);
  return parent;
}

/** Joins `node` to the first node that had `key` (or makes it that node). */
function link(parent: Int32Array, first: Int32Array, key: number, node: number): void {
  if (key < 0) return;
  const seen = first[key]!;
  if (seen === -1) {
    first[key] = node;
    return;
  }
  const ra = find(parent, seen);
  const rb = find(parent, node);
  if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
}

/** One Mac per root, numbered in the order the records first reach it (Jamf, then Intune, then Entra). */
function numberMacs(
  parent: Int32Array,
  nJ: number,
  nI: number,
  nE: number,
  isMacI: Uint8Array,
  isMacE: Uint8Array,
): { macCount: number; macOfJamf: Int32Array; macOfIntune: Int32Array; macOfEntra: Int32Array } {
  const rootMac = new Int32Array(parent.length).fill(-1);
  let macCount = 0;
  const macOfJamf = new Int32Array(nJ);
  for (let i = 0; i < nJ; i++) {
    const root = find(parent, i);
    let m = rootMac[root]!;
    if (m < 0) {
      m = macCount++;
      rootMac[root] = m;
    }
    macOfJamf[i] = m;
  }
  const macOfIntune = new Int32Array(nI).fill(-1);
  for (let j = 0; j < nI; j++) {
    if (!isMacI[j]) continue;
    const root = find(parent, nJ + j);
    let m = rootMac[root]!;
    if (m < 0) {
      m = macCount++;
      rootMac[root] = m;
    }
    macOfIntune[j] = m;
  }
  const macOfEntra = new Int32Array(nE).fill(-1);
  for (let k = 0; k < nE; k++) {
    if (!isMacE[k]) continue;
    const root = find(parent, nJ + nI + k);
    let m = rootMac[root]!;
    if (m < 0) {
      m = macCount++;
      rootMac[root] = m;
    }
    macOfEntra[k] = m;
  }
  return { macCount, macOfJamf, macOfIntune, macOfEntra };
}

/** Each Mac's serial key: the smallest of its records' serials (as strings compare), -1 none. */
function macSerials(t: Tables, macCount: number, macOfJamf: Int32Array, macOfIntune: Int32Array): Int32Array {
  const { intune, jamf, keys } = t;
  const macSerial = new Int32Array(macCount).fill(-1);
  for (let i = 0; i < jamf.n; i++) takeSerial(keys.serial, macSerial, macOfJamf[i]!, jamf.keys.serialKey[i]!);
  for (let j = 0; j < intune.n; j++)
    if (macOfIntune[j]! >= 0) takeSerial(keys.serial, macSerial, macOfIntune[j]!, intune.keys.serialKey[j]!);
  return macSerial;
}

function takeSerial(dict: KeyDict, macSerial: Int32Array, m: number, s: number): void {
  if (s < 0) return;
  const cur = macSerial[m]!;
  if (cur === -1 || (cur !== s && dict.compare(s, cur) < 0)) macSerial[m] = s;
}

const EMPTY: never[] = Object.freeze([]) as unknown as never[];

/**
 * The joined fleet as columns: which records make up each Mac (record indexes per Mac), each Mac's serial and
 * users as key ids, and the users by key. Checks read it directly; `mac(m)` materialises one Mac as the object
 * the rest of the code knows, on demand.
 */
export class FleetIndex {
  readonly macCount: number;
  /** The Mac of each Jamf computer / Intune device / Entra device (-1 when the record is not a Mac's). */
  readonly macOfJamf: Int32Array;
  readonly macOfIntune: Int32Array;
  readonly macOfEntra: Int32Array;
  readonly jamf: PerMac;
  readonly intune: PerMac;
  readonly entra: PerMac;
  /** Each Mac's serial key (the smallest of its normalised serials), -1 none. */
  readonly macSerial: Int32Array;
  /** User key → users row (usersByKey), -1 none. */
  readonly userOfKey: Int32Array;
  /** User id key → users row (usersById), -1 none. */
  readonly userOfId: Int32Array;
  /** Each Mac's users (user key ids, the UPN when the directory knows the user by mail), sorted as strings. */
  readonly users: PerMac;
  /** Entra rows kept as Macs' (macOS, or referenced by a Mac's Jamf or Intune record), in order. */
  readonly entraMacRows: Int32Array;
  readonly ignoredIntune: number;
  readonly ignoredEntra: number;
  /** Intune Mac records with managementAgent jamf. */
  readonly jamfAgentCount: number;
  /** Macs built so far, by Mac (allocated on the first one: most runs build few or none). */
  private macCache: Array<Mac | undefined> | null = null;
  private readonly logsByMac = new Map<number, MacLogEvidence>();
  private readonly complianceByMac = new Map<number, Mac['jamfCompliance']>();

  constructor(
    readonly t: Tables,
    jamfCompliance: Collected['jamfCompliance'],
    /** Intune rows left out of the fleet (leftovers of a stopped legacy connector, see model/mode.ts). */
    hidden: Int32Array = new Int32Array(0),
  ) {
    const { keys } = t;
    const nJ = t.jamf.n;
    const nI = t.intune.n;
    const nE = t.entra.n;

    // Which Intune and Entra records are Macs'.
    const { isMacI, isMacE, ignoredIntune, ignoredEntra, jamfAgentCount } = macRecords(t, hidden);

    // Nodes: Jamf 0..nJ-1, Intune nJ.., Entra nJ+nI.. (records that are not Macs stay alone and unused).
    const parent = unionRecords(t, isMacI, isMacE);

    // One Mac per root, numbered in the order the records first reach it (Jamf, then Intune, then Entra).
    const { macCount, macOfJamf, macOfIntune, macOfEntra } = numberMacs(parent, nJ, nI, nE, isMacI, isMacE);
    let kept = 0;
    const entraMacRows = new Int32Array(nE - ignoredEntra);
    for (let k = 0; k < nE; k++) if (isMacE[k]) entraMacRows[kept++] = k;

    this.macCount = macCount;
    this.macOfJamf = macOfJamf;
    this.macOfIntune = macOfIntune;
    this.macOfEntra = macOfEntra;
    this.jamf = perMac(macCount, macOfJamf);
    this.intune = perMac(macCount, macOfIntune);
    this.entra = perMac(macCount, macOfEntra);
    this.entraMacRows = entraMacRows;
    this.ignoredIntune = ignoredIntune;
    this.ignoredEntra = ignoredEntra;
    this.jamfAgentCount = jamfAgentCount;

    // Serial of each Mac: the smallest of its records' serials (as strings compare).
    this.macSerial = macSerials(t, macCount, macOfJamf, macOfIntune);

    // Users by key and by id, with the semantics of sequential Map.set: the last user wins a UPN or an id, a
    // mail is taken only when no user holds that key yet.
    const users = t.users;
    const userOfKey = new Int32Array(keys.user.size).fill(-1);
    const userOfId = new Int32Array(keys.userId.size).fill(-1);
    for (let u = 0; u < users.n; u++) {
      const id = users.keys.idKey[u]!;
      if (id >= 0) userOfId[id] = u;
      const upn = users.keys.upnKey[u]!;
      if (upn >= 0) userOfKey[upn] = u;
      const mail = users.keys.mailKey[u]!;
      if (mail >= 0 && userOfKey[mail] === -1) userOfKey[mail] = u;
    }
    this.userOfKey = userOfKey;
    this.userOfId = userOfId;
    this.users = this.macUsers();

    if (jamfCompliance.length) {
      const macByJamfId = new Map<string, number>();
      // As the object join did: Macs in order, the last one holding an id wins it.
      for (let m = 0; m < macCount; m++)
        for (let x = this.jamf.start[m]!; x < this.jamf.start[m + 1]!; x++)
          macByJamfId.set(t.jamf.str.id.get(this.jamf.list[x]!)!, m);
      for (const info of jamfCompliance) {
        const m = macByJamfId.get(info.computerId);
        if (m === undefined) continue;
        const list = this.complianceByMac.get(m);
        if (list) list.push(info);
        else this.complianceByMac.set(m, [info]);
      }
    }
  }

  /**
   * Each Mac's users: the (mapped) user keys of its Jamf computers (the computer's user, then its accounts' users
   * by id), then of its Intune devices, each once in that order of first sight, then sorted as strings when there
   * are several. Written straight into one growing list (a Mac's users are list[s] .. list[n-1] while it is built).
   */
  private macUsers(): PerMac {
    const { jamf, intune, accounts, users, keys } = this.t;
    const M = this.macCount;
    const start = new Int32Array(M + 1);
    const list = new GrowI32(M + 16);
    const userOfKey = this.userOfKey;
    const userOfId = this.userOfId;
    const upnKey = users.keys.upnKey;
    const accountStart = this.t.accountStart;
    const jamfUser = jamf.keys.userKey;
    const accountUserId = accounts.keys.userIdKey;
    const intuneUser = intune.keys.userKey;
    const { start: jStart, list: jList } = this.jamf;
    const { start: iStart, list: iList } = this.intune;
    // Adds user key k as the Mac lists it (the UPN of the directory user known by that key, else the key) unless
    // the Mac has it already.
    const add = (s: number, k: number): void => {
      if (k < 0) return;
      const u = userOfKey[k]!;
      let v = k;
      if (u >= 0) {
        const upn = upnKey[u]!;
        if (upn >= 0) v = upn;
      }
      const a = list.a;
      for (let j = s; j < list.n; j++) if (a[j] === v) return;
      list.push(v);
    };
    for (let m = 0; m < M; m++) {
      const s = list.n;
      for (let x = jStart[m]!; x < jStart[m + 1]!; x++) {
        const i = jList[x]!;
        add(s, jamfUser[i]!);
        for (let r = accountStart[i]!; r < accountStart[i + 1]!; r++) {
          const idk = accountUserId[r]!;
          if (idk < 0) continue;
          const u = userOfId[idk]!;
          if (u >= 0) add(s, upnKey[u]!);
        }
      }
      for (let x = iStart[m]!; x < iStart[m + 1]!; x++) add(s, intuneUser[iList[x]!]!);
      if (list.n - s > 1) {
        const mine = Array.from(list.a.subarray(s, list.n));
        mine.sort((a, b) => keys.user.compare(a, b));
        list.a.set(mine, s);
      }
      start[m + 1] = list.n;
    }
    return { start, list: list.done() };
  }

  /** How many distinct users the Macs have. */
  userCount(): number {
    const seen = new Uint8Array(this.t.keys.user.size);
    let users = 0;
    const list = this.users.list;
    for (let x = 0; x < list.length; x++) {
      const k = list[x]!;
      if (!seen[k]) {
        seen[k] = 1;
        users++;
      }
    }
    return users;
  }

  /** Adds the users of Macs `macs` to `out` (each user key read as a string once). */
  addUsersOf(macs: readonly number[], out: Set<string>): void {
    const added = new Uint8Array(this.t.keys.user.size);
    const { start, list } = this.users;
    for (const m of macs)
      for (let x = start[m]!; x < start[m + 1]!; x++) {
        const k = list[x]!;
        if (added[k] === 1) continue;
        added[k] = 1;
        out.add(this.t.keys.user.get(k));
      }
  }

  /** The Mac's subject id: its serial, else `jamf:<id>`, `intune:<id>` or `entra:<deviceId>`. */
  key(m: number): string {
    const s = this.macSerial[m]!;
    if (s >= 0) return this.t.keys.serial.get(s);
    if (this.jamf.start[m + 1]! > this.jamf.start[m]!)
      return `jamf:${this.t.jamf.str.id.get(this.jamf.list[this.jamf.start[m]!]!)}`;
    if (this.intune.start[m + 1]! > this.intune.start[m]!)
      return `intune:${this.t.intune.str.id.get(this.intune.list[this.intune.start[m]!]!)}`;
    const e = this.entra.list[this.entra.start[m]!]!;
    const d = this.t.entra.keys.deviceIdKey[e]!;
    return `entra:${d >= 0 ? this.t.keys.deviceId.get(d) : (this.t.entra.str.id.get(e) ?? 'unknown')}`;
  }

  /** The Mac's display name: its first Jamf computer's, else Intune device's, else Entra device's. */
  name(m: number): string | null {
    const t = this.t;
    const j = this.jamf.start[m]! < this.jamf.start[m + 1]! ? this.jamf.list[this.jamf.start[m]!]! : -1;
    if (j >= 0) {
      const v = t.jamf.str.name.get(j);
      if (v !== null) return v;
    }
    const i = this.intune.start[m]! < this.intune.start[m + 1]! ? this.intune.list[this.intune.start[m]!]! : -1;
    if (i >= 0) {
      const v = t.intune.str.deviceName.get(i);
      if (v !== null) return v;
    }
    const e = this.entra.start[m]! < this.entra.start[m + 1]! ? this.entra.list[this.entra.start[m]!]! : -1;
    return e >= 0 ? t.entra.str.displayName.get(e) : null;
  }

  /** The Mac's main user (its first user key), as subjects name it. */
  mainUser(m: number): string | null {
    const s = this.users.start[m]!;
    return s < this.users.start[m + 1]! ? this.t.keys.user.get(this.users.list[s]!) : null;
  }

  private keyIndex: Map<string, number> | null = null;

  /** The first Mac (in Mac order) whose subject id is `key`, or -1: one map of every Mac's key, built once. */
  macOfKey(key: string): number {
    if (!this.keyIndex) {
      const map = new Map<string, number>();
      for (let m = 0; m < this.macCount; m++) {
        const k = this.key(m);
        if (!map.has(k)) map.set(k, m);
      }
      this.keyIndex = map;
    }
    return this.keyIndex.get(key) ?? -1;
  }

  private firstEntraOfKey: Int32Array | null = null;
  private entraById: Map<string, number> | null = null;

  /**
   * The first Entra macOS device (of entraMacDevices) whose normalised device id is `deviceId`, else the first whose
   * object id is `id`: the lookups of the fix planners, without a scan of every device per finding.
   */
  firstEntra(deviceId: string | null, id: string): EntraDevice | undefined {
    const t = this.t;
    const k = deviceId === null ? -1 : t.keys.deviceId.find(deviceId);
    if (k >= 0) {
      if (!this.firstEntraOfKey) {
        const map = new Int32Array(t.keys.deviceId.size).fill(-1);
        for (const e of this.entraMacRows) {
          const d = t.entra.keys.deviceIdKey[e]!;
          if (d >= 0 && map[d] === -1) map[d] = e;
        }
        this.firstEntraOfKey = map;
      }
      const e = this.firstEntraOfKey[k]!;
      if (e >= 0) return t.entraRecord(e);
    }
    if (!this.entraById) {
      const map = new Map<string, number>();
      for (const e of this.entraMacRows) {
        const v = t.entra.str.id.get(e)!;
        if (!map.has(v)) map.set(v, e);
      }
      this.entraById = map;
    }
    const e = this.entraById.get(id);
    return e === undefined ? undefined : t.entraRecord(e);
  }

  /** The Jamf compliance information of Mac m's computers (empty when none). */
  macJamfCompliance(m: number): Mac['jamfCompliance'] {
    return this.complianceByMac.get(m) ?? EMPTY;
  }

  /** Macs that have Jamf compliance information, in Mac order. */
  macsWithCompliance(): number[] {
    return [...this.complianceByMac.keys()].sort((a, b) => a - b);
  }

  private entraOfKey: Int32Array | null = null;

  /** The last Entra macOS device (of entraMacDevices) with this normalised device id. */
  entraByDeviceId(deviceId: string): EntraDevice | undefined {
    const k = this.t.keys.deviceId.find(deviceId);
    if (k < 0) return undefined;
    if (!this.entraOfKey) {
      const map = new Int32Array(this.t.keys.deviceId.size).fill(-1);
      for (const e of this.entraMacRows) {
        const d = this.t.entra.keys.deviceIdKey[e]!;
        if (d >= 0) map[d] = e;
      }
      this.entraOfKey = map;
    }
    const e = this.entraOfKey[k]!;
    return e >= 0 ? this.t.entraRecord(e) : undefined;
  }

  setLogs(m: number, evidence: MacLogEvidence): void {
    this.logsByMac.set(m, evidence);
    const cached = this.macCache?.[m];
    if (cached) cached.logs = evidence;
  }

  /** Mac m as an object (built once, then the same object). */
  mac(m: number): Mac {
    const hit = this.macCache?.[m];
    if (hit) return hit;
    const t = this.t;
    const rows = (p: PerMac): number[] => {
      const out: number[] = [];
      for (let x = p.start[m]!; x < p.start[m + 1]!; x++) out.push(p.list[x]!);
      return out;
    };
    const jamf = rows(this.jamf).map((i) => t.jamfRecord(i));
    const intune = rows(this.intune).map((i) => t.intuneRecord(i));
    const entra = rows(this.entra).map((i) => t.entraRecord(i));
    const ids: number[] = [];
    const addId = (k: number): void => {
      if (k >= 0 && !ids.includes(k)) ids.push(k);
    };
    for (const i of rows(this.jamf))
      for (let r = t.accountStart[i]!; r < t.accountStart[i + 1]!; r++) addId(t.accounts.keys.deviceIdKey[r]!);
    for (const i of rows(this.intune)) addId(t.intune.keys.deviceIdKey[i]!);
    for (const e of rows(this.entra)) addId(t.entra.keys.deviceIdKey[e]!);
    const deviceIds = ids.map((k) => t.keys.deviceId.get(k));
    if (deviceIds.length > 1) deviceIds.sort();
    const userKeys = rows(this.users).map((k) => t.keys.user.get(k));
    const s = this.macSerial[m]!;
    const mac: Mac = {
      key: this.key(m),
      serial: s >= 0 ? t.keys.serial.get(s) : null,
      name: this.name(m),
      jamf: jamf.length ? jamf : EMPTY,
      intune: intune.length ? intune : EMPTY,
      entra: entra.length ? entra : EMPTY,
      deviceIds: deviceIds.length ? deviceIds : EMPTY,
      userKeys: userKeys.length ? userKeys : EMPTY,
      jamfCompliance: this.complianceByMac.get(m) ?? EMPTY,
    };
    const logs = this.logsByMac.get(m);
    if (logs) mac.logs = logs;
    this.macCache ??= new Array(this.macCount);
    this.macCache[m] = mac;
    return mac;
  }

  /** Every Mac as objects (costly for a large fleet: the hot checks read the columns instead). */
  allMacs(): Mac[] {
    const out = new Array<Mac>(this.macCount);
    for (let m = 0; m < this.macCount; m++) out[m] = this.mac(m);
    return out;
  }

  private serialMac: Int32Array | null = null;

  /** The Mac that has a record with this (normalised) serial, or -1. */
  macOfSerial(serial: string | null): number {
    const s = this.t.keys.serial.find(serial);
    if (s < 0) return -1;
    if (!this.serialMac) {
      const { jamf, intune } = this.t;
      const map = new Int32Array(this.t.keys.serial.size).fill(-1);
      for (let i = 0; i < jamf.n; i++) {
        const k = jamf.keys.serialKey[i]!;
        if (k >= 0 && map[k] === -1) map[k] = this.macOfJamf[i]!;
      }
      for (let j = 0; j < intune.n; j++) {
        const k = intune.keys.serialKey[j]!;
        if (k >= 0 && map[k] === -1 && this.macOfIntune[j]! >= 0) map[k] = this.macOfIntune[j]!;
      }
      this.serialMac = map;
    }
    return this.serialMac[s]!;
  }

  /**
   * The Macs whose subject id (Mac key) is asked for, in Mac order. Several Macs can share one id (Macs without a
   * serial whose Jamf or Intune records carry the same id): all of them are returned.
   */
  macsByKey(wanted: ReadonlySet<string>): number[] {
    const out: number[] = [];
    if (wanted.size === 0) return out;
    const bySerial = new Uint8Array(this.t.keys.serial.size);
    let prefixed = false;
    for (const k of wanted) {
      if (k.includes(':')) prefixed = true;
      const s = this.t.keys.serial.find(k);
      if (s >= 0) bySerial[s] = 1;
    }
    for (let m = 0; m < this.macCount; m++) {
      const s = this.macSerial[m]!;
      if (s >= 0) {
        if (bySerial[s] === 1) out.push(m);
      } else if (prefixed && wanted.has(this.key(m))) out.push(m);
    }
    return out;
  }
}

/**
 * Joins Jamf computers, Intune managed devices and Entra devices into one Mac per physical computer, by serial
 * number, Entra device id and UDID, through integer key ids: no Mac scans another dataset, and no Mac object is
 * built until something asks for it.
 */
export function buildFleet(c: Collected): Fleet {
  const tables = c.tables ?? tablesOf(new Keys(), c);
  const migration = classifyTenant(c, tables);
  const index = new FleetIndex(tables, c.jamfCompliance, migration.leftovers);
  const macLogs = attachLogs(index, c.macLogs ?? []);
  let macs: Mac[] | undefined;
  let entraMacDevices: EntraDevice[] | undefined;
  let legacyLeftovers: IntuneDevice[] | undefined;
  let usersByKey: Map<string, User> | undefined;
  let usersById: Map<string, User> | undefined;
  const views = new FleetViews(index, c.datasets, {
    installedProfiles: c.jamfInstalledProfiles ?? new Map(),
    applications: c.jamfApplications ?? new Map(),
  });
  let entraNames: EntraNames | undefined;
  return {
    asOf: c.asOf,
    tenant: c.tenant,
    datasets: c.datasets,
    mode: migration.mode,
    index,
    eachMac: () => new MacView(views),
    macsByUser: (include) => views.macsByUser(include),
    entraMacDevice: (deviceId) => views.entraMacDevice(deviceId),
    entraNames: () => {
      entraNames ??= new EntraNames(index);
      return entraNames;
    },
    get macs() {
      macs ??= index.allMacs();
      return macs;
    },
    get entraMacDevices() {
      entraMacDevices ??= Array.from(index.entraMacRows, (k) => tables.entraRecord(k));
      return entraMacDevices;
    },
    ignoredNonMac: { intune: index.ignoredIntune, entra: index.ignoredEntra },
    get legacyLeftovers() {
      legacyLeftovers ??= Array.from(migration.leftovers, (i) => tables.intuneRecord(i));
      return legacyLeftovers;
    },
    get usersByKey() {
      if (!usersByKey) {
        usersByKey = new Map();
        for (let k = 0; k < index.userOfKey.length; k++) {
          const u = index.userOfKey[k]!;
          if (u >= 0) usersByKey.set(tables.keys.user.get(k), tables.userRecord(u));
        }
      }
      return usersByKey;
    },
    get usersById() {
      if (!usersById) {
        usersById = new Map();
        for (let k = 0; k < index.userOfId.length; k++) {
          const u = index.userOfId[k]!;
          if (u >= 0) usersById.set(tables.keys.userId.get(k), tables.userRecord(u));
        }
      }
      return usersById;
    },
    legacyPartners: c.legacyPartners,
    compliancePartners: c.compliancePartners,
    compliancePolicies: c.compliancePolicies,
    groups: c.groups,
    applications: c.applications,
    servicePrincipals: c.servicePrincipals,
    permissionGrants: c.permissionGrants,
    skus: c.skus,
    conditionalAccessPolicies: c.conditionalAccessPolicies,
    macosProfiles: c.macosProfiles ?? [],
    jamf: { version: c.jamfVersion, checkInFrequency: c.checkInFrequency },
    network: c.network,
    macLogs,
  };
}

/** Attaches each Mac folder's log evidence to the Mac with the same serial (or none: then `mac` is null). */
function attachLogs(index: FleetIndex, logs: readonly MacLogEvidence[]): Fleet['macLogs'] {
  if (logs.length === 0) return [];
  return logs.map((evidence) => {
    const m = evidence.serial ? index.macOfSerial(normSerial(evidence.serial)) : -1;
    if (m < 0) return { evidence, mac: null };
    const mac = index.mac(m);
    if (!mac.logs) index.setLogs(m, evidence);
    return { evidence, mac };
  });
}
