import { describe, expect, it, vi } from 'vitest';
import { writeSnapshot } from '../../test/tmp.js';
import { readSnapshot } from './reader.js';

// A scanner that fails on a page (a bug, not a verdict on the input): the reader must read that page through the
// slow path, as the worker's comment promises, instead of failing the whole snapshot. The failure is put where the
// reader calls the scanners (native first where it is built, then JavaScript), so that it happens either way.
vi.mock('./native.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./native.js')>();
  return {
    ...real,
    scanPageFast: (bytes: Uint8Array, kind: string, apiVersion: number, dicts?: Int32Array | null) => {
      if (Buffer.from(bytes).includes('boom')) throw new TypeError('scanner bug');
      return real.scanPageFast(bytes, kind as never, apiVersion, dicts);
    },
  };
});

const MD = 'graph/v1.0/deviceManagement/managedDevices';
const md = (id: string, serial: string) => ({
  id,
  serialNumber: serial,
  operatingSystem: 'macOS',
  managementAgent: 'jamf',
});

describe('snapshot reader: a scanner failure is not a verdict on the input', () => {
  it('reads the page the scanner failed on through the slow path, in its place', async () => {
    const dir = await writeSnapshot({
      [`${MD}/page-00001.json`]: { value: [md('a', 'S1')] },
      [`${MD}/page-00002.json`]: { value: [md('boom', 'S2')] },
      [`${MD}/page-00003.json`]: { value: [md('c', 'S3')] },
    });
    const c = await readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z', workers: false });
    expect(c.managedDevices.map((d) => d.id)).toEqual(['a', 'boom', 'c']);
    expect(c.datasets.get(MD)).toMatchObject({ status: 'complete', records: 3 });
  });
});
