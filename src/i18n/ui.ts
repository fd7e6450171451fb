import type { CoverageUnit, Lang, Severity } from '../checks/define.js';
import type { CheckResult, Outcome, Reason, Report } from '../report/types.js';

type Coverage = NonNullable<CheckResult['coverage']>;

const UNITS: Record<Lang, Record<CoverageUnit, [string, string]>> = {
  en: {
    mac: ['Mac', 'Macs'],
    user: ['user', 'users'],
    group: ['group', 'groups'],
    policy: ['policy', 'policies'],
    application: ['application', 'applications'],
    partner: ['partner', 'partners'],
    file: ['file', 'files'],
  },
  it: {
    mac: ['Mac', 'Mac'],
    user: ['utente', 'utenti'],
    group: ['gruppo', 'gruppi'],
    policy: ['criterio', 'criteri'],
    application: ['applicazione', 'applicazioni'],
    partner: ['partner', 'partner'],
    file: ['file', 'file'],
  },
};
const num = (n: number, lang: Lang) => new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB').format(n);
const unitOf = (c: Coverage, n: number, lang: Lang) => UNITS[lang][c.unit][n === 1 ? 0 : 1];
const moreReasons = (c: Coverage, lang: Lang) =>
  c.reasons.length > 1
    ? lang === 'it'
      ? ` (e altri ${c.reasons.length - 1} motivi)`
      : ` (and ${c.reasons.length - 1} more reasons)`
    : '';

/** Words of the user interface (reports, explain, checks list), in each language. */
const en = {
  reportTitle: 'jidoctor report',
  tenant: 'Tenant',
  asOf: 'As of',
  clockManifest: 'collectedAt from manifest.json',
  clockAsOf: '--as-of',
  clockFileTime: 'newest file time in the snapshot (no manifest; pass --as-of to set it)',
  clockNow: 'the time of collection',
  warnings: 'Warnings about the data',
  source: 'Source',
  mode: 'Integration mode',
  modeNames: {
    legacy: 'legacy (macOS Intune integration / Conditional Access)',
    'device-compliance': 'Device Compliance',
    both: 'both legacy and Device Compliance',
    none: 'none configured',
    unknown: 'unknown',
  } as Record<string, string>,
  /** The migration states (docs/user-guide.md "Integration mode"); `date` is the legacy removal date, or null. */
  stateNames: {
    L: () => 'legacy integration only',
    B: () => 'migration under way: the legacy integration and Device Compliance are both on',
    C: (date: string | null) =>
      `migrated; the legacy connector is terminated and Intune removes its records on ${date ?? '(date not reported)'}`,
    D: (date: string | null) =>
      `migrated; legacy leftovers remain${date ? ` (Intune's removal date ${date} has passed)` : " (Intune's removal date not reported)"}`,
    E: () => 'Device Compliance only, no legacy leftovers',
    F: () => 'the legacy integration ended and nothing replaces it',
    G: () => 'Device Compliance is only partly set up',
  } as Record<string, (date: string | null) => string>,
  stateWord: 'state',
  firstQuestions: 'What the article asks first',
  whichProblems: 'Which problems',
  problemsLine: (fail: number, sev: string): string =>
    fail === 0 ? 'no check fails' : `${fail} ${fail === 1 ? 'check fails' : 'checks fail'}${sev ? ` (${sev})` : ''}`,
  macsAffected: 'Macs affected',
  usersAffected: 'Users affected',
  ofTotal: (n: number, total: number) => `${n} of ${total}`,
  allOrSome: (n: number, total: number): string =>
    total > 0 && n === total ? 'all of them' : n === 0 ? 'none' : 'only some',
  errorMessages: 'Error messages that apply',
  noErrorMessages: 'none of the article’s error messages matches a failing check',
  sinceWhen: 'Since when',
  sinceUnknown: 'no history yet: run again later, or see the evidence dates below',
  newSinceLastRun: 'New since last run',
  newSinceValue: (n: number, previousRun: number): string =>
    `${n} ${n === 1 ? 'finding' : 'findings'} (compared with run ${previousRun}; jidoctor diff shows them)`,
  firstRecordedRun: 'first recorded run of this tenant',
  historyOff: 'not known: this run is not recorded in the history (see jidoctor history)',
  findings: 'Findings',
  noFindings: 'No problem found in what could be checked.',
  affected: 'Affected',
  evidence: 'Evidence',
  cause: 'Cause',
  resolution: 'Resolution',
  andMore: (n: number) => `… and ${n} more (see --format json)`,
  cannotCheck: 'Could not check',
  partlyChecked: 'Partly checked (the verdict is over what could be checked)',
  coverage: (c: Coverage): string => {
    const total = c.checked + c.unknown;
    return `checked ${num(c.checked, 'en')} of ${num(total, 'en')} ${unitOf(c, total, 'en')}; ${num(c.unknown, 'en')} could not be checked: ${c.reasons[0] ?? ''}${moreReasons(c, 'en')}`;
  },
  notApplicable: 'Not applicable',
  passed: 'Passed',
  errors: 'Check errors (a bug in jidoctor, not in your tenant)',
  datasets: 'Datasets',
  outcomes: {
    pass: 'pass',
    fail: 'fail',
    cannotCheck: 'could not check',
    notApplicable: 'not applicable',
    error: 'error',
  } as Record<Outcome, string>,
  severities: { critical: 'critical', high: 'high', medium: 'medium', low: 'low', info: 'info' } as Record<
    Severity,
    string
  >,
  reason: (r: Reason | undefined): string => {
    if (!r) return '';
    switch (r.kind) {
      case 'not-collected':
        return `${r.dataset} was not collected${r.detail ? ` (${r.detail})` : ''}`;
      case 'partial':
        return `${r.dataset} is only partly collected${r.detail ? ` (${r.detail})` : ''}`;
      case 'forbidden':
        return `reading ${r.dataset} was forbidden: grant ${r.needs?.join(' or ') ?? 'the permission'}`;
      case 'failed':
        return `collecting ${r.dataset} failed${r.detail ? ` (${r.detail})` : ''}`;
      case 'skipped':
        return `${r.dataset} was skipped${r.detail ? ` (${r.detail})` : ''}`;
      case 'mode-unknown':
        return `the integration mode is unknown (${r.detail})`;
      case 'mode':
        return r.detail ?? 'not for this integration mode';
      case 'not-probed':
        return r.detail ?? 'the network was not probed (use --probe-network)';
      case 'incomplete-data':
        return r.detail ?? 'some data is missing';
      case 'excluded':
        return 'excluded with --only/--skip';
      case 'condition':
        return r.text?.en ?? r.detail ?? 'does not apply to this tenant';
      case 'error':
        return r.detail ?? 'the check failed';
    }
  },
  checkCatalogue: 'Check catalogue',
  id: 'Id',
  severity: 'Severity',
  modes: 'Modes',
  title: 'Title',
  requires: 'Needs',
  anyMode: 'any',
  article: 'Article',
  symptoms: 'Error messages',
  explainNoMatch: (t: string) =>
    `Nothing in the catalogue matches "${t}". Try a check id (jidoctor checks) or paste the exact error text.`,
  explainMatches: (n: number) => `${n} ${n === 1 ? 'match' : 'matches'}`,
  relatedChecks: 'Related checks',
  permissions: 'Permissions',
};

export type UiStrings = typeof en;

const it: UiStrings = {
  reportTitle: 'Rapporto jidoctor',
  tenant: 'Tenant',
  asOf: 'Alla data',
  warnings: 'Avvisi sui dati',
  clockManifest: 'collectedAt da manifest.json',
  clockAsOf: '--as-of',
  clockFileTime: 'data del file più recente nello snapshot (nessun manifest; usare --as-of per impostarla)',
  clockNow: 'il momento della raccolta',
  source: 'Origine',
  mode: 'Modalità di integrazione',
  modeNames: {
    legacy: 'legacy (integrazione Intune per macOS / accesso condizionale)',
    'device-compliance': 'Device Compliance',
    both: 'sia legacy sia Device Compliance',
    none: 'nessuna configurata',
    unknown: 'sconosciuta',
  },
  stateNames: {
    L: () => 'solo integrazione legacy',
    B: () => "migrazione in corso: sia l'integrazione legacy sia Device Compliance sono attive",
    C: (date) =>
      `migrato; il connettore legacy è terminato e Intune ne rimuove i record il ${date ?? '(data non indicata)'}`,
    D: (date) =>
      `migrato; restano residui legacy${date ? ` (la data di rimozione di Intune, ${date}, è passata)` : ' (data di rimozione di Intune non indicata)'}`,
    E: () => 'solo Device Compliance, nessun residuo legacy',
    F: () => "l'integrazione legacy è terminata e nulla la sostituisce",
    G: () => 'Device Compliance è configurato solo in parte',
  },
  stateWord: 'stato',
  firstQuestions: "Cosa chiede per prima cosa l'articolo",
  whichProblems: 'Quali problemi',
  problemsLine: (fail, sev) =>
    fail === 0
      ? 'nessun controllo fallisce'
      : `${fail} ${fail === 1 ? 'controllo fallisce' : 'controlli falliscono'}${sev ? ` (${sev})` : ''}`,
  macsAffected: 'Mac interessati',
  usersAffected: 'Utenti interessati',
  ofTotal: (n, total) => `${n} su ${total}`,
  allOrSome: (n, total) => (total > 0 && n === total ? 'tutti' : n === 0 ? 'nessuno' : 'solo alcuni'),
  errorMessages: 'Messaggi di errore pertinenti',
  noErrorMessages: "nessun messaggio di errore dell'articolo corrisponde a un controllo fallito",
  sinceWhen: 'Da quando',
  sinceUnknown: 'nessuna cronologia: eseguire di nuovo più tardi, o vedere le date nelle evidenze',
  newSinceLastRun: "Nuovi dall'ultima",
  newSinceValue: (n, previousRun) =>
    `${n} ${n === 1 ? 'risultato' : 'risultati'} (rispetto all'esecuzione ${previousRun}; jidoctor diff li mostra)`,
  firstRecordedRun: 'prima esecuzione registrata di questo tenant',
  historyOff: 'non noto: questa esecuzione non è registrata nella cronologia (vedere jidoctor history)',
  findings: 'Risultati',
  noFindings: 'Nessun problema trovato in ciò che è stato possibile controllare.',
  affected: 'Interessati',
  evidence: 'Evidenze',
  cause: 'Causa',
  resolution: 'Risoluzione',
  andMore: (n) => `… e altri ${n} (vedere --format json)`,
  cannotCheck: 'Impossibile controllare',
  partlyChecked: 'Controllati in parte (verdetto su ciò che si è potuto controllare)',
  coverage: (c) => {
    const total = c.checked + c.unknown;
    return `controllati ${num(c.checked, 'it')} ${unitOf(c, total, 'it')} su ${num(total, 'it')}; ${num(c.unknown, 'it')} non ${c.unknown === 1 ? 'controllabile' : 'controllabili'}: ${c.reasons[0] ?? ''}${moreReasons(c, 'it')}`;
  },
  notApplicable: 'Non applicabili',
  passed: 'Superati',
  errors: 'Errori dei controlli (un difetto di jidoctor, non del tenant)',
  datasets: 'Dati',
  outcomes: {
    pass: 'superato',
    fail: 'fallito',
    cannotCheck: 'impossibile controllare',
    notApplicable: 'non applicabile',
    error: 'errore',
  },
  severities: { critical: 'critica', high: 'alta', medium: 'media', low: 'bassa', info: 'informativa' },
  reason: (r) => {
    if (!r) return '';
    switch (r.kind) {
      case 'not-collected':
        return `${r.dataset} non è stato raccolto${r.detail ? ` (${r.detail})` : ''}`;
      case 'partial':
        return `${r.dataset} è stato raccolto solo in parte${r.detail ? ` (${r.detail})` : ''}`;
      case 'forbidden':
        return `la lettura di ${r.dataset} è stata negata: concedere ${r.needs?.join(' o ') ?? "l'autorizzazione"}`;
      case 'failed':
        return `la raccolta di ${r.dataset} non è riuscita${r.detail ? ` (${r.detail})` : ''}`;
      case 'skipped':
        return `${r.dataset} è stato saltato${r.detail ? ` (${r.detail})` : ''}`;
      case 'mode-unknown':
        return `la modalità di integrazione è sconosciuta (${r.detail})`;
      case 'mode':
        return r.detail ?? 'non riguarda questa modalità di integrazione';
      case 'not-probed':
        return r.detail ?? 'la rete non è stata verificata (usare --probe-network)';
      case 'incomplete-data':
        return r.detail ?? 'mancano alcuni dati';
      case 'excluded':
        return 'escluso con --only/--skip';
      case 'condition':
        return r.text?.it ?? r.detail ?? 'non riguarda questo tenant';
      case 'error':
        return r.detail ?? 'il controllo non è riuscito';
    }
  },
  checkCatalogue: 'Catalogo dei controlli',
  id: 'Id',
  severity: 'Gravità',
  modes: 'Modalità',
  title: 'Titolo',
  requires: 'Richiede',
  anyMode: 'qualsiasi',
  article: 'Articolo',
  symptoms: 'Messaggi di errore',
  explainNoMatch: (t) =>
    `Nessun elemento del catalogo corrisponde a "${t}". Provare un id di controllo (jidoctor checks) o incollare il testo esatto dell'errore.`,
  explainMatches: (n) => `${n} ${n === 1 ? 'corrispondenza' : 'corrispondenze'}`,
  relatedChecks: 'Controlli correlati',
  permissions: 'Autorizzazioni',
};

export const UI: Record<Lang, UiStrings> = { en, it };

/**
 * The report's mode line in words: the mode's name, then the migration state (letter and meaning, with the legacy
 * removal date for C and D), e.g. "Device Compliance (state C: migrated; … removes its records on 12 Jan 2027)".
 */
export function modeText(mode: Report['mode'], lang: Lang): string {
  const ui = UI[lang];
  const name = ui.modeNames[mode.detected] ?? mode.detected;
  const state = mode.state;
  if (!state) return name;
  const date = mode.legacyRemoval ? new Date(mode.legacyRemoval).toISOString().slice(0, 10) : null;
  const words = ui.stateNames[state]?.(date) ?? state;
  return `${name} (${ui.stateWord} ${state}: ${words})`;
}

/** The "new since last run" answer of a report's summary. */
export function newSinceLine(report: Report, lang: Lang): string {
  const ui = UI[lang];
  const h = report.history;
  if (!h) return ui.historyOff;
  if (h.previousRunId === null) return ui.firstRecordedRun;
  return ui.newSinceValue(report.summary.newSinceLastRun ?? 0, h.previousRunId);
}

export function formatDate(ms: number | string, lang: Lang): string {
  const d = typeof ms === 'string' ? new Date(ms) : new Date(ms);
  return (
    new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(d) + ' UTC'
  );
}
