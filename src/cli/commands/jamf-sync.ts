import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { Option } from 'commander';
import { Http } from '../../collect/http.js';
import { JamfAuth } from '../../collect/jamf/auth.js';
import { ExitCode, InputError } from '../../errors.js';
import { HttpRemediationClient } from '../../fix/http-client.js';
import {
  applySync,
  DATE_ATTRIBUTE,
  FINDINGS_ATTRIBUTE,
  type JamfCall,
  parseReport,
  planSync,
  readJamfState,
  type SyncPlan,
  type SyncReport,
  type SyncResult,
} from '../../writeback/jamf-sync.js';
import { checkOutput, emit, note } from '../output.js';
import type { RegisterCommand } from './index.js';
import { type LiveFlags, liveConfig } from './live.js';

const EMPTY_REPORT: SyncReport = { asOf: new Date(0).toISOString(), checks: [], findings: [] };
const MAX_LINES = 200;

export function renderSyncPlan(plan: SyncPlan, applied: boolean): string {
  const out: string[] = [];
  const attr = (a: { name: string; id: string | null }) =>
    a.id ? `"${a.name}" (id ${a.id})` : `"${a.name}" (to be created)`;
  out.push(
    `${plan.clear ? 'jamf-sync --clear' : 'jamf-sync'}: ${plan.changes.length} ${plan.changes.length === 1 ? 'computer changes' : 'computers change'}, ${plan.unchanged} unchanged`,
  );
  out.push(`Extension attributes: ${attr(plan.findingsAttribute)}, ${attr(plan.dateAttribute)}`);
  if (plan.keptChecks.length)
    out.push(`Kept as they were (the report could not evaluate them): ${plan.keptChecks.join(', ')}`);
  if (plan.notInJamf.length)
    out.push(
      `Macs of the report Jamf Pro has no computer for: ${plan.notInJamf.slice(0, 20).join(', ')}${plan.notInJamf.length > 20 ? ` (+${plan.notInJamf.length - 20})` : ''}`,
    );
  for (const c of plan.changes.slice(0, MAX_LINES)) {
    const who = `${c.name ?? `computer ${c.computerId}`}${c.serial ? ` (${c.serial})` : ''}`;
    out.push(`  ${who}: "${c.from.findings}" → "${c.to.findings}"`);
  }
  if (plan.changes.length > MAX_LINES) out.push(`  … and ${plan.changes.length - MAX_LINES} more (--format json)`);
  if (!applied && plan.changes.length)
    out.push(
      'Nothing was changed: run again with --apply to write these values (a backup and an audit line come first).',
    );
  return `${out.join('\n')}\n`;
}

function summary(r: SyncResult): string {
  const count = (o: string) => r.results.filter((x) => x.outcome === o).length;
  const parts = [`${count('done')} written`, `${count('failed')} failed`];
  if (count('declined')) parts.push(`${count('declined')} declined`);
  if (count('not-attempted')) parts.push(`${count('not-attempted')} not attempted`);
  if (r.created.length) parts.push(`created ${r.created.map((n) => `"${n}"`).join(', ')}`);
  if (r.recovered.length) parts.push(`${r.recovered.length} unfinished change(s) of an earlier run read again`);
  const lines = [`jamf-sync --apply: ${parts.join(', ')}`];
  if (r.backup) lines.push(`Previous values kept in ${r.backup}`);
  else if (count('done') === 0) lines.push('Nothing was changed.');
  for (const x of r.results.filter((y) => y.outcome === 'failed'))
    lines.push(
      `  failed: computer ${x.change.computerId}${x.change.serial ? ` (${x.change.serial})` : ''}: ${x.detail}`,
    );
  if (r.stopped) lines.push(`Stopped: ${r.stopped}`);
  return `${lines.join('\n')}\n`;
}

export const registerJamfSync: RegisterCommand = (program, setExit) => {
  program
    .command('jamf-sync')
    .description(
      "Write each Mac's open findings (and the run's date) into Jamf Pro computer extension attributes, for Smart Groups",
    )
    .option('--report <file>', 'a JSON report of jidoctor diagnose --format json')
    .option('--attribute <name>', 'the extension attribute of the findings', FINDINGS_ATTRIBUTE)
    .option('--date-attribute <name>', 'the extension attribute of the run date', DATE_ATTRIBUTE)
    .option('--clear', 'empty both attributes on every computer (removes every value jamf-sync wrote)')
    .option('--apply', 'write the values (without it: the plan only, nothing is changed)')
    .option('--yes', 'with --apply: do not ask for confirmation (required when stdin is not a terminal)')
    .option('--backup-dir <dir>', 'with --apply: where the previous values are kept', 'jidoctor-fix/backups')
    .option('--audit-log <file>', 'with --apply: the write-ahead audit log (JSONL)', 'jidoctor-fix/audit.jsonl')
    .option('--config <file>', 'Jamf Pro settings as JSON (as for collect), instead of JAMF_* variables')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--output <file>', 'write the plan or the summary to a file instead of stdout')
    .action(async (opts) => {
      if (!opts.report && !opts.clear) throw new InputError('jamf-sync: expected --report FILE (or --clear)');
      if (opts.report && opts.clear) throw new InputError('--report and --clear: expected one of them, found both');
      if (opts.yes && !opts.apply) throw new InputError('--yes: expected together with --apply');
      await checkOutput(opts.output as string | undefined);
      let report = EMPTY_REPORT;
      if (opts.report) {
        let text: string;
        try {
          text = await readFile(opts.report, 'utf8');
        } catch (err) {
          throw new InputError(
            `--report ${opts.report}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'I/O error'})`,
          );
        }
        report = parseReport(text, opts.report);
      }
      if (opts.apply && !opts.yes && process.stdin.isTTY !== true)
        throw new InputError(
          '--apply: expected --yes when stdin is not a terminal (jidoctor never prompts without one), found neither',
        );
      const cfg = await liveConfig(opts as LiveFlags);
      if (!cfg.jamf)
        throw new InputError(
          'jamf-sync: expected JAMF_URL and a Jamf Pro API client (JAMF_CLIENT_ID, JAMF_CLIENT_SECRET), found no JAMF_URL',
        );
      const http = new Http();
      const auth = new JamfAuth(cfg.jamf, http);
      const retryMs = Number(process.env.JIDOCTOR_RETRY_BASE_MS);
      const client = new HttpRemediationClient({
        graphBase: '',
        jamfBase: cfg.jamf.url,
        graphToken: async () => {
          throw new InputError('jamf-sync uses no Microsoft Graph');
        },
        jamfToken: () => auth.bearer(),
        identity: `jamf:${cfg.jamf.clientId ?? cfg.jamf.username ?? 'jamf'}`,
        ...(Number.isFinite(retryMs) && retryMs >= 0 ? { backoffMs: retryMs } : {}),
      });
      const call: JamfCall = (method, path, body) => client.request('jamf', method, path, body);
      try {
        const state = await readJamfState(call);
        const plan = planSync(report, state, {
          findings: opts.attribute,
          date: opts.dateAttribute,
          clear: opts.clear === true,
        });
        if (!opts.apply) {
          await emit(
            opts.format === 'json'
              ? `${JSON.stringify({ plan, applied: false }, null, 2)}\n`
              : renderSyncPlan(plan, false),
            opts.output,
          );
          return;
        }
        if (opts.format === 'text') note(renderSyncPlan(plan, true).trimEnd());
        // Ctrl-C: the requests in flight finish and their audit lines are written, then the summary, exit 130.
        const interrupt = new AbortController();
        const onSigint = () => {
          if (interrupt.signal.aborted) process.exit(130);
          interrupt.abort();
          note('Interrupted: finishing the requests in flight, then stopping (Ctrl-C again to stop at once).');
        };
        process.on('SIGINT', onSigint);
        let result: SyncResult;
        try {
          result = await applySync(plan, call, {
            auditLog: opts.auditLog,
            backupDir: opts.backupDir,
            identity: client.identity,
            signal: interrupt.signal,
            ...(opts.yes
              ? {}
              : {
                  confirm: async (p: SyncPlan) => {
                    const rl = createInterface({ input: process.stdin, output: process.stderr });
                    try {
                      const a = await rl.question(`Write these values to ${p.changes.length} computers? [y/N] `);
                      return ['y', 'yes', 's', 'si', 'sì'].includes(a.trim().toLowerCase());
                    } finally {
                      rl.close();
                    }
                  },
                }),
          });
        } finally {
          process.off('SIGINT', onSigint);
        }
        await emit(opts.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : summary(result), opts.output);
        if (interrupt.signal.aborted) setExit(130);
        else if (result.stopped || result.results.some((x) => x.outcome === 'failed')) setExit(ExitCode.unreadable);
      } finally {
        await auth.close();
      }
    });
};
