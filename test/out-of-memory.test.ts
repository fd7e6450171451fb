/**
 * Issue 14 item 11: running out of memory ends with one line saying so and how to give Node more, exit 3, and no
 * partial output file. V8 aborts the process on a full heap (no JavaScript can catch it), so bin/jidoctor.js runs
 * the CLI in a child process and watches it; this test runs the real CLI under a small --max-old-space-size.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSnapshot } from '../bench/generate.js';
import { BIN, ROOT } from './cli.js';

describe('out of memory', () => {
  const work = mkdtempSync(join(tmpdir(), 'jidoctor-oom-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('is one line with the advice, exit 3, and no output file', async () => {
    const snap = join(work, 'snap');
    await generateSnapshot(snap, 20_000, 1, false);
    const out = join(work, 'out');
    mkdirSync(out);
    const r = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=16',
        BIN,
        'diagnose',
        '--snapshot',
        snap,
        '--format',
        'json',
        '--output',
        join(out, 'report.json'),
        '--no-history',
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        // The slow path (JSON.parse of every page) needs more than 16 MB for 20,000 Macs.
        env: {
          PATH: process.env.PATH ?? '',
          HOME: work,
          NO_COLOR: '1',
          JIDOCTOR_SCAN: '0',
          JIDOCTOR_DB: join(work, 'h.db'),
        },
      },
    );
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr.trim().split('\n')).toEqual([
      `jidoctor: out of memory (Node's heap limit is 16 MB): nothing was written to ${join(out, 'report.json')}; give Node more memory, e.g. NODE_OPTIONS=--max-old-space-size=8192 jidoctor …`,
    ]);
    expect(readdirSync(out)).toEqual([]);
  }, 180_000);
});
