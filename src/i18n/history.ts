import type { Lang } from '../checks/define.js';

/** Words of `jidoctor history` and `jidoctor diff`, in each language. */
const en = {
  noHistory: (path: string) => `No run recorded yet in ${path}. Every \`jidoctor diagnose\` records one.`,
  noRunsOfTenant: (tenant: string, path: string, known: string[]) =>
    `No run of tenant ${tenant} in ${path}. ${known.length ? `Tenants with runs: ${known.join(', ')}.` : 'No tenant has a run yet.'}`,
  runsIn: (n: number, path: string) => `${n} ${n === 1 ? 'run' : 'runs'} in ${path}`,
  run: 'Run',
  recorded: 'Recorded',
  asOf: 'As of',
  tenant: 'Tenant',
  mode: 'Mode',
  failingMacs: 'Failing Macs',
  findings: 'Findings',
  pruned: (runs: number, kept: number) => `Pruned ${runs} ${runs === 1 ? 'run' : 'runs'}; ${kept} kept.`,
  diffTitle: (a: number, aAt: string, b: number, bAt: string) => `Run ${a} (${aAt}) → run ${b} (${bAt})`,
  counts: (n: number, f: number, p: number) => `New: ${n} · Fixed: ${f} · Persisting: ${p}`,
  newTitle: 'New',
  fixedTitle: 'Fixed',
  persistingTitle: 'Persisting',
  notCheckedIn: (run: number) => `Not checked in run ${run} (neither fixed nor new: the check could not run there)`,
  since: 'since',
  lastSeen: 'last seen',
  affected: 'Affected',
  andMore: (n: number) => `… and ${n} more (see --format json)`,
  nothing: 'none',
};

export type HistoryStrings = typeof en;

const it: HistoryStrings = {
  noHistory: (path) => `Nessuna esecuzione registrata in ${path}. Ogni \`jidoctor diagnose\` ne registra una.`,
  noRunsOfTenant: (tenant, path, known) =>
    `Nessuna esecuzione del tenant ${tenant} in ${path}. ${known.length ? `Tenant con esecuzioni: ${known.join(', ')}.` : 'Nessun tenant ha ancora esecuzioni.'}`,
  runsIn: (n, path) => `${n} ${n === 1 ? 'esecuzione' : 'esecuzioni'} in ${path}`,
  run: 'Esecuzione',
  recorded: 'Registrata',
  asOf: 'Alla data',
  tenant: 'Tenant',
  mode: 'Modalità',
  failingMacs: 'Mac con problemi',
  findings: 'Risultati',
  pruned: (runs, kept) => `Eliminate ${runs} ${runs === 1 ? 'esecuzione' : 'esecuzioni'}; ${kept} conservate.`,
  diffTitle: (a, aAt, b, bAt) => `Esecuzione ${a} (${aAt}) → esecuzione ${b} (${bAt})`,
  counts: (n, f, p) => `Nuovi: ${n} · Risolti: ${f} · Persistenti: ${p}`,
  newTitle: 'Nuovi',
  fixedTitle: 'Risolti',
  persistingTitle: 'Persistenti',
  notCheckedIn: (run) =>
    `Non controllati nell'esecuzione ${run} (né risolti né nuovi: il controllo non ha potuto essere eseguito)`,
  since: 'dal',
  lastSeen: 'visto l’ultima volta',
  affected: 'Interessati',
  andMore: (n) => `… e altri ${n} (vedere --format json)`,
  nothing: 'nessuno',
};

export const HISTORY_UI: Record<Lang, HistoryStrings> = { en, it };
