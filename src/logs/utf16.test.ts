import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/logs-fixtures.js';
import { scanStream } from './scan.js';

/**
 * UTF-16 logs (issue 14 item 14): a log saved as UTF-16 (a BOM, or without one) is read as text, with the same
 * findings as its UTF-8 original; it is not "binary content". The fixtures are the public log lines of
 * test/fixtures/logs (each cites its source), re-encoded here.
 */
function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const body = order === 'le' ? le : le.swap16();
  const mark = order === 'le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xfe, 0xff]);
  return bom ? Buffer.concat([mark, body]) : body;
}

/** The buffer as a stream of pieces of `size` bytes (odd sizes split UTF-16 code units across chunks). */
function scan(name: string, buf: Buffer, size = buf.length) {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return scanStream(name, Readable.from(parts), { mtime: Date.parse('2026-11-29T09:00:00Z') });
}

const FILES = ['company-portal-space.log', 'jamf-multiline-error.log', 'sso-extension.log', 'unified-compact.log'];

describe('UTF-16 logs', () => {
  for (const file of FILES) {
    for (const [order, bom] of [
      ['le', true],
      ['be', true],
      ['le', false],
    ] as const) {
      it(`${file} as UTF-16${order.toUpperCase()}${bom ? ' with a BOM' : ' without a BOM'}: the findings of the UTF-8 file`, async () => {
        const text = readFileSync(fixture(file), 'utf8');
        const want = await scan(file, Buffer.from(text));
        expect(want.groups.length).toBeGreaterThan(0);
        for (const size of [7, 4096, 1 << 20]) {
          const got = await scan(file, utf16(text, order, bom), size);
          expect(got.problem).toBeNull();
          expect([got.info.family, got.info.format]).toEqual([want.info.family, want.info.format]);
          expect(got.groups).toEqual(want.groups);
          expect(got.host).toEqual(want.host);
        }
      });
    }
  }

  it('a binary file is still binary (near miss: NUL bytes, but not UTF-16 text)', async () => {
    const r = await scan('b.bin', readFileSync(fixture('binary.bin')));
    expect(r.problem?.message).toMatch(/binary content/);
    // NULs at every other byte, but not text: still binary.
    const r2 = await scan('z.bin', Buffer.from([0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00, 0x05, 0x00]));
    expect(r2.problem?.message).toMatch(/binary content/);
  });
});
