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

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what we replace.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Data made safe for a terminal: control characters (escape sequences in a Mac's name or a log line could move
 * the cursor or rewrite a confirmation prompt) become `?`. Tabs and newlines stay.
 */
export function printable(s: string): string {
  return s.replace(CONTROL, '?');
}
