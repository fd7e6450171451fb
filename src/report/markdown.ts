import type { AnyCheck, Lang } from '../checks/define.js';
import { SEVERITIES } from '../checks/define.js';
import { formatDate, modeText, newSinceLine, UI } from '../i18n/ui.js';
import { applicableSymptoms, severityCounts, subjectLabel } from './text.js';
import type { Report, ReportFinding } from './types.js';
import { printable } from './wrap.js';

export interface MarkdownOptions {
  lang: Lang;
  checks: readonly AnyCheck[];
  maxPerCheck?: number;
}

/** Escapes text for a Markdown table cell or paragraph: no HTML, no table breaks, no emphasis surprises. */
export function mdEscape(s: string): string {
  return printable(s)
    .replace(/\\/g, '\\\\')
    .replace(/[|]/g, '\\|')
    .replace(/[<>]/g, (ch) => (ch === '<' ? '&lt;' : '&gt;'))
    .replace(/([*_`[\]#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

export function renderMarkdown(report: Report, options: MarkdownOptions): string {
  const { lang } = options;
  const ui = UI[lang];
  const max = options.maxPerCheck ?? 50;
  const byId = new Map(options.checks.map((k) => [k.id, k]));
  const s = report.summary;
  const out: string[] = [];
  out.push(`# ${ui.reportTitle}${report.tenant.name ? ` — ${mdEscape(report.tenant.name)}` : ''}`, '');
  out.push(`- **${ui.asOf}:** ${formatDate(report.asOf, lang)}`);
  if (report.source.path)
    out.push(`- **${ui.source}:** ${report.source.kind} \`${printable(report.source.path).replace(/`/g, "'")}\``);
  out.push(`- **${ui.mode}:** ${mdEscape(modeText(report.mode, lang))} — ${mdEscape(report.mode.why)}`, '');
  if (report.warnings?.length) {
    out.push(`> **${ui.warnings}:**`);
    for (const w of report.warnings) out.push(`> - ${mdEscape(w)}`);
    out.push('');
  }

  const failing = report.checks.filter((r) => r.outcome === 'fail');
  out.push(`## ${ui.firstQuestions}`, '');
  out.push(`| | |`, `|---|---|`);
  out.push(`| ${ui.whichProblems} | ${ui.problemsLine(failing.length, severityCounts(report.checks, lang))} |`);
  out.push(
    `| ${ui.macsAffected} | ${ui.ofTotal(s.affected.macs, s.macs)} (${ui.allOrSome(s.affected.macs, s.macs)}) |`,
  );
  out.push(
    `| ${ui.usersAffected} | ${ui.ofTotal(s.affected.users, s.users)} (${ui.allOrSome(s.affected.users, s.users)}) |`,
  );
  const firstSeen = report.findings
    .map((f) => f.firstSeen)
    .filter((x): x is string => !!x)
    .sort()[0];
  out.push(`| ${ui.sinceWhen} | ${firstSeen ? formatDate(firstSeen, lang) : ui.sinceUnknown} |`);
  out.push(`| ${ui.newSinceLastRun} | ${mdEscape(newSinceLine(report, lang))} |`, '');
  const symptoms = applicableSymptoms(report, options.checks);
  out.push(`**${ui.errorMessages}:**`, '');
  if (!symptoms.length) out.push(`- ${ui.noErrorMessages}`);
  for (const sym of symptoms) out.push(`- \`${sym.text.replace(/`/g, "'")}\` — \`${sym.checkId}\``);
  out.push('');

  out.push(`## ${ui.findings}`, '');
  if (!failing.length) out.push(ui.noFindings, '');
  const byCheck = new Map<string, ReportFinding[]>();
  for (const f of report.findings) byCheck.set(f.checkId, [...(byCheck.get(f.checkId) ?? []), f]);
  const order = [...failing].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id),
  );
  for (const r of order) {
    const meta = byId.get(r.id);
    const fs = byCheck.get(r.id) ?? [];
    out.push(`### ${ui.severities[r.severity].toUpperCase()} · \`${r.id}\` — ${mdEscape(meta?.title[lang] ?? '')}`, '');
    out.push(
      `| # | ${lang === 'it' ? 'Messaggio' : 'Message'} | ${ui.affected} | ${ui.evidence} |`,
      '|---|---|---|---|',
    );
    fs.slice(0, max).forEach((f, i) => {
      const ev = f.evidence
        .slice(0, 3)
        .map((e) => `${e.source}${e.line != null ? `:${e.line}` : ''}${e.record ? ` #${e.record}` : ''}`)
        .join('<br>');
      out.push(
        `| ${i + 1} | ${mdEscape(f.message)}${f.firstSeen ? ` (${lang === 'it' ? 'dal' : 'since'} ${f.firstSeen.slice(0, 10)})` : ''} | ${mdEscape(f.subjects.map(subjectLabel).join('; '))} | ${mdEscape(ev).replace(/&lt;br&gt;/g, '<br>')} |`,
      );
    });
    if (fs.length > max) out.push('', ui.andMore(fs.length - max));
    if (meta) {
      out.push('', `**${ui.cause}:** ${mdEscape(meta.cause[lang])}`, '', `**${ui.resolution}:**`, '');
      for (const [i, step] of meta.resolution[lang].entries()) out.push(`${i + 1}. ${step.replace(/\r?\n/g, ' ')}`);
    }
    out.push('');
  }
  const cannot = report.checks.filter((r) => r.outcome === 'cannotCheck');
  if (cannot.length) {
    out.push(`## ${ui.cannotCheck}`, '');
    for (const r of cannot) out.push(`- \`${r.id}\`: ${mdEscape(ui.reason(r.reason))}`);
    out.push('');
  }
  const partly = report.checks.filter((r) => r.coverage);
  if (partly.length) {
    out.push(`## ${ui.partlyChecked}`, '');
    for (const r of partly) out.push(`- \`${r.id}\`: ${mdEscape(ui.coverage(r.coverage!))}`);
    out.push('');
  }
  const errors = report.checks.filter((r) => r.outcome === 'error');
  if (errors.length) {
    out.push(`## ${ui.errors}`, '');
    for (const r of errors) out.push(`- \`${r.id}\`: ${mdEscape(ui.reason(r.reason))}`);
    out.push('');
  }
  const passed = report.checks.filter((r) => r.outcome === 'pass').length;
  const na = report.checks.filter((r) => r.outcome === 'notApplicable').length;
  out.push(`${ui.passed}: ${passed} · ${ui.notApplicable}: ${na} · ${ui.cannotCheck}: ${cannot.length}`);
  // The net under the escaped pieces: nothing raw from the data (Markdown has no escape codes of ours).
  return printable(`${out.join('\n')}\n`);
}
