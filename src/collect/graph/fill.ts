import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ManifestEntry, SnapshotWriter } from '../../snapshot/writer.js';
import { newBudget } from '../datasets.js';
import { HttpStatusError, limiter } from '../http.js';
import { type GraphContext, GUID, graphPageOf } from './collect.js';

type Json = Record<string, unknown>;

/** Device ids in one fill request (`deviceId in (…)`). */
export const FILL_IN_MAX = 15;

/** The records of every page of a dataset the writer wrote (`PATH/page-NNNNN.json`), in order. */
export async function* pageRecords(root: string, datasetPath: string, key: 'value' | 'results'): AsyncGenerator<Json> {
  let names: string[];
  try {
    names = (await readdir(join(root, datasetPath))).filter((n) => /^page-\d{5}\.json$/.test(n)).sort();
  } catch {
    return;
  }
  for (const n of names) {
    const body = JSON.parse(await readFile(join(root, datasetPath, n), 'utf8')) as Json;
    for (const r of (body[key] as Json[]) ?? []) yield r;
  }
}

/** The folder of the Jamf computer inventory the collector wrote (the newest API version it read), or null. */
export async function jamfInventoryPath(root: string): Promise<string | null> {
  for (const v of [4, 3, 2, 1]) {
    const p = `jamf/api/v${v}/computers-inventory`;
    if ((await readdir(join(root, p)).catch(() => [])).length) return p;
  }
  return null;
}

/**
 * The Entra devices a Mac's records point to but the operatingSystem filter did not return (a Mac's Entra device
 * whose operatingSystem does not start with "Mac"): the model takes them as Macs' devices (model/join.ts), so they
 * are read by their ids (`$filter=deviceId in ('…',…)`, 15 a request) and added to the devices dataset as further pages. Which records
 * point to Entra devices: Intune `azureADDeviceId`, Jamf local accounts' `computerAzureActiveDirectoryId`.
 */
export async function fillReferencedDevices(
  ctx: GraphContext & { writer: SnapshotWriter },
  root: string,
  entry: ManifestEntry,
  query: string,
): Promise<{ added: number; failed: number }> {
  const have = new Set<string>();
  for await (const d of pageRecords(root, 'graph/v1.0/devices', 'value'))
    if (typeof d.deviceId === 'string') have.add(d.deviceId.toLowerCase());
  const want = new Set<string>();
  const refer = (v: unknown) => {
    if (typeof v === 'string' && GUID.test(v) && !/^0{8}-/.test(v) && !have.has(v.toLowerCase()))
      want.add(v.toLowerCase());
  };
  for await (const m of pageRecords(root, 'graph/v1.0/deviceManagement/managedDevices', 'value'))
    refer(m.azureADDeviceId);
  const jamf = await jamfInventoryPath(root);
  if (jamf)
    for await (const c of pageRecords(root, jamf, 'results'))
      for (const a of (c.localUserAccounts as Json[] | null) ?? []) refer(a.computerAzureActiveDirectoryId);
  let added = 0;
  let failed = 0;
  let page = entry.pages ?? 0;
  const limit = limiter(4);
  // Up to 15 ids a request (`deviceId in (…)`: the directory's limit of 15 expressions in a filter without advanced
  // queries, https://learn.microsoft.com/graph/known-issues); a service that refuses `in` on deviceId (400) is asked
  // again one id at a time (`deviceId eq '…'`, documented on the device resource).
  const read = async (filter: string): Promise<void> => {
    const r = await graphPageOf(ctx, `devices?${query}&$filter=${encodeURIComponent(filter)}`, newBudget());
    const value = (r.json as { value?: Json[] }).value ?? [];
    if (value.length === 0) return;
    await ctx.writer.page('graph/v1.0/devices', ++page, r.text);
    added += value.length;
  };
  const one = async (id: string) => {
    await read(`deviceId eq '${id}'`).catch(() => {
      failed++;
    });
  };
  const ids = [...want].sort();
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += FILL_IN_MAX) chunks.push(ids.slice(i, i + FILL_IN_MAX));
  await Promise.all(
    chunks.map((chunk) =>
      limit(async () => {
        try {
          await read(
            chunk.length === 1
              ? `deviceId eq '${chunk[0]}'`
              : `deviceId in (${chunk.map((id) => `'${id}'`).join(',')})`,
          );
        } catch (err) {
          if (chunk.length > 1 && err instanceof HttpStatusError && err.status === 400) {
            for (const id of chunk) await one(id);
          } else failed += chunk.length;
        }
      }),
    ),
  );
  entry.pages = page;
  entry.records = (entry.records ?? 0) + added;
  if (failed) {
    entry.status = 'partial';
    entry.error = `${failed} Entra device(s) a Mac's record points to could not be read`;
  }
  return { added, failed };
}
