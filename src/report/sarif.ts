import type { AnyCheck, Lang, Severity } from '../checks/define.js';
import { UI } from '../i18n/ui.js';
import { VERSION } from '../version.js';
import { subjectLabel } from './text.js';
import type { Report, ReportFinding } from './types.js';
import { jsonSafe } from './wrap.js';

export interface SarifOptions {
  lang: Lang;
  checks: readonly AnyCheck[];
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Severity to SARIF level: what CI systems show as error, warning or note. */
export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** `intune/duplicate-device-records` → `IntuneDuplicateDeviceRecords` (SARIF's rule name). */
export function ruleName(id: string): string {
  return id
    .split(/[/\-_.]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

/** A relative URI for a snapshot path: each segment percent-encoded, the slashes kept. */
function uriOf(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^\/+/, '')
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function locationsOf(f: ReportFinding): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<string>();
  const physical = (file: string, line: number | undefined) => {
    const key = `${file}:${line ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const loc: Record<string, unknown> = { artifactLocation: { uri: uriOf(file), uriBaseId: 'SNAPSHOT' } };
    if (line != null && line >= 1) loc.region = { startLine: line };
    out.push({ physicalLocation: loc });
  };
  // Log findings: the file and line of the subject or of the evidence (file:line).
  for (const s of f.subjects) if (s.kind === 'file') physical(s.id, s.line);
  for (const e of f.evidence) if (e.line != null) physical(e.source, e.line);
  const logical = f.subjects
    .filter((s) => s.kind !== 'file')
    .map((s) => ({ name: subjectLabel(s), fullyQualifiedName: `${s.kind}:${s.id}`, kind: s.kind }));
  if (logical.length) {
    if (out.length) (out[0] as Record<string, unknown>).logicalLocations = logical;
    else out.push({ logicalLocations: logical });
  }
  return out;
}

/** SARIF 2.1.0: one rule per check of the catalogue, one result per finding, stable partialFingerprints. */
export function renderSarif(report: Report, options: SarifOptions): string {
  const { lang } = options;
  const other: Lang = lang === 'en' ? 'it' : 'en';
  const index = new Map(options.checks.map((c, i) => [c.id, i]));
  const rules = options.checks.map((c) => {
    const steps = c.resolution[lang];
    return {
      id: c.id,
      name: ruleName(c.id),
      shortDescription: { text: c.title[lang] },
      fullDescription: { text: c.cause[lang] },
      help: {
        text: `${UI[lang].resolution}:\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`,
        markdown: `**${UI[lang].cause}:** ${c.cause[lang]}\n\n**${UI[lang].resolution}:**\n\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`,
      },
      defaultConfiguration: { level: SARIF_LEVEL[c.severity] },
      properties: {
        tags: [...new Set(['jamf', 'intune', c.id.split('/')[0]!])],
        severity: c.severity,
        sources: [...c.sources],
        [`title.${other}`]: c.title[other],
        [`resolution.${other}`]: [...c.resolution[other]],
      },
    };
  });
  const results = report.findings.map((f) => {
    const r: Record<string, unknown> = {
      ruleId: f.checkId,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      partialFingerprints: { 'jidoctorFingerprint/v2': f.fingerprint },
      properties: {
        severity: f.severity,
        messageId: f.messageId,
        subjects: f.subjects.map((s) => ({ ...s })),
        ...(f.firstSeen ? { firstSeen: f.firstSeen } : {}),
        ...(f.lastSeen ? { lastSeen: f.lastSeen } : {}),
      },
    };
    const i = index.get(f.checkId);
    if (i !== undefined) r.ruleIndex = i;
    const locations = locationsOf(f);
    if (locations.length) r.locations = locations;
    return r;
  });
  const notifications = report.checks
    .filter((c) => c.outcome === 'cannotCheck' || c.outcome === 'error' || c.coverage)
    .map((c) => ({
      level: c.outcome === 'error' ? 'error' : c.outcome === 'cannotCheck' ? 'warning' : 'note',
      message: {
        text: c.coverage
          ? `${c.id}: ${UI[lang].outcomes[c.outcome]} — ${UI[lang].coverage(c.coverage)}`
          : `${c.id}: ${UI[lang].outcomes[c.outcome]}${c.reason ? ` — ${UI[lang].reason(c.reason)}` : ''}`,
      },
      associatedRule: { id: c.id, ...(index.has(c.id) ? { index: index.get(c.id)! } : {}) },
    }));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'jidoctor',
            fullName: 'jamf-intune-doctor',
            version: VERSION,
            semanticVersion: VERSION,
            language: lang === 'it' ? 'it-IT' : 'en-US',
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: !report.checks.some((c) => c.outcome === 'error'),
            endTimeUtc: report.generatedAt,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        automationDetails: { id: `jidoctor/${report.tenant.id ?? 'unknown-tenant'}/${report.asOf}` },
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          tenant: { ...report.tenant },
          mode: report.mode.detected,
          migrationState: report.mode.state ?? null,
          asOf: report.asOf,
          summary: report.summary,
        },
      },
    ],
  };
  return jsonSafe(`${JSON.stringify(sarif, null, 2)}\n`);
}
