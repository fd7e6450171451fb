import { Option } from 'commander';
import type { Lang } from '../../checks/define.js';
import { CHECKS } from '../../checks/index.js';
import { explain } from '../../explain.js';
import { UI } from '../../i18n/ui.js';
import { DATASET_BY_ID } from '../../model/datasets.js';
import { wrap } from '../../report/wrap.js';
import { emit, terminalWidth } from '../output.js';
import type { RegisterCommand } from './index.js';

export function renderExplain(query: string, lang: Lang, width = 80): { text: string; found: boolean } {
  const ui = UI[lang];
  const matches = explain(query, CHECKS);
  const out: string[] = [];
  if (matches.length === 0) return { text: `${ui.explainNoMatch(query)}\n`, found: false };
  out.push(ui.explainMatches(matches.length), '');
  for (const m of matches) {
    if (m.kind === 'check') {
      const c = m.check;
      out.push(`${c.id} [${ui.severities[c.severity]}] — ${c.title[lang]}`);
      if (m.matched) out.push(...wrap(`“${m.matched}”`, width, '    ', '  '));
      out.push(
        ...wrap(
          `${ui.modes}: ${c.modes === 'any' ? ui.anyMode : c.modes.join(', ')} · ${ui.article}: ${c.sources.join('; ')}`,
          width,
          '    ',
          '  ',
        ),
      );
      out.push(...wrap(`${ui.cause}: ${c.cause[lang]}`, width, '    ', '  '));
      out.push(`  ${ui.resolution}:`);
      for (const [i, s] of c.resolution[lang].entries())
        out.push(...wrap(s, width, '       ', `    ${String(i + 1).padStart(2)}. `));
      const perms = [...new Set(c.requires.flatMap((d) => DATASET_BY_ID.get(d)?.permissions ?? []))];
      if (perms.length) out.push(...wrap(`${ui.permissions}: ${perms.join(', ')}`, width, '    ', '  '));
    } else {
      const t = m.topic;
      out.push(`${t.title[lang]}`);
      if (m.matched) out.push(...wrap(`“${m.matched}”`, width, '    ', '  '));
      out.push(...wrap(`${ui.article}: ${t.source}`, width, '    ', '  '));
      out.push(...wrap(`${ui.cause}: ${t.cause[lang]}`, width, '    ', '  '));
      out.push(`  ${ui.resolution}:`);
      for (const [i, s] of t.resolution[lang].entries())
        out.push(...wrap(s, width, '       ', `    ${String(i + 1).padStart(2)}. `));
      if (t.checks.length) out.push(...wrap(`${ui.relatedChecks}: ${t.checks.join(', ')}`, width, '    ', '  '));
    }
    out.push('');
  }
  return { text: `${out.join('\n')}`, found: true };
}

export const registerExplain: RegisterCommand = (program, setExit) => {
  program
    .command('explain')
    .description('Explain a check id, or an error message you paste, with its causes and resolution')
    .argument('<topic...>', 'a check id (e.g. intune/duplicate-device-records) or the error text')
    .addOption(new Option('--lang <lang>', 'language').choices(['en', 'it']).default('en'))
    .action(async (topic: string[], opts) => {
      const { text, found } = renderExplain(topic.join(' '), opts.lang as Lang, terminalWidth());
      await emit(text);
      setExit(found ? 0 : 1);
    });
};
