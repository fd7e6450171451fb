import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../sim/control.js';
import { generateTenant } from '../../sim/index.js';
import { collectToSnapshot } from '../../src/collect/collect.js';
import { FAST_HTTP } from './harness.js';

/**
 * `jidoctor sim` takes commands on stdin between two collections (what the collection benchmark's delta run does):
 * a full collection, `touch 0.05`, then `collect --since` the first snapshot reads devices and users by delta.
 */
describe('jidoctor sim: stdin commands', () => {
  it('touch between two collections: the second, --since the first, comes by delta with the changes', async () => {
    const child = spawn(
      process.execPath,
      ['bin/jidoctor.js', 'sim', '--scenario', 'legacy', '--macs', '20', '--seed', '4', '--non-mac-devices', '80'],
      { cwd: join(import.meta.dirname, '../..'), stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let out = '';
    const waitFor = (re: RegExp) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`waited for ${re} in: ${out}`)), 20_000);
        const check = () => {
          const m = re.exec(out);
          if (m) {
            clearTimeout(timer);
            child.stdout.off('data', check);
            resolve(m);
          }
        };
        child.stdout.on('data', (d) => {
          out += d;
        });
        child.stdout.on('data', check);
        check();
      });
    const dir = await mkdtemp(join(tmpdir(), 'jidoctor-simctl-'));
    try {
      await waitFor(/jidoctor collect/);
      const v: Record<string, string> = {};
      for (const m of out.matchAll(/^export (\w+)='?([^'\n]*)'?$/gm)) v[m[1]!] = m[2]!;
      const config = {
        graph: {
          tenantId: v.AZURE_TENANT_ID!,
          clientId: v.AZURE_CLIENT_ID!,
          clientSecret: v.AZURE_CLIENT_SECRET!,
          cloud: 'public' as const,
          loginBaseUrl: v.JIDOCTOR_LOGIN_URL!,
          graphBaseUrl: v.JIDOCTOR_GRAPH_URL!,
        },
        jamf: { url: v.JAMF_URL!, clientId: v.JAMF_CLIENT_ID!, clientSecret: v.JAMF_CLIENT_SECRET! },
      };
      const first = await collectToSnapshot({ config, outDir: join(dir, 'first'), http: FAST_HTTP });
      expect(first.delta['graph/v1.0/devices']?.mode).toBe('full');
      child.stdin.write('touch 0.05 2\n');
      const touched = JSON.parse((await waitFor(/^# touched (.*)$/m))[1]!) as { devices: { changed: number } };
      expect(touched.devices.changed).toBeGreaterThan(0);
      const second = await collectToSnapshot({
        config,
        outDir: join(dir, 'second'),
        http: FAST_HTTP,
        since: join(dir, 'first'),
      });
      expect(second.delta['graph/v1.0/devices']).toMatchObject({ mode: 'delta' });
      expect(second.delta['graph/v1.0/devices']?.changes).toBeGreaterThan(0);
      expect(second.stats.graph.bytes).toBeLessThan(first.stats.graph.bytes);
      child.stdin.write('expire-delta\n');
      await waitFor(/^# delta links expired$/m);
      const code = await new Promise<number | null>((resolve) => {
        child.once('exit', (c) => resolve(c));
        child.kill('SIGINT');
      });
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a line it does not understand gets one error line, and changes nothing', () => {
    const { tenant } = generateTenant({ seed: 1, macs: 3, mode: 'legacy' });
    const before = JSON.stringify(tenant.graph.devices);
    expect(runCommand(tenant, 'touch 2')).toMatch(/^# error: touch 2: expected a fraction/);
    expect(runCommand(tenant, 'touch 0')).toMatch(/^# error: /);
    expect(runCommand(tenant, 'expire-delta later')).toBe('# error: expire-delta later: expected expired or reset');
    expect(runCommand(tenant, 'reboot')).toMatch(/^# error: reboot: unknown command/);
    expect(runCommand(tenant, '   ')).toMatch(/^# error: empty command/);
    expect(JSON.stringify(tenant.graph.devices)).toBe(before);
    expect(runCommand(tenant, 'touch 0.5 3')).toMatch(/^# touched \{"devices":/);
    expect(JSON.stringify(tenant.graph.devices)).not.toBe(before);
  });
});
