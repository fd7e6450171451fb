import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { type Page, transferList } from '../model/page.js';
import type { KindName } from './kinds.js';
import { type NativeOutput, scanNativeRaw } from './native.js';
import { scanPage } from './scan.js';

/** A scanning worker: reads one page file into a reused buffer, scans it, and transfers the page's buffers. */
export interface ScanTask {
  id: number;
  path: string;
  rel: string;
  kind: KindName;
  apiVersion: number;
  /** The native key dictionaries to intern the page's keys into (Keys.nativeHandles), or null. */
  dicts: Int32Array | null;
  /** Column buffers of pages the reader is done with, for the native scanner to write into (ScanPool.recycle). */
  spares?: ArrayBuffer[];
}

export type ScanResult =
  | { id: number; page: Page | null }
  /** A page the native scanner read, as the addon gave it (the pool builds the Page: native.ts pageOf). */
  | { id: number; kind: KindName; native: NativeOutput }
  | { id: number; error: string; input: boolean };

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

/** Spare column buffers (at most a few), each used once more for a page's columns. */
const spares: ArrayBuffer[] = [];

parentPort?.on('message', (task: ScanTask) => {
  if (task.spares) for (const b of task.spares) if (spares.length < 4) spares.push(b);
  let n: number;
  try {
    n = readWhole(task.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'I/O error';
    const error = `${task.rel}: cannot be read (${code})`;
    parentPort!.postMessage({ id: task.id, error, input: true } satisfies ScanResult);
    return;
  }
  let page: Page | null;
  try {
    // The buffer's spare room after the page serves as simdjson's padding (no copy in the native scanner).
    const spare = spares.pop();
    const native = scanNativeRaw(buf.subarray(0, n), task.kind, task.dicts, spare);
    // A spare the scanner did not take is kept when the page was refused, dropped when it was too small.
    if (spare && !native) spares.push(spare);
    if (native) {
      parentPort!.postMessage({ id: task.id, kind: task.kind, native } satisfies ScanResult, [native[0], native[1]]);
      return;
    }
    page = scanPage(buf.subarray(0, n), task.kind, task.apiVersion);
  } catch (err) {
    // Not a verdict on the input (the scanner returns null for that): a bug; the caller can fall back too.
    const error = `${task.rel}: scanner failed: ${(err as Error).message}`;
    parentPort!.postMessage({ id: task.id, error, input: false } satisfies ScanResult);
    return;
  }
  parentPort!.postMessage({ id: task.id, page } satisfies ScanResult, page ? transferList(page) : []);
});
