import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../cli.js';
import { writeSnapshot } from './snapshot.js';

/**
 * A history database in a read-only folder (issue 14 item 10): `history` and `diff` read it; `diagnose` warns and
 * still writes its report. As root (which ignores file modes) the CLI runs as the unprivileged user 65534.
 */
const asRoot = process.getuid?.() === 0;

function jidoctor(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), NO_COLOR: '1', TMPDIR: tmpdir() },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
/** The same, with write access (as root when the tests run as root). */
function jidoctorRw(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let dir: string;
let ro: string;
let db: string;
let out: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jidoctor-ro-'));
  chmodSync(dir, 0o755);
  ro = join(dir, 'ro');
  db = join(ro, 'history.db');
  out = join(dir, 'out');
  writeSnapshot(join(dir, 's1'), { C02A: 2, C02B: 1 }, '2026-11-20T09:00:00Z');
  writeSnapshot(join(dir, 's2'), { C02A: 1, C02B: 2 }, '2026-11-27T09:00:00Z');
  for (const s of ['s1', 's2']) {
    const r = await jidoctorRw(['diagnose', '--snapshot', join(dir, s), '--db', db, '--fail-on', 'none']);
    expect(r.code, r.stderr).toBe(0);
  }
  const { mkdirSync } = await import('node:fs');
  mkdirSync(out, { mode: 0o777 });
  chmodSync(out, 0o777);
  for (const f of readdirSync(ro)) chmodSync(join(ro, f), 0o444);
  chmodSync(ro, 0o555);
}, 120_000);
afterAll(() => {
  chmodSync(ro, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

describe('a history database in a read-only folder', () => {
  it('history lists its runs', async () => {
    const r = await jidoctor(['history', '--db', db, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { runs: unknown[] }).runs).toHaveLength(2);
  });

  it('diff compares its runs', async () => {
    const r = await jidoctor(['diff', '--db', db, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { from: { id: number }; to: { id: number }; new: unknown[]; fixed: unknown[] };
    expect([d.from.id, d.to.id]).toEqual([1, 2]);
    expect(d.new.length + d.fixed.length).toBeGreaterThan(0);
  });

  it('diagnose warns that the run is not recorded and still writes its report', async () => {
    const report = join(out, 'report.json');
    const r = await jidoctor([
      'diagnose',
      '--snapshot',
      join(dir, 's2'),
      '--db',
      db,
      '--format',
      'json',
      '--output',
      report,
      '--fail-on',
      'none',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/history: .*not recorded.*read-only/);
    expect((JSON.parse(readFileSync(report, 'utf8')) as { format: string }).format).toBe('jidoctor-report');
    // The database was not changed.
    const h = await jidoctor(['history', '--db', db, '--format', 'json']);
    expect((JSON.parse(h.stdout) as { runs: unknown[] }).runs).toHaveLength(2);
  });
});
