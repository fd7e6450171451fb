import { describe, expect, it } from 'vitest';
import { rng } from '../../bench/generate.js';
import { nativeAddon } from '../native.js';
import { scanPageNative } from '../snapshot/native.js';
import { KeyDict, Keys } from './columns.js';
import { hashBytes, type KeyRef } from './page.js';

const addon = nativeAddon();

it('the native addon is there where CI asks for it', () => {
  if (process.env.JIDOCTOR_REQUIRE_NATIVE === '1') expect(addon).not.toBeNull();
  else expect(addon === null || typeof addon.dictCreate === 'function').toBe(true);
});

/** A heap of keys as a page holds them: UTF-8 bytes, refs, hashes (some keys null). */
function pageOf(keys: Array<string | null>): { heap: Uint8Array; ref: Int32Array; hash: Int32Array } {
  const parts: Buffer[] = [];
  const ref = new Int32Array(keys.length * 2);
  const hash = new Int32Array(keys.length);
  let at = 0;
  keys.forEach((k, i) => {
    if (k === null) {
      ref[2 * i] = -1;
      ref[2 * i + 1] = -1;
      return;
    }
    const b = Buffer.from(k, 'utf8');
    parts.push(b);
    ref[2 * i] = at;
    ref[2 * i + 1] = b.length;
    at += b.length;
  });
  const heap = new Uint8Array(Buffer.concat(parts));
  keys.forEach((k, i) => {
    if (k !== null) hash[i] = hashBytes(heap, ref[2 * i]!, ref[2 * i + 1]!);
  });
  return { heap, ref, hash };
}

describe.skipIf(addon === null)('KeyDict in native mode', () => {
  it('gives the ids of the JavaScript mode, whatever order other threads interned the keys in', () => {
    const r = rng(611);
    const pool = Array.from({ length: 400 }, (_, i) => {
      const x = r();
      if (x < 0.05) return `caf\u00e9-${i}`;
      if (x < 0.08) return `lone-\ud800-${i}`; // not UTF-8: internString keeps its UTF-16 (0xFF prefix)
      if (x < 0.1) return '';
      return `K${Math.floor(r() * 300)}`;
    });
    for (let round = 0; round < 20; round++) {
      const js = new KeyDict();
      const nat = new KeyDict(true);
      expect(nat.native).toBe(true);
      // Another thread (a scanning worker) met some keys first, in its own order.
      const early = pool.filter(() => r() < 0.5 * (round % 3)).filter((k) => !k.includes('\ud800'));
      if (early.length) {
        const p = pageOf(early.reverse());
        addon!.dictIntern(nat.handle, p.heap, p.ref, p.hash, early.length, new Int32Array(early.length), 0);
      }
      for (let step = 0; step < 40; step++) {
        const x = r();
        if (x < 0.4) {
          const k = pool[Math.floor(r() * pool.length)]!;
          expect(nat.internString(k)).toBe(js.internString(k));
        } else if (x < 0.8) {
          const keys = Array.from({ length: 1 + Math.floor(r() * 30) }, () =>
            r() < 0.1 ? null : pool[Math.floor(r() * pool.length)]!,
          ).map((k) => (k?.includes('\ud800') ? 'plain' : k));
          const p = pageOf(keys);
          const a = new Int32Array(keys.length + 3).fill(7);
          const b = new Int32Array(keys.length + 3).fill(7);
          js.internPage(p.heap, p.ref, p.hash, keys.length, a, 3);
          // Half the time the page comes with its nids (scanned natively), else the dictionary interns it here.
          let nid: Int32Array | undefined;
          if (r() < 0.5) {
            nid = new Int32Array(keys.length);
            addon!.dictIntern(nat.handle, p.heap, p.ref, p.hash, keys.length, nid, 0);
          }
          nat.internPage(p.heap, p.ref, p.hash, keys.length, b, 3, nid);
          expect(Array.from(b)).toEqual(Array.from(a));
        } else {
          const k = r() < 0.8 ? pool[Math.floor(r() * pool.length)]! : `absent-${step}`;
          expect(nat.find(k)).toBe(js.find(k));
        }
      }
      expect(nat.size).toBe(js.size);
      for (let id = 0; id < js.size; id++) expect(nat.get(id)).toBe(js.get(id));
      // A key another thread met but this dictionary never took in is not found.
      if (early.length) {
        const unseen = early.find((k) => js.find(k) < 0);
        if (unseen !== undefined) expect(nat.find(unseen)).toBe(-1);
      }
    }
  });

  it('a page scanned with the dictionaries carries the nid of every key', () => {
    const keys = new Keys(true);
    const handles = keys.nativeHandles()!;
    const page = scanPageNative(
      Buffer.from(
        JSON.stringify({
          value: [
            { id: 'a', serialNumber: ' c02x ', azureADDeviceId: 'D-1', udid: '0', userPrincipalName: 'A@B.C' },
            { id: 'b', serialNumber: 'C02X', userPrincipalName: null, emailAddress: 'e@x' },
          ],
        }),
      ),
      'managedDevices',
      handles,
    );
    expect(page?.kind).toBe('managedDevices');
    if (page?.kind !== 'managedDevices') return;
    const nidOf = (k: KeyRef, i: number): number => {
      const l = k.ref[2 * i + 1]!;
      return l < 0 ? -1 : addon!.dictFind(handles[0]!, page.heap, k.ref[2 * i]!, l);
    };
    expect(page.serialKey.nid).toBeInstanceOf(Int32Array);
    expect(Array.from(page.serialKey.nid!)).toEqual([0, 0]); // both serials are C02X
    expect(Array.from(page.serialKey.nid!)).toEqual([nidOf(page.serialKey, 0), nidOf(page.serialKey, 1)]);
    expect(Array.from(page.udidKey.nid!)).toEqual([-1, -1]);
    expect(Array.from(page.deviceIdKey.nid!)).toEqual([0, -1]);
    expect(Array.from(page.userKey.nid!)).toEqual([0, 1]);
    // Without the dictionaries, no nids.
    const plain = scanPageNative(Buffer.from('{"value":[{"id":"a","serialNumber":"x"}]}'), 'managedDevices');
    expect(plain?.kind === 'managedDevices' && plain.serialKey.nid).toBe(undefined);
  });

  it('a freed dictionary is refused with an error, not a crash', () => {
    const h = addon!.dictCreate();
    addon!.dictFree(h);
    const p = pageOf(['x']);
    expect(() => addon!.dictIntern(h, p.heap, p.ref, p.hash, 1, new Int32Array(1), 0)).toThrow('unknown dictionary');
    expect(addon!.dictFind(h, p.heap, 0, 1)).toBe(-1);
  });
});
