/**
 * Random messy tenants for tests that compare two ways of computing the same thing (the join against the reference
 * join, evidence from columns against evidence from records): case and whitespace variants of keys, empty values,
 * `0`, the zero GUID, non-ASCII and lone surrogates, non-macOS records, users known by UPN or mail, repeated ids
 * and names.
 */
import { rng } from '../bench/generate.js';
import { emptyCollected } from '../src/model/collected.js';
import type {
  Collected,
  EntraDevice,
  IntuneDevice,
  JamfComplianceInfo,
  JamfComputer,
  MacLogEvidence,
  User,
} from '../src/model/types.js';

/**
 * Random record sets with every way keys can meet or fail to: case and whitespace variants, empty, `0`, the zero
 * GUID, non-ASCII and lone surrogates, non-macOS records, users known by UPN or mail, repeated ids.
 */
export function randomCollected(seed: number, n: number): Collected {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const maybe = <T>(p: number, v: T): T | null => (r() < p ? v : null);
  const variant = (v: string): string => pick([v, v.toLowerCase(), v.toUpperCase(), ` ${v}`, `${v}\t`, v, v]);
  const serials = Array.from({ length: n }, (_, i) => pick([`C02${i}X`, `c02${i}x`, `SÉR${i}`, `S${i}\ud800`]));
  const deviceIds = Array.from({ length: n }, (_, i) => `0000${i}-AAAA-4000-8000-${String(i).padStart(12, '0')}`);
  const udids = Array.from({ length: n }, (_, i) => `U-${i}-udid`);
  const users = Array.from({ length: Math.max(2, n >> 1) }, (_, i) => `user${i}@contoso.com`);
  const serial = (): string | null =>
    pick([variant(pick(serials)), variant(pick(serials)), '0', ' 0 ', '', null] as Array<string | null>) || null;
  const devId = (): string | null =>
    pick([variant(pick(deviceIds)), variant(pick(deviceIds)), '00000000-0000-0000-0000-000000000000', '0', null]) ||
    null;
  const udid = (): string | null =>
    pick([variant(pick(udids)), '00000000-0000-0000-0000-000000000000', null, null]) || null;
  const user = (): string | null => pick([variant(pick(users)), variant(pick(users)), null]) || null;
  const date = (): number | null => maybe(0.9, Date.UTC(2026, 10, 1 + Math.floor(r() * 28), Math.floor(r() * 24)));
  const bool = (): boolean | null => pick([true, false, null]);

  const c = emptyCollected({ asOf: Date.UTC(2026, 10, 29) });
  const managedDevices: IntuneDevice[] = [];
  for (let i = 0; i < n; i++) {
    managedDevices.push({
      id: pick([`i-${i}`, `i-${i}`, `i-${i % 7}`, '']),
      deviceName: maybe(0.8, `MAC-${i}`),
      serialNumber: serial(),
      azureADDeviceId: devId(),
      managementAgent: pick(['jamf', 'mdm', 'jamf', null]),
      complianceState: pick(['compliant', 'noncompliant', 'unknown', null]),
      deviceRegistrationState: pick(['registered', null]),
      lastSyncDateTime: date(),
      enrolledDateTime: date(),
      userPrincipalName: user(),
      userId: maybe(0.5, `uid-${i}`),
      operatingSystem: pick(['macOS', 'macOS', 'Windows', 'iOS', null, ' MacMDM']),
      osVersion: pick(['15.1', '14.7', null]),
      udid: udid(),
    });
  }
  const devices: EntraDevice[] = [];
  for (let i = 0; i < n; i++) {
    devices.push({
      id: `e-${i % (n - 3)}`,
      deviceId: devId(),
      displayName: maybe(0.9, `MAC-${Math.floor(r() * n)}`),
      operatingSystem: pick(['MacMDM', 'macOS', 'Mac OS X', 'Windows', null]),
      accountEnabled: bool(),
      isCompliant: bool(),
      isManaged: bool(),
      managementType: pick(['MDM', null]),
      trustType: pick(['Workplace', null]),
      approximateLastSignInDateTime: date(),
      registrationDateTime: date(),
    });
  }
  const computers: JamfComputer[] = [];
  for (let i = 0; i < n; i++) {
    const accounts =
      r() < 0.15
        ? null
        : Array.from({ length: Math.floor(r() * 3) }, () => ({
            username: maybe(0.9, pick(['ada', 'bob', 'ünï'])),
            computerAzureActiveDirectoryId: devId(),
            userAzureActiveDirectoryId: maybe(0.7, variant(`uid-${Math.floor(r() * n)}`)),
            azureActiveDirectoryId: pick(['ACTIVATED', 'DEACTIVATED', 'UNRESPONSIVE', 'activated', null]),
          }));
    computers.push({
      id: String(pick([i + 1, i + 1, (i % 5) + 1])),
      udid: udid(),
      name: maybe(0.9, `MAC-${i}`),
      serialNumber: serial(),
      managed: bool(),
      lastCheckIn: date(),
      lastContact: date(),
      reportDate: date(),
      username: maybe(0.8, 'ada'),
      email: user(),
      realname: maybe(0.5, 'Ada'),
      localUserAccounts: accounts,
      osVersion: pick(['15.1', null]),
      apiVersion: 1,
    });
  }
  const userRecords: User[] = [];
  for (let i = 0; i < users.length; i++) {
    userRecords.push({
      id: variant(`uid-${Math.floor(r() * n)}`),
      userPrincipalName: maybe(0.9, variant(pick(users))),
      mail: maybe(0.6, variant(pick(users))),
      displayName: maybe(0.5, `User ${i}`),
      accountEnabled: bool(),
      enabledPlans: pick([[], ['a', 'b'], ['c1ec4a95-1f05-45b3-a911-aa3fa01094f5'], ['x,y']]),
      hasPlans: r() < 0.8,
    });
  }
  const jamfCompliance: JamfComplianceInfo[] = computers
    .filter(() => r() < 0.2)
    .map((m) => ({ computerId: m.id, applicable: bool(), complianceState: 'COMPLIANT', deviceIds: [] }));
  const macLogs = Array.from(
    { length: 5 },
    (_, i) => ({ serial: i === 4 ? null : serial(), key: `log-${i}`, root: `macs/${i}` }) as unknown as MacLogEvidence,
  );
  return { ...c, managedDevices, devices, computers, users: userRecords, jamfCompliance, macLogs };
}
