import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets, redact } from '../redact.js';
import { readConfigFile, resolveConfig } from './config.js';

afterEach(() => clearSecrets());

describe('collector settings', () => {
  it('environment over config file; secrets registered for redaction as soon as read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jidoctor-cfg-'));
    try {
      const file = join(dir, 'c.json');
      await writeFile(
        file,
        JSON.stringify({
          tenantId: 't-file',
          clientId: 'c-file',
          clientSecret: 'file-secret-1',
          jamfUrl: 'https://x.jamfcloud.com/',
          jamfClientId: 'jc',
        }),
      );
      const cfg = resolveConfig(await readConfigFile(file), {
        AZURE_TENANT_ID: 't-env',
        JAMF_CLIENT_SECRET: 'env-jamf-secret',
      });
      expect(cfg.graph).toMatchObject({
        tenantId: 't-env',
        clientId: 'c-file',
        clientSecret: 'file-secret-1',
        cloud: 'public',
        graphBaseUrl: 'https://graph.microsoft.com',
      });
      expect(cfg.jamf).toMatchObject({
        url: 'https://x.jamfcloud.com',
        clientId: 'jc',
        clientSecret: 'env-jamf-secret',
      });
      expect(redact('a file-secret-1 b env-jamf-secret')).toBe('a [redacted] b [redacted]');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('sovereign clouds set the Graph endpoint; errors name the variable', async () => {
    expect(
      resolveConfig({}, { AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's', AZURE_CLOUD: 'china' })
        .graph?.graphBaseUrl,
    ).toBe('https://microsoftgraph.chinacloudapi.cn');
    expect(() => resolveConfig({}, { AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c' })).toThrow(
      /AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH/,
    );
    expect(() => resolveConfig({}, { AZURE_TENANT_ID: 't', AZURE_CLIENT_SECRET: 's' })).toThrow(/AZURE_CLIENT_ID/);
    expect(() =>
      resolveConfig({}, { AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's', AZURE_CLOUD: 'mars' }),
    ).toThrow(/AZURE_CLOUD: expected one of public, usgov, usgovdod, china/);
    expect(() => resolveConfig({}, { JAMF_URL: 'contoso.jamfcloud.com' })).toThrow(/JAMF_URL: expected a URL/);
    expect(() => resolveConfig({}, {})).toThrow(/nothing to collect/);
    const dir = await mkdtemp(join(tmpdir(), 'jidoctor-cfg-'));
    try {
      await writeFile(join(dir, 'bad.json'), '{"tenantID": "x"}');
      await expect(readConfigFile(join(dir, 'bad.json'))).rejects.toThrow(
        /--config .*bad\.json: tenantID: unknown field/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
