/** Word-wraps text to a width, with an indent on every line (and a different one on the first). */
export function wrap(text: string, width: number, indent = '', firstIndent = indent): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const w of words) {
    if (!empty && visibleLength(line) + 1 + visibleLength(w) > width) {
      lines.push(line);
      line = indent + w;
      continue;
    }
    if (empty) {
      line = (lines.length === 0 ? firstIndent : indent) + w;
      empty = false;
    } else line += ` ${w}`;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are what we strip.
const ANSI = /\u001b\[[0-9;]*m/g;
export function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * What must never reach a terminal or a human format from data: the C0 controls but tab and line feed, DEL, the C1
 * controls (a terminal may read U+009B as CSI), and the bidirectional controls (U+202A–U+202E, U+2066–U+2069,
 * U+200E, U+200F, U+061C: they reorder what is shown, as in "Trojan Source").
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what we replace.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Is c (a UTF-16 code unit) one of the characters printable() replaces? */
export function unsafeCode(c: number): boolean {
  return (
    (c <= 0x1f && c !== 0x09 && c !== 0x0a) ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x061c ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
}

/**
 * The one sanitiser of every human output (text, Markdown, HTML, CSV cells, history, diff, notes, error lines): data
 * made safe for a terminal and for reading. Control characters (escape sequences in a Mac's name or a log line could
 * move the cursor or rewrite a confirmation prompt) and bidirectional controls become `?`. Tabs and newlines stay.
 */
export function printable(s: string): string {
  return s.replace(UNSAFE, '?');
}

/**
 * The same characters in JSON text, as `\uXXXX` escapes: the data stays exactly what it was for a JSON reader,
 * and nothing raw reaches a terminal. JSON.stringify already escapes C0; DEL, C1, the bidi controls and U+2028/9
 * are left raw by it. These characters only ever occur inside JSON strings, so the escaping is local.
 */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
export function jsonSafe(text: string): string {
  return text.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
