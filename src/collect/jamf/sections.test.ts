import { describe, expect, it } from 'vitest';
import type { ManifestEntry, SnapshotWriter } from '../../snapshot/writer.js';
import { HttpStatusError } from '../http.js';
import { Progress } from '../progress.js';
import { applicabilityOf, collectSections, registeredRecord, type SectionContext, sectionQuery } from './sections.js';

/** A writer that keeps what it is given (page files, bodies, manifest entries) in memory. */
function memoryWriter() {
  const pages = new Map<string, string[]>();
  const bodies = new Map<string, string>();
  const entries = new Map<string, ManifestEntry>();
  const writer = {
    async page(path: string, index: number, text: string) {
      const list = pages.get(path) ?? [];
      list[index - 1] = text;
      pages.set(path, list);
    },
    async body(path: string, text: string) {
      bodies.set(path, text);
    },
    entry(path: string, e: ManifestEntry) {
      entries.set(path, e);
    },
  };
  return { writer: writer as unknown as SnapshotWriter, pages, bodies, entries };
}

/** A fake Jamf Pro answering the section reads (the id filter applied) and the Classic profiles. */
function fakeJamf(opts: { ignoreFilter?: boolean; forbidClassic?: boolean; forbidInventory?: boolean } = {}) {
  const asked: string[] = [];
  const get: SectionContext['get'] = async (path) => {
    asked.push(path);
    const json = (body: unknown) => ({ text: JSON.stringify(body), json: body });
    if (path.startsWith('JSSResource/')) {
      if (opts.forbidClassic) throw new HttpStatusError(403, `https://jamf.example/${path}`, '', null, 1);
      if (path === 'JSSResource/osxconfigurationprofiles')
        return json({
          os_x_configuration_profiles: [
            { id: 7, name: 'Microsoft Enterprise SSO' },
            { id: 3, name: 'FileVault' },
          ],
        });
      const id = /id\/(\d+)\/subset\/General$/.exec(path)![1];
      return json({
        os_x_configuration_profile: { general: { id: Number(id), name: `p${id}`, payloads: '<plist/>' } },
      });
    }
    if (opts.forbidInventory) throw new HttpStatusError(403, `https://jamf.example/${path}`, '', null, 1);
    const q = new URLSearchParams(path.split('?')[1]);
    const ids = /^id=in=\((.*)\)$/.exec(q.get('filter') ?? '')![1]!.split(',');
    const section = q.get('section');
    const results = (opts.ignoreFilter ? ['1', '2', '3'] : ids).map((id) =>
      section === 'APPLICATIONS'
        ? { id, applications: [{ name: 'Safari.app', bundleId: 'com.apple.Safari' }] }
        : { id, configurationProfiles: [{ id: '7' }, { id: '3' }, { id: '99' }, { id: null }] },
    );
    return json({ totalCount: results.length, results });
  };
  return { get, asked };
}

const ctxOf = (get: SectionContext['get'], writer: SnapshotWriter, maxComputers?: number): SectionContext => ({
  writer,
  progress: Progress.silent(),
  get,
  apiVersion: 3,
  ...(maxComputers ? { maxComputers } : {}),
});
const COMPLETE: ManifestEntry = { status: 'complete', records: 10, pages: 1 };

describe('which computers are in question', () => {
  it('a registration is a device id, ACTIVATED or UNRESPONSIVE (any case); DEACTIVATED or UNKNOWN alone is not', () => {
    expect(registeredRecord({ localUserAccounts: [{ computerAzureActiveDirectoryId: 'abc' }] })).toBe(true);
    expect(registeredRecord({ localUserAccounts: [{ azureActiveDirectoryId: 'activated' }] })).toBe(true);
    expect(registeredRecord({ localUserAccounts: [{ azureActiveDirectoryId: 'UNRESPONSIVE' }] })).toBe(true);
    expect(registeredRecord({ localUserAccounts: [{ azureActiveDirectoryId: 'DEACTIVATED' }] })).toBe(false);
    expect(
      registeredRecord({
        localUserAccounts: [{ azureActiveDirectoryId: 'UNKNOWN', computerAzureActiveDirectoryId: '' }],
      }),
    ).toBe(false);
    expect(registeredRecord({ localUserAccounts: null })).toBe(false);
    expect(registeredRecord({})).toBe(false);
  });
  it('applicability: any entry true applies; entries all false do not; nothing else says', () => {
    expect(applicabilityOf([{ applicable: false }, { applicable: true }])).toBe('applies');
    expect(applicabilityOf([{ applicable: false }, { applicable: false }])).toBe('not-applicable');
    expect(applicabilityOf([{ applicable: false }, { applicable: null }])).toBeNull();
    expect(applicabilityOf([])).toBeNull();
    expect(applicabilityOf({ applicable: false })).toBeNull();
  });
  it('the request: one section, an RSQL id filter, a page as large as the chunk', () => {
    expect(sectionQuery('APPLICATIONS', ['5', '12'])).toBe(
      'section=APPLICATIONS&page=0&page-size=2&filter=id%3Din%3D(5%2C12)',
    );
  });
});

describe('collectSections', () => {
  it('not Device Compliance mode: every dataset skipped, no request', async () => {
    const { get, asked } = fakeJamf();
    const m = memoryWriter();
    const out = await collectSections(ctxOf(get, m.writer), null, COMPLETE);
    expect([...out.values()].map((e) => e.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(asked).toEqual([]);
  });

  it('nothing in question: complete reads of nothing, no request', async () => {
    const { get, asked } = fakeJamf();
    const m = memoryWriter();
    const out = await collectSections(ctxOf(get, m.writer), { unregistered: [], notApplicable: [] }, COMPLETE);
    expect([...out.values()].map((e) => [e.status, e.records])).toEqual([
      ['complete', 0],
      ['complete', 0],
      ['complete', 0],
      ['complete', 0],
    ]);
    expect(asked).toEqual([]);
  });

  it('chunks of 100 ids; each installed Jamf profile once, only those Jamf Pro lists, General subset', async () => {
    const { get, asked } = fakeJamf();
    const m = memoryWriter();
    const unregistered = Array.from({ length: 150 }, (_, i) => String(i + 1));
    const out = await collectSections(ctxOf(get, m.writer), { unregistered, notApplicable: ['500'] }, COMPLETE);
    expect(asked.filter((p) => p.includes('section=CONFIGURATION_PROFILES'))).toHaveLength(2);
    expect(asked.filter((p) => p.includes('section=APPLICATIONS'))).toHaveLength(1);
    expect(asked.filter((p) => p.startsWith('JSSResource/')).sort()).toEqual([
      'JSSResource/osxconfigurationprofiles',
      'JSSResource/osxconfigurationprofiles/id/3/subset/General',
      'JSSResource/osxconfigurationprofiles/id/7/subset/General',
    ]);
    expect(out.get('jamf/computers-inventory-sections/CONFIGURATION_PROFILES')).toMatchObject({
      status: 'complete',
      records: 150,
      pages: 2,
    });
    expect(m.pages.get('jamf/computers-inventory-sections/CONFIGURATION_PROFILES')).toHaveLength(2);
    expect(out.get('jamf/JSSResource/osxconfigurationprofiles/id/{id}')).toMatchObject({
      status: 'complete',
      records: 2,
    });
    expect(m.bodies.has('jamf/JSSResource/osxconfigurationprofiles/id/7/subset/General')).toBe(true);
  });

  it('at most maxComputers per section; the entry says how many were left out', async () => {
    const { get, asked } = fakeJamf();
    const m = memoryWriter();
    const notApplicable = Array.from({ length: 12 }, (_, i) => String(i + 1));
    const out = await collectSections(ctxOf(get, m.writer, 10), { unregistered: [], notApplicable }, COMPLETE);
    const e = out.get('jamf/computers-inventory-sections/APPLICATIONS')!;
    expect(e).toMatchObject({ status: 'complete', records: 10 });
    expect(e.query).toContain('the first 10 computers in question; 2 more not read');
    expect(asked.join(' ')).not.toContain('%2C11');
  });

  it('a server that ignores the id filter: partial, not complete', async () => {
    const { get } = fakeJamf({ ignoreFilter: true });
    const m = memoryWriter();
    const out = await collectSections(ctxOf(get, m.writer), { unregistered: [], notApplicable: ['8'] }, COMPLETE);
    expect(out.get('jamf/computers-inventory-sections/APPLICATIONS')).toMatchObject({
      status: 'partial',
      error: expect.stringContaining('the id filter was ignored'),
    });
  });

  it('403 on the Classic profiles: forbidden with Read macOS Configuration Profiles', async () => {
    const { get } = fakeJamf({ forbidClassic: true });
    const m = memoryWriter();
    const out = await collectSections(ctxOf(get, m.writer), { unregistered: ['1'], notApplicable: [] }, COMPLETE);
    expect(out.get('jamf/JSSResource/osxconfigurationprofiles/id/{id}')).toMatchObject({
      status: 'forbidden',
      httpStatus: 403,
      needs: ['Read macOS Configuration Profiles'],
    });
  });

  it('403 on the sections: forbidden with Read Computers', async () => {
    const { get } = fakeJamf({ forbidInventory: true });
    const m = memoryWriter();
    const out = await collectSections(ctxOf(get, m.writer), { unregistered: ['1'], notApplicable: ['2'] }, COMPLETE);
    expect(out.get('jamf/computers-inventory-sections/APPLICATIONS')).toMatchObject({
      status: 'forbidden',
      needs: ['Read Computers'],
    });
  });

  it('chosen from a partial inventory: the sections are partial too', async () => {
    const { get } = fakeJamf();
    const m = memoryWriter();
    const out = await collectSections(
      ctxOf(get, m.writer),
      { unregistered: ['1'], notApplicable: ['2'] },
      { status: 'partial', records: 5, expected: 10 },
    );
    expect(out.get('jamf/computers-inventory-sections/APPLICATIONS')?.status).toBe('partial');
    expect(out.get('jamf/computers-inventory-sections/CONFIGURATION_PROFILES')?.status).toBe('partial');
  });
});
