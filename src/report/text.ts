import pc from 'picocolors';
import type { AnyCheck, Lang, Severity, Subject } from '../checks/define.js';
import { SEVERITIES } from '../checks/define.js';
import { formatDate, modeText, newSinceLine, UI } from '../i18n/ui.js';
import type { CheckResult, Report, ReportFinding } from './types.js';
import { printable, truncate, wrap } from './wrap.js';

/** Our colour codes (kept) or one character printable() replaces. */
const SGR_OR_UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escapes are what this finds.
  /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export interface TextOptions {
  lang: Lang;
  checks: readonly AnyCheck[];
  color?: boolean;
  width?: number;
  /** Findings listed per check before "and N more". */
  maxPerCheck?: number;
}

export function subjectLabel(s: Subject): string {
  return printable(rawSubjectLabel(s));
}

function rawSubjectLabel(s: Subject): string {
  if (s.kind === 'mac') {
    const name = s.name && s.name !== s.id ? `${s.name} (${s.id})` : s.id;
    return s.user ? `${name} · ${s.user}` : name;
  }
  if (s.kind === 'file') return s.line != null ? `${s.id}:${s.line}` : s.id;
  return s.name ? `${s.name} (${s.id})` : s.id;
}

export function severityCounts(checks: CheckResult[], lang: Lang): string {
  const ui = UI[lang];
  const failing = checks.filter((c) => c.outcome === 'fail');
  const counts = new Map<Severity, number>();
  for (const c of failing) counts.set(c.severity, (counts.get(c.severity) ?? 0) + 1);
  return SEVERITIES.filter((s) => counts.get(s))
    .map((s) => `${counts.get(s)} ${ui.severities[s]}`)
    .join(', ');
}

/** The error texts of the article that belong to the failing checks. */
export function applicableSymptoms(
  report: Report,
  checks: readonly AnyCheck[],
): Array<{ text: string; checkId: string }> {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const out: Array<{ text: string; checkId: string }> = [];
  for (const r of report.checks) {
    if (r.outcome !== 'fail') continue;
    for (const s of byId.get(r.id)?.symptoms ?? []) {
      const key = s.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ text: s, checkId: r.id });
    }
  }
  return out;
}

/** Renders the report for a terminal: first the article's opening questions, then findings by severity. */
export function renderText(report: Report, options: TextOptions): string {
  const { lang } = options;
  const ui = UI[lang];
  const width = Math.max(60, Math.min(options.width ?? 80, 120));
  const c = pc.createColors(options.color ?? false);
  const max = options.maxPerCheck ?? 10;
  const byId = new Map(options.checks.map((k) => [k.id, k]));
  const out: string[] = [];
  const sevColor = (s: Severity, t: string): string =>
    s === 'critical'
      ? c.bold(c.red(t))
      : s === 'high'
        ? c.red(t)
        : s === 'medium'
          ? c.yellow(t)
          : s === 'low'
            ? c.cyan(t)
            : c.dim(t);

  const clock =
    report.asOfSource === 'manifest'
      ? ui.clockManifest
      : report.asOfSource === 'as-of'
        ? ui.clockAsOf
        : report.asOfSource === 'file-time'
          ? ui.clockFileTime
          : ui.clockNow;
  out.push(c.bold(`${ui.reportTitle}${report.tenant.name ? ` · ${printable(report.tenant.name)}` : ''}`));
  out.push(...wrap(`${ui.asOf}: ${formatDate(report.asOf, lang)} (${clock})`, width));
  if (report.source.path)
    out.push(...wrap(`${ui.source}: ${report.source.kind} ${printable(report.source.path)}`, width));
  out.push(
    ...wrap(`${ui.mode}: ${printable(modeText(report.mode, lang))} — ${printable(report.mode.why)}`, width, '  '),
  );
  out.push('');
  if (report.warnings?.length) {
    out.push(c.bold(c.yellow(ui.warnings)));
    for (const w of report.warnings) out.push(...wrap(printable(w), width, '    ', '  ! '));
    out.push('');
  }

  // The article's first questions: which error, how many users and devices, since when.
  const failing = report.checks.filter((r) => r.outcome === 'fail');
  const s = report.summary;
  out.push(c.bold(ui.firstQuestions));
  const label = (k: string) => `  ${`${k}:`.padEnd(20)}`;
  out.push(
    ...wrap(
      ui.problemsLine(failing.length, severityCounts(report.checks, lang)),
      width,
      ' '.repeat(22),
      label(ui.whichProblems),
    ),
  );
  out.push(
    `${label(ui.macsAffected)}${ui.ofTotal(s.affected.macs, s.macs)} (${ui.allOrSome(s.affected.macs, s.macs)})`,
  );
  out.push(
    `${label(ui.usersAffected)}${ui.ofTotal(s.affected.users, s.users)} (${ui.allOrSome(s.affected.users, s.users)})`,
  );
  const firstSeen = report.findings
    .map((f) => f.firstSeen)
    .filter((x): x is string => !!x)
    .sort()[0];
  out.push(
    ...wrap(firstSeen ? formatDate(firstSeen, lang) : ui.sinceUnknown, width, ' '.repeat(22), label(ui.sinceWhen)),
  );
  out.push(...wrap(newSinceLine(report, lang), width, ' '.repeat(22), label(ui.newSinceLastRun)));
  const symptoms = applicableSymptoms(report, options.checks);
  out.push(`  ${ui.errorMessages}:`);
  if (symptoms.length === 0) out.push(...wrap(ui.noErrorMessages, width, '    '));
  for (const sym of symptoms) out.push(...wrap(`“${sym.text}” — ${sym.checkId}`, width, '      ', '    • '));
  out.push('');

  out.push(c.bold(ui.findings));
  if (failing.length === 0) out.push(`  ${ui.noFindings}`);
  const order = [...failing].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id),
  );
  const findingsByCheck = new Map<string, ReportFinding[]>();
  for (const f of report.findings) {
    const list = findingsByCheck.get(f.checkId) ?? [];
    list.push(f);
    findingsByCheck.set(f.checkId, list);
  }
  for (const r of order) {
    const meta = byId.get(r.id);
    const fs = findingsByCheck.get(r.id) ?? [];
    out.push('');
    const tag = sevColor(r.severity, `[${ui.severities[r.severity].toUpperCase()}]`);
    out.push(...wrap(`${tag} ${c.bold(r.id)} — ${meta?.title[lang] ?? ''} (${fs.length})`, width, '    ', ''));
    for (const f of fs.slice(0, max)) {
      const since = f.firstSeen ? ` (${lang === 'it' ? 'dal' : 'since'} ${f.firstSeen.slice(0, 10)})` : '';
      out.push(
        ...wrap(
          `${f.severity !== r.severity ? `${sevColor(f.severity, ui.severities[f.severity])}: ` : ''}${f.message}${since}`,
          width,
          '      ',
          '  - ',
        ),
      );
      const subj = f.subjects.map(subjectLabel).join('; ');
      if (subj) out.push(...wrap(`${ui.affected}: ${subj}`, width, '      ', '    '));
      const ev = f.evidence[0];
      if (ev) {
        const fields = Object.entries(ev.fields ?? {})
          .slice(0, 3)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`)
          .join(' ');
        out.push(
          c.dim(
            `    ${truncate(printable(`${ui.evidence}: ${ev.source}${ev.line != null ? `:${ev.line}` : ''}${ev.record ? ` #${ev.record}` : ''} ${ev.text ?? fields}`), width - 4)}`,
          ),
        );
      }
    }
    if (fs.length > max) out.push(`    ${ui.andMore(fs.length - max)}`);
    if (meta) {
      out.push(...wrap(`${ui.cause}: ${meta.cause[lang]}`, width, '    ', '  '));
      out.push(`  ${ui.resolution}:`);
      meta.resolution[lang].forEach((step, i) => {
        out.push(...wrap(step, width, '       ', `    ${String(i + 1).padStart(2)}. `));
      });
    }
  }
  out.push('');

  const cannot = report.checks.filter((r) => r.outcome === 'cannotCheck');
  if (cannot.length) {
    out.push(c.bold(`${ui.cannotCheck} (${cannot.length})`));
    for (const r of cannot) out.push(...wrap(printable(`${r.id}: ${ui.reason(r.reason)}`), width, '      ', '  - '));
    out.push('');
  }
  const partly = report.checks.filter((r) => r.coverage);
  if (partly.length) {
    out.push(c.bold(`${ui.partlyChecked} (${partly.length})`));
    for (const r of partly)
      out.push(...wrap(`${r.id}: ${printable(ui.coverage(r.coverage!))}`, width, '      ', '  - '));
    out.push('');
  }
  const errors = report.checks.filter((r) => r.outcome === 'error');
  if (errors.length) {
    out.push(c.bold(c.red(`${ui.errors} (${errors.length})`)));
    for (const r of errors) out.push(...wrap(printable(`${r.id}: ${ui.reason(r.reason)}`), width, '      ', '  - '));
    out.push('');
  }
  const passed = report.checks.filter((r) => r.outcome === 'pass').length;
  const na = report.checks.filter((r) => r.outcome === 'notApplicable').length;
  out.push(`${ui.passed}: ${passed} · ${ui.notApplicable}: ${na} · ${ui.cannotCheck}: ${cannot.length}`);
  // Every piece of data was made printable above; this pass is the net under them (our own colour codes stay).
  const text = `${out.join('\n')}\n`;
  return options.color ? text.replace(SGR_OR_UNSAFE, (m) => (m.length > 1 ? m : printable(m))) : printable(text);
}
