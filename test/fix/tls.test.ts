import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HttpRemediationClient } from '../../src/fix/http-client.js';
import { ROOT } from '../cli.js';

/** fix --apply names an untrusted TLS certificate (with the NODE_EXTRA_CA_CERTS hint) and does not retry it. */
describe('fix --apply behind TLS inspection', () => {
  it('a certificate the system does not trust is named at once, not retried five times', async () => {
    const dir = join(ROOT, 'test', 'fixtures', 'tls');
    let connections = 0;
    const server = createServer(
      { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) },
      (_req, res) => res.end('{}'),
    );
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const client = new HttpRemediationClient({
        graphBase: `https://127.0.0.1:${port}/v1.0`,
        jamfBase: null,
        graphToken: async () => 't',
        jamfToken: null,
        identity: 'x',
        backoffMs: 1,
      });
      const err = (await client
        .read({ kind: 'intune', id: 'abc', label: 'x', expect: {} })
        .catch((e: Error) => e)) as Error;
      expect(err.message).toMatch(/TLS certificate .*not trusted.*NODE_EXTRA_CA_CERTS/);
      expect(connections).toBe(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
