import { Option } from 'commander';
import { CHECKS } from '../../checks/index.js';
import { GraphAuth } from '../../collect/graph/auth.js';
import { Http } from '../../collect/http.js';
import { allPermissions, checksBlockedByRoles, permissionsOf } from '../../collect/permissions.js';
import { InputError } from '../../errors.js';
import { allWritePermissions } from '../../fix/permissions.js';
import { DATASETS, type DatasetDef } from '../../model/datasets.js';
import { JAMF_SYNC_PRIVILEGES } from '../../writeback/jamf-sync.js';
import { emit } from '../output.js';
import type { RegisterCommand } from './index.js';
import { liveConfig } from './live.js';

/** The Jamf Pro requests the collector makes and the privilege each needs. */
export function jamfEndpoints(): Array<{ endpoint: string; privileges: string[] }> {
  return Object.values(DATASETS as Record<string, DatasetDef>)
    .filter((d) => d.service === 'jamf' && d.endpoint)
    .map((d) => ({ endpoint: d.endpoint!, privileges: [...d.permissions] }));
}

/** `jidoctor permissions`: least privilege, per check; with --live, what the configured app's token grants. */
export const registerPermissions: RegisterCommand = (program) => {
  program
    .command('permissions')
    .description(
      'List the Graph application permissions and Jamf Pro privileges each check needs (--live: compare with the token)',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--live', "sign in with the configured app and say which checks its token's roles leave could-not-check")
    .option('--config <file>', 'JSON settings, as for collect')
    .action(async (opts: { format: string; live?: boolean; config?: string }) => {
      const rows = CHECKS.map(permissionsOf);
      const all = allPermissions(CHECKS);
      let token: { roles: string[]; blocked: Array<{ id: string; missing: string[] }> } | null = null;
      if (opts.live) {
        const cfg = await liveConfig(opts.config ? { config: opts.config } : {});
        if (!cfg.graph)
          throw new InputError('permissions --live: expected AZURE_TENANT_ID and AZURE_CLIENT_ID, found none');
        const t = await new GraphAuth(cfg.graph, new Http()).token();
        token = { roles: t.roles, blocked: checksBlockedByRoles(CHECKS, t.roles) };
      }
      if (opts.format === 'json') {
        await emit(
          `${JSON.stringify({ checks: rows, all, jamfEndpoints: jamfEndpoints(), write: allWritePermissions(), jamfSync: JAMF_SYNC_PRIVILEGES, ...(token ? { token } : {}) }, null, 2)}\n`,
        );
        return;
      }
      const out: string[] = [
        'Microsoft Graph application permissions (grant admin consent) — read-only:',
        ...all.graph.map((p) => `  ${p}`),
        'Jamf Pro API privileges (an API role for an API client, or a standard account), as Jamf spells them:',
        ...all.jamf.map((p) => `  ${p}`),
        'Jamf Pro API privileges per endpoint:',
        ...jamfEndpoints().map(
          (e) =>
            `  ${e.endpoint}: ${e.privileges.length ? e.privileges.join(', ') : 'no privilege documented (any valid token reads it)'}`,
        ),
        '',
        'Write permissions, for `jidoctor fix --apply` only (grant them to a separate app and API client):',
        ...allWritePermissions().map((p) => `  ${p.system === 'graph' ? 'Graph' : 'Jamf'} ${p.name}: ${p.for}`),
        '',
        'Jamf Pro privileges for `jidoctor jamf-sync --apply` only (an API role of a separate API client):',
        ...JAMF_SYNC_PRIVILEGES.map((p) => `  Jamf ${p.name}: ${p.for}`),
        '',
        'Per check:',
      ];
      const w = Math.max(...rows.map((r) => r.id.length));
      for (const r of rows) {
        const parts = [...r.graph.map((p) => `Graph ${p}`), ...r.jamf.map((p) => `Jamf ${p}`)];
        out.push(`  ${r.id.padEnd(w)}  ${parts.length ? parts.join(', ') : '(none: local data)'}`);
      }
      if (token) {
        out.push('', `The token grants: ${token.roles.length ? token.roles.join(', ') : 'no application permission'}`);
        if (token.blocked.length === 0) out.push('Every check can run.');
        for (const b of token.blocked) out.push(`  ${b.id} will be could not check: grant ${b.missing.join(', ')}`);
      }
      await emit(`${out.join('\n')}\n`);
    });
};
