/**
 * Where the collector's settings come from: an optional JSON config file, then the environment variables an
 * Azure and a Jamf admin expect (the environment wins). Secrets may live in either; every secret read is
 * registered for redaction at once.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { describeValue, InputError } from '../errors.js';
import { registerSecret } from '../redact.js';
import { CLOUDS, type CloudName, type GraphAuthConfig } from './graph/auth.js';
import type { JamfAuthConfig } from './jamf/auth.js';

export const ENV = {
  tenantId: 'AZURE_TENANT_ID',
  clientId: 'AZURE_CLIENT_ID',
  clientSecret: 'AZURE_CLIENT_SECRET',
  certificatePath: 'AZURE_CLIENT_CERTIFICATE_PATH',
  cloud: 'AZURE_CLOUD',
  graphBaseUrl: 'JIDOCTOR_GRAPH_URL',
  loginBaseUrl: 'JIDOCTOR_LOGIN_URL',
  jamfUrl: 'JAMF_URL',
  jamfClientId: 'JAMF_CLIENT_ID',
  jamfClientSecret: 'JAMF_CLIENT_SECRET',
  jamfUsername: 'JAMF_USERNAME',
  jamfPassword: 'JAMF_PASSWORD',
} as const;

const fileSchema = z
  .object({
    tenantId: z.string(),
    clientId: z.string(),
    clientSecret: z.string(),
    certificatePath: z.string(),
    cloud: z.enum(Object.keys(CLOUDS) as [CloudName, ...CloudName[]]),
    graphBaseUrl: z.string(),
    loginBaseUrl: z.string(),
    jamfUrl: z.string(),
    jamfClientId: z.string(),
    jamfClientSecret: z.string(),
    jamfUsername: z.string(),
    jamfPassword: z.string(),
  })
  .partial()
  .strict();
export type ConfigFile = z.infer<typeof fileSchema>;
const SECRET_FIELDS = new Set(['clientSecret', 'jamfClientSecret', 'jamfPassword']);

export interface LiveConfig {
  graph: (GraphAuthConfig & { graphBaseUrl: string }) | null;
  jamf: JamfAuthConfig | null;
}

export async function readConfigFile(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(`--config ${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'I/O error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`--config ${path}: expected a JSON object, found invalid JSON`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new InputError(`--config ${path}: (root): expected a JSON object, found ${describeValue(json)}`);
  const r = fileSchema.safeParse(json);
  if (!r.success) {
    // Our own words (file, field, expected, found), never the schema library's text.
    const issue = r.error.issues[0]!;
    const known = Object.keys(fileSchema.shape);
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys?: string[] }).keys ?? [];
      throw new InputError(`--config ${path}: ${keys.join(', ')}: unknown field (expected ${known.join(', ')})`);
    }
    const field = String(issue.path[0] ?? '');
    const value = (json as Record<string, unknown>)[field];
    const expected =
      field === 'cloud'
        ? `one of ${Object.keys(CLOUDS)
            .map((c) => `"${c}"`)
            .join(', ')}`
        : 'a string';
    // A secret of the wrong type is described by its type only.
    const found = SECRET_FIELDS.has(field)
      ? value === null
        ? 'null'
        : Array.isArray(value)
          ? 'an array'
          : `a ${typeof value}`
      : describeValue(value);
    throw new InputError(`--config ${path}: ${field || '(root)'}: expected ${expected}, found ${found}`);
  }
  registerSecret(r.data.clientSecret);
  registerSecret(r.data.jamfClientSecret);
  registerSecret(r.data.jamfPassword);
  return r.data;
}

/** Merges the config file and the environment into the collector's settings. */
export function resolveConfig(file: ConfigFile, env: NodeJS.ProcessEnv = process.env): LiveConfig {
  const pick = (key: keyof typeof ENV): string | undefined => {
    const v = env[ENV[key]];
    return v != null && v !== '' ? v : (file[key as keyof ConfigFile] as string | undefined);
  };
  for (const k of ['clientSecret', 'jamfClientSecret', 'jamfPassword'] as const) registerSecret(pick(k));
  const cloudName = (pick('cloud') ?? 'public') as CloudName;
  if (!(cloudName in CLOUDS)) {
    throw new InputError(`${ENV.cloud}: expected one of ${Object.keys(CLOUDS).join(', ')}, found "${cloudName}"`);
  }
  const tenantId = pick('tenantId');
  const clientId = pick('clientId');
  let graph: LiveConfig['graph'] = null;
  if (tenantId || clientId) {
    if (!tenantId) throw new InputError(`${ENV.tenantId}: expected the directory (tenant) id, found nothing`);
    if (!clientId) throw new InputError(`${ENV.clientId}: expected the application (client) id, found nothing`);
    const secret = pick('clientSecret');
    const cert = pick('certificatePath');
    if (!secret && !cert) {
      throw new InputError(
        `${ENV.clientSecret} or ${ENV.certificatePath}: expected one of them for app-only sign-in, found neither`,
      );
    }
    graph = {
      tenantId,
      clientId,
      clientSecret: cert ? undefined : secret,
      certificatePath: cert,
      cloud: cloudName,
      loginBaseUrl: pick('loginBaseUrl'),
      graphBaseUrl: (pick('graphBaseUrl') ?? CLOUDS[cloudName].graph).replace(/\/$/, ''),
    };
  }
  const jamfUrl = pick('jamfUrl');
  let jamf: LiveConfig['jamf'] = null;
  if (jamfUrl) {
    if (!/^https?:\/\//.test(jamfUrl))
      throw new InputError(`${ENV.jamfUrl}: expected a URL such as https://contoso.jamfcloud.com, found "${jamfUrl}"`);
    jamf = {
      url: jamfUrl.replace(/\/$/, ''),
      clientId: pick('jamfClientId'),
      clientSecret: pick('jamfClientSecret'),
      username: pick('jamfUsername'),
      password: pick('jamfPassword'),
    };
  }
  if (!graph && !jamf) {
    throw new InputError(
      `nothing to collect: expected ${ENV.tenantId}/${ENV.clientId} (Microsoft Graph) and/or ${ENV.jamfUrl} (Jamf Pro), in the environment or in --config FILE`,
    );
  }
  return { graph, jamf };
}
