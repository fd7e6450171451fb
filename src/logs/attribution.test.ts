/**
 * One Mac per host however the files arrive (issue 15, item 3). jamf.log lines name their host
 * (`Thu Feb 21 11:16:41 mavel-mojave jamf[8051]: ...`, MicrosoftDocs/defender-docs mac-jamfpro-policies.md);
 * IntuneMacODC archives are `<LocalHostName>-IntuneMacODC-<time>.zip` holding SystemReport.spx with the serial
 * (the IntuneMacODC script, shared/research/jamf.md §5.10).
 */
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/logs-fixtures.js';
import { makeZip } from '../../test/zip-writer.js';
import { attributionText } from './analyze.js';
import { analyzePaths } from './run.js';

const jamf = (host: string, day: string, user: string) =>
  `${day} 08:00:01 ${host} jamf[1480]: Checking for policies triggered by "recurring check-in" for user "${user}"...\n` +
  `${day} 08:15:01 ${host} jamf[1502]: Executing Policy Inventory Update\n`;

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jidoctor-attr-'));
  const t = new Date('2025-04-30T00:00:00Z');
  for (const [name, data] of Object.entries(files)) {
    writeFileSync(join(dir, name), data);
    utimesSync(join(dir, name), t, t);
  }
  return dir;
}

function spx(serial: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<array>\n<dict>\n<key>_name</key>\n<string>spHardwareDataType</string>\n<key>serial_number</key>\n<string>${serial}</string>\n</dict>\n</array>\n</plist>\n`;
}

describe('files are attributed to Macs by the identity they carry', () => {
  it('one folder with three hosts’ jamf.log files is three Macs, each saying how it was attributed', async () => {
    const dir = folder({
      'jamf-a.log': jamf('lon-mbp-0417', 'Tue Apr  8', 'asmith'),
      'jamf-b.log': jamf('nyc-mbp-0002', 'Mon Apr  7', 'bjones'),
      'jamf-c.log': jamf("François's Mac mini", 'Sun Apr  6', 'francois'),
    });
    const macs = await analyzePaths([dir]);
    expect(macs.map((m) => m.key).sort()).toEqual(
      ["host:François's Mac mini", 'host:lon-mbp-0417', 'host:nyc-mbp-0002'].sort(),
    );
    const lon = macs.find((m) => m.key === 'host:lon-mbp-0417')!;
    expect(lon.files.map((f) => f.file)).toEqual([`${dir}/jamf-a.log`]);
    expect(lon.timeline.lastCheckIn?.text).toContain('asmith');
    expect(lon.attribution).toEqual([
      {
        file: `${dir}/jamf-a.log`,
        rule: 'host',
        args: ['lon-mbp-0417', 'jamf'],
        how: 'by its host name lon-mbp-0417 (jamf.log lines)',
      },
    ]);
  });

  it('a file that names no Mac, in a folder that names several, stands alone', async () => {
    const dir = folder({
      'jamf-a.log': jamf('lon-mbp-0417', 'Tue Apr  8', 'asmith'),
      'jamf-b.log': jamf('nyc-mbp-0002', 'Mon Apr  7', 'bjones'),
      'cp.log': readFileSync(fixture('company-portal-space.log')),
    });
    const macs = await analyzePaths([dir]);
    expect(macs).toHaveLength(3);
    const alone = macs.find((m) => m.files.some((f) => f.file.endsWith('cp.log')))!;
    expect(alone.files).toHaveLength(1);
    expect(alone.serial).toBeNull();
    expect(alone.attribution[0]!.how).toBe(`not attributed: no serial or host in the file, and ${dir} names 2 Macs`);
    expect(attributionText(alone.attribution[0]!, 'it')).toBe(
      `non attribuito: nessun seriale o host nel file, e ${dir} indica 2 Mac`,
    );
  });

  it('two IntuneMacODC archives of two Macs are two Macs, each with its own check-in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jidoctor-attr-'));
    const mk = (host: string, serial: string, log: string) => {
      const file = join(dir, `${host}-IntuneMacODC-2025-04-09T10-00-00+0200.zip`);
      writeFileSync(
        file,
        makeZip([
          { name: 'SystemReport.spx', data: spx(serial) },
          { name: 'var/log/jamf.log', data: log, mtime: new Date('2025-04-09T08:00:00Z') },
        ]),
      );
      return file;
    };
    const a = mk('Annas-MacBook-Pro', 'C02ODCAAAAAA', jamf('Annas-MacBook-Pro', 'Tue Apr  8', 'anna'));
    const b = mk('Bobs-MacBook-Air', 'C02ODCBBBBBB', jamf('Bobs-MacBook-Air', 'Sun Apr  6', 'bob'));
    const macs = await analyzePaths([a, b]);
    expect(macs.map((m) => [m.key, m.host])).toEqual([
      ['C02ODCAAAAAA', 'Annas-MacBook-Pro'],
      ['C02ODCBBBBBB', 'Bobs-MacBook-Air'],
    ]);
    expect(macs[0]!.timeline.lastCheckIn?.text).toContain('anna');
    expect(macs[1]!.timeline.lastCheckIn?.text).toContain('bob');
    expect(macs[1]!.attribution[0]!.how).toBe(`by the archive ${b}, which names C02ODCBBBBBB (${b}!SystemReport.spx)`);
  });

  it('a loose jamf.log joins the Mac whose collection names its host', async () => {
    const dir = folder({ 'status.txt': '# jidoctor-mac-collect status\nserial=C02ZX1ABMD6M\nhost=lon-mbp-0417\n' });
    const loose = folder({ 'jamf.log': jamf('lon-mbp-0417', 'Tue Apr  8', 'asmith') });
    const macs = await analyzePaths([join(dir, 'status.txt'), join(loose, 'jamf.log')]);
    expect(macs.map((m) => [m.key, m.files.length])).toEqual([['C02ZX1ABMD6M', 2]]);
  });
});
