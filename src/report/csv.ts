import type { AnyCheck, Lang, Severity } from '../checks/define.js';
import { severityRank } from '../checks/define.js';
import type { Report, ReportFinding } from './types.js';
import { printable } from './wrap.js';

export interface CsvOptions {
  lang: Lang;
  checks: readonly AnyCheck[];
}

const HEADER: Record<Lang, string[]> = {
  en: [
    'mac_name',
    'serial',
    'user',
    'check_id',
    'severity',
    'check_title',
    'findings',
    'message',
    'first_seen',
    'last_seen',
  ],
  it: [
    'nome_mac',
    'seriale',
    'utente',
    'id_controllo',
    'gravita',
    'titolo_controllo',
    'risultati',
    'messaggio',
    'dal',
    'visto_ultima_volta',
  ],
};

/**
 * One CSV cell: a value a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe; a value holding a comma, quote, CR or LF is quoted with its quotes doubled (RFC 4180).
 */
export function csvCell(value: unknown): string {
  // The one sanitiser of human output first (controls, bidi: ?), then the spreadsheet's own dangers.
  let s = printable(value === null || value === undefined ? '' : String(value));
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The affected Macs: one row per (Mac, failing check), findings below info only; CRLF line ends. */
export function renderCsv(report: Report, options: CsvOptions): string {
  const { lang } = options;
  const byId = new Map(options.checks.map((c) => [c.id, c]));
  const failing = new Set(report.checks.filter((c) => c.outcome === 'fail').map((c) => c.id));
  const rows = new Map<
    string,
    { name: string | null; serial: string; user: string | null; checkId: string; findings: ReportFinding[] }
  >();
  for (const f of report.findings) {
    if (f.severity === 'info' || !failing.has(f.checkId)) continue;
    for (const s of f.subjects) {
      if (s.kind !== 'mac') continue;
      const key = `${s.id}\0${f.checkId}`;
      const row = rows.get(key) ?? {
        name: s.name ?? null,
        serial: s.id,
        user: s.user ?? null,
        checkId: f.checkId,
        findings: [],
      };
      row.name ??= s.name ?? null;
      row.user ??= s.user ?? null;
      row.findings.push(f);
      rows.set(key, row);
    }
  }
  const lines = [HEADER[lang].map(csvCell).join(',')];
  const sorted = [...rows.values()].sort(
    (a, b) =>
      (a.name ?? a.serial).localeCompare(b.name ?? b.serial) ||
      a.serial.localeCompare(b.serial) ||
      a.checkId.localeCompare(b.checkId),
  );
  for (const r of sorted) {
    const worst = r.findings.reduce<Severity>(
      (w, f) => (severityRank(f.severity) > severityRank(w) ? f.severity : w),
      r.findings[0]!.severity,
    );
    const first =
      r.findings
        .map((f) => f.firstSeen)
        .filter((x): x is string => !!x)
        .sort()[0] ?? '';
    const last =
      r.findings
        .map((f) => f.lastSeen)
        .filter((x): x is string => !!x)
        .sort()
        .at(-1) ?? '';
    lines.push(
      [
        r.name ?? '',
        r.serial,
        r.user ?? '',
        r.checkId,
        worst,
        byId.get(r.checkId)?.title[lang] ?? '',
        r.findings.length,
        r.findings.map((f) => f.message).join(' | '),
        first,
        last,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
