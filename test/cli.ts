import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'jidoctor.js');
export const EXAMPLE = join(ROOT, 'examples', 'contoso-snapshot');

/** A per-process scratch place, so that no test ever writes to the user's real history or config. */
const scratch = mkdtempSync(join(tmpdir(), 'jidoctor-cli-'));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (bin/jidoctor.js) in a child process. */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: ROOT,
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? scratch,
          TMPDIR: process.env.TMPDIR ?? tmpdir(),
          XDG_DATA_HOME: join(scratch, 'data'),
          JIDOCTOR_DB: join(scratch, 'history.db'),
          NO_COLOR: '1',
          ...env,
        },
      },
      (err, stdout, stderr) => {
        const code: unknown = err ? (err as { code?: unknown }).code : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}
