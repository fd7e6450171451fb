import type { AnyCheck } from './checks/define.js';
import { TOPICS, type Topic } from './knowledge/article.js';
import { explainTextsOf } from './logs/signatures.js';

export type ExplainMatch =
  | { kind: 'check'; check: AnyCheck; score: number; matched: string | null }
  | { kind: 'topic'; topic: Topic; score: number; matched: string | null };

/** Normalises pasted text: case, curly quotes, punctuation and white space do not matter. */
export function normText(s: string): string {
  return s
    .toLowerCase()
    .replace(/[“”„«»"]/g, '"')
    .replace(/[‘’`]/g, "'")
    .replace(/[^a-z0-9\-"'/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function words(s: string): Set<string> {
  return new Set(
    normText(s)
      .split(' ')
      .filter((w) => w.length >= 3)
      .map((w) => w.replace(/["']/g, '')),
  );
}

/** How well a pasted text matches a known error text: 1 for containment either way, else word overlap. */
function score(query: string, qWords: Set<string>, symptom: string): number {
  const q = normText(query).replace(/["']/g, '');
  const s = normText(symptom).replace(/["']/g, '');
  if (!q || !s) return 0;
  if (s.includes(q) && q.length >= Math.min(12, s.length)) return 1;
  if (q.includes(s) && s.length >= 8) return 0.95;
  const sw = words(symptom);
  if (sw.size === 0 || qWords.size === 0) return 0;
  let common = 0;
  for (const w of qWords) if (sw.has(w)) common++;
  return common / Math.max(qWords.size, sw.size);
}

/**
 * Finds what a topic means: a check id (or area), or any error text an admin pastes. Returns checks and
 * article topics, best first.
 */
export function explain(
  query: string,
  checks: readonly AnyCheck[],
  extra: ReadonlyArray<{ id: string; symptoms: readonly string[] }> = checks.map((c) => ({
    id: c.id,
    symptoms: explainTextsOf(c.id),
  })),
): ExplainMatch[] {
  const q = query.trim();
  const exact = checks.find((c) => c.id === q);
  if (exact) return [{ kind: 'check', check: exact, score: 1, matched: null }];
  const area = checks.filter((c) => c.id.startsWith(`${q.replace(/\/$/, '')}/`));
  if (area.length) return area.map((check) => ({ kind: 'check' as const, check, score: 1, matched: null }));
  const topic = TOPICS.find((t) => t.id === q);
  if (topic) return [{ kind: 'topic', topic, score: 1, matched: null }];

  const qWords = words(q);
  const out: ExplainMatch[] = [];
  const best = (texts: readonly string[]): { s: number; m: string | null } => {
    let s = 0;
    let m: string | null = null;
    for (const t of texts) {
      const v = score(q, qWords, t);
      if (v > s) {
        s = v;
        m = t;
      }
    }
    return { s, m };
  };
  const extraById = new Map(extra.map((e) => [e.id, e.symptoms]));
  for (const check of checks) {
    const texts = [...(check.symptoms ?? []), ...(extraById.get(check.id) ?? []), check.title.en, check.title.it];
    const { s, m } = best(texts);
    if (s >= 0.6) out.push({ kind: 'check', check, score: s, matched: m });
  }
  for (const t of TOPICS) {
    const { s, m } = best([...t.symptoms, t.title.en, t.title.it]);
    if (s >= 0.6) out.push({ kind: 'topic', topic: t, score: s, matched: m });
  }
  out.sort((a, b) => b.score - a.score);
  return out;
}
