import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeNetwork } from '../../src/collect/network.js';
import { readSnapshot } from '../../src/snapshot/reader.js';
import { cleanup, roundTrip } from './harness.js';

/** The probe only ever talks to 127.0.0.1 here: targets and the resolver are injected. */
let dir = '';
let tls: Server | null = null;
let tlsPort = 0;
let closedPort = 0;
const resolveLocal = async (host: string) => {
  if (host.endsWith('.invalid')) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return '127.0.0.1';
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jidoctor-net-'));
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
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    tls = createServer({ key: await readFile(join(dir, 'k.pem')), cert: await readFile(join(dir, 'c.pem')) }, (s) =>
      s.end(),
    );
    await new Promise<void>((r) => tls!.listen(0, '127.0.0.1', r));
    tlsPort = (tls.address() as { port: number }).port;
  } catch {
    tls = null;
  }
  const tmp = createNetServer();
  await new Promise<void>((r) => tmp.listen(0, '127.0.0.1', r));
  closedPort = (tmp.address() as { port: number }).port;
  await new Promise<void>((r) => tmp.close(() => r()));
});
afterAll(async () => {
  tls?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('--probe-network', () => {
  it('DNS + TLS per target: ok, refused, unresolvable', async () => {
    if (!tls) return;
    const results = await probeNetwork({
      targets: [
        { host: 'login.example.test', port: tlsPort, purpose: 'ok' },
        { host: 'graph.example.test', port: closedPort, purpose: 'closed' },
        { host: 'nowhere.invalid', port: 443, purpose: 'no dns' },
      ],
      resolve: resolveLocal,
      insecure: true,
      timeoutMs: 1000,
    });
    expect(results.map((r) => [r.resolved, r.tls])).toEqual([
      [true, true],
      [true, false],
      [false, null],
    ]);
    expect(results[1]!.error).toMatch(/ECONNREFUSED/);
    expect(results[2]!.error).toMatch(/ENOTFOUND/);
  });

  it('collect --probe-network stores the results in the snapshot and the reader gives them to the checks', async () => {
    if (!tls) return;
    const rt = await roundTrip(
      { seed: 1, macs: 4, mode: 'legacy' },
      {
        collect: {
          probe: {
            targets: [
              { host: 'login.example.test', port: tlsPort, purpose: 'ok' },
              { host: 'graph.example.test', port: closedPort, purpose: 'closed' },
            ],
            resolve: resolveLocal,
            insecure: true,
            timeoutMs: 1000,
          },
        },
      },
    );
    try {
      expect(rt.collected.network?.[0]).toEqual({
        host: 'login.example.test',
        port: tlsPort,
        purpose: 'ok',
        resolved: true,
        tls: true,
        error: null,
      });
      // network/required-endpoints reads them: the closed port is a finding, the open one is not.
      const net = rt.report.findings
        .filter((f) => f.checkId === 'network/required-endpoints')
        .map((f) => f.subjects[0]?.id);
      expect(net).toContain(`graph.example.test:${closedPort}`);
      expect(net).not.toContain(`login.example.test:${tlsPort}`);
      expect(rt.collected.datasets.get('local/network-probe')?.status).toBe('complete');
      const again = await readSnapshot(rt.dir);
      expect(again.network).toEqual(rt.collected.network);
    } finally {
      await cleanup(rt);
    }
  });
});
