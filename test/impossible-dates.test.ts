/**
 * Issue 14 item 6: impossible dates are rejected, never rolled over (`2026-02-30` is not March 2nd). Every path of
 * the reader (slow path, JS scanner, native scanner, worker pool) and `--as-of` must agree.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dateField, toMillis } from '../src/api/dates.js';
import { InputError } from '../src/errors.js';
import { nativeAddon, scanPageNative } from '../src/snapshot/native.js';
import { readSnapshot } from '../src/snapshot/reader.js';
import { scanPage } from '../src/snapshot/scan.js';
import { EXAMPLE, runCli } from './cli.js';
import { MANIFEST, removeDir, writeSnapshot } from './tmp.js';

const IMPOSSIBLE = [
  '2026-11-28T99:30:00Z',
  '2026-11-28T24:00:00Z',
  '2026-11-28T23:60:00Z',
  '2026-11-28T23:59:60Z',
  '2026-02-30T08:00:00Z',
  '2025-02-29T08:00:00Z',
  '2026-04-31T08:00:00.1234567Z',
  '2026-13-01T08:00:00Z',
  '2026-00-10T08:00:00Z',
  '2026-11-00T08:00:00Z',
  '2026-02-30',
  '2026-11-28T10:00:00-99:99',
  '2026-11-28T10:00:00+05:60',
  '2026-11-28 25:00',
];
const POSSIBLE = [
  '2024-02-29T23:59:59Z',
  '2026-02-28T23:59:59.9999999Z',
  '2026-12-31T00:00:00Z',
  '2026-11-28T10:00:00-12:00',
  '2026-11-28T10:00:00+14:00',
  '2026-11-28T10:00:00+0530',
  '2026-04-30',
  '2000-02-29T00:00:00Z',
];

describe('impossible dates', () => {
  it('toMillis and dateField refuse them; possible ones still parse', () => {
    for (const d of IMPOSSIBLE) {
      expect(dateField(d), d).toBeUndefined();
      expect(toMillis(d), d).toBeNull();
    }
    for (const d of POSSIBLE) {
      expect(typeof dateField(d), d).toBe('number');
      expect(toMillis(d), d).toBe(dateField(d));
    }
    expect(toMillis('2026-11-28T10:00:00-12:00')).toBe(Date.parse('2026-11-28T22:00:00Z'));
  });

  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await removeDir(d);
  });

  const device = (i: number, lastSync: string) => ({
    id: `d-${i}`,
    deviceName: `MBP-${i}`,
    serialNumber: `C0${i}`,
    managementAgent: 'jamf',
    complianceState: 'compliant',
    lastSyncDateTime: lastSync,
    operatingSystem: 'macOS',
  });
  const computer = (i: number, last: string) => ({
    id: String(i),
    general: { name: `MBP-${i}`, lastContactTime: last },
    hardware: { serialNumber: `C0${i}` },
  });

  // Every path: the slow path; the scanners on the main thread (native first when built, then JS); the pool.
  const paths: Array<[string, Parameters<typeof readSnapshot>[1]]> = [
    ['slow path', { scan: false }],
    ['scanners (native when built, then JS)', { scan: true, workers: false }],
    ['worker pool', { scan: true, workers: true, poolMinPages: 1 }],
  ];

  it('each scanner refuses a page holding one (null: the slow path decides)', () => {
    for (const bad of IMPOSSIBLE) {
      const page = Buffer.from(JSON.stringify({ value: [device(1, '2026-11-28T08:00:00Z'), device(2, bad)] }));
      expect(scanPage(page, 'managedDevices', 1), bad).toBeNull();
      if (nativeAddon()) expect(scanPageNative(page, 'managedDevices'), bad).toBeNull();
      const jpage = Buffer.from(JSON.stringify({ totalCount: 2, results: [computer(1, bad)] }));
      expect(scanPage(jpage, 'computers', 1), bad).toBeNull();
      if (nativeAddon()) expect(scanPageNative(jpage, 'computers'), bad).toBeNull();
    }
    const good = Buffer.from(JSON.stringify({ value: POSSIBLE.map((d, i) => device(i, d)) }));
    expect(scanPage(good, 'managedDevices', 1)?.n).toBe(POSSIBLE.length);
    if (nativeAddon()) expect(scanPageNative(good, 'managedDevices')?.n).toBe(POSSIBLE.length);
  });

  for (const [name, opts] of paths) {
    it(`are a one-line error naming file, JSON path, expected and found on the ${name}`, async () => {
      {
        // The pool starts its workers for each snapshot: a few of the dates there, all of them elsewhere.
        for (const bad of opts?.workers ? [IMPOSSIBLE[0]!, IMPOSSIBLE[10]!] : IMPOSSIBLE) {
          const dir = await writeSnapshot({
            'manifest.json': MANIFEST(),
            'graph/v1.0/deviceManagement/managedDevices/page-00001.json': {
              value: [device(1, '2026-11-28T08:00:00Z'), device(2, '2026-11-28T08:00:00Z')],
            },
            'graph/v1.0/deviceManagement/managedDevices/page-00002.json': {
              value: [device(3, '2026-11-28T08:00:00Z'), device(4, bad)],
            },
          });
          dirs.push(dir);
          const err = await readSnapshot(dir, opts).catch((e: unknown) => e);
          expect(err, `${name} ${bad}`).toBeInstanceOf(InputError);
          expect((err as Error).message).toBe(
            `graph/v1.0/deviceManagement/managedDevices/page-00002.json: value[1].lastSyncDateTime: expected an ISO 8601 date, found "${bad}"`,
          );
          const jdir = await writeSnapshot({
            'manifest.json': MANIFEST(),
            'jamf/api/v1/computers-inventory/page-00001.json': {
              totalCount: 2,
              results: [computer(1, '2026-11-28T08:00:00Z'), computer(2, bad)],
            },
          });
          dirs.push(jdir);
          const jerr = await readSnapshot(jdir, opts).catch((e: unknown) => e);
          expect((jerr as Error).message, `${name} ${bad}`).toBe(
            `jamf/api/v1/computers-inventory/page-00001.json: results[1].general.lastContactTime: expected an ISO 8601 date, found "${bad}"`,
          );
        }
        // A possible date on the same path still reads.
        const ok = await writeSnapshot({
          'manifest.json': MANIFEST(),
          'graph/v1.0/deviceManagement/managedDevices/page-00001.json': {
            value: POSSIBLE.map((d, i) => device(i, d)),
          },
        });
        dirs.push(ok);
        const c = await readSnapshot(ok, opts);
        expect(c.managedDevices.map((d) => d.lastSyncDateTime)).toEqual(POSSIBLE.map((d) => toMillis(d)));
      }
    });
  }

  it('a manifest whose collectedAt is impossible is refused', async () => {
    const dir = await writeSnapshot({
      'manifest.json': MANIFEST({}, { collectedAt: '2026-02-30T09:30:00Z' }),
      'graph/v1.0/organization.json': { value: [] },
    });
    dirs.push(dir);
    await expect(readSnapshot(dir)).rejects.toThrow(
      'manifest.json: collectedAt: expected an ISO 8601 date, found "2026-02-30T09:30:00Z"',
    );
  });

  it('--as-of 2026-02-31 is exit 2 with one line, with or without a manifest', async () => {
    const r = await runCli(['diagnose', '--snapshot', EXAMPLE, '--as-of', '2026-02-31', '--no-history']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'jidoctor: --as-of: expected an ISO 8601 date such as 2026-11-29T09:30:00Z, found "2026-02-31"',
    );
  });
});
