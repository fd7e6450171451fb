import type { Severity, Subject } from '../src/checks/define.js';
import { CHECKS } from '../src/checks/index.js';
import { buildReport, fingerprint, runChecks } from '../src/engine/run.js';
import type { Outcome, Report, ReportFinding } from '../src/report/types.js';
import { fleet } from './builders.js';

export interface FindingSpec {
  checkId?: string;
  messageId?: string;
  severity?: Severity;
  subjects: Subject[];
  message?: string;
  /** Ids of Intune records named by the evidence (they count in the fingerprint). */
  records?: string[];
}

/** A report of a tenant with the given findings (for the history store: it only reads ids and summaries). */
export function syntheticReport(
  specs: FindingSpec[],
  opts: { tenant?: string | null; asOf?: string; path?: string; outcomes?: Record<string, Outcome> } = {},
): Report {
  const findings: ReportFinding[] = specs.map((s) => {
    const checkId = s.checkId ?? 'intune/duplicate-device-records';
    const messageId = s.messageId ?? 'duplicates';
    return {
      checkId,
      messageId,
      severity: s.severity ?? 'medium',
      message: s.message ?? `finding about ${s.subjects.map((x) => x.id).join(', ')}`,
      subjects: s.subjects,
      evidence: (s.records ?? []).map((record) => ({ source: 'graph/v1.0/deviceManagement/managedDevices', record })),
      fingerprint: fingerprint(
        checkId,
        messageId,
        s.subjects,
        (s.records ?? []).map((record) => ({ source: 'graph/v1.0/deviceManagement/managedDevices', record })),
      ),
      data: { ids: s.subjects.map((x) => x.id) },
    };
  });
  const macs = new Set(findings.flatMap((f) => f.subjects.filter((s) => s.kind === 'mac').map((s) => s.id)));
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity]++;
  const tenantId = opts.tenant === undefined ? 'tenant-1' : opts.tenant;
  return {
    format: 'jidoctor-report',
    version: 1,
    generatedAt: '2026-11-29T10:00:00.000Z',
    asOf: opts.asOf ?? '2026-11-29T09:30:00.000Z',
    asOfSource: 'manifest',
    lang: 'en',
    source: { kind: 'snapshot', path: opts.path ?? '/snap' },
    tenant: { id: tenantId, name: tenantId ? 'Contoso' : null },
    mode: { detected: 'legacy', why: 'test' },
    summary: {
      macs: 100,
      users: 90,
      checks: { pass: 0, fail: findings.length ? 1 : 0, cannotCheck: 0, notApplicable: 0, error: 0 },
      findings: findings.length,
      affected: { macs: macs.size, users: 0 },
      bySeverity,
    },
    datasets: [],
    checks: CHECKS.map((c) => ({
      id: c.id,
      outcome: opts.outcomes?.[c.id] ?? (findings.some((f) => f.checkId === c.id) ? 'fail' : 'pass'),
      severity: c.severity,
      findings: findings.filter((f) => f.checkId === c.id).length,
    })),
    findings,
  };
}

export const mac = (serial: string, name: string | null = `Mac ${serial}`, user: string | null = null): Subject => ({
  kind: 'mac',
  id: serial,
  name,
  user,
});

/** A hostile Mac/user name: it must stay text in every output. */
export const HOSTILE = '<img src=x onerror=alert(1)>';

/**
 * A real report: the whole catalogue run over a fleet whose Macs have hostile names and users, with
 * duplicate Intune records (whatever the catalogue holds, at least the duplicate check fails).
 */
export function hostileReport(lang: 'en' | 'it' = 'en'): Report {
  const b = fleet().legacyPartner();
  const names = [HOSTILE, '"><script>alert(2)</script>', '=HYPERLINK("http://x","y")', 'LON-MBP-0417'];
  names.forEach((name, i) => {
    const serial = `C02HOST${i}`;
    const upn = i === 1 ? `</script><script>alert(3)</script>@contoso.com` : `user${i}@contoso.com`;
    b.jamf({ general: { name }, hardware: { serialNumber: serial }, userAndLocation: { email: upn, username: upn } });
    b.intune({
      serialNumber: serial,
      deviceName: name,
      userPrincipalName: upn,
      lastSyncDateTime: '2026-11-01T00:00:00Z',
    });
    b.intune({
      serialNumber: serial,
      deviceName: name,
      userPrincipalName: upn,
      lastSyncDateTime: '2026-11-20T00:00:00Z',
    });
  });
  b.intune({ serialNumber: 'C02OK', deviceName: 'fine' });
  const f = b.build();
  const result = runChecks(f, CHECKS, { lang });
  return buildReport(
    f,
    result,
    { kind: 'snapshot', path: './snap', asOfSource: 'manifest' },
    lang,
    Date.parse('2026-11-29T10:00:00Z'),
  );
}
