/**
 * Issue 14 item 3: a collection that is killed (kill -9, Ctrl-C, a crash) must never leave a folder that reads as a
 * complete snapshot. The real CLI collects from the simulator in a child process and is killed as soon as it has
 * written some pages; the folder it leaves is then diagnosed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTenant, type Simulator, startSimulator } from '../../sim/index.js';
import { diagnoseSnapshot } from '../../src/diagnose.js';
import { readSnapshot } from '../../src/snapshot/reader.js';
import { BIN, ROOT, runCli } from '../cli.js';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('an interrupted collection', () => {
  let sim: Simulator;
  let work: string;
  beforeAll(async () => {
    const { tenant } = generateTenant({ seed: 7, macs: 2500, mode: 'legacy' });
    // Slow pages, so that the child is killed in the middle of the paged datasets.
    sim = await startSimulator({ tenant, faults: { seed: 1, rules: [], latencyMs: 150 } });
    work = await mkdtemp(join(tmpdir(), 'jidoctor-cut-'));
  });
  afterAll(async () => {
    await sim?.close();
    await rm(work, { recursive: true, force: true });
  });

  const env = () => {
    const c = sim.credentials;
    return {
      PATH: process.env.PATH ?? '',
      HOME: work,
      NO_COLOR: '1',
      JIDOCTOR_DB: join(work, 'h.db'),
      AZURE_TENANT_ID: c.tenantId,
      AZURE_CLIENT_ID: c.clientId,
      AZURE_CLIENT_SECRET: c.clientSecret,
      JIDOCTOR_LOGIN_URL: sim.loginUrl,
      JIDOCTOR_GRAPH_URL: sim.graphUrl,
      JAMF_URL: sim.jamfUrl,
      JAMF_CLIENT_ID: c.jamfClientId,
      JAMF_CLIENT_SECRET: c.jamfClientSecret,
    };
  };

  /** Starts `collect --out dir` and kills it with `signal` once `pages` page files are written. */
  async function collectAndKill(dir: string, signal: NodeJS.Signals, pages: number): Promise<void> {
    const child: ChildProcess = spawn(process.execPath, [BIN, 'collect', '--out', dir, '--quiet'], {
      cwd: ROOT,
      env: env(),
      stdio: 'ignore',
    });
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (filesUnder(dir).filter((f) => /page-\d+\.json$/.test(f)).length >= pages) break;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill(signal);
    await exited;
  }

  for (const [signal, pages] of [
    ['SIGKILL', 3],
    ['SIGINT', 6],
  ] as const) {
    it(`killed with ${signal} after ${pages} pages: marked in progress, every dataset partial, no finding`, async () => {
      const dir = join(work, `cut-${signal}-${pages}`);
      await collectAndKill(dir, signal, pages);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
        state?: string;
        datasets: Record<string, { status: string }>;
      };
      expect(manifest.state).toBe('collecting');
      for (const [id, e] of Object.entries(manifest.datasets)) expect(e.status, id).not.toBe('complete');
      // No file is left half written: every file the reader can see is whole JSON.
      const c = await readSnapshot(dir);
      for (const d of c.datasets.values()) expect(d.status, d.id).not.toBe('complete');
      const { report } = await diagnoseSnapshot(dir);
      expect(report.findings).toHaveLength(0);
      expect(report.summary.checks.fail).toBe(0);
      expect(report.summary.checks.pass).toBe(0);
      expect(report.warnings?.[0]).toMatch(/collection did not finish/);
      // The CLI says so too, on stderr, and exits 0 (nothing failed: nothing could be checked).
      const r = await runCli(['diagnose', '--snapshot', dir, '--no-history'], { JIDOCTOR_DB: join(work, 'h.db') });
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/jidoctor: warning: .*collection did not finish/);
      expect(r.stdout).toMatch(/collection did not finish/);
    }, 90_000);
  }

  it('a rerun into the folder of an interrupted collection is refused with the reason, and a finished one reads complete', async () => {
    const dir = join(work, 'cut-SIGKILL-3');
    const r = await runCli(['collect', '--out', dir, '--quiet'], env());
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/holds an interrupted collection/);
    const full = join(work, 'full');
    const ok = await runCli(['collect', '--out', full, '--quiet'], env());
    expect(ok.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(full, 'manifest.json'), 'utf8')) as { state?: string };
    expect(manifest.state).toBe('complete');
    // Nothing of the writer's own is left behind.
    expect(filesUnder(full).some((f) => f.includes('.jidoctor-writing'))).toBe(false);
    const { report } = await diagnoseSnapshot(full);
    expect(report.warnings ?? []).toEqual([]);
    expect(report.summary.checks.fail).toBeGreaterThan(0);
  }, 120_000);

  it('a hand-written manifest in the collecting state is read the same way', async () => {
    const dir = join(work, 'hand');
    const full = join(work, 'full');
    await rm(dir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.cp(full, dir, { recursive: true }));
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...m, state: 'collecting' }));
    const { report } = await diagnoseSnapshot(dir);
    expect(report.findings).toHaveLength(0);
    expect(report.datasets.filter((d) => d.status === 'complete')).toEqual([]);
  });
});
