/**
 * jamf.log's year from the weekday (issue 15, item 1). The lines are the shape of Microsoft's Defender for
 * Endpoint docs (`Thu Feb 21 11:16:41 mavel-mojave jamf[8051]: Checking for policies triggered by "recurring
 * check-in" ...`, MicrosoftDocs/defender-docs mac-jamfpro-policies.md, quoted in shared/research/jamf.md §5.5).
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/logs-fixtures.js';
import { scanStream } from './scan.js';
import { yearByWeekday } from './time.js';

async function scan(text: string | Buffer, mtime: string) {
  return scanStream('jamf.log', Readable.from([Buffer.from(text)]), { mtime: Date.parse(mtime) });
}

const local = (l: { local?: string } | null | undefined) => l?.local;

describe('jamf.log: the weekday picks the year', () => {
  it('Thu Feb 21 in a file dated 2026-11-29 is 2019 (Feb 21 2026 is a Saturday), and says so', async () => {
    const r = await scan(readFileSync(fixture('jamf-weekday.log')), '2026-11-29T09:00:00Z');
    const g = r.groups.find((x) => x.signature === 'jamf-recurring-check-in')!;
    expect(local(g.last)).toBe('2019-02-21 11:16:41');
    expect(g.last.year).toBe('weekday');
    expect(new Date(Date.UTC(2019, 1, 21)).getUTCDay()).toBe(4);
    expect(r.info.yearRules).toEqual(['weekday']);
  });

  it('the turn of the year inside one file: December lines then January lines', async () => {
    const r = await scan(readFileSync(fixture('jamf-new-year.log')), '2026-01-05T12:00:00Z');
    const g = r.groups[0]!;
    expect([local(g.first), g.first.year]).toEqual(['2025-12-31 22:00:00', 'weekday']);
    expect([local(g.last), g.last.year]).toEqual(['2026-01-01 00:00:00', 'weekday']);
    expect(local(r.lastRecord)).toBe('2026-01-05 10:00:00');
  });

  it('a file time just after New Year: Wed Dec 31 is the year before, Thu Jan 1 the file year', async () => {
    const r = await scan(readFileSync(fixture('jamf-new-year.log')), '2026-01-01T00:20:00Z');
    const g = r.groups[0]!;
    expect(local(g.first)).toBe('2025-12-31 22:00:00');
    expect(local(g.last)).toBe('2026-01-01 00:00:00');
  });

  it('nearest first: a date later than the file time (beyond a day of zone slack) goes to an earlier year', async () => {
    // Mon Jan 5: 2026 is a Monday, but a file dated 2026-01-03 cannot hold it; the year before with Jan 5 on a
    // Monday is 2015.
    expect(yearByWeekday(0, 5, 1, 10 * 3600_000, Date.parse('2026-01-03T00:00:00Z'))).toBe(2015);
    // One day of slack: a file dated 2026-01-04T12:00Z may hold Mon Jan 5 10:00 local (zones ahead of UTC).
    expect(yearByWeekday(0, 5, 1, 10 * 3600_000, Date.parse('2026-01-04T12:00:00Z'))).toBe(2026);
  });

  it('Feb 29: the weekday picks the leap year; a weekday no leap year in the window had falls back to the file time', async () => {
    const r = await scan(readFileSync(fixture('jamf-feb29.log')), '2026-03-10T00:00:00Z');
    const g = r.groups[0]!;
    // Thu Feb 29 → 2024 (a Thursday).
    expect([local(g.first), g.first.year]).toEqual(['2024-02-29 09:00:00', 'weekday']);
    // Tue Feb 29: no leap year from 2016 to 2026 had Feb 29 on a Tuesday; the file time (2026) has no Feb 29, so
    // the nearest leap year before it.
    expect([local(g.last), g.last.year]).toEqual(['2024-02-29 09:15:00', 'file-time']);
    expect(r.info.yearRules).toEqual(['file-time', 'weekday']);
  });
});
