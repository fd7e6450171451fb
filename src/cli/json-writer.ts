import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { redact, registerSecret } from '../redact.js';

/**
 * The JSON report's writer thread (cli/output.ts emitJson): it takes the rendered chunks in order, redacts each
 * with the secrets the main thread had registered, and writes it to the open file, so that redaction and the
 * kernel's writes run on the other core while the main thread renders the next chunks. One message back per chunk
 * (its acknowledgement); after `null`, one last message with the first write error, if any.
 */
export interface WriterInit {
  fd: number;
  secrets: string[];
}

export type WriterReply = { ack: true } | { done: true; error: string | null };

const init = workerData as WriterInit;
for (const s of init.secrets) registerSecret(s);
let failed: string | null = null;

parentPort?.on('message', (chunk: string | null) => {
  if (chunk === null) {
    parentPort!.postMessage({ done: true, error: failed } satisfies WriterReply);
    return;
  }
  if (failed === null) {
    try {
      const bytes = Buffer.from(redact(chunk), 'utf8');
      for (let off = 0; off < bytes.length; ) off += writeSync(init.fd, bytes, off, bytes.length - off);
    } catch (err) {
      failed = (err as NodeJS.ErrnoException).code ?? 'I/O error';
    }
  }
  parentPort!.postMessage({ ack: true } satisfies WriterReply);
});
