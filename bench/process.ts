/** Helpers of the benchmarks that time whole processes: the compiled CLI, and /usr/bin/time around a command. */
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
/** The compiled CLI, as an installed package runs it (built by the benchmark before timing). */
export const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

export function build(): void {
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')],
    { stdio: 'inherit' },
  );
}

export interface Run {
  seconds: number;
  maxRssMiB: number;
  stdout: string;
}

/** Runs a command under /usr/bin/time: wall seconds and peak RSS of the whole process. */
export function timed(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      '/usr/bin/time',
      ['-f', '%e %M', ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 1 << 30 },
      (err, stdout, stderr) => {
        const m = /([\d.]+) (\d+)\s*$/.exec(String(stderr));
        if (!m)
          return reject(new Error(`${args.join(' ')} failed: ${String(stderr).slice(-800)} ${err?.message ?? ''}`));
        resolve({ seconds: Number(m[1]), maxRssMiB: Number(m[2]) / 1024, stdout: String(stdout) });
      },
    );
  });
}

/** `jidoctor diagnose` of a snapshot to a JSON report, as a whole process, without history. */
export function diagnoseTimed(snapshot: string, report: string, env: Record<string, string> = {}): Promise<Run> {
  return timed(
    [
      process.execPath,
      CLI,
      'diagnose',
      '--snapshot',
      snapshot,
      '--format',
      'json',
      '--output',
      report,
      '--fail-on',
      'none',
      '--no-history',
    ],
    { NO_COLOR: '1', ...env },
  );
}
