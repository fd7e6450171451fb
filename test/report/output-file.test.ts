import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, EXAMPLE, ROOT, runCli } from '../cli.js';

/**
 * --output is written beside the file and renamed (issue 14 item 8): a full disk never destroys the previous report
 * nor leaves a truncated one, for the streamed JSON writer as for every other format; and a bad output path fails
 * before anything is collected or recorded in the history.
 */
let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'jidoctor-out-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The CLI with a file size limit (ulimit -f, 1024-byte blocks): writes past it fail with EFBIG, as on a full disk. */
function cliWithFileLimit(blocks: number, args: string[]): Promise<{ code: number; stderr: string }> {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve) => {
    execFile(
      'sh',
      ['-c', `ulimit -f ${blocks} && exec ${quoted}`],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: work, NO_COLOR: '1', JIDOCTOR_DB: join(work, 'h.db') } },
      (err, _out, stderr) => {
        const code = err ? (err as { code?: unknown }).code : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stderr: String(stderr) });
      },
    );
  });
}

describe('--output on a full disk', () => {
  for (const format of ['json', 'text', 'markdown']) {
    it(`${format}: the previous report stays whole, no truncated file is left, one line, exit 2`, async () => {
      const out = join(work, `report.${format}`);
      const previous = `the previous report\n${'x'.repeat(100)}\n`;
      writeFileSync(out, previous);
      // The example's reports are 30-40 kB: 8 kB is not enough.
      const r = await cliWithFileLimit(8, [
        'diagnose',
        '--snapshot',
        EXAMPLE,
        '--no-history',
        '--format',
        format,
        '--output',
        out,
      ]);
      expect(r.stderr).toMatch(new RegExp(`--output ${out}: cannot be written \\(EFBIG\\)`));
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.code).toBe(2);
      expect(readFileSync(out, 'utf8')).toBe(previous);
      expect(readdirSync(work).filter((f) => f !== 'h.db')).toEqual([`report.${format}`]);
    });
  }

  it('a report that fits replaces the previous one, whole', async () => {
    const out = join(work, 'report.json');
    writeFileSync(out, 'old');
    const r = await runCli(['diagnose', '--snapshot', EXAMPLE, '--no-history', '--format', 'json', '--output', out]);
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBeDefined();
    expect(readdirSync(work)).toEqual(['report.json']);
  });
});

describe('a bad --output path', () => {
  it('fails before the run is recorded in the history', async () => {
    const db = join(work, 'history.db');
    const bad = join(work, 'no-such-folder', 'report.txt');
    const r = await runCli(['diagnose', '--snapshot', EXAMPLE, '--db', db, '--output', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--output .*no-such-folder\/report.txt: cannot be written \(the folder .* does not exist\)/,
    );
    expect(r.stderr).not.toMatch(/history: recorded/);
    expect(existsSync(db)).toBe(false);
  });

  it('a folder given as --output fails at once', async () => {
    const r = await runCli(['diagnose', '--snapshot', EXAMPLE, '--db', join(work, 'h.db'), '--output', work]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a folder/);
    expect(existsSync(join(work, 'h.db'))).toBe(false);
  });
});
