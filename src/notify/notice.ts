import { type Lang, SEVERITIES, type Severity, type Subject, severityRank } from '../checks/define.js';
import { checkById } from '../checks/index.js';

/**
 * What a notification says, before it is shaped for Teams, Slack or plain JSON: what is new and what was fixed
 * since the tenant's previous recorded run (the history's diff), counted by severity, with the worst new findings
 * grouped by check. Names of Macs and users (and the rendered messages, which hold them) are kept only when the
 * admin asks for them (`--notify-include-names`): by default a notification says which checks and how many, never
 * who or which device.
 */
export interface Notice {
  lang: Lang;
  tenant: { id: string; name: string | null };
  /** The previous recorded run of the tenant; null when this is its first. */
  from: { runId: number; asOf: string } | null;
  to: { runId: number; asOf: string };
  counts: { new: Record<Severity, number>; fixed: Record<Severity, number>; persisting: number };
  /** Macs with at least one finding in the later run. */
  affectedMacs: number;
  /** New findings grouped by check, worst first. */
  newByCheck: NoticeGroup[];
  fixedByCheck: NoticeGroup[];
  /** Whether the groups carry the findings' messages and subjects (`--notify-include-names`). */
  names: boolean;
}

export interface NoticeGroup {
  checkId: string;
  title: string;
  severity: Severity;
  count: number;
  /** Only with names: each finding's message and subjects. */
  findings?: Array<{ message: string; subjects: Subject[]; fingerprint: string }>;
}

/** The part of a finding a notice reads (a report finding and a history finding both have it). */
export interface NoticeFinding {
  checkId: string;
  severity: Severity;
  message: string;
  subjects: Subject[];
  fingerprint: string;
}

export interface NoticeInput {
  lang: Lang;
  tenant: { id: string; name: string | null };
  from: { runId: number; asOf: string } | null;
  to: { runId: number; asOf: string };
  new: readonly NoticeFinding[];
  fixed: readonly NoticeFinding[];
  persisting: number;
  affectedMacs: number;
  includeNames: boolean;
}

const zero = (): Record<Severity, number> =>
  Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

function countBySeverity(list: readonly NoticeFinding[]): Record<Severity, number> {
  const out = zero();
  for (const f of list) out[f.severity]++;
  return out;
}

function groups(list: readonly NoticeFinding[], lang: Lang, names: boolean): NoticeGroup[] {
  const by = new Map<string, NoticeGroup>();
  for (const f of list) {
    let g = by.get(f.checkId);
    if (!g) {
      g = { checkId: f.checkId, title: checkById(f.checkId)?.title[lang] ?? f.checkId, severity: f.severity, count: 0 };
      if (names) g.findings = [];
      by.set(f.checkId, g);
    }
    g.count++;
    if (severityRank(f.severity) > severityRank(g.severity)) g.severity = f.severity;
    g.findings?.push({ message: f.message, subjects: f.subjects, fingerprint: f.fingerprint });
  }
  return [...by.values()].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) || b.count - a.count || (a.checkId < b.checkId ? -1 : 1),
  );
}

export function buildNotice(input: NoticeInput): Notice {
  return {
    lang: input.lang,
    tenant: input.tenant,
    from: input.from,
    to: input.to,
    counts: { new: countBySeverity(input.new), fixed: countBySeverity(input.fixed), persisting: input.persisting },
    affectedMacs: input.affectedMacs,
    newByCheck: groups(input.new, input.lang, input.includeNames),
    fixedByCheck: groups(input.fixed, input.lang, input.includeNames),
    names: input.includeNames,
  };
}

/** Whether anything changed: a notification is sent only then, unless `--notify-always`. */
export const changed = (n: Notice): boolean => total(n.counts.new) + total(n.counts.fixed) > 0;

export const total = (r: Record<Severity, number>): number => SEVERITIES.reduce((s, k) => s + r[k], 0);
