import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSnapshot } from '../bench/generate.js';
import { diagnoseSnapshot } from '../src/diagnose.js';

/**
 * Every finding has its own fingerprint, or the history keeps one of two findings and a removed record never shows
 * as fixed. The benchmark generator's 200,000-Mac tenant has Macs with a duplicate Intune record whose Entra device
 * is not compliant: two findings of compliance/intune-entra-mismatch on one Mac, in the same state (scheme 1 of
 * the fingerprint gave 39 collisions here).
 */
const dir = mkdtempSync(join(tmpdir(), 'jidoctor-fp200k-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fingerprints over a 200,000-Mac tenant', () => {
  it('no two findings share one', { timeout: 180_000 }, async () => {
    const truth = await generateSnapshot(dir, 200_000, 1, false);
    const { report } = await diagnoseSnapshot(dir);
    // The case that collided is there: Macs with both a duplicate Intune record and an Entra mismatch.
    const dup = new Set(truth.intuneDuplicates);
    expect(truth.entraMismatches.filter((s) => dup.has(s)).length).toBeGreaterThan(10);
    const seen = new Map<string, number>();
    for (const f of report.findings) seen.set(f.fingerprint, (seen.get(f.fingerprint) ?? 0) + 1);
    const collisions = [...seen.values()].reduce((n, c) => n + c - 1, 0);
    expect(report.findings.length).toBeGreaterThan(10_000);
    expect(collisions).toBe(0);
  });
});
