/**
 * Live collection: signs in to Entra ID and Jamf Pro, reads every dataset of docs/snapshot-format into a
 * snapshot folder (the same format `diagnose --snapshot` reads), records what could not be collected in the
 * manifest, and goes on. Throws a SourceError (exit 3) only when nothing usable was collected, or when a
 * credential is refused (one line naming the credential to check).
 */

import { readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AnyCheck } from '../checks/define.js';
import { InputError, SourceError } from '../errors.js';
import { DATASETS } from '../model/datasets.js';
import type { DeltaState } from '../snapshot/manifest.js';
import { SnapshotWriter } from '../snapshot/writer.js';
import { VERSION } from '../version.js';
import type { LiveConfig } from './config.js';
import { GraphAuth } from './graph/auth.js';
import { collectGraph, GRAPH_QUERIES, type PagedResult } from './graph/collect.js';
import { checkTenant, type DeltaRun, openPrevious, type PreviousSnapshot } from './graph/delta.js';
import { fillReferencedDevices } from './graph/fill.js';
import { collectMacUsers } from './graph/users.js';
import { Http, type HttpOptions, type HttpStats } from './http.js';
import { JamfAuth } from './jamf/auth.js';
import { collectJamf } from './jamf/collect.js';
import { type ProbeOptions, probeNetwork } from './network.js';
import { checksBlockedByRoles } from './permissions.js';
import { Progress } from './progress.js';

export interface CollectOptions {
  config: LiveConfig;
  /** The snapshot folder to write. */
  outDir: string;
  http?: HttpOptions;
  progress?: Progress;
  /** Narration lines (stderr): roles read from the token, checks that will be could-not-check. */
  note?: (line: string) => void;
  /** The catalogue, to say which checks the token's roles leave could-not-check. */
  checks?: readonly AnyCheck[];
  /** Per-computer compliance information: in Device Compliance mode (auto), always or never. */
  complianceInfo?: 'auto' | 'always' | 'never';
  /** Probe the network from here (--probe-network); written to `local/network-probe.json`. */
  probe?: ProbeOptions | null;
  /** Read whole Graph collections, without the server-side filters (the benchmark's baseline). */
  full?: boolean;
  /**
   * A previous snapshot of the same tenant (`collect --since DIR`): Entra devices and users are re-collected by
   * Graph delta queries from the links it kept, and the result is a complete snapshot (docs/live-collection.md).
   */
  since?: string;
}

export interface CollectResult {
  dir: string;
  collectedAt: string;
  datasets: Record<string, { status: string; records?: number; needs?: string[]; error?: string }>;
  stats: { graph: HttpStats; jamf: HttpStats };
  roles: string[] | null;
  blocked: Array<{ id: string; missing: string[] }>;
  /** The delta links kept for the next `--since` (manifest `delta`), with how each dataset was read. */
  delta: Record<string, DeltaState>;
}

const JAMF_RE = /jamf/i;

export async function collectToSnapshot(opts: CollectOptions): Promise<CollectResult> {
  const { config } = opts;
  const progress = opts.progress ?? Progress.silent();
  const note = opts.note ?? (() => undefined);
  // The previous snapshot first: a wrong --since fails before anything is written or requested.
  let prev: PreviousSnapshot | null = null;
  let tenantVerified = false;
  if (opts.since) {
    if (resolve(opts.since) === resolve(opts.outDir))
      throw new InputError(`--since ${opts.since}: expected another folder than --out (a snapshot is never rewritten)`);
    prev = await openPrevious(opts.since);
    tenantVerified = checkTenant(prev, config.graph?.tenantId ?? null, 'the tenant configured');
  }
  await ensureEmpty(opts.outDir);
  const writer = new SnapshotWriter(opts.outDir);
  const collectedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  // The manifest comes first, in the collecting state: a run that stops before the end never reads as complete.
  await writer.begin(
    {
      collectedAt,
      collector: `jidoctor ${VERSION}`,
      tenant: { id: config.graph?.tenantId ?? null, name: null },
      ...(config.jamf ? { jamf: { url: config.jamf.url, version: null } } : {}),
    },
    Object.values(DATASETS)
      .filter(
        (d) =>
          d.paths.length === 1 &&
          !d.id.includes('{id}') &&
          ((d.service === 'graph' && config.graph) || (d.service === 'jamf' && config.jamf)),
      )
      .map((d) => d.id),
  );
  const graphHttp = new Http(opts.http);
  const jamfHttp = new Http(opts.http);
  graphHttp.onRetry = () => progress.retry();
  jamfHttp.onRetry = () => progress.retry();

  let roles: string[] | null = null;
  let blocked: Array<{ id: string; missing: string[] }> = [];
  let tenant: { id: string | null; name: string | null } = { id: config.graph?.tenantId ?? null, name: null };
  let jamfVersion: string | null = null;

  let resolveMode: (dc: boolean) => void = () => undefined;
  const complianceMode = new Promise<boolean>((r) => {
    resolveMode = r;
  });
  if (opts.complianceInfo === 'always') resolveMode(true);
  else if (opts.complianceInfo === 'never' || !config.graph) resolveMode(false);

  const delta: DeltaRun = { prev, tenantVerified, tenant: Promise.resolve(null), states: {}, note };
  const graphAuth = config.graph ? new GraphAuth(config.graph, graphHttp) : null;
  const jamfAuth = config.jamf ? new JamfAuth(config.jamf, jamfHttp) : null;

  const graphPart = async (): Promise<void> => {
    try {
      await graphSide();
    } finally {
      // The Jamf side never waits on a Graph side that stopped.
      resolveMode(false);
    }
  };
  const graphSide = async (): Promise<void> => {
    if (!graphAuth || !config.graph) return;
    const token = await graphAuth.token();
    roles = token.roles;
    if (opts.checks) {
      blocked = checksBlockedByRoles(opts.checks, roles);
      note(`Microsoft Graph: the token grants ${roles.length ? roles.join(', ') : 'no application permission'}`);
      for (const b of blocked) note(`  ${b.id} will be could not check: grant ${b.missing.join(', ')}`);
    }
    const g = await collectGraph(
      {
        http: graphHttp,
        auth: graphAuth,
        writer,
        progress,
        baseUrl: config.graph.graphBaseUrl,
        ...(opts.full ? { full: true } : {}),
        delta,
      },
      (legacy: PagedResult, compliance: PagedResult) => {
        void legacy;
        if (opts.complianceInfo && opts.complianceInfo !== 'auto') return;
        resolveMode(
          compliance.records.some((p) => JAMF_RE.test(String(p.displayName ?? '')) && p.macOsOnboarded === true),
        );
      },
    );
    if (g.tenant.id) tenant = g.tenant;
  };
  const jamfPart = async (): Promise<void> => {
    if (!jamfAuth || !config.jamf) return;
    try {
      const j = await collectJamf(
        { http: jamfHttp, auth: jamfAuth, writer, progress, url: config.jamf.url },
        complianceMode,
      );
      jamfVersion = j.version;
    } finally {
      await jamfAuth.close();
    }
  };

  const probePart = async (): Promise<void> => {
    if (!opts.probe) return;
    const results = await probeNetwork(opts.probe);
    await writer.body(DATASETS.networkProbe.id, `${JSON.stringify(results, null, 2)}\n`);
    writer.entry(DATASETS.networkProbe.id, { status: 'complete', records: results.length, pages: 1 });
  };

  // Both services at once; a refused credential on either side stops the run with its one-line error.
  const results = await Promise.allSettled([graphPart(), jamfPart(), probePart()]);
  resolveMode(false);
  progress.finish();
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  // A --since snapshot of another tenant (found when the organization was read) ends the run the same way.
  const failure = rejected ?? (delta.refused ? { reason: delta.refused } : undefined);
  if (failure) {
    // A stopped run leaves no snapshot behind: pages without a manifest would read as complete data later.
    // The folder was new or empty when the run began (the writer refuses any other), so only its content goes.
    for (const name of await readdir(opts.outDir).catch(() => [] as string[])) {
      await rm(join(opts.outDir, name), { recursive: true, force: true });
    }
    throw failure.reason;
  }

  // Entra devices a Mac's records point to that the operatingSystem filter left out (fill.ts).
  const devicesEntry = writer.datasets['graph/v1.0/devices'];
  if (graphAuth && config.graph && devicesEntry?.filter && devicesEntry.status === 'complete') {
    await fillReferencedDevices(
      { http: graphHttp, auth: graphAuth, writer, progress, baseUrl: config.graph.graphBaseUrl },
      opts.outDir,
      devicesEntry,
      GRAPH_QUERIES.devices!.query,
    );
  }

  // Only the users the Macs' Jamf and Intune records name, now that both are written (users.ts); --full read all.
  if (graphAuth && config.graph && !opts.full) {
    await collectMacUsers(
      { http: graphHttp, auth: graphAuth, writer, progress, baseUrl: config.graph.graphBaseUrl, delta },
      opts.outDir,
    );
    progress.finish();
  }

  if (!config.graph) {
    for (const d of Object.values(DATASETS))
      if (d.service === 'graph' && !d.id.includes('{id}'))
        writer.entry(d.id, { status: 'skipped', error: 'Microsoft Graph not configured' });
  }
  if (!config.jamf) {
    for (const id of [DATASETS.jamfVersion.id, DATASETS.checkIn.id, 'jamf/api/v1/computers-inventory'])
      writer.entry(id, { status: 'skipped', error: 'Jamf Pro not configured' });
  }
  await writer.finish({
    collectedAt,
    collector: `jidoctor ${VERSION}`,
    tenant,
    ...(config.jamf ? { jamf: { url: config.jamf.url, version: jamfVersion } } : {}),
    delta: delta.states,
  });
  const usable = Object.entries(writer.datasets).filter(
    ([k, e]) => k !== DATASETS.networkProbe.id && (e.status === 'complete' || e.status === 'partial'),
  );
  if (usable.length === 0) {
    const first = Object.entries(writer.datasets).find(([, e]) => e.status !== 'skipped');
    throw new SourceError(
      `nothing usable was collected${first ? ` (${first[0]}: ${first[1].status}${first[1].needs ? `, grant ${first[1].needs.join(', ')}` : first[1].error ? `, ${first[1].error}` : ''})` : ''}; the manifest is in ${opts.outDir}`,
    );
  }
  return {
    dir: opts.outDir,
    collectedAt,
    datasets: Object.fromEntries(
      Object.entries(writer.datasets).map(([k, e]) => [
        k,
        {
          status: e.status,
          ...(e.records != null ? { records: e.records } : {}),
          ...(e.needs ? { needs: e.needs } : {}),
          ...(e.error ? { error: e.error } : {}),
        },
      ]),
    ),
    stats: { graph: graphHttp.stats, jamf: jamfHttp.stats },
    roles,
    blocked,
    delta: delta.states,
  };
}

/** A snapshot is written into a new or empty folder only: stale pages of an older run would mix with new ones. */
async function ensureEmpty(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new InputError(`${dir}: cannot be read as a folder (${(err as NodeJS.ErrnoException).code ?? 'I/O error'})`);
  }
  if (entries.includes('manifest.json')) {
    const text = await readFile(join(dir, 'manifest.json'), 'utf8').catch(() => '');
    if (/"state"\s*:\s*"collecting"/.test(text))
      throw new InputError(
        `${dir}: holds an interrupted collection (manifest.json state: collecting); a collection cannot be resumed: empty the folder or choose another one`,
      );
  }
  if (entries.length > 0) {
    throw new InputError(
      `${dir}: expected a new or empty folder for the snapshot, found ${entries.length} entries (choose another folder or empty it)`,
    );
  }
}
