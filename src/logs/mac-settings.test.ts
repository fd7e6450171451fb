import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/logs-fixtures.js';
import { MAC_FIXTURES, macFolder } from '../../test/mac-fixtures.js';
import { makeZip } from '../../test/zip-writer.js';
import { parsePlist, plistFormat } from './plist.js';
import { analyzePaths } from './run.js';

const fx = (name: string) => readFileSync(join(MAC_FIXTURES, name));

describe('property lists', () => {
  it('reads the binary and the XML form of the same preferences alike', () => {
    const bin = parsePlist(fx('jamf-dc.binary.plist'));
    const xml = parsePlist(fx('jamf-dc.xml.plist'));
    expect(bin.format).toBe('binary');
    expect(xml.format).toBe('xml');
    expect(bin.value).toEqual(xml.value);
    expect(bin.value).toMatchObject({
      microsoftCAEnabled: true,
      microsoftCANativeClientAppId: 'b03c10a8-71c7-45f9-b44a-3335ab76e970',
    });
  });

  it('reads the text form `defaults read` prints', () => {
    expect(parsePlist(Buffer.from('{\n    microsoftCAEnabled = 1;\n}\n')).value).toEqual({ microsoftCAEnabled: '1' });
  });

  it('refuses what is not a property list, or a broken one, in one line', () => {
    expect(plistFormat(Buffer.from('Mar  3 09:40:12 mac jamf[1]: Checking for policies'))).toBeNull();
    expect(() => parsePlist(Buffer.from('hello'))).toThrow(/^not a property list/);
    const cut = fx('jamf-dc.binary.plist').subarray(0, 40);
    expect(() => parsePlist(cut)).toThrow(/^binary property list cannot be parsed \(.+\)$/);
    expect(() => parsePlist(Buffer.from('<?xml version="1.0"?><plist><dict><key>a</dict></plist>'))).toThrow(
      /^xml property list cannot be parsed/,
    );
    expect(() => parsePlist(Buffer.from('bplist15\0\0\0\0'))).toThrow(/unknown version/);
  });
});

describe('Mac settings', () => {
  it('reads the preferences at their Mac paths, binary or XML, keeping only the keys it needs', async () => {
    const ev = await macFolder('C02SET1', {
      jamf: 'jamf-dc.binary.plist',
      jamfAAD: 'jamfAAD-acquired-integer.xml.plist',
    });
    expect(ev.settings?.prefs).toEqual({
      jamf: {
        microsoftCAEnabled: {
          type: 'boolean',
          value: true,
          file: 'macs/C02SET1/Library/Preferences/com.jamfsoftware.jamf.plist',
        },
        microsoftCANativeClientAppId: {
          type: 'string',
          value: 'b03c10a8-71c7-45f9-b44a-3335ab76e970',
          file: 'macs/C02SET1/Library/Preferences/com.jamfsoftware.jamf.plist',
        },
      },
      jamfAAD: {
        have_an_Azure_id: {
          type: 'integer',
          value: 1,
          file: 'macs/C02SET1/Users/anna/Library/Preferences/com.jamf.management.jamfAAD.plist',
        },
      },
    });
    // A binary plist is read, not refused as binary content; and it is listed among the files read.
    expect(ev.problems).toEqual([]);
    expect(ev.files.map((f) => [f.family, f.format])).toEqual([
      ['settings', 'plist'],
      ['settings', 'plist'],
    ]);
  });

  it('near misses: other spellings are absent, a string stays a string', async () => {
    const other = await macFolder('C02SET2', { jamf: 'jamf-other-keys.xml.plist' });
    expect(other.settings?.prefs.jamf?.microsoftCAEnabled?.type).toBe('absent');
    expect(other.settings?.prefs.jamf?.microsoftCANativeClientAppId?.type).toBe('absent');
    const str = await macFolder('C02SET3', { jamf: 'jamf-string-true.xml.plist' });
    expect(str.settings?.prefs.jamf?.microsoftCAEnabled).toMatchObject({ type: 'string', value: 'true' });
    // The same file name elsewhere is another domain: the managed jamfAAD preferences are not the user's.
    const managed = await macFolder('C02SET4', { managed: 'useWKWebView.plist' });
    expect(managed.settings?.prefs).toEqual({
      jamfAADManaged: {
        useWKWebView: {
          type: 'boolean',
          value: true,
          file: 'macs/C02SET4/Library/Managed Preferences/com.jamf.management.jamfAAD.plist',
        },
      },
    });
  });

  it('a `defaults read` dump saved as the plist: 1 is a number, true stays text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jidoctor-dump-'));
    const file = join(dir, 'com.jamfsoftware.jamf.plist');
    writeFileSync(
      file,
      '{\n    microsoftCAEnabled = 1;\n    microsoftCANativeClientAppId = "b03c10a8-71c7-45f9-b44a-3335ab76e970";\n}\n',
    );
    const [ev] = await analyzePaths([file]);
    expect(ev!.settings?.prefs.jamf?.microsoftCAEnabled).toMatchObject({ type: 'integer', value: 1 });
    expect(ev!.settings?.prefs.jamf?.microsoftCANativeClientAppId).toMatchObject({ type: 'string' });
    writeFileSync(file, '{\n    microsoftCAEnabled = true;\n}\n');
    const [ev2] = await analyzePaths([file]);
    expect(ev2!.settings?.prefs.jamf?.microsoftCAEnabled).toMatchObject({ type: 'string', value: 'true' });
  });

  it('a broken property list is one problem line and leaves its keys unread', async () => {
    const ev = await macFolder('C02SET5', { jamf: 'jamfAAD_migrator.sh' });
    expect(ev.settings).toBeUndefined();
    expect(ev.problems).toEqual([
      {
        file: 'macs/C02SET5/Library/Preferences/com.jamfsoftware.jamf.plist',
        message:
          'macs/C02SET5/Library/Preferences/com.jamfsoftware.jamf.plist: not a property list (neither bplist00 nor XML nor text)',
        incomplete: false,
      },
    ]);
  });

  it('the migrator LaunchAgent and staging folder are seen where Jamf puts them', async () => {
    const ev = await macFolder('C02SET6', {
      migrator: 'com.jamf.management.jamfAAD.migrator.plist',
      staging: 'jamfAAD_migrator.sh',
    });
    expect(ev.settings?.migrator).toEqual({
      launchAgent: true,
      staging: true,
      source: { file: 'macs/C02SET6/Users/anna/Library/LaunchAgents/com.jamf.management.jamfAAD.migrator.plist' },
    });
  });

  it("reads the collector's mac-settings.txt with types, presence rows and the profile count", async () => {
    const ok = await macFolder('C02SET7', { collector: 'mac-settings-healthy.txt' });
    const s = ok.settings!;
    expect(s.prefs.jamf?.microsoftCAEnabled).toEqual({
      type: 'boolean',
      value: true,
      file: 'macs/C02SET7/mac-settings.txt',
      line: 3,
    });
    expect(s.prefs.jamfAAD?.have_an_Azure_id).toMatchObject({ type: 'boolean', value: true, line: 6 });
    expect(s.prefs.jamfAADManaged?.useWKWebView).toMatchObject({ type: 'absent', line: 7 });
    expect(s.migrator).toMatchObject({ launchAgent: false, staging: false });
    expect(s.profiles).toMatchObject({ ssoExtension: true, line: 10 });
    const bad = (await macFolder('C02SET8', { collector: 'mac-settings-broken.txt' })).settings!;
    expect(bad.prefs.jamf?.microsoftCAEnabled?.type).toBe('absent');
    expect(bad.prefs.jamfAAD?.have_an_Azure_id).toMatchObject({ type: 'absent', line: 5 });
    expect(bad.migrator).toMatchObject({ launchAgent: true, staging: true });
    expect(bad.profiles?.ssoExtension).toBe(false);
  });

  it('reads getPSSOStatus, app-sso platform -s and profiles show', async () => {
    const ev = await macFolder('C02SET9', {
      psso: 'psso-status-registered.txt',
      appSso: 'app-sso-registered.txt',
      profiles: 'profiles-without-sso.txt',
    });
    expect(ev.settings?.pssoStatus).toMatchObject({
      code: 2,
      deviceId: '5e4d7c2a-9b31-4f0e-8a6d-2c1b0f9e7d34',
      line: 2,
    });
    expect(ev.settings?.appSso).toMatchObject({
      registrationCompleted: true,
      file: 'macs/C02SET9/app-sso-platform.txt',
      line: 5,
    });
    expect(ev.settings?.profiles).toMatchObject({ ssoExtension: false });
    const one = await macFolder('C02SETA', {
      psso: 'psso-status-enabled-not-registered.txt',
      appSso: 'app-sso-not-registered.txt',
    });
    expect(one.settings?.pssoStatus).toMatchObject({ code: 1, deviceId: null });
    expect(one.settings?.appSso?.registrationCompleted).toBe(false);
    // Near misses: a timeout or another verb's usage says nothing; a listing without payload types neither.
    for (const f of ['psso-status-timeout.txt', 'psso-status-near-miss.txt'])
      expect((await macFolder('C02SETB', { psso: f })).settings).toBeUndefined();
    expect((await macFolder('C02SETC', { profiles: 'profiles-ids-only.txt' })).settings).toBeUndefined();
    expect((await macFolder('C02SETD', { profiles: 'profiles-sso-payload.txt' })).settings).toBeUndefined();
    expect((await macFolder('C02SETE', { profiles: 'profiles-none.txt' })).settings?.profiles?.ssoExtension).toBe(
      false,
    );
    // A user's empty list next to system profiles shown without payload types says nothing.
    const dir = mkdtempSync(join(tmpdir(), 'jidoctor-prof-'));
    writeFileSync(
      join(dir, 'profiles-configuration.txt'),
      `${readFileSync(join(MAC_FIXTURES, 'profiles-ids-only.txt'), 'utf8')}There are no configuration profiles installed for user 'anna'\n`,
    );
    expect((await analyzePaths([join(dir, 'profiles-configuration.txt')]))[0]!.settings).toBeUndefined();
  });

  it('reads the same files inside an archive (IntuneMacODC or our collector)', async () => {
    const zip = join(mkdtempSync(join(tmpdir(), 'jidoctor-odc-')), 'mac-IntuneMacODC-2025-03-03T10-00-00Z.zip');
    writeFileSync(
      zip,
      makeZip([
        { name: 'Library/Preferences/com.jamfsoftware.jamf.plist', data: fx('jamf-not-applicable.binary.plist') },
        { name: 'psso-status.txt', data: fx('psso-status-registered.txt'), deflate: true },
        { name: 'jamf.log', data: readFileSync(fixture('jamf-basic.log')) },
      ]),
    );
    const [ev] = await analyzePaths([zip]);
    expect(ev!.settings?.prefs.jamf?.microsoftCAEnabled).toMatchObject({ type: 'boolean', value: false });
    expect(ev!.settings?.prefs.jamf?.microsoftCAEnabled?.file).toBe(
      `${zip}!Library/Preferences/com.jamfsoftware.jamf.plist`,
    );
    expect(ev!.settings?.pssoStatus?.code).toBe(2);
  });
});
