import type { AnyCheck, Lang } from '../checks/define.js';
import { UI } from '../i18n/ui.js';
import { subjectLabel } from './text.js';
import type { CheckResult, Report, ReportFinding } from './types.js';

export interface JunitOptions {
  lang: Lang;
  checks: readonly AnyCheck[];
}

/** Escapes text for XML 1.0 content or a quoted attribute; characters XML cannot hold become U+FFFD. */
export function xmlEscape(value: unknown): string {
  return (
    String(value ?? '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .replace(/[&<>"']/g, (ch) =>
        ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&apos;',
      )
      // DEL, C1 and bidi controls as character references: the same data, nothing raw for a terminal.
      .replace(
        /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
        (ch) => `&#x${ch.charCodeAt(0).toString(16)};`,
      )
      // Attribute values keep their line breaks only as character references.
      .replace(/\r/g, '&#13;')
      .replace(/\n/g, '&#10;')
      .replace(/\t/g, '&#9;')
  );
}

/** Like xmlEscape, for element content: line breaks stay as they are. */
function xmlText(value: unknown): string {
  return xmlEscape(value).replace(/&#10;/g, '\n').replace(/&#9;/g, '\t');
}

function findingLines(f: ReportFinding, lang: Lang): string {
  const ui = UI[lang];
  const lines = [`[${ui.severities[f.severity]}] ${f.message}`];
  const subj = f.subjects.map(subjectLabel).join('; ');
  if (subj) lines.push(`  ${ui.affected}: ${subj}`);
  for (const e of f.evidence.slice(0, 3)) {
    lines.push(`  ${ui.evidence}: ${e.source}${e.line != null ? `:${e.line}` : ''}${e.record ? ` #${e.record}` : ''}`);
  }
  if (f.firstSeen) {
    const last = f.lastSeen ? ` · ${lang === 'it' ? 'visto l’ultima volta' : 'last seen'} ${f.lastSeen}` : '';
    lines.push(`  ${lang === 'it' ? 'dal' : 'since'} ${f.firstSeen}${last}`);
  }
  lines.push(`  fingerprint ${f.fingerprint}`);
  return lines.join('\n');
}

function testcase(r: CheckResult, check: AnyCheck | undefined, findings: ReportFinding[], lang: Lang): string {
  const ui = UI[lang];
  const area = r.id.split('/')[0] ?? r.id;
  const name = check ? `${r.id}: ${check.title[lang]}` : r.id;
  const open = `    <testcase classname="jidoctor.${xmlEscape(area)}" name="${xmlEscape(name)}" time="0">`;
  const reason = r.reason ? ui.reason(r.reason) : ui.outcomes[r.outcome];
  switch (r.outcome) {
    case 'pass':
      return r.coverage
        ? `${open}\n      <system-out>${xmlText(ui.coverage(r.coverage))}</system-out>\n    </testcase>`
        : `${open}</testcase>`;
    case 'cannotCheck':
    case 'notApplicable':
      return `${open}\n      <skipped message="${xmlEscape(`${ui.outcomes[r.outcome]}: ${reason}`)}"/>\n    </testcase>`;
    case 'error':
      return `${open}\n      <error message="${xmlEscape(reason)}" type="jidoctor.checkError">${xmlText(reason)}</error>\n    </testcase>`;
    case 'fail': {
      const body = [
        ...findings.map((f) => findingLines(f, lang)),
        ...(check
          ? [
              `${ui.cause}: ${check.cause[lang]}`,
              `${ui.resolution}:`,
              ...check.resolution[lang].map((s, i) => `  ${i + 1}. ${s}`),
            ]
          : []),
      ].join('\n\n');
      const message = `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} (${ui.severities[r.severity]})${findings[0] ? `: ${findings[0].message}` : ''}`;
      const out = r.coverage ? `\n      <system-out>${xmlText(ui.coverage(r.coverage))}</system-out>` : '';
      return `${open}\n      <failure message="${xmlEscape(message)}" type="${xmlEscape(r.severity)}">${xmlText(body)}</failure>${out}\n    </testcase>`;
    }
  }
}

/** JUnit XML: one test suite per area, one test case per check, failures carrying the findings. */
export function renderJunit(report: Report, options: JunitOptions): string {
  const { lang } = options;
  const byId = new Map(options.checks.map((c) => [c.id, c]));
  const findings = new Map<string, ReportFinding[]>();
  for (const f of report.findings) findings.set(f.checkId, [...(findings.get(f.checkId) ?? []), f]);
  const suites = new Map<string, CheckResult[]>();
  for (const r of report.checks) {
    const area = r.id.split('/')[0] ?? r.id;
    suites.set(area, [...(suites.get(area) ?? []), r]);
  }
  const count = (list: CheckResult[]) => ({
    tests: list.length,
    failures: list.filter((r) => r.outcome === 'fail').length,
    errors: list.filter((r) => r.outcome === 'error').length,
    skipped: list.filter((r) => r.outcome === 'cannotCheck' || r.outcome === 'notApplicable').length,
  });
  const attrs = (c: ReturnType<typeof count>) =>
    `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="0"`;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const tenant = report.tenant.name ?? report.tenant.id ?? '';
  out.push(`<testsuites name="${xmlEscape(`jidoctor${tenant ? ` ${tenant}` : ''}`)}" ${attrs(count(report.checks))}>`);
  for (const [area, list] of suites) {
    out.push(
      `  <testsuite name="jidoctor.${xmlEscape(area)}" timestamp="${xmlEscape(report.generatedAt.replace(/Z$/, ''))}" ${attrs(count(list))}>`,
    );
    for (const r of list) out.push(testcase(r, byId.get(r.id), findings.get(r.id) ?? [], lang));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
