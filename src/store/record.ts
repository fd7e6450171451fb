import type { Report } from '../report/types.js';
import type { History, RecordResult } from './history.js';
import { resolveDbPath } from './location.js';

/** Opens the history named by --db / JIDOCTOR_DB / the per-user default (loaded lazily: SQLite is native). */
export async function openHistory(
  dbFlag: string | undefined,
  create: boolean,
  readonly = false,
): Promise<{ path: string; history: History | null }> {
  const path = resolveDbPath(dbFlag);
  const { History } = await import('./history.js');
  return { path, history: History.open(path, { create, readonly }) };
}

/** Records a diagnosis and fills firstSeen/lastSeen/newSinceLastRun into the report. */
export async function recordRun(report: Report, dbFlag?: string): Promise<RecordResult & { path: string }> {
  const { path, history } = await openHistory(dbFlag, true);
  try {
    return { ...history!.record(report), path };
  } finally {
    history!.close();
  }
}
