import type { AnyCheck, Lang } from './checks/define.js';
import { CHECKS } from './checks/index.js';
import { buildReport, runChecks } from './engine/run.js';
import { macTimelines } from './logs/report.js';
import { buildFleet } from './model/join.js';
import type { Collected, Fleet } from './model/types.js';
import type { Report } from './report/types.js';
import { readSnapshot } from './snapshot/reader.js';

export interface DiagnoseOptions {
  lang?: Lang;
  only?: readonly string[];
  skip?: readonly string[];
  /** The clock for a snapshot without a manifest. */
  asOf?: string | undefined;
  checks?: readonly AnyCheck[];
  /** For reproducible output in tests. */
  generatedAt?: number;
}

export interface Diagnosis {
  fleet: Fleet;
  report: Report;
}

/** Diagnoses collected data (from a snapshot or a live collection). */
export function diagnoseCollected(
  collected: Collected,
  source: { kind: 'snapshot' | 'live' | 'simulator'; path: string | null },
  options: DiagnoseOptions = {},
): Diagnosis {
  const lang = options.lang ?? 'en';
  const fleet = buildFleet(collected);
  const runOpts: { lang: Lang; only?: readonly string[]; skip?: readonly string[] } = { lang };
  if (options.only) runOpts.only = options.only;
  if (options.skip) runOpts.skip = options.skip;
  const result = runChecks(fleet, options.checks ?? CHECKS, runOpts);
  const report = buildReport(
    fleet,
    result,
    { ...source, asOfSource: collected.asOfSource, warnings: collected.warnings },
    lang,
    options.generatedAt,
  );
  const macLogs = macTimelines(fleet);
  if (macLogs.length) report.macLogs = macLogs;
  return { fleet, report };
}

/** Reads a snapshot folder and diagnoses it. */
export async function diagnoseSnapshot(dir: string, options: DiagnoseOptions = {}): Promise<Diagnosis> {
  const collected = await readSnapshot(dir, { asOf: options.asOf });
  return diagnoseCollected(collected, { kind: 'snapshot', path: dir }, options);
}
