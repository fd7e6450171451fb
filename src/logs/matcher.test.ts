import { describe, expect, it } from 'vitest';
import { MultiMatcher } from './matcher.js';
import { SIGNATURES } from './signatures.js';

/** Every occurrence of every literal, by plain indexOf: the reference. */
function naive(text: Buffer, lits: Buffer[]): string[] {
  const out: string[] = [];
  lits.forEach((l, idx) => {
    let p = text.indexOf(l);
    while (p !== -1) {
      out.push(`${p}:${idx}`);
      p = text.indexOf(l, p + 1);
    }
  });
  return out.sort();
}

function found(m: MultiMatcher, text: Buffer): string[] {
  const out: string[] = [];
  let last = -1;
  m.find(text, text.length, (start, idx) => {
    expect(start).toBeGreaterThanOrEqual(last);
    last = start;
    out.push(`${start}:${idx}`);
  });
  return out.sort();
}

describe('MultiMatcher', () => {
  it('finds what indexOf finds: overlaps, shared prefixes, at the start and at the very end', () => {
    const lits = ['abcab', 'bcabc', 'cabcab', 'abcabcabc'].map((s) => Buffer.from(s));
    const text = Buffer.from('abcabcabcabcab xx cabcab abcab');
    expect(found(new MultiMatcher(lits), text)).toEqual(naive(text, lits));
  });

  it('agrees with indexOf on random texts over a small alphabet (many hash collisions)', () => {
    let x = 12345;
    const rnd = (n: number) => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x % n;
    };
    for (let round = 0; round < 200; round++) {
      const word = (len: number) => Buffer.from(Array.from({ length: len }, () => 97 + rnd(3)));
      const lits = Array.from({ length: 1 + rnd(6) }, () => word(3 + rnd(6)));
      const text = word(rnd(400));
      expect(found(new MultiMatcher(lits), text), `round ${round}`).toEqual(naive(text, lits));
    }
  });

  it('respects the end of the region', () => {
    const m = new MultiMatcher([Buffer.from('needle')]);
    const out: number[] = [];
    m.find(Buffer.from('a needle b needle'), 16, (s) => out.push(s));
    expect(out).toEqual([2]);
  });

  it('every anchor of the signature table is long enough for a fast scan (8 bytes or more)', () => {
    for (const s of SIGNATURES) expect(Buffer.byteLength(s.anchor), s.id).toBeGreaterThanOrEqual(8);
  });
});
