import type { AnyCheck, Lang } from '../checks/define.js';
import { UI } from '../i18n/ui.js';
import { DATASET_BY_ID } from '../model/datasets.js';

const HEAD: Record<
  Lang,
  { title: string; intro: string; cause: string; resolution: string; messages: string; example: string }
> = {
  en: {
    title: 'Check catalogue',
    intro:
      'Generated from the check metadata by `npm run docs:checks`; do not edit by hand (a test fails when it is stale). Ids are stable: reports, history, SARIF rules and mute lists key on them.',
    cause: 'Cause',
    resolution: 'Resolution',
    messages: 'Messages',
    example: 'Error messages it explains',
  },
  it: {
    title: 'Catalogo dei controlli',
    intro:
      'Generato dai metadati dei controlli con `npm run docs:checks`; non modificarlo a mano (un test fallisce quando non è aggiornato). Gli id sono stabili: rapporti, cronologia, regole SARIF ed elenchi di esclusione si basano su di essi.',
    cause: 'Causa',
    resolution: 'Risoluzione',
    messages: 'Messaggi',
    example: 'Messaggi di errore che spiega',
  },
};

/** The catalogue page of one language, generated from the checks' metadata. */
export function renderCheckDocs(checks: readonly AnyCheck[], lang: Lang): string {
  const ui = UI[lang];
  const h = HEAD[lang];
  const out: string[] = [`# ${h.title}`, '', h.intro, ''];
  out.push(`| ${ui.id} | ${ui.severity} | ${ui.modes} | ${ui.title} |`, '|---|---|---|---|');
  for (const c of checks) {
    const modes = `${c.modes === 'any' ? ui.anyMode : c.modes.join(', ')}${c.states ? ` (${ui.stateWord} ${c.states.join(', ')})` : ''}`;
    out.push(
      `| [\`${c.id}\`](#${c.id.replace(/[^a-z0-9-]/g, '')}) | ${ui.severities[c.severity]} | ${modes} | ${c.title[lang]} |`,
    );
  }
  out.push('');
  for (const c of checks) {
    out.push(`## ${c.id}`, '');
    out.push(`**${c.title[lang]}**`, '');
    const modes = `${c.modes === 'any' ? ui.anyMode : c.modes.join(', ')}${c.states ? ` (${ui.stateWord} ${c.states.join(', ')})` : ''}`;
    const perms = [...new Set(c.requires.flatMap((d) => DATASET_BY_ID.get(d)?.permissions ?? []))];
    out.push(`- ${ui.severity}: ${ui.severities[c.severity]}`);
    out.push(`- ${ui.modes}: ${modes}`);
    out.push(`- ${ui.requires}: ${c.requires.map((r) => `\`${r}\``).join(', ')}`);
    if (perms.length) out.push(`- ${ui.permissions}: ${perms.join(', ')}`);
    out.push(`- ${ui.article}: ${c.sources.join('; ')}`, '');
    out.push(`### ${h.cause}`, '', c.cause[lang], '');
    out.push(`### ${h.resolution}`, '');
    c.resolution[lang].forEach((s, i) => {
      out.push(`${i + 1}. ${s}`);
    });
    out.push('');
    out.push(`### ${h.messages}`, '');
    for (const [id, m] of Object.entries(c.messages)) {
      out.push(`- \`${id}\`${m.severity ? ` (${ui.severities[m.severity]})` : ''}`);
    }
    out.push('');
    if (c.symptoms?.length) {
      out.push(`### ${h.example}`, '');
      for (const s of c.symptoms) out.push(`- \`${s.replace(/`/g, "'")}\``);
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
