import { wrap } from '../report/wrap.js';
import type { ApiCall, Plan, Where } from './types.js';
import { L } from './types.js';

const WHERE: Record<Where, { en: string; it: string }> = {
  intune: { en: 'Intune', it: 'Intune' },
  entra: { en: 'Entra', it: 'Entra' },
  jamf: { en: 'Jamf Pro', it: 'Jamf Pro' },
  mac: { en: 'the Mac', it: 'il Mac' },
  console: { en: 'console', it: 'console' },
};

export function callText(c: ApiCall): string {
  const base = c.api === 'graph' ? 'https://graph.microsoft.com/v1.0' : 'https://JAMF-PRO-URL';
  return `${c.method} ${base}${c.path}${c.body ? ` ${JSON.stringify(c.body)}` : ''}`;
}

/** The plan as text for a person: ordered steps, where, why, and what jidoctor cannot do. */
export function renderPlanText(plan: Plan, width = 80): string {
  const lang = plan.lang;
  const lines: string[] = [];
  const out = {
    push(...items: string[]) {
      for (const item of items) {
        if (item === '') {
          lines.push('');
          continue;
        }
        const indent = /^ */.exec(item)![0];
        const label = /^ *(?:[\d.]+ |- |\S+: )?/.exec(item)![0];
        lines.push(...wrap(item.slice(indent.length), width, ' '.repeat(Math.min(label.length, 12)) || indent, indent));
      }
    },
    join(sep: string) {
      return lines.join(sep);
    },
  };
  out.push(`${L(lang, 'Fix plan', 'Piano di correzione')}: ${plan.checkId} — ${plan.title}`);
  out.push(
    `${L(lang, 'Data as of', 'Dati al')} ${plan.asOf} (${plan.source.kind}${plan.source.path ? ` ${plan.source.path}` : ''}); ${L(lang, 'check outcome', 'esito del controllo')}: ${plan.outcome}${plan.reason ? ` (${plan.reason})` : ''}`,
  );
  if (plan.findings.length === 0) {
    out.push(
      plan.outcome === 'pass'
        ? L(lang, 'Nothing to fix: the check passes.', 'Niente da correggere: il controllo è superato.')
        : L(
            lang,
            'No findings to plan for: the check did not report any (see its outcome above).',
            'Nessun risultato da pianificare: il controllo non ne ha riportati (vedere il suo esito sopra).',
          ),
    );
    return `${out.join('\n')}\n`;
  }
  out.push(
    L(
      lang,
      `${plan.summary.findings} finding(s); ${plan.summary.automatic} step(s) jidoctor can do with --apply, ${plan.summary.manual} step(s) for a person. Nothing changes without --apply.`,
      `${plan.summary.findings} risultato/i; ${plan.summary.automatic} passo/i che jidoctor può eseguire con --apply, ${plan.summary.manual} passo/i per una persona. Nulla cambia senza --apply.`,
    ),
  );
  for (const [i, f] of plan.findings.entries()) {
    out.push('');
    out.push(`${i + 1}. ${f.message}`);
    for (const k of f.keep)
      out.push(`   ${L(lang, 'KEEP', 'MANTENERE')} ${k.kind} ${k.id} (${k.label}): ${k.why.join('; ')}`);
    for (const [j, s] of f.steps.entries()) {
      const tag = s.automatic ? L(lang, 'jidoctor --apply', 'jidoctor --apply') : L(lang, 'by hand', 'a mano');
      out.push(`   ${i + 1}.${j + 1} [${WHERE[s.where][lang]}, ${tag}] ${s.text}`);
      for (const w of s.why) out.push(`        ${L(lang, 'why', 'perché')}: ${w}`);
      if (s.clickPath) out.push(`        ${L(lang, 'console', 'console')}: ${s.clickPath}`);
      if (s.call) out.push(`        ${L(lang, 'API', 'API')}: ${callText(s.call)}`);
      if (s.command) out.push(`        ${L(lang, 'command', 'comando')}: ${s.command}`);
    }
    for (const r of f.related)
      out.push(`   ${L(lang, 'also on this Mac', 'anche su questo Mac')}: ${r.checkId} — ${r.message}`);
    if (f.evidence.length) {
      out.push(`   ${L(lang, 'evidence', 'prove')}:`);
      for (const e of f.evidence) {
        const fields = e.fields
          ? Object.entries(e.fields)
              .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`)
              .join(', ')
          : (e.text ?? '');
        out.push(`     - ${e.source}${e.record ? ` ${e.record}` : ''}: ${fields}`);
      }
    }
  }
  if (plan.writePermissions.length) {
    out.push(
      '',
      L(
        lang,
        '--apply needs these write permissions (not the read-only ones of diagnose):',
        '--apply richiede questi permessi di scrittura (non quelli di sola lettura di diagnose):',
      ),
    );
    for (const p of plan.writePermissions)
      out.push(`  - ${p.system === 'graph' ? 'Microsoft Graph' : 'Jamf Pro'} ${p.name}: ${p.for}`);
  }
  if (plan.scriptAvailable)
    out.push(
      '',
      L(
        lang,
        `Mac clean-up: jidoctor fix ${plan.checkId} --mac SERIAL --script writes the cause-6 script for one Mac.`,
        `Pulizia del Mac: jidoctor fix ${plan.checkId} --mac SERIALE --script genera lo script della causa 6 per un Mac.`,
      ),
    );
  return `${out.join('\n')}\n`;
}
