import { writeFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { redact } from '../redact.js';
import { printable } from '../report/wrap.js';

/** Colour only on a TTY, never with NO_COLOR (https://no-color.org), always with FORCE_COLOR. */
export function useColor(stream: NodeJS.WriteStream, flag?: boolean): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function terminalWidth(): number {
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 80;
}

/**
 * Writes data to --output FILE, or to stdout. Every byte passes the redaction; `plain` text (human output that
 * carries no escape codes of ours) also loses any control character that came with the data.
 */
export async function emit(text: string, output?: string, plain = false): Promise<void> {
  const safe = plain ? printable(redact(text)) : redact(text);
  if (output) {
    try {
      await writeFile(output, safe);
    } catch (err) {
      throw new InputError(
        `--output ${output}: cannot be written (${(err as NodeJS.ErrnoException).code ?? 'I/O error'})`,
      );
    }
    return;
  }
  await new Promise<void>((resolve, reject) => {
    process.stdout.write(safe, (err) => (err ? reject(err) : resolve()));
  });
}

/** Narration and progress go to stderr, so that stdout stays data. */
export function note(text: string): void {
  process.stderr.write(`${printable(redact(text))}\n`);
}

/** Splits repeatable, comma-separated option values. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}
