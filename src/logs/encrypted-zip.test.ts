import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { fixture } from '../../test/logs-fixtures.js';
import { makeZip } from '../../test/zip-writer.js';

/**
 * A password-protected zip entry is refused with the project's one line, not the zip library's text (issue 14
 * item 14). test/fixtures/logs/encrypted.zip was made with Info-ZIP (ZipCrypto, APPNOTE.TXT 6.1,
 * https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT): `zip -X -P password encrypted.zip secret/jamf.log`
 * then `zip -X encrypted.zip plain/jamf.log`; both hold the same jamf.log line as jamf-basic.log's format.
 */
let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'jidoctor-enc-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const JAMF_LINE =
  'Wed Apr 08 08:15:01 Marks-MacBook-Pro jamf[4521]: Checking for policies triggered by "recurring check-in" for user "mark"...\n';

describe('an encrypted zip entry', () => {
  it('is refused in one line of ours; the other entries are read', async () => {
    const file = fixture('encrypted.zip');
    const r = await runCli(['logs', file, '--format', 'json']);
    const all = `${r.stdout}\n${r.stderr}`;
    expect(all).not.toMatch(/decodeFileData|options\./);
    expect(all).toMatch(/secret\/jamf\.log.*encrypted \(password-protected\)/);
    const doc = JSON.parse(r.stdout) as { macs: Array<{ files: Array<{ name?: string; path?: string }> }> };
    expect(JSON.stringify(doc.macs)).toContain('plain/jamf.log');
  });

  it('a near miss: the same archive without the flag is read whole', async () => {
    const file = join(work, 'odc.zip');
    writeFileSync(
      file,
      makeZip([
        { name: 'secret/jamf.log', data: JAMF_LINE },
        { name: 'plain/jamf.log', data: JAMF_LINE },
      ]),
    );
    const r = await runCli(['logs', file, '--format', 'json']);
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/encrypted/);
  });
});
