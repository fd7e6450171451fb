import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { readConfigFile } from './config.js';

/** `--config` type errors are the project's one line (file, field, expected, found), not zod's text (issue 14 item 14). */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jidoctor-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function errorOf(body: string): Promise<string> {
  const file = join(dir, 'c.json');
  writeFileSync(file, body);
  try {
    await readConfigFile(file);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message.replace(file, 'FILE');
  }
  return 'no error';
}

describe('--config type errors', () => {
  it.each([
    ['[1]', '--config FILE: (root): expected a JSON object, found an array of 1'],
    ['"x"', '--config FILE: (root): expected a JSON object, found "x"'],
    ['{"tenantId": 5}', '--config FILE: tenantId: expected a string, found the number 5'],
    ['{"jamfUrl": null}', '--config FILE: jamfUrl: expected a string, found null'],
    ['{"cloud": "mars"}', '--config FILE: cloud: expected one of "public", "usgov", "usgovdod", "china", found "mars"'],
    // A secret of the wrong type is described, never printed.
    ['{"clientSecret": 123456789}', '--config FILE: clientSecret: expected a string, found a number'],
    [
      '{"jamf": {"url": "x"}}',
      '--config FILE: jamf: unknown field (expected tenantId, clientId, clientSecret, certificatePath, cloud, graphBaseUrl, loginBaseUrl, jamfUrl, jamfClientId, jamfClientSecret, jamfUsername, jamfPassword)',
    ],
  ])('%s', async (body, message) => {
    const m = await errorOf(body);
    expect(m).toBe(message);
    expect(m).not.toMatch(/Invalid input|received/);
  });

  it('a near miss: a valid file is read', async () => {
    expect(await errorOf('{"tenantId": "t", "cloud": "china"}')).toBe('no error');
  });
});
