#!/usr/bin/env node
// In a source checkout the CLI runs from src/ through tsx; an installed package runs the compiled dist/.
//
// The CLI runs in a child process watched by this one: when V8 runs out of heap it aborts the process with a
// multi-line fatal error and a native stack trace, which no JavaScript can catch. The watcher turns that into one
// line (how to give Node more memory), exit 3, and removes the partial output file the child was writing. Every
// other byte of stderr passes through as it comes; stdin and stdout are the child's own.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function run() {
  if (process.channel) {
    // The watcher's channel: when the watcher is gone (kill -9), stop the same way; never keep the child alive.
    process.channel.unref();
    process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
  }
  if (process.env.JIDOCTOR_STDERR_TTY) {
    // The watcher's stderr is a terminal: the child writes to it through a pipe, as if directly.
    const columns = Number(process.env.JIDOCTOR_STDERR_TTY);
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    if (columns > 0) Object.defineProperty(process.stderr, 'columns', { value: columns, configurable: true });
  }
  const source = join(root, 'src', 'cli', 'main.ts');
  if (existsSync(source)) {
    const { register } = await import('tsx/esm/api');
    register();
    await import(pathToFileURL(source).href);
  } else {
    await import(pathToFileURL(join(root, 'dist', 'src', 'cli', 'main.js')).href);
  }
}

/** The --output file of the command line, if any (the only file a report command writes besides the history). */
function outputOf(args) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--output' && i + 1 < args.length) return resolve(args[i + 1]);
    if (args[i].startsWith('--output=')) return resolve(args[i].slice('--output='.length));
  }
  return null;
}

/** Files beside `output` named after it (the file itself, a temporary file being renamed into it), by mtime. */
function outputFiles(output) {
  const dir = dirname(output);
  const name = basename(output);
  try {
    return new Map(
      readdirSync(dir)
        .filter((n) => n === name || (n.includes(name) && /tmp|partial|writing/i.test(n)))
        .map((n) => [join(dir, n), statSync(join(dir, n)).mtimeMs]),
    );
  } catch {
    return new Map();
  }
}

const OOM = /JavaScript heap out of memory|Reached heap limit|Allocation failed|invalid array length Allocation failed/;
// Where V8's fatal report starts: held back from the terminal until the child's fate is known.
const FATAL_START = /\n?<--- Last few GCs --->|\n?#\n# Fatal error|FATAL ERROR:/;

function watch() {
  const args = process.argv.slice(2);
  const output = outputOf(args);
  const before = output ? outputFiles(output) : new Map();
  const env = { ...process.env, JIDOCTOR_CHILD: '1' };
  if (process.stderr.isTTY) env.JIDOCTOR_STDERR_TTY = String(process.stderr.columns || 0);
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    stdio: ['inherit', 'inherit', 'pipe', 'ipc'],
    env,
  });
  let held = '';
  let holding = false;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    if (!holding) {
      const m = FATAL_START.exec(chunk);
      if (!m) {
        process.stderr.write(chunk);
        return;
      }
      process.stderr.write(chunk.slice(0, m.index));
      holding = true;
      chunk = chunk.slice(m.index);
    }
    held += chunk;
    if (held.length > 1 << 20) held = held.slice(-(1 << 19));
  });
  // Ctrl-C at a terminal reaches the child too (same process group): it decides. A SIGINT sent to this process
  // alone (no terminal: a script, a test) and the other signals are passed on.
  process.on('SIGINT', () => {
    if (!process.stdin.isTTY) child.kill('SIGINT');
  });
  for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => {
    child.stderr.once('end', () => finish(code, signal));
    if (child.stderr.readableEnded) finish(code, signal);
  });
  let done = false;
  function finish(code, signal) {
    if (done) return;
    done = true;
    if (held && OOM.test(held) && (signal === 'SIGABRT' || signal === 'SIGTRAP' || code === 134 || code === 133)) {
      if (output)
        for (const [file, mtime] of outputFiles(output)) if (before.get(file) !== mtime) rmSync(file, { force: true });
      const limit = /--max-old-space-size[= ](\d+)/.exec(
        `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`,
      );
      process.stderr.write(
        `jidoctor: out of memory${limit ? ` (Node's heap limit is ${limit[1]} MB)` : ''}: nothing was written${output ? ` to ${output}` : ''}; give Node more memory, e.g. NODE_OPTIONS=--max-old-space-size=${Math.max(8192, limit ? Number(limit[1]) * 2 : 0)} jidoctor …\n`,
      );
      process.exit(3);
    }
    if (held) process.stderr.write(held);
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  }
}

if (process.env.JIDOCTOR_CHILD || process.env.JIDOCTOR_NO_WATCH) await run();
else watch();
