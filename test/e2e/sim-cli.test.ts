import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** `jidoctor sim` in the foreground: prints the URLs and credentials, serves on 127.0.0.1, stops on SIGINT. */
describe('jidoctor sim', () => {
  it('prints export lines for collect, enforces auth, and stops cleanly', async () => {
    const child = spawn(
      process.execPath,
      ['bin/jidoctor.js', 'sim', '--scenario', 'device-compliance', '--macs', '5', '--seed', '3'],
      {
        cwd: join(import.meta.dirname, '../..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    const vars = await new Promise<Record<string, string>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no output: ${out}`)), 20_000);
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('jidoctor collect')) {
          clearTimeout(timer);
          const v: Record<string, string> = {};
          for (const m of out.matchAll(/^export (\w+)='?([^'\n]*)'?$/gm)) v[m[1]!] = m[2]!;
          resolve(v);
        }
      });
    });
    expect(Object.keys(vars).sort()).toEqual(
      [
        'AZURE_CLIENT_ID',
        'AZURE_CLIENT_SECRET',
        'AZURE_TENANT_ID',
        'JAMF_CLIENT_ID',
        'JAMF_CLIENT_SECRET',
        'JAMF_URL',
        'JIDOCTOR_GRAPH_URL',
        'JIDOCTOR_LOGIN_URL',
      ].sort(),
    );
    expect(vars.JAMF_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(vars.JIDOCTOR_GRAPH_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${vars.JIDOCTOR_GRAPH_URL}/v1.0/devices`)).status).toBe(401);
    const tok = await fetch(`${vars.JAMF_URL}/api/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: vars.JAMF_CLIENT_ID!,
        client_secret: vars.JAMF_CLIENT_SECRET!,
      }),
    });
    expect(tok.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
  }, 30_000);
});
