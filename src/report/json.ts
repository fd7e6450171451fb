import type { Report } from './types.js';
import { jsonSafe } from './wrap.js';

/** The JSON report; DEL, C1 and bidi controls of the data are written as \\u escapes (jsonSafe): same data, safe text. */
export function renderJson(report: Report): string {
  return jsonSafe(`${JSON.stringify(report, null, 2)}\n`);
}

/** About 1 MiB of text a chunk: small next to a 91 MB report, large enough that writing it is not dominated by calls. */
export const JSON_CHUNK_CHARS = 1 << 20;

/**
 * The text of renderJson(value) in chunks, in order: their concatenation is exactly `${JSON.stringify(value, null, 2)}\n`,
 * and every chunk after the first starts with a line break ('\n'), so a chunk boundary always lies just before one
 * (what the piecewise redaction in cli/output.ts relies on).
 *
 * How: every non-empty array property of the top-level object (a report's findings, checks, datasets) is replaced by
 * a unique placeholder string and the rest (the skeleton) is stringified once; each array is then written in place of
 * its placeholder as batches of elements, each batch stringified inside a one-element wrapper array so that
 * JSON.stringify itself puts the elements at the depth they have in the report (two levels, four spaces), and the
 * wrapper's brackets are cut off. The one difference with stringifying the whole value is the key a `toJSON(key)`
 * method is called with inside those arrays (its index in the batch, not in the array): report data is plain.
 * Anything else (not a plain object, a placeholder not found exactly once) is yielded whole, as renderJson gives it.
 */
export function* renderJsonChunks(value: unknown, chunkChars = JSON_CHUNK_CHARS): Generator<string> {
  // jsonSafe escapes single characters, which only occur inside strings: chunk by chunk is the same as whole.
  for (const chunk of rawJsonChunks(value, chunkChars)) yield jsonSafe(chunk);
}

function* rawJsonChunks(value: unknown, chunkChars: number): Generator<string> {
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    yield `${JSON.stringify(value, null, 2)}\n`;
    return;
  }
  const nonce = `\u0000jidoctor-json-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
  const skeleton: Record<string, unknown> = {};
  const arrays: Array<{ marker: string; items: readonly unknown[] }> = [];
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (Array.isArray(v) && v.length > 0 && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      const placeholder = `${nonce}-${arrays.length}`;
      skeleton[key] = placeholder;
      arrays.push({ marker: JSON.stringify(placeholder), items: v });
    } else {
      skeleton[key] = v;
    }
  }
  const text = JSON.stringify(skeleton, null, 2);
  const at: number[] = [];
  for (const { marker } of arrays) {
    const i = text.indexOf(marker, at.length ? at[at.length - 1]! : 0);
    if (i < 0 || text.indexOf(marker, i + 1) >= 0) {
      yield `${JSON.stringify(value, null, 2)}\n`;
      return;
    }
    at.push(i);
  }

  // The skeleton up to the first array; each later piece starts with the previous array's closing line.
  let head = '';
  let from = 0;
  for (let a = 0; a < arrays.length; a++) {
    const { marker, items } = arrays[a]!;
    yield `${head}${text.slice(from, at[a])}[`;
    let per = 1;
    for (let i = 0; i < items.length; ) {
      const end = Math.min(items.length, i + per);
      // `[\n  [\n    e0,\n    e1\n  ]\n]`: the batch's own text is between the 5-char head and the 6-char tail.
      const wrapped = JSON.stringify([items.slice(i, end)], null, 2);
      const body = wrapped.slice(5, wrapped.length - 6);
      yield end < items.length ? `${body},` : body;
      per = Math.max(1, Math.round((chunkChars * (end - i)) / Math.max(1, body.length)));
      i = end;
    }
    head = '\n  ]';
    from = at[a]! + marker.length;
  }
  yield `${head}${text.slice(from)}\n`;
}
