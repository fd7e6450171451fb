import type { z } from 'zod';
import { describeValue, PayloadError } from '../errors.js';
import type { RecordBatch } from './files.js';

export function formatPath(parts: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function valueAt(root: unknown, parts: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = root;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

function expectedOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const e = String(issue.expected);
    return e === 'object' || e === 'array' ? `an ${e}` : `a ${e}`;
  }
  if (issue.code === 'invalid_union') return 'one of the documented shapes';
  if (issue.code === 'invalid_value') {
    const values = issue.values.map((v) => JSON.stringify(v));
    return values.length === 1 ? values[0]! : `one of ${values.join(', ')}`;
  }
  return issue.message;
}

/** Throws the one-line PayloadError for the first issue of a failed parse. */
export function payloadErrorOf(file: string, prefix: string, record: unknown, error: z.ZodError): PayloadError {
  const issue = error.issues[0]!;
  const path = issue.path as PropertyKey[];
  const fullPath =
    prefix + (path.length ? (prefix ? (typeof path[0] === 'number' ? '' : '.') : '') + formatPath(path) : '');
  return new PayloadError(file, fullPath, expectedOf(issue), describeValue(valueAt(record, path)));
}

/** Validates every record of a batch, calling `take` with each parsed record. */
export function validateBatch<S extends z.ZodType>(
  schema: S,
  batch: RecordBatch,
  take: (record: z.output<S>) => void,
): void {
  const { records } = batch;
  for (let i = 0; i < records.length; i++) {
    const r = schema.safeParse(records[i]);
    if (!r.success) {
      const prefix = batch.single ? batch.arrayPath : `${batch.arrayPath}[${i}]`;
      throw payloadErrorOf(batch.file, prefix, records[i], r.error);
    }
    take(r.data);
  }
}

/**
 * Validates and reduces every record of a batch: the allocation-free `fast` check first, the schema only for a
 * record it rejects (to accept it after all, or to name the bad field).
 */
export function reduceBatch<S extends z.ZodType, T>(
  schema: S,
  fast: (r: unknown) => boolean,
  reduce: (wire: z.output<S>) => T,
  batch: RecordBatch,
  take: (record: T) => void,
): void {
  const { records } = batch;
  for (let i = 0; i < records.length; i++) {
    const raw = records[i];
    if (fast(raw)) {
      take(reduce(raw as z.output<S>));
      continue;
    }
    const r = schema.safeParse(raw);
    if (!r.success) {
      const prefix = batch.single ? batch.arrayPath : `${batch.arrayPath}[${i}]`;
      throw payloadErrorOf(batch.file, prefix, raw, r.error);
    }
    take(reduce(r.data));
  }
}
