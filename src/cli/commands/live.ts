/** Options and steps shared by `collect`, `diagnose --live` and `permissions --live`. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CHECKS } from '../../checks/index.js';
import type { CollectResult } from '../../collect/collect.js';
import { type LiveConfig, readConfigFile, resolveConfig } from '../../collect/config.js';
import { Progress } from '../../collect/progress.js';
import { collectLive } from '../../live.js';
import type { Collected } from '../../model/types.js';
import { note } from '../output.js';

export interface LiveFlags {
  config?: string;
  quiet?: boolean;
  probeNetwork?: boolean;
  complianceInfo?: string;
  full?: boolean;
  since?: string;
}

export function addLiveOptions<C extends Command>(cmd: C): C {
  cmd
    .option(
      '--config <file>',
      'JSON settings (tenant, app and Jamf ids, URLs; secrets may also come from the environment)',
    )
    .option('--quiet', 'no progress display on stderr')
    .option('--probe-network', 'also probe DNS and TLS to the endpoints the integration needs, from here')
    .option(
      '--compliance-info <when>',
      'per-computer Jamf compliance information: auto (Device Compliance mode), always, never',
      'auto',
    )
    .option(
      '--full',
      'read whole Graph collections, without the server-side filters to Macs (docs/live-collection.md)',
    );
  return cmd;
}

/** `--since DIR` (collect, diagnose --live): a delta re-collection from an earlier snapshot of the same tenant. */
export function addSinceOption<C extends Command>(cmd: C): C {
  cmd.option(
    '--since <dir>',
    'an earlier snapshot of the same tenant: re-collect Entra devices and users by Graph delta queries from the links it kept (diagnose --live: "last", the snapshot of the newest recorded run that saved one) (docs/live-collection.md)',
  );
  return cmd;
}

export async function liveConfig(flags: LiveFlags): Promise<LiveConfig> {
  const file = flags.config ? await readConfigFile(flags.config) : {};
  return resolveConfig(file);
}

/**
 * Collects into `saveDir` (or a temporary folder that is removed afterwards) and returns what was read back from
 * the snapshot.
 */
export async function runLive(
  flags: LiveFlags,
  saveDir: string | undefined,
  config?: LiveConfig,
): Promise<{ collected: Collected; result: CollectResult; kept: string | null }> {
  const cfg = config ?? (await liveConfig(flags));
  const dir = saveDir ?? (await mkdtemp(join(tmpdir(), 'jidoctor-live-')));
  const when = flags.complianceInfo ?? 'auto';
  if (!['auto', 'always', 'never'].includes(when)) {
    const { InputError } = await import('../../errors.js');
    throw new InputError(`--compliance-info ${when}: expected auto, always or never`);
  }
  try {
    const { collected, result } = await collectLive({
      config: cfg,
      outDir: dir,
      progress: Progress.for(process.stderr, flags.quiet === true),
      note: flags.quiet ? () => undefined : note,
      checks: CHECKS,
      complianceInfo: when as 'auto' | 'always' | 'never',
      probe: flags.probeNetwork ? {} : null,
      ...(flags.full ? { full: true } : {}),
      ...(flags.since ? { since: flags.since } : {}),
    });
    return { collected, result, kept: saveDir ?? null };
  } finally {
    if (!saveDir) await rm(dir, { recursive: true, force: true });
  }
}

/** One line per dataset that is not complete, for stderr. */
export function summarise(result: CollectResult): string[] {
  const lines: string[] = [];
  const entries = Object.entries(result.datasets);
  const complete = entries.filter(([, e]) => e.status === 'complete').length;
  const requests = result.stats.graph.requests + result.stats.jamf.requests;
  const retries = result.stats.graph.retries + result.stats.jamf.retries;
  lines.push(
    `collected ${complete} of ${entries.length} datasets completely (${requests} requests, ${retries} retries)`,
  );
  for (const [path, e] of entries) {
    if (e.status === 'complete' || e.status === 'skipped') continue;
    const why = e.needs?.length ? `grant ${e.needs.join(' or ')}` : (e.error ?? '');
    lines.push(`  ${path}: ${e.status}${why ? ` (${why})` : ''}`);
  }
  for (const [path, d] of Object.entries(result.delta ?? {})) {
    if (d.mode === 'delta')
      lines.push(`  ${path}: by delta since ${d.since ?? '?'} (${d.changes ?? 0} changed, ${d.removed ?? 0} removed)`);
    else if (d.fellBack) lines.push(`  ${path}: read whole, not by delta (${d.fellBack})`);
  }
  return lines;
}
