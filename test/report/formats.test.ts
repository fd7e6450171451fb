import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { fingerprint } from '../../src/engine/run.js';
import { csvCell, renderCsv } from '../../src/report/csv.js';
import { FORMATS } from '../../src/report/formats.js';
import { affectedMacs, esc, jsonForScript, renderHtml } from '../../src/report/html.js';
import { renderJunit, xmlEscape } from '../../src/report/junit.js';
import { renderSarif, SARIF_LEVEL } from '../../src/report/sarif.js';
import type { Report } from '../../src/report/types.js';
import { validate } from '../json-schema.js';
import { HOSTILE, hostileReport } from '../reports.js';

const ctx = { lang: 'en' as const, checks: CHECKS };
const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sarif-2.1.0-emitted.schema.json'), 'utf8'),
) as Record<string, unknown>;

/** The hostile report plus a log finding (a file and a line), and since-when data. */
function fullReport(): Report {
  const r = hostileReport();
  const check = CHECKS[0]!;
  const subjects = [{ kind: 'file' as const, id: 'macs/C02HOST0/Library/Logs/jamf.log', line: 42 }];
  r.findings.push({
    checkId: check.id,
    messageId: Object.keys(check.messages)[0]!,
    severity: 'low',
    message: 'Unable to connect to Microsoft Intune\u2028<b>x</b>',
    subjects,
    evidence: [{ source: 'macs/C02HOST0/Library/Logs/jamf.log', line: 42, text: 'Unable to connect' }],
    fingerprint: fingerprint(check.id, 'log', subjects),
    data: {},
  });
  r.findings.forEach((f) => {
    f.firstSeen = '2026-11-20T09:00:00.000Z';
    f.lastSeen = '2026-11-29T09:30:00.000Z';
  });
  return r;
}

describe('formats registry', () => {
  it('offers html, sarif, junit and csv beside text, json and markdown', () => {
    expect(Object.keys(FORMATS)).toEqual(
      expect.arrayContaining(['text', 'json', 'markdown', 'html', 'sarif', 'junit', 'csv']),
    );
  });
});

describe('SARIF 2.1.0', () => {
  it('is valid against the SARIF schema, with one rule per check of the catalogue', () => {
    const sarif = JSON.parse(renderSarif(fullReport(), ctx));
    expect(validate(schema, sarif)).toEqual([]);
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; defaultConfiguration: { level: string } }>;
    expect(rules.map((r) => r.id)).toEqual(CHECKS.map((c) => c.id));
    expect(rules.map((r) => r.defaultConfiguration.level)).toEqual(CHECKS.map((c) => SARIF_LEVEL[c.severity]));
  });

  it('the validator is not vacuous: it rejects what the schema forbids', () => {
    const sarif = JSON.parse(renderSarif(fullReport(), ctx));
    sarif.runs[0].results[0].level = 'fatal';
    sarif.runs[0].results[1].ruleIndex = -2;
    delete sarif.runs[0].results[2].message;
    sarif.runs[0].results[3].locations = [{ physicalLocation: { region: { startLine: 0 } } }];
    sarif.runs[0].tool.driver.unknownField = 1;
    const errors = validate(schema, sarif);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('results[0].level'),
        expect.stringContaining('results[1].ruleIndex: below -1'),
        expect.stringContaining('results[2]: missing required message'),
        expect.stringContaining('results[3].locations[0].physicalLocation.region.startLine: below 1'),
        expect.stringContaining('results[3].locations[0].physicalLocation: matches none of anyOf'),
        expect.stringContaining('driver: unexpected property unknownField'),
      ]),
    );
  });

  it('gives results stable partialFingerprints, levels from severity, and file:line locations for log findings', () => {
    const r = fullReport();
    const a = JSON.parse(renderSarif(r, ctx));
    const b = JSON.parse(renderSarif(r, { ...ctx, lang: 'it' }));
    const fps = (s: typeof a) =>
      s.runs[0].results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints);
    expect(fps(a)).toEqual(fps(b));
    expect(fps(a).map((p: Record<string, string>) => Object.values(p)[0])).toEqual(
      r.findings.map((f) => f.fingerprint),
    );
    const log = a.runs[0].results.at(-1);
    expect(log.level).toBe('note');
    expect(log.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'macs/C02HOST0/Library/Logs/jamf.log', uriBaseId: 'SNAPSHOT' },
      region: { startLine: 42 },
    });
    const mac = a.runs[0].results[0];
    expect(mac.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/^mac:C02HOST/);
    expect(mac.ruleIndex).toBe(CHECKS.findIndex((c) => c.id === mac.ruleId));
  });
});

describe('JUnit XML', () => {
  it('has a test case per check: failures carry the findings; skipped and error by outcome', () => {
    const r = fullReport();
    r.checks.push(
      {
        id: 'zz/cannot',
        outcome: 'cannotCheck',
        severity: 'high',
        findings: 0,
        reason: { kind: 'forbidden', dataset: 'graph/v1.0/users', needs: ['User.Read.All'] },
      },
      {
        id: 'zz/na',
        outcome: 'notApplicable',
        severity: 'low',
        findings: 0,
        reason: { kind: 'mode', detail: 'legacy only' },
      },
      {
        id: 'zz/broken',
        outcome: 'error',
        severity: 'low',
        findings: 0,
        reason: { kind: 'error', detail: 'zz/broken: boom <&>' },
      },
    );
    const xml = renderJunit(r, ctx);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(r.checks.length);
    const n = (...o: string[]) => r.checks.filter((c) => o.includes(c.outcome)).length;
    expect(xml).toContain(
      `<testsuites name="jidoctor Contoso" tests="${r.checks.length}" failures="${n('fail')}" errors="${n('error')}" skipped="${n('cannotCheck', 'notApplicable')}"`,
    );
    expect(xml).toMatch(
      /<skipped message="could not check: reading graph\/v1.0\/users was forbidden: grant User.Read.All"\/>/,
    );
    expect(xml).toContain('<error message="zz/broken: boom &lt;&amp;&gt;"');
    // Each failing check's test case carries its own findings.
    for (const c of r.checks.filter((x) => x.outcome === 'fail')) {
      const start = xml.indexOf(`name="${c.id}: `);
      const block = xml.slice(start, xml.indexOf('</testcase>', start));
      expect(block).toContain('<failure ');
      for (const f of r.findings.filter((x) => x.checkId === c.id)) expect(block).toContain(f.fingerprint);
    }
    // Hostile names are escaped, never markup.
    expect(xml).not.toContain(HOSTILE);
    expect(xml).toContain(esc(HOSTILE).replace(/&#39;/g, '&apos;'));
  });

  it('escapes markup and drops the characters XML cannot hold', () => {
    expect(xmlEscape('a<b>&"\'\u0001\u2028')).toBe('a&lt;b&gt;&amp;&quot;&apos;\uFFFD\u2028');
  });
});

describe('CSV', () => {
  it('neutralises formula injection and quotes what must be quoted', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+33 1')).toBe("'+33 1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    // A CR (like every control and bidi character) is replaced by the one sanitiser first: no formula, no quotes.
    expect(csvCell('\rx')).toBe('?x');
    expect(csvCell('\u202e=1+1')).toBe('?=1+1');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
  });

  it('has one row per (Mac, failing check), CRLF line ends', () => {
    const r = fullReport();
    const csv = renderCsv(r, ctx);
    const lines = csv.split('\r\n').filter(Boolean);
    const pairs = new Set(
      r.findings
        .filter((f) => f.severity !== 'info' && r.checks.find((c) => c.id === f.checkId)?.outcome === 'fail')
        .flatMap((f) => f.subjects.filter((s) => s.kind === 'mac').map((s) => `${s.id} ${f.checkId}`)),
    );
    expect(lines).toHaveLength(pairs.size + 1);
    expect(lines[0]).toBe('mac_name,serial,user,check_id,severity,check_title,findings,message,first_seen,last_seen');
    expect(csv).toContain(`'=HYPERLINK(""http://x"",""y"")`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});

describe('HTML (as text; the browser test runs it)', () => {
  it('is one file with a CSP that forbids every request and no external reference', () => {
    const page = renderHtml(fullReport(), ctx);
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    );
    expect(page).not.toMatch(/\s(src|href)="(https?:)?\/\//);
    expect(page).not.toMatch(/@import|url\(/);
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toContain('<script>alert');
    expect((page.match(/<script/g) ?? []).length).toBe(2);
  });

  it('embeds JSON that cannot end its script element', () => {
    const s = jsonForScript({ a: '</script><script>alert(1)</script>', b: '\u2028\u2029&' });
    expect(s).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(s)).toEqual({ a: '</script><script>alert(1)</script>', b: '\u2028\u2029&' });
  });

  it('lists each affected Mac once with its failing checks and its oldest since', () => {
    const r = fullReport();
    r.findings[0]!.firstSeen = '2026-10-01T00:00:00.000Z';
    const macs = affectedMacs(r.findings);
    const expected = new Set(
      r.findings
        .filter((f) => f.severity !== 'info')
        .flatMap((f) => f.subjects.filter((s) => s.kind === 'mac').map((s) => s.id)),
    );
    expect(macs.map((m) => m.id).sort()).toEqual([...expected].sort());
    expect(macs.length).toBeGreaterThanOrEqual(4);
    for (const m of macs) {
      const own = r.findings.filter(
        (f) => f.severity !== 'info' && f.subjects.some((s) => s.kind === 'mac' && s.id === m.id),
      );
      expect(m.checks.sort()).toEqual([...new Set(own.map((f) => f.checkId))].sort());
    }
    expect(macs.find((m) => m.id === r.findings[0]!.subjects[0]!.id)!.since).toBe('2026-10-01T00:00:00.000Z');
  });
});
