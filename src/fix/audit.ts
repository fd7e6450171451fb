import { type FileHandle, mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ExitCode, JidoctorError, SourceError } from '../errors.js';
import { redact } from '../redact.js';

/**
 * The audit log of changes to a tenant, kept as a write-ahead log (JSONL, append-only). `fix --apply` writes it;
 * any later command that changes a tenant (e.g. a `jamf-sync`) is meant to reuse it.
 *
 * Line format (one JSON object per line, UTF-8, '\n'-terminated; docs/fix.md "The audit log"):
 * - every line: `ts` (ISO time of the line), `runId`, `who` ({ operator, identity, host }), `result`, and what the
 *   caller adds (fix --apply: `checkId`, `mac`, `action`, `what`, `record`, `before`, `detail`, `backup`);
 * - `result: "intent"`, with a unique `id` (`<runId>#<n>`): a write request is about to be sent. The line is on disk
 *   (fsync) before the request leaves;
 * - `result: "done" | "failed" | "already-done"` with `intent: <id>`: the outcome of that request (`status`: the
 *   HTTP status, or `detail`: the error). With `recovered: true` the outcome was not seen by the run that sent the
 *   request (it was killed between request and outcome): a later run re-read the record and recorded what it found,
 *   naming itself in `recoveredBy`;
 * - any other line (no `intent`, no `id`): a decision that sent no write request (skipped, declined, ...).
 * An intent with no line naming it is "pending": its request may or may not have taken effect.
 *
 * A line that could not be written stops the writer for good (`AuditLog.broken`): callers must not send another
 * change. A partial line left by a failed write (a full disk) is never glued to the next: the next line written
 * after it starts on a new line, and readers skip lines that are not JSON objects (`unreadable`).
 */
export interface AuditWho {
  operator: string;
  identity: string;
  host: string;
}

export interface AuditLine {
  ts: string;
  runId: string;
  who: AuditWho;
  result: string;
  id?: string;
  intent?: string;
  recovered?: boolean;
  [key: string]: unknown;
}

/** The audit log could not be written: nothing more may change. Exit code 2, like every file that cannot be written. */
export class AuditWriteError extends JidoctorError {
  constructor(
    readonly file: string,
    readonly code: string,
  ) {
    super(`--audit-log ${file}: cannot be written (${code}); stopped before the next change`, ExitCode.usage);
    this.name = 'AuditWriteError';
  }
}

/** Test seam: a hook that can make an append fail (AUDIT_FAULT). */
export interface AuditLogOptions {
  /** Called before each append with the line's `result`; a throw is treated as a failed write. */
  beforeAppend?: (line: AuditLine) => void;
}

export class AuditLog {
  private fh: FileHandle | null;
  private seq = 0;
  private needsNewline: boolean;
  private failure: AuditWriteError | null = null;

  private constructor(
    readonly file: string,
    fh: FileHandle,
    endsClean: boolean,
    readonly runId: string,
    private readonly options: AuditLogOptions,
  ) {
    this.fh = fh;
    this.needsNewline = !endsClean;
  }

  /** Opens (creates) the log for appending. Throws AuditWriteError when it cannot be opened. */
  static async open(file: string, runId: string, options: AuditLogOptions = {}): Promise<AuditLog> {
    let fh: FileHandle;
    let endsClean = true;
    try {
      await mkdir(dirname(file), { recursive: true });
      fh = await open(file, 'a+');
      const { size } = await fh.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await fh.read(last, 0, 1, size - 1);
        endsClean = last[0] === 10;
      }
    } catch (err) {
      throw new AuditWriteError(file, (err as NodeJS.ErrnoException).code ?? 'I/O error');
    }
    return new AuditLog(file, fh, endsClean, runId, options);
  }

  /** The first write error, once one happened: no change may follow it. */
  get broken(): AuditWriteError | null {
    return this.failure;
  }

  /** A fresh intent id for this run. */
  nextIntentId(): string {
    return `${this.runId}#${++this.seq}`;
  }

  /**
   * Appends one line and flushes it to disk (fsync) before resolving. Throws AuditWriteError (and stays broken)
   * when the line could not be written completely.
   */
  async append(line: AuditLine): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.fh) throw new AuditWriteError(this.file, 'closed');
    const text = `${this.needsNewline ? '\n' : ''}${redact(JSON.stringify(line))}\n`;
    try {
      this.options.beforeAppend?.(line);
      const bytes = Buffer.from(text, 'utf8');
      // Any bytes of it may be on disk after a failure: the next line must start on a new one.
      this.needsNewline = true;
      for (let off = 0; off < bytes.length; ) off += (await this.fh.write(bytes, off, bytes.length - off)).bytesWritten;
      await this.fh.sync();
      this.needsNewline = false;
    } catch (err) {
      this.failure = new AuditWriteError(this.file, (err as NodeJS.ErrnoException).code ?? 'I/O error');
      throw this.failure;
    }
  }

  async close(): Promise<void> {
    const fh = this.fh;
    this.fh = null;
    await fh?.close().catch(() => undefined);
  }
}

export interface AuditRead {
  lines: AuditLine[];
  /** 1-based numbers of the lines that are not JSON objects (a line cut short by a failed write). */
  unreadable: number[];
}

/** Reads an audit log; a missing file is an empty log. */
export async function readAuditLog(file: string): Promise<AuditRead> {
  let text: string;
  try {
    // Only a regular file holds earlier lines (a device such as /dev/full or a pipe has none to read back).
    if (!(await stat(file)).isFile()) return { lines: [], unreadable: [] };
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { lines: [], unreadable: [] };
    throw new SourceError(
      `--audit-log ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'I/O error'})`,
    );
  }
  const lines: AuditLine[] = [];
  const unreadable: number[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      const v = JSON.parse(raw) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as AuditLine).result === 'string')
        lines.push(v as AuditLine);
      else unreadable.push(i + 1);
    } catch {
      unreadable.push(i + 1);
    }
  });
  return { lines, unreadable };
}

/** Intents that no later line names: their request was sent (or about to be) and its outcome never recorded. */
export function pendingIntents(lines: AuditLine[]): AuditLine[] {
  const closed = new Set<string>();
  for (const l of lines) if (typeof l.intent === 'string') closed.add(l.intent);
  return lines.filter((l) => l.result === 'intent' && typeof l.id === 'string' && !closed.has(l.id));
}
