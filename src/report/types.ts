import type { CoverageUnit, Evidence, Severity, Subject } from '../checks/define.js';
import type { IntegrationMode, MigrationState } from '../model/types.js';

/** JSON report, version 1 (docs/report-format.md). Fields may be added, never removed or renamed. */

export type Outcome = 'pass' | 'fail' | 'cannotCheck' | 'notApplicable' | 'error';
export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'cannotCheck', 'notApplicable', 'error'];

export type ReasonKind =
  | 'not-collected'
  | 'partial'
  | 'forbidden'
  | 'failed'
  | 'skipped'
  | 'mode-unknown'
  | 'mode'
  | 'not-probed'
  | 'incomplete-data'
  | 'excluded'
  | 'condition'
  | 'error';

export interface Reason {
  kind: ReasonKind;
  dataset?: string;
  needs?: string[];
  detail?: string;
  /** For `condition`: why the check does not apply, in each language (`detail` holds the English). */
  text?: { en: string; it: string };
}

export interface CheckResult {
  id: string;
  outcome: Outcome;
  severity: Severity;
  findings: number;
  reason?: Reason;
  /** Objects the check could not evaluate (missing or partial data), when it still gave a verdict on the rest. */
  unknown?: number;
  /**
   * Set when the check evaluated some objects and could not evaluate others: its outcome is over the `checked`
   * ones; `reasons` are the first distinct reasons (at most 5) the others could not be checked.
   */
  coverage?: { unit: CoverageUnit; checked: number; unknown: number; reasons: string[] };
}

export interface ReportFinding {
  checkId: string;
  messageId: string;
  severity: Severity;
  message: string;
  subjects: Subject[];
  evidence: Evidence[];
  fingerprint: string;
  /** The message's data (ids and values), language-independent. */
  data: Record<string, unknown>;
  firstSeen?: string;
  lastSeen?: string;
}

export interface Report {
  format: 'jidoctor-report';
  version: 1;
  generatedAt: string;
  asOf: string;
  /** Where the clock came from. */
  asOfSource: string;
  /**
   * What the reader says about the input as a whole: a collection that did not finish (manifest state
   * `collecting`), a manifest that the data contradicts. Absent when there is nothing to say.
   */
  warnings?: string[];
  lang: string;
  source: { kind: 'snapshot' | 'live' | 'simulator'; path: string | null };
  tenant: { id: string | null; name: string | null };
  mode: {
    detected: IntegrationMode;
    why: string;
    /** The migration state (L, B, C, D, E, F, G; docs/report-format.md); null when none applies or unknown. */
    state?: MigrationState | null;
    /** C and D: when Intune removes the terminated legacy connector's Macs (ISO), null when not reported. */
    legacyRemoval?: string | null;
    /** Intune Mac records left by the stopped legacy connector, kept out of the device checks. */
    legacyLeftovers?: number;
  };
  summary: {
    macs: number;
    users: number;
    checks: Record<Outcome, number>;
    findings: number;
    affected: { macs: number; users: number };
    bySeverity: Record<Severity, number>;
    /** Findings whose fingerprint the tenant's previous recorded run did not have (set when history is on). */
    newSinceLastRun?: number;
  };
  datasets: Array<{ id: string; status: string; records: number; path: string | null; reason?: string }>;
  checks: CheckResult[];
  findings: ReportFinding[];
  /** Set when the run was recorded in the history (docs/history-and-reports.md). */
  history?: ReportHistory;
  /** Set when the snapshot holds Mac files (`macs/{serial}/`): each Mac's log timeline (docs/logs.md). */
  macLogs?: ReportMacTimeline[];
}

/** One Mac's log timeline: registration attempts, check-ins, token failures, prompts; newest last. */
export interface ReportMacTimeline {
  mac: string;
  host: string | null;
  /** Where the Mac's zone comes from, or `unknown`. */
  zone: string;
  events: Array<{
    /** The Mac's local time as written (`YYYY-MM-DD HH:MM:SS`), when the line has one. */
    local: string | null;
    /** The offset applied (`-05:00`), or null: local time, zone unknown. */
    offset: string | null;
    /** The instant (ISO), when known. */
    time: string | null;
    /** `ordered`, or the file whose lines have no known zone (ordered within it only). */
    group: string;
    category: string;
    kind: 'problem' | 'event';
    signature: string;
    checkId: string;
    description: { en: string; it: string };
    file: string;
    line: number;
    count: number;
    which: 'only' | 'first' | 'last';
  }>;
}

export interface ReportHistory {
  runId: number;
  previousRunId: number | null;
  /** The tenant's recent runs, oldest first, this one last. */
  trend: Array<{ runId: number; asOf: string; failingMacs: number; findings: number }>;
}
