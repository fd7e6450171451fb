import { hash } from 'node:crypto';
import {
  type AnyCheck,
  type CheckContext,
  type CoverageUnit,
  type Evidence,
  type Lang,
  type MessageMap,
  renderMessage,
  SEVERITIES,
  type Severity,
  type Subject,
  severityRank,
} from '../checks/define.js';
import { DATASET_BY_ID, DATASETS } from '../model/datasets.js';
import { endpointChecklist } from '../model/endpoints.js';
import type { DatasetState, Fleet, ModeDetection } from '../model/types.js';
import type { CheckResult, Outcome, Reason, Report, ReportFinding } from '../report/types.js';
import { printable, unsafeCode } from '../report/wrap.js';

export interface RunOptions {
  lang?: Lang;
  only?: readonly string[];
  skip?: readonly string[];
}

export interface EngineResult {
  checks: CheckResult[];
  findings: ReportFinding[];
}

const subjectId = (s: Subject): string => (s.line != null ? `${s.kind}:${s.id}:${s.line}` : `${s.kind}:${s.id}`);

/**
 * The finding's identity across runs: sha256 of the check id, the message id, the sorted subject ids and, where the
 * evidence names records, the sorted (source, record id) pairs of those records, joined by NUL bytes. The records
 * make two findings of one check on one Mac distinct (two Intune records of a Mac in the same state); a finding
 * whose evidence names no record keeps the digest of scheme 1 (check, message, subjects), so only findings that
 * collided there change. Subject ids always hold a colon; the records' marker holds none, so the parts cannot be
 * confused. Hashed as one string in one call: the same UTF-8 bytes (a NUL always separates two parts, so no
 * surrogate pair forms across parts), hence the same digest, as hashing the parts one `update` at a time.
 */
export function fingerprint(
  checkId: string,
  messageId: string,
  subjects: readonly Subject[],
  evidence: readonly Evidence[] = [],
): string {
  let text = `${checkId}\0${messageId}`;
  if (subjects.length === 1) text += `\0${subjectId(subjects[0]!)}`;
  else if (subjects.length > 1) for (const id of subjects.map(subjectId).sort()) text += `\0${id}`;
  const records = recordsOf(evidence);
  if (records.length) text += `\0${RECORDS_MARKER}${records}`;
  return `sha256:${hash('sha256', text, 'hex')}`;
}

/** Scheme 1 of the fingerprint (check, message, subjects): what histories recorded before the records counted. */
export function fingerprintV1(checkId: string, messageId: string, subjects: readonly Subject[]): string {
  return fingerprint(checkId, messageId, subjects);
}

const RECORDS_MARKER = '@records';

/** The evidence's (source, record) pairs, sorted and without repeats, each as NUL source NUL record. */
function recordsOf(evidence: readonly Evidence[]): string {
  const parts: string[] = [];
  for (const e of evidence) if (e.record != null) parts.push(`\0${e.source}\0${e.record}`);
  if (parts.length < 2) return parts[0] ?? '';
  return [...new Set(parts)].sort().join('');
}

/**
 * printable(s) (report/wrap.ts), without its replace pass over the usual text, which has no control or bidi
 * character (unsafeCode).
 */
export function printableText(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (unsafeCode(s.charCodeAt(i))) return printable(s);
  }
  return s;
}

/** The reason a dataset that is not complete stops a check. */
export function reasonOf(state: DatasetState | undefined, id: string): Reason {
  const def = DATASET_BY_ID.get(id);
  if (id === DATASETS.networkProbe.id && (!state || state.status === 'missing')) {
    return {
      kind: 'not-probed',
      detail: `not probed from here (run with --probe-network); open outbound: ${endpointChecklist()}`,
    };
  }
  if (!state || state.status === 'missing') {
    const r: Reason = { kind: 'not-collected', dataset: id };
    if (state?.error) r.detail = state.error;
    return r;
  }
  const r: Reason = { kind: state.status as Reason['kind'], dataset: state.path ?? id };
  if (state.status === 'forbidden') r.needs = state.needs?.length ? state.needs : [...(def?.permissions ?? [])];
  const detail =
    state.error ??
    (state.status === 'partial' && state.expected != null
      ? `${state.records} of ${state.expected} records collected`
      : undefined);
  if (detail) r.detail = detail;
  return r;
}

/** The detected mode with its migration state, as a reason's detail names it: `device-compliance (state C)`. */
export function detectedText(mode: ModeDetection): string {
  return mode.state ? `${mode.detected} (state ${mode.state})` : mode.detected;
}

function matches(id: string, patterns: readonly string[]): boolean {
  return patterns.some(
    (p) => id === p || (p.endsWith('/*') && id.startsWith(p.slice(0, -1))) || id.startsWith(`${p}/`),
  );
}

/**
 * Runs the checks over the fleet. The engine, not the check, decides: a required dataset that is not complete
 * gives cannotCheck, a check outside the tenant's mode gives notApplicable, a check that throws gives error.
 */
export function runChecks(fleet: Fleet, checks: readonly AnyCheck[], options: RunOptions = {}): EngineResult {
  const lang = options.lang ?? 'en';
  const results: CheckResult[] = [];
  const findings: ReportFinding[] = [];
  const mode = fleet.mode.detected;

  for (const check of checks) {
    const base = { id: check.id, severity: check.severity };
    if (
      (options.only?.length && !matches(check.id, options.only)) ||
      (options.skip?.length && matches(check.id, options.skip))
    ) {
      results.push({
        ...base,
        outcome: 'notApplicable',
        findings: 0,
        reason: { kind: 'excluded', detail: '--only/--skip' },
      });
      continue;
    }
    if (check.modes !== 'any') {
      if (mode === 'unknown') {
        results.push({
          ...base,
          outcome: 'cannotCheck',
          findings: 0,
          reason: { kind: 'mode-unknown', detail: fleet.mode.why },
        });
        continue;
      }
      const applies =
        mode === 'both' ? true : mode === 'none' ? false : (check.modes as readonly string[]).includes(mode);
      if (!applies) {
        results.push({
          ...base,
          outcome: 'notApplicable',
          findings: 0,
          reason: {
            kind: 'mode',
            detail: `applies to ${check.modes.join(', ')}; detected ${detectedText(fleet.mode)}`,
          },
        });
        continue;
      }
    }
    if (check.states) {
      const state = fleet.mode.state ?? null;
      if (state === null || !check.states.includes(state)) {
        results.push({
          ...base,
          outcome: 'notApplicable',
          findings: 0,
          reason: {
            kind: 'mode',
            detail: `applies to migration states ${check.states.join(', ')}; detected ${detectedText(fleet.mode)}`,
          },
        });
        continue;
      }
    }
    const na = check.notApplicable?.(fleet);
    if (na) {
      results.push({
        ...base,
        outcome: 'notApplicable',
        findings: 0,
        reason: { kind: 'condition', detail: na.en, text: { en: na.en, it: na.it } },
      });
      continue;
    }
    const blocked = check.requires.find((id) => fleet.datasets.get(id)?.status !== 'complete');
    if (blocked) {
      results.push({
        ...base,
        outcome: 'cannotCheck',
        findings: 0,
        reason: reasonOf(fleet.datasets.get(blocked), blocked),
      });
      continue;
    }

    const mine: ReportFinding[] = [];
    const unknowns: Array<{ reason: string; subject?: Subject }> = [];
    let checked = 0;
    let unit: CoverageUnit = 'mac';
    const ctx: CheckContext<MessageMap> = {
      now: fleet.asOf,
      mode: fleet.mode,
      lang,
      report(f) {
        const m = check.messages[f.messageId];
        if (!m) throw new Error(`${check.id} reported undeclared message ${f.messageId}`);
        const severity: Severity = m.severity ?? check.severity;
        mine.push({
          checkId: check.id,
          messageId: f.messageId,
          severity,
          message: printableText(renderMessage(check, f.messageId, f.data, lang)),
          subjects: f.subjects,
          evidence: f.evidence as Evidence[],
          fingerprint: fingerprint(check.id, f.messageId, f.subjects, f.evidence as Evidence[]),
          data: f.data as Record<string, unknown>,
        });
      },
      unknown(reason, subject) {
        unknowns.push(subject ? { reason, subject } : { reason });
      },
      checked(count, u) {
        checked += count;
        unit = u;
      },
    };
    try {
      check.run(fleet, ctx);
    } catch (err) {
      results.push({
        ...base,
        outcome: 'error',
        findings: 0,
        reason: { kind: 'error', detail: `${check.id}: ${(err as Error).message}` },
      });
      continue;
    }
    const failing = mine.some((f) => f.severity !== 'info');
    let outcome: Outcome = failing ? 'fail' : 'pass';
    const result: CheckResult = { ...base, outcome, findings: mine.length };
    if (unknowns.length) {
      result.unknown = unknowns.length;
      // Some objects were checked: the verdict stands over them, and the report says what was not checked.
      if (checked > 0) {
        const reasons = [...new Set(unknowns.map((u) => printableText(u.reason)))].slice(0, 5);
        result.coverage = { unit, checked, unknown: unknowns.length, reasons };
      }
      if (!failing && checked === 0) {
        outcome = 'cannotCheck';
        result.outcome = outcome;
        result.reason = {
          kind: 'incomplete-data',
          detail:
            unknowns.length === 1 ? unknowns[0]!.reason : `${unknowns[0]!.reason} (and ${unknowns.length - 1} more)`,
        };
      }
    }
    results.push(result);
    for (const f of mine) findings.push(f);
  }
  findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0) ||
      (a.subjects[0]?.id ?? '').localeCompare(b.subjects[0]?.id ?? ''),
  );
  return { checks: results, findings };
}

export interface ReportSource {
  kind: 'snapshot' | 'live' | 'simulator';
  path: string | null;
  asOfSource: string;
  /** Warnings about the input as a whole (Collected.warnings). */
  warnings?: string[] | undefined;
}

/** The report's `mode`: detected and why as before, plus the migration state and, for C/D, the removal date. */
function reportMode(m: ModeDetection): Report['mode'] {
  const out: Report['mode'] = { detected: m.detected, why: m.why, state: m.state ?? null };
  if (m.state === 'C' || m.state === 'D')
    out.legacyRemoval = m.legacyRemoval == null ? null : new Date(m.legacyRemoval).toISOString();
  if (m.leftovers != null) out.legacyLeftovers = m.leftovers;
  return out;
}

/** Builds the JSON report (version 1) from an engine result. */
export function buildReport(
  fleet: Fleet,
  result: EngineResult,
  source: ReportSource,
  lang: Lang,
  generatedAt = Date.now(),
): Report {
  const checks = Object.fromEntries(
    (['pass', 'fail', 'cannotCheck', 'notApplicable', 'error'] as Outcome[]).map((o) => [o, 0]),
  ) as Record<Outcome, number>;
  for (const c of result.checks) checks[c.outcome]++;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const affectedMacs = new Set<string>();
  const affectedUsers = new Set<string>();
  for (const f of result.findings) {
    bySeverity[f.severity]++;
    if (f.severity === 'info') continue;
    for (const s of f.subjects) {
      if (s.kind === 'mac') affectedMacs.add(s.id);
      else if (s.kind === 'user') affectedUsers.add(s.id);
    }
  }
  // Users of the fleet's Macs (each once), and the users of the affected Macs.
  const idx = fleet.index;
  const users = idx.userCount();
  idx.addUsersOf(idx.macsByKey(affectedMacs), affectedUsers);
  return {
    format: 'jidoctor-report',
    version: 1,
    generatedAt: new Date(generatedAt).toISOString(),
    asOf: new Date(fleet.asOf).toISOString(),
    asOfSource: source.asOfSource,
    ...(source.warnings?.length ? { warnings: source.warnings.map(printableText) } : {}),
    lang,
    source: { kind: source.kind, path: source.path },
    tenant: fleet.tenant,
    mode: reportMode(fleet.mode),
    summary: {
      macs: idx.macCount,
      users,
      checks,
      findings: result.findings.length,
      affected: { macs: affectedMacs.size, users: affectedUsers.size },
      bySeverity,
    },
    datasets: [...fleet.datasets.values()]
      .filter((d) => !d.instance)
      .map((d) => ({
        id: d.id,
        status: d.status,
        records: d.records,
        path: d.path,
        ...(d.status !== 'complete' && d.error ? { reason: printableText(d.error) } : {}),
      })),
    checks: result.checks,
    findings: result.findings,
  };
}
