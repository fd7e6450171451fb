import { describe, expect, it } from 'vitest';
import { ISO_DATE, toMillis } from './common.js';

describe('toMillis', () => {
  it('agrees with Date.parse on every fractional width and on offsets', () => {
    const cases = [
      '2026-11-29T08:00:00Z',
      '2026-11-29T08:00:00.1Z',
      '2026-11-29T08:00:00.12Z',
      '2026-11-29T08:00:00.123Z',
      '2026-11-29T08:00:00.1234Z',
      '2026-11-29T08:00:00.1234567Z',
      '2024-02-29T23:59:59.999Z',
    ];
    for (const c of cases)
      expect(toMillis(c), c).toBe(Date.parse(`${c.slice(0, 19)}.${(c.slice(20, -1) + '000').slice(0, 3)}Z`));
    expect(toMillis('2026-11-29T10:00:00+02:00')).toBe(Date.parse('2026-11-29T08:00:00Z'));
    expect(toMillis('2026-11-29T08:00:00')).toBe(Date.parse('2026-11-29T08:00:00Z'));
    expect(toMillis('2018-10-31')).toBe(Date.parse('2018-10-31T00:00:00Z'));
  });
  it('treats Graph’s 0001-01-01 and empty values as never', () => {
    expect(toMillis('0001-01-01T00:00:00Z')).toBeNull();
    expect(toMillis('0001-01-01T00:00:00.0000000Z')).toBeNull();
    expect(toMillis('')).toBeNull();
    expect(toMillis(null)).toBeNull();
  });
  it('the schema regex accepts what the fast path reads', () => {
    expect(ISO_DATE.test('2026-11-29T08:00:00.1234567Z')).toBe(true);
    expect(ISO_DATE.test('last tuesday')).toBe(false);
  });
});
