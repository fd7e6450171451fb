/**
 * Seeded random JSON values built from the fragments redaction and JSON escaping care about: tokens, JWTs,
 * `name=value` secrets, `"token": "…"` text, quotes, backslashes, line breaks, JSON punctuation, non-ASCII.
 */

export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export const FRAGMENTS = [
  'Bearer ',
  'bearer\t',
  'BEARER  ',
  'abc.DEF-123_~+/',
  '==',
  'eyJhbGciOiJIUzI1NiJ9',
  '.',
  'eyJzdWIiOiIxMjM0NTY3ODkwIn0',
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  'token=',
  'password=',
  'client_secret=',
  '&',
  '"token": "',
  '"Secret":"',
  '"password" : ',
  '"',
  '\\',
  '\\"',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '    ',
  ':',
  ': ',
  ',',
  '{',
  '}',
  '[',
  ']',
  '},\n    {',
  'abc',
  'x',
  'é',
  '\u2028',
  '\u00a0',
  '\u0000',
  '😀',
  's3cr3t-value',
  'tok',
  'en',
  'true',
  'null',
  '12',
];

export const KEYS = ['token', 'secret', 'password', 'client_secret', 'access_token', 'a', 'Bearer', 'data', 'id', ''];

export function randomString(r: () => number, max = 8): string {
  let s = '';
  const n = Math.floor(r() * max);
  for (let i = 0; i < n; i++) s += FRAGMENTS[Math.floor(r() * FRAGMENTS.length)];
  return s;
}

export function randomValue(r: () => number, depth = 0): unknown {
  const k = Math.floor(r() * (depth > 3 ? 6 : 10));
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return [0, -1, 1.5, 1e21, 1e-7, -0, Number.NaN, 12345678901234][Math.floor(r() * 8)];
    case 3:
    case 4:
    case 5:
      return randomString(r);
    case 6:
    case 7: {
      const n = Math.floor(r() * 4);
      const arr: unknown[] = [];
      for (let i = 0; i < n; i++) arr.push(r() < 0.05 ? undefined : randomValue(r, depth + 1));
      return arr;
    }
    default: {
      const n = Math.floor(r() * 4);
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const key = r() < 0.6 ? KEYS[Math.floor(r() * KEYS.length)]! : randomString(r, 3);
        obj[key] = r() < 0.05 ? undefined : randomValue(r, depth + 1);
      }
      return obj;
    }
  }
}

/** A report-shaped object: scalars and objects, and several top-level arrays (some empty, some long). */
export function randomDocument(r: () => number): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  const n = 2 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) {
    const key =
      r() < 0.7 ? ['format', 'summary', 'checks', 'findings', 'datasets', 'history', 'token'][i % 7]! : `k${i}`;
    const kind = r();
    if (kind < 0.5) {
      const len = r() < 0.2 ? 0 : Math.floor(r() * 40);
      const arr: unknown[] = [];
      for (let j = 0; j < len; j++) arr.push(r() < 0.03 ? undefined : randomValue(r, 1));
      doc[key] = arr;
    } else if (kind < 0.55) {
      doc[key] = undefined;
    } else {
      doc[key] = randomValue(r, 1);
    }
  }
  return doc;
}

/** A few secrets, from fragments: some hold '"' or '\n' (the whole-text fallback), most do not. */
export function randomSecrets(r: () => number): string[] {
  const out: string[] = [];
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    let s = '';
    while (s.length < 4) s += FRAGMENTS[Math.floor(r() * FRAGMENTS.length)];
    out.push(s);
  }
  return out;
}
