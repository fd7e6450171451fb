import type { TruthEntry } from '../../sim/index.js';
import { CHECKS } from '../../src/checks/index.js';
import { DATASET_BY_ID } from '../../src/model/datasets.js';
import type { Report } from '../../src/report/types.js';

/**
 * Compares a diagnosis with the simulator's ground truth, for the checks the catalogue has today: every
 * injected (check id, subject) pair must be reported, and nothing else. Each finding is keyed by its check id and
 * its first subject's id.
 */
export function compareWithTruth(report: Report, truth: readonly TruthEntry[]): { missing: string[]; extra: string[] } {
  const known = new Set(CHECKS.map((c) => c.id));
  const expected = new Set(truth.filter((t) => known.has(t.checkId)).map((t) => `${t.checkId} ${t.subject.id}`));
  const reported = new Set(report.findings.map((f) => `${f.checkId} ${f.subjects[0]?.id ?? '-'}`));
  return {
    missing: [...expected].filter((k) => !reported.has(k)).sort(),
    extra: [...reported].filter((k) => !expected.has(k)).sort(),
  };
}

/** Checks that could not give a verdict although every dataset they need comes from Graph or Jamf Pro. */
export function unexpectedCannotCheck(report: Report): string[] {
  const byId = new Map(CHECKS.map((c) => [c.id, c]));
  return report.checks
    .filter((c) => c.outcome === 'cannotCheck' || c.outcome === 'error')
    .filter((c) => {
      const check = byId.get(c.id);
      return check?.requires.every((d) => {
        const s = DATASET_BY_ID.get(d)?.service;
        return s === 'graph' || s === 'jamf';
      });
    })
    .filter((c) => !(c.id.startsWith('logs/') || c.id.startsWith('network/')))
    .map((c) => `${c.id}: ${c.outcome}`);
}
