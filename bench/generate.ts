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

/** Per-Mac draws, derived from the seed and the Mac's index, so that every dataset pass agrees. */
function draws(seed: number, i: number) {
  const r = rng((seed * 2654435761 + i * 40503) >>> 0);
  return {
    stale: r() < RATES.staleCheckIn,
    unresponsive: r() < RATES.unresponsive,
    dup: r() < RATES.intuneDuplicate,
    mismatch: r() < RATES.entraMismatch,
    staleHours: 25 + Math.floor(r() * 400),
    freshMinutes: Math.floor(r() * 60),
  };
}

/** Writes page files of a dataset, generating each page's records only when it is written. */
async function writeStream(
  dir: string,
  total: number,
  size: number,
  make: (i: number, out: unknown[]) => void,
  wrap: (page: unknown[], index: number, last: boolean) => unknown,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  let page: unknown[] = [];
  let p = 0;
  const flush = async (last: boolean) => {
    await writeFile(join(dir, `page-${String(p + 1).padStart(5, '0')}.json`), JSON.stringify(wrap(page, p, last)));
    p++;
    page = [];
  };
  for (let i = 0; i < total; i++) {
    make(i, page);
    if (page.length >= size) await flush(i === total - 1);
  }
  if (page.length || p === 0) await flush(true);
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
  const truth: GeneratedTruth = { macs: n, intuneDuplicates: [], staleCheckIns: [], entraMismatches: [] };
  const users = Math.max(1, Math.floor(n * 0.95));
  const upn = (u: number) => `user${u}@contoso.com`;
  const G = 'https://graph.microsoft.com/v1.0';
  const graphWrap = (path: string) => (value: unknown[], p: number, last: boolean) => ({
    '@odata.context': `${G}/$metadata#${path}`,
    ...(last ? {} : { '@odata.nextLink': `${G}/${path}?$skiptoken=${p + 1}` }),
    value,
  });

  await writeStream(
    join(dir, 'jamf/api/v1/computers-inventory'),
    n,
    2000,
    (i, out) => {
      const d = draws(seed, i);
      const serial = serialOf(i);
      const user = i % users;
      const checkIn = d.stale ? AS_OF_MS - d.staleHours * 3_600_000 : AS_OF_MS - d.freshMinutes * 60_000;
      if (d.stale) truth.staleCheckIns.push(serial);
      if (d.dup) truth.intuneDuplicates.push(serial);
      if (d.mismatch) truth.entraMismatches.push(serial);
      out.push({
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
            computerAzureActiveDirectoryId: deviceGuid(i),
            userAzureActiveDirectoryId: deviceGuid(user, 9),
            azureActiveDirectoryId: d.unresponsive ? 'UNRESPONSIVE' : 'ACTIVATED',
          },
        ],
      });
    },
    (results) => ({ totalCount: n, results }),
  );
  await writeStream(
    join(dir, 'graph/v1.0/deviceManagement/managedDevices'),
    n,
    1000,
    (i, out) => {
      const d = draws(seed, i);
      const user = i % users;
      const md = (id: string, sync: number) => ({
        id,
        deviceName: `MAC-${i}`,
        serialNumber: serialOf(i),
        azureADDeviceId: deviceGuid(i),
        managementAgent: 'jamf',
        complianceState: 'compliant',
        lastSyncDateTime: iso(sync),
        enrolledDateTime: '2025-09-12T14:10:00Z',
        userPrincipalName: upn(user),
        operatingSystem: 'macOS',
        osVersion: '15.6.1',
      });
      out.push(md(deviceGuid(i, 1), AS_OF_MS - 2 * 3_600_000));
      if (d.dup) out.push(md(deviceGuid(i, 2), AS_OF_MS - 90 * 86_400_000));
    },
    graphWrap('deviceManagement/managedDevices'),
  );
  await writeStream(
    join(dir, 'graph/v1.0/devices'),
    n,
    999,
    (i, out) => {
      const d = draws(seed, i);
      out.push({
        id: deviceGuid(i, 3),
        deviceId: deviceGuid(i),
        displayName: `MAC-${i}`,
        operatingSystem: 'MacMDM',
        accountEnabled: true,
        isCompliant: !d.mismatch,
        isManaged: true,
        trustType: 'Workplace',
        approximateLastSignInDateTime: iso(AS_OF_MS - 3 * 86_400_000),
        registrationDateTime: '2025-09-12T14:12:00Z',
      });
    },
    graphWrap('devices'),
  );
  await writeStream(
    join(dir, 'graph/v1.0/users'),
    users,
    999,
    (u, out) => {
      out.push({
        id: deviceGuid(u, 9),
        userPrincipalName: upn(u),
        accountEnabled: true,
        assignedPlans: [
          { servicePlanId: 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5', capabilityStatus: 'Enabled', service: 'SCO' },
          {
            servicePlanId: '41781fb2-bc02-4b7c-bd55-b576c07bb09d',
            capabilityStatus: 'Enabled',
            service: 'AADPremiumService',
          },
        ],
      });
    },
    graphWrap('users'),
  );
  const one = async (rel: string, body: unknown) => {
    await mkdir(join(dir, rel, '..'), { recursive: true });
    await writeFile(join(dir, `${rel}.json`), JSON.stringify(body));
  };
  await one('graph/v1.0/deviceManagement/deviceManagementPartners', {
    value: [
      {
        id: 'dmp',
        displayName: 'Jamf',
        isConfigured: true,
        partnerState: 'enabled',
        partnerAppType: 'singleTenantApp',
        singleTenantAppId: 'app-1',
        lastHeartbeatDateTime: iso(AS_OF_MS - 3_600_000),
      },
    ],
  });
  await one('graph/v1.0/deviceManagement/complianceManagementPartners', { value: [] });
  await one('graph/v1.0/deviceManagement/deviceCompliancePolicies', { value: [] });
  await one('graph/v1.0/organization', { value: [{ id: 'tenant-bench', displayName: 'Bench' }] });
  await one('jamf/api/v3/check-in', { checkInFrequency: 15 });
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({
      format: 'jidoctor-snapshot',
      version: 1,
      collectedAt: AS_OF,
      collector: 'bench/generate.ts',
      tenant: { id: 'tenant-bench', name: 'Bench' },
      datasets: {},
    }),
  );
  await writeFile(truthFile, JSON.stringify(truth));
  return truth;
}
