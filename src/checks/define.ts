import type { DatasetId } from '../model/datasets.js';
import type { Fleet, MigrationState, ModeDetection } from '../model/types.js';

export type Lang = 'en' | 'it';
export const LANGS: readonly Lang[] = ['en', 'it'];
export type Localized = Record<Lang, string>;

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity): number => SEVERITIES.length - SEVERITIES.indexOf(s);

/** The integration generation a check is about (docs/checks.md "Mode"). */
export type ModeName = 'legacy' | 'device-compliance';

export type SubjectKind =
  | 'mac'
  | 'user'
  | 'policy'
  | 'group'
  | 'application'
  | 'servicePrincipal'
  | 'partner'
  | 'file'
  | 'tenant';

export interface Subject {
  kind: SubjectKind;
  id: string;
  name?: string | null;
  line?: number;
  /** For a Mac: its main user (UPN), so that every output can name who is affected. */
  user?: string | null;
}

export interface Evidence {
  /** The API path (dataset) or file the evidence comes from. */
  source: string;
  /** The record's id in that source. */
  record?: string;
  /** Allow-listed fields of the record; never a whole record, never a secret. */
  fields?: Record<string, string | number | boolean | null | string[]>;
  line?: number;
  text?: string;
}

/** A message of a check: rendered in each language from its data. */
export interface MessageDef<D> {
  /** A lower severity than the check's, for warning-level findings. */
  severity?: Severity;
  en: (d: D) => string;
  it: (d: D) => string;
}

// biome-ignore lint/suspicious/noExplicitAny: the map is typed per check through defineCheck's inference.
export type MessageMap = Record<string, MessageDef<any>>;
export type DataOf<M> = M extends MessageDef<infer D> ? D : never;

export function msg<D>(def: MessageDef<D>): MessageDef<D> {
  return def;
}

export interface ReportInput<M extends MessageMap, K extends keyof M & string> {
  messageId: K;
  data: DataOf<M[K]>;
  subjects: Subject[];
  evidence: Evidence[];
}

export interface CheckContext<M extends MessageMap> {
  /** The snapshot's clock (collectedAt): the only "now" a check may use. */
  now: number;
  mode: ModeDetection;
  lang: Lang;
  report<K extends keyof M & string>(finding: ReportInput<M, K>): void;
  /** Part of the check could not be evaluated (an object whose data is missing): never healthy, never broken. */
  unknown(reason: string, subject?: Subject): void;
  /**
   * `count` objects of `unit` were evaluated (given a verdict, found or not). With it, a check that could not
   * evaluate some objects still passes or fails over the others, and the report says how many it checked and which
   * it could not ("checked 9,999 of 10,000 Macs"); without it, any unknown object makes a passing check
   * "could not check".
   */
  checked(count: number, unit: CoverageUnit): void;
}

/** What a check counts in its coverage. */
export type CoverageUnit = 'mac' | 'user' | 'group' | 'policy' | 'application' | 'partner' | 'file';

export interface CheckMeta<M extends MessageMap = MessageMap> {
  id: string;
  severity: Severity;
  /** 'any', or the integration modes the check applies to. */
  modes: 'any' | readonly ModeName[];
  /**
   * Optional: the migration states (model/types.ts MigrationState) the check applies to, on top of `modes`; outside
   * them, or when the state is not known, the check is notApplicable. Most checks leave it out.
   */
  states?: readonly MigrationState[];
  /** The datasets that must be complete for the check to give a verdict. */
  requires: readonly DatasetId[];
  title: Localized;
  cause: Localized;
  resolution: Record<Lang, readonly string[]>;
  /** The article section (or doc) the check comes from. */
  sources: readonly string[];
  /** Error texts an admin may see for this problem, verbatim (used by `explain`). */
  symptoms?: readonly string[];
  messages: M;
  /**
   * A condition besides the mode (the Jamf Pro version, the snapshot's date): the reason the check does not apply
   * to this fleet, or null when it does. Data that cannot tell (no version read) must return null.
   */
  notApplicable?: (fleet: Fleet) => Localized | null;
}

export interface CheckDef<M extends MessageMap> extends CheckMeta<M> {
  run(fleet: Fleet, ctx: CheckContext<M>): void;
}

export type AnyCheck = CheckDef<MessageMap>;

export function defineCheck<M extends MessageMap>(def: CheckDef<M>): CheckDef<M> {
  return def;
}

/** Renders a finding's message in a language. */
export function renderMessage(check: CheckMeta, messageId: string, data: unknown, lang: Lang): string {
  const m = check.messages[messageId];
  if (!m) return `${check.id}: ${messageId}`;
  return m[lang](data);
}
