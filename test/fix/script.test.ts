import { execFile, execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diagnoseSnapshot } from '../../src/diagnose.js';
import {
  cause6Script,
  expectedUserOf,
  KEYCHAIN_ACCOUNTS,
  KEYCHAIN_LABELS,
  SYSTEM_FILES,
  USER_FILES,
} from '../../src/fix/script.js';
import { EXAMPLE, ROOT, runCli } from '../cli.js';
import { canRun, SHELLCHECK } from '../needs.js';

const STANDINS = join(ROOT, 'test', 'fake-macos', 'bin');
const SERIAL = 'C02D48DFD4E7'; // LON-MBP-0105 of the example snapshot; Jamf says "barbara" registered it
const USER = 'barbara';

const shellcheck = canRun(SHELLCHECK);

async function script(): Promise<string> {
  const { fleet } = await diagnoseSnapshot(EXAMPLE);
  const mac = fleet.macs.find((m) => m.serial === SERIAL)!;
  return cause6Script({
    lang: 'en',
    checkId: 'intune/duplicate-device-records',
    serial: SERIAL,
    mac,
    expectedUser: expectedUserOf(mac),
    generatedAt: '2026-11-29T10:00:00Z',
  });
}

const TAB = '\t';
const kc = (...items: string[][]) => `${items.map((i) => i.join(TAB)).join('\n')}\n`;
const MS_ITEMS = [
  ['genp', 'com.microsoft.CompanyPortal', '', '', ''],
  ['genp', 'com.microsoft.CompanyPortal', 'second copy', '', ''],
  ['genp', 'com.microsoft.CompanyPortal.HockeySDK', '', '', ''],
  ['genp', 'enterpriseregistration.windows.net', '', '', ''],
  ['genp', 'https://device.login.microsoftonline.com', '', '', ''],
  ['genp', 'https://device.login.microsoftonline.com/', '', '', ''],
  ['genp', 'com.jamf.management.jamfAAD', '', '', ''],
  ['genp', '', 'com.microsoft.workplacejoin.thumbprint', '', ''],
  ['genp', '', 'com.microsoft.workplacejoin.registeredUserPrincipalName', '', ''],
  ['cert', '5b7c1e2a-7f7e-4a43-9b61-0a7d4c1e9f10', '', 'MS-Organization-Access', 'AAAA1111'],
  ['key', 'Microsoft Workplace Join Key', '', '', 'AAAA1111'],
  ['key', 'Microsoft Session Transport Key', '', '', ''],
  ['idpref', 'https://enterpriseregistration.windows.net', '', '', ''],
  ['idpref', 'https://enterpriseregistration.windows.net/', '', '', ''],
];
const KEPT_ITEMS = [
  ['genp', 'com.jamfsoftware.jss', '', '', ''],
  ['key', 'JSS Built-In Certificate Authority', '', '', 'JAMF0001'],
  ['cert', 'JSS Built-In Certificate Authority', '', 'JSS Built-In Certificate Authority', 'JAMF0001'],
  ['cert', 'Developer ID Application', '', 'Apple Root CA', 'BBBB2222'],
  ['genp', 'Home Wi-Fi', '', '', ''],
  ['key', 'Microsoft Session Transport Key', '', '', ''],
];

interface Fake {
  root: string;
  calls: string;
  owners: string;
  file: string;
  env: Record<string, string>;
}

let fake: Fake;

function build(): Fake {
  const root = execFileSync('mktemp', ['-d', join(tmpdir(), 'jidoctor-macos-XXXXXX')])
    .toString()
    .trim();
  const put = (p: string, body = 'x') => {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), body);
  };
  // The console user's files (Company Portal's Application Support folder is a folder with content).
  for (const rel of USER_FILES) {
    if (rel.endsWith('com.microsoft.CompanyPortalMac.binarycookies') || rel.endsWith('CompanyPortalMac.plist'))
      continue;
    if (rel.endsWith('Application Support/com.microsoft.CompanyPortal')) put(`/Users/${USER}/${rel}/state.db`, 'db');
    else put(`/Users/${USER}/${rel}`);
  }
  // A file in the user's Library that someone else owns, a symbolic link, an unrelated preference.
  put(`/Users/${USER}/Library/Preferences/com.microsoft.CompanyPortalMac.plist`);
  mkdirSync(join(root, `/Users/${USER}/Library/Cookies`), { recursive: true });
  put('/private/etc/secret-target', 'do not touch');
  symlinkSync(
    join(root, '/private/etc/secret-target'),
    join(root, `/Users/${USER}/Library/Cookies/com.microsoft.CompanyPortalMac.binarycookies`),
  );
  put(`/Users/${USER}/Library/Preferences/com.apple.finder.plist`);
  // Another user with the same leftovers: never touched.
  put('/Users/bob/Library/Preferences/com.microsoft.CompanyPortal.plist');
  put('/Users/bob/Library/Cookies/com.jamf.management.jamfAAD.binarycookies');
  // System domain: the article's leftovers, and Jamf Pro's own files.
  put('/Library/Preferences/com.jamfsoftware.management.jamfAAD.plist');
  put('/Library/Preferences/com.microsoft.CompanyPortal.plist');
  put('/Library/Preferences/com.jamfsoftware.jamf.plist', 'jss_url https://contoso.jamfcloud.com');
  put('/Library/Application Support/JAMF/keep.txt');
  put('/Applications/Company Portal.app/Contents/Info.plist');
  // Keychains.
  put(`/Users/${USER}/Library/Keychains/login.keychain-db`, kc(...MS_ITEMS, ...KEPT_ITEMS.slice(0, 5)));
  put('/Users/bob/Library/Keychains/login.keychain-db', kc(...MS_ITEMS));
  const owners = join(root, '..', `${root.split('/').pop()}-owners.tsv`);
  put('/Users/mallory/Library/Preferences/com.microsoft.CompanyPortal.plist');
  writeFileSync(
    owners,
    `mallory${TAB}${join(root, `/Users/${USER}/Library/Preferences/com.microsoft.CompanyPortalMac.plist`)}\nbob${TAB}${join(root, '/Users/mallory')}\n`,
  );
  const calls = join(root, '..', `${root.split('/').pop()}-calls.log`);
  writeFileSync(calls, '');
  const file = join(root, '..', `${root.split('/').pop()}-cause6.sh`);
  return {
    root,
    calls,
    owners,
    file,
    env: {
      PATH: `${STANDINS}:${process.env.PATH}`,
      JIDOCTOR_CAUSE6_TEST: '1',
      JIDOCTOR_CAUSE6_ROOT: root,
      FAKE_CALLS: calls,
      FAKE_OWNERS: owners,
      FAKE_UID: '0',
      FAKE_USERS: `${USER} bob mallory`,
      FAKE_CONSOLE_USER: USER,
      FAKE_SERIAL: SERIAL,
    },
  };
}

/** Every path under the fake root (files and links), relative, sorted. */
function tree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else out.push(p.slice(root.length));
    }
  };
  walk(root);
  return out.sort();
}

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile('sh', [fake.file, ...args], { env: { ...fake.env, ...env } }, (err, out, errOut) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, out: String(out), err: String(errOut) });
    });
  });
}

const keychain = (user: string) =>
  readFileSync(join(fake.root, `/Users/${user}/Library/Keychains/login.keychain-db`), 'utf8');

beforeEach(async () => {
  fake = build();
  writeFileSync(fake.file, await script());
});
afterEach(async () => {
  for (const p of [fake.root, fake.calls, fake.owners, fake.file]) await rm(p, { recursive: true, force: true });
});

describe('the cause-6 clean-up script', () => {
  it.skipIf(!shellcheck)('passes shellcheck as POSIX sh', () => {
    const r = (() => {
      try {
        execFileSync('shellcheck', ['-s', 'sh', '-S', 'style', fake.file], { encoding: 'utf8' });
        return '';
      } catch (err) {
        return String((err as { stdout?: string }).stdout ?? err);
      }
    })();
    expect(r).toBe('');
  });

  it('dry run: lists exactly what it would remove and changes nothing', async () => {
    const before = tree(fake.root);
    const kcBefore = keychain(USER);
    const r = await run([]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(tree(fake.root)).toEqual(before);
    expect(keychain(USER)).toBe(kcBefore);
    expect(existsSync(join(fake.root, 'var/log/jidoctor-cause6.log'))).toBe(false);
    const would = r.out
      .split('\n')
      .filter((l) => l.includes('WOULD '))
      .map((l) => l.replace(/^\S+ /, ''));
    const userFiles = USER_FILES.filter(
      (f) => !f.endsWith('CompanyPortalMac.binarycookies') && !f.endsWith('CompanyPortalMac.plist'),
    ).map((f) => `WOULD REMOVE user file /Users/${USER}/${f}`);
    expect(would).toEqual([
      ...userFiles,
      'WOULD REMOVE system file /Library/Preferences/com.microsoft.CompanyPortal.plist',
      'WOULD REMOVE system file /Library/Preferences/com.jamfsoftware.management.jamfAAD.plist',
      'WOULD REMOVE keychain application password, label "com.microsoft.CompanyPortal"',
      'WOULD REMOVE keychain application password, label "com.microsoft.CompanyPortal.HockeySDK"',
      'WOULD REMOVE keychain application password, label "com.jamf.management.jamfAAD"',
      'WOULD REMOVE keychain application password, label "enterpriseregistration.windows.net"',
      'WOULD REMOVE keychain application password, label "https://device.login.microsoftonline.com"',
      'WOULD REMOVE keychain application password, label "https://device.login.microsoftonline.com/"',
      'WOULD REMOVE keychain application password, account "com.microsoft.workplacejoin.thumbprint"',
      'WOULD REMOVE keychain application password, account "com.microsoft.workplacejoin.registeredUserPrincipalName"',
      'WOULD REMOVE keychain certificate issued by MS-Organization-Access (SHA-1 AAAA1111) and its private key (Microsoft Workplace Join Key)',
      'WOULD REMOVE keychain identity preference "https://enterpriseregistration.windows.net"',
      'WOULD REMOVE keychain identity preference "https://enterpriseregistration.windows.net/"',
    ]);
    expect(r.out).toMatch(
      /KEEP +user file \/Users\/barbara\/Library\/Preferences\/com.microsoft.CompanyPortalMac.plist \(belongs to mallory/,
    );
    expect(r.out).toMatch(/KEEP +user file .*CompanyPortalMac.binarycookies \(a symbolic link, not followed\)/);
    expect(r.out).toMatch(/BY HAND keychain key "Microsoft Session Transport Key"/);
    expect(r.out).toMatch(/DRY RUN: 27 item\(s\) would be removed/);
    // Server-side half, with this Mac's real record ids.
    expect(r.out).toContain(
      'DELETE https://graph.microsoft.com/v1.0/deviceManagement/managedDevices/5961f9e7-cdc6-4489-8320-834cf733bc26',
    );
    expect(r.out).toMatch(/Wait at least 30 minutes/);
    expect(r.out).toMatch(/Jamf Self Service/);
    const calls = readFileSync(fake.calls, 'utf8');
    expect(calls).not.toMatch(/^jamf /m);
    expect(calls).not.toMatch(/delete-|set-identity-preference/);
  });

  it('--apply removes exactly those items, keeps the rest, backs files up and logs every change', async () => {
    const r = await run(['--apply', '--remove-mdm-profile']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const userGone = USER_FILES.filter(
      (f) => !f.endsWith('CompanyPortalMac.binarycookies') && !f.endsWith('CompanyPortalMac.plist'),
    );
    const after = tree(fake.root).filter(
      (p) => !p.startsWith('/Library/Application Support/jidoctor/') && p !== '/var/log/jidoctor-cause6.log',
    );
    expect(after).toEqual(
      [
        '/Applications/Company Portal.app/Contents/Info.plist',
        '/Library/Application Support/JAMF/keep.txt',
        '/Library/Preferences/com.jamfsoftware.jamf.plist',
        '/Users/barbara/Library/Cookies/com.microsoft.CompanyPortalMac.binarycookies',
        '/Users/barbara/Library/Keychains/login.keychain-db',
        '/Users/barbara/Library/Preferences/com.apple.finder.plist',
        '/Users/barbara/Library/Preferences/com.microsoft.CompanyPortalMac.plist',
        '/Users/bob/Library/Cookies/com.jamf.management.jamfAAD.binarycookies',
        '/Users/bob/Library/Keychains/login.keychain-db',
        '/Users/bob/Library/Preferences/com.microsoft.CompanyPortal.plist',
        '/Users/mallory/Library/Preferences/com.microsoft.CompanyPortal.plist',
        '/private/etc/secret-target',
      ].sort(),
    );
    expect(readFileSync(join(fake.root, '/private/etc/secret-target'), 'utf8')).toBe('do not touch');
    expect(readFileSync(join(fake.root, '/Library/Preferences/com.jamfsoftware.jamf.plist'), 'utf8')).toMatch(
      /jss_url/,
    );
    // Keychain: the Microsoft items are gone; Jamf's keys, other items and the Session Transport Key remain.
    expect(keychain(USER)).toBe(kc(['key', 'Microsoft Session Transport Key', '', '', ''], ...KEPT_ITEMS.slice(0, 5)));
    expect(keychain('bob')).toBe(kc(...MS_ITEMS));
    // Backups of every removed file, under the same path.
    const backups = tree(join(fake.root, 'Library/Application Support/jidoctor'));
    const files = backups.map((p) => p.replace(/^\/cause6-backup-[^/]+\/files/, ''));
    expect(files.sort()).toEqual(
      [
        ...userGone.map((f) =>
          f.endsWith('Application Support/com.microsoft.CompanyPortal')
            ? `/Users/${USER}/${f}/state.db`
            : `/Users/${USER}/${f}`,
        ),
        '/Library/Preferences/com.microsoft.CompanyPortal.plist',
        '/Library/Preferences/com.jamfsoftware.management.jamfAAD.plist',
      ].sort(),
    );
    // The log holds what was done.
    const log = readFileSync(join(fake.root, 'var/log/jidoctor-cause6.log'), 'utf8');
    expect(log.match(/ REMOVED /g)?.length).toBe(userGone.length + 2 + 11);
    expect(log).toMatch(/RAN +jamf removeMdmProfile/);
    expect(log).toMatch(/DONE: removed 28, failed 0, by hand 1/);
    // Keychain work ran as the console user, never printed a secret, and jamf was asked only what we asked.
    const calls = readFileSync(fake.calls, 'utf8').split('\n').filter(Boolean);
    const sec = calls.filter((c) => c.startsWith('security['));
    expect(sec.length).toBeGreaterThan(10);
    for (const c of sec) expect(c).toMatch(/^security\[barbara\] /);
    for (const c of sec) expect(c).not.toMatch(/ -[gw]\b/);
    expect(calls.filter((c) => c.startsWith('jamf '))).toEqual(['jamf removeMdmProfile']);
    // A second run finds nothing left to remove (idempotent).
    const again = await run(['--apply']);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/DONE: removed 0, failed 0/);
  });

  it('removes the framework and Company Portal only when asked', async () => {
    const r = await run(['--apply', '--remove-framework', '--remove-company-portal']);
    expect(r.code).toBe(0);
    const calls = readFileSync(fake.calls, 'utf8');
    expect(calls.split('\n').filter((c) => c.startsWith('jamf '))).toEqual(['jamf removeFramework']);
    expect(existsSync(join(fake.root, 'Applications/Company Portal.app'))).toBe(false);
  });

  const refusals: Array<[string, string[], Record<string, string>, RegExp]> = [
    ['not root', [], { FAKE_UID: '501' }, /run it as root/],
    ['another Mac', [], { FAKE_SERIAL: 'C02XXXXXXXXX' }, /for the Mac C02D48DFD4E7, this Mac is C02XXXXXXXXX/],
    ['nobody at the console', [], { FAKE_CONSOLE_USER: 'loginwindow' }, /no user is logged in/],
    [
      'the wrong console user',
      [],
      { FAKE_CONSOLE_USER: 'bob' },
      /Jamf Pro says barbara registered this Mac but bob is logged in/,
    ],
    ['--user that is not the console user', ['--user', 'alice'], {}, /--user alice was given but barbara is logged in/],
    [
      'a home that belongs to someone else',
      ['--user', 'mallory'],
      { FAKE_CONSOLE_USER: 'mallory' },
      /\/Users\/mallory belongs to bob, not mallory/,
    ],
    [
      'a prefix without test mode',
      [],
      { JIDOCTOR_CAUSE6_TEST: '' },
      /home folder \/Users\/barbara .* does not exist|belongs to/,
    ],
  ];
  for (const [name, args, env, re] of refusals) {
    it(`refuses ${name}, and touches nothing`, async () => {
      const before = tree(fake.root);
      const r = await run(['--apply', ...args], env);
      expect(r.code).toBe(3);
      expect(r.err).toMatch(re);
      expect(tree(fake.root)).toEqual(before);
      expect(readFileSync(fake.calls, 'utf8')).not.toMatch(/delete-|^jamf /m);
    });
  }

  it('--user names another console user explicitly', async () => {
    const r = await run(['--user', 'bob'], { FAKE_CONSOLE_USER: 'bob' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/DRY RUN on C02D48DFD4E7 for bob \(\/Users\/bob\)/);
    expect(r.out).toContain('WOULD REMOVE user file /Users/bob/Library/Preferences/com.microsoft.CompanyPortal.plist');
    expect(r.out).not.toContain('/Users/barbara/Library');
  });

  it('rejects unknown options', async () => {
    const r = await run(['--force']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option --force/);
  });
});

describe('jidoctor fix --script', () => {
  it('writes the script for a Mac of the data, from every check that offers it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jidoctor-script-'));
    try {
      for (const id of [
        'intune/duplicate-device-records',
        'entra/duplicate-device-records',
        'compliance/intune-entra-mismatch',
        'intune/enrolled-outside-jamf',
      ]) {
        const out = join(dir, `${id.replace('/', '_')}.sh`);
        const r = await runCli([
          'fix',
          id,
          '--snapshot',
          EXAMPLE,
          '--mac',
          SERIAL.toLowerCase(),
          '--script',
          '--output',
          out,
        ]);
        expect(r.code, r.stderr).toBe(0);
        const text = readFileSync(out, 'utf8');
        expect(text.startsWith('#!/bin/sh\n')).toBe(true);
        expect(text).toContain(`EXPECTED_SERIAL='${SERIAL}'`);
        expect(text).toContain(`#   Check:     ${id}`);
        expect(lstatSync(out).mode & 0o111).not.toBe(0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses checks without a Mac clean-up, unknown Macs and missing --mac', async () => {
    const a = await runCli(['fix', 'licenses/intune-missing', '--snapshot', EXAMPLE, '--mac', SERIAL, '--script']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--script: expected one of .*intune\/duplicate-device-records/);
    const b = await runCli([
      'fix',
      'intune/duplicate-device-records',
      '--snapshot',
      EXAMPLE,
      '--mac',
      'NOPE123',
      '--script',
    ]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--mac NOPE123: expected the serial of a Mac in the data/);
    const c = await runCli(['fix', 'intune/duplicate-device-records', '--snapshot', EXAMPLE, '--script']);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/expected exactly one --mac/);
    expect(KEYCHAIN_LABELS.length + KEYCHAIN_ACCOUNTS.length + SYSTEM_FILES.length).toBeGreaterThan(0);
  });
});

describe('the cause-6 script on a Mac without a Workplace Join certificate', () => {
  it('says that the certificate may live in the Secure Enclave instead', async () => {
    writeFileSync(
      join(fake.root, `/Users/${USER}/Library/Keychains/login.keychain-db`),
      kc(['genp', 'Home Wi-Fi', '', '', '']),
    );
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no certificate issued by MS-Organization-Access .*Secure Enclave/);
    expect(r.out).toMatch(/DRY RUN: 16 item\(s\) would be removed/);
  });
});
