import type { AnyCheck, Evidence, Lang, Subject } from '../checks/define.js';
import type { Fleet } from '../model/types.js';
import type { ReportFinding } from '../report/types.js';

/** Where a step happens. `console` is a step in an admin console that jidoctor cannot do for you. */
export type Where = 'intune' | 'entra' | 'jamf' | 'mac' | 'console';

/** The records jidoctor can change with --apply. */
export type RecordKind = 'intune' | 'entra' | 'jamf';

/** An API call an admin could run, or the one jidoctor runs with --apply. */
export interface ApiCall {
  api: 'graph' | 'jamf';
  method: 'GET' | 'PATCH' | 'DELETE' | 'POST';
  path: string;
  body?: Record<string, unknown>;
}

export type FieldValue = string | number | boolean | null;

/** A tenant record an action changes, with the fields seen when the plan was made (re-checked before acting). */
export interface TargetRecord {
  kind: RecordKind;
  /** Intune managedDevice id, Entra device object id, or Jamf computer id. */
  id: string;
  /** A human label: the device name and, for Entra, its deviceId. */
  label: string;
  /** Fields at plan time; the record is skipped when any of them differs live. */
  expect: Record<string, FieldValue>;
  /** Jamf Pro API version the record was read with (the same version is used to re-read and delete it). */
  apiVersion?: number;
}

export type ActionOp = 'delete' | 'disable';

/** A change jidoctor can make with --apply. */
export interface Action {
  /** Stable id: `<op>:<kind>:<record id>` — the same action in a rerun has the same id. */
  id: string;
  op: ActionOp;
  record: TargetRecord;
  call: ApiCall;
  /** Entra deletions run only with --delete (the device is disabled first). */
  needsDeleteFlag: boolean;
  /**
   * The record of the same kind that the plan keeps in its place: re-read before acting too, so that a duplicate
   * is never removed once the record it duplicates has gone or changed.
   */
  keep?: TargetRecord;
}

export interface Step {
  where: Where;
  /** True when `--apply` does this step; false for steps a person must do. */
  automatic: boolean;
  text: string;
  /** The evidence behind the step, as short sentences. */
  why: string[];
  action?: Action;
  /** An exact click path in a console. */
  clickPath?: string;
  /** The Graph or Jamf Pro API call an admin could run instead of the console. */
  call?: ApiCall;
  /** A command to run on the Mac. */
  command?: string;
}

export interface Keep {
  kind: RecordKind;
  id: string;
  label: string;
  why: string[];
}

export interface FindingPlan {
  checkId: string;
  messageId: string;
  fingerprint: string;
  /** The Mac's subject id (serial), when the finding is about a Mac. */
  mac: string | null;
  message: string;
  subjects: Subject[];
  evidence: Evidence[];
  keep: Keep[];
  steps: Step[];
  /** Findings of other checks on the same Mac: often the real cause, to fix first (e.g. duplicates, licences). */
  related: Array<{ checkId: string; message: string }>;
}

export interface Plan {
  format: 'jidoctor-fix-plan';
  version: 1;
  checkId: string;
  title: string;
  lang: Lang;
  asOf: string;
  source: { kind: 'snapshot' | 'live' | 'simulator'; path: string | null };
  /** The check's outcome in this data; a plan is only as good as the diagnosis behind it. */
  outcome: string;
  reason?: string;
  /** Whether this check's planner is mechanical (real actions) or advisory (steps from the resolution). */
  planner: 'mechanical' | 'advisory';
  scriptAvailable: boolean;
  findings: FindingPlan[];
  summary: { findings: number; automatic: number; manual: number };
  /** What --apply needs beyond the read-only permissions (Graph application permissions, Jamf Pro privileges). */
  writePermissions: Array<{ system: 'graph' | 'jamf'; name: string; for: string }>;
}

export interface PlanContext {
  fleet: Fleet;
  lang: Lang;
  check: AnyCheck;
}

export interface Planner {
  kind: 'mechanical' | 'advisory';
  /** Whether `--script` (the cause-6 Mac clean-up) is offered for this check. */
  script: boolean;
  plan(finding: ReportFinding, ctx: PlanContext): Pick<FindingPlan, 'keep' | 'steps'>;
}

/** Picks the language's string. */
export function L(lang: Lang, en: string, it: string): string {
  return lang === 'it' ? it : en;
}
