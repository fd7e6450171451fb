import { isoOf } from '../api/common.js';
import type { StrCol } from './columns.js';
import { DATASETS } from './datasets.js';
import type { FleetIndex } from './join.js';
import type {
  DatasetState,
  EntraDevice,
  IntuneDevice,
  JamfApplication,
  JamfComplianceInfo,
  JamfComputer,
  JamfInstalledProfile,
  Mac,
  Millis,
  User,
} from './types.js';

/**
 * Typed views of the columnar fleet: what a check reads instead of columns.
 *
 *   for (const mac of fleet.eachMac())          // every Mac, in Mac order
 *     for (const c of mac.jamf())                // its Jamf computers
 *       if (c.managed === true && c.lastCheckIn !== null && now - c.lastCheckIn > DAY) …
 *
 * A view is a flyweight: one object per loop, moved from row to row, whose getters read the columns of the row it
 * stands on (strings are decoded only when read; dates are `Millis`, epoch ms or null; booleans `boolean | null`).
 * So a loop over a million Macs allocates nothing but the strings it reads. The price is the flyweight rule:
 *
 * - a view is valid until its loop moves on. To keep a Mac beyond its iteration, keep `mac.keep()` (a view of its
 *   own); to keep a record, keep `c.record()` (the compact object, built once and cached);
 * - `mac.jamf()` / `intune()` / `entra()` / `users()` hand out the Mac's one cursor of that kind: two nested loops
 *   over the same kind of the same Mac view throw (take `mac.keep()` for the inner one).
 *
 * `fleet.eachMac()` is the cursor; `fleet.macs` (the Macs as objects, built on first use) stays for small
 * consumers (fix plans, tests): at a million Macs building them costs more than the whole diagnosis.
 *
 * Nothing outside src/model/ reads the columns, the per-Mac offsets or the key dictionaries: the checks read these
 * views (test/e2e/storage-boundary.test.ts enforces it for src/checks/).
 */

export type Field = string | number | boolean | null | string[];

/** The enum value of code c (-1 null) among the fleet's enum values. */
const enumValue = (values: readonly string[], c: number): string | null => (c < 0 ? null : values[c]!);
/**
 * The same string, internalised by the engine (a property key is), so that comparing it with a literal
 * (`d.managementAgent === 'jamf'`) is one pointer comparison instead of a call comparing characters.
 */
const internalised = (v: string): string => Object.keys({ [v]: 0 })[0] ?? v;
const dateOut = (v: number): Millis => (Number.isNaN(v) ? null : v);
const boolOut = (v: number): boolean | null => (v < 0 ? null : v === 1);

/** What every view of a fleet shares: the index, enum values upper-cased, the field readers of evidence. */
export class FleetViews {
  private upper: Array<string | null | undefined> | null = null;
  private readonly readers = new Map<object, Map<string, FieldReader>>();
  /** The fleet's enum values (states, agents, OS versions), internalised: the enum getters read these. */
  readonly values: readonly string[];
  constructor(
    readonly idx: FleetIndex,
    readonly datasets: ReadonlyMap<string, DatasetState>,
    /** The inventory sections read for some computers only, by Jamf computer id. */
    readonly sections: {
      installedProfiles: ReadonlyMap<string, readonly JamfInstalledProfile[]>;
      applications: ReadonlyMap<string, readonly JamfApplication[]>;
    } = { installedProfiles: new Map(), applications: new Map() },
  ) {
    this.values = idx.t.enums.values.map(internalised);
  }

  /** The enum value of code c upper-cased (cached per code), null for null. */
  upperOf(c: number): string | null {
    if (c < 0) return null;
    if (this.upper === null) this.upper = new Array(this.idx.t.enums.values.length);
    let v = this.upper[c];
    if (v === undefined) {
      v = internalised(this.idx.t.enums.value(c)!.toUpperCase());
      this.upper[c] = v;
    }
    return v;
  }

  /** Per list of plans, per plan-set code + 1: 0 not known yet, 1 has one, 2 has none. */
  private readonly planFlags = new Map<readonly string[], Int8Array>();
  /** Whether directory user u has one of `plans` enabled (decided once per distinct plan set). */
  hasPlan(u: number, plans: readonly string[]): boolean {
    const t = this.idx.t;
    let flags = this.planFlags.get(plans);
    if (!flags) {
      flags = new Int8Array(t.enums.values.length + 1);
      this.planFlags.set(plans, flags);
    }
    const code = t.users.enums.plans[u]!;
    if (flags[code + 1] === 0) {
      const enabled = t.userPlans(u);
      flags[code + 1] = plans.some((p) => enabled.includes(p)) ? 1 : 2;
    }
    return flags[code + 1] === 1;
  }

  /**
   * The users of the fleet's Macs, each with the Macs it uses, keeping the pairs (Mac, user) that `include`
   * accepts (called once per pair, Macs in order, a Mac's users in order). The users come in no meaningful order
   * (sort what you keep); each user's Macs come in Mac order.
   */
  macsByUser(include: (mac: MacView, user: UserView) => boolean): UsersOfMacs {
    const idx = this.idx;
    const { start: macStart, list: macUsers } = idx.users;
    // Whether each (Mac, user) pair is kept, at the pair's place in the per-Mac user lists.
    const kept = new Uint8Array(macUsers.length);
    let x = 0;
    for (const m of new MacView(this, 0, idx.macCount, null))
      for (const u of m.users()) kept[x++] = include(m, u) ? 1 : 0;
    const keys = idx.t.keys.user.size;
    const start = new Int32Array(keys + 1);
    for (let p = 0; p < macUsers.length; p++) if (kept[p] === 1) start[macUsers[p]! + 1]!++;
    for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
    const fill = start.slice(0, keys);
    const list = new Int32Array(start[keys]!);
    for (let m = 0; m < idx.macCount; m++)
      for (let p = macStart[m]!; p < macStart[m + 1]!; p++) if (kept[p] === 1) list[fill[macUsers[p]!]!++] = m;
    return new UsersOfMacs(this, start, list);
  }

  /** The last Entra macOS device (joined to a Mac or not) whose normalised device id is `deviceId`, as a record. */
  entraMacDevice(deviceId: string): EntraDevice | undefined {
    return this.idx.entraByDeviceId(deviceId);
  }

  private readonly lists = new WeakMap<
    readonly string[],
    { cols: ColumnLike; readers: Array<FieldReader | undefined> }
  >();
  /** The readers of a list of fields (cached per list: give evidence fields as a constant). */
  readersOf(cols: ColumnLike, fields: readonly string[]): Array<FieldReader | undefined> {
    const hit = this.lists.get(fields);
    if (hit !== undefined && hit.cols === cols) return hit.readers;
    const map = this.fieldReaders(cols);
    const readers = fields.map((f) => map.get(f));
    this.lists.set(fields, { cols, readers });
    return readers;
  }

  /** How each field of a table is read from its columns (built once per table). */
  fieldReaders(cols: ColumnLike): Map<string, FieldReader> {
    let map = this.readers.get(cols);
    if (!map) {
      map = new Map();
      for (const [f, col] of Object.entries(cols.str)) map.set(f, { kind: 0, str: col, num: null, i8: null });
      for (const [f, col] of Object.entries(cols.enums)) map.set(f, { kind: 1, str: null, num: col, i8: null });
      for (const [f, col] of Object.entries(cols.dates)) map.set(f, { kind: 2, str: null, num: col, i8: null });
      for (const [f, col] of Object.entries(cols.bools)) map.set(f, { kind: 3, str: null, num: null, i8: col });
      this.readers.set(cols, map);
    }
    return map;
  }

  /** Record builders (one function each, not a closure per call). */
  readonly jamfRecord = (i: number): object => this.idx.t.jamfRecord(i);
  readonly intuneRecord = (i: number): object => this.idx.t.intuneRecord(i);
  readonly entraRecord = (i: number): object => this.idx.t.entraRecord(i);

  /** The snapshot path the Jamf computers were read from, or null (then each record names its API version). */
  get jamfPath(): string | null {
    return this.datasets.get(DATASETS.computers.id)?.path ?? null;
  }
}

interface ColumnLike {
  str: Readonly<Record<string, StrCol>>;
  enums: Readonly<Record<string, Int32Array>>;
  dates: Readonly<Record<string, Float64Array>>;
  bools: Readonly<Record<string, Int8Array>>;
}

interface FieldReader {
  /** 0 string, 1 enum, 2 date, 3 boolean */
  kind: 0 | 1 | 2 | 3;
  str: StrCol | null;
  num: Int32Array | Float64Array | null;
  i8: Int8Array | null;
}

/**
 * Allow-listed fields of row i as evidence shows them (equal to util.ts `pick` of the row's record): strings, enum
 * values, dates as ISO strings, booleans; a field without a column is read from the record.
 */
function pickRow(
  v: FleetViews,
  cols: ColumnLike,
  fields: readonly string[],
  i: number,
  record: (i: number) => object,
): Record<string, Field> {
  const readers = v.readersOf(cols, fields);
  const out: Record<string, Field> = {};
  for (let x = 0; x < fields.length; x++) {
    const f = fields[x]!;
    const r = readers[x];
    if (r === undefined) {
      const val = (record(i) as Record<string, unknown>)[f];
      out[f] = val === undefined ? null : (val as Field);
    } else if (r.kind === 0) out[f] = r.str!.get(i);
    else if (r.kind === 1) out[f] = v.idx.t.enums.value(r.num![i]!);
    else if (r.kind === 2) {
      const d = r.num![i]!;
      out[f] = Number.isNaN(d) ? null : isoOf(d);
    } else out[f] = boolOut(r.i8![i]!);
  }
  return out;
}

/** The iterator result every cursor hands back (one per cursor: cursors allocate nothing per step). */
interface Step<T> {
  done: boolean;
  value: T;
}

/**
 * A cursor over one Mac's rows of a table (`start[m]`…`start[m + 1]` of `list`): the iteration Jamf, Intune, Entra and
 * user views share. It allocates nothing per step; `row` is the table row it stands on.
 */
abstract class RowCursor<T> implements IterableIterator<T> {
  /** The row this view stands on. */
  protected row = -1;
  private x = 0;
  private end = 0;
  /** @internal iterated now */
  active = false;
  private readonly step: Step<T>;
  constructor(
    private readonly start: Int32Array,
    private readonly list: Int32Array,
  ) {
    this.step = { done: false, value: this as unknown as T };
  }
  /** @internal iterate Mac m's rows */
  over(m: number): void {
    this.x = this.start[m]! - 1;
    this.end = this.start[m + 1]!;
    this.step.done = false;
    this.active = true;
  }
  [Symbol.iterator](): IterableIterator<T> {
    return this;
  }
  next(): IteratorResult<T> {
    if (++this.x < this.end) {
      this.row = this.list[this.x]!;
      return this.step;
    }
    this.active = false;
    this.step.done = true;
    return this.step;
  }
  return(): IteratorResult<T> {
    this.active = false;
    this.step.done = true;
    return this.step;
  }
}

const nested = (what: string): Error =>
  new Error(`a Mac view's ${what}() cursor is already being iterated: use mac.keep().${what}() for a nested loop`);

/** One Mac: its identity, and cursors over its records and users. */
export class MacView implements IterableIterator<MacView> {
  private readonly entraDeviceIds: Int32Array;
  private readonly entraList: Int32Array;
  private readonly jamfStart: Int32Array;
  private readonly intuneStart: Int32Array;
  private readonly entraStart: Int32Array;
  private readonly jamfList: Int32Array;
  private readonly managedCol: Int8Array;
  /** The Mac this view stands on (-1 before the first step). */
  private m = -1;
  /** Position in the range (Mac number, or index into `only`) and its end. */
  private pos = -1;
  private end = 0;
  private only: Int32Array | null = null;
  private readonly step: Step<MacView>;
  private jamfCursor: JamfView | null = null;
  private intuneCursor: IntuneView | null = null;
  private entraCursor: EntraView | null = null;
  private userCursor: UserView | null = null;
  private found: EntraView | null = null;

  /** @internal a cursor over Macs from..end-1, or over only[from..end-1]; built by `fleet.eachMac()`. */
  constructor(
    private readonly v: FleetViews,
    from = 0,
    end = v.idx.macCount,
    only: Int32Array | null = null,
  ) {
    this.step = { done: false, value: this };
    this.entraDeviceIds = v.idx.t.entra.keys.deviceIdKey;
    this.entraList = v.idx.entra.list;
    this.jamfStart = v.idx.jamf.start;
    this.intuneStart = v.idx.intune.start;
    this.entraStart = v.idx.entra.start;
    this.jamfList = v.idx.jamf.list;
    this.managedCol = v.idx.t.jamf.bools.managed;
    this.range(from, end, only);
  }
  /** @internal */
  range(from: number, end: number, only: Int32Array | null): void {
    this.pos = from - 1;
    this.end = end;
    this.only = only;
    this.step.done = false;
  }

  [Symbol.iterator](): MacView {
    return this;
  }
  next(): IteratorResult<MacView> {
    if (++this.pos < this.end) {
      this.m = this.only ? this.only[this.pos]! : this.pos;
      return this.step;
    }
    this.step.done = true;
    return this.step;
  }

  /** A view of this Mac of its own (not moved by the loop), to keep or to iterate nested. */
  keep(): MacView {
    const k = new MacView(this.v, this.m, this.m + 1, null);
    k.next();
    return k;
  }

  /** The Mac's subject id: its serial, else `jamf:<id>`, `intune:<id>` or `entra:<deviceId>`. */
  get key(): string {
    return this.v.idx.key(this.m);
  }
  /** The Mac's serial number (trimmed, upper-cased: the smallest of its records'), or null. */
  get serial(): string | null {
    const s = this.v.idx.macSerial[this.m]!;
    return s >= 0 ? this.v.idx.t.keys.serial.get(s) : null;
  }
  /** Its first Jamf computer's name, else Intune device's, else Entra device's. */
  get name(): string | null {
    return this.v.idx.name(this.m);
  }
  /** Its main user (the first of its users, lower-cased UPN or e-mail), as subjects name it. */
  get mainUser(): string | null {
    return this.v.idx.mainUser(this.m);
  }

  get jamfCount(): number {
    return this.jamfStart[this.m + 1]! - this.jamfStart[this.m]!;
  }
  get intuneCount(): number {
    return this.intuneStart[this.m + 1]! - this.intuneStart[this.m]!;
  }
  get entraCount(): number {
    return this.entraStart[this.m + 1]! - this.entraStart[this.m]!;
  }

  /** Whether Jamf Pro manages it: one of its Jamf computers has remoteManagement.managed true. */
  get managedByJamf(): boolean {
    const { jamfStart: start, jamfList: list, managedCol: managed } = this;
    for (let x = start[this.m]!; x < start[this.m + 1]!; x++) if (managed[list[x]!] === 1) return true;
    return false;
  }

  /** Jamf Pro's Device Compliance information of its computers (empty when none was collected). */
  get jamfCompliance(): readonly JamfComplianceInfo[] {
    return this.v.idx.macJamfCompliance(this.m);
  }

  /** Its Jamf computers. */
  jamf(): JamfView {
    let c = this.jamfCursor;
    if (c === null) {
      c = new JamfView(this.v);
      this.jamfCursor = c;
    }
    if (c.active) throw nested('jamf');
    c.over(this.m);
    return c;
  }
  /** Its Intune managed devices. */
  intune(): IntuneView {
    let c = this.intuneCursor;
    if (c === null) {
      c = new IntuneView(this.v);
      this.intuneCursor = c;
    }
    if (c.active) throw nested('intune');
    c.over(this.m);
    return c;
  }
  /** Its Entra devices. */
  entra(): EntraView {
    let c = this.entraCursor;
    if (c === null) {
      c = new EntraView(this.v);
      this.entraCursor = c;
    }
    if (c.active) throw nested('entra');
    c.over(this.m);
    return c;
  }
  /** Its users (Jamf user, Jamf accounts' users, Intune users; each once, sorted). */
  users(): UserView {
    let c = this.userCursor;
    if (c === null) {
      c = new UserView(this.v);
      this.userCursor = c;
    }
    if (c.active) throw nested('users');
    c.over(this.m);
    return c;
  }

  /**
   * Its first Entra device whose device id is the one an Intune record or a Jamf account points to (normalised
   * azureADDeviceId / computerAzureActiveDirectoryId), or null. The view returned is valid until the next call.
   */
  entraOf(r: IntuneView | AccountView): EntraView | null {
    const key = r.deviceIdKey;
    if (key < 0) return null;
    const { entraStart: start, entraList: list, entraDeviceIds: ids } = this;
    for (let y = start[this.m]!; y < start[this.m + 1]!; y++) {
      const e = list[y]!;
      if (ids[e] === key) {
        let f = this.found;
        if (f === null) {
          f = new EntraView(this.v);
          this.found = f;
        }
        f.at(e);
        return f;
      }
    }
    return null;
  }

  /** @internal the Mac's number */
  get number(): number {
    return this.m;
  }

  /** The Mac as the object the rest of the code knows (built once, then cached): for the few Macs reported. */
  toMac(): Mac {
    return this.v.idx.mac(this.m);
  }
}

/** A Jamf Pro computer (computers-inventory record). */
export class JamfView extends RowCursor<JamfView> {
  private readonly accountStart: Int32Array;
  private readonly values: readonly string[];
  private readonly managedCol: Int8Array;
  private readonly checkInCol: Float64Array;
  private readonly accountsCol: Int8Array;
  private accountCursor: AccountView | null = null;
  constructor(private readonly v: FleetViews) {
    super(v.idx.jamf.start, v.idx.jamf.list);
    this.accountStart = v.idx.t.accountStart;
    this.values = v.values;
    this.managedCol = v.idx.t.jamf.bools.managed;
    this.checkInCol = v.idx.t.jamf.dates.lastCheckIn;
    this.accountsCol = v.idx.t.jamf.bools.hasAccounts;
  }

  get id(): string {
    return this.v.idx.t.jamf.str.id.get(this.row)!;
  }
  get name(): string | null {
    return this.v.idx.t.jamf.str.name.get(this.row);
  }
  get udid(): string | null {
    return this.v.idx.t.jamf.str.udid.get(this.row);
  }
  get serialNumber(): string | null {
    return this.v.idx.t.jamf.str.serialNumber.get(this.row);
  }
  get username(): string | null {
    return this.v.idx.t.jamf.str.username.get(this.row);
  }
  get email(): string | null {
    return this.v.idx.t.jamf.str.email.get(this.row);
  }
  get realname(): string | null {
    return this.v.idx.t.jamf.str.realname.get(this.row);
  }
  get osVersion(): string | null {
    return enumValue(this.values, this.v.idx.t.jamf.enums.osVersion[this.row]!);
  }
  /** remoteManagement.managed (null when Jamf Pro did not say). */
  get managed(): boolean | null {
    return boolOut(this.managedCol[this.row]!);
  }
  /** v1–v3 `general.lastContactTime`, v4 `general.lastCheckIn`. */
  get lastCheckIn(): Millis {
    return dateOut(this.checkInCol[this.row]!);
  }
  /** v4 `general.lastContact` (any channel). */
  get lastContact(): Millis {
    return dateOut(this.v.idx.t.jamf.dates.lastContact[this.row]!);
  }
  get reportDate(): Millis {
    return dateOut(this.v.idx.t.jamf.dates.reportDate[this.row]!);
  }
  /** Whether the LOCAL_USER_ACCOUNTS section was returned (when not, the accounts cannot be checked). */
  get accountsRead(): boolean {
    return this.accountsCol[this.row] === 1;
  }
  /**
   * The configuration profiles installed on it (inventory section CONFIGURATION_PROFILES), or null when they were
   * not read for this computer (the collector reads them only where the Entra registration is in question).
   */
  get installedProfiles(): readonly JamfInstalledProfile[] | null {
    return this.v.sections.installedProfiles.get(this.id) ?? null;
  }
  /**
   * Its applications (inventory section APPLICATIONS), or null when they were not read for this computer (the
   * collector reads them only where Device Compliance does not apply).
   */
  get applications(): readonly JamfApplication[] | null {
    return this.v.sections.applications.get(this.id) ?? null;
  }
  /** Its local user accounts (none when they were not read: see accountsRead). */
  accounts(): AccountView {
    let c = this.accountCursor;
    if (c === null) {
      c = new AccountView(this.v);
      this.accountCursor = c;
    }
    if (c.active) throw new Error("a Jamf computer view's accounts() cursor is already being iterated");
    if (this.accountsCol[this.row] === 1) c.over(this.accountStart[this.row]!, this.accountStart[this.row + 1]!);
    else c.over(0, 0);
    return c;
  }
  /** The compact record (built once, then cached). */
  record(): JamfComputer {
    return this.v.idx.t.jamfRecord(this.row);
  }
  /** @internal allow-listed fields for evidence (see util.ts evidence.jamf). */
  pick(fields: readonly string[]): Record<string, Field> {
    return pickRow(this.v, this.v.idx.t.jamf, fields, this.row, this.v.jamfRecord);
  }
  /** @internal the dataset path of its evidence */
  get source(): string {
    return this.v.jamfPath ?? `jamf/api/v${this.record().apiVersion}/computers-inventory`;
  }
}

/** A local user account of a Jamf computer (its Entra registration as Jamf Pro sees it). */
export class AccountView implements IterableIterator<AccountView> {
  private readonly values: readonly string[];
  private readonly stateCol: Int32Array;
  private r = -1;
  private end = 0;
  /** @internal */
  active = false;
  private readonly step: Step<AccountView>;
  constructor(private readonly v: FleetViews) {
    this.step = { done: false, value: this };
    this.values = v.values;
    this.stateCol = v.idx.t.accounts.enums.azureActiveDirectoryId;
  }
  /** @internal */
  over(from: number, end: number): void {
    this.r = from - 1;
    this.end = end;
    this.step.done = false;
    this.active = true;
  }
  [Symbol.iterator](): AccountView {
    return this;
  }
  next(): IteratorResult<AccountView> {
    if (++this.r < this.end) return this.step;
    this.active = false;
    this.step.done = true;
    return this.step;
  }
  return(): IteratorResult<AccountView> {
    this.active = false;
    this.step.done = true;
    return this.step;
  }
  get username(): string | null {
    return this.v.idx.t.accounts.str.username.get(this.r);
  }
  /** The Entra device id Jamf Pro holds for the account (computerAzureActiveDirectoryId). */
  get computerAzureActiveDirectoryId(): string | null {
    return this.v.idx.t.accounts.str.computerAzureActiveDirectoryId.get(this.r);
  }
  get userAzureActiveDirectoryId(): string | null {
    return this.v.idx.t.accounts.str.userAzureActiveDirectoryId.get(this.r);
  }
  /** The registration state as Jamf Pro reports it (azureActiveDirectoryId: ACTIVATED, DEACTIVATED, …). */
  get azureActiveDirectoryId(): string | null {
    return enumValue(this.values, this.v.idx.t.accounts.enums.azureActiveDirectoryId[this.r]!);
  }
  /** The registration state upper-cased ('ACTIVATED', 'DEACTIVATED', 'UNRESPONSIVE', …), null when absent. */
  get registration(): string | null {
    return this.v.upperOf(this.stateCol[this.r]!);
  }
  /** @internal the normalised device id as a key id (-1 none) */
  get deviceIdKey(): number {
    return this.v.idx.t.accounts.keys.deviceIdKey[this.r]!;
  }
}

/** An Intune managed device. */
export class IntuneView extends RowCursor<IntuneView> {
  private readonly values: readonly string[];
  private readonly complianceCol: Int32Array;
  private readonly agentCol: Int32Array;
  private readonly deviceIdCol: Int32Array;
  private readonly serialCol: Int32Array;
  private readonly syncCol: Float64Array;
  private m = -1;
  constructor(private readonly v: FleetViews) {
    super(v.idx.intune.start, v.idx.intune.list);
    this.values = v.values;
    this.complianceCol = v.idx.t.intune.enums.complianceState;
    this.agentCol = v.idx.t.intune.enums.managementAgent;
    this.deviceIdCol = v.idx.t.intune.keys.deviceIdKey;
    this.serialCol = v.idx.t.intune.keys.serialKey;
    this.syncCol = v.idx.t.intune.dates.lastSyncDateTime;
  }
  /** @internal */
  override over(m: number): void {
    this.m = m;
    super.over(m);
  }
  get id(): string {
    return this.v.idx.t.intune.str.id.get(this.row)!;
  }
  get deviceName(): string | null {
    return this.v.idx.t.intune.str.deviceName.get(this.row);
  }
  get serialNumber(): string | null {
    return this.v.idx.t.intune.str.serialNumber.get(this.row);
  }
  get azureADDeviceId(): string | null {
    return this.v.idx.t.intune.str.azureADDeviceId.get(this.row);
  }
  /** azureADDeviceId normalised (trimmed, lower-cased; null when empty or the zero GUID). */
  get entraDeviceId(): string | null {
    const k = this.deviceIdCol[this.row]!;
    return k >= 0 ? this.v.idx.t.keys.deviceId.get(k) : null;
  }
  get userPrincipalName(): string | null {
    return this.v.idx.t.intune.str.userPrincipalName.get(this.row);
  }
  get userId(): string | null {
    return this.v.idx.t.intune.str.userId.get(this.row);
  }
  get udid(): string | null {
    return this.v.idx.t.intune.str.udid.get(this.row);
  }
  /** 'jamf' for a Mac that Jamf Pro reports to Intune; 'mdm' and others for a direct enrolment. */
  get managementAgent(): string | null {
    return enumValue(this.values, this.agentCol[this.row]!);
  }
  get complianceState(): string | null {
    return enumValue(this.values, this.complianceCol[this.row]!);
  }
  get deviceRegistrationState(): string | null {
    return enumValue(this.values, this.v.idx.t.intune.enums.deviceRegistrationState[this.row]!);
  }
  get operatingSystem(): string | null {
    return enumValue(this.values, this.v.idx.t.intune.enums.operatingSystem[this.row]!);
  }
  get osVersion(): string | null {
    return enumValue(this.values, this.v.idx.t.intune.enums.osVersion[this.row]!);
  }
  get lastSyncDateTime(): Millis {
    return dateOut(this.syncCol[this.row]!);
  }
  get enrolledDateTime(): Millis {
    return dateOut(this.v.idx.t.intune.dates.enrolledDateTime[this.row]!);
  }
  /** Whether its serial (normalised) is its Mac's serial. */
  get hasMacSerial(): boolean {
    const s = this.v.idx.macSerial[this.m]!;
    return s >= 0 && this.serialCol[this.row] === s;
  }
  /** Whether this and `other` are the same record. */
  is(other: IntuneView): boolean {
    return this.row === other.row;
  }
  /** A view of this record of its own (not moved by the loop). */
  keep(): IntuneView {
    const k = new IntuneView(this.v);
    k.row = this.row;
    k.m = this.m;
    return k;
  }
  /** @internal the normalised device id as a key id (-1 none) */
  get deviceIdKey(): number {
    return this.deviceIdCol[this.row]!;
  }
  record(): IntuneDevice {
    return this.v.idx.t.intuneRecord(this.row);
  }
  /** @internal */
  pick(fields: readonly string[]): Record<string, Field> {
    return pickRow(this.v, this.v.idx.t.intune, fields, this.row, this.v.intuneRecord);
  }
}

/** An Entra device object. */
export class EntraView extends RowCursor<EntraView> {
  private readonly values: readonly string[];
  private readonly compliantCol: Int8Array;
  constructor(private readonly v: FleetViews) {
    super(v.idx.entra.start, v.idx.entra.list);
    this.values = v.values;
    this.compliantCol = v.idx.t.entra.bools.isCompliant;
  }
  /** @internal stands on row e (a lookup, not a loop) */
  at(e: number): void {
    this.row = e;
  }
  get id(): string {
    return this.v.idx.t.entra.str.id.get(this.row)!;
  }
  get deviceId(): string | null {
    return this.v.idx.t.entra.str.deviceId.get(this.row);
  }
  get displayName(): string | null {
    return this.v.idx.t.entra.str.displayName.get(this.row);
  }
  get operatingSystem(): string | null {
    return enumValue(this.values, this.v.idx.t.entra.enums.operatingSystem[this.row]!);
  }
  get managementType(): string | null {
    return enumValue(this.values, this.v.idx.t.entra.enums.managementType[this.row]!);
  }
  get trustType(): string | null {
    return enumValue(this.values, this.v.idx.t.entra.enums.trustType[this.row]!);
  }
  get accountEnabled(): boolean | null {
    return boolOut(this.v.idx.t.entra.bools.accountEnabled[this.row]!);
  }
  /** What Conditional Access reads: null when not set. */
  get isCompliant(): boolean | null {
    return boolOut(this.compliantCol[this.row]!);
  }
  get isManaged(): boolean | null {
    return boolOut(this.v.idx.t.entra.bools.isManaged[this.row]!);
  }
  get approximateLastSignInDateTime(): Millis {
    return dateOut(this.v.idx.t.entra.dates.approximateLastSignInDateTime[this.row]!);
  }
  get registrationDateTime(): Millis {
    return dateOut(this.v.idx.t.entra.dates.registrationDateTime[this.row]!);
  }
  record(): EntraDevice {
    return this.v.idx.t.entraRecord(this.row);
  }
  /** @internal */
  pick(fields: readonly string[]): Record<string, Field> {
    return pickRow(this.v, this.v.idx.t.entra, fields, this.row, this.v.entraRecord);
  }
}

/** A user of a Mac, by the key the Mac names it with (lower-cased UPN or e-mail), and the directory's user if any. */
export class UserView extends RowCursor<UserView> {
  private readonly userOfKey: Int32Array;
  private readonly plansCol: Int8Array;
  constructor(private readonly v: FleetViews) {
    super(v.idx.users.start, v.idx.users.list);
    this.userOfKey = v.idx.userOfKey;
    this.plansCol = v.idx.t.users.bools.hasPlans;
  }
  /** The user as the Mac names it: lower-cased UPN (or e-mail when the directory does not know the user). */
  get key(): string {
    return this.v.idx.t.keys.user.get(this.row);
  }
  /** Whether graph/v1.0/users returned this user. */
  get inDirectory(): boolean {
    return this.userOfKey[this.row]! >= 0;
  }
  /** Whether the directory returned the user with assignedPlans (false when not in the directory). */
  get plansRead(): boolean {
    const u = this.userOfKey[this.row]!;
    return u >= 0 && this.plansCol[u] === 1;
  }
  /** Whether the directory's user has one of `plans` enabled (false when not in the directory). */
  hasPlan(plans: readonly string[]): boolean {
    const u = this.v.idx.userOfKey[this.row]!;
    return u >= 0 && this.v.hasPlan(u, plans);
  }
  /** The directory's user, or null. */
  record(): User | null {
    const u = this.v.idx.userOfKey[this.row]!;
    return u >= 0 ? this.v.idx.t.userRecord(u) : null;
  }
  /** @internal a dense number of the user (for per-user marks inside src/model) */
  get ordinal(): number {
    return this.row;
  }
}

/** The users of Macs with the Macs each uses (see FleetViews.macsByUser): iterable as often as needed. */
export class UsersOfMacs implements Iterable<UserMacsView> {
  /** @internal */
  constructor(
    private readonly v: FleetViews,
    private readonly start: Int32Array,
    private readonly list: Int32Array,
  ) {}
  [Symbol.iterator](): UserMacsView {
    return new UserMacsView(this.v, this.start, this.list);
  }
}

/** A user with the Macs it uses: a cursor over the users of a UsersOfMacs that have any. */
export class UserMacsView implements IterableIterator<UserMacsView> {
  private k = -1;
  private readonly step: Step<UserMacsView>;
  private readonly mac: MacView;
  /** @internal */
  constructor(
    private readonly v: FleetViews,
    private readonly start: Int32Array,
    private readonly list: Int32Array,
  ) {
    this.step = { done: false, value: this };
    this.mac = new MacView(v, 0, 0, null);
  }
  [Symbol.iterator](): UserMacsView {
    return this;
  }
  next(): IteratorResult<UserMacsView> {
    const n = this.start.length - 1;
    while (++this.k < n) if (this.start[this.k + 1]! > this.start[this.k]!) return this.step;
    this.step.done = true;
    return this.step;
  }
  /** The user as the Macs name it (lower-cased UPN or e-mail). */
  get key(): string {
    return this.v.idx.t.keys.user.get(this.k);
  }
  /** Whether the directory's user has one of `plans` enabled (false when not in the directory). */
  hasPlan(plans: readonly string[]): boolean {
    const u = this.v.idx.userOfKey[this.k]!;
    return u >= 0 && this.v.hasPlan(u, plans);
  }
  /** The directory's user, or null. */
  record(): User | null {
    const u = this.v.idx.userOfKey[this.k]!;
    return u >= 0 ? this.v.idx.t.userRecord(u) : null;
  }
  /** The Macs of the user (one cursor, re-used by each call). */
  macs(): MacView {
    this.mac.range(this.start[this.k]!, this.start[this.k + 1]!, this.list);
    return this.mac;
  }
}
