import { describe, expect, it } from 'vitest';
import { MANIFEST, writeSnapshot } from '../../test/tmp.js';
import { InputError, SourceError } from '../errors.js';
import { readSnapshot } from './reader.js';

const MD = 'graph/v1.0/deviceManagement/managedDevices';
const page = (value: unknown[], next?: string) => ({
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#deviceManagement/managedDevices',
  ...(next ? { '@odata.nextLink': next } : {}),
  value,
});
const md = (id: string, serial: string, extra: Record<string, unknown> = {}) => ({
  id,
  serialNumber: serial,
  operatingSystem: 'macOS',
  managementAgent: 'jamf',
  ...extra,
});

describe('snapshot reader: storage forms', () => {
  const records = [md('a', 'S1'), md('b', 'S2'), md('c', 'S3')];
  it('reads one body (form 1)', async () => {
    const dir = await writeSnapshot({ [`${MD}.json`]: page(records), 'manifest.json': MANIFEST() });
    const c = await readSnapshot(dir);
    expect(c.managedDevices.map((d) => d.id)).toEqual(['a', 'b', 'c']);
    expect(c.datasets.get(MD)).toMatchObject({ status: 'complete', records: 3, path: MD });
  });
  it('reads an array of bodies (form 2), ignoring @odata annotations', async () => {
    const dir = await writeSnapshot({
      [`${MD}.json`]: [
        page(records.slice(0, 2), 'https://graph.microsoft.com/v1.0/x?$skiptoken=abc'),
        page(records.slice(2)),
      ],
    });
    const c = await readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z' });
    expect(c.managedDevices.map((d) => d.id)).toEqual(['a', 'b', 'c']);
  });
  it('reads a folder of pages (form 3) in page order', async () => {
    const dir = await writeSnapshot({
      [`${MD}/page-00002.json`]: page(records.slice(2)),
      [`${MD}/page-00001.json`]: page(records.slice(0, 2), 'next'),
      [`${MD}/notes.txt`]: 'ignored',
    });
    const c = await readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z' });
    expect(c.managedDevices.map((d) => d.id)).toEqual(['a', 'b', 'c']);
  });
  it('prefers the transitiveMembers of a group (nested groups flattened) to its members', async () => {
    const dir = await writeSnapshot({
      'graph/v1.0/groups/g1.json': { id: 'g1', displayName: 'Mac users' },
      'graph/v1.0/groups/g1/members.json': { value: [{ '@odata.type': '#microsoft.graph.group', id: 'nested' }] },
      'graph/v1.0/groups/g1/transitiveMembers.json': {
        value: [
          { '@odata.type': '#microsoft.graph.group', id: 'nested' },
          { '@odata.type': '#microsoft.graph.device', id: 'd1' },
        ],
      },
    });
    const c = await readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z' });
    expect(c.groups.get('g1')).toMatchObject({
      memberTypes: ['group', 'device'],
      memberIds: ['nested', 'd1'],
      membersStatus: 'complete',
    });
  });
  it('reads a group beside its members folder (a sub-resource is not a page folder)', async () => {
    const dir = await writeSnapshot({
      'graph/v1.0/groups/g1.json': { id: 'g1', displayName: 'Mac users', groupTypes: [] },
      'graph/v1.0/groups/g1/members.json': {
        value: [
          { '@odata.type': '#microsoft.graph.user', id: 'u1' },
          { '@odata.type': '#microsoft.graph.device', id: 'd1' },
        ],
      },
      'graph/v1.0/groups/g2.json': { id: 'g2', displayName: 'no members collected' },
    });
    const c = await readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z' });
    expect(c.groups.get('g1')).toMatchObject({
      displayName: 'Mac users',
      memberTypes: ['user', 'device'],
      memberIds: ['u1', 'd1'],
      membersStatus: 'complete',
    });
    expect(c.groups.get('g2')).toMatchObject({ memberTypes: null, memberIds: null, membersStatus: 'missing' });
  });
});

describe('snapshot reader: manifest and clock', () => {
  it('takes each dataset status from the manifest, with the permission to grant', async () => {
    const dir = await writeSnapshot({
      'manifest.json': MANIFEST({
        'graph/v1.0/applications': {
          status: 'forbidden',
          httpStatus: 403,
          code: 'Authorization_RequestDenied',
          needs: ['Application.Read.All'],
        },
        [MD]: { status: 'partial', records: 1, expected: 3, error: 'page 2: connection reset after 5 retries' },
        'graph/v1.0/devices': { status: 'failed', error: 'HTTP 500' },
        'graph/v1.0/users': { status: 'skipped' },
      }),
      [`${MD}.json`]: page([md('a', 'S1')]),
    });
    const c = await readSnapshot(dir);
    expect(c.datasets.get('graph/v1.0/applications')).toMatchObject({
      status: 'forbidden',
      needs: ['Application.Read.All'],
    });
    expect(c.datasets.get(MD)).toMatchObject({ status: 'partial', records: 1, expected: 3 });
    expect(c.datasets.get('graph/v1.0/devices')).toMatchObject({ status: 'failed', error: 'HTTP 500' });
    expect(c.datasets.get('graph/v1.0/users')?.status).toBe('skipped');
    expect(c.datasets.get('graph/v1.0/subscribedSkus')?.status).toBe('missing');
    expect(c.asOf).toBe(Date.parse('2026-11-29T09:30:00Z'));
    expect(c.asOfSource).toBe('manifest');
    expect(c.tenant).toEqual({ id: 't-1', name: 'Contoso' });
  });
  it('a dataset the manifest calls complete but that has no file is never complete', async () => {
    const dir = await writeSnapshot({ 'manifest.json': MANIFEST({ [MD]: { status: 'complete', records: 5 } }) });
    const c = await readSnapshot(dir);
    expect(c.datasets.get(MD)?.status).toBe('missing');
  });
  it('without a manifest, --as-of is the clock; else the newest file time', async () => {
    const dir = await writeSnapshot({ [`${MD}.json`]: page([]) });
    expect((await readSnapshot(dir, { asOf: '2026-01-02T03:04:05.1234567+01:00' })).asOf).toBe(
      Date.parse('2026-01-02T02:04:05.123Z'),
    );
    const byFile = await readSnapshot(dir);
    expect(byFile.asOfSource).toBe('file-time');
    expect(Math.abs(byFile.asOf - Date.now())).toBeLessThan(60_000);
  });
  it('rejects a bad --as-of with one line', async () => {
    const dir = await writeSnapshot({ [`${MD}.json`]: page([]) });
    await expect(readSnapshot(dir, { asOf: 'yesterday' })).rejects.toThrow(
      '--as-of: expected an ISO 8601 date such as 2026-11-29T09:30:00Z, found "yesterday"',
    );
  });
});

describe('snapshot reader: Jamf Pro inventory versions', () => {
  const computer = (v: number, id: string | number) => ({
    id,
    udid: 'U-1',
    general: {
      name: 'LON-1',
      remoteManagement: { managed: true },
      ...(v === 4
        ? { lastCheckIn: '2026-11-29T08:00:00.1Z', lastContact: '2026-11-29T09:00:00.65Z' }
        : { lastContactTime: '2026-11-29T08:00:00.1Z' }),
      someFutureField: { nested: true },
    },
    hardware: { serialNumber: ' c02x1 ' },
    localUserAccounts: [
      { username: 'ada', azureActiveDirectoryId: 'ACTIVATED', computerAzureActiveDirectoryId: 'D-1' },
    ],
  });
  for (const v of [1, 2, 3, 4]) {
    it(`reads api/v${v}/computers-inventory with ${v === 4 ? 'lastCheckIn/lastContact' : 'lastContactTime'} and a ${v % 2 ? 'numeric' : 'string'} id`, async () => {
      const dir = await writeSnapshot({
        [`jamf/api/v${v}/computers-inventory/page-00001.json`]: {
          totalCount: 1,
          results: [computer(v, v % 2 ? 101 : '101')],
        },
      });
      const c = await readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z' });
      const m = c.computers[0]!;
      expect(m.id).toBe('101');
      expect(m.apiVersion).toBe(v);
      expect(m.lastCheckIn).toBe(Date.parse('2026-11-29T08:00:00.100Z'));
      expect(m.lastContact).toBe(v === 4 ? Date.parse('2026-11-29T09:00:00.650Z') : null);
      expect(c.datasets.get('jamf/computers-inventory')).toMatchObject({
        status: 'complete',
        path: `jamf/api/v${v}/computers-inventory`,
      });
    });
  }
  it('prefers the newest version when several are present', async () => {
    const dir = await writeSnapshot({
      'jamf/api/v1/computers-inventory.json': { totalCount: 1, results: [computer(1, 1)] },
      'jamf/api/v4/computers-inventory.json': { totalCount: 1, results: [computer(4, 4)] },
    });
    const c = await readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z' });
    expect(c.computers.map((m) => m.id)).toEqual(['4']);
  });
  it('accepts dates with zero to seven fractional digits', async () => {
    const dates = [
      '2026-11-29T08:00:00Z',
      '2026-11-29T08:00:00.1Z',
      '2026-11-29T08:00:00.12Z',
      '2026-11-29T08:00:00.123Z',
      '2026-11-29T08:00:00.1234Z',
      '2026-11-29T08:00:00.12345Z',
      '2026-11-29T08:00:00.123456Z',
      '2026-11-29T08:00:00.1234567Z',
    ];
    const dir = await writeSnapshot({
      [`${MD}.json`]: page(dates.map((d, i) => md(String(i), `S${i}`, { lastSyncDateTime: d }))),
    });
    const c = await readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z' });
    const base = Date.parse('2026-11-29T08:00:00Z');
    expect(c.managedDevices.map((d) => d.lastSyncDateTime! - base)).toEqual([0, 100, 120, 123, 123, 123, 123, 123]);
  });
});

describe('snapshot reader: malformed input gives one line naming file, path, expected and found', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    [
      'truncated JSON',
      { [`${MD}.json`]: '{"value": [{"id": "a", "serialNumber": "S' },
      `${MD}.json: (root): expected a JSON document, found truncated JSON (the file ends early)`,
    ],
    [
      'invalid JSON',
      { [`${MD}.json`]: '{"value": [}' },
      `${MD}.json: (root): expected a JSON document, found invalid JSON`,
    ],
    ['an empty file', { [`${MD}.json`]: '' }, `${MD}.json: (root): expected a JSON document, found an empty file`],
    [
      'a wrong type',
      { [`${MD}.json`]: page([md('a', 'S1'), { id: 'b', serialNumber: 42 }]) },
      `${MD}.json: value[1].serialNumber: expected a string, found the number 42`,
    ],
    [
      'a missing value array',
      { [`${MD}.json`]: { results: [] } },
      `${MD}.json: value: expected an array, found nothing`,
    ],
    [
      'a bad date',
      { 'graph/v1.0/devices.json': { value: [{ id: 'x', approximateLastSignInDateTime: 'last tuesday' }] } },
      'graph/v1.0/devices.json: value[0].approximateLastSignInDateTime: expected an ISO 8601 date, found "last tuesday"',
    ],
    [
      'a bad page in a folder',
      { [`${MD}/page-00001.json`]: page([]), [`${MD}/page-00002.json`]: page([{ id: 7 }]) },
      `${MD}/page-00002.json: value[0].id: expected a string, found the number 7`,
    ],
    [
      'a bad page in an array of bodies',
      { [`${MD}.json`]: [page([]), page([{ id: null }])] },
      `${MD}.json: [1].value[0].id: expected a string, found null`,
    ],
    [
      'a Jamf record',
      {
        'jamf/api/v1/computers-inventory.json': {
          totalCount: 1,
          results: [{ id: 1, general: { remoteManagement: { managed: 'yes' } } }],
        },
      },
      'jamf/api/v1/computers-inventory.json: results[0].general.remoteManagement.managed: expected a boolean, found "yes"',
    ],
    [
      'a wrong manifest version',
      { 'manifest.json': { ...MANIFEST(), version: 2 } },
      'manifest.json: version: expected 1, found the number 2',
    ],
    [
      'a wrong manifest status',
      { 'manifest.json': MANIFEST({ [MD]: { status: 'done' } }) },
      `manifest.json: datasets.${MD}.status: expected one of`,
    ],
  ];
  for (const [name, files, message] of cases) {
    it(name, async () => {
      const dir = await writeSnapshot(files);
      const err = await readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InputError);
      const msg = (err as Error).message;
      expect(msg.startsWith(message) || msg.includes(message), msg).toBe(true);
      expect(msg).not.toContain('\n');
    });
  }
  it('a folder that is not a snapshot is exit 3', async () => {
    const dir = await writeSnapshot({ 'readme.txt': 'hello' });
    await expect(readSnapshot(dir)).rejects.toBeInstanceOf(SourceError);
    await expect(readSnapshot(`${dir}/nope`)).rejects.toThrow('snapshot folder not found');
  });
});

describe('snapshot reader: large page folders are scanned by worker threads', () => {
  const pages = (n: number, bad?: number) => {
    const files: Record<string, unknown> = {};
    for (let p = 0; p < n; p++) {
      const value = [
        md(`id-${p}-a`, `S${p}A`),
        md(`id-${p}-b`, `S${p}B`, { lastSyncDateTime: '2026-11-29T08:00:00.1234567Z' }),
      ];
      if (p === bad) (value[1] as Record<string, unknown>).operatingSystem = 12;
      files[`${MD}/page-${String(p + 1).padStart(5, '0')}.json`] = page(value);
    }
    return files;
  };
  it('gives exactly the records of a sequential read, in page order', async () => {
    // More pages than the queue runs ahead (32), so that later pages are scanned into recycled column buffers.
    const dir = await writeSnapshot(pages(48));
    const [par, seq] = await Promise.all([
      readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z', workers: true }),
      readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z', workers: false }),
    ]);
    expect(par.managedDevices).toEqual(seq.managedDevices);
    expect(par.managedDevices).toHaveLength(96);
    expect(par.datasets.get(MD)).toEqual(seq.datasets.get(MD));
  });
  it('a page the scanner refuses (a BOM) is read by the slow path, in its place', async () => {
    const files = pages(12);
    const key = `${MD}/page-00005.json`;
    const dir = await writeSnapshot(files);
    const { readFile, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    await writeFile(join(dir, key), `\ufeff${await readFile(join(dir, key), 'utf8')}`);
    const [par, slow] = await Promise.all([
      readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z', workers: true }),
      readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z', scan: false }),
    ]);
    expect(par.managedDevices).toEqual(slow.managedDevices);
    expect(par.managedDevices.map((d) => d.id).slice(8, 10)).toEqual(['id-4-a', 'id-4-b']);
  });
  it('reports the first malformed page with the same one-line error', async () => {
    const dir = await writeSnapshot(pages(12, 9));
    const errors = await Promise.all(
      [true, false].map((workers) =>
        readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z', workers }).then(
          () => null,
          (e: Error) => e,
        ),
      ),
    );
    expect(errors[0]).toBeInstanceOf(InputError);
    expect(errors[0]!.message).toBe(
      `${MD}/page-00010.json: value[1].operatingSystem: expected a string, found the number 12`,
    );
    expect(errors[0]!.message).toBe(errors[1]!.message);
  });
});

describe('snapshot reader: the byte scanner, the worker pool and the slow path read the same', () => {
  const AS_OF = '2026-11-29T09:30:00Z';
  const strip = (c: Awaited<ReturnType<typeof readSnapshot>>) => ({
    managedDevices: c.managedDevices,
    devices: c.devices,
    computers: c.computers,
    users: c.users,
    datasets: [...c.datasets.values()],
    asOf: c.asOf,
  });
  it('on a generated snapshot of 1,500 Macs, with a page the scanner refuses (a BOM)', async () => {
    const { mkdtemp, readFile, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { generateSnapshot } = await import('../../bench/generate.js');
    const { diagnoseCollected } = await import('../diagnose.js');
    const dir = await mkdtemp(join(tmpdir(), 'jidoctor-modes-'));
    await generateSnapshot(dir, 1500, 5, false);
    // A BOM is valid for the slow path (parseJsonText drops it) but not for the scanner: that page falls back.
    const bommed = join(dir, 'jamf/api/v1/computers-inventory/page-00001.json');
    await writeFile(bommed, `\ufeff${await readFile(bommed, 'utf8')}`);
    // Every page folder through the pool (with the native scanner and its key dictionaries where it is built, and
    // the recycled column buffers), on the main thread, and through the slow path.
    const [pool, thread, slow] = await Promise.all([
      readSnapshot(dir, { asOf: AS_OF, workers: true, scan: true, poolMinPages: 1 }),
      readSnapshot(dir, { asOf: AS_OF, workers: false, scan: true }),
      readSnapshot(dir, { asOf: AS_OF, scan: false }),
    ]);
    expect(pool.tables).toBeDefined();
    expect(strip(pool)).toEqual(strip(slow));
    expect(strip(thread)).toEqual(strip(slow));
    expect(slow.managedDevices.length).toBeGreaterThan(1500);
    const report = (c: typeof slow) => diagnoseCollected(c, { kind: 'snapshot', path: dir }, { generatedAt: 0 }).report;
    expect(report(pool)).toEqual(report(slow));
    expect(report(pool).findings.length).toBeGreaterThan(10);
  }, 30_000);
});
