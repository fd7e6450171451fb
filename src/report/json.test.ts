import { describe, expect, it } from 'vitest';
import { randomDocument, randomValue, seeded } from '../../test/random-json.js';
import { hostileReport, mac, syntheticReport } from '../../test/reports.js';
import { renderJson, renderJsonChunks } from './json.js';
import type { Report } from './types.js';
import { jsonSafe } from './wrap.js';

// JSON.stringify, with DEL, C1 and bidi controls as \u escapes (jsonSafe: the same data, nothing raw for a terminal).
const reference = (v: unknown) => jsonSafe(`${JSON.stringify(v, null, 2)}\n`);

/** The chunks, checked for the contract: they join to renderJson's text and every later one starts with '\n'. */
function chunksOf(v: unknown, chunkChars?: number): string[] {
  const chunks = [...renderJsonChunks(v, chunkChars)];
  const notAtLineBreak = chunks.map((c, i) => (i > 0 && c.charCodeAt(0) !== 10 ? i : -1)).filter((i) => i >= 0);
  expect(notAtLineBreak).toEqual([]);
  expect(chunks.join('')).toBe(reference(v));
  return chunks;
}

describe('renderJsonChunks', () => {
  const reports: Array<[string, Report]> = [
    ['empty', syntheticReport([])],
    ['synthetic', syntheticReport([{ subjects: [mac('C02A')] }, { subjects: [mac('C02B'), mac('C02C', null)] }])],
    ['hostile', hostileReport()],
    ['hostile it', hostileReport('it')],
  ];

  it.each(reports)('joins to renderJson exactly: %s report, any chunk size', (_, report) => {
    for (const size of [1, 7, 300, 1 << 20]) expect(chunksOf(report, size).join('')).toBe(renderJson(report));
  });

  it('cuts the big arrays into chunks of about the size asked, one element at a time when tiny', () => {
    const report = syntheticReport(Array.from({ length: 500 }, (_, i) => ({ subjects: [mac(`C02${i}`)] })));
    const one = chunksOf(report, 1);
    // skeleton head, one chunk per finding and per check result, the closing pieces.
    expect(one.length).toBeGreaterThanOrEqual(500 + report.checks.length);
    const big = chunksOf(report, 20_000);
    expect(big.length).toBeLessThan(one.length / 10);
    const sizes = big.slice(2, -2).map((c) => c.length);
    for (const s of sizes) expect(s).toBeLessThan(60_000);
  });

  it('keeps empty arrays as [] in the skeleton, drops undefined properties, writes undefined elements as null', () => {
    const v = {
      a: [],
      b: [undefined, () => 1, 1, [], {}, [[]], { x: [] }],
      c: undefined,
      d: [{ e: [1, [2, { f: [] }]] }],
      'with "quote"': ['\n', '\u2028', '\u0000', '😀', '\ud800'],
      e: {},
    };
    chunksOf(v, 1);
    chunksOf(v);
  });

  it('falls back to one whole chunk for what is not a plain object; toJSON values inside arrays are kept', () => {
    for (const v of [null, 1, 'x', [1, [2]], [], { toJSON: () => ({ a: [1] }) }]) {
      expect([...renderJsonChunks(v, 1)]).toEqual([reference(v)]);
    }
    class WithToJson {
      toJSON() {
        return [1, 2];
      }
    }
    expect(chunksOf({ a: [1, 2], b: new WithToJson(), c: [new Date(0)] }, 1).join('')).toBe(
      reference({ a: [1, 2], b: [1, 2], c: ['1970-01-01T00:00:00.000Z'] }),
    );
  });

  it('jsonSafe keeps the data: JSON.parse gives back every control and bidi character', () => {
    const every =
      Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('') +
      '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029';
    const text = reference({ s: every });
    expect(JSON.parse(text).s).toBe(every);
    // No raw control (but the line feeds of the layout) and no raw bidi control is left.
    const raw = [...text].filter((ch) => {
      const c = ch.charCodeAt(0);
      return (
        (c < 0x20 && c !== 0x0a) ||
        (c >= 0x7f && c <= 0x9f) ||
        /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/.test(ch)
      );
    });
    expect(raw).toEqual([]);
  });
  it('joins to JSON.stringify on random documents at random chunk sizes', () => {
    const r = seeded(20261129);
    for (let i = 0; i < 400; i++) {
      const doc = i % 10 === 9 ? { v: randomValue(r) } : randomDocument(r);
      chunksOf(doc, 1 + Math.floor(r() * 200));
    }
  });
});
