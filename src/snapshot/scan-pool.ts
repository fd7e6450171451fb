import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { Page } from '../model/page.js';
import type { KindName } from './kinds.js';
import { pageOf } from './native.js';
import type { ScanResult, ScanTask } from './scan-worker.js';

/** The parent's execArgv without --import/--loader/--require (and their values). */
function withoutLoaders(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^--(import|loader|experimental-loader|require)$/.test(a) || a === '-r') i++;
    else if (!/^--(import|loader|experimental-loader|require)=/.test(a)) out.push(a);
  }
  return out;
}

interface Pending {
  resolve: (p: Page | null) => void;
  reject: (e: Error) => void;
  worker: number;
}

/**
 * A pool of scanning workers (scan-worker.ts): each reads a page file itself, runs the byte scanner and transfers
 * the page's columns back (no cloning). A page the scanner is not sure of comes back as null: the caller reads it
 * through the slow path. Workers start on first use; close() stops them, so they never keep the process alive.
 */
export class ScanPool {
  private readonly workers: Array<Worker | null> = [];
  private readonly load: number[] = [];
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private readonly spares: ArrayBuffer[] = [];

  constructor(readonly size = Math.max(1, Math.min(2, availableParallelism()))) {}

  private start(index: number): Worker {
    // From source (development, tests) the worker starts through the bootstrap that registers tsx in its thread.
    // Workers do not inherit a loader flag of the parent (`--import tsx`): its hooks would run in every worker.
    const fromSource = import.meta.url.endsWith('.ts');
    const make = (execArgv: string[]) =>
      fromSource
        ? new Worker(new URL('../worker-boot.mjs', import.meta.url), {
            workerData: { entry: new URL('./scan-worker.ts', import.meta.url).href },
            execArgv,
          })
        : new Worker(new URL('./scan-worker.js', import.meta.url), { execArgv });
    let w: Worker;
    try {
      w = make(withoutLoaders(process.execArgv));
    } catch (err) {
      // A V8 or per-process flag of the parent (`node --max-old-space-size=8192 …`, as admins of large tenants run
      // it) is refused for a worker: the workers start without the parent's flags, which they do not need.
      if ((err as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw err;
      w = make([]);
    }
    w.on('message', (r: ScanResult) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      this.load[p.worker]!--;
      if ('error' in r) p.reject(r.input ? new InputError(r.error) : new Error(r.error));
      else if ('native' in r) {
        try {
          p.resolve(pageOf(r.kind, r.native));
        } catch (err) {
          p.reject(err as Error); // not the input's fault: the reader reads that page through the slow path
        }
      } else p.resolve(r.page);
    });
    // A worker that dies takes its pending pages with it (rejected); the pool starts a fresh one for the next.
    const fail = (err: Error) => {
      if (this.workers[index] !== w) return;
      this.workers[index] = null;
      for (const [id, p] of this.pending) {
        if (p.worker !== index) continue;
        this.pending.delete(id);
        p.reject(err);
      }
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`scan worker exited (${code})`)));
    this.workers[index] = w;
    this.load[index] = 0;
    return w;
  }

  /** The least-loaded live worker; a new one (or a replacement for a dead one) while an idle one is missing. */
  private pick(): number {
    let best = -1;
    for (let i = 0; i < this.workers.length; i++) {
      if (this.workers[i] && (best < 0 || this.load[i]! < this.load[best]!)) best = i;
    }
    if (best < 0 || this.load[best]! > 0) {
      const free = this.workers.indexOf(null);
      const index = free >= 0 ? free : this.workers.length < this.size ? this.workers.length : -1;
      if (index >= 0) {
        this.start(index);
        return index;
      }
    }
    return best;
  }

  /**
   * Scans one page file (absolute path); with `dicts` (Keys.nativeHandles), the native scanner also interns the
   * page's keys. Resolves to its Page, or null when the slow path must read it; rejects
   * with a one-line InputError naming `rel` (default: the path) when the file cannot be read.
   */
  scan(
    absPath: string,
    kind: KindName,
    apiVersion: number,
    rel = absPath,
    dicts: Int32Array | null = null,
  ): Promise<Page | null> {
    const id = ++this.seq;
    const worker = this.pick();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      this.load[worker]!++;
      const spare = this.spares.pop();
      const task: ScanTask = { id, path: absPath, rel, kind, apiVersion, dicts };
      if (spare) task.spares = [spare];
      this.workers[worker]!.postMessage(task, spare ? [spare] : []);
    });
  }

  /**
   * Takes back the columns buffer of a page the caller is done with (nothing may read the page's columns after
   * this): it goes to a worker with a later task, for the native scanner to fill again instead of allocating.
   */
  recycle(page: Page): void {
    const b = page.id.buffer;
    if (b instanceof ArrayBuffer && b !== page.heap.buffer && this.spares.length < 8) this.spares.push(b);
  }

  async close(): Promise<void> {
    const ws = this.workers.splice(0);
    this.load.length = 0;
    for (const p of this.pending.values()) p.reject(new Error('scan pool closed'));
    this.pending.clear();
    await Promise.all(ws.map((w) => w?.terminate()));
  }
}
