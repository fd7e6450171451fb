import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, type FileHandle, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { jsonRedactsByLine, redact, registeredSecrets } from '../redact.js';
import { JSON_CHUNK_CHARS, renderJsonChunks } from '../report/json.js';
import { printable } from '../report/wrap.js';

/** Colour only on a TTY, never with NO_COLOR (https://no-color.org), always with FORCE_COLOR. */
export function useColor(stream: NodeJS.WriteStream, flag?: boolean): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function terminalWidth(): number {
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 80;
}

/**
 * Writes data to --output FILE, or to stdout. Every byte passes the redaction; `plain` text (human output that
 * carries no escape codes of ours) also loses any control character that came with the data.
 */
export async function emit(text: string, output?: string, plain = false): Promise<void> {
  const safe = plain ? printable(redact(text)) : redact(text);
  if (output) {
    const target = await openOutput(output);
    try {
      await writeAll(target.fh, safe);
    } catch (err) {
      await target.abandon();
      throw cannotWrite(output, err);
    }
    await target.commit();
    return;
  }
  await toStdout(safe);
}

function cannotWrite(output: string, err: unknown): InputError {
  return new InputError(
    `--output ${output}: cannot be written (${(err as NodeJS.ErrnoException).code ?? 'I/O error'})`,
  );
}

/**
 * Checks --output before any work is done (collection, history): its folder exists and is writable, and it is not
 * a folder itself. A device or pipe (`/dev/stdout`) is accepted as it is.
 */
export async function checkOutput(output: string | undefined): Promise<void> {
  if (!output) return;
  const existing = await stat(output).catch(() => null);
  if (existing?.isDirectory()) throw new InputError(`--output ${output}: cannot be written (EISDIR: it is a folder)`);
  if (existing && !existing.isFile()) return;
  const folder = dirname(resolve(output));
  const dir = await stat(folder).catch(() => null);
  if (!dir) throw new InputError(`--output ${output}: cannot be written (the folder ${folder} does not exist)`);
  if (!dir.isDirectory()) throw new InputError(`--output ${output}: cannot be written (${folder} is not a folder)`);
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new InputError(`--output ${output}: cannot be written (the folder ${folder} is not writable)`);
  }
}

interface OutputTarget {
  fh: FileHandle;
  /** Flushes, closes and puts the file in place (renames the temporary file over --output). */
  commit(): Promise<void>;
  /** Closes and removes the temporary file: --output is left as it was. */
  abandon(): Promise<void>;
}

/**
 * Opens --output for writing: a temporary file beside it (same folder, so the rename is atomic), renamed over it
 * once whole and on disk. A kill or a full disk leaves the previous file as it was. A device or pipe
 * (`/dev/stdout`, a FIFO) is written in place.
 */
async function openOutput(output: string): Promise<OutputTarget> {
  const existing = await stat(output).catch(() => null);
  if (existing && !existing.isFile() && !existing.isDirectory()) {
    let fh: FileHandle;
    try {
      fh = await open(output, 'w');
    } catch (err) {
      throw cannotWrite(output, err);
    }
    return {
      fh,
      commit: () =>
        fh.close().catch((err) => {
          throw cannotWrite(output, err);
        }),
      abandon: () => fh.close().catch(() => undefined),
    };
  }
  if (existing?.isDirectory()) throw cannotWrite(output, { code: 'EISDIR' });
  const temp = join(dirname(output), `.${basename(output)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fh: FileHandle;
  try {
    fh = await open(temp, 'wx', existing ? existing.mode & 0o777 : 0o666);
  } catch (err) {
    throw cannotWrite(output, err);
  }
  let closed = false;
  return {
    fh,
    async commit() {
      try {
        await fh.sync();
        closed = true;
        await fh.close();
        await rename(temp, output);
      } catch (err) {
        if (!closed) await fh.close().catch(() => undefined);
        await unlink(temp).catch(() => undefined);
        throw cannotWrite(output, err);
      }
    },
    async abandon() {
      if (!closed) await fh.close().catch(() => undefined);
      closed = true;
      await unlink(temp).catch(() => undefined);
    },
  };
}

function toStdout(text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

/**
 * A thread that redacts and writes the JSON report's chunks to an open file (cli/json-writer.ts), in order, at most
 * a few chunks behind the main thread. `send` resolves once the chunk is queued; `finish` once all are written,
 * rejecting with the first write error's code.
 */
class ChunkWriter {
  private readonly worker: Worker;
  private outstanding = 0;
  private wake: (() => void) | null = null;
  private done: Promise<string | null>;
  private failure: Error | null = null;
  static readonly MAX_QUEUED = 8;

  constructor(fd: number) {
    const fromSource = import.meta.url.endsWith('.ts');
    const workerData = { fd, secrets: registeredSecrets() };
    this.worker = fromSource
      ? new Worker(new URL('../worker-boot.mjs', import.meta.url), {
          workerData: { ...workerData, entry: new URL('./json-writer.ts', import.meta.url).href },
        })
      : new Worker(new URL('./json-writer.js', import.meta.url), { workerData });
    this.done = new Promise<string | null>((resolve, reject) => {
      this.worker.on('message', (m: { ack?: true; done?: true; error?: string | null }) => {
        if (m.ack) {
          this.outstanding--;
          this.wake?.();
        } else if (m.done) resolve(m.error ?? null);
      });
      const fail = (err: Error) => {
        this.failure = err;
        this.wake?.();
        reject(err);
      };
      this.worker.on('error', fail);
      this.worker.on('exit', (code) => fail(new Error(`report writer exited (${code})`)));
    });
    this.done.catch(() => undefined);
  }

  async send(text: string): Promise<void> {
    while (this.outstanding >= ChunkWriter.MAX_QUEUED && !this.failure) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
    if (this.failure) throw this.failure;
    this.outstanding++;
    this.worker.postMessage(text);
  }

  /** All chunks written: null, or the code of the first write error. */
  async finish(): Promise<string | null> {
    this.worker.postMessage(null);
    try {
      return await this.done;
    } finally {
      await this.abort();
    }
  }

  /** Stops the thread (its exit is then not a failure). */
  async abort(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

async function writeAll(fh: FileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  for (let off = 0; off < bytes.length; ) off += (await fh.write(bytes, off, bytes.length - off)).bytesWritten;
}

/**
 * Writes `${JSON.stringify(value, null, 2)}\n` to --output FILE or stdout, redacted: the same bytes as
 * `emit(renderJson(value), output)`, without ever holding the whole text. It is rendered in chunks
 * (renderJsonChunks), each chunk is redacted on its own and handed to the file while the next is rendered, so the
 * kernel's writes (libuv's thread pool) overlap the rendering; one write is in flight at a time, in order.
 *
 * Why redacting chunk by chunk gives the bytes of redact(whole). Every chunk boundary lies just before a '\n' (a
 * boundary that does not is closed up: the chunks are joined), so it is enough that no step of redact() (each
 * registered secret in turn, then each pattern, src/redact.ts) ever matches text containing a '\n': then every match
 * lies inside one chunk, is found there from the same start (the one look-behind, `\b`, sees '\n' or the start
 * of input, both non-word) and the scans agree. Let T be JSON.stringify output, where raw '\n' only separates
 * lines, a '"' inside a string is always written `\"`, a key is followed by `": ` and its value on the same line,
 * no line starts (after its indentation) with ':' and every line ends in one of `{ [ , } ] "`, a digit, `e` (true,
 * false) or `l` (null). When no secret holds '"' and any secret holding '\n' has, before its first '\n', a
 * character no line ends with (jsonRedactsByLine()):
 * - such a secret never occurs (a '\n' of the text is always preceded by a line end of T or by the `]` of a
 *   `[redacted]` put just before it); the others hold no '\n'. So secrets never match a '\n';
 * - no step adds or removes a '\n' or a '"' (the patterns only remove runs without either and insert
 *   `[redacted]`/`[redacted-jwt]`; pattern 4, the last, puts back the '"' it takes), so the order of '\n' and '"'
 *   in the text stays T's; and every removal is replaced by a non-empty insertion holding '[' and ']', so text a
 *   later pattern reads as letters, whitespace, ':' or '"' is T's own text, contiguous in T;
 * - `Bearer\s+…` would need a line of T ending in `Bearer` or whitespace; the JWT and `name=value` patterns
 *   exclude whitespace;
 * - `"name"\s*:\s*"[^"]*"`: `name"` is a closing quote in T (a '"' after a letter is never `\"`), followed by ':',
 *   so it is a key and the last '"' opens its value on the same line; the next '"' of T closes or escapes inside
 *   that value, on that line, and it is still the next '"'.
 * Otherwise (a secret such as `abc",`, which can turn a value's closing quote into text, can make pattern 4 run on
 * over lines) the whole text is redacted at once, as emit() does.
 *
 * To a file, from the second chunk on, the chunks go to a writer thread (ChunkWriter, cli/json-writer.ts) that
 * redacts them with the same registered secrets and writes them in order: the main thread only renders. A report of
 * one chunk is written here.
 */
export async function emitJson(value: unknown, output?: string, chunkChars = JSON_CHUNK_CHARS): Promise<void> {
  const chunks = renderJsonChunks(value, chunkChars);
  if (!jsonRedactsByLine()) {
    let text = '';
    for (const chunk of chunks) text += chunk;
    return emit(text, output);
  }
  // The skeleton (everything but the big arrays) is stringified before the file is opened, as renderJson was.
  const first = chunks.next();
  const target = output ? await openOutput(output) : undefined;
  let committed = false;
  const file = target?.fh;
  const write =
    file && output
      ? (text: string) =>
          writeAll(file, text).catch((err) => {
            throw cannotWrite(output, err);
          })
      : toStdout;
  let inFlight: Promise<void> | undefined;
  let writer: ChunkWriter | null = null;
  let sent = 0;
  const send = async (text: string) => {
    sent++;
    if (file && sent === 2) writer = new ChunkWriter(file.fd);
    if (writer) {
      if (inFlight) await inFlight;
      inFlight = undefined;
      await writer.send(text);
      return;
    }
    const safe = redact(text);
    if (inFlight) await inFlight;
    inFlight = write(safe);
    // Awaited before the next write or at the end; until then a failure must not count as unhandled.
    inFlight.catch(() => undefined);
  };
  try {
    let pending = first.done ? '' : first.value;
    for (const chunk of chunks) {
      if (pending !== '' && chunk.charCodeAt(0) === 10) {
        await send(pending);
        pending = chunk;
      } else pending += chunk;
    }
    if (pending !== '') await send(pending);
    if (inFlight) await inFlight;
    if (writer && output) {
      const w: ChunkWriter = writer;
      writer = null;
      const code = await w.finish();
      if (code !== null) throw cannotWrite(output, { code });
    }
    if (target) {
      committed = true;
      await target.commit();
    }
  } catch (err) {
    if (output && !(err instanceof InputError) && writer) throw cannotWrite(output, err);
    throw err;
  } finally {
    // After a failure: the writer stops, the temporary file is removed (--output stays as it was) and the first
    // error is the one reported.
    await (writer as ChunkWriter | null)?.abort();
    if (target && !committed) await target.abandon();
  }
}

/** Narration and progress go to stderr, so that stdout stays data. */
export function note(text: string): void {
  process.stderr.write(`${printable(redact(text))}\n`);
}

/** Splits repeatable, comma-separated option values. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}
