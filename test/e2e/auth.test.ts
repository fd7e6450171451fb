import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_GRAPH_ROLES, generateTenant, startSimulator } from '../../sim/index.js';
import { SourceError } from '../../src/errors.js';
import { collectLive } from '../../src/live.js';
import { FAST_HTTP, liveConfigFor, roundTrip } from './harness.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'jidoctor-auth-'));
  dirs.push(d);
  return d;
}

describe('permissions', () => {
  it('403 on a dataset → forbidden, with the permission named from the 403 body (Intune JSON-in-a-string) or the dataset', async () => {
    const roles = ALL_GRAPH_ROLES.filter(
      (r) => !['DeviceManagementManagedDevices.Read.All', 'User.Read.All', 'Directory.Read.All'].includes(r),
    );
    const notes: string[] = [];
    const { CHECKS } = await import('../../src/checks/index.js');
    const rt = await roundTrip(
      { seed: 4, macs: 12, mode: 'legacy' },
      {
        sim: { graphRoles: roles, jamfPrivileges: ['Read Computers'] },
        collect: { note: (l) => notes.push(l), checks: CHECKS },
      },
    );
    dirs.push(rt.dir);
    const manifest = JSON.parse(await readFile(join(rt.dir, 'manifest.json'), 'utf8'));
    expect(manifest.datasets['graph/v1.0/deviceManagement/managedDevices']).toMatchObject({
      status: 'forbidden',
      httpStatus: 403,
      code: 'UnknownError',
      needs: ['DeviceManagementManagedDevices.Read.All'],
    });
    expect(manifest.datasets['graph/v1.0/users']).toMatchObject({
      status: 'forbidden',
      code: 'Authorization_RequestDenied',
      needs: ['User.Read.All'],
    });
    expect(manifest.datasets['jamf/api/v3/check-in']).toMatchObject({
      status: 'forbidden',
      needs: ['Read Computer Check-In'],
    });
    // The checks that need them say could not check, naming the permission; the run went on.
    const dup = rt.report.checks.find((c) => c.id === 'intune/duplicate-device-records')!;
    expect(dup.outcome).toBe('cannotCheck');
    expect(dup.reason).toMatchObject({ kind: 'forbidden', needs: ['DeviceManagementManagedDevices.Read.All'] });
    expect(manifest.datasets['graph/v1.0/devices'].status).toBe('complete');
    // At start, the collector read the token's roles and said which checks will be could-not-check and why.
    expect(
      notes.some((l) =>
        /intune\/duplicate-device-records will be could not check: grant DeviceManagementManagedDevices\.Read\.All/.test(
          l,
        ),
      ),
    ).toBe(true);
  });
});

describe('Jamf privileges', () => {
  it('without Read Device Compliance Information, the per-computer compliance dataset is forbidden and names it', async () => {
    const { CHECKS } = await import('../../src/checks/index.js');
    const rt = await roundTrip(
      { seed: 5, macs: 6, mode: 'device-compliance', problems: [] },
      {
        sim: { jamfPrivileges: ['Read Computers', 'Read Computer Check-In'] },
        collect: { note: () => {}, checks: CHECKS },
      },
    );
    dirs.push(rt.dir);
    const manifest = JSON.parse(await readFile(join(rt.dir, 'manifest.json'), 'utf8'));
    const id = 'jamf/api/v1/conditional-access/device-compliance-information/computer/{id}';
    expect(manifest.datasets[id]).toMatchObject({
      status: 'forbidden',
      httpStatus: 403,
      needs: ['Read Device Compliance Information'],
    });
    const mismatch = rt.report.checks.find((c) => c.id === 'compliance/jamf-entra-mismatch')!;
    expect(mismatch).toMatchObject({
      outcome: 'cannotCheck',
      reason: { kind: 'forbidden', needs: ['Read Device Compliance Information'] },
    });
  });
});

describe('per-computer compliance information', () => {
  it('is read for the computers Jamf Pro manages only', async () => {
    const gen = { seed: 6, macs: 5, mode: 'device-compliance' as const, problems: [] };
    const { tenant } = generateTenant(gen);
    const unmanaged = tenant.jamf.computers[1]!;
    unmanaged.managed = false;
    const rt = await roundTrip(gen, { sim: { tenant } });
    dirs.push(rt.dir);
    const manifest = JSON.parse(await readFile(join(rt.dir, 'manifest.json'), 'utf8'));
    const path = (id: string) => `jamf/api/v1/conditional-access/device-compliance-information/computer/${id}`;
    expect(manifest.datasets[path(unmanaged.id)]).toBeUndefined();
    for (const c of tenant.jamf.computers.filter((x) => x !== unmanaged))
      expect(manifest.datasets[path(c.id)]).toMatchObject({ status: 'complete' });
    expect(
      manifest.datasets['jamf/api/v1/conditional-access/device-compliance-information/computer/{id}'],
    ).toMatchObject({ status: 'complete', records: 4 });
  });
});

describe('credentials', () => {
  it('a wrong client secret → one clear error naming AZURE_CLIENT_SECRET, exit code 3', async () => {
    const { tenant } = generateTenant({ seed: 1, macs: 3, mode: 'legacy' });
    const sim = await startSimulator({ tenant });
    try {
      const cfg = liveConfigFor(sim);
      cfg.graph!.clientSecret = 'not-the-secret-1234';
      const err = await collectLive({ config: cfg, outDir: await tempDir(), http: FAST_HTTP }).catch((e) => e);
      expect(err).toBeInstanceOf(SourceError);
      expect(err.exitCode).toBe(3);
      expect(err.message).toMatch(/AADSTS7000215.*check AZURE_CLIENT_SECRET/);
      expect(err.message).not.toContain('not-the-secret-1234');
      expect(err.message.split('\n')).toHaveLength(1);
    } finally {
      await sim.close();
    }
  });

  it('a wrong tenant or client id names AZURE_TENANT_ID / AZURE_CLIENT_ID; a wrong Jamf secret names JAMF_CLIENT_SECRET', async () => {
    const { tenant } = generateTenant({ seed: 1, macs: 3, mode: 'legacy' });
    const sim = await startSimulator({ tenant });
    try {
      let cfg = liveConfigFor(sim);
      cfg.graph!.tenantId = '99999999-9999-4999-8999-999999999999';
      expect(
        (await collectLive({ config: cfg, outDir: await tempDir(), http: FAST_HTTP }).catch((e) => e)).message,
      ).toMatch(/AZURE_TENANT_ID/);
      cfg = liveConfigFor(sim);
      cfg.graph!.clientId = '99999999-9999-4999-8999-999999999999';
      expect(
        (await collectLive({ config: cfg, outDir: await tempDir(), http: FAST_HTTP }).catch((e) => e)).message,
      ).toMatch(/AZURE_CLIENT_ID/);
      cfg = liveConfigFor(sim);
      cfg.jamf!.clientSecret = 'wrong-jamf-secret';
      const e = await collectLive({ config: cfg, outDir: await tempDir(), http: FAST_HTTP }).catch((x) => x);
      expect(e.message).toMatch(/Jamf Pro sign-in failed \(HTTP 401\): check JAMF_CLIENT_ID and JAMF_CLIENT_SECRET/);
      cfg = liveConfigFor(sim, 'user');
      cfg.jamf!.password = 'wrong-password';
      expect(
        (await collectLive({ config: cfg, outDir: await tempDir(), http: FAST_HTTP }).catch((x) => x)).message,
      ).toMatch(/JAMF_USERNAME and JAMF_PASSWORD/);
    } finally {
      await sim.close();
    }
  });

  it('certificate credentials (client assertion signed by MSAL) and the Jamf user bearer token (invalidated at the end)', async () => {
    const dir = await tempDir();
    const keyFile = join(dir, 'app.pem');
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-days',
          '2',
          '-subj',
          '/CN=jidoctor-test',
        ],
        { stdio: 'ignore' },
      );
    } catch {
      return; // no openssl: nothing to sign a certificate with here
    }
    const cert = await readFile(join(dir, 'cert.pem'), 'utf8');
    const key = await readFile(join(dir, 'key.pem'), 'utf8');
    await writeFile(keyFile, `${cert}\n${key}`);
    const { X509Certificate } = await import('node:crypto');
    const publicKey = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const { tenant } = generateTenant({ seed: 2, macs: 5, mode: 'legacy' });
    const sim = await startSimulator({ tenant, certificatePem: { certificate: cert, privateKey: key, publicKey } });
    try {
      const cfg = liveConfigFor(sim, 'user');
      delete cfg.graph!.clientSecret;
      cfg.graph!.certificatePath = keyFile;
      const { result } = await collectLive({ config: cfg, outDir: join(dir, 'snap'), http: FAST_HTTP });
      expect(result.datasets['graph/v1.0/devices']?.status).toBe('complete');
      expect(sim.log.some((l) => l.path === '/api/v1/auth/token' && l.status === 200)).toBe(true);
      expect(sim.log.some((l) => l.path === '/api/v1/auth/invalidate-token' && l.status === 204)).toBe(true);
    } finally {
      await sim.close();
    }
  });
});

function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/jidoctor.js', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      cwd: join(import.meta.dirname, '../..'),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
  }
  return out;
}

describe('secrets never appear in any output', () => {
  it('CLI diagnose --live and collect: stdout, stderr, the snapshot and the manifest hold no secret and no token', async () => {
    const { tenant } = generateTenant({ seed: 5, macs: 8, mode: 'device-compliance' });
    const sim = await startSimulator({ tenant });
    const c = sim.credentials;
    const dir = await tempDir();
    try {
      const base = {
        AZURE_TENANT_ID: c.tenantId,
        AZURE_CLIENT_ID: c.clientId,
        AZURE_CLIENT_SECRET: c.clientSecret,
        JIDOCTOR_LOGIN_URL: sim.loginUrl,
        JIDOCTOR_GRAPH_URL: sim.graphUrl,
        JAMF_URL: sim.jamfUrl,
        JIDOCTOR_DEBUG: '1',
        // The run history lands in the scanned folder too.
        JIDOCTOR_DB: join(dir, 'history.db'),
        XDG_DATA_HOME: join(dir, 'xdg'),
      };
      const runs = [
        await run(['diagnose', '--live', '--save-snapshot', join(dir, 'a'), '--format', 'json', '--fail-on', 'none'], {
          ...base,
          JAMF_CLIENT_ID: c.jamfClientId,
          JAMF_CLIENT_SECRET: c.jamfClientSecret,
        }),
        await run(['collect', '--out', join(dir, 'b')], {
          ...base,
          JAMF_USERNAME: c.jamfUsername,
          JAMF_PASSWORD: c.jamfPassword,
        }),
        // Failures print errors: they must not echo the secret either.
        await run(['collect', '--out', join(dir, 'c')], {
          ...base,
          AZURE_CLIENT_SECRET: 'wrong-secret-value-42',
          JAMF_USERNAME: c.jamfUsername,
          JAMF_PASSWORD: c.jamfPassword,
        }),
      ];
      expect(runs[0]!.code).toBe(0);
      expect(JSON.parse(runs[0]!.stdout).format).toBe('jidoctor-report');
      expect(runs[1]!.code).toBe(0);
      expect(runs[2]!.code).toBe(3);
      expect(runs[2]!.stderr.trim().split('\n')).toHaveLength(1);
      expect(runs[2]!.stderr).toMatch(/^jidoctor: Entra ID sign-in failed \(AADSTS7000215\).*AZURE_CLIENT_SECRET/);
      const secrets = [
        c.clientSecret,
        c.jamfClientSecret,
        c.jamfPassword,
        'wrong-secret-value-42',
        ...sim.issuedTokens(),
      ];
      expect(sim.issuedTokens().length).toBeGreaterThan(2);
      const texts = runs.flatMap((r) => [r.stdout, r.stderr]);
      const files = await filesUnder(dir);
      expect(files).toContain(join(dir, 'history.db'));
      for (const f of files) texts.push(await readFile(f, 'utf8'));
      expect(texts.length).toBeGreaterThan(20);
      for (const t of texts) for (const s of secrets) expect(t.includes(s)).toBe(false);
      // Tokens are JWT-shaped: no fragment of one either.
      for (const t of texts) expect(t).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.eyJ/);
    } finally {
      await sim.close();
    }
  }, 60_000);
});

describe('nothing usable', () => {
  it('every dataset forbidden → exit code 3 with the first permission to grant, manifest still written', async () => {
    const { tenant } = generateTenant({ seed: 1, macs: 3, mode: 'legacy' });
    const sim = await startSimulator({ tenant, graphRoles: [] });
    try {
      const cfg = liveConfigFor(sim);
      cfg.jamf = null;
      const out = await tempDir();
      const err = await collectLive({ config: cfg, outDir: out, http: FAST_HTTP }).catch((e) => e);
      expect(err).toBeInstanceOf(SourceError);
      expect(err.exitCode).toBe(3);
      expect(err.message).toMatch(/nothing usable was collected \(graph\/v1\.0\/.*: forbidden, grant /);
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.datasets['jamf/api/v1/jamf-pro-version'].status).toBe('skipped');
    } finally {
      await sim.close();
    }
  });
});

describe('Jamf token renewal', () => {
  it('short-lived tokens: user tokens renewed with keep-alive, API client tokens re-requested; every dataset complete', async () => {
    for (const kind of ['user', 'oauth'] as const) {
      const rt = await roundTrip(
        { seed: 6, macs: 40, mode: 'device-compliance' },
        { jamfAuth: kind, sim: { jamfTokenSeconds: 1, faults: { seed: 1, rules: [], latencyMs: 150 } } },
      );
      dirs.push(rt.dir);
      for (const [path, e] of Object.entries(rt.result.datasets)) {
        if (path.startsWith('jamf/')) expect(e.status, `${kind} ${path} ${JSON.stringify(e)}`).toBe('complete');
      }
      const renewals = rt.sim.log.filter(
        (l) => l.path === (kind === 'user' ? '/api/v1/auth/keep-alive' : '/api/oauth/token'),
      );
      expect(renewals.length, kind).toBeGreaterThan(0);
      // Renewed halfway through a short token's life, not before every request.
      const requests = rt.sim.log.filter(
        (l) => l.path.startsWith('/api/') && !l.path.includes('auth') && !l.path.includes('oauth'),
      );
      expect(renewals.length, kind).toBeLessThan(requests.length / 2);
      // The Jamf session ends with the token invalidated (Graph's user look-ups may come after it).
      if (kind === 'user')
        expect(rt.sim.log.filter((l) => l.service === 'jamf').at(-1)?.path).toBe('/api/v1/auth/invalidate-token');
    }
  });
});

describe('snapshot folder', () => {
  it('refuses to write into a folder that already holds files (stale pages would mix in)', async () => {
    const { tenant } = generateTenant({ seed: 1, macs: 3, mode: 'legacy' });
    const sim = await startSimulator({ tenant });
    try {
      const out = await tempDir();
      await writeFile(join(out, 'manifest.json'), '{}');
      const err = await collectLive({ config: liveConfigFor(sim), outDir: out, http: FAST_HTTP }).catch((e) => e);
      expect(err.exitCode).toBe(2);
      expect(err.message).toMatch(/expected a new or empty folder for the snapshot, found 1 entries/);
      expect(sim.log).toHaveLength(0);
    } finally {
      await sim.close();
    }
  });
});
