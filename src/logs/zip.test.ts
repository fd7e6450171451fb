import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { makeZip } from '../../test/zip-writer.js';
import { InputError } from '../errors.js';
import { analyzeMac } from './analyze.js';
import { analyzePaths } from './run.js';
import { refuseName } from './zip.js';

const JAMF =
  'Thu Feb 21 11:16:41 mac jamf[1]: Checking for policies triggered by "recurring check-in" for user "u"...\n';

function hostile(): { dir: string; zip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'jidoctor-zip-'));
  const zip = join(dir, 'evil-IntuneMacODC-2026-11-29T10-00-00+0100.zip');
  writeFileSync(
    zip,
    makeZip([
      { name: '../escape.log', data: JAMF },
      { name: '/tmp/absolute.log', data: JAMF },
      { name: 'good/..\\..\\back.log', data: JAMF },
      { name: 'link.log', data: '/etc/passwd', symlink: true },
      { name: 'bomb.log', data: Buffer.alloc(20 << 20, 0x41), deflate: true },
      { name: 'var/log/jamf.log', data: JAMF, deflate: true },
    ]),
  );
  return { dir, zip };
}

describe('zip archives are read in place', () => {
  it('names: absolute, climbing out and NUL are refused', () => {
    expect(refuseName('/etc/passwd')).toMatch(/absolute/);
    expect(refuseName('C:/x')).toMatch(/absolute/);
    expect(refuseName('a/../../b')).toMatch(/climbs out/);
    expect(refuseName('a/b..c/d.log')).toBeNull();
  });

  it('a hostile archive: traversal, absolute path, symlink and bomb are refused, the rest is read, nothing is written', async () => {
    const { dir, zip } = hostile();
    const ev = await analyzeMac([{ path: zip, name: 'evil.zip' }], 'evil.zip');
    expect(ev.problems.map((p) => p.message)).toEqual([
      'evil.zip: refused entry "../escape.log": a path that climbs out of the archive (..); nothing was written',
      'evil.zip: refused entry "/tmp/absolute.log": an absolute path; nothing was written',
      'evil.zip: refused entry "good/../../back.log": a path that climbs out of the archive (..); nothing was written',
      'evil.zip: refused entry "link.log": a symbolic link; not followed',
      expect.stringMatching(
        /^evil\.zip: refused entry "bomb\.log": compression ratio \d+:1, over the limit of 200:1 \(zip bomb\?\)$/,
      ),
    ]);
    expect(ev.files.map((f) => f.file)).toEqual(['evil.zip!var/log/jamf.log']);
    expect(ev.host).toBe('evil');
    expect(readdirSync(dir)).toEqual(['evil-IntuneMacODC-2026-11-29T10-00-00+0100.zip']);
    expect(readdirSync(join(dir, '..')).filter((n) => /escape|absolute|back/.test(n))).toEqual([]);
  });

  it('size limits: a total over the limit stops the archive with one clear line', async () => {
    const { zip } = hostile();
    const ev = await analyzeMac([{ path: zip, name: 'evil.zip' }], 'evil.zip', {
      limits: { maxEntries: 100, maxEntryBytes: 1 << 30, maxTotalBytes: 100, maxRatio: 1e9 },
    });
    expect(ev.problems.at(-1)!.message).toBe(
      'evil.zip: refused: more than 100 bytes uncompressed in total (zip bomb?); the rest of the archive was not read',
    );
  });

  it('too many entries: the archive is refused', async () => {
    const { zip } = hostile();
    const ev = await analyzeMac([{ path: zip, name: 'evil.zip' }], 'evil.zip', {
      limits: { maxEntries: 3, maxEntryBytes: 1 << 30, maxTotalBytes: 1 << 30, maxRatio: 200 },
    });
    expect(ev.problems.map((p) => p.message)).toEqual([
      'evil.zip: refused: 6 entries, more than the limit of 3 (zip bomb?)',
    ]);
    expect(ev.files).toEqual([]);
  });

  it('a nested archive (a Company Portal diagnostic zip inside a folder) is read from memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jidoctor-zip-'));
    const inner = makeZip([
      {
        name: 'SSOExtension.log',
        data: '2024-10-23 13:28:45:057 | E | TID=1 MSAL 1.4.1 Mac 14.6.1 [2024-10-23 11:28:45] MSALErrorDescriptionKey=Workplace join is required\n',
      },
    ]);
    writeFileSync(join(dir, 'outer.zip'), makeZip([{ name: 'CompanyPortal.zip', data: inner, deflate: true }]));
    const ev = await analyzeMac([{ path: join(dir, 'outer.zip'), name: 'outer.zip' }], 'outer.zip');
    expect(ev.hits.map((h) => `${h.file}:${h.last.line} ${h.signature}`)).toEqual([
      'outer.zip!CompanyPortal.zip!SSOExtension.log:1 msal-workplace-join-required',
    ]);
  });

  it('a truncated archive and (CLI) a binary file fail with one line and exit 2', async () => {
    await expect(analyzePaths(['test/fixtures/logs/truncated.zip'])).rejects.toThrow(
      new InputError(
        'test/fixtures/logs/truncated.zip: not a readable zip archive (End of central directory record signature not found. Either not a zip file, or file is truncated.)',
      ),
    );
    const bin = await runCli(['logs', 'test/fixtures/logs/binary.bin']);
    expect(bin.code).toBe(2);
    expect(bin.stderr.trim().split('\n')).toEqual([
      'jidoctor: test/fixtures/logs/binary.bin: binary content, not a text log (NUL byte at offset 0); skipped',
    ]);
  });
});
