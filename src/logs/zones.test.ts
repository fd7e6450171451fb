/**
 * Time zones (issue 15, item 2). jamf.log and Company Portal logs are the Mac's local time without an offset; a
 * unified-log line of the same Mac carries one (`2020-04-26 22:06:15.055131-0500`, the syslog style quoted in
 * shared/research/jamf.md §5.8); the IntuneMacODC archive name carries the collection time with its offset
 * (`<LocalHostName>-IntuneMacODC-<YYYY-MM-DDTHH-MM-SS±zzzz>.zip`, IntuneMacODC script, research §5.10).
 */
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/logs-fixtures.js';
import { makeZip } from '../../test/zip-writer.js';
import { analyzeMac } from './analyze.js';
import { analyzePaths } from './run.js';
import type { TimedLine } from './time.js';
import { compareLines, zoneFor } from './time.js';

function macFolder(files: Record<string, string | Buffer>, mtime = '2025-04-30T00:00:00Z'): string {
  const dir = mkdtempSync(join(tmpdir(), 'jidoctor-zone-'));
  const t = new Date(mtime);
  for (const [name, data] of Object.entries(files)) {
    writeFileSync(join(dir, name), data);
    utimesSync(join(dir, name), t, t);
  }
  return dir;
}

describe("the Mac's zone is applied to its local-time lines", () => {
  it('a unified-log line of the same Mac gives the offset for jamf.log', async () => {
    const dir = macFolder({
      'jamf.log': readFileSync(fixture('jamf-multiline-error.log')),
      'unified-syslog.log': readFileSync(fixture('unified-syslog.log')),
    });
    const ev = await analyzeMac([{ path: dir, name: 'macs/C02Z1' }], 'macs/C02Z1', { serial: 'C02Z1' });
    const ci = ev.timeline.lastCheckIn as TimedLine;
    // Tue Apr 8 08:00:01 local (2025, the weekday) at -05:00 = 13:00:01 UTC.
    expect(ci.local).toBe('2025-04-08 08:00:01');
    expect(ci.offset).toBe('-05:00');
    expect(ci.time).toBe(Date.parse('2025-04-08T13:00:01Z'));
    expect(ci.zone).toBe('offset -05:00 seen in macs/C02Z1/unified-syslog.log:3 on 2020-04-27');
    expect(ev.zone.offsets).toEqual(['-05:00']);
  });

  it('without an offset anywhere: local time, zone unknown, no instant', async () => {
    const dir = macFolder({ 'jamf.log': readFileSync(fixture('jamf-multiline-error.log')) });
    const ev = await analyzeMac([{ path: dir, name: 'macs/C02Z2' }], 'macs/C02Z2', { serial: 'C02Z2' });
    const ci = ev.timeline.lastCheckIn as TimedLine;
    expect([ci.local, ci.time, ci.offset, ci.zone]).toEqual([
      '2025-04-08 08:00:01',
      null,
      null,
      'local time, zone unknown',
    ]);
    expect(ev.zone.source).toBe('unknown');
  });

  it('the IntuneMacODC archive name gives the offset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jidoctor-zone-'));
    const file = join(dir, 'Annas-MacBook-Pro-IntuneMacODC-2025-04-09T10-00-00+0200.zip');
    writeFileSync(
      file,
      makeZip([
        {
          name: 'var/log/jamf.log',
          data: readFileSync(fixture('jamf-multiline-error.log')),
          mtime: new Date('2025-04-09T08:00:00Z'),
        },
      ]),
    );
    const [ev] = await analyzePaths([file]);
    const ci = ev!.timeline.lastCheckIn as TimedLine;
    expect([ci.local, ci.offset]).toEqual(['2025-04-08 08:00:01', '+02:00']);
    expect(ci.time).toBe(Date.parse('2025-04-08T06:00:01Z'));
  });

  it('never orders lines of two files whose zone is unknown when they are less than a day apart', async () => {
    const dir = macFolder({
      'cp.log': readFileSync(fixture('company-portal-space.log')), // 2025-03-03 09:40:12 opened directly
      'unified-compact.log': readFileSync(fixture('unified-compact.log')), // 2025-03-03 09:43:01 Launching Company Portal
    });
    const ev = await analyzeMac([{ path: dir, name: 'macs/C02Z3' }], 'macs/C02Z3', { serial: 'C02Z3' });
    const launch = ev.timeline.lastPortalLaunch as TimedLine & { how: string };
    expect(launch.time).toBeNull();
    expect(launch.unordered).toBe(true);
    // The readable timeline keeps them in separate per-file groups.
    const groups = [...new Set(ev.events.map((e) => e.group))];
    expect(groups).toEqual(['macs/C02Z3/cp.log', 'macs/C02Z3/unified-compact.log']);
    // A day and more apart they can be ordered, whatever the zones.
    const a: TimedLine = { file: 'a', line: 1, time: null, text: '', local: '2025-03-01 09:00:00' };
    const b: TimedLine = { file: 'b', line: 1, time: null, text: '', local: '2025-03-03 09:00:00' };
    expect(compareLines(a, b)).toBeLessThan(0);
    expect(compareLines(a, { ...b, local: '2025-03-01 20:00:00' })).toBeNull();
  });

  it('daylight saving: a zone name gives each date its own offset; an offset alone is applied as seen nearest', () => {
    const rome = { name: { id: 'Europe/Rome', source: 'status.txt:8' }, observations: [] };
    expect(zoneFor(rome, Date.parse('2025-01-15T10:00:00Z'))?.offset).toBe(60);
    expect(zoneFor(rome, Date.parse('2025-07-15T10:00:00Z'))?.offset).toBe(120);
    const seen = {
      name: null,
      observations: [
        { offset: 60, at: Date.parse('2025-01-10T00:00:00Z'), source: 'u.log:1' },
        { offset: 120, at: Date.parse('2025-07-10T00:00:00Z'), source: 'u.log:9' },
      ],
    };
    expect(zoneFor(seen, Date.parse('2025-02-01T10:00:00Z'))).toEqual({
      offset: 60,
      source: 'offset +01:00 seen in u.log:1 on 2025-01-10',
    });
    expect(zoneFor(seen, Date.parse('2025-06-01T10:00:00Z'))?.offset).toBe(120);
  });
});
