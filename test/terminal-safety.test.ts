import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/index.js';
import { diagnoseSnapshot } from '../src/diagnose.js';
import { buildReport, runChecks } from '../src/engine/run.js';
import { FORMATS } from '../src/report/formats.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderText } from '../src/report/text.js';
import { fleet } from './builders.js';
import { runCli } from './cli.js';
import { MANIFEST, removeDir, writeSnapshot } from './tmp.js';

const HOSTILE = 'LON-1\u001b[2K\u001b[1A\u001b]0;pwned\u0007';

describe('data never drives the terminal', () => {
  const f = fleet('2026-11-29T09:30:00Z')
    .jamf({ general: { name: HOSTILE, lastContactTime: '2026-11-20T00:00:00Z' }, hardware: { serialNumber: 'C1' } })
    .build();
  const result = runChecks(f, CHECKS);
  const report = buildReport(f, result, { kind: 'snapshot', path: null, asOfSource: 'manifest' }, 'en', 0);

  it('escape sequences in a Mac name are neutralised in the text and Markdown reports, with or without colour', () => {
    for (const color of [false, true]) {
      const text = renderText(report, { lang: 'en', checks: CHECKS, color });
      expect(text).toContain('LON-1?[2K?[1A?]0;pwned?');
      // Our own colour codes are the only escapes left.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is about escape characters.
      expect(text.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is about escape characters.
    expect(renderMarkdown(report, { lang: 'en', checks: CHECKS })).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('the JSON data keeps the name as the API gave it', () => {
    const overdue = report.findings.find((x) => x.checkId === 'jamf/check-in-overdue')!;
    expect(overdue.data.name).toBe(HOSTILE);
    expect(overdue.message).not.toContain('\u001b');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Issue 14 item 9: every C0 and C1 control and every bidi control, through every format and every human output.

const C0 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i));
const C1 = Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)); // DEL and 0x80-0x9f
const BIDI = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c].map((c) =>
  String.fromCharCode(c),
);
const EVERY = [...C0, ...C1, ...BIDI].join('');
const hostileName = (tag: string) => `${tag}-${EVERY}-end`;
/** Raw characters that must never reach a terminal or a human format (tab and line feed are layout). */
const UNSAFE = new RegExp(
  `[${[...C0, ...C1, ...BIDI]
    .filter((c) => c !== '\t' && c !== '\n')
    .map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('')}]`,
);
const SGR = new RegExp(`${'\\u001b'}\\[[0-9;]*m`, 'g');

describe('every control and bidi character, through every format', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await removeDir(d);
  });
  async function hostileSnapshot(): Promise<string> {
    const dir = await writeSnapshot({
      'manifest.json': MANIFEST({}, { tenant: { id: 't-1', name: hostileName('Contoso') } }),
      'jamf/api/v1/computers-inventory/page-00001.json': {
        totalCount: 1,
        results: [
          {
            id: '1',
            general: {
              name: hostileName('MAC'),
              lastContactTime: '2026-11-20T00:00:00Z',
              remoteManagement: { managed: true },
            },
            hardware: { serialNumber: 'C02HOSTILE1' },
            userAndLocation: { email: hostileName('user') },
          },
        ],
      },
      [`graph/v1.0/groups/${hostileName('group').split('\u0000').join('').split('/').join('')}.json`]: '{"id": ',
    });
    dirs.push(dir);
    return dir;
  }

  it('the text, Markdown, HTML and CSV reports show none raw; JSON and SARIF escape them and keep the data', async () => {
    const dir = await hostileSnapshot();
    // The malformed group file would stop the read: the formats are checked without it first.
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, 'graph'), { recursive: true, force: true });
    const { report } = await diagnoseSnapshot(dir, { generatedAt: 0 });
    expect(report.tenant.name).toBe(hostileName('Contoso'));
    expect(report.findings.some((f) => f.subjects.some((s) => s.name === hostileName('MAC')))).toBe(true);
    for (const [name, render] of Object.entries(FORMATS)) {
      for (const color of name === 'text' ? [false, true] : [false]) {
        let out = await render(report, { lang: 'en', checks: CHECKS, color, width: 100 });
        if (color) out = out.replace(SGR, '');
        if (name === 'csv') out = out.replace(/\r\n/g, '\n');
        expect(UNSAFE.exec(out)?.[0]?.charCodeAt(0), `${name}${color ? ' (colour)' : ''}`).toBeUndefined();
        if (name === 'json') expect(JSON.parse(out).tenant.name).toBe(hostileName('Contoso'));
      }
      // The mac name is in every format that lists Macs (a sanitised form of it).
    }
    expect(await FORMATS.csv!(report, { lang: 'en', checks: CHECKS, color: false, width: 80 })).toContain('MAC-');
  });

  it('history, diff, notes and error lines show none raw', async () => {
    const dir = await hostileSnapshot();
    const db = join(dir, '..', `${dir.split('/').pop()}-h.db`);
    dirs.push(db);
    // A malformed file whose name carries the characters: the error line names it, safely.
    const bad = await runCli(['diagnose', '--snapshot', dir, '--no-history'], { JIDOCTOR_DB: db });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^jidoctor: graph\/v1.0\/groups\/group-/);
    expect(UNSAFE.exec(bad.stderr.replace(/\n/g, ''))?.[0]?.charCodeAt(0)).toBeUndefined();
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, 'graph'), { recursive: true, force: true });
    for (let i = 0; i < 2; i++) {
      const r = await runCli(['diagnose', '--snapshot', dir, '--db', db, '--fail-on', 'none'], {});
      expect(r.code, r.stderr).toBe(0);
      expect(UNSAFE.exec(r.stdout + r.stderr)?.[0]?.charCodeAt(0)).toBeUndefined();
    }
    for (const args of [['history'], ['history', '--format', 'json'], ['diff'], ['diff', '--format', 'json']]) {
      const r = await runCli([...args, '--db', db], {});
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/Contoso|C02HOSTILE1/);
      expect(UNSAFE.exec(r.stdout + r.stderr)?.[0]?.charCodeAt(0), args.join(' ')).toBeUndefined();
    }
  }, 120_000);
});
