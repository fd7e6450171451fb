import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { type Page, transferList } from '../../model/page.js';
import type { KindName } from './kinds.js';
import { scanPage } from './scan.js';

/** A scanning worker: reads one page file into a reused buffer, scans it, and transfers the page's buffers. */
export interface ScanTask {
  id: number;
  path: string;
  rel: string;
  kind: KindName;
  apiVersion: number;
}

export type ScanResult = { id: number; page: Page | null } | { id: number; error: string };

let buf = new Uint8Array(8 << 20);

/** Reads a whole file into `buf` (grown as needed); returns its length. */
function readWhole(path: string): number {
  const fd = openSync(path, 'r');
  try {
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        const next = new Uint8Array(buf.length * 2);
        next.set(buf);
        buf = next;
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) return n;
      n += got;
    }
  } finally {
    closeSync(fd);
  }
}

parentPort?.on('message', (task: ScanTask) => {
  let n: number;
  try {
    n = readWhole(task.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'I/O error';
    parentPort!.postMessage({ id: task.id, error: `${task.rel}: cannot be read (${code})` } satisfies ScanResult);
    return;
  }
  const page = scanPage(buf.subarray(0, n), task.kind, task.apiVersion);
  parentPort!.postMessage({ id: task.id, page } satisfies ScanResult, page ? transferList(page) : []);
});
