import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { writeSnapshot } from '../history/snapshot.js';
import { type Receiver, startReceiver } from './receiver.js';

let dir: string;
const snap = (n: number) => join(dir, `snap${n}`);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jidoctor-notify-'));
  writeSnapshot(snap(1), { C02A: 2, C02B: 2, C02C: 1 }, '2026-11-20T09:00:00Z');
  // A week later: C02A was cleaned up, C02C got a second record.
  writeSnapshot(snap(2), { C02A: 1, C02B: 2, C02C: 2 }, '2026-11-27T09:00:00Z');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let rx: Receiver | undefined;
afterEach(async () => {
  await rx?.close();
  rx = undefined;
});

const diagnose = (n: number, db: string, extra: string[]) =>
  runCli(['diagnose', '--snapshot', snap(n), '--db', db, '--fail-on', 'medium', ...extra]);

describe('diagnose --notify and diff --notify', () => {
  it('posts the first run, then only what changed; diff posts its own pair of runs', async () => {
    const db = join(dir, 'a.db');
    rx = await startReceiver('slack');
    const first = await diagnose(1, db, ['--notify', rx.url(), '--notify-format', 'slack']);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/^notify: posted to http:\/\/127\.0\.0\.1:\d+ \(slack\)$/m);
    expect(rx.got).toHaveLength(1);
    expect(rx.got[0]!.problems).toEqual([]);

    // The same snapshot again: nothing new, nothing fixed, nothing sent.
    const again = await diagnose(1, db, ['--notify', rx.url(), '--notify-format', 'slack']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('nothing sent');
    expect(rx.got).toHaveLength(1);

    const week = await diagnose(2, db, ['--notify', rx.url(), '--notify-format', 'slack', '--notify-include-names']);
    expect(week.code).toBe(1);
    expect(rx.got).toHaveLength(2);
    const text = JSON.stringify(rx.got[1]!.body);
    expect(text).toContain('*New:* 1 medium');
    expect(text).toContain('*Fixed:* 1 medium');
    expect(text).toContain('C02C');

    const diff = await runCli(['diff', '1', '3', '--db', db, '--notify', rx.url(), '--notify-format', 'teams']);
    expect(diff.code).toBe(0);
    expect(rx.got).toHaveLength(3);
    // The receiver was told to expect Slack: the Teams card fails its Slack rules, which proves the format switch.
    expect(rx.got[2]!.problems).not.toEqual([]);
    expect((rx.got[2]!.body as { type: string }).type).toBe('message');
  });

  it('a failing receiver: the report is written, the exit code is unchanged, one line on stderr, no secret', async () => {
    const db = join(dir, 'b.db');
    rx = await startReceiver('teams', [500]);
    const plain = await runCli(['diagnose', '--snapshot', snap(1), '--db', join(dir, 'c.db'), '--fail-on', 'medium']);
    const r = await diagnose(1, db, ['--notify', rx.url(), '--notify-format', 'teams']);
    expect(r.code).toBe(plain.code);
    expect(r.stdout).toBe(plain.stdout);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('notify:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^notify: not delivered: http:\/\/127\.0\.0\.1:\d+ answered HTTP 500 after 3 attempt\(s\)/,
    );
    expect(r.stderr).not.toContain('SECRETSIG123');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(rx.got.every((g) => g.problems.length === 0)).toBe(true);
  }, 60_000);

  it('refuses --notify with --no-history, and a bad URL, in one line before anything runs', async () => {
    const r = await runCli(['diagnose', '--snapshot', snap(1), '--no-history', '--notify', 'https://example.org/x']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'jidoctor: --notify: expected the run to be recorded (it posts the change since the previous run); remove --no-history',
    );
    const bad = await runCli([
      'diagnose',
      '--snapshot',
      snap(1),
      '--db',
      join(dir, 'd.db'),
      '--notify',
      'ftp://x/SECRET',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toContain('SECRET');
  });
});
