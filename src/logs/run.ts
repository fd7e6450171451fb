/** `jidoctor logs PATH...`: reads files, folders, archives, Mac folders or whole snapshots, and runs logs/*. */
import { lstat, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AnyCheck, Lang, ModeName } from '../checks/define.js';
import { CHECKS } from '../checks/index.js';
import { type EngineResult, runChecks } from '../engine/run.js';
import { InputError } from '../errors.js';
import { emptyCollected } from '../model/collected.js';
import { DATASETS } from '../model/datasets.js';
import { buildFleet } from '../model/join.js';
import type { Collected, Fleet, MacLogEvidence } from '../model/types.js';
import { analyzeLoose, analyzeMac, type MacLogs } from './analyze.js';
import type { ZipLimits } from './zip.js';

async function kind(path: string): Promise<'dir' | 'file' | null> {
  try {
    const st = await lstat(path);
    return st.isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

async function subdirs(path: string): Promise<string[]> {
  return (await readdir(path, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/**
 * Reads every path: a snapshot (a folder with `macs/`) gives one Mac per `macs/{serial}`; a folder inside
 * `macs/` is that Mac; anything else (files, folders, archives) is grouped into Macs by the identity the files
 * carry (src/logs/analyze.ts), each file saying how it was attributed. Throws InputError when a path does not
 * exist or nothing readable was found.
 */
export async function analyzePaths(paths: readonly string[], limits?: ZipLimits): Promise<MacLogs[]> {
  const framed: MacLogs[] = [];
  const loose: Array<{ path: string; name: string; serial?: string }> = [];
  const opts = limits ? { limits } : {};
  for (const p of paths) {
    const k = await kind(p);
    if (!k) throw new InputError(`${p}: not found (expected a log file, a folder or an archive)`);
    if (k === 'dir' && (await kind(join(p, 'macs'))) === 'dir') {
      for (const serial of await subdirs(join(p, 'macs'))) {
        const root = `macs/${serial}`;
        framed.push(await analyzeMac([{ path: join(p, 'macs', serial), name: root }], root, { ...opts, serial }));
      }
      continue;
    }
    if (k === 'dir' && basename(dirname(p)) === 'macs') {
      const serial = basename(p);
      loose.push({ path: p, name: `macs/${serial}`, serial });
      continue;
    }
    loose.push({ path: p, name: p });
  }
  const all = [...framed, ...(loose.length ? await analyzeLoose(loose, opts) : [])];
  if (all.every((e) => e.files.length === 0)) {
    const first = all.flatMap((e) => e.problems)[0];
    throw new InputError(first ? first.message : `${paths.join(', ')}: no log file found`);
  }
  return all;
}

export const LOG_CHECKS: readonly AnyCheck[] = CHECKS.filter((c) => c.id.startsWith('logs/'));
/** The Mac settings checks (mac/*): they depend on the integration, so they run when `--mode` names it. */
export const MAC_CHECKS: readonly AnyCheck[] = CHECKS.filter((c) => c.id.startsWith('mac/'));

/** A fleet that holds only Mac evidence (the clock: now, or the given time). */
export function logsFleet(evidence: MacLogEvidence[], asOf = Date.now()): Fleet {
  const datasets: Collected['datasets'] = new Map();
  datasets.set(DATASETS.macs.id, { id: DATASETS.macs.id, path: null, status: 'complete', records: evidence.length });
  const c = emptyCollected({ asOf, asOfSource: 'now', datasets, macLogs: evidence });
  return buildFleet(c);
}

export function runLogChecks(
  evidence: MacLogEvidence[],
  options: { lang?: Lang; asOf?: number; mode?: ModeName } = {},
): { fleet: Fleet; result: EngineResult } {
  const fleet = logsFleet(evidence, options.asOf);
  if (options.mode) fleet.mode = { detected: options.mode, why: `--mode ${options.mode}` };
  const checks = options.mode ? [...LOG_CHECKS, ...MAC_CHECKS] : LOG_CHECKS;
  return { fleet, result: runChecks(fleet, checks, { lang: options.lang ?? 'en' }) };
}
