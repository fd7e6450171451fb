import type { LiveConfig } from '../collect/config.js';
import { GraphAuth } from '../collect/graph/auth.js';
import { Http } from '../collect/http.js';
import { JamfAuth } from '../collect/jamf/auth.js';
import { InputError } from '../errors.js';
import { HttpRemediationClient } from './http-client.js';

/**
 * The --apply client signed in with the live-collection settings (AZURE_* and JAMF_* variables or --config):
 * use a separate app registration and Jamf Pro API client with the write permissions of docs/fix.md.
 */
export function liveRemediationClient(
  cfg: LiveConfig,
  options: { backoffMs?: number; attempts?: number } = {},
): { client: HttpRemediationClient; close: () => Promise<void> } {
  if (!cfg.graph)
    throw new InputError(
      '--apply: expected AZURE_TENANT_ID and AZURE_CLIENT_ID (and a secret or certificate) of an app with the write permissions in docs/fix.md, found none',
    );
  const http = new Http();
  const graph = new GraphAuth(cfg.graph, http);
  const jamf = cfg.jamf ? new JamfAuth(cfg.jamf, http) : null;
  const jamfId = cfg.jamf ? (cfg.jamf.clientId ?? cfg.jamf.username ?? 'jamf') : null;
  const client = new HttpRemediationClient({
    graphBase: `${cfg.graph.graphBaseUrl.replace(/\/$/, '')}/v1.0`,
    jamfBase: cfg.jamf?.url ?? null,
    graphToken: async () => (await graph.token()).accessToken,
    jamfToken: jamf ? () => jamf.bearer() : null,
    identity: `entra-app:${cfg.graph.clientId}${jamfId ? ` jamf:${jamfId}` : ''}`,
    ...options,
  });
  return { client, close: async () => jamf?.close() };
}
