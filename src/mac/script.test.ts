import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/logs-fixtures.js';
import { MAC_FIXTURES } from '../../test/mac-fixtures.js';
import { canRun, SHELLCHECK } from '../../test/needs.js';
import { analyzePaths } from '../logs/run.js';
import { zipEntries } from '../logs/zip.js';
import { COLLECT_SCRIPT_TEMPLATE } from './collect-script.js';
import { collectScript } from './script.js';

const here = dirname(fileURLToPath(import.meta.url));
const SH = join(here, 'collect.sh');

const shellcheck = canRun(SHELLCHECK);

/** Every file under dir with its size, mode and content hash, to prove the script changed nothing. */
function treeState(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (e.isDirectory()) walk(p);
      else if (st)
        out.push(
          `${p} ${st.size} ${st.mode} ${st.mtimeMs} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`,
        );
      else out.push(`${p} (dangling)`);
    }
  };
  walk(dir);
  return out.sort();
}

const STUBS: Record<string, string> = {
  scutil: `case "$*" in
  *--get*LocalHostName*) echo alice-mbp ;;
  *) cat >/dev/null; printf '<dictionary> {\\n  Name : alice\\n  UID : 501\\n}\\n' ;;
esac`,
  id: `case "$*" in
  "-u") echo 0 ;;
  "-un") echo root ;;
  "-u alice") echo 501 ;;
  *) exit 1 ;;
esac`,
  dscl: `echo "NFSHomeDirectory: /Users/alice"`,
  ioreg: `printf '  |   "IOPlatformSerialNumber" = "C02TEST1MD6M"\\n'`,
  sw_vers: `if [ "\${1:-}" = "-productVersion" ]; then echo 14.6.1; else printf 'ProductName:\\tmacOS\\nProductVersion:\\t14.6.1\\n'; fi`,
  log: `[ "$1" = show ] || exit 9
case "$*" in *"--last 36h"*) ;; *) echo "unexpected window: $*" >&2; exit 9 ;; esac
case "$*" in
  *'subsystem == "com.apple.AppSSO"'*) [ -z "\${FAKE_APPSSO:-}" ] || cat "$FAKE_APPSSO" ;;
  *) cat "$FAKE_UNIFIED" ;;
esac`,
  'app-sso': `printf 'Device Configuration:\\n {\\n    "registrationCompleted" : true,\\n }\\n'`,
  profiles: `case "$*" in
  "status -type enrollment") printf 'Enrolled via DEP: No\\nMDM enrollment: Yes (User Approved)\\n' ;;
  "show -output stdout-xml") [ -z "\${FAKE_PROFILES_XML_FAIL:-}" ] || exit 1; printf '<plist version="1.0">\\n<array>\\n<dict>\\n<key>ExtensionIdentifier</key>\\n<string>com.microsoft.CompanyPortalMac.ssoextension</string>\\n<key>TeamIdentifier</key>\\n<string>UBF8T346G9</string>\\n</dict>\\n</array>\\n</plist>\\n' ;;
  "show -type configuration") cat "$FAKE_PROFILES" ;;
  *) echo "unexpected profiles $*" >&2; exit 9 ;;
esac`,
  // \`defaults read\` prints a boolean as 1; \`defaults read-type\` names the type.
  defaults: `case "$1:$2:$3" in
  read:*/Users/alice/*:last_aad_token_timestamp) echo 1741000000 ;;
  read:*/Users/alice/*:have_an_Azure_id) echo 1 ;;
  read-type:*/Users/alice/*:have_an_Azure_id) echo "Type is boolean" ;;
  read:*com.jamfsoftware.jamf.plist:microsoftCAEnabled) echo 1 ;;
  read-type:*com.jamfsoftware.jamf.plist:microsoftCAEnabled) echo "Type is boolean" ;;
  read:*com.jamfsoftware.jamf.plist:microsoftCANativeClientAppId) echo b03c10a8-71c7-45f9-b44a-3335ab76e970 ;;
  read-type:*com.jamfsoftware.jamf.plist:microsoftCANativeClientAppId) echo "Type is string" ;;
  read-type:*) exit 1 ;;
  read:*) exit 1 ;;
  *) echo "unexpected defaults $*" >&2; exit 9 ;;
esac`,
  security: `case "$1" in
  find-certificate)
    # As macOS prints them: the WPJ certificate's subject (and alias) is the device id; its issuer is
    # MS-Organization-Access. -c would match the subject, so the script must not rely on it.
    case "$*" in *" -c "*) exit 44 ;; esac
    printf 'SHA-256 hash: 11\\nSHA-1 hash: AAAA\\nkeychain: "login"\\nattributes:\\n    "alis"<blob>="2f1b8e2a-dev1ce-1d"\\n    "issu"<blob>=0x30  "0\\\\035MS-Organization-Access"\\n'
    printf 'SHA-256 hash: 22\\nSHA-1 hash: BBBB\\nkeychain: "login"\\nattributes:\\n    "alis"<blob>="Apple Development"\\n    "issu"<blob>=0x30  "Apple Worldwide Developer Relations"\\n'
    ;;
  dump-keychain) printf '    "labl"<blob>="Microsoft Workplace Join Key"\\ndata:\\nSECRETKEYMATERIAL\\n    "labl"<blob>="Wi-Fi"\\n' ;;
esac`,
  launchctl: `[ "$1" = asuser ] || exit 9
shift 2
exec "$@"`,
  sudo: `[ "$1" = -u ] || exit 9
FAKE_USER=$2
export FAKE_USER
shift 2
exec "$@"`,
};

function stub(bin: string, name: string, body: string, calls: string): void {
  const p = join(bin, name);
  writeFileSync(p, `#!/bin/sh\nprintf '%s\\n' "${name} $*" >>"${calls}"\n${body}\n`);
  chmodSync(p, 0o755);
}

function fakeMac(): { root: string; bin: string; calls: string; out: string; tmp: string } {
  const base = mkdtempSync(join(tmpdir(), 'jidoctor-fakemac-'));
  const root = join(base, 'root');
  const bin = join(base, 'bin');
  const out = join(base, 'out');
  const tmp = join(base, 'tmp');
  const calls = join(base, 'calls.txt');
  for (const d of [bin, out, tmp]) mkdirSync(d, { recursive: true });
  const put = (rel: string, from: string): void => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    copyFileSync(fixture(from), join(root, rel));
  };
  put('private/var/log/jamf.log', 'jamf-basic.log');
  put('Users/alice/Library/Logs/Company Portal/com.microsoft.CompanyPortalMac.log', 'company-portal-space.log');
  put(
    'Users/alice/Library/Containers/com.microsoft.CompanyPortalMac.ssoextension/Data/Library/Caches/Logs/Microsoft/SSOExtension/SSOExtension 2024-10-23--13-28-45-057.log',
    'sso-extension.log',
  );
  writeFileSync(join(base, 'secret.txt'), 'TOPSECRET-OUTSIDE\n');
  symlinkSync(join(base, 'secret.txt'), join(root, 'Users/alice/Library/Logs/Company Portal/link.log'));
  // macOS keeps the zone as a symbolic link (readlink /etc/localtime → …/zoneinfo/America/New_York).
  mkdirSync(join(root, 'etc'), { recursive: true });
  symlinkSync('/var/db/timezone/zoneinfo/America/New_York', join(root, 'etc/localtime'));
  mkdirSync(join(root, 'Users/alice/Library/Keychains'), { recursive: true });
  writeFileSync(join(root, 'Users/alice/Library/Keychains/login.keychain-db'), 'SECRETKEYMATERIAL');
  const aad = join(
    root,
    'Library/Application Support/JAMF/Jamf.app/Contents/MacOS/Jamf Conditional Access.app/Contents/MacOS/Jamf Conditional Access',
  );
  mkdirSync(dirname(aad), { recursive: true });
  writeFileSync(
    aad,
    `#!/bin/sh\nprintf '%s\\n' "aad $* as \${FAKE_USER:-root}" >>"${calls}"\nif [ "$1" = getPSSOStatus ]; then cat "$FAKE_PSSO"; exit 0; fi\necho "AAD ID acquired for macOS user \${FAKE_USER:-root}"\n`,
  );
  chmodSync(aad, 0o755);
  // The preferences and the migrator's LaunchAgent where Jamf puts them (test/fixtures/mac).
  const mac = (rel: string, from: string): void => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    copyFileSync(join(MAC_FIXTURES, from), join(root, rel));
  };
  mac('Library/Preferences/com.jamfsoftware.jamf.plist', 'jamf-dc.binary.plist');
  mac('Users/alice/Library/Preferences/com.jamf.management.jamfAAD.plist', 'jamfAAD-acquired.binary.plist');
  mac(
    'Users/alice/Library/LaunchAgents/com.jamf.management.jamfAAD.migrator.plist',
    'com.jamf.management.jamfAAD.migrator.plist',
  );
  // What the migrator's LaunchAgent printed (its StandardOutPath), as gatherAADInfo prints it.
  mkdirSync(join(root, 'private/tmp'), { recursive: true });
  writeFileSync(join(root, 'private/tmp/jamfaad.log'), 'AAD ID acquired for macOS user alice\n');
  for (const [name, body] of Object.entries(STUBS)) stub(bin, name, body, calls);
  return { root, bin, calls, out, tmp };
}

function run(
  script: string,
  env: Record<string, string>,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sh', [script, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('jidoctor mac-script collect', () => {
  it('the shipped module is generated from collect.sh', () => {
    expect(COLLECT_SCRIPT_TEMPLATE).toBe(readFileSync(SH, 'utf8'));
  });

  it.skipIf(!shellcheck)('passes shellcheck (POSIX sh)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jidoctor-sc-'));
    const file = join(dir, 'collect.sh');
    writeFileSync(file, collectScript('24h'));
    const r = execFileSync('shellcheck', ['-s', 'sh', '-S', 'style', file], { encoding: 'utf8' });
    expect(r).toBe('');
  });

  it('collects a fake Mac into one archive that jidoctor logs reads, and changes nothing', async () => {
    const mac = fakeMac();
    const dir = mkdtempSync(join(tmpdir(), 'jidoctor-script-'));
    const script = join(dir, 'collect.sh');
    writeFileSync(script, collectScript());
    const unified = fixture('unified-compact.log');
    const before = treeState(mac.root);
    const env = {
      PATH: `${mac.bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      JIDOCTOR_ROOT: mac.root,
      JIDOCTOR_OUT: mac.out,
      TMPDIR: mac.tmp,
      FAKE_UNIFIED: unified,
      // What \`log show\` prints for the AppSSO / swcd predicate: swcd refusing Apple's associated-domain CDN.
      FAKE_APPSSO: fixture('unified-appsso.log'),
      FAKE_PSSO: join(MAC_FIXTURES, 'psso-status-registered.txt'),
      FAKE_PROFILES: join(MAC_FIXTURES, 'profiles-without-sso.txt'),
    };
    // As a Jamf policy: $1 mount point, $2 computer, $3 user, $4 the window.
    const r = await run(script, env, ['/', 'alice-mbp', 'alice', '36h']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const archive = r.stdout.trim().split('\n').pop()!;
    expect(archive).toMatch(new RegExp(`^${mac.out}/jidoctor-mac-C02TEST1MD6M-\\d{8}T\\d{6}Z\\.zip$`));
    expect(treeState(mac.root)).toEqual(before);
    expect(readdirSync(mac.tmp)).toEqual([]); // the staging folder is removed

    // gatherAADInfo ran as the console user, through launchctl asuser + sudo -u, never as root.
    const calls = readFileSync(mac.calls, 'utf8');
    expect(calls).toContain('launchctl asuser 501 sudo -u alice');
    expect(calls).toContain('aad gatherAADInfo as alice');
    expect(calls).toContain('launchctl asuser 501 sudo -u alice');
    expect(calls).toContain('aad getPSSOStatus as alice');
    expect(calls).not.toContain('as root');
    // The unified log of Apple's SSO framework and of swcd's associated-domain downloads, read over the window.
    expect(calls).toContain(
      'log show --style syslog --info --last 36h --predicate subsystem == "com.apple.AppSSO" OR (process == "swcd" AND eventMessage CONTAINS "app-site-association")',
    );

    // What the archive holds: names only from the keychain, no symlink target, no key material.
    const names: string[] = [];
    let all = '';
    for await (const e of zipEntries({ kind: 'file', path: archive }, () => {})) {
      names.push(e.name);
      all += (await e.buffer()).toString('utf8');
    }
    expect(all).not.toContain('unreadable');
    expect(names.sort()).toEqual(
      [
        'app-sso-platform.txt',
        'keychain-wpj.txt',
        'logs/company-portal/com.microsoft.CompanyPortalMac.log',
        'logs/gatherAADInfo.txt',
        'logs/jamf.log',
        'logs/jamfaad-migrator.log',
        'logs/sso-extension/SSOExtension 2024-10-23--13-28-45-057.log',
        'logs/unified-jamfAAD.log',
        'logs/unified-appsso.log',
        'mac-settings.txt',
        'notes.txt',
        'profiles-configuration.txt',
        'psso-status.txt',
        'plist-keys.txt',
        'profiles-status.txt',
        'status.txt',
        'sw_vers.txt',
      ].sort(),
    );
    expect(all).not.toContain('SECRETKEYMATERIAL');
    expect(all).not.toContain('TOPSECRET-OUTSIDE');
    expect(all).toContain('"Microsoft Workplace Join Key"');
    expect(all).toContain('MS-ORGANIZATION-ACCESS certificates: 1\n');
    expect(all).toContain('"registrationCompleted" : true');
    expect(all).toContain('window=36h');

    // jidoctor logs reads it: the Mac, its families, the signatures and the timeline.
    const [ev, ...others] = await analyzePaths([archive]);
    expect(others).toEqual([]);
    expect(ev!.serial).toBe('C02TEST1MD6M');
    expect(ev!.host).toBe('alice-mbp');
    expect(new Set(ev!.files.map((f) => f.family))).toEqual(
      new Set(['status', 'jamf', 'companyPortal', 'ssoExtension', 'unifiedLog', 'gatherAADInfo', 'text']),
    );
    // The Device Compliance settings, typed, from mac-settings.txt and the status outputs.
    const s = ev!.settings!;
    const settingsFile = `${archive}!mac-settings.txt`;
    expect(s.prefs).toEqual({
      jamf: {
        microsoftCAEnabled: { type: 'boolean', value: true, file: settingsFile, line: 3 },
        microsoftCANativeClientAppId: {
          type: 'string',
          value: 'b03c10a8-71c7-45f9-b44a-3335ab76e970',
          file: settingsFile,
          line: 4,
        },
      },
      jamfAADManaged: { useWKWebView: { type: 'absent', value: null, file: settingsFile, line: 5 } },
      jamfAAD: { have_an_Azure_id: { type: 'boolean', value: true, file: settingsFile, line: 7 } },
    });
    expect(s.migrator).toMatchObject({ launchAgent: true, staging: false });
    expect(s.profiles).toMatchObject({ ssoExtension: true, file: settingsFile });
    expect(s.pssoStatus).toMatchObject({ code: 2, deviceId: '5e4d7c2a-9b31-4f0e-8a6d-2c1b0f9e7d34' });
    expect(s.appSso?.registrationCompleted).toBe(true);
    const sigs = [...new Set(ev!.hits.map((h) => h.signature))].sort();
    expect(sigs).toEqual(
      [
        'cp-launched-without-wpj-arg',
        'cp-not-registered',
        'jamf-recurring-check-in',
        'jamfaad-aad-id-acquired',
        'jamfaad-launching-company-portal',
        'msal-duplicate-accounts',
        'msal-workplace-join-required',
        'swcd-aasa-server-trust-rejected',
      ].sort(),
    );
    // The compact unified log is local time: status.txt's tz_name (America/New_York, EST on 3 March) gives the zone.
    expect(ev!.timeline.lastTokenAcquired?.time).toBe(Date.parse('2025-03-03T16:44:00.100Z'));
    expect(ev!.timeline.lastTokenAcquired).toMatchObject({ local: '2025-03-03 11:44:00.100', offset: '-05:00' });
    expect(ev!.zone.name).toBe('America/New_York');
    expect(all).toMatch(/^tz_offset=[-+]\d{4}$/m);
    expect(all).toContain('tz_name=America/New_York\n');
    expect(ev!.timeline.lastCheckIn?.file).toBe(`${archive}!logs/jamf.log`);
    expect(ev!.problems).toEqual([]);
  });

  it('a Mac without Jamf: the settings say absent, and what failed is in notes.txt', async () => {
    const mac = fakeMac();
    for (const rel of [
      'Library/Preferences/com.jamfsoftware.jamf.plist',
      'Users/alice/Library/Preferences/com.jamf.management.jamfAAD.plist',
      'Users/alice/Library/LaunchAgents/com.jamf.management.jamfAAD.migrator.plist',
      'private/tmp/jamfaad.log',
    ])
      rmSync(join(mac.root, rel));
    rmSync(join(mac.root, 'Library/Application Support/JAMF'), { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'jidoctor-script-'));
    const script = join(dir, 'collect.sh');
    writeFileSync(script, collectScript('36h'));
    const before = treeState(mac.root);
    const r = await run(
      script,
      {
        PATH: `${mac.bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        JIDOCTOR_ROOT: mac.root,
        JIDOCTOR_OUT: mac.out,
        TMPDIR: mac.tmp,
        FAKE_UNIFIED: fixture('unified-compact.log'),
        FAKE_PROFILES: join(MAC_FIXTURES, 'profiles-none.txt'),
        FAKE_PROFILES_XML_FAIL: '1',
      },
      [],
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(treeState(mac.root)).toEqual(before);
    const archive = r.stdout.trim().split('\n').pop()!;
    const text: Record<string, string> = {};
    for await (const e of zipEntries({ kind: 'file', path: archive }, () => {}))
      text[e.name] = (await e.buffer()).toString('utf8');
    expect(text['mac-settings.txt']).toBe(
      [
        '# jidoctor-mac-collect settings: path, key, type, value (tab-separated)',
        '/Library/Preferences/com.jamfsoftware.jamf.plist\t(file)\tabsent',
        '/Library/Managed Preferences/com.jamf.management.jamfAAD.plist\t(file)\tabsent',
        '/Users/alice/Library/Preferences/com.jamf.management.jamfAAD.plist\t(file)\tabsent',
        '/Users/alice/Library/LaunchAgents/com.jamf.management.jamfAAD.migrator.plist\t(file)\tabsent',
        '/Users/alice/Library/JamfAADStaging\t(folder)\tabsent',
        '',
      ].join('\n'),
    );
    expect(text['notes.txt']).toContain('profiles show -output stdout-xml failed');
    expect(text['notes.txt']).toContain('/private/tmp/jamfaad.log');
    expect(text['notes.txt']).toContain('getPSSOStatus skipped: Jamf Conditional Access absent');
    expect(text['psso-status.txt']).toBeUndefined();
    const [ev] = await analyzePaths([archive]);
    const s = ev!.settings!;
    expect(s.prefs.jamf?.microsoftCAEnabled).toMatchObject({ type: 'absent', line: 2 });
    expect(s.prefs.jamfAAD?.have_an_Azure_id).toMatchObject({ type: 'absent', line: 4 });
    expect(s.migrator).toMatchObject({ launchAgent: false, staging: false });
    // No profile installed at all: the listing says so.
    expect(s.profiles).toMatchObject({ ssoExtension: false, file: `${archive}!profiles-configuration.txt` });
    expect(s.pssoStatus).toBeNull();
  });

  it('refuses a malformed window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jidoctor-script-'));
    const script = join(dir, 'collect.sh');
    writeFileSync(script, collectScript());
    const r = await run(script, { PATH: process.env.PATH ?? '/usr/bin:/bin' }, ['7d;rm']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('jidoctor-collect: WINDOW must look like 7d, 24h or 90m, found "7d;rm"');
  });
});
