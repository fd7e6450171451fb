import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { writeSnapshot } from './snapshot.js';

/** `history --tenant X` for a tenant with no run says so and names the known tenants (issue 14 item 14). */
let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jidoctor-tenant-'));
  db = join(dir, 'history.db');
  writeSnapshot(join(dir, 's1'), { C02A: 2 }, '2026-11-20T09:00:00Z');
  const r = await runCli(['diagnose', '--snapshot', join(dir, 's1'), '--db', db, '--fail-on', 'none']);
  expect(r.code, r.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('history --tenant', () => {
  it('an unknown tenant: no run of that tenant, and the tenants that have runs', async () => {
    const r = await runCli(['history', '--db', db, '--tenant', 'no-such-tenant']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/No run recorded yet/);
    expect(r.stdout).toMatch(/No run of tenant no-such-tenant in .*history\.db/);
    expect(r.stdout).toMatch(/11111111-2222-3333-4444-555555555555 \(Contoso\)/);
    const it = await runCli(['history', '--db', db, '--tenant', 'no-such-tenant', '--lang', 'it']);
    expect(it.stdout).toMatch(/Nessuna esecuzione del tenant no-such-tenant/);
    const json = await runCli(['history', '--db', db, '--tenant', 'no-such-tenant', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      runs: [],
      tenants: [{ id: '11111111-2222-3333-4444-555555555555', name: 'Contoso', runs: 1 }],
    });
  });

  it('a known tenant lists its runs', async () => {
    const r = await runCli(['history', '--db', db, '--tenant', '11111111-2222-3333-4444-555555555555']);
    expect(r.stdout).toMatch(/1 run in/);
  });
});
