import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option } from 'commander';
import { type Lang, SEVERITIES, type Severity, severityRank } from '../../checks/define.js';
import { CHECKS } from '../../checks/index.js';
import { diagnoseCollected, diagnoseSnapshot } from '../../diagnose.js';
import { ExitCode, InputError } from '../../errors.js';
import {
  addNotifyOptions,
  type NotifyFlags,
  noticeFromDiff,
  noticeFromFirstRun,
  notify,
  notifyTarget,
} from '../../notify/cli.js';
import { FORMATS } from '../../report/formats.js';
import type { Report } from '../../report/types.js';
import { HistoryReadOnlyError } from '../../store/errors.js';
import { openHistory, recordRun } from '../../store/record.js';
import { checkOutput, collectList, emit, emitJson, note, terminalWidth, useColor } from '../output.js';
import type { RegisterCommand } from './index.js';
import { addLiveOptions, addSinceOption, type LiveFlags, liveConfig, runLive, summarise } from './live.js';

export const FAIL_ON = [...SEVERITIES, 'none'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `--since last`: the snapshot folder of the newest recorded live run that kept one (`--save-snapshot`) and still
 * holds a manifest, of the configured tenant when its id is a GUID (a tenant named by domain is checked against the
 * organization read, and another tenant's snapshot is then refused). Null when there is none.
 */
async function lastSavedSnapshot(dbFlag: string | undefined, tenantId: string | null): Promise<string | null> {
  const { history } = await openHistory(dbFlag, false, true);
  if (!history) return null;
  try {
    const runs = history.runs().reverse();
    for (const r of runs) {
      if (r.source.kind !== 'live' || !r.source.path) continue;
      if (tenantId && GUID.test(tenantId) && r.tenant.toLowerCase() !== tenantId.toLowerCase()) continue;
      if (existsSync(join(r.source.path, 'manifest.json'))) return r.source.path;
    }
    return null;
  } finally {
    history.close();
  }
}

/** Exit code of a diagnosis: 1 when a finding is at or above --fail-on, 4 when a check itself failed. */
export function exitCodeOf(report: Report, failOn: Severity | 'none'): number {
  if (report.checks.some((c) => c.outcome === 'error')) return ExitCode.internal;
  if (failOn === 'none') return ExitCode.ok;
  const threshold = severityRank(failOn);
  return report.findings.some((f) => severityRank(f.severity) >= threshold) ? ExitCode.findings : ExitCode.ok;
}

export function validateIds(ids: readonly string[], flag: string): void {
  for (const id of ids) {
    const known = CHECKS.some((c) => c.id === id || c.id.startsWith(`${id.replace(/\/?\*?$/, '')}/`));
    if (!known)
      throw new InputError(`${flag} ${id}: expected a check id or area (see jidoctor checks), found an unknown id`);
  }
}

export interface OutputFlags {
  format: string;
  lang: Lang;
  output?: string;
  color?: boolean;
}

export async function writeReport(report: Report, flags: OutputFlags): Promise<void> {
  const render = FORMATS[flags.format];
  if (!render) throw new InputError(`--format ${flags.format}: expected one of ${Object.keys(FORMATS).join(', ')}`);
  // The same bytes as FORMATS.json + emit(), streamed: a 1M-Mac report is ~91 MB (cli/output.ts emitJson).
  if (flags.format === 'json') return emitJson(report, flags.output);
  const text = await render(report, {
    lang: flags.lang,
    checks: CHECKS,
    color: flags.output ? false : useColor(process.stdout, flags.color),
    width: terminalWidth(),
  });
  await emit(text, flags.output);
}

export const registerDiagnose: RegisterCommand = (program, setExit) => {
  const cmd = program
    .command('diagnose')
    .description('Diagnose a tenant from a snapshot folder (raw Graph and Jamf Pro API responses), or live (--live)')
    .option('--snapshot <dir>', 'snapshot folder (docs/snapshot-format.md)')
    .option('--live', 'collect from Microsoft Graph and Jamf Pro now (docs/live-collection.md)')
    .option('--save-snapshot <dir>', 'with --live: keep what was collected as a snapshot folder')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(FORMATS)).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['en', 'it']).default('en'))
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices([...FAIL_ON])
        .default('high'),
    )
    .option('--as-of <date>', 'the clock for a snapshot without manifest.json (ISO 8601)')
    .option('--only <ids>', 'run only these check ids or areas (comma-separated, repeatable)', collectList)
    .option('--skip <ids>', 'skip these check ids or areas (comma-separated, repeatable)', collectList)
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--no-color', 'no colours (NO_COLOR is honoured too)')
    .option('--db <file>', 'history database (default: $JIDOCTOR_DB, else the per-user location)')
    .option('--no-history', 'do not record this run in the history');
  addSinceOption(addLiveOptions(addNotifyOptions(cmd))).action(async (opts) => {
    const target = notifyTarget(opts as NotifyFlags);
    if (target && !opts.history)
      throw new InputError(
        '--notify: expected the run to be recorded (it posts the change since the previous run); remove --no-history',
      );
    if (opts.only) validateIds(opts.only, '--only');
    if (opts.skip) validateIds(opts.skip, '--skip');
    if (!opts.snapshot === !opts.live)
      throw new InputError(
        `diagnose: expected either --snapshot DIR or --live, found ${opts.live ? 'both' : 'neither'}`,
      );
    if (opts.saveSnapshot && !opts.live) throw new InputError('--save-snapshot: expected together with --live');
    if (opts.since && !opts.live) throw new InputError('--since: expected together with --live');
    // Before anything is collected or recorded: a bad path fails now, not after the run is in the history.
    await checkOutput(opts.output as string | undefined);
    const lang = opts.lang as Lang;
    const options = {
      lang,
      asOf: opts.asOf,
      ...(opts.only ? { only: opts.only as string[] } : {}),
      ...(opts.skip ? { skip: opts.skip as string[] } : {}),
    };
    let report: Report;
    if (opts.live) {
      const saved = opts.saveSnapshot ? resolve(opts.saveSnapshot as string) : undefined;
      const config = await liveConfig(opts as LiveFlags);
      if (opts.since === 'last') {
        // The snapshot of the newest recorded live run of this tenant that kept one (--save-snapshot), if any.
        if (!opts.history)
          throw new InputError(
            '--since last: expected the history (it names the last saved snapshot); remove --no-history',
          );
        const last = await lastSavedSnapshot(opts.db as string | undefined, config.graph?.tenantId ?? null);
        if (last) note(`--since last: starting from ${last}`);
        else note('--since last: no earlier live run of this tenant saved a snapshot (--save-snapshot): reading whole');
        if (!saved)
          note('--since last: this run keeps no snapshot (add --save-snapshot DIR) for the next one to start from');
        opts.since = last ?? undefined;
      }
      const live = await runLive(opts as LiveFlags, saved, config);
      if (!opts.quiet) for (const line of summarise(live.result)) note(line);
      if (live.kept) note(`snapshot written to ${live.kept}`);
      report = diagnoseCollected(live.collected, { kind: 'live', path: live.kept }, options).report;
    } else {
      report = (await diagnoseSnapshot(opts.snapshot as string, options)).report;
    }
    for (const w of report.warnings ?? []) note(`jidoctor: warning: ${w}`);
    let run: Awaited<ReturnType<typeof recordRun>> | undefined;
    if (opts.history) {
      try {
        run = await recordRun(report, opts.db as string | undefined);
        note(`history: recorded as run ${run.runId} in ${run.path}`);
      } catch (err) {
        // A read-only history (a read-only file or folder) costs the history, not the report.
        if (!(err instanceof HistoryReadOnlyError)) throw err;
        note(`warning: history: this run is not recorded: ${err.message}`);
      }
    }
    await writeReport(report, { format: opts.format, lang, output: opts.output, color: opts.color });
    if (target && run) {
      // The tenant's first recorded run: everything is new; otherwise the history's diff with the previous run.
      let notice = noticeFromFirstRun(report, run.runId, lang, target.names);
      if (run.previousRunId !== null) {
        const { history } = await openHistory(opts.db as string | undefined, false);
        try {
          if (history) notice = noticeFromDiff(history.diff(run.previousRunId, run.runId), lang, target.names);
        } finally {
          history?.close();
        }
      }
      await notify(notice, target, note);
    }
    setExit(exitCodeOf(report, opts.failOn as Severity | 'none'));
  });
};
