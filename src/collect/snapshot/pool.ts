import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import type { PageResult, PageTask } from './worker.js';

/**
 * A small pool of page-reading workers. On two cores, two workers parse and reduce pages while the main thread
 * receives the compact records of the previous ones. Workers are started on first use and stopped by close().
 */
export class PagePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (r: unknown[]) => void; reject: (e: Error) => void }>();
  private next = 0;
  private seq = 0;

  constructor(readonly size = Math.max(1, Math.min(2, availableParallelism()))) {}

  private worker(): Worker {
    if (this.workers.length < this.size) {
      // From source (development, tests) the worker starts through a bootstrap that registers tsx in its thread.
      const fromSource = import.meta.url.endsWith('.ts');
      const w = fromSource
        ? new Worker(new URL('./worker-boot.mjs', import.meta.url), {
            workerData: { entry: new URL('./worker.ts', import.meta.url).href },
          })
        : new Worker(new URL('./worker.js', import.meta.url));
      w.on('message', (r: PageResult) => {
        const p = this.pending.get(r.id);
        if (!p) return;
        this.pending.delete(r.id);
        if ('error' in r) p.reject(r.input ? new InputError(r.error) : new Error(r.error));
        else p.resolve(r.records);
      });
      w.on('error', (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      this.workers.push(w);
      return w;
    }
    const w = this.workers[this.next % this.workers.length]!;
    this.next++;
    return w;
  }

  run(task: Omit<PageTask, 'id'>): Promise<unknown[]> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker().postMessage({ ...task, id } satisfies PageTask);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
