import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describeValue, InputError, PayloadError } from '../errors.js';

/** How a response body carries its records. */
export type Envelope =
  /** Graph collection `{ value: [...] }` */
  | 'graph-collection'
  /** Graph entity `{...}` */
  | 'graph-entity'
  /** Jamf page `{ totalCount, results: [...] }`, or a bare Jamf array */
  | 'jamf-page'
  /** Jamf array `[...]` of records */
  | 'jamf-array'
  /** Jamf object `{...}` */
  | 'jamf-entity';

export interface RecordBatch {
  /** The file the records came from, relative to the snapshot root. */
  file: string;
  /** JSON path of the records array inside that file, e.g. `value` or `[2].value`; '' for an entity. */
  arrayPath: string;
  records: unknown[];
  /** The body was one entity, not an array: record paths have no index. */
  single?: boolean;
}

export interface DatasetSource {
  /** How it is stored: one body, an array of bodies, a folder of pages. */
  form: 'body' | 'bodies' | 'pages';
  /** Path relative to the root: `PATH.json` or `PATH/`. */
  location: string;
  /** Number of page files (pages form) or bodies. */
  pages: number;
  mtimeMs: number;
}

const PAGE_FILE = /^page-\d+\.json$/;

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Is this file system error "there is nothing there" (rather than "it is there but cannot be read")? */
export function isAbsent(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * The one error for an input that is there but cannot be read (a file or a folder, EACCES, EIO, ...): exit 2,
 * naming it and the system's reason, wherever it is met. Absence is not an error: the caller reads it as "not
 * collected".
 */
export function unreadable(rel: string, err: unknown): InputError {
  const e = err as NodeJS.ErrnoException;
  // fs.promises.readFile(…, 'utf8') of a file over ~512 MB fails with a bare RangeError "Invalid string length".
  if (
    e?.code === 'ERR_STRING_TOO_LONG' ||
    e?.code === 'ERR_FS_FILE_TOO_LARGE' ||
    (e instanceof RangeError && /string length|string longer/i.test(e.message))
  )
    return tooLarge(rel, null);
  return new InputError(`${rel}: cannot be read (${e?.code ?? 'I/O error'})`);
}

/** The longest JavaScript string (V8: 2^29 - 24 UTF-16 units): a JSON file read as one string must fit in it. */
export const MAX_JSON_BYTES = 0x1fffffe8;

function tooLarge(rel: string, bytes: number | null): InputError {
  return new InputError(
    `${rel}: too large to read as one JSON document (${bytes === null ? '' : `${Math.round(bytes / 2 ** 20)} MiB; `}the limit is ${Math.round(MAX_JSON_BYTES / 2 ** 20)} MiB); store the dataset as a folder of page files (page-00001.json, page-00002.json, …; docs/snapshot-format.md)`,
  );
}

/** Finds how a dataset is stored under the root, or null when it is not in the snapshot. */
export async function locate(root: string, rel: string): Promise<DatasetSource | null> {
  const file = join(root, `${rel}.json`);
  try {
    const st = await stat(file);
    if (st.isFile()) return { form: 'body', location: `${rel}.json`, pages: 1, mtimeMs: st.mtimeMs };
  } catch (err) {
    // not a single file; try the page folder
    if (!isAbsent(err)) throw unreadable(`${rel}.json`, err);
  }
  const dir = join(root, rel);
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(dir);
  } catch (err) {
    if (isAbsent(err)) return null;
    throw unreadable(`${rel}/`, err);
  }
  if (!st.isDirectory()) return null;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    // A page folder that is there but cannot be listed is unreadable input, not "not collected".
    if (isAbsent(err)) return null;
    throw unreadable(`${rel}/`, err);
  }
  const pages = names.filter((n) => PAGE_FILE.test(n));
  if (pages.length === 0) return null;
  return { form: 'pages', location: `${rel}/`, pages: pages.length, mtimeMs: st.mtimeMs };
}

export async function parseJsonFile(root: string, rel: string): Promise<unknown> {
  let text: string;
  try {
    // Refused with the real reason before reading: more bytes than one string can hold.
    const size = (await stat(join(root, rel))).size;
    if (size > MAX_JSON_BYTES) throw tooLarge(rel, size);
    text = await readFile(join(root, rel), 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw unreadable(rel, err);
  }
  return parseJsonText(rel, text);
}

export function parseJsonText(rel: string, text: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new PayloadError(rel, '', 'a JSON document', 'an empty file');
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg)?.[1];
    const atEnd = pos !== undefined && Number(pos) >= text.trimEnd().length - 1;
    const found =
      /end of JSON input|unterminated/i.test(msg) || atEnd
        ? 'truncated JSON (the file ends early)'
        : `invalid JSON${pos ? ` at character ${pos}` : ''}`;
    throw new PayloadError(rel, '', 'a JSON document', found);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Splits one response body into its records, checking the envelope. */
function recordsOfBody(body: unknown, envelope: Envelope, file: string, prefix: string): RecordBatch {
  switch (envelope) {
    case 'graph-collection': {
      if (!isObject(body))
        throw new PayloadError(file, prefix, 'a Graph collection {"value": [...]}', describeValue(body));
      const value = body.value;
      if (!Array.isArray(value)) throw new PayloadError(file, join2(prefix, 'value'), 'an array', describeValue(value));
      return { file, arrayPath: join2(prefix, 'value'), records: value };
    }
    case 'jamf-page': {
      if (Array.isArray(body)) return { file, arrayPath: prefix, records: body };
      if (!isObject(body)) throw new PayloadError(file, prefix, 'a Jamf page {"results": [...]}', describeValue(body));
      const results = body.results;
      if (!Array.isArray(results))
        throw new PayloadError(file, join2(prefix, 'results'), 'an array', describeValue(results));
      return { file, arrayPath: join2(prefix, 'results'), records: results };
    }
    case 'jamf-array': {
      if (Array.isArray(body)) return { file, arrayPath: prefix, records: body };
      if (isObject(body)) return { file, arrayPath: prefix, records: [body], single: true };
      throw new PayloadError(file, prefix, 'a JSON array', describeValue(body));
    }
    case 'graph-entity':
    case 'jamf-entity': {
      if (!isObject(body)) throw new PayloadError(file, prefix, 'a JSON object', describeValue(body));
      return { file, arrayPath: prefix, records: [body], single: true };
    }
  }
}

function join2(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

/** Is this parsed `PATH.json` an array of response bodies (form 2) rather than one body? */
function isArrayOfBodies(body: unknown, envelope: Envelope): body is unknown[] {
  if (!Array.isArray(body)) return false;
  switch (envelope) {
    case 'graph-collection':
      return true;
    case 'jamf-page':
      return body.length > 0 && body.every((b) => isObject(b) && Array.isArray(b.results));
    case 'jamf-array':
      return body.length > 0 && body.every((b) => Array.isArray(b));
    case 'graph-entity':
    case 'jamf-entity':
      return true;
  }
}

/** The page files of a page folder, in page order. */
export async function pageFiles(root: string, dirRel: string): Promise<string[]> {
  try {
    return (await readdir(join(root, dirRel))).filter((n) => PAGE_FILE.test(n)).sort();
  } catch (err) {
    throw unreadable(`${dirRel}/`, err);
  }
}

/** The record batch of one file of a page folder: a page is one body, never an array of bodies. */
export async function readPage(root: string, rel: string, envelope: Envelope): Promise<RecordBatch> {
  return recordsOfBody(await parseJsonFile(root, rel), envelope, rel, '');
}

/**
 * Streams the record batches of a dataset, one response body at a time. A page folder is read file by file,
 * so that no dataset is ever held as one string.
 */
export async function* readBatches(
  root: string,
  source: DatasetSource,
  envelope: Envelope,
): AsyncGenerator<RecordBatch> {
  if (source.form === 'pages') {
    const dirRel = source.location.replace(/\/$/, '');
    const names = await pageFiles(root, dirRel);
    // Read one page ahead while the current one is parsed and reduced.
    let next: Promise<unknown> | null = names[0] ? parseJsonFile(root, `${dirRel}/${names[0]}`) : null;
    for (let i = 0; i < names.length; i++) {
      const body = await next!;
      const rel = `${dirRel}/${names[i]}`;
      next = i + 1 < names.length ? parseJsonFile(root, `${dirRel}/${names[i + 1]}`) : null;
      yield recordsOfBody(body, envelope, rel, '');
    }
    return;
  }
  const body = await parseJsonFile(root, source.location);
  if (isArrayOfBodies(body, envelope)) {
    for (let i = 0; i < body.length; i++) yield recordsOfBody(body[i], envelope, source.location, `[${i}]`);
    return;
  }
  yield recordsOfBody(body, envelope, source.location, '');
}

/** Lists the object ids of a `{id}` family folder, e.g. the group ids under `graph/v1.0/groups/`. */
export async function listFamily(root: string, parentRel: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(root, parentRel));
  } catch (err) {
    if (isAbsent(err)) return [];
    throw unreadable(`${parentRel}/`, err);
  }
  const ids = new Set<string>();
  for (const n of names) {
    if (n.endsWith('.json')) {
      if (!PAGE_FILE.test(n)) ids.add(n.slice(0, -5));
    } else {
      ids.add(n);
    }
  }
  return [...ids].sort();
}
