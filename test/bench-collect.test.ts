import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bytesByDataset,
  type DiagnosisKey,
  diagnosisDiff,
  diagnosisKey,
  incompleteOf,
  macRecords,
  macsOwnBytes,
  spread,
  verdict,
} from '../bench/collect-figures.js';
import { generateTenant } from '../sim/index.js';
import { diagnoseSnapshot } from '../src/diagnose.js';

/** The collection benchmark's figures (bench/collect-figures.ts): what it prints must be right, so it is tested. */
describe("the Macs' own records", () => {
  it('are the Macs’ Intune records, Entra devices and people, none of the other devices or users', () => {
    const { tenant } = generateTenant({
      seed: 3,
      macs: 25,
      mode: 'legacy',
      problems: ['entra/duplicate-device-records', 'intune/duplicate-device-records'],
      otherDevices: 40,
      entraOnlyDevices: 30,
      extraUsers: 60,
    });
    const own = macRecords(tenant);
    const g = tenant.graph;
    // 25 Macs, one with a second (duplicate) Intune record.
    expect(own.intune.size).toBe(26);
    expect(
      g.managedDevices.filter((d) => own.intune.has(String(d.id))).every((d) => d.operatingSystem === 'macOS'),
    ).toBe(true);
    // 25 Entra devices, and the older registration of one Mac (its duplicate): macOS too.
    expect(own.entra.size).toBe(26);
    expect(
      g.devices.filter((d) => own.entra.has(String(d.id))).every((d) => /^mac/i.test(String(d.operatingSystem))),
    ).toBe(true);
    // The 25 people with a Mac, none of the 60 without one.
    expect(own.users.size).toBe(25);
    const macPeople = new Set(tenant.jamf.computers.map((c) => c.email.toLowerCase()));
    for (const u of g.users) expect(own.users.has(String(u.id))).toBe(macPeople.has(String(u.userPrincipalName)));
  });

  it('a Mac whose Entra device has another operatingSystem still owns it (the Mac points to it)', () => {
    const { tenant } = generateTenant({ seed: 4, macs: 5, mode: 'legacy', problems: [], otherDevices: 5 });
    const target = tenant.graph.devices.find((d) => d.operatingSystem === 'MacMDM')!;
    target.operatingSystem = 'Unknown';
    const windows = tenant.graph.devices.find((d) => d.operatingSystem === 'Windows')!;
    const own = macRecords(tenant);
    expect(own.entra.has(String(target.id))).toBe(true);
    expect(own.entra.has(String(windows.id))).toBe(false);
  });
});

describe("what the Macs' own records weigh", () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('their bytes in as few pages as the page size allows, with the real envelope; other files whole', async () => {
    dir = await mkdtemp(join(tmpdir(), 'jidoctor-own-'));
    const users = join(dir, 'graph/v1.0/users');
    await mkdir(users, { recursive: true });
    const rec = (id: string) => ({ id, userPrincipalName: `${id}@contoso.example` });
    const page1 = JSON.stringify({ '@odata.context': 'x', '@odata.nextLink': 'next', value: [rec('a'), rec('b')] });
    const page2 = JSON.stringify({ '@odata.context': 'x', value: [rec('c')] });
    await writeFile(join(users, 'page-00001.json'), page1);
    await writeFile(join(users, 'page-00002.json'), page2);
    await mkdir(join(dir, 'jamf/api/v1'), { recursive: true });
    await writeFile(join(dir, 'jamf/api/v1/jamf-pro-version.json'), '{"version":"11.24.1"}');
    await writeFile(join(dir, 'manifest.json'), '{"not":"counted"}');
    const own = { intune: new Set<string>(), entra: new Set<string>(), users: new Set(['a', 'c']) };
    const r = await macsOwnBytes(dir, own);
    const envelope =
      (page1.length - JSON.stringify([rec('a'), rec('b')]).length + page2.length - JSON.stringify([rec('c')]).length) /
      2;
    // a and c on one page: their bytes, a comma, the brackets and one envelope.
    const expected = Math.round(JSON.stringify(rec('a')).length + JSON.stringify(rec('c')).length + 1 + 2 + envelope);
    expect(r.parts['graph/v1.0/users']).toBe(expected);
    expect(r.parts.other).toBe('{"version":"11.24.1"}'.length);
    expect(r.total).toBe(expected + r.parts.other!);
    expect(r.snapshot).toBe(page1.length + page2.length + r.parts.other!);
  });
});

describe('where the bytes of a snapshot are', () => {
  it('by dataset: pages under their folder, entities under their path, the ids of per-object datasets as {id}', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jidoctor-where-'));
    try {
      const g1 = '0b8e2f5c-1111-4222-8333-944445555666';
      const g2 = '7d1f0e3a-aaaa-4bbb-8ccc-dddddddddddd';
      for (const g of [g1, g2]) {
        await mkdir(join(dir, `graph/v1.0/groups/${g}/transitiveMembers`), { recursive: true });
        await writeFile(join(dir, `graph/v1.0/groups/${g}.json`), '{"id":1}');
        await writeFile(join(dir, `graph/v1.0/groups/${g}/transitiveMembers/page-00001.json`), '{"value":[]}');
      }
      await writeFile(join(dir, `graph/v1.0/groups/${g1}/transitiveMembers/page-00002.json`), '{"value":[1]}');
      await writeFile(join(dir, 'manifest.json'), '{"datasets":{}}');
      const r = await bytesByDataset(dir);
      expect(Object.fromEntries(r)).toEqual({
        'graph/v1.0/groups/{id}': { bytes: 16, files: 2 },
        'graph/v1.0/groups/{id}/transitiveMembers': { bytes: 12 + 12 + 13, files: 3 },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('datasets not complete', () => {
  it('each named with its reason; skipped ones apart; a bare status says the manifest gives none', () => {
    const r = incompleteOf({
      state: 'complete',
      datasets: {
        'graph/v1.0/devices': { status: 'complete', records: 3 },
        'graph/v1.0/users': { status: 'partial', records: 1998, pages: 2, error: 'page 3: HTTP 503' },
        'graph/v1.0/organization': { status: 'forbidden', httpStatus: 403, needs: ['Organization.Read.All'] },
        'jamf/api/v3/check-in': { status: 'failed' },
        'jamf/x': { status: 'skipped', error: 'not in this mode' },
      },
    });
    expect(r.notComplete).toEqual([
      'graph/v1.0/users: partial (page 3: HTTP 503; 1998 records read)',
      'graph/v1.0/organization: forbidden (grant Organization.Read.All; HTTP 403)',
      'jamf/api/v3/check-in: failed (the manifest gives no reason)',
    ]);
    expect(r.skipped).toEqual(['jamf/x: skipped (not in this mode)']);
    expect(incompleteOf({ state: 'complete', datasets: {} })).toEqual({ notComplete: [], skipped: [] });
    expect(incompleteOf({ state: 'collecting', datasets: {} }).notComplete).toEqual([
      'manifest: state collecting (the collection did not end)',
    ]);
  });
});

describe('two diagnoses compared', () => {
  const key = (): DiagnosisKey => ({
    macs: new Map([
      ['C02AAA', ['jamf/check-in-overdue overdue sha256:1']],
      ['C02BBB', []],
    ]),
    checks: ['jamf/check-in-overdue: fail, 1 findings', 'licenses/intune-missing: pass, 0 findings'],
    tenant: ['connector/legacy-integration-retired retired sha256:9'],
  });

  it('identical: no difference', () => {
    expect(diagnosisDiff(key(), key())).toEqual([]);
  });

  it("a Mac's finding, a Mac missing, a check's outcome, a tenant finding: each named", () => {
    const b = key();
    b.macs.set('C02BBB', ['intune/duplicate-device-records duplicate sha256:2']);
    expect(diagnosisDiff(key(), b)).toEqual([
      'Mac C02BBB: no finding ≠ intune/duplicate-device-records duplicate sha256:2',
    ]);
    const c = key();
    c.macs.delete('C02AAA');
    c.checks[1] = 'licenses/intune-missing: cannotCheck, 0 findings, partial graph/v1.0/users';
    c.tenant = [];
    expect(diagnosisDiff(key(), c)).toEqual([
      'Mac C02AAA: only in the first (jamf/check-in-overdue overdue sha256:1)',
      'check licenses/intune-missing: pass, 0 findings ≠ licenses/intune-missing: cannotCheck, 0 findings, partial graph/v1.0/users',
      'tenant finding only in the first: connector/legacy-integration-retired retired sha256:9',
    ]);
    expect(diagnosisDiff(key(), c, 1)).toHaveLength(1);
  });
});

describe('a real diagnosis reduced to its key', () => {
  it("every Mac, each finding under the Macs it names or the tenant's; one finding less is a difference", async () => {
    const d = await diagnoseSnapshot(join(import.meta.dirname, '../examples/contoso-snapshot'));
    const k = diagnosisKey(d);
    expect(k.macs.size).toBe(d.report.summary.macs);
    expect(k.checks).toHaveLength(d.report.checks.length);
    const onMacs = d.report.findings.filter((f) => f.subjects.some((s) => s.kind === 'mac'));
    expect(onMacs.length).toBeGreaterThan(0);
    expect(k.tenant).toHaveLength(d.report.findings.length - onMacs.length);
    expect(diagnosisDiff(k, diagnosisKey(d))).toEqual([]);
    const f = onMacs[0]!;
    const fewer = diagnosisKey({ ...d, report: { ...d.report, findings: d.report.findings.filter((x) => x !== f) } });
    const mac = f.subjects.find((s) => s.kind === 'mac')!.id;
    expect(diagnosisDiff(k, fewer)[0]).toMatch(new RegExp(`^Mac ${mac}: .*${f.checkId}`));
  });
});

describe('the spread over runs and the verdict', () => {
  it('min, median, max; PASS only when every run is within the target', () => {
    expect(spread([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(spread([4, 1, 2, 3])).toEqual({ min: 1, median: 2.5, max: 4 });
    expect(verdict([1.5, 1.2], 1.5)).toBe('PASS');
    expect(verdict([1.2, 1.51, 1.0], 1.5)).toBe('MISS (1 of 3 runs over 1.5×)');
    expect(verdict([Number.NaN], 1.5)).toBe('MISS (1 of 1 run over 1.5×)');
    expect(verdict([], 1.5)).toBe('MISS (no run)');
  });
});
