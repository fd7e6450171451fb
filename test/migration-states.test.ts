import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/index.js';
import { diagnoseSnapshot } from '../src/diagnose.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderText } from '../src/report/text.js';
import { removeDir } from './tmp.js';

/**
 * Every migration state from a hand-written snapshot (test/fixtures/migration: base/ plus the state's own partner
 * lists, Intune records and apps, in the Graph shapes of
 * https://learn.microsoft.com/en-us/graph/api/resources/intune-onboarding-devicemanagementpartner and
 * https://learn.microsoft.com/en-us/graph/api/resources/intune-onboarding-compliancemanagementpartner), read by
 * the real snapshot reader and diagnosed with the whole catalogue.
 */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'migration');
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
});

async function snapshot(state: string) {
  const dir = await mkdtemp(join(tmpdir(), `jidoctor-migration-${state}-`));
  dirs.push(dir);
  await cp(join(FIXTURES, 'base'), dir, { recursive: true });
  await cp(join(FIXTURES, state), dir, { recursive: true });
  return diagnoseSnapshot(dir, { generatedAt: 0 });
}

/** Failing findings (not info notes), as "check message subject". */
const failing = (r: Awaited<ReturnType<typeof snapshot>>['report']) =>
  r.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.checkId} ${f.messageId} ${f.subjects[0]?.id}`)
    .sort();
const notes = (r: Awaited<ReturnType<typeof snapshot>>['report']) =>
  r.findings.filter((f) => f.severity === 'info').map((f) => `${f.checkId} ${f.messageId}`);
const outcome = (r: Awaited<ReturnType<typeof snapshot>>['report'], id: string) =>
  r.checks.find((c) => c.id === id)?.outcome;

describe('migration states from hand-written snapshots', () => {
  it('L: legacy only', async () => {
    const { report } = await snapshot('L');
    expect(report.mode).toMatchObject({ detected: 'legacy', state: 'L' });
    expect(report.mode.legacyRemoval).toBeUndefined();
    expect(failing(report)).toContain(
      'connector/legacy-integration-retired retired 9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b61',
    );
    expect(outcome(report, 'connector/legacy-leftovers')).toBe('notApplicable');
    expect(outcome(report, 'connector/no-integration')).toBe('pass');
    // The fresh jamf records are the legacy integration's, seen by the Intune checks.
    expect(outcome(report, 'compliance/intune-entra-mismatch')).toBe('pass');
  });

  it('B: both on', async () => {
    const { report } = await snapshot('B');
    expect(report.mode).toMatchObject({ detected: 'both', state: 'B' });
    expect(failing(report)).toContain('connector/both-integrations both 9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b61');
    expect(outcome(report, 'connector/legacy-leftovers')).toBe('notApplicable');
  });

  it('C: migrated and draining is device-compliance with no false finding', async () => {
    const { report, fleet } = await snapshot('C');
    expect(report.mode).toMatchObject({
      detected: 'device-compliance',
      state: 'C',
      legacyRemoval: '2027-01-12T10:00:00.000Z',
      legacyLeftovers: 3,
    });
    // The only findings: the clean-up of the legacy apps (low) and the draining records (info).
    expect(failing(report)).toEqual([
      'connector/legacy-leftovers app 5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b81',
      'connector/legacy-leftovers nativeConnector 9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b31',
    ]);
    expect(notes(report)).toEqual(['connector/legacy-leftovers draining']);
    const draining = report.findings.find((f) => f.messageId === 'draining')!;
    expect(draining.data).toMatchObject({
      count: 3,
      removal: '2027-01-12T10:00:00.000Z',
      lastSync: '2026-10-13T17:02:00.000Z',
    });
    // The leftovers are no Mac's records: the Intune-side checks never see them.
    expect(fleet.index.intune.list.length).toBe(0);
    expect(fleet.legacyLeftovers.map((d) => d.deviceName)).toEqual(['FAB-MBP-0001', 'FAB-MBP-0002', 'FAB-MBP-0099']);
    expect(fleet.macs.map((m) => m.key).sort()).toEqual(['C02FK2B1MD6T', 'FVFHX1A0Q6L4']);
    expect(outcome(report, 'compliance/intune-entra-mismatch')).toBe('pass');
    for (const id of [
      'connector/legacy-partner-state',
      'entra-app/native-connector-missing',
      'intune/jamf-mac-not-reported',
      'intune/duplicate-device-records',
    ]) {
      const c = report.checks.find((x) => x.id === id)!;
      expect(c.outcome, id).toBe('notApplicable');
      expect(c.reason?.detail, id).toContain('detected device-compliance (state C)');
    }
    expect(outcome(report, 'connector/no-integration')).toBe('pass');
  });

  it('C: the mode line names the state and the removal date, in English and Italian', async () => {
    const { report } = await snapshot('C');
    const checks = CHECKS;
    const en = renderText(report, { lang: 'en', checks, color: false, width: 200 }).replace(/\s+/g, ' ');
    expect(en).toContain(
      'Device Compliance (state C: migrated; the legacy connector is terminated and Intune removes its records on 2027-01-12)',
    );
    const it = renderMarkdown({ ...report, lang: 'it' }, { lang: 'it', checks }).replace(/\s+/g, ' ');
    expect(it).toContain(
      '(stato C: migrato; il connettore legacy è terminato e Intune ne rimuove i record il 2027-01-12)',
    );
  });

  it('D: migrated with residue after the removal date', async () => {
    const { report } = await snapshot('D');
    expect(report.mode).toMatchObject({
      detected: 'device-compliance',
      state: 'D',
      legacyRemoval: '2026-11-20T10:00:00.000Z',
      legacyLeftovers: 1,
    });
    expect(failing(report)).toEqual(['connector/legacy-leftovers remaining 6b0e8f6e-0d8b-4a56-9a8e-3f7b2d0c1a11']);
    expect(report.findings.find((f) => f.messageId === 'remaining')!.message).toContain(
      "although Intune's removal date 2026-11-20T10:00:00.000Z has passed",
    );
  });

  it('E: clean Device Compliance gives no finding at all', async () => {
    const { report } = await snapshot('E');
    expect(report.mode).toMatchObject({ detected: 'device-compliance', state: 'E' });
    expect(report.mode.legacyLeftovers).toBeUndefined();
    expect(report.findings.map((f) => f.checkId)).toEqual([]);
    expect(outcome(report, 'connector/legacy-leftovers')).toBe('notApplicable');
  });

  it('F: legacy ended with nothing replacing it fails connector/no-integration', async () => {
    const { report } = await snapshot('F');
    expect(report.mode).toMatchObject({ detected: 'none', state: 'F', legacyLeftovers: 3 });
    expect(failing(report)).toEqual(['connector/no-integration ended 6b0e8f6e-0d8b-4a56-9a8e-3f7b2d0c1a11']);
    const f = report.findings[0]!;
    expect(f.severity).toBe('critical');
    expect(f.message).toContain('is terminated and nothing replaces it');
    expect(f.message).toContain('Intune removes the legacy Macs on 2027-01-12T10:00:00.000Z');
    // The stale records feed no Intune-side check.
    expect(outcome(report, 'compliance/intune-entra-mismatch')).toBe('pass');
  });

  it('G: Device Compliance half set up', async () => {
    const { report } = await snapshot('G');
    expect(report.mode).toMatchObject({ detected: 'device-compliance', state: 'G' });
    expect([...new Set(failing(report).map((s) => s.split(' ')[0]))]).toEqual([
      'connector/device-compliance-partner-state',
    ]);
    expect(outcome(report, 'connector/no-integration')).toBe('pass');
  });
});
