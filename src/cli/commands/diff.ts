import { Option } from 'commander';
import { type Lang, renderMessage } from '../../checks/define.js';
import { checkById } from '../../checks/index.js';
import { InputError } from '../../errors.js';
import { HISTORY_UI } from '../../i18n/history.js';
import { formatDate, UI } from '../../i18n/ui.js';
import { addNotifyOptions, type NotifyFlags, noticeFromDiff, notify, notifyTarget } from '../../notify/cli.js';
import { subjectLabel } from '../../report/text.js';
import { jsonSafe, wrap } from '../../report/wrap.js';
import type { History, HistoryFinding, RunDiff } from '../../store/history.js';
import { openHistory } from '../../store/record.js';
import { emit, note, terminalWidth } from '../output.js';
import { wholeNumber } from './history.js';
import type { RegisterCommand } from './index.js';

/** The finding's message in `lang`, from the check's metadata and the stored data (the stored text otherwise). */
function messageIn(f: HistoryFinding, lang: Lang): string {
  const check = checkById(f.checkId);
  if (!check?.messages[f.messageId]) return f.message;
  try {
    return renderMessage(check, f.messageId, f.data, lang);
  } catch {
    return f.message;
  }
}

/** Which two runs to compare: both given, one given (against its tenant's newest), or the newest two. */
export function pickRuns(history: History, a?: number, b?: number, tenant?: string): [number, number] {
  if (a !== undefined && b !== undefined) return [a, b];
  if (a !== undefined) {
    const run = history.run(a);
    if (!run) throw new InputError(`diff: run ${a} is not in the history ${history.path} (see jidoctor history)`);
    const latest = history.latestRun(run.tenant)!;
    if (latest.id === a) {
      throw new InputError(`diff: run ${a} is the newest run of its tenant; give a second run to compare it with`);
    }
    return [a, latest.id];
  }
  const latest = history.latestRun(tenant);
  if (!latest) throw new InputError(`diff: no run recorded${tenant ? ` for tenant ${tenant}` : ''} in ${history.path}`);
  const before = history.previousRun(latest.id);
  if (!before) {
    throw new InputError(
      `diff: the tenant ${latest.tenantName ?? latest.tenant} has only one recorded run (${latest.id}); run diagnose again first`,
    );
  }
  return [before.id, latest.id];
}

export function renderDiff(d: RunDiff, lang: Lang, width = 80, max = 20): string {
  const ui = HISTORY_UI[lang];
  const words = UI[lang];
  const out: string[] = [];
  out.push(ui.diffTitle(d.from.id, formatDate(d.from.asOf, lang), d.to.id, formatDate(d.to.asOf, lang)));
  out.push(`${words.tenant}: ${d.to.tenantName ? `${d.to.tenantName} (${d.to.tenant})` : d.to.tenant}`);
  out.push(ui.counts(d.new.length, d.fixed.length, d.persisting.length));
  const section = (title: string, list: HistoryFinding[], note: (f: HistoryFinding) => string) => {
    out.push('', `${title} (${list.length})`);
    if (list.length === 0) out.push(`  ${ui.nothing}`);
    for (const f of list.slice(0, max)) {
      out.push(
        ...wrap(
          `[${words.severities[f.severity].toUpperCase()}] ${f.checkId} — ${messageIn(f, lang)}${note(f)}`,
          width,
          '      ',
          '  - ',
        ),
      );
      const subj = f.subjects.map(subjectLabel).join('; ');
      if (subj) out.push(...wrap(`${ui.affected}: ${subj}`, width, '      ', '    '));
    }
    if (list.length > max) out.push(`    ${ui.andMore(list.length - max)}`);
  };
  section(ui.newTitle, d.new, () => '');
  section(ui.fixedTitle, d.fixed, () => '');
  section(ui.persistingTitle, d.persisting, (f) => ` (${ui.since} ${f.firstSeen.slice(0, 10)})`);
  if (d.notCheckedInTo.length) section(ui.notCheckedIn(d.to.id), d.notCheckedInTo, () => '');
  if (d.notCheckedInFrom.length) section(ui.notCheckedIn(d.from.id), d.notCheckedInFrom, () => '');
  return `${out.join('\n')}\n`;
}

export const registerDiff: RegisterCommand = (program) => {
  const cmd = program
    .command('diff')
    .description('Compare two recorded runs: new, fixed and persisting findings (default: the newest two of a tenant)')
    .argument('[runA]', 'the earlier run id (see jidoctor history)', wholeNumber('RUN_A', 1))
    .argument('[runB]', 'the later run id (default: the newest run of the same tenant)', wholeNumber('RUN_B', 1))
    .option('--db <file>', 'history database (default: $JIDOCTOR_DB, else the per-user location)')
    .option('--tenant <id>', 'without run ids: the newest two runs of this tenant')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language').choices(['en', 'it']).default('en'));
  addNotifyOptions(cmd).action(async (runA: number | undefined, runB: number | undefined, opts) => {
    const target = notifyTarget(opts as NotifyFlags);
    const lang = opts.lang as Lang;
    const { path, history } = await openHistory(opts.db, false, true);
    if (!history) throw new InputError(`diff: no history at ${path} (run jidoctor diagnose first, or pass --db)`);
    try {
      const [a, b] = pickRuns(history, runA, runB, opts.tenant);
      const d = history.diff(a, b);
      if (opts.format === 'json') {
        const withText = (list: HistoryFinding[]) => list.map((f) => ({ ...f, message: messageIn(f, lang) }));
        await emit(
          jsonSafe(
            `${JSON.stringify(
              {
                ...d,
                new: withText(d.new),
                fixed: withText(d.fixed),
                persisting: withText(d.persisting),
                notCheckedInTo: withText(d.notCheckedInTo),
                notCheckedInFrom: withText(d.notCheckedInFrom),
              },
              null,
              2,
            )}\n`,
          ),
        );
      } else {
        // Tenant names, Mac names and messages come from the data: the one sanitiser (report/wrap.ts).
        await emit(renderDiff(d, lang, terminalWidth()), undefined, true);
      }
      if (target) await notify(noticeFromDiff(d, lang, target.names), target, note);
    } finally {
      history.close();
    }
  });
};
