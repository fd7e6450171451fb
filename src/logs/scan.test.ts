import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/logs-fixtures.js';
import { CHUNK, scanStream } from './scan.js';
import { SIGNATURES, type Signature } from './signatures.js';

async function scan(name: string, text: string | Buffer, mtime: string | null = '2026-11-29T09:00:00Z', pieces = 1) {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const parts: Buffer[] = [];
  const size = Math.ceil(buf.length / pieces);
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return scanStream(name, Readable.from(parts), { mtime: mtime ? Date.parse(mtime) : null });
}

describe('families are recognised by content', () => {
  const cases: Array<[string, string, string]> = [
    ['jamf-basic.log', 'jamf', 'jamf.log'],
    ['jamf-host-with-spaces.log', 'jamf', 'jamf.log'],
    ['jamf-single-digit-day.log', 'jamf', 'jamf.log'],
    ['jamf-multiline-error.log', 'jamf', 'jamf.log'],
    ['company-portal-space.log', 'companyPortal', 'space'],
    ['company-portal-tab.log', 'companyPortal', 'tab'],
    ['company-portal-pipe.log', 'companyPortal', 'pipe'],
    ['sso-extension.log', 'ssoExtension', 'pipe'],
    // As pasted in AzureAD/microsoft-authentication-library-for-objc#2380 (`Mac SSO Extension\t2024-10-23 ...`).
    ['sso-extension-prefixed.log', 'ssoExtension', 'prefixed'],
    ['unified-compact.log', 'unifiedLog', 'compact'],
    ['unified-default.log', 'unifiedLog', 'default'],
    ['unified-syslog.log', 'unifiedLog', 'syslog'],
    ['unified-console.txt', 'unifiedLog', 'console'],
    ['unified.ndjson', 'unifiedLog', 'ndjson'],
    ['unified-json.json', 'unifiedLog', 'json'],
    ['gather-aad-info.txt', 'gatherAADInfo', 'text'],
    ['status-ioreg.txt', 'status', 'text'],
    ['status-system-profiler.txt', 'status', 'text'],
    ['status-jamfaad-plist.txt', 'status', 'text'],
  ];
  for (const [file, family, format] of cases) {
    it(`${file}: ${family}/${format}`, async () => {
      const r = await scan(file, readFileSync(fixture(file)));
      expect(r.problem).toBeNull();
      expect([r.info.family, r.info.format]).toEqual([family, format]);
    });
  }

  it('jamf.log: host names with spaces and apostrophes', async () => {
    const r = await scan('j', readFileSync(fixture('jamf-host-with-spaces.log')));
    expect(r.host).toBe("François's Mac mini");
  });

  it('jamf.log: a multi-line error takes the time of its first line', async () => {
    const r = await scan('j', readFileSync(fixture('jamf-multiline-error.log')));
    const g = r.groups.find((x) => x.signature === 'jamf-unknown-error')!;
    expect(g.count).toBe(2);
    // Tue Apr 8: 2025 (Apr 8 2026 is a Wednesday); local time, the zone is the Mac's (applied by the analyser).
    expect([g.first.line, g.first.local, g.first.time]).toEqual([4, '2025-04-08 08:15:01', null]);
    expect([g.last.line, g.last.local]).toEqual([7, '2025-04-08 08:30:01']);
    expect(r.lastRecord?.line).toBe(5);
  });

  it('Company Portal as the article prints it: the message wrapped onto its own line keeps the record time', async () => {
    const r = await scan('c', readFileSync(fixture('company-portal-article-wrapped.log')));
    expect([r.info.family, r.info.format]).toEqual(['companyPortal', 'space']);
    const g = r.groups[0]!;
    expect([g.signature, g.last.line, g.last.local, g.last.time]).toEqual([
      'cp-launched-without-wpj-arg',
      3,
      '2025-03-03 09:40:12.118',
      null,
    ]);
  });

  it('SSOExtension.log: the UTC time in brackets wins over the local one, and gives the offset', async () => {
    const r = await scan('s', readFileSync(fixture('sso-extension.log')));
    const l = r.groups[0]!.last;
    expect([l.time, l.local, l.offset]).toEqual([Date.parse('2024-10-23T11:28:45Z'), '2024-10-23 13:28:45', '+02:00']);
    expect(r.observations.map((o) => o.offset)).toContain(120);
  });

  it('SSOExtension.log: the UTC time is read also when a correlation id follows it in the brackets', async () => {
    // Column 7 of the log (troubleshoot-mac-sso-extension-plugin.md): `[UTC - correlation id]`.
    const r = await scan('s', readFileSync(fixture('sso-extension-aasa-blocked.log')));
    const g = r.groups.find((x) => x.signature === 'sso-authorization-error-1000')!;
    expect([g.first.time, g.first.local, g.first.offset]).toEqual([
      Date.parse('2025-06-02T08:15:31Z'),
      '2025-06-02 10:15:31',
      '+02:00',
    ]);
    // Near miss: something else in the brackets after the time is not a correlation id; the line stays local.
    const near = await scan(
      'n',
      '2025-06-02 10:15:31:902 | I | TID=1 MSAL 2.9.0 Mac 15.5 [2025-06-02 08:15:31 - not-an-id] AccountNotOnboarded\n',
    );
    expect(near.groups[0]!.first).toMatchObject({ time: null, local: '2025-06-02 10:15:31.902' });
    expect(near.groups[0]!.first.offset ?? null).toBeNull();
  });

  it('Mac SSO extension lines in their tab-separated form are SSO extension records (not plain text)', async () => {
    const r = await scan('s', readFileSync(fixture('sso-extension-prefixed.log')));
    const l = r.groups.find((g) => g.signature === 'msal-workplace-join-required')!.last;
    expect([l.time, l.local, l.offset]).toEqual([Date.parse('2024-10-23T11:28:45Z'), '2024-10-23 13:28:45', '+02:00']);
    // Near miss: a space instead of the tab is not the form.
    const near = await scan('n', readFileSync(fixture('sso-extension-prefixed.log'), 'utf8').replace(/\t/g, ' '));
    expect(near.info.family).toBe('text');
  });

  it('tokens on a matching line never reach the evidence', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZUBjb250b3NvLmNvbSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const r = await scan(
      't',
      `AccountNotOnboarded for token ${jwt} Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123 refresh_token=0.AAAAbbbbccccddddeeeeffff\n`,
    );
    expect(r.groups[0]!.last.text).toBe(
      'AccountNotOnboarded for token [token removed] Authorization: Bearer [token removed] refresh_token=[token removed]',
    );
  });

  it('a truncated ndjson file: what was read counts, the cut record is one line of problem', async () => {
    const r = await scan('t.ndjson', readFileSync(fixture('truncated.ndjson')));
    expect(r.groups.map((g) => g.signature)).toEqual(['jamfaad-aad-id-acquired']);
    expect(r.problem).toEqual({
      file: 't.ndjson',
      message: 't.ndjson: line 2: truncated ndjson record (the file ends inside it)',
      incomplete: true,
    });
  });

  it('a binary file is skipped with one line', async () => {
    const r = await scan('b.bin', readFileSync(fixture('binary.bin')));
    expect(r.problem?.message).toBe('b.bin: binary content, not a text log (NUL byte at offset 0); skipped');
    expect(r.groups).toEqual([]);
  });

  it('CRLF line endings', async () => {
    const text = readFileSync(fixture('company-portal-space.log'), 'utf8').replace(/\n/g, '\r\n');
    const r = await scan('c', text);
    expect(r.info.format).toBe('space');
    expect(r.groups.map((g) => [g.signature, g.last.line, g.last.text.endsWith('\r')])).toEqual([
      ['cp-launched-without-wpj-arg', 2, false],
      ['cp-not-registered', 3, false],
    ]);
  });
});

describe('jamf.log has no year: the weekday decides it (src/logs/dates.test.ts has the rules)', () => {
  const text = readFileSync(fixture('jamf-new-year.log'));
  it('across New Year, dated soon after', async () => {
    const r = await scan('j', text, '2026-01-05T12:00:00Z');
    const g = r.groups[0]!;
    expect(g.count).toBe(3);
    expect(g.first.local).toBe('2025-12-31 22:00:00');
    expect(g.last.local).toBe('2026-01-01 00:00:00');
    expect(r.lastRecord!.local).toBe('2026-01-05 10:00:00');
  });
  it('the same file copied later keeps its years (the weekday decides, not the copy date)', async () => {
    const r = await scan('j', text, '2026-06-01T00:00:00Z');
    expect(r.groups[0]!.first.local).toBe('2025-12-31 22:00:00');
  });
  it('a file date just before the last line (clock skew of a day) does not move it a year back', async () => {
    const r = await scan('j', text, '2026-01-04T12:00:00Z');
    expect(r.lastRecord!.local).toBe('2026-01-05 10:00:00');
  });
  it('a file date in the next year, before the same day, puts the log in the year before', async () => {
    const r = await scan('j', text, '2027-01-02T00:00:00Z');
    expect(r.lastRecord!.local).toBe('2026-01-05 10:00:00');
  });
});

describe('chunks', () => {
  it('line numbers, lines cut by chunk boundaries and continuation lines stay right', async () => {
    const filler = 'Thu Feb 21 11:11:41 host jamf[1]: No patch policies were found.\n';
    const n = Math.ceil((CHUNK * 2.5) / filler.length);
    const lines: string[] = [];
    for (let i = 0; i < n; i++) lines.push(filler);
    const target =
      'Fri Feb 22 08:00:00 host jamf[2]: Checking for policies triggered by "recurring check-in" for user "u"...\n';
    const mid = Math.floor(CHUNK / filler.length); // lands on the first 1 MiB boundary
    lines.splice(mid, 0, target);
    lines.push(
      'Sat Feb 23 09:00:00 host jamf[3]: There was an error.\n',
      '\n',
      'Unknown Error - An unknown error has occurred\n',
    );
    const text = lines.join('');
    for (const pieces of [1, 7, 333]) {
      const r = await scan('big', text, '2026-03-01T00:00:00Z', pieces);
      expect(r.info.lines).toBe(n + 4);
      const check = r.groups.find((g) => g.signature === 'jamf-recurring-check-in')!;
      expect([check.count, check.last.line]).toEqual([1, mid + 1]);
      const err = r.groups.find((g) => g.signature === 'jamf-unknown-error')!;
      // Sat Feb 23: 2019 (the weekday), in the Mac's local time.
      expect([err.last.line, err.last.local]).toEqual([n + 4, '2019-02-23 09:00:00']);
    }
  });

  it('a file without a final newline still counts its last line', async () => {
    const r = await scan('x', 'a\nAccountNotOnboarded');
    expect([r.info.lines, r.groups[0]?.last.line]).toEqual([2, 2]);
  });
});

/** A line of a family the signature is allowed in, holding `text`. */
function lineFor(sig: Signature, text: string): string {
  if (sig.families?.includes('jamf')) return `Thu Feb 21 11:16:41 host jamf[1]: ${text}`;
  return `2025-03-03 09:40:12.118 INFO com.microsoft.ssp.application TID=1 X.swift: 1 (f()) ${text}`;
}

describe('every signature fires on its line and not on near misses', () => {
  for (const sig of SIGNATURES) {
    it(sig.id, async () => {
      const hit = await scan('s', `${lineFor(sig, 'hello')}\n${lineFor(sig, sig.text)}\n`);
      expect(hit.groups.map((g) => [g.signature, g.last.line])).toContainEqual([sig.id, 2]);
      const others = hit.groups.filter((g) => g.signature !== sig.id).map((g) => g.signature);
      // Only signatures whose own text is inside this one may fire with it.
      for (const o of others) expect(sig.text).toContain(SIGNATURES.find((s) => s.id === o)!.anchor);
      if (sig.anchor.toLowerCase() !== sig.anchor) {
        // Matching is case-sensitive, like grep -F.
        const lower = await scan('s', `${lineFor(sig, 'hello')}\n${lineFor(sig, sig.text.toLowerCase())}\n`);
        expect(lower.groups.map((g) => g.signature)).not.toContain(sig.id);
      }
      const cut = sig.anchor.slice(0, Math.max(3, sig.anchor.length - 4));
      const near = await scan('s', `${lineFor(sig, 'hello')}\n${lineFor(sig, sig.text.replace(sig.anchor, cut))}\n`);
      expect(near.groups.map((g) => g.signature)).not.toContain(sig.id);
    });
  }

  it('the near-misses fixture fires nothing', async () => {
    const r = await scan('n', readFileSync(fixture('near-misses.log')));
    expect(r.groups).toEqual([]);
  });

  it('signatures restricted to jamf.log do not fire elsewhere', async () => {
    const r = await scan(
      'u',
      readFileSync(fixture('unified-compact.log'), 'utf8').concat(
        '2025-03-03 11:45:00.000 Df x[1:2] [a:b] Checking for policies triggered by "recurring check-in"\n',
      ),
    );
    expect(r.groups.map((g) => g.signature)).not.toContain('jamf-recurring-check-in');
  });
});
