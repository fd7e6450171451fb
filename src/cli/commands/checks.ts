import { Option } from 'commander';
import type { Lang } from '../../checks/define.js';
import { CHECKS } from '../../checks/index.js';
import { UI } from '../../i18n/ui.js';
import { DATASET_BY_ID } from '../../model/datasets.js';
import { wrap } from '../../report/wrap.js';
import { emit, terminalWidth } from '../output.js';
import type { RegisterCommand } from './index.js';

export function catalogueJson(lang: Lang): unknown {
  return CHECKS.map((c) => ({
    id: c.id,
    severity: c.severity,
    modes: c.modes,
    ...(c.states ? { states: c.states } : {}),
    requires: c.requires,
    permissions: [...new Set(c.requires.flatMap((d) => DATASET_BY_ID.get(d)?.permissions ?? []))],
    title: c.title[lang],
    sources: c.sources,
  }));
}

export const registerChecks: RegisterCommand = (program) => {
  program
    .command('checks')
    .description('List the check catalogue')
    .addOption(new Option('--lang <lang>', 'language').choices(['en', 'it']).default('en'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (opts) => {
      const lang = opts.lang as Lang;
      if (opts.format === 'json') {
        await emit(`${JSON.stringify(catalogueJson(lang), null, 2)}\n`);
        return;
      }
      const ui = UI[lang];
      const width = terminalWidth();
      const lines = [`${ui.checkCatalogue} (${CHECKS.length})`, ''];
      for (const c of CHECKS) {
        const modes = `${c.modes === 'any' ? ui.anyMode : c.modes.join(', ')}${c.states ? ` (${ui.stateWord} ${c.states.join(', ')})` : ''}`;
        lines.push(`${c.id}  [${ui.severities[c.severity]} · ${ui.modes.toLowerCase()}: ${modes}]`);
        lines.push(...wrap(c.title[lang], width, '    '));
      }
      await emit(`${lines.join('\n')}\n`);
    });
};
