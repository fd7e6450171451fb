import { Option } from 'commander';
import { type Lang, SEVERITIES } from '../../checks/define.js';
import { InputError } from '../../errors.js';
import { HISTORY_UI } from '../../i18n/history.js';
import { UI } from '../../i18n/ui.js';
import { jsonSafe } from '../../report/wrap.js';
import type { RunSummary } from '../../store/history.js';
import { openHistory } from '../../store/record.js';
import { emit } from '../output.js';
import type { RegisterCommand } from './index.js';

/** A whole number of at least `min`, for a flag. */
export function wholeNumber(flag: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InputError(`${flag} ${value}: expected a whole number of at least ${min}`);
    }
    return n;
  };
}

export function renderRuns(runs: RunSummary[], path: string, lang: Lang): string {
  const ui = HISTORY_UI[lang];
  if (runs.length === 0) return `${ui.noHistory(path)}\n`;
  const head = [
    ui.run,
    ui.recorded,
    ui.asOf,
    ui.tenant,
    ui.mode,
    ui.failingMacs,
    ui.findings,
    ...SEVERITIES.map((sev) => UI[lang].severities[sev]),
  ];
  const rows = runs.map((r) => [
    String(r.id),
    r.recordedAt.slice(0, 16).replace('T', ' '),
    r.asOf.slice(0, 16).replace('T', ' '),
    r.tenantName ?? r.tenant,
    r.mode,
    `${r.affected.macs}/${r.macs}`,
    String(r.findings),
    ...SEVERITIES.map((sev) => String(r.bySeverity[sev])),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i >= 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[ui.runsIn(runs.length, path), '', line(head), ...rows.map(line)].join('\n')}\n`;
}

export const registerHistory: RegisterCommand = (program) => {
  program
    .command('history')
    .description('List the recorded diagnose runs (counts per severity), or prune old ones')
    .option('--db <file>', 'history database (default: $JIDOCTOR_DB, else the per-user location)')
    .option('--tenant <id>', 'only the runs of this tenant (its id, as in jidoctor history --format json)')
    .option('--limit <n>', 'show the newest N runs (0: all)', wholeNumber('--limit', 0), 50)
    .option('--prune', 'delete old runs by the retention rule (--keep-days or --keep-runs)')
    .option('--keep-days <n>', 'with --prune: keep the runs recorded in the last N days', wholeNumber('--keep-days', 1))
    .option('--keep-runs <n>', 'with --prune: keep the newest N runs of each tenant', wholeNumber('--keep-runs', 1))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language').choices(['en', 'it']).default('en'))
    .action(async (opts) => {
      const lang = opts.lang as Lang;
      const ui = HISTORY_UI[lang];
      const rule = { keepDays: opts.keepDays, keepRuns: opts.keepRuns };
      if (opts.prune && (rule.keepDays === undefined) === (rule.keepRuns === undefined)) {
        throw new InputError('--prune: expected exactly one retention rule, --keep-days N or --keep-runs N');
      }
      if (!opts.prune && (rule.keepDays !== undefined || rule.keepRuns !== undefined)) {
        throw new InputError('--keep-days/--keep-runs: expected --prune with them');
      }
      // Listing only reads: a database in a read-only folder is fine; pruning writes.
      const { path, history } = await openHistory(opts.db, false, !opts.prune);
      try {
        if (opts.prune) {
          const result = history
            ? history.prune(rule.keepDays !== undefined ? { keepDays: rule.keepDays } : { keepRuns: rule.keepRuns! })
            : { runs: 0, fingerprints: 0, kept: 0 };
          await emit(
            opts.format === 'json'
              ? jsonSafe(`${JSON.stringify({ db: path, pruned: result }, null, 2)}\n`)
              : `${ui.pruned(result.runs, result.kept)}\n`,
            undefined,
            opts.format !== 'json',
          );
          return;
        }
        const filter: { tenant?: string; limit?: number } = {};
        if (opts.tenant) filter.tenant = opts.tenant;
        if (opts.limit > 0) filter.limit = opts.limit;
        const runs = history ? history.runs(filter) : [];
        // Tenant names come from the data: the one sanitiser for text, \u escapes for JSON (report/wrap.ts).
        // A tenant with no run in a history that has runs: say so, naming the tenants it knows.
        const tenants = opts.tenant && runs.length === 0 && history ? history.tenants() : null;
        if (tenants?.length) {
          await emit(
            opts.format === 'json'
              ? `${JSON.stringify({ db: path, runs, tenants }, null, 2)}\n`
              : `${ui.noRunsOfTenant(
                  opts.tenant,
                  path,
                  tenants.map((t) => (t.name ? `${t.id} (${t.name})` : t.id)),
                )}\n`,
            undefined,
            opts.format !== 'json',
          );
          return;
        }
        await emit(
          opts.format === 'json'
            ? jsonSafe(`${JSON.stringify({ db: path, runs }, null, 2)}\n`)
            : renderRuns(runs, path, lang),
          undefined,
          opts.format !== 'json',
        );
      } finally {
        history?.close();
      }
    });
};
