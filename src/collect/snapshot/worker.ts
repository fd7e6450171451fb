import { parentPort } from 'node:worker_threads';
import { JidoctorError } from '../../errors.js';
import { FAST } from './fast.js';
import { type DatasetSource, readBatches } from './files.js';
import { KINDS, type KindName } from './kinds.js';
import { reduceBatch } from './validate.js';

/** A page-reading worker: reads one page file, validates each record and reduces it to the model's compact form. */
export interface PageTask {
  id: number;
  root: string;
  file: string;
  kind: KindName;
  apiVersion: number;
}

export type PageResult = { id: number; records: unknown[] } | { id: number; error: string; input: boolean };

parentPort?.on('message', async (task: PageTask) => {
  try {
    const kind = KINDS[task.kind];
    const source: DatasetSource = { form: 'body', location: task.file, pages: 1, mtimeMs: 0 };
    const records: unknown[] = [];
    for await (const batch of readBatches(task.root, source, kind.envelope)) {
      reduceBatch(
        kind.schema,
        FAST[task.kind],
        (w) => kind.reduce(w as never, task.apiVersion),
        batch,
        (r) => records.push(r),
      );
    }
    parentPort!.postMessage({ id: task.id, records } satisfies PageResult);
  } catch (err) {
    parentPort!.postMessage({
      id: task.id,
      error: (err as Error).message,
      input: err instanceof JidoctorError,
    } satisfies PageResult);
  }
});
