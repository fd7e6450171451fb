import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTenant, type Simulator, startSimulator, touchTenant } from '../../sim/index.js';
import { runCli } from '../cli.js';
import { simEnv } from './harness.js';

/** `--since` on the command line: collect and diagnose --live re-collect by delta and say so on stderr. */
describe('jidoctor collect / diagnose --live --since', () => {
  let sim: Simulator;
  let dir: string;
  beforeAll(async () => {
    sim = await startSimulator({
      tenant: generateTenant({ seed: 9, macs: 15, mode: 'legacy', otherDevices: 120 }).tenant,
    });
    dir = await mkdtemp(join(tmpdir(), 'jidoctor-delta-cli-'));
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('collect --since, then diagnose --live --since: by delta, said on stderr', async () => {
    const a = join(dir, 'a');
    const first = await runCli(['collect', '--out', a, '--quiet'], simEnv(sim));
    expect(first.code).toBe(0);
    touchTenant(sim.tenant, { fraction: 0.05, seed: 1 });
    const b = join(dir, 'b');
    const second = await runCli(['collect', '--since', a, '--out', b, '--quiet'], simEnv(sim));
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/graph\/v1\.0\/devices: by delta since \S+ \(\d+ changed, \d+ removed\)/);
    expect(second.stderr).toMatch(/graph\/v1\.0\/users: by delta since/);
    const live = await runCli(
      ['diagnose', '--live', '--since', b, '--save-snapshot', join(dir, 'c'), '--no-history', '--format', 'json'],
      simEnv(sim),
    );
    expect([0, 1]).toContain(live.code);
    expect(live.stderr).toMatch(/graph\/v1\.0\/devices: by delta since/);
    expect(JSON.parse(live.stdout).checks.length).toBeGreaterThan(10);
  }, 60_000);

  it('diagnose --live --since last: from the snapshot the newest recorded run saved', async () => {
    const db = join(dir, 'history.db');
    const a = join(dir, 'last-a');
    const args = (out: string) => ['diagnose', '--live', '--since', 'last', '--save-snapshot', out, '--db', db];
    const first = await runCli([...args(a), '--format', 'json'], simEnv(sim));
    expect([0, 1]).toContain(first.code);
    expect(first.stderr).toMatch(/--since last: no earlier live run of this tenant saved a snapshot/);
    touchTenant(sim.tenant, { fraction: 0.05, seed: 2 });
    const second = await runCli([...args(join(dir, 'last-b')), '--format', 'json'], simEnv(sim));
    expect([0, 1]).toContain(second.code);
    expect(second.stderr).toContain(`--since last: starting from ${a}`);
    expect(second.stderr).toMatch(/graph\/v1\.0\/devices: by delta since/);
    const off = await runCli(['diagnose', '--live', '--since', 'last', '--no-history'], simEnv(sim));
    expect(off.code).toBe(2);
    expect(off.stderr).toMatch(/--since last: expected the history/);
  }, 60_000);

  it('bad --since: one line, exit 2, nothing collected', async () => {
    const before = sim.log.length;
    const r = await runCli(['collect', '--since', join(dir, 'nope'), '--out', join(dir, 'x')], simEnv(sim));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--since .*nope: no such folder/);
    const d = await runCli(['diagnose', '--snapshot', dir, '--since', dir], simEnv(sim));
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--since: expected together with --live/);
    expect(sim.log.length).toBe(before);
  }, 30_000);
});
