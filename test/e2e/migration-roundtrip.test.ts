import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATION_STATES, type MigrationState, migrationPlan } from '../../sim/index.js';
import { cleanup, type RoundTrip, roundTrip } from './harness.js';
import { compareWithTruth, unexpectedCannotCheck } from './truth.js';

/**
 * Collector ↔ simulator round trip over every migration state: the simulator builds a tenant in the state from the
 * public API shapes only (a stopped legacy partner, its stale Intune records, the legacy apps), the real collector
 * collects it, and the diagnosis must equal the ground truth: the state, the mode, every injected problem found and
 * nothing else (precision = recall = 1).
 */
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const MODE: Record<MigrationState, string> = {
  L: 'legacy',
  B: 'both',
  C: 'device-compliance',
  D: 'device-compliance',
  E: 'device-compliance',
  F: 'none',
  G: 'device-compliance',
};
/**
 * The problems injected in each state: every problem of the state's mode, except where the state itself is the
 * problem (B, F, G: their own connector finding only, as the mode none/both round trips do).
 */
const ALL_PROBLEMS: Record<MigrationState, boolean> = {
  L: true,
  B: false,
  C: true,
  D: true,
  E: true,
  F: false,
  G: false,
};
const done: RoundTrip[] = [];
afterAll(async () => {
  await Promise.all(done.map(cleanup));
});

/** Precision and recall of a round trip's findings against its truth, as (check, first subject) pairs. */
function score(rt: RoundTrip): { tp: number; fp: number; fn: number } {
  const { missing, extra } = compareWithTruth(rt.report, rt.truth);
  const reported = new Set(rt.report.findings.map((f) => `${f.checkId} ${f.subjects[0]?.id ?? '-'}`)).size;
  return { tp: reported - extra.length, fp: extra.length, fn: missing.length };
}

describe('collector ↔ simulator round trip, every migration state', () => {
  for (const state of MIGRATION_STATES) {
    it(`state ${state}: ${SEEDS.length} seeds diagnosed exactly`, async () => {
      const total = { tp: 0, fp: 0, fn: 0 };
      for (let i = 0; i < SEEDS.length; i += 5) {
        const batch = await Promise.all(
          SEEDS.slice(i, i + 5).map((seed) =>
            roundTrip({
              seed,
              macs: 10 + (seed % 7),
              mode: migrationPlan(state).mode,
              migration: state,
              perProblem: 1 + (seed % 2),
              ...(ALL_PROBLEMS[state] ? {} : { problems: [] }),
            }),
          ),
        );
        for (const [k, rt] of batch.entries()) {
          done.push(rt);
          const seed = SEEDS[i + k];
          expect(rt.report.mode.state, `seed ${seed}: ${rt.report.mode.why}`).toBe(state);
          expect(rt.report.mode.detected, `seed ${seed}`).toBe(MODE[state]);
          expect(compareWithTruth(rt.report, rt.truth), `seed ${seed}`).toEqual({ missing: [], extra: [] });
          // G: macOS not onboarded, so the collector does not ask Jamf for per-computer compliance (auto mode).
          if (state !== 'G') expect(unexpectedCannotCheck(rt.report), `seed ${seed}`).toEqual([]);
          const s = score(rt);
          total.tp += s.tp;
          total.fp += s.fp;
          total.fn += s.fn;
        }
      }
      const precision = total.tp / (total.tp + total.fp);
      const recall = total.tp / (total.tp + total.fn);
      console.log(`migration state ${state}: ${total.tp} findings, precision ${precision}, recall ${recall}`);
      expect(precision).toBe(1);
      expect(recall).toBe(1);
    });
  }

  it('C: the leftovers are the legacy records of every registered Mac, kept out of the device checks', async () => {
    const rt = await roundTrip({ seed: 7, macs: 14, mode: 'device-compliance', migration: 'C', problems: [] });
    done.push(rt);
    expect(rt.report.mode.legacyLeftovers).toBeGreaterThan(0);
    expect(rt.report.mode.legacyRemoval).toMatch(/^\d{4}-\d\d-\d\dT/);
    const records = rt.report.findings.find(
      (f) => f.checkId === 'connector/legacy-leftovers' && f.messageId === 'draining',
    );
    expect(records?.data.count).toBe(rt.report.mode.legacyLeftovers);
    // No Intune-side check saw them.
    for (const id of [
      'compliance/intune-entra-mismatch',
      'intune/duplicate-device-records',
      'intune/enrolled-outside-jamf',
    ]) {
      expect(
        rt.report.findings.filter((f) => f.checkId === id),
        id,
      ).toEqual([]);
    }
  });

  it('a healthy migrated tenant (C, legacy apps deleted): no failing finding, only the records Intune removes by itself', async () => {
    for (const seed of [1, 2, 3]) {
      const rt = await roundTrip({
        seed,
        macs: 15,
        mode: 'device-compliance',
        migration: 'C',
        problems: [],
        legacyApps: false,
      });
      done.push(rt);
      expect(rt.report.mode).toMatchObject({ detected: 'device-compliance', state: 'C' });
      expect(rt.report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      expect(rt.report.summary.checks.fail).toBe(0);
      expect(rt.report.findings.map((f) => `${f.checkId} ${f.messageId}`)).toEqual([
        'connector/legacy-leftovers draining',
      ]);
      expect(compareWithTruth(rt.report, rt.truth)).toEqual({ missing: [], extra: [] });
    }
  });
});
