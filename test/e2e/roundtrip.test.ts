import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, type RoundTrip, roundTrip } from './harness.js';
import { compareWithTruth, unexpectedCannotCheck } from './truth.js';

/**
 * Collector ↔ simulator round trip: a tenant generated with known problems is served by the simulator on
 * 127.0.0.1, collected by the real collector (MSAL included) into a snapshot, read back and diagnosed. The
 * diagnosis must equal the ground truth: every injected problem found, nothing else reported.
 */
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const MODES = ['legacy', 'device-compliance'] as const;
const done: RoundTrip[] = [];
afterAll(async () => {
  await Promise.all(done.map(cleanup));
});

describe('collector ↔ simulator round trip', () => {
  for (const mode of MODES) {
    it(`diagnoses exactly the injected problems, ${SEEDS.length} seeds, ${mode} mode`, async () => {
      for (let i = 0; i < SEEDS.length; i += 5) {
        const batch = await Promise.all(
          SEEDS.slice(i, i + 5).map((seed) =>
            roundTrip({ seed, macs: 20 + (seed % 7), mode, perProblem: 1 + (seed % 2) }),
          ),
        );
        for (const [k, rt] of batch.entries()) {
          done.push(rt);
          const seed = SEEDS[i + k];
          expect(rt.report.mode.detected, `seed ${seed}`).toBe(mode);
          expect(compareWithTruth(rt.report, rt.truth), `seed ${seed}`).toEqual({ missing: [], extra: [] });
          expect(unexpectedCannotCheck(rt.report), `seed ${seed}`).toEqual([]);
          expect(
            Object.values(rt.result.datasets).every((d) => d.status === 'complete' || d.status === 'skipped'),
          ).toBe(true);
        }
      }
    });
  }

  it('no integration at all, and both integrations at once (mode none and both)', async () => {
    for (const [mode, integration, detected] of [
      ['device-compliance', 'none', 'none'],
      ['legacy', 'both', 'both'],
    ] as const) {
      for (const seed of [1, 2, 3]) {
        const rt = await roundTrip({ seed, macs: 12, mode, integration, problems: [] });
        done.push(rt);
        expect(rt.report.mode.detected, `${integration} seed ${seed}`).toBe(detected);
        expect(
          rt.truth.some(
            (t) => t.checkId === (integration === 'none' ? 'connector/no-integration' : 'connector/both-integrations'),
          ),
        ).toBe(true);
        expect(compareWithTruth(rt.report, rt.truth), `${integration} seed ${seed}`).toEqual({
          missing: [],
          extra: [],
        });
      }
    }
  });

  it('a healthy tenant gives no finding from Graph and Jamf data', async () => {
    for (const mode of MODES) {
      const rt = await roundTrip({ seed: 99, macs: 15, mode, problems: [] });
      done.push(rt);
      expect(rt.truth.filter((t) => t.checkId !== 'connector/legacy-integration-retired')).toEqual([]);
      expect(compareWithTruth(rt.report, rt.truth)).toEqual({ missing: [], extra: [] });
    }
  });
});
