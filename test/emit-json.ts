import { readFile } from 'node:fs/promises';
import { vi } from 'vitest';
import { emitJson } from '../src/cli/output.js';

/** emitJson to a file; the file's text. */
export async function emitJsonToFile(v: unknown, file: string, chunkChars?: number): Promise<string> {
  await emitJson(v, file, chunkChars);
  return readFile(file, 'utf8');
}

/** emitJson to stdout, captured (each write completes on a later turn, as a real stream's would). */
export async function emitJsonToStdout(v: unknown, chunkChars?: number): Promise<{ text: string; writes: number }> {
  const parts: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((
    chunk: string | Uint8Array,
    ...rest: unknown[]
  ) => {
    parts.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const cb = rest.find((x) => typeof x === 'function') as ((err?: Error | null) => void) | undefined;
    setImmediate(() => cb?.());
    return true;
  }) as typeof process.stdout.write);
  try {
    await emitJson(v, undefined, chunkChars);
  } finally {
    spy.mockRestore();
  }
  return { text: parts.join(''), writes: parts.length };
}
