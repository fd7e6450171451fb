/**
 * The per-Mac timeline `jidoctor logs` prints (issue 15, item 5): registration attempts, check-ins, token
 * failures and prompts in the Mac's local time with its offset, newest last; in text and in JSON.
 */
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { fixture } from '../../test/logs-fixtures.js';

function macFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jidoctor-tl-'));
  const t = new Date('2020-05-01T00:00:00Z');
  const put = (name: string, data: string | Buffer) => {
    writeFileSync(join(dir, name), data);
    utimesSync(join(dir, name), t, t);
  };
  // jamf.log lines of the Mac whose unified log says -0500 (shared/research/jamf.md §5.5 and §5.8 shapes).
  put(
    'jamf.log',
    'Sun Apr 26 21:50:00 test-mbp jamf[1480]: Checking for policies triggered by "recurring check-in" for user "asmith"...\n' +
      'Sun Apr 26 22:06:14 test-mbp jamf[1480]: Executing Policy Register With AAD\n' +
      'Sun Apr 26 22:30:00 test-mbp jamf[1490]: Checking for policies triggered by "recurring check-in" for user "asmith"...\n',
  );
  put('unified-syslog.log', readFileSync(fixture('unified-syslog.log')));
  return dir;
}

describe('jidoctor logs: the per-Mac timeline', () => {
  it('text: local time with the offset, newest last, problems marked', async () => {
    const r = await runCli(['logs', macFolder()]);
    const lines = r.stdout.split('\n');
    const start = lines.findIndex((l) => l.includes("Timeline (the Mac's local time, newest last):"));
    expect(start).toBeGreaterThan(0);
    const tl = lines.slice(
      start + 1,
      lines.findIndex((l, i) => i > start && l.startsWith('  Findings:')),
    );
    expect(tl.map((l) => l.trim().slice(0, 40))).toEqual([
      '2020-04-26 21:50:00 -0500   check-in    ',
      '2020-04-26 22:06:15 -0500   registration',
      '2020-04-26 22:07:02 -0500 ! prompt      ',
      '2020-04-26 22:07:02 -0500 ! prompt      ',
      '2020-04-26 22:30:00 -0500   check-in    ',
    ]);
    expect(tl[0]).toContain('(first of 2)');
    expect(tl[4]).toContain('(last of 2)');
    expect(r.stdout).toMatch(/Time zone: -05:00 in .*unified-syslog\.log:3/);
  });

  it('in Italian: the headings, the attribution and the zone', async () => {
    const r = await runCli(['logs', macFolder(), '--lang', 'it']);
    expect(r.stdout).toContain('Cronologia (ora locale del Mac, la più recente in fondo):');
    expect(r.stdout).toMatch(/jamf\.log: dal suo nome host test-mbp \(righe di jamf\.log\)/);
    expect(r.stdout).toMatch(/Fuso orario: -05:00 in .*unified-syslog\.log:3/);
  });

  it('JSON: each Mac carries its events, attribution and zone', async () => {
    const r = await runCli(['logs', macFolder(), '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    const mac = doc.macs[0];
    expect(mac.zone.offsets).toEqual(['-05:00']);
    expect(
      mac.events.map((e: { signature: string; local: string; offset: string }) => [e.signature, e.local, e.offset]),
    ).toEqual([
      ['jamf-recurring-check-in', '2020-04-26 21:50:00', '-05:00'],
      ['jamfaad-launching-company-portal', '2020-04-26 22:06:15.055', '-05:00'],
      ['wpj-key-keychain-prompt', '2020-04-26 22:07:02', '-05:00'],
      ['login-keychain-password-prompt', '2020-04-26 22:07:02', '-05:00'],
      ['jamf-recurring-check-in', '2020-04-26 22:30:00', '-05:00'],
    ]);
    expect(mac.events[0].time).toBe(Date.parse('2020-04-27T02:50:00Z'));
    expect(mac.attribution[0].how).toMatch(/^by its host name test-mbp|no serial or host/);
  });
});
