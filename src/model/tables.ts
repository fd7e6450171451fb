import {
  EnumDict,
  GrowF64,
  GrowI8,
  GrowI32,
  internRefs,
  type KeyDict,
  type Keys,
  type StrCol,
  StrColBuilder,
} from './columns.js';
import { normDeviceId, normSerial, normUdid, normUser } from './keys.js';
import type { AccountRows, EntraPage, IntunePage, JamfPage, KeyRef, UserPage } from './page.js';
import type { EntraDevice, IntuneDevice, JamfComputer, JamfLocalAccount, User } from './types.js';

/**
 * The four large datasets as column tables. A table is filled from compact records (live collection, small
 * snapshots, tests) or from scanned page columns (large snapshots); either way a record comes back out of
 * `record(i)` equal to the one that went in.
 */

type Def<S extends string, E extends string, D extends string, B extends string, K extends string> = {
  str: readonly S[];
  enums: readonly E[];
  dates: readonly D[];
  bools: readonly B[];
  keys: Readonly<Record<K, keyof Keys>>;
};

const def = <S extends string, E extends string, D extends string, B extends string, K extends string>(
  d: Def<S, E, D, B, K>,
) => d;

const INTUNE = def({
  str: ['id', 'deviceName', 'serialNumber', 'azureADDeviceId', 'userPrincipalName', 'userId', 'udid'],
  enums: ['managementAgent', 'complianceState', 'deviceRegistrationState', 'operatingSystem', 'osVersion'],
  dates: ['lastSyncDateTime', 'enrolledDateTime'],
  bools: [],
  keys: { serialKey: 'serial', deviceIdKey: 'deviceId', udidKey: 'udid', userKey: 'user' },
});
const ENTRA = def({
  str: ['id', 'deviceId', 'displayName'],
  enums: ['operatingSystem', 'managementType', 'trustType'],
  dates: ['approximateLastSignInDateTime', 'registrationDateTime'],
  bools: ['accountEnabled', 'isCompliant', 'isManaged'],
  keys: { deviceIdKey: 'deviceId' },
});
const JAMF = def({
  str: ['id', 'udid', 'name', 'serialNumber', 'username', 'email', 'realname'],
  enums: ['osVersion'],
  dates: ['lastCheckIn', 'lastContact', 'reportDate'],
  bools: ['managed', 'hasAccounts'],
  keys: { serialKey: 'serial', udidKey: 'udid', userKey: 'user' },
});
const ACCOUNTS = def({
  str: ['username', 'computerAzureActiveDirectoryId', 'userAzureActiveDirectoryId'],
  enums: ['azureActiveDirectoryId'],
  dates: [],
  bools: [],
  keys: { deviceIdKey: 'deviceId', userIdKey: 'userId' },
});
const USERS = def({
  str: ['id', 'userPrincipalName', 'mail', 'displayName'],
  enums: ['plans'],
  dates: [],
  bools: ['accountEnabled', 'hasPlans'],
  keys: { idKey: 'userId', upnKey: 'user', mailKey: 'user' },
});

type AnyDef = Def<string, string, string, string, string>;

/** Finished columns of one table. */
export class Columns<S extends string, E extends string, D extends string, B extends string, K extends string> {
  constructor(
    readonly n: number,
    readonly str: Readonly<Record<S, StrCol>>,
    /** Codes into the fleet's EnumDict, -1 null. */
    readonly enums: Readonly<Record<E, Int32Array>>,
    /** Epoch ms, NaN null. */
    readonly dates: Readonly<Record<D, Float64Array>>,
    /** 1, 0, -1 null. */
    readonly bools: Readonly<Record<B, Int8Array>>,
    /** Key ids into the fleet's key dictionaries, -1 null. */
    readonly keys: Readonly<Record<K, Int32Array>>,
  ) {}
}

class ColumnsBuilder {
  readonly str: Record<string, StrColBuilder> = {};
  readonly enums: Record<string, GrowI32> = {};
  readonly dates: Record<string, GrowF64> = {};
  readonly bools: Record<string, GrowI8> = {};
  readonly keys: Record<string, GrowI32> = {};
  n = 0;
  constructor(readonly d: AnyDef) {
    for (const f of d.str) this.str[f] = new StrColBuilder();
    for (const f of d.enums) this.enums[f] = new GrowI32();
    for (const f of d.dates) this.dates[f] = new GrowF64();
    for (const f of d.bools) this.bools[f] = new GrowI8();
    for (const f of Object.keys(d.keys)) this.keys[f] = new GrowI32();
  }
  /** Makes room for `more` records. */
  reserve(more: number, keys: Keys): void {
    for (const b of Object.values(this.str)) b.reserve(more);
    for (const b of Object.values(this.enums)) b.reserve(more);
    for (const b of Object.values(this.dates)) b.reserve(more);
    for (const b of Object.values(this.bools)) b.reserve(more);
    for (const [f, dict] of Object.entries(this.d.keys)) {
      this.keys[f]!.reserve(more);
      (keys[dict as keyof Keys] as KeyDict).expect(more);
    }
  }
  /** Adds a page's columns (any object with the def's fields as StrRef, page-dict codes, dates, bools, KeyRefs). */
  addPage(p: Record<string, unknown>, n: number, heap: Uint8Array, codes: Int32Array, keys: Keys): void {
    for (const f of this.d.str) this.str[f]!.addRefs(heap, p[f] as Int32Array, n);
    for (const f of this.d.enums) {
      const src = p[f] as Int32Array;
      const out = this.enums[f]!;
      out.reserve(n);
      const a = out.a;
      const k0 = out.n;
      for (let i = 0; i < n; i++) {
        const c = src[i]!;
        a[k0 + i] = c < 0 ? -1 : codes[c]!;
      }
      out.n = k0 + n;
    }
    for (const f of this.d.dates) {
      const out = this.dates[f]!;
      out.reserve(n);
      out.a.set((p[f] as Float64Array).subarray(0, n), out.n);
      out.n += n;
    }
    for (const f of this.d.bools) {
      const out = this.bools[f]!;
      out.reserve(n);
      out.a.set((p[f] as Int8Array).subarray(0, n), out.n);
      out.n += n;
    }
    for (const [f, dict] of Object.entries(this.d.keys)) {
      const k = p[f] as KeyRef;
      internRefs(keys[dict as keyof Keys] as KeyDict, heap, k.ref, k.hash, n, this.keys[f]!, k.nid);
    }
    this.n += n;
  }
  done<S extends string, E extends string, D extends string, B extends string, K extends string>(): Columns<
    S,
    E,
    D,
    B,
    K
  > {
    const map = <T, U>(o: Record<string, T>, f: (t: T) => U): Record<string, U> =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
    return new Columns(
      this.n,
      map(this.str, (b) => b.done()),
      map(this.enums, (b) => b.done()),
      map(this.dates, (b) => b.done()),
      map(this.bools, (b) => b.done()),
      map(this.keys, (b) => b.done()),
    ) as unknown as Columns<S, E, D, B, K>;
  }
}

type ColsOf<T> = T extends Def<infer S, infer E, infer D, infer B, infer K> ? Columns<S, E, D, B, K> : never;

export type IntuneColumns = ColsOf<typeof INTUNE>;
export type EntraColumns = ColsOf<typeof ENTRA>;
export type JamfColumns = ColsOf<typeof JAMF>;
export type AccountColumns = ColsOf<typeof ACCOUNTS>;
export type UserColumns = ColsOf<typeof USERS>;

/**
 * A user's enabled plans as one enum value: joined by ',', or NUL + JSON when an id would make that ambiguous (a
 * ',' in an id, an empty id, or the null that records.ts keeps for an empty servicePlanId).
 */
function planSet(plans: readonly (string | null)[]): string {
  const plain =
    plans.every((p) => typeof p === 'string' && p !== '' && !p.includes(',')) && plans[0]?.charCodeAt(0) !== 0;
  return plain ? plans.join(',') : `\u0000${JSON.stringify(plans)}`;
}

function planList(v: string): string[] {
  if (v === '') return [];
  return v.charCodeAt(0) === 0 ? (JSON.parse(v.slice(1)) as string[]) : v.split(',');
}

const dateIn = (v: number | null): number => (v === null ? Number.NaN : v);
const dateOut = (v: number): number | null => (Number.isNaN(v) ? null : v);
const boolIn = (v: boolean | null): number => (v === null ? -1 : v ? 1 : 0);
const boolOut = (v: number): boolean | null => (v < 0 ? null : v === 1);

/** Fills the four tables, from records or from page columns, in record order. */
export class TablesBuilder {
  readonly enums = new EnumDict();
  private readonly intune = new ColumnsBuilder(INTUNE);
  private readonly entra = new ColumnsBuilder(ENTRA);
  private readonly jamf = new ColumnsBuilder(JAMF);
  private readonly accounts = new ColumnsBuilder(ACCOUNTS);
  private readonly accountStart = new GrowI32();
  private readonly users = new ColumnsBuilder(USERS);
  /** The Jamf API version (1–4) each computer came from. */
  private readonly jamfVersions = new GrowI8();
  constructor(readonly keys: Keys) {
    this.accountStart.push(0);
  }

  /** Makes room for about `records` more records of a dataset (from its page count), so nothing grows on the way. */
  expect(kind: 'managedDevices' | 'devices' | 'computers' | 'users', records: number): void {
    if (kind === 'managedDevices') this.intune.reserve(records, this.keys);
    else if (kind === 'devices') this.entra.reserve(records, this.keys);
    else if (kind === 'users') this.users.reserve(records, this.keys);
    else {
      this.jamf.reserve(records, this.keys);
      this.accounts.reserve(records, this.keys);
      this.accountStart.reserve(records);
      this.jamfVersions.reserve(records);
    }
  }

  addIntune(d: IntuneDevice): void {
    const b = this.intune;
    const e = this.enums;
    b.str.id!.addString(d.id);
    b.str.deviceName!.addString(d.deviceName);
    b.str.serialNumber!.addString(d.serialNumber);
    b.str.azureADDeviceId!.addString(d.azureADDeviceId);
    b.str.userPrincipalName!.addString(d.userPrincipalName);
    b.str.userId!.addString(d.userId);
    b.str.udid!.addString(d.udid);
    b.enums.managementAgent!.push(e.code(d.managementAgent));
    b.enums.complianceState!.push(e.code(d.complianceState));
    b.enums.deviceRegistrationState!.push(e.code(d.deviceRegistrationState));
    b.enums.operatingSystem!.push(e.code(d.operatingSystem));
    b.enums.osVersion!.push(e.code(d.osVersion));
    b.dates.lastSyncDateTime!.push(dateIn(d.lastSyncDateTime));
    b.dates.enrolledDateTime!.push(dateIn(d.enrolledDateTime));
    b.keys.serialKey!.push(this.keys.serial.internString(normSerial(d.serialNumber)));
    b.keys.deviceIdKey!.push(this.keys.deviceId.internString(normDeviceId(d.azureADDeviceId)));
    b.keys.udidKey!.push(this.keys.udid.internString(normUdid(d.udid)));
    b.keys.userKey!.push(this.keys.user.internString(normUser(d.userPrincipalName)));
    b.n++;
  }

  addEntra(d: EntraDevice): void {
    const b = this.entra;
    const e = this.enums;
    b.str.id!.addString(d.id);
    b.str.deviceId!.addString(d.deviceId);
    b.str.displayName!.addString(d.displayName);
    b.enums.operatingSystem!.push(e.code(d.operatingSystem));
    b.enums.managementType!.push(e.code(d.managementType));
    b.enums.trustType!.push(e.code(d.trustType));
    b.bools.accountEnabled!.push(boolIn(d.accountEnabled));
    b.bools.isCompliant!.push(boolIn(d.isCompliant));
    b.bools.isManaged!.push(boolIn(d.isManaged));
    b.dates.approximateLastSignInDateTime!.push(dateIn(d.approximateLastSignInDateTime));
    b.dates.registrationDateTime!.push(dateIn(d.registrationDateTime));
    b.keys.deviceIdKey!.push(this.keys.deviceId.internString(normDeviceId(d.deviceId)));
    b.n++;
  }

  addJamf(m: JamfComputer): void {
    const b = this.jamf;
    this.jamfVersions.push(m.apiVersion);
    b.str.id!.addString(m.id);
    b.str.udid!.addString(m.udid);
    b.str.name!.addString(m.name);
    b.str.serialNumber!.addString(m.serialNumber);
    b.str.username!.addString(m.username);
    b.str.email!.addString(m.email);
    b.str.realname!.addString(m.realname);
    b.enums.osVersion!.push(this.enums.code(m.osVersion));
    b.dates.lastCheckIn!.push(dateIn(m.lastCheckIn));
    b.dates.lastContact!.push(dateIn(m.lastContact));
    b.dates.reportDate!.push(dateIn(m.reportDate));
    b.bools.managed!.push(boolIn(m.managed));
    b.bools.hasAccounts!.push(m.localUserAccounts === null ? 0 : 1);
    b.keys.serialKey!.push(this.keys.serial.internString(normSerial(m.serialNumber)));
    b.keys.udidKey!.push(this.keys.udid.internString(normUdid(m.udid)));
    b.keys.userKey!.push(this.keys.user.internString(normUser(m.email)));
    b.n++;
    const a = this.accounts;
    for (const x of m.localUserAccounts ?? []) {
      a.str.username!.addString(x.username);
      a.str.computerAzureActiveDirectoryId!.addString(x.computerAzureActiveDirectoryId);
      a.str.userAzureActiveDirectoryId!.addString(x.userAzureActiveDirectoryId);
      a.enums.azureActiveDirectoryId!.push(this.enums.code(x.azureActiveDirectoryId));
      a.keys.deviceIdKey!.push(this.keys.deviceId.internString(normDeviceId(x.computerAzureActiveDirectoryId)));
      // As the object join: an empty user id names no user (the scanner gives '' as null).
      const uid = x.userAzureActiveDirectoryId;
      a.keys.userIdKey!.push(this.keys.userId.internString(uid ? uid.toLowerCase() : null));
      a.n++;
    }
    this.accountStart.push(a.n);
  }

  addUser(u: User): void {
    const b = this.users;
    b.str.id!.addString(u.id);
    b.str.userPrincipalName!.addString(u.userPrincipalName);
    b.str.mail!.addString(u.mail);
    b.str.displayName!.addString(u.displayName);
    b.bools.accountEnabled!.push(boolIn(u.accountEnabled));
    b.bools.hasPlans!.push(u.hasPlans ? 1 : 0);
    b.enums.plans!.push(this.enums.code(planSet(u.enabledPlans)));
    b.keys.idKey!.push(this.keys.userId.internString(u.id.toLowerCase()));
    b.keys.upnKey!.push(this.keys.user.internString(normUser(u.userPrincipalName)));
    b.keys.mailKey!.push(this.keys.user.internString(normUser(u.mail)));
    b.n++;
  }

  addIntunePage(p: IntunePage): void {
    this.intune.addPage(p as never, p.n, p.heap, this.enums.map(p.dict), this.keys);
  }
  addEntraPage(p: EntraPage): void {
    this.entra.addPage(p as never, p.n, p.heap, this.enums.map(p.dict), this.keys);
  }
  addJamfPage(p: JamfPage, apiVersion: number): void {
    this.jamfVersions.reserve(p.n);
    this.jamfVersions.a.fill(apiVersion, this.jamfVersions.n, this.jamfVersions.n + p.n);
    this.jamfVersions.n += p.n;
    const codes = this.enums.map(p.dict);
    this.jamf.addPage(p as never, p.n, p.heap, codes, this.keys);
    const acc: AccountRows = p.accounts;
    const base = this.accounts.n;
    this.accounts.addPage(acc as never, acc.n, p.heap, codes, this.keys);
    const out = this.accountStart;
    out.reserve(p.n);
    for (let i = 1; i <= p.n; i++) out.a[out.n++] = base + p.accountStart[i]!;
  }
  addUserPage(p: UserPage): void {
    // The scanner joins plan ids by ','; one that starts with NUL would read as the escaped form below.
    const dict = p.dict.map((v) => (v.charCodeAt(0) === 0 ? planSet(v.split(',')) : v));
    this.users.addPage(p as never, p.n, p.heap, this.enums.map(dict), this.keys);
  }

  done(): Tables {
    return new Tables(
      this.keys,
      this.enums,
      this.intune.done(),
      this.entra.done(),
      this.jamf.done(),
      this.accounts.done(),
      this.accountStart.done(),
      this.users.done(),
      this.jamfVersions.done(),
    );
  }
}

/** The four tables, with the records they hold materialised on demand (and cached, so identity holds). */
export class Tables {
  private readonly intuneCache: Array<IntuneDevice | undefined>;
  private readonly entraCache: Array<EntraDevice | undefined>;
  private readonly jamfCache: Array<JamfComputer | undefined>;
  private readonly userCache: Array<User | undefined>;
  private readonly plans = new Map<number, readonly string[]>();
  constructor(
    readonly keys: Keys,
    readonly enums: EnumDict,
    readonly intune: IntuneColumns,
    readonly entra: EntraColumns,
    readonly jamf: JamfColumns,
    readonly accounts: AccountColumns,
    /** Jamf computer i's accounts are rows accountStart[i] .. accountStart[i+1]-1. */
    readonly accountStart: Int32Array,
    readonly users: UserColumns,
    /** The Jamf API version (1–4) each computer came from. */
    private readonly jamfVersions: Int8Array,
  ) {
    this.intuneCache = new Array(intune.n);
    this.entraCache = new Array(entra.n);
    this.jamfCache = new Array(jamf.n);
    this.userCache = new Array(users.n);
  }

  intuneRecord(i: number): IntuneDevice {
    const hit = this.intuneCache[i];
    if (hit) return hit;
    const c = this.intune;
    const e = this.enums;
    const d: IntuneDevice = {
      id: c.str.id.get(i)!,
      deviceName: c.str.deviceName.get(i),
      serialNumber: c.str.serialNumber.get(i),
      azureADDeviceId: c.str.azureADDeviceId.get(i),
      managementAgent: e.value(c.enums.managementAgent[i]!),
      complianceState: e.value(c.enums.complianceState[i]!),
      deviceRegistrationState: e.value(c.enums.deviceRegistrationState[i]!),
      lastSyncDateTime: dateOut(c.dates.lastSyncDateTime[i]!),
      enrolledDateTime: dateOut(c.dates.enrolledDateTime[i]!),
      userPrincipalName: c.str.userPrincipalName.get(i),
      userId: c.str.userId.get(i),
      operatingSystem: e.value(c.enums.operatingSystem[i]!),
      osVersion: e.value(c.enums.osVersion[i]!),
      udid: c.str.udid.get(i),
    };
    this.intuneCache[i] = d;
    return d;
  }

  entraRecord(i: number): EntraDevice {
    const hit = this.entraCache[i];
    if (hit) return hit;
    const c = this.entra;
    const e = this.enums;
    const d: EntraDevice = {
      id: c.str.id.get(i)!,
      deviceId: c.str.deviceId.get(i),
      displayName: c.str.displayName.get(i),
      operatingSystem: e.value(c.enums.operatingSystem[i]!),
      accountEnabled: boolOut(c.bools.accountEnabled[i]!),
      isCompliant: boolOut(c.bools.isCompliant[i]!),
      isManaged: boolOut(c.bools.isManaged[i]!),
      managementType: e.value(c.enums.managementType[i]!),
      trustType: e.value(c.enums.trustType[i]!),
      approximateLastSignInDateTime: dateOut(c.dates.approximateLastSignInDateTime[i]!),
      registrationDateTime: dateOut(c.dates.registrationDateTime[i]!),
    };
    this.entraCache[i] = d;
    return d;
  }

  jamfAccounts(i: number): JamfLocalAccount[] | null {
    if (this.jamf.bools.hasAccounts[i] !== 1) return null;
    const a = this.accounts;
    const out: JamfLocalAccount[] = [];
    for (let r = this.accountStart[i]!; r < this.accountStart[i + 1]!; r++) {
      out.push({
        username: a.str.username.get(r),
        computerAzureActiveDirectoryId: a.str.computerAzureActiveDirectoryId.get(r),
        userAzureActiveDirectoryId: a.str.userAzureActiveDirectoryId.get(r),
        azureActiveDirectoryId: this.enums.value(a.enums.azureActiveDirectoryId[r]!),
      });
    }
    return out;
  }

  jamfRecord(i: number): JamfComputer {
    const hit = this.jamfCache[i];
    if (hit) return hit;
    const c = this.jamf;
    const m: JamfComputer = {
      id: c.str.id.get(i)!,
      udid: c.str.udid.get(i),
      name: c.str.name.get(i),
      serialNumber: c.str.serialNumber.get(i),
      managed: boolOut(c.bools.managed[i]!),
      lastCheckIn: dateOut(c.dates.lastCheckIn[i]!),
      lastContact: dateOut(c.dates.lastContact[i]!),
      reportDate: dateOut(c.dates.reportDate[i]!),
      username: c.str.username.get(i),
      email: c.str.email.get(i),
      realname: c.str.realname.get(i),
      localUserAccounts: this.jamfAccounts(i),
      osVersion: this.enums.value(c.enums.osVersion[i]!),
      apiVersion: this.jamfVersions[i]!,
    };
    this.jamfCache[i] = m;
    return m;
  }

  /** A user's enabled plans (one shared array per distinct set, as records.ts interns them). */
  userPlans(i: number): readonly string[] {
    const code = this.users.enums.plans[i]!;
    let list = this.plans.get(code);
    if (!list) {
      list = planList(this.enums.value(code) ?? '');
      this.plans.set(code, list);
    }
    return list;
  }

  userRecord(i: number): User {
    const hit = this.userCache[i];
    if (hit) return hit;
    const c = this.users;
    const u: User = {
      id: c.str.id.get(i)!,
      userPrincipalName: c.str.userPrincipalName.get(i),
      mail: c.str.mail.get(i),
      displayName: c.str.displayName.get(i),
      accountEnabled: boolOut(c.bools.accountEnabled[i]!),
      enabledPlans: this.userPlans(i),
      hasPlans: c.bools.hasPlans[i] === 1,
    };
    this.userCache[i] = u;
    return u;
  }
}

/** Tables of records already in memory (the object path). */
export function tablesOf(
  keys: Keys,
  records: {
    managedDevices: readonly IntuneDevice[];
    devices: readonly EntraDevice[];
    computers: readonly JamfComputer[];
    users: readonly User[];
  },
): Tables {
  const b = new TablesBuilder(keys);
  for (const d of records.managedDevices) b.addIntune(d);
  for (const d of records.devices) b.addEntra(d);
  for (const m of records.computers) b.addJamf(m);
  for (const u of records.users) b.addUser(u);
  return b.done();
}
