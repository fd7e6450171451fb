import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { fixture, macEvidence } from '../../../test/logs-fixtures.js';
import { analyzePaths, runLogChecks } from '../../logs/run.js';
import check from './sso-associated-domain-blocked.js';

// Lines written from public sources (URLs in the fixtures' comment lines): MSAL's SSO-extension log statement with
// Microsoft's 1000 AuthorizationError, the -1012 of stashenergy/react-native-msal#132, swcd's server-trust refusal.
const blocked = await macEvidence('C02S1', ['sso-extension-aasa-blocked.log', 'unified-appsso.log']);
const near = await macEvidence('C02S2', ['sso-associated-domain-near-misses.txt', 'sso-extension.log']);
const jamfOnly = await macEvidence('C02S3', ['jamf-basic.log']);

const FILE = 'macs/C02S1/sso-extension-aasa-blocked.log';
const UNIFIED = 'macs/C02S1/unified-appsso.log';

testCheck(check, {
  valid: [
    {
      name: 'near misses: the user cancelling (1001), Sign in with Apple 1000, -1012 of another host, -1200, -1001',
      fleet: fleet().macLogs(near).build(),
    },
    {
      name: 'in Device Compliance and legacy tenants alike (modes any): no line, no finding',
      fleet: fleet().compliancePartner().macLogs(near).build(),
    },
  ],
  invalid: [
    {
      name: 'AuthorizationError 1000 and NSURLErrorDomain -1012 in the SSO extension log, swcd refusing the CDN',
      fleet: fleet().macLogs(blocked).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02S1',
            signature: 'sso-authorization-error-1000',
            count: 2,
            file: FILE,
            line: 11,
            last: '2025-06-02 10:15:31 +0200',
          },
          severity: 'medium',
          subjects: ['C02S1', FILE],
          text: {
            en: 'C02S1: A sign-in through the Enterprise SSO extension failed with com.apple.AuthenticationServices.AuthorizationError 1000 (unknown), which Microsoft documents when a proxy or TLS inspection blocks the associated-domain URLs — 2 lines, last on 2025-06-02 10:15:31 +0200 (macs/C02S1/sso-extension-aasa-blocked.log:11)',
            it: 'C02S1: Un accesso tramite l’estensione Enterprise SSO non è riuscito con com.apple.AuthenticationServices.AuthorizationError 1000 (sconosciuto), errore che Microsoft documenta quando un proxy o l’ispezione TLS blocca gli URL dei domini associati — 2 righe, l’ultima il 2025-06-02 10:15:31 +0200 (macs/C02S1/sso-extension-aasa-blocked.log:11)',
          },
        },
        {
          messageId: 'seen',
          data: {
            mac: 'C02S1',
            signature: 'sso-nsurl-error-1012',
            count: 2,
            file: FILE,
            line: 16,
            last: '2025-06-02 10:16:05 +0200',
          },
          subjects: ['C02S1', FILE],
        },
        {
          messageId: 'seen',
          data: {
            mac: 'C02S1',
            signature: 'swcd-aasa-server-trust-rejected',
            count: 1,
            file: UNIFIED,
            line: 6,
            last: '2025-06-02 10:14:58 +0200',
          },
          subjects: ['C02S1', UNIFIED],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'only jamf.log: no log that could show the SSO extension',
      fleet: fleet().macLogs(jamfOnly).build(),
      reason: { kind: 'incomplete-data' },
    },
    { name: 'macs not collected', fleet: fleet().status('macs', 'missing').build(), reason: { kind: 'not-collected' } },
  ],
});

describe('logs/sso-associated-domain-blocked, line by line', () => {
  const hits = (ev: typeof blocked) =>
    ev.hits.filter((h) => h.checkId === check.id).map((h) => `${h.signature}:${h.first.line}-${h.last.line}`);

  it('the -1012 counts on the Microsoft sign-in line and in MSAL’s line, not on its continuation lines', () => {
    expect(hits(blocked)).toEqual([
      'sso-authorization-error-1000:10-11',
      'sso-nsurl-error-1012:13-16',
      'swcd-aasa-server-trust-rejected:6-6',
    ]);
  });

  it('each near miss stays a near miss when it is the only line of a file', async () => {
    const lines = readFileSync(fixture('sso-associated-domain-near-misses.txt'), 'utf8').split('\n').filter(Boolean);
    const dir = mkdtempSync(join(tmpdir(), 'jidoctor-sso-near-'));
    for (const [i, l] of lines.entries()) writeFileSync(join(dir, `near-${i}.txt`), `${l}\n`);
    const evs = await analyzePaths([dir]);
    expect(evs.flatMap((e) => e.hits).filter((h) => h.checkId === check.id)).toEqual([]);
  });

  it('a one-character change of each matching line matters (the code, the domain, the host)', async () => {
    const mutants = [
      'Interactive broker extension flow finished. Result (null), error: 1001 error domain: com.apple.AuthenticationServices.AuthorizationError',
      'Interactive broker extension flow finished. Result (null), error: 1000 error domain: com.apple.AuthenticationServices.AuthorizationErrors',
      'Error Domain=NSURLErrorDomain Code=-1012 "(null)" UserInfo={NSErrorFailingURLKey=https://login.microsoftonline.co/}',
      'Error Domain=NSURLErrorDomain Code=-1013 "(null)" UserInfo={NSErrorFailingURLKey=https://login.microsoftonline.com/}',
      "### Rejecting URL 'https://app-site-association.cdn-apple.co/a/v1/login.microsoftonline.com' for auth method 'NSURLAuthenticationMethodServerTrust'",
    ];
    const originals = [
      'Interactive broker extension flow finished. Result (null), error: 1000 error domain: com.apple.AuthenticationServices.AuthorizationError',
      'Error Domain=NSURLErrorDomain Code=-1012 "(null)" UserInfo={NSErrorFailingURLKey=https://login.microsoftonline.com/}',
      'The operation couldn’t be completed. (NSURLErrorDomain error -1012.) https://sts.windows.net/contoso/',
      'error: -1012 error domain: NSURLErrorDomain',
      "### Rejecting URL 'https://app-site-association.networking.apple/a/v1/login.microsoft.com' for auth method 'NSURLAuthenticationMethodServerTrust'",
      "### Rejecting URL 'https://login.microsoftonline.com/.well-known/apple-app-site-association' for auth method 'NSURLAuthenticationMethodServerTrust'",
    ];
    const scanOne = async (text: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'jidoctor-sso-one-'));
      writeFileSync(join(dir, 'one.txt'), `${text}\n`);
      const [ev] = await analyzePaths([dir]);
      return ev!.hits.filter((h) => h.checkId === check.id).length;
    };
    for (const m of mutants) expect(await scanOne(m), m).toBe(0);
    for (const o of originals) expect(await scanOne(o), o).toBe(1);
  });

  it('jidoctor logs: a loose SSO extension log joins the only Mac of its folder (its status file names the serial)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jidoctor-sso-attr-'));
    writeFileSync(
      join(dir, 'SSOExtension 2025-06-02--10-15-31-418.log'),
      readFileSync(fixture('sso-extension-aasa-blocked.log')),
    );
    writeFileSync(join(dir, 'status.txt'), '# jidoctor-mac-collect status\nserial=C02SSO000001\nhost=lon-mbp-0417\n');
    const evs = await analyzePaths([dir]);
    expect(evs.map((e) => e.serial)).toEqual(['C02SSO000001']);
    const { result } = runLogChecks(evs);
    const mine = result.findings.filter((f) => f.checkId === check.id);
    expect(mine.map((f) => f.subjects[0]!.id)).toEqual(['C02SSO000001', 'C02SSO000001']);
    expect(result.checks.find((c) => c.id === check.id)?.outcome).toBe('fail');
  });

  it('jidoctor logs: two Macs’ folders, the finding stays with the Mac whose files hold the line', async () => {
    const a = mkdtempSync(join(tmpdir(), 'jidoctor-sso-a-'));
    const b = mkdtempSync(join(tmpdir(), 'jidoctor-sso-b-'));
    writeFileSync(join(a, 'SSOExtension.log'), readFileSync(fixture('sso-extension-aasa-blocked.log')));
    writeFileSync(join(a, 'status.txt'), '# jidoctor-mac-collect status\nserial=C02SSOAAAAA1\n');
    writeFileSync(join(b, 'SSOExtension.log'), readFileSync(fixture('sso-extension.log')));
    writeFileSync(join(b, 'status.txt'), '# jidoctor-mac-collect status\nserial=C02SSOBBBBB2\n');
    const { result } = runLogChecks(await analyzePaths([a, b]));
    const subjects = result.findings.filter((f) => f.checkId === check.id).map((f) => f.subjects[0]!.id);
    expect(new Set(subjects)).toEqual(new Set(['C02SSOAAAAA1']));
  });
});
