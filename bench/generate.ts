/**
 * Synthetic snapshots for benchmarks: N Macs in the snapshot format's page-folder form (Jamf inventory pages of
 * 2,000, Intune managedDevices pages of 1,000, Entra devices pages of 999), with users, tenant data, and problems
 * sprinkled at known rates. Deterministic for a given N and seed. Written page by page; never committed.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const RATES = {
  /** Macs with a second, older Intune record (same serial). */
  intuneDuplicate: 0.01,
  /** Managed Macs whose last check-in is older than 24 hours. */
  staleCheckIn: 0.03,
  /** Macs compliant in Intune whose Entra device is not compliant. */
  entraMismatch: 0.02,
  /** Managed Macs whose Entra registration is UNRESPONSIVE in Jamf. */
  unresponsive: 0.01,
};

export const AS_OF = '2026-11-29T09:30:00Z';
const AS_OF_MS = Date.parse(AS_OF);

/** A small, fast, seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
export const deviceGuid = (i: number, gen = 0) => `${hex(gen, 8)}-0000-4000-8000-${hex(i, 12)}`;
export const serialOf = (i: number) => `C02${hex(i, 9).toUpperCase()}`;
const iso = (ms: number) => new Date(ms).toISOString();

export interface GeneratedTruth {
  macs: number;
  intuneDuplicates: string[];
  staleCheckIns: string[];
  entraMismatches: string[];
}

async function writePages(dir: string, items: unknown[], size: number, wrap: (page: unknown[], index: number, last: boolean) => unknown) {
  await mkdir(dir, { recursive: true });
  for (let p = 0; p * size < items.length || p === 0; p++) {
    const page = items.slice(p * size, (p + 1) * size);
    const last = (p + 1) * size >= items.length;
    await writeFile(join(dir, `page-${String(p + 1).padStart(5, '0')}.json`), JSON.stringify(wrap(page, p, last)));
    if (last) break;
  }
}

/** Generates (or reuses, when `reuse` and the folder is complete) a snapshot of `n` Macs under `dir`. */
export async function generateSnapshot(dir: string, n: number, seed = 1, reuse = true): Promise<GeneratedTruth> {
  const truthFile = join(dir, 'truth.json');
  if (reuse && existsSync(truthFile)) {
    const { readFile } = await import('node:fs/promises');
    return JSON.parse(await readFile(truthFile, 'utf8')) as GeneratedTruth;
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const r = rng(seed);
  const truth: GeneratedTruth = { macs: n, intuneDuplicates: [], staleCheckIns: [], entraMismatches: [] };
  const users = Math.max(1, Math.floor(n * 0.95));
  const upn = (u: number) => `user${u}@contoso.com`;

  const jamf: unknown[] = [];
  const intune: unknown[] = [];
  const entra: unknown[] = [];
  // Build per chunk to keep memory modest: we still hold the records of one dataset; pages are written as we go.
  for (let i = 0; i < n; i++) {
    const serial = serialOf(i);
    const user = i % users;
    const stale = r() < RATES.staleCheckIn;
    const unresponsive = r() < RATES.unresponsive;
    const dup = r() < RATES.intuneDuplicate;
    const mismatch = r() < RATES.entraMismatch;
    const checkIn = stale ? AS_OF_MS - (25 + Math.floor(r() * 400)) * 3_600_000 : AS_OF_MS - Math.floor(r() * 60) * 60_000;
    if (stale) truth.staleCheckIns.push(serial);
    if (dup) truth.intuneDuplicates.push(serial);
    if (mismatch) truth.entraMismatches.push(serial);
    const did = deviceGuid(i);
    jamf.push({
      id: String(i + 1),
      udid: `${hex(i, 8).toUpperCase()}-0000-4000-8000-000000000000`,
      general: {
        name: `MAC-${i}`,
        remoteManagement: { managed: true, managementUsername: 'jamfmgmt' },
        lastContactTime: iso(checkIn),
        reportDate: iso(checkIn),
        platform: 'Mac',
      },
      hardware: { serialNumber: serial, model: 'MacBook Pro' },
      operatingSystem: { name: 'macOS', version: '15.6.1' },
      userAndLocation: { username: `user${user}`, email: upn(user), realname: `User ${user}` },
      localUserAccounts: [
        {
          uid: '501',
          username: `user${user}`,
          userAccountType: 'LOCAL',
          computerAzureActiveDirectoryId: did,
          userAzureActiveDirectoryId: deviceGuid(user, 9),
          azureActiveDirectoryId: unresponsive ? 'UNRESPONSIVE' : 'ACTIVATED',
        },
      ],
    });
    const md = (id: string, sync: number, entraId: string) => ({
      id,
      deviceName: `MAC-${i}`,
      serialNumber: serial,
      azureADDeviceId: entraId,
      managementAgent: 'jamf',
      complianceState: 'compliant',
      lastSyncDateTime: iso(sync),
      enrolledDateTime: '2025-09-12T14:10:00Z',
      userPrincipalName: upn(user),
      operatingSystem: 'macOS',
      osVersion: '15.6.1',
    });
    intune.push(md(deviceGuid(i, 1), AS_OF_MS - 2 * 3_600_000, did));
    if (dup) intune.push(md(deviceGuid(i, 2), AS_OF_MS - 90 * 86_400_000, did));
    entra.push({
      id: deviceGuid(i, 3),
      deviceId: did,
      displayName: `MAC-${i}`,
      operatingSystem: 'MacMDM',
      accountEnabled: true,
      isCompliant: !mismatch,
      isManaged: true,
      trustType: 'Workplace',
      approximateLastSignInDateTime: iso(AS_OF_MS - 3 * 86_400_000),
      registrationDateTime: '2025-09-12T14:12:00Z',
    });
  }
  const G = 'https://graph.microsoft.com/v1.0';
  await writePages(join(dir, 'jamf/api/v1/computers-inventory'), jamf, 2000, (results) => ({ totalCount: n, results }));
  jamf.length = 0;
  await writePages(join(dir, 'graph/v1.0/deviceManagement/managedDevices'), intune, 1000, (value, p, last) => ({
    '@odata.context': `${G}/$metadata#deviceManagement/managedDevices`,
    ...(last ? {} : { '@odata.nextLink': `${G}/deviceManagement/managedDevices?$skiptoken=${p + 1}` }),
    value,
  }));
  intune.length = 0;
  await writePages(join(dir, 'graph/v1.0/devices'), entra, 999, (value, p, last) => ({
    '@odata.context': `${G}/$metadata#devices`,
    ...(last ? {} : { '@odata.nextLink': `${G}/devices?$skiptoken=${p + 1}` }),
    value,
  }));
  entra.length = 0;
  const userRecords: unknown[] = [];
  for (let u = 0; u < users; u++) {
    userRecords.push({
      id: deviceGuid(u, 9),
      userPrincipalName: upn(u),
      accountEnabled: true,
      assignedPlans: [
        { servicePlanId: 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5', capabilityStatus: 'Enabled', service: 'SCO' },
        { servicePlanId: '41781fb2-bc02-4b7c-bd55-b576c07bb09d', capabilityStatus: 'Enabled', service: 'AADPremiumService' },
      ],
    });
  }
  await writePages(join(dir, 'graph/v1.0/users'), userRecords, 999, (value, p, last) => ({
    ...(last ? {} : { '@odata.nextLink': `${G}/users?$skiptoken=${p + 1}` }),
    value,
  }));
  const one = async (rel: string, body: unknown) => {
    await mkdir(join(dir, rel, '..'), { recursive: true });
    await writeFile(join(dir, `${rel}.json`), JSON.stringify(body));
  };
  await one('graph/v1.0/deviceManagement/deviceManagementPartners', {
    value: [{ id: 'dmp', displayName: 'Jamf', isConfigured: true, partnerState: 'enabled', partnerAppType: 'singleTenantApp', singleTenantAppId: 'app-1', lastHeartbeatDateTime: iso(AS_OF_MS - 3_600_000) }],
  });
  await one('graph/v1.0/deviceManagement/complianceManagementPartners', { value: [] });
  await one('graph/v1.0/deviceManagement/deviceCompliancePolicies', { value: [] });
  await one('graph/v1.0/organization', { value: [{ id: 'tenant-bench', displayName: 'Bench' }] });
  await one('jamf/api/v3/check-in', { checkInFrequency: 15 });
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({ format: 'jidoctor-snapshot', version: 1, collectedAt: AS_OF, collector: 'bench/generate.ts', tenant: { id: 'tenant-bench', name: 'Bench' }, datasets: {} }),
  );
  await writeFile(truthFile, JSON.stringify(truth));
  return truth;
}
