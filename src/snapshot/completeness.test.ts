/**
 * Issue 14 item 4: a hand-made snapshot whose own files show it incomplete is `partial` with the reason, on every
 * reading path (slow path, scanners on the main thread, worker pool), and a manifest that says `complete` over such
 * data is contradicted in the report.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST, removeDir, writeSnapshot } from '../../test/tmp.js';
import { diagnoseSnapshot } from '../diagnose.js';
import { envelopeOf } from './envelope.js';
import { type ReadOptions, readSnapshot } from './reader.js';

const MD = 'graph/v1.0/deviceManagement/managedDevices';
const INV = 'jamf/api/v1/computers-inventory';
const device = (i: number) => ({
  id: `d-${i}`,
  deviceName: `MBP-${i}`,
  serialNumber: `C0${i}`,
  managementAgent: 'jamf',
  complianceState: 'compliant',
  lastSyncDateTime: '2026-11-28T08:00:00Z',
  operatingSystem: 'macOS',
});
const computer = (i: number) => ({
  id: String(i),
  general: { name: `MBP-${i}`, lastContactTime: '2026-11-28T08:00:00Z' },
  hardware: { serialNumber: `C0${i}` },
});
// The shape Graph pages have (https://learn.microsoft.com/en-us/graph/paging): a nextLink on every page but the last.
const NEXT = 'https://graph.microsoft.com/v1.0/deviceManagement/managedDevices?$skiptoken=X2Vh';

const PATHS: Array<[string, ReadOptions]> = [
  ['slow path', { scan: false }],
  ['scanners', { scan: true, workers: false }],
  ['worker pool', { scan: true, workers: true, poolMinPages: 1 }],
];

describe('incomplete data in a hand-made snapshot', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await removeDir(d);
  });
  const snap = async (files: Record<string, unknown>) => {
    const d = await writeSnapshot(files);
    dirs.push(d);
    return d;
  };

  it('envelopeOf reads only the top level of a body, an array of bodies, or a bare array', () => {
    const e = (v: unknown) => envelopeOf(Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)));
    expect(e({ '@odata.nextLink': NEXT, value: [] })).toEqual({ nextLink: true, totalCount: null });
    expect(e({ '@odata.nextLink': null, value: [] })).toEqual({ nextLink: false, totalCount: null });
    expect(e({ value: [{ '@odata.nextLink': 'x', note: '"@odata.nextLink": "y"' }] })).toEqual({
      nextLink: false,
      totalCount: null,
    });
    expect(e([{ '@odata.nextLink': NEXT, value: [] }, { value: [] }])).toEqual({ nextLink: false, totalCount: null });
    expect(e([{ value: [] }, { '@odata.nextLink': NEXT, value: [] }])).toEqual({ nextLink: true, totalCount: null });
    expect(e({ totalCount: 12, results: [{ totalCount: 99 }] })).toEqual({ nextLink: false, totalCount: 12 });
    expect(e([computer(1)])).toEqual({ nextLink: false, totalCount: null });
    expect(e('\ufeff { "totalCount" : 3 , "results" : [ ] } ')).toEqual({ nextLink: false, totalCount: 3 });
  });

  for (const [name, opts] of PATHS) {
    it(`a Graph page folder whose last page still has @odata.nextLink is partial (${name})`, async () => {
      const dir = await snap({
        [`${MD}/page-00001.json`]: { '@odata.nextLink': NEXT, value: [device(1), device(2)] },
        [`${MD}/page-00002.json`]: { '@odata.nextLink': NEXT, value: [device(3)] },
      });
      const c = await readSnapshot(dir, opts);
      const st = c.datasets.get(MD)!;
      expect(st.status).toBe('partial');
      expect(st.records).toBe(3);
      expect(st.error).toBe(
        `${MD}/page-00002.json, the last page, still has @odata.nextLink: the pages after it were not collected`,
      );
      // The same pages with no next link on the last one are complete.
      const ok = await snap({
        [`${MD}/page-00001.json`]: { '@odata.nextLink': NEXT, value: [device(1), device(2)] },
        [`${MD}/page-00002.json`]: { value: [device(3)] },
      });
      expect((await readSnapshot(ok, opts)).datasets.get(MD)!.status).toBe('complete');
    });

    it(`a Jamf inventory with fewer records than its totalCount is partial (${name})`, async () => {
      const dir = await snap({
        [`${INV}/page-00001.json`]: { totalCount: 5, results: [computer(1), computer(2)] },
        [`${INV}/page-00002.json`]: { totalCount: 5, results: [computer(3), computer(4)] },
      });
      const st = (await readSnapshot(dir, opts)).datasets.get('jamf/computers-inventory')!;
      expect(st.status).toBe('partial');
      expect(st.error).toBe(`4 records, fewer than the totalCount 5 of ${INV}/page-00001.json`);
      const ok = await snap({
        [`${INV}/page-00001.json`]: { totalCount: 4, results: [computer(1), computer(2)] },
        [`${INV}/page-00002.json`]: { totalCount: 4, results: [computer(3), computer(4)] },
      });
      expect((await readSnapshot(ok, opts)).datasets.get('jamf/computers-inventory')!.status).toBe('complete');
    });

    it(`a page folder with a gap is partial (${name})`, async () => {
      const dir = await snap({
        [`${MD}/page-00001.json`]: { value: [device(1)] },
        [`${MD}/page-00003.json`]: { value: [device(3)] },
      });
      const st = (await readSnapshot(dir, opts)).datasets.get(MD)!;
      expect(st.status).toBe('partial');
      expect(st.error).toBe(
        `${MD}/page-00002.json is missing (the page files go ${MD}/page-00001.json, ${MD}/page-00003.json): a page was not collected`,
      );
      const late = await snap({ [`${MD}/page-00002.json`]: { value: [device(1)] } });
      expect((await readSnapshot(late, opts)).datasets.get(MD)!.error).toMatch(/page-00001\.json is missing/);
    });
  }

  it('one body (form 1) and an array of bodies (form 2): the last body decides', async () => {
    const one = await snap({ [`${MD}.json`]: { '@odata.nextLink': NEXT, value: [device(1)] } });
    expect((await readSnapshot(one)).datasets.get(MD)!.status).toBe('partial');
    const arr = await snap({
      [`${MD}.json`]: [
        { '@odata.nextLink': NEXT, value: [device(1)] },
        { '@odata.nextLink': NEXT, value: [device(2)] },
      ],
    });
    expect((await readSnapshot(arr)).datasets.get(MD)!.error).toBe(
      `${MD}.json still has @odata.nextLink: the pages after it were not collected`,
    );
    const done = await snap({
      [`${MD}.json`]: [{ '@odata.nextLink': NEXT, value: [device(1)] }, { value: [device(2)] }],
    });
    expect((await readSnapshot(done)).datasets.get(MD)!.status).toBe('complete');
    // A small Graph dataset read by the schemas (not a scanned kind) too.
    const apps = await snap({ 'graph/v1.0/applications.json': { '@odata.nextLink': 'x', value: [] } });
    expect((await readSnapshot(apps)).datasets.get('graph/v1.0/applications')!.status).toBe('partial');
  });

  it('a manifest that says complete over such data is contradicted in the report, and its checks cannot check', async () => {
    const dir = await snap({
      'manifest.json': MANIFEST({ [MD]: { status: 'complete', records: 3, pages: 2 } }),
      [`${MD}/page-00001.json`]: { '@odata.nextLink': NEXT, value: [device(1), device(2)] },
      [`${MD}/page-00002.json`]: { '@odata.nextLink': NEXT, value: [device(3)] },
    });
    const { report } = await diagnoseSnapshot(dir);
    expect(report.warnings).toEqual([
      `manifest.json says ${MD} is complete, but ${MD}/page-00002.json, the last page, still has @odata.nextLink: the pages after it were not collected`,
    ]);
    const ds = report.datasets.find((d) => d.id === MD)!;
    expect(ds.status).toBe('partial');
    expect(ds.reason).toMatch(/still has @odata.nextLink/);
    for (const c of report.checks.filter((x) => x.reason?.dataset === MD)) {
      expect(c.outcome).toBe('cannotCheck');
      expect(c.reason?.detail).toMatch(/page-00002\.json, the last page, still has @odata.nextLink/);
    }
    expect(report.checks.some((x) => x.reason?.dataset === MD)).toBe(true);
    // A manifest that already says partial is not contradicted.
    const honest = await snap({
      'manifest.json': MANIFEST({ [MD]: { status: 'partial', records: 3, error: 'page 3: reset' } }),
      [`${MD}/page-00001.json`]: { '@odata.nextLink': NEXT, value: [device(1)] },
    });
    const r2 = (await diagnoseSnapshot(honest)).report;
    expect(r2.warnings).toBeUndefined();
    expect(r2.datasets.find((d) => d.id === MD)!.reason).toBe('page 3: reset');
  });
});
