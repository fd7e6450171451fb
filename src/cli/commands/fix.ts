import { chmod } from 'node:fs/promises';
import { Option } from 'commander';
import type { Lang } from '../../checks/define.js';
import { checkById } from '../../checks/index.js';
import { diagnoseCollected, diagnoseSnapshot } from '../../diagnose.js';
import { ExitCode, InputError } from '../../errors.js';
import { clientFromEnv, runApply } from '../../fix/cli-apply.js';
import { liveRemediationClient } from '../../fix/live-client.js';
import { buildPlan } from '../../fix/plan.js';
import { PLANNERS, SCRIPT_CHECKS } from '../../fix/planners/index.js';
import { renderPlanText } from '../../fix/render.js';
import { cause6Script, expectedUserOf } from '../../fix/script.js';
import { normSerial } from '../../model/keys.js';
import { checkOutput, collectList, emit, terminalWidth } from '../output.js';
import type { RegisterCommand } from './index.js';
import { addLiveOptions, liveConfig, runLive } from './live.js';

export const registerFix: RegisterCommand = (program, setExit) => {
  const cmd = program
    .command('fix')
    .description('Plan the resolution of a check; write the cause-6 Mac clean-up script; apply the tenant-side part')
    .argument('<check-id>', 'the check to fix (see jidoctor checks)')
    .option('--mac <serial>', 'only the findings about this Mac (repeatable)', collectList)
    .option('--snapshot <dir>', 'read the tenant from a snapshot folder')
    .option('--live', 'read the tenant live from Microsoft Graph and Jamf Pro')
    .option('--as-of <date>', 'the clock for a snapshot without manifest.json (ISO 8601)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language').choices(['en', 'it']).default('en'))
    .option('--script', 'write the cause-6 clean-up script for the Mac given with --mac (POSIX sh)')
    .option('--output <file>', 'write the plan or the script to a file instead of stdout')
    .option('--apply', 'do the automatic steps of the plan (Intune, Entra, Jamf Pro records)')
    .option('--delete', 'with --apply: delete Entra devices (without it they are only disabled)')
    .option('--yes', 'with --apply: do not ask for confirmation (required when stdin is not a terminal)')
    .option('--backup-dir <dir>', 'with --apply: where records are saved before they change', 'jidoctor-fix/backups')
    .option('--audit-log <file>', 'with --apply: the append-only audit log (JSONL)', 'jidoctor-fix/audit.jsonl');
  addLiveOptions(cmd).action(async (checkId: string, opts) => {
    const check = checkById(checkId);
    if (!check) throw new InputError(`fix ${checkId}: expected a check id (see jidoctor checks), found an unknown id`);
    if (!PLANNERS[checkId]) throw new InputError(`fix ${checkId}: this check has no plan`);
    if (opts.snapshot && opts.live) throw new InputError('--snapshot and --live: expected one of them, found both');
    if (!opts.snapshot && !opts.live) throw new InputError('fix: expected --snapshot DIR or --live');
    if (opts.script && opts.apply) throw new InputError('--script and --apply: expected one of them, found both');
    const lang = opts.lang as Lang;
    // Before the tenant is read or changed: the summary of an --apply run must have somewhere to go.
    await checkOutput(opts.output as string | undefined);
    const macs: string[] = opts.mac ?? [];
    const { fleet, report } = opts.live
      ? diagnoseCollected((await runLive(opts, undefined)).collected, { kind: 'live', path: null }, { lang })
      : await diagnoseSnapshot(opts.snapshot, { lang, asOf: opts.asOf });

    if (opts.script) {
      if (!SCRIPT_CHECKS.includes(checkId))
        throw new InputError(
          `--script: expected one of ${SCRIPT_CHECKS.join(', ')}, found ${checkId} (its resolution has no Mac clean-up)`,
        );
      if (macs.length !== 1) throw new InputError(`--script: expected exactly one --mac SERIAL, found ${macs.length}`);
      const serial = normSerial(macs[0]!);
      const at = serial === null ? -1 : fleet.index.macOfSerial(serial);
      const found = at >= 0 ? fleet.index.mac(at) : undefined;
      const mac = found && found.serial === serial ? found : undefined;
      // A Mac known only from its own files (logs findings) gets the script without tenant record ids.
      const inFindings = report.findings.some(
        (f) => f.checkId === checkId && f.subjects.some((x) => x.kind === 'mac' && x.id.toUpperCase() === serial),
      );
      if (!serial || (!mac && !inFindings))
        throw new InputError(`--mac ${macs[0]}: expected the serial of a Mac in the data, found no such Mac`);
      const text = cause6Script({
        lang,
        checkId,
        serial,
        mac,
        expectedUser: expectedUserOf(mac),
        generatedAt: new Date().toISOString(),
      });
      await emit(text, opts.output);
      if (opts.output) await chmod(opts.output, 0o755);
      return;
    }

    const plan = buildPlan(checkId, fleet, report, { lang, macs });
    if (opts.apply) {
      const code = await runApply(plan, {
        lang,
        yes: opts.yes === true,
        deleteEntra: opts.delete === true,
        backupDir: opts.backupDir,
        auditLog: opts.auditLog,
        format: opts.format,
        output: opts.output,
        makeClient: async () => {
          // A token given explicitly wins; otherwise sign in with the live-collection settings.
          if (process.env.JIDOCTOR_GRAPH_TOKEN) return { client: clientFromEnv() };
          const retry = Number(process.env.JIDOCTOR_RETRY_BASE_MS);
          return liveRemediationClient(
            await liveConfig(opts),
            Number.isFinite(retry) && retry >= 0 ? { backoffMs: retry } : {},
          );
        },
      });
      setExit(code);
      return;
    }
    await emit(
      opts.format === 'json'
        ? `${JSON.stringify(plan, null, 2)}\n`
        : renderPlanText(plan, opts.output ? 80 : terminalWidth()),
      opts.output,
      opts.format !== 'json',
    );
    setExit(ExitCode.ok);
  });
};
