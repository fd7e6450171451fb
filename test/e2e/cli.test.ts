import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import type { Report } from '../../src/report/types.js';
import { EXAMPLE, runCli } from '../cli.js';
import { MANIFEST, writeSnapshot } from '../tmp.js';

const BAD = /undefined|NaN|\{\{|\[object Object\]/;

describe('jidoctor diagnose on the example snapshot', () => {
  it('JSON follows the report contract: every check once, findings with fingerprints', async () => {
    const r = await runCli(['diagnose', '--snapshot', EXAMPLE, '--format', 'json']);
    expect(r.code).toBe(1); // high findings, --fail-on high by default
    const report = JSON.parse(r.stdout) as Report;
    expect(report.format).toBe('jidoctor-report');
    expect(report.version).toBe(1);
    expect(report.asOf).toBe('2026-11-29T09:30:00.000Z');
    expect(report.mode.detected).toBe('legacy');
    expect(report.checks.map((c) => c.id).sort()).toEqual(CHECKS.map((c) => c.id).sort());
    const outcomes = new Set(['pass', 'fail', 'cannotCheck', 'notApplicable', 'error']);
    for (const c of report.checks) expect(outcomes.has(c.outcome)).toBe(true);
    expect(report.checks.filter((c) => c.outcome === 'error')).toEqual([]);
    const sum = Object.values(report.summary.checks).reduce((a, b) => a + b, 0);
    expect(sum).toBe(CHECKS.length);
    expect(report.findings.length).toBe(report.summary.findings);
    for (const f of report.findings) {
      expect(f.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(['critical', 'high', 'medium', 'low', 'info']).toContain(f.severity);
      expect(f.subjects.length).toBeGreaterThan(0);
      expect(f.message).not.toMatch(BAD);
    }
    // The example ships Mac files: their log findings stand beside the API findings of the same Macs.
    const logFindings = report.findings.filter((f) => f.checkId.startsWith('logs/'));
    expect(new Set(logFindings.map((f) => f.checkId))).toEqual(
      new Set(['logs/company-portal-opened-directly', 'logs/check-in-stopped', 'logs/keychain-access-prompt']),
    );
    // The example runs Jamf Pro 11.12, which fixed the duplicate MSAL account bug (11.3).
    expect(report.checks.find((c) => c.id === 'logs/duplicate-msal-accounts')).toMatchObject({
      outcome: 'notApplicable',
      reason: { kind: 'condition' },
    });
    for (const f of logFindings)
      expect(f.subjects[0]).toMatchObject({ kind: 'mac', name: expect.stringMatching(/-MBP-/) });
    // Stdout holds the JSON only; narration goes to stderr.
    expect(r.stdout.trim().startsWith('{')).toBe(true);
  });

  it('Italian changes the words, not the ids, subjects or fingerprints', async () => {
    const [en, it_] = await Promise.all([
      runCli(['diagnose', '--snapshot', EXAMPLE, '--format', 'json', '--lang', 'en']),
      runCli(['diagnose', '--snapshot', EXAMPLE, '--format', 'json', '--lang', 'it']),
    ]);
    const a = JSON.parse(en.stdout) as Report;
    const b = JSON.parse(it_.stdout) as Report;
    expect(b.findings.map((f) => [f.checkId, f.fingerprint, f.subjects])).toEqual(
      a.findings.map((f) => [f.checkId, f.fingerprint, f.subjects]),
    );
    expect(b.findings.map((f) => f.message)).not.toEqual(a.findings.map((f) => f.message));
  });

  for (const lang of ['en', 'it']) {
    it(`text (${lang}) opens with the article's first questions and fits 80 columns`, async () => {
      const r = await runCli(['diagnose', '--snapshot', EXAMPLE, '--lang', lang]);
      expect(r.code).toBe(1);
      const lines = r.stdout.split('\n');
      expect(lines.slice(0, 12).join('\n')).toMatch(
        lang === 'en' ? /What the article asks first/ : /Cosa chiede per prima cosa/,
      );
      expect(r.stdout).toMatch(lang === 'en' ? /Macs affected: +\d+ of \d+/ : /Mac interessati: +\d+ su \d+/);
      for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
      expect(r.stdout).not.toMatch(BAD);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: we assert that no ANSI escape reaches a pipe.
      expect(r.stdout).not.toMatch(/\u001b\[/);
    });
    it(`markdown (${lang})`, async () => {
      const r = await runCli(['diagnose', '--snapshot', EXAMPLE, '--format', 'markdown', '--lang', lang]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^# /);
      expect(r.stdout).toContain('| # |');
      expect(r.stdout).not.toMatch(BAD);
    });
  }

  it('--fail-on none exits 0, --output writes the file, --only narrows the run', async () => {
    const dir = await writeSnapshot({});
    const out = join(dir, 'report.json');
    const r = await runCli([
      'diagnose',
      '--snapshot',
      EXAMPLE,
      '--format',
      'json',
      '--fail-on',
      'none',
      '--output',
      out,
      '--only',
      'jamf',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const report = JSON.parse(await readFile(out, 'utf8')) as Report;
    for (const c of report.checks) {
      if (!c.id.startsWith('jamf/')) expect(c.outcome).toBe('notApplicable');
    }
    expect(report.findings.every((f) => f.checkId.startsWith('jamf/'))).toBe(true);
  });
});

describe('exit codes and errors', () => {
  it('a malformed file: one line on stderr, exit 2, nothing on stdout', async () => {
    const dir = await writeSnapshot({
      'manifest.json': MANIFEST(),
      'graph/v1.0/devices.json': { value: [{ id: 'x', isCompliant: 'yes' }] },
    });
    const r = await runCli(['diagnose', '--snapshot', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('graph/v1.0/devices.json: value[0].isCompliant: expected a boolean, found "yes"');
    expect(r.stderr).not.toMatch(/\bat \w+ \(/);
  });
  it('a truncated page in a folder: exit 2', async () => {
    const dir = await writeSnapshot({
      'jamf/api/v1/computers-inventory/page-00001.json': '{"totalCount": 2, "results": [{"id": "1"',
    });
    const r = await runCli(['diagnose', '--snapshot', dir, '--as-of', '2026-11-29T00:00:00Z']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'jamf/api/v1/computers-inventory/page-00001.json: (root): expected a JSON document, found truncated JSON',
    );
  });
  it('a missing snapshot: exit 3', async () => {
    const r = await runCli(['diagnose', '--snapshot', '/nonexistent/snap']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toBe('jidoctor: /nonexistent/snap: snapshot folder not found');
  });
  it('usage errors: exit 2', async () => {
    const [a, b, c] = await Promise.all([
      runCli(['diagnose', '--snapshot', EXAMPLE, '--format', 'pdf']),
      runCli(['diagnose', '--snapshot', EXAMPLE, '--only', 'no/such-check']),
      runCli(['diagnose']),
    ]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("'pdf' is invalid");
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--only no/such-check: expected a check id or area');
    expect(c.code).toBe(2);
  });
  it('no finding at or above --fail-on: exit 0', async () => {
    const dir = await writeSnapshot({
      'manifest.json': MANIFEST(),
      'graph/v1.0/deviceManagement/deviceManagementPartners.json': { value: [] },
      'graph/v1.0/deviceManagement/complianceManagementPartners.json': { value: [] },
    });
    const r = await runCli(['diagnose', '--snapshot', dir, '--fail-on', 'critical', '--format', 'json']);
    const report = JSON.parse(r.stdout) as Report;
    const critical = report.findings.some((f) => f.severity === 'critical');
    expect(r.code).toBe(critical ? 1 : 0);
  });
});

describe('explain, checks, demo, help', () => {
  it('jidoctor --help and --version', async () => {
    const [h, v] = await Promise.all([runCli(['--help']), runCli(['--version'])]);
    expect(h.code).toBe(0);
    for (const cmd of ['diagnose', 'explain', 'checks', 'demo']) expect(h.stdout).toContain(cmd);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it('checks lists the catalogue in both languages and as JSON', async () => {
    const [t, it_, j] = await Promise.all([
      runCli(['checks']),
      runCli(['checks', '--lang', 'it']),
      runCli(['checks', '--format', 'json']),
    ]);
    for (const c of CHECKS) {
      expect(t.stdout).toContain(c.id);
      expect(it_.stdout).toContain(c.title.it.slice(0, 20));
    }
    expect((JSON.parse(j.stdout) as unknown[]).length).toBe(CHECKS.length);
  });
  it('explain answers a check id and a pasted error, in Italian too', async () => {
    const [id, err, itErr, none] = await Promise.all([
      runCli(['explain', 'intune/duplicate-device-records']),
      runCli(['explain', 'Could not retrieve the access token for Microsoft Graph API']),
      runCli(['explain', '--lang', 'it', 'Invalid', 'command', 'line', 'input']),
      runCli(['explain', 'the printer is on fire']),
    ]);
    expect(id.code).toBe(0);
    expect(id.stdout).toContain('A Mac has more than one Intune device record');
    expect(err.code).toBe(0);
    expect(err.stdout).toContain('network/required-endpoints');
    expect(itErr.stdout).toContain("L'integrazione con Intune è disattivata");
    expect(none.code).toBe(1);
  });
  it('demo diagnoses the shipped example without credentials and exits 0', async () => {
    const r = await runCli(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('What the article asks first');
    expect(r.stderr).toContain('jidoctor demo');
  });
});
