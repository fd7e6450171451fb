import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/logs-fixtures.js';
import { makeZip } from '../../test/zip-writer.js';
import { analyzePaths } from './run.js';

/** The layout of an IntuneMacODC archive (shared/research/jamf.md §5.10), with its quirks. */
function odcArchive(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jidoctor-odc-'));
  const spxPadding = `<!-- ${'x'.repeat(200_000)} -->\n`; // the serial sits far into a real SystemReport.spx
  const spx = `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<array>\n${spxPadding}<dict>\n<key>_name</key>\n<string>spHardwareDataType</string>\n<key>serial_number</key>\n<string>C02ODC123456</string>\n</dict>\n</array>\n</plist>\n`;
  const file = join(dir, 'Annas-MacBook-Pro-IntuneMacODC-2026-11-29T09-30-00+0100.zip');
  writeFileSync(
    file,
    makeZip([
      { name: 'sw_vers.txt', data: 'ProductName:\tmacOS\nProductVersion:\t14.6.1\nBuildVersion:\t23G93\n' },
      { name: 'SystemReport.spx', data: spx, deflate: true },
      { name: 'syslog_jamfAAD.log', data: '/usr/local/jamf/bin/jamfAAD not found, skipping JAMF\n' },
      { name: 'jamfAAD-gatherAADInfo.txt', data: readFileSync(fixture('gather-aad-info.txt')) },
      { name: 'var/log/jamf.log', data: readFileSync(fixture('jamf-basic.log')), deflate: true },
      { name: 'var/log/install.log', data: '2026-11-28 10:00:00+01 host installd[1]: done\n' },
      {
        name: 'Users/anna/Library/Logs/Company Portal/com.microsoft.CompanyPortalMac 2025-03-03.log',
        data: readFileSync(fixture('company-portal-space.log')),
        deflate: true,
      },
      { name: '__MACOSX/._sw_vers.txt', data: '\u0000\u0005\u0016\u0007' },
    ]),
  );
  return file;
}

describe('an IntuneMacODC archive given loose', () => {
  it('names its Mac by the serial of SystemReport.spx and the host of the archive name; reads every family', async () => {
    const [ev, ...rest] = await analyzePaths([odcArchive()]);
    expect(rest).toEqual([]);
    expect(ev!.serial).toBe('C02ODC123456');
    expect(ev!.host).toBe('Annas-MacBook-Pro');
    expect(ev!.key).toBe('C02ODC123456');
    const fam = Object.fromEntries(ev!.files.map((f) => [f.file.split('!')[1], `${f.family}/${f.format}`]));
    expect(fam).toMatchObject({
      'SystemReport.spx': 'status/text',
      'sw_vers.txt': 'status/text',
      'var/log/jamf.log': 'jamf/jamf.log',
      'Users/anna/Library/Logs/Company Portal/com.microsoft.CompanyPortalMac 2025-03-03.log': 'companyPortal/space',
      'jamfAAD-gatherAADInfo.txt': 'gatherAADInfo/text',
      'syslog_jamfAAD.log': 'gatherAADInfo/text',
    });
    expect(ev!.files.some((f) => f.file.includes('__MACOSX'))).toBe(false);
    expect([...new Set(ev!.hits.map((h) => h.signature))].sort()).toEqual([
      'cp-launched-without-wpj-arg',
      'cp-not-registered',
      'graph-token-not-retrieved',
      'jamf-recurring-check-in',
    ]);
    expect(ev!.problems).toEqual([]);
  });
});
