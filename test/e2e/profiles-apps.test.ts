import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTenant, type MigrationState } from '../../sim/index.js';
import { CHECKS } from '../../src/checks/index.js';
import { cleanup, type RoundTrip, roundTrip } from './harness.js';
import { compareWithTruth, unexpectedCannotCheck } from './truth.js';

/**
 * Issue 13 rows 9 and 20 through the real collector and the simulator's public Jamf Pro shapes: the profiles
 * installed on the unregistered Macs Device Compliance applies to (inventory CONFIGURATION_PROFILES, Classic
 * osxconfigurationprofiles), the applications of the Macs it does not apply to (APPLICATIONS), read only for those
 * Macs. The diagnosis must equal the ground truth (precision = recall = 1), and a healthy fleet costs no request.
 */
const SSO = 'jamf/sso-extension-profile-missing';
const CP = 'jamf/company-portal-missing';
const done: RoundTrip[] = [];
afterAll(async () => {
  await Promise.all(done.map(cleanup));
});
/** Jamf requests beyond the inventory's one page (these fleets are < 2000 Macs) and the per-computer compliance. */
const sectionRequests = (rt: RoundTrip) =>
  rt.sim.log
    .filter((l) => l.service === 'jamf' && /computers-inventory$|JSSResource/.test(l.path))
    .map((l) => l.path)
    .slice(1);
/** The computer ids a section dataset holds (its page files). */
async function idsIn(rt: RoundTrip, section: string): Promise<string[]> {
  const dir = join(rt.dir, 'jamf/computers-inventory-sections', section);
  const files = await readdir(dir).catch(() => [] as string[]);
  const ids: string[] = [];
  for (const f of files.sort()) {
    const body = JSON.parse(await readFile(join(dir, f), 'utf8')) as { results: Array<{ id: string }> };
    ids.push(...body.results.map((r) => String(r.id)));
  }
  return ids;
}

describe('profiles and applications, round trip', () => {
  for (const state of ['C', 'D', 'E'] as MigrationState[]) {
    it(`state ${state}: both problems over 20 seeds diagnosed exactly`, async () => {
      let injected = 0;
      for (let seed = 1; seed <= 20; seed += 5) {
        const batch = await Promise.all(
          [0, 1, 2, 3, 4].map((k) =>
            roundTrip({
              seed: seed + k,
              macs: 8 + ((seed + k) % 5),
              mode: 'device-compliance',
              migration: state,
              perProblem: 1 + ((seed + k) % 2),
              problems: [SSO, CP],
            }),
          ),
        );
        for (const rt of batch) {
          done.push(rt);
          const mine = rt.truth.filter((t) => t.checkId === SSO || t.checkId === CP);
          injected += mine.length;
          expect(compareWithTruth(rt.report, rt.truth), rt.truth.map((t) => t.note).join('; ')).toEqual({
            missing: [],
            extra: [],
          });
          expect(unexpectedCannotCheck(rt.report)).toEqual([]);
          const outcome = (id: string) => rt.report.checks.find((c) => c.id === id)?.outcome;
          expect(outcome(SSO)).toBe(mine.some((t) => t.checkId === SSO) ? 'fail' : 'pass');
          expect(outcome(CP)).toBe(mine.some((t) => t.checkId === CP) ? 'fail' : 'pass');
        }
      }
      expect(injected).toBeGreaterThanOrEqual(40);
    });
  }

  it('a healthy fleet: no section request, both checks pass on a complete read of nothing', async () => {
    const rt = await roundTrip({ seed: 3, macs: 12, mode: 'device-compliance', migration: 'E', problems: [] });
    done.push(rt);
    expect(sectionRequests(rt)).toEqual([]);
    const manifest = JSON.parse(await readFile(join(rt.dir, 'manifest.json'), 'utf8'));
    for (const id of [
      'jamf/computers-inventory-sections/CONFIGURATION_PROFILES',
      'jamf/computers-inventory-sections/APPLICATIONS',
      'jamf/JSSResource/osxconfigurationprofiles',
      'jamf/JSSResource/osxconfigurationprofiles/id/{id}',
    ]) {
      expect(manifest.datasets[id], id).toMatchObject({ status: 'complete', records: 0 });
    }
    expect(rt.report.checks.find((c) => c.id === SSO)?.outcome).toBe('pass');
    expect(rt.report.checks.find((c) => c.id === CP)?.outcome).toBe('pass');
  });

  it('reads the sections for the Macs in question only, and each installed profile once', async () => {
    const gen = {
      seed: 11,
      macs: 14,
      mode: 'device-compliance' as const,
      migration: 'E' as const,
      perProblem: 2,
      problems: [SSO, CP],
    };
    const rt = await roundTrip(gen);
    done.push(rt);
    const paths = sectionRequests(rt);
    const mine = (id: string) => rt.truth.filter((t) => t.checkId === id).length;
    const inventory = paths.filter((p) => p.endsWith('computers-inventory'));
    expect(inventory).toHaveLength((mine(SSO) > 0 ? 1 : 0) + (mine(CP) > 0 ? 1 : 0));
    // The filter named exactly the Macs in question (the injected ones: every other Mac is registered and applicable).
    const { tenant } = generateTenant(gen);
    const serialOf = new Map(tenant.jamf.computers.map((c) => [c.id, c.serial]));
    const serials = async (section: string) => (await idsIn(rt, section)).map((id) => serialOf.get(id)).sort();
    const truthOf = (id: string) =>
      rt.truth
        .filter((t) => t.checkId === id)
        .map((t) => t.subject.id)
        .sort();
    expect(await serials('CONFIGURATION_PROFILES')).toEqual(truthOf(SSO));
    expect(await serials('APPLICATIONS')).toEqual(truthOf(CP));
    expect(truthOf(SSO).length + truthOf(CP).length).toBeGreaterThan(0);
    const details = paths.filter((p) => p.includes('/osxconfigurationprofiles/id/'));
    expect(details.length).toBeGreaterThan(0);
    expect(new Set(details).size).toBe(details.length);
    expect(paths.filter((p) => p.endsWith('/JSSResource/osxconfigurationprofiles'))).toHaveLength(
      mine(SSO) > 0 ? 1 : 0,
    );
  });

  it('without Read macOS Configuration Profiles the profiles are forbidden and the check names the privilege', async () => {
    const rt = await roundTrip(
      { seed: 4, macs: 10, mode: 'device-compliance', migration: 'E', perProblem: 1, problems: [SSO] },
      {
        sim: { jamfPrivileges: ['Read Computers', 'Read Computer Check-In', 'Read Device Compliance Information'] },
        collect: { note: () => {}, checks: CHECKS },
      },
    );
    done.push(rt);
    expect(rt.truth.some((t) => t.checkId === SSO)).toBe(true);
    const manifest = JSON.parse(await readFile(join(rt.dir, 'manifest.json'), 'utf8'));
    expect(manifest.datasets['jamf/JSSResource/osxconfigurationprofiles/id/{id}']).toMatchObject({
      status: 'forbidden',
      httpStatus: 403,
      needs: ['Read macOS Configuration Profiles'],
    });
    expect(rt.report.checks.find((c) => c.id === SSO)).toMatchObject({
      outcome: 'cannotCheck',
      reason: { kind: 'forbidden', needs: ['Read macOS Configuration Profiles'] },
    });
    // Row 20 does not need the privilege.
    expect(rt.report.checks.find((c) => c.id === CP)?.outcome).toBe('pass');
  });
});
