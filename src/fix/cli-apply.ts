import { createInterface } from 'node:readline/promises';
import type { Lang } from '../checks/define.js';
import { emit, note } from '../cli/output.js';
import { ExitCode, InputError } from '../errors.js';
import { registerSecret } from '../redact.js';
import { type ApplyResult, applyPlan, NOT_DONE, type RemediationClient } from './apply.js';
import { AuditWriteError } from './audit.js';
import { HttpRemediationClient } from './http-client.js';
import { actionsOf } from './plan.js';
import { callText } from './render.js';
import { L, type Plan } from './types.js';

export interface CliApplyOptions {
  lang: Lang;
  yes: boolean;
  deleteEntra: boolean;
  backupDir: string;
  auditLog: string;
  format: string;
  output?: string;
  /** Builds the client (after the confirmation rules are checked); defaults to the JIDOCTOR_GRAPH_TOKEN client. */
  makeClient?: () => Promise<{ client: RemediationClient; close?: () => Promise<void> }>;
}

/**
 * The client for --apply, from the environment: JIDOCTOR_GRAPH_TOKEN (a Graph access token with the write
 * permissions of docs/fix.md) and, for Jamf Pro records, JIDOCTOR_JAMF_URL (or JAMF_URL) + JIDOCTOR_JAMF_TOKEN.
 * JIDOCTOR_GRAPH_URL overrides the Graph root, without the version (a national cloud, or a local simulator), as for
 * live collection.
 */
export function clientFromEnv(env: NodeJS.ProcessEnv = process.env): HttpRemediationClient {
  const graphToken = env.JIDOCTOR_GRAPH_TOKEN;
  const jamfToken = env.JIDOCTOR_JAMF_TOKEN;
  registerSecret(graphToken);
  registerSecret(jamfToken);
  if (!graphToken)
    throw new InputError(
      '--apply: expected JIDOCTOR_GRAPH_TOKEN (a Microsoft Graph access token with the write permissions in docs/fix.md), found nothing',
    );
  const retryMs = Number(env.JIDOCTOR_RETRY_BASE_MS);
  return new HttpRemediationClient({
    graphBase: `${(env.JIDOCTOR_GRAPH_URL || 'https://graph.microsoft.com').replace(/\/$/, '')}/v1.0`,
    jamfBase: env.JIDOCTOR_JAMF_URL || env.JAMF_URL || null,
    graphToken: async () => graphToken,
    jamfToken: jamfToken ? async () => jamfToken : null,
    identity: env.JIDOCTOR_IDENTITY || 'graph-token',
    ...(Number.isFinite(retryMs) && retryMs >= 0 ? { backoffMs: retryMs } : {}),
  });
}

/** Runs --apply for a plan: confirmation on a TTY (or --yes), then the actions, then the list of done / not done. */
export async function runApply(plan: Plan, o: CliApplyOptions): Promise<number> {
  const lang = o.lang;
  const items = actionsOf(plan);
  if (items.length === 0) {
    note(
      L(
        lang,
        'Nothing to apply: the plan has no automatic step.',
        'Niente da applicare: il piano non ha passi automatici.',
      ),
    );
    await emit(o.format === 'json' ? `${JSON.stringify({ plan: plan.checkId, results: [] })}\n` : '', o.output);
    return ExitCode.ok;
  }
  const tty = process.stdin.isTTY === true;
  if (!o.yes && !tty)
    throw new InputError(
      '--apply: expected --yes when stdin is not a terminal (jidoctor never prompts without one), found neither',
    );
  const made = o.makeClient ? await o.makeClient() : { client: clientFromEnv() };
  const client = made.client;
  let rl: ReturnType<typeof createInterface> | null = null;
  // Ctrl-C: the request in flight finishes and its audit line is written, then the summary, exit 130. A second
  // Ctrl-C ends at once (the audit log's intent line lets a rerun find out what that request did).
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort();
    note(
      L(
        lang,
        'Interrupted: finishing the request in flight, then stopping (Ctrl-C again to stop at once).',
        'Interrotto: termino la richiesta in corso, poi mi fermo (di nuovo Ctrl-C per fermarsi subito).',
      ),
    );
  };
  process.on('SIGINT', onSigint);
  const confirm = o.yes
    ? undefined
    : async (batch: { mac: string | null; actions: import('./types.js').Action[] }) => {
        if (!rl) {
          rl = createInterface({ input: process.stdin, output: process.stderr });
          // On a terminal readline takes Ctrl-C itself.
          rl.on('SIGINT', onSigint);
        }
        note('');
        note(`${L(lang, 'Mac', 'Mac')} ${batch.mac ?? '-'}:`);
        for (const a of batch.actions) note(`  ${a.op} ${a.record.kind} ${a.record.label}: ${callText(a.call)}`);
        let answer: string;
        try {
          answer = (
            await rl.question(
              L(
                lang,
                'Apply these changes? [y]es, [n]o, [a]ll, [q]uit: ',
                'Applicare queste modifiche? [s]ì, [n]o, [t]utte, [e]sci: ',
              ),
              { signal: interrupt.signal },
            )
          )
            .trim()
            .toLowerCase();
        } catch {
          return 'quit';
        }
        if (['y', 'yes', 's', 'si', 'sì'].includes(answer)) return 'yes';
        if (['a', 'all', 't', 'tutte'].includes(answer)) return 'all';
        if (['q', 'quit', 'e', 'esci'].includes(answer)) return 'quit';
        return 'no';
      };
  let result: ApplyResult;
  try {
    result = await applyPlan(plan, client, {
      deleteEntra: o.deleteEntra,
      backupDir: o.backupDir,
      auditLog: o.auditLog,
      signal: interrupt.signal,
      ...(confirm ? { confirm } : {}),
    });
  } finally {
    process.off('SIGINT', onSigint);
    (rl as ReturnType<typeof createInterface> | null)?.close();
    await made.close?.();
  }
  await emit(
    o.format === 'json' ? `${JSON.stringify(summaryJson(plan, result), null, 2)}\n` : summaryText(lang, result),
    o.output,
    o.format !== 'json',
  );
  if (result.interrupted) return 130;
  if (result.stopped) {
    // The audit log failed: the summary is out; the error is the one line on stderr, exit 3.
    const m = /^--audit-log (.*): cannot be written \(([^)]*)\)/.exec(result.stopped);
    throw m ? new AuditWriteError(m[1]!, m[2]!) : new AuditWriteError(o.auditLog, 'I/O error');
  }
  return result.results.some((r) => NOT_DONE.has(r.outcome) && r.outcome !== 'declined') ||
    result.recovered.some((r) => r.outcome !== 'done')
    ? ExitCode.findings
    : ExitCode.ok;
}

function summaryJson(plan: Plan, r: ApplyResult) {
  return {
    format: 'jidoctor-fix-result',
    version: 1,
    checkId: plan.checkId,
    runId: r.runId,
    backupDir: r.backupDir,
    auditLog: r.auditLog,
    changes: r.changes,
    ...(r.stopped ? { stopped: r.stopped } : {}),
    recovered: r.recovered,
    results: r.results.map((x) => ({
      action: x.action.id,
      op: x.action.op,
      kind: x.action.record.kind,
      id: x.action.record.id,
      label: x.action.record.label,
      mac: x.mac,
      outcome: x.outcome,
      ...(x.detail ? { detail: x.detail } : {}),
      ...(x.backup ? { backup: x.backup } : {}),
    })),
  };
}

export function summaryText(lang: Lang, r: ApplyResult): string {
  const done = r.results.filter((x) => x.outcome === 'done' || x.outcome === 'already-done');
  const notDone = r.results.filter((x) => !(x.outcome === 'done' || x.outcome === 'already-done'));
  const line = (x: ApplyResult['results'][number]) =>
    `  - ${x.action.op} ${x.action.record.kind} ${x.action.record.id} (${x.action.record.label}): ${x.outcome}${x.detail ? ` — ${x.detail}` : ''}`;
  const out: string[] = [];
  if (r.recovered.length)
    out.push(
      `${L(lang, 'Requests of an interrupted run, re-read', "Richieste di un'esecuzione interrotta, riverificate")} (${r.recovered.length}):`,
      ...r.recovered.map((x) => `  - ${x.action} (${x.intent}): ${x.outcome} — ${x.detail}`),
    );
  out.push(
    `${L(lang, 'Done', 'Fatto')} (${done.length}):`,
    ...done.map(line),
    `${L(lang, 'Not done', 'Non fatto')} (${notDone.length}):`,
    ...notDone.map(line),
  );
  if (r.changes === 0)
    out.push(
      L(
        lang,
        'Nothing was changed in the tenant (no change request was sent).',
        'Nulla è stato modificato nel tenant (nessuna richiesta di modifica inviata).',
      ),
    );
  if (r.backupDir) out.push(`${L(lang, 'Backups', 'Backup')}: ${r.backupDir}`);
  out.push(`${L(lang, 'Audit log', 'Registro di audit')}: ${r.auditLog}`);
  if (r.interrupted)
    out.push(
      L(
        lang,
        'Interrupted: the request in flight was finished and recorded; run the same command again to do the rest.',
        'Interrotto: la richiesta in corso è stata completata e registrata; eseguire di nuovo lo stesso comando per il resto.',
      ),
    );
  else if (r.stopped) out.push(`${L(lang, 'Stopped', 'Fermato')}: ${r.stopped}`);
  else if (notDone.some((x) => x.outcome === 'failed'))
    out.push(
      L(
        lang,
        'Run the same command again: what is done is skipped, the rest is retried.',
        'Eseguire di nuovo lo stesso comando: ciò che è fatto viene saltato, il resto viene ritentato.',
      ),
    );
  return `${out.join('\n')}\n`;
}
