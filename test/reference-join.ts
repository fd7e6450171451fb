import { Keys } from '../src/model/columns.js';
import { isMacOs, normDeviceId, normSerial, normUdid, normUser } from '../src/model/keys.js';
import { classifyTenant } from '../src/model/mode.js';
import { tablesOf } from '../src/model/tables.js';
import type {
  Collected,
  EntraDevice,
  Fleet,
  IntuneDevice,
  JamfComputer,
  Mac,
  MacLogEvidence,
  User,
} from '../src/model/types.js';

/** Union-find over record indexes. */
class DisjointSet {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]!]!;
      i = p[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Joins Jamf computers, Intune managed devices and Entra devices into one Mac per physical computer, by serial
 * number, Entra device id and UDID. Every join goes through a key index: no Mac scans another dataset.
 */
/** The object join this project had before the columnar fleet, kept as the reference the tests compare with. */
export function referenceFleet(
  c: Collected,
): Omit<Fleet, 'index' | 'eachMac' | 'macsByUser' | 'entraMacDevice' | 'entraNames'> {
  const jamf = c.computers;
  const entraAll = c.devices;
  const intune: IntuneDevice[] = [];
  let ignoredIntune = 0;
  // The migration classifier decides which Intune records are a stopped legacy connector's leftovers.
  const migration = classifyTenant(c, tablesOf(new Keys(), c));
  const hidden = new Set(migration.leftovers);
  for (const [i, d] of c.managedDevices.entries()) {
    if (hidden.has(i)) continue;
    if (isMacOs(d.operatingSystem) || (d.operatingSystem == null && d.managementAgent === 'jamf')) intune.push(d);
    else ignoredIntune++;
  }

  // Entra devices that are Macs, or (for the rare non-macOS ones) that a Mac's Jamf or Intune record points to.
  let referenced: Set<string> | null = null;
  const isReferenced = (id: string | null): boolean => {
    if (!id) return false;
    if (!referenced) {
      referenced = new Set<string>();
      for (const d of intune) {
        const x = normDeviceId(d.azureADDeviceId);
        if (x) referenced.add(x);
      }
      for (const m of jamf) {
        for (const a of m.localUserAccounts ?? []) {
          const x = normDeviceId(a.computerAzureActiveDirectoryId);
          if (x) referenced.add(x);
        }
      }
    }
    return referenced.has(id);
  };
  const entra: EntraDevice[] = [];
  let ignoredEntra = 0;
  for (const d of entraAll) {
    if (isMacOs(d.operatingSystem) || isReferenced(normDeviceId(d.deviceId))) entra.push(d);
    else ignoredEntra++;
  }

  const nJ = jamf.length;
  const nI = intune.length;
  const nE = entra.length;
  const ds = new DisjointSet(nJ + nI + nE);
  const bySerial = new Map<string, number>();
  const byDeviceId = new Map<string, number>();
  const byUdid = new Map<string, number>();
  const link = (index: Map<string, number>, key: string | null, node: number): void => {
    if (key == null) return;
    const seen = index.get(key);
    if (seen === undefined) index.set(key, node);
    else ds.union(seen, node);
  };

  for (let i = 0; i < nJ; i++) {
    const m = jamf[i]!;
    link(bySerial, normSerial(m.serialNumber), i);
    link(byUdid, normUdid(m.udid), i);
    for (const a of m.localUserAccounts ?? []) link(byDeviceId, normDeviceId(a.computerAzureActiveDirectoryId), i);
  }
  for (let j = 0; j < nI; j++) {
    const d = intune[j]!;
    const node = nJ + j;
    link(bySerial, normSerial(d.serialNumber), node);
    link(byUdid, normUdid(d.udid), node);
    link(byDeviceId, normDeviceId(d.azureADDeviceId), node);
  }
  for (let k = 0; k < nE; k++) {
    link(byDeviceId, normDeviceId(entra[k]!.deviceId), nJ + nI + k);
  }

  // One Mac per union-find root; rootMac maps a root node to its Mac's index in `macs`.
  const macs: Mac[] = [];
  const rootMac = new Int32Array(nJ + nI + nE).fill(-1);
  const macOf = (node: number): Mac => {
    const root = ds.find(node);
    const at = rootMac[root]!;
    if (at >= 0) return macs[at]!;
    const mac: Mac = {
      key: '',
      serial: null,
      name: null,
      jamf: EMPTY,
      intune: EMPTY,
      entra: EMPTY,
      deviceIds: EMPTY,
      userKeys: EMPTY,
      jamfCompliance: EMPTY,
    };
    rootMac[root] = macs.length;
    macs.push(mac);
    return mac;
  };
  // Arrays start as one-element literals: most Macs have one record of each kind, and an array grown from []
  // by push() reserves 17 slots — a gigabyte across a million Macs.
  for (let i = 0; i < nJ; i++) {
    const mac = macOf(i);
    mac.jamf = add(mac.jamf, jamf[i]!);
  }
  for (let j = 0; j < nI; j++) {
    const mac = macOf(nJ + j);
    mac.intune = add(mac.intune, intune[j]!);
  }
  for (let k = 0; k < nE; k++) {
    const mac = macOf(nJ + nI + k);
    mac.entra = add(mac.entra, entra[k]!);
  }

  const usersByKey = new Map<string, User>();
  const usersById = new Map<string, User>();
  for (const u of c.users) {
    usersById.set(u.id.toLowerCase(), u);
    const upn = normUser(u.userPrincipalName);
    if (upn) usersByKey.set(upn, u);
    const mail = normUser(u.mail);
    if (mail && !usersByKey.has(mail)) usersByKey.set(mail, u);
  }

  for (const mac of macs) finishMac(mac, usersById, usersByKey);
  if (c.jamfCompliance.length) {
    const jamfById = new Map<string, Mac>();
    for (const mac of macs) for (const m of mac.jamf) jamfById.set(m.id, mac);
    for (const info of c.jamfCompliance) {
      const mac = jamfById.get(info.computerId);
      if (mac) mac.jamfCompliance = add(mac.jamfCompliance, info);
    }
  }
  const macLogs = attachLogs(macs, c.macLogs ?? []);

  return {
    asOf: c.asOf,
    tenant: c.tenant,
    datasets: c.datasets,
    mode: migration.mode,
    legacyLeftovers: [...migration.leftovers].map((i) => c.managedDevices[i]!),
    macs,
    entraMacDevices: entra,
    ignoredNonMac: { intune: ignoredIntune, entra: ignoredEntra },
    usersByKey,
    usersById,
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
function attachLogs(macs: Mac[], logs: readonly MacLogEvidence[]): Fleet['macLogs'] {
  if (logs.length === 0) return [];
  const bySerial = new Map<string, Mac>();
  for (const mac of macs) {
    for (const m of mac.jamf) {
      const s = normSerial(m.serialNumber);
      if (s && !bySerial.has(s)) bySerial.set(s, mac);
    }
    for (const d of mac.intune) {
      const s = normSerial(d.serialNumber);
      if (s && !bySerial.has(s)) bySerial.set(s, mac);
    }
  }
  return logs.map((evidence) => {
    const mac = (evidence.serial && bySerial.get(normSerial(evidence.serial) ?? '')) || null;
    if (mac && !mac.logs) mac.logs = evidence;
    return { evidence, mac };
  });
}

/** The shared empty list of a Mac that has none of something (never written to: see add()). */
const EMPTY: never[] = Object.freeze([]) as unknown as never[];

/** Appends to a Mac's list, replacing the shared empty list by an exact one-element array. */
function add<T>(list: T[], item: T): T[] {
  if (list.length === 0) return [item];
  list.push(item);
  return list;
}

/** A list of the exact size (see add()). */
function exact(list: string[]): string[] {
  return list.length === 0 ? EMPTY : list.length === 1 ? [list[0]!] : list.slice();
}

/** Adds a value to a small list unless present (a Mac has one or two of each: cheaper than a Set). */
function addUnique(list: string[], v: string | null): void {
  if (v !== null && !list.includes(v)) list.push(v);
}

function finishMac(mac: Mac, usersById: Map<string, User>, usersByKey: Map<string, User>): void {
  const serials: string[] = [];
  const ids: string[] = [];
  const users: string[] = [];
  const addUser = (v: string | null | undefined): void => {
    const k = normUser(v);
    if (!k) return;
    // Prefer the user's UPN as the key when the directory knows them by mail.
    const u = usersByKey.get(k);
    addUnique(users, normUser(u?.userPrincipalName) ?? k);
  };
  for (const m of mac.jamf as JamfComputer[]) {
    addUnique(serials, normSerial(m.serialNumber));
    addUser(m.email);
    for (const a of m.localUserAccounts ?? []) {
      addUnique(ids, normDeviceId(a.computerAzureActiveDirectoryId));
      if (a.userAzureActiveDirectoryId) {
        const u = usersById.get(a.userAzureActiveDirectoryId.toLowerCase());
        if (u) addUser(u.userPrincipalName);
      }
    }
  }
  for (const d of mac.intune) {
    addUnique(serials, normSerial(d.serialNumber));
    addUnique(ids, normDeviceId(d.azureADDeviceId));
    addUser(d.userPrincipalName);
  }
  for (const e of mac.entra) addUnique(ids, normDeviceId(e.deviceId));
  mac.serial = serials.length > 1 ? serials.sort()[0]! : (serials[0] ?? null);
  mac.deviceIds = exact(ids.length > 1 ? ids.sort() : ids);
  mac.userKeys = exact(users.length > 1 ? users.sort() : users);
  mac.name = mac.jamf[0]?.name ?? mac.intune[0]?.deviceName ?? mac.entra[0]?.displayName ?? null;
  mac.key =
    mac.serial ??
    (mac.jamf[0]
      ? `jamf:${mac.jamf[0].id}`
      : mac.intune[0]
        ? `intune:${mac.intune[0].id}`
        : `entra:${normDeviceId(mac.entra[0]?.deviceId) ?? mac.entra[0]?.id ?? 'unknown'}`);
}
