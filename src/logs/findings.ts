/** What the logs/* checks share: the Mac and file subjects, evidence lines, and the signature-check run. */
import { type CheckContext, type Evidence, type Lang, type Localized, msg, type Subject } from '../checks/define.js';
import { subject } from '../checks/util.js';
import type { Fleet, LogHitGroup, LogLine, Mac, MacLogEvidence } from '../model/types.js';
import { SIGNATURE_BY_ID } from './signatures.js';
import { type TimedLine, whenText } from './time.js';

export function macSubject(ev: MacLogEvidence, mac: Mac | null): Subject {
  if (mac) return subject.mac(mac);
  return { kind: 'mac', id: ev.key, name: ev.host };
}

export function fileSubject(line: LogLine): Subject {
  return { kind: 'file', id: line.file, line: line.line };
}

/**
 * A log line as evidence. A line in the Mac's local time, or of jamf.log (no year), also says how its time was
 * read: the local time with its offset (or "zone unknown"), where the offset came from, and the year rule.
 */
export function lineEvidence(line: LogLine): Evidence {
  const l = line as TimedLine;
  const ev: Evidence = { source: line.file, line: line.line, text: line.text };
  if (l.local && (l.zone !== 'line' || l.year)) {
    const fields: Record<string, string> = { time: whenText(l) };
    if (l.zone && l.zone !== 'line') fields.zone = l.zone;
    if (l.year)
      fields.year =
        l.year === 'weekday' ? 'from the weekday' : 'from the file time (the weekday matched no year in the window)';
    ev.fields = fields;
  }
  return ev;
}

export function isoOrEmpty(t: number | null): string {
  return t == null ? '' : new Date(t).toISOString();
}

/** A line's time for a message: the local time with its offset, UTC, or the local time with the zone unknown. */
export function whenOrEmpty(line: LogLine): string {
  return whenText(line as TimedLine);
}

export interface SeenData {
  mac: string;
  signature: string;
  count: number;
  file: string;
  line: number;
  /** Time of the last matching line (local with offset, or zone unknown), '' when the format has no times. */
  last: string;
}

const WHEN: Record<Lang, (d: SeenData) => string> = {
  en: (d) => (d.last ? `, last on ${d.last}` : ''),
  it: (d) => (d.last ? `, l’ultima il ${d.last}` : ''),
};

function describe(d: SeenData, lang: Lang): string {
  return SIGNATURE_BY_ID.get(d.signature)?.description[lang] ?? d.signature;
}

/** The message of every signature check: what the line means, how often, where the last one is. */
export const seenMessage = msg<SeenData>({
  en: (d) =>
    `${d.mac}: ${describe(d, 'en')} — ${d.count} line${d.count === 1 ? '' : 's'}${WHEN.en(d)} (${d.file}:${d.line})`,
  it: (d) =>
    `${d.mac}: ${describe(d, 'it')} — ${d.count} ${d.count === 1 ? 'riga' : 'righe'}${WHEN.it(d)} (${d.file}:${d.line})`,
});

/** Families of files that can show a check's lines, and how to name them when none was collected. */
export interface FamilyScope {
  families: readonly string[] | 'any';
  label: Localized;
}

/**
 * Runs a signature check: one finding per Mac, signature and file, with the first and last line as evidence.
 * A Mac whose files include none of the families that could show the problem cannot be checked. `onHit` (the
 * legacy connector's checks, legacy.ts) decides what a Mac's group of lines says instead of the plain finding.
 */
export function runSignatureCheck(
  checkId: string,
  scope: FamilyScope,
  fleet: Fleet,
  // biome-ignore lint/suspicious/noExplicitAny: any check's context; without onHit it reports `seen`.
  ctx: CheckContext<any>,
  onHit: (subj: Subject, h: LogHitGroup, ev: MacLogEvidence) => void = (subj, h) => reportHit(ctx, subj, h),
): void {
  for (const { evidence: ev, mac } of fleet.macLogs) {
    const subj = macSubject(ev, mac);
    const hits = ev.hits.filter((h) => h.checkId === checkId && h.kind === 'problem');
    if (hits.length === 0) {
      noHitVerdict(ev, scope, ctx, subj);
      continue;
    }
    for (const h of sortHits(hits)) onHit(subj, h, ev);
  }
}

/**
 * A Mac whose files show none of a check's lines: healthy, unless none of its files could show them or its evidence
 * is incomplete (then "could not check" for that Mac).
 */
// biome-ignore lint/suspicious/noExplicitAny: any check's context; only unknown() is used.
function noHitVerdict(ev: MacLogEvidence, scope: FamilyScope, ctx: CheckContext<any>, subj: Subject): void {
  const relevant = ev.files.filter((f) => scope.families === 'any' || scope.families.includes(f.family));
  if (relevant.length === 0) {
    ctx.unknown(`${ev.key}: no ${scope.label[ctx.lang]} among the files of ${ev.root}`, subj);
    return;
  }
  const incomplete = ev.problems.find((p) => p.incomplete);
  if (incomplete) ctx.unknown(incomplete.message, subj);
}

function sortHits(hits: LogHitGroup[]): LogHitGroup[] {
  return [...hits].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.last.line - b.last.line ||
      (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0),
  );
}

/**
 * Reports a Mac's group of lines: its first and last line as evidence, the Mac and the file as subjects. `messageId`
 * and `extra` data for the checks that say more than `seen` (the legacy connector's, legacy.ts).
 */
export function reportHit(
  // biome-ignore lint/suspicious/noExplicitAny: any check's context whose message takes SeenData (and `extra`).
  ctx: CheckContext<any>,
  subj: Subject,
  h: LogHitGroup,
  messageId = 'seen',
  extra: Record<string, string> = {},
): void {
  const evidence = [lineEvidence(h.last)];
  if (h.count > 1) evidence.unshift(lineEvidence(h.first));
  ctx.report({
    messageId,
    data: {
      mac: subj.id,
      signature: h.signature,
      count: h.count,
      file: h.file,
      line: h.last.line,
      last: whenOrEmpty(h.last),
      ...extra,
    },
    subjects: [subj, fileSubject(h.last)],
    evidence,
  });
}
