import { afterAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { cleanup, type RoundTrip, roundTrip } from './harness.js';
import { compareWithTruth, unexpectedCannotCheck } from './truth.js';

/**
 * The Device Compliance problems of issue 13 (sim/scenarios/device-compliance.ts) through the collector and the
 * whole catalogue, on a Jamf Pro older than 11.9 (where the server-side Platform SSO problem exists) and a current
 * one: every injected problem found, nothing else.
 */
const NEW = [
  'entra-app/registration-blocked-baseline-scopes',
  'connector/other-macos-compliance-partner',
  'compliance/user-outside-partner-scope',
  'compliance/entra-state-never-set',
  'compliance/jamf-inventory-stale',
  'compliance/reported-to-old-entra-device',
  'intune/enrolled-outside-jamf',
];
const done: RoundTrip[] = [];
afterAll(async () => {
  await Promise.all(done.map(cleanup));
});

describe('Device Compliance problems, round trip', () => {
  for (const jamfVersion of ['11.8.2', '11.24.1']) {
    it(`Jamf Pro ${jamfVersion}: precision and recall 1 over 20 seeds`, async () => {
      let found = 0;
      for (let seed = 1; seed <= 20; seed += 5) {
        const batch = await Promise.all(
          [0, 1, 2, 3, 4].map((k) =>
            roundTrip({ seed: seed + k, macs: 24, mode: 'device-compliance', jamfVersion, problems: NEW }),
          ),
        );
        for (const [k, rt] of batch.entries()) {
          done.push(rt);
          expect(compareWithTruth(rt.report, rt.truth), `seed ${seed + k}`).toEqual({ missing: [], extra: [] });
          expect(unexpectedCannotCheck(rt.report), `seed ${seed + k}`).toEqual([]);
          found += rt.report.findings.filter((f) => NEW.includes(f.checkId)).length;
          const old = rt.report.checks.find((c) => c.id === 'compliance/reported-to-old-entra-device')!;
          expect(old.outcome).toBe(jamfVersion === '11.8.2' ? 'fail' : 'notApplicable');
        }
      }
      expect(found).toBeGreaterThan(20 * (jamfVersion === '11.8.2' ? 6 : 5));
      expect(CHECKS.filter((c) => NEW.includes(c.id))).toHaveLength(NEW.length);
    });
  }
});
