import { redact, registerSecret } from '../redact.js';
import { type NotifyFormat, PAYLOADS } from './formats.js';
import type { Notice } from './notice.js';

export interface SendOptions {
  url: URL;
  format: NotifyFormat;
  /** Attempts in all (429, 5xx and network errors are tried again). */
  attempts?: number;
  /** The first wait between attempts; doubled each time, or Retry-After when the receiver sends one (≤ 30 s). */
  baseDelayMs?: number;
  timeoutMs?: number;
}

export type SendResult =
  | { ok: true; status: number; attempts: number }
  | { ok: false; reason: string; attempts: number };

/** Where a webhook goes, for messages: its scheme and host. Its path and query hold its secret token. */
export const describeUrl = (url: URL): string => `${url.protocol}//${url.host}`;

/**
 * Posts the notice. Never throws: a notification that cannot be delivered is the receiver's problem, not the
 * diagnosis's, and the caller prints the reason in one line. The URL is registered as a secret (a webhook URL
 * is a credential), and the body passes the same redaction as every output.
 */
export async function sendNotice(n: Notice, o: SendOptions): Promise<SendResult> {
  registerSecret(o.url.href);
  registerSecret(o.url.pathname + o.url.search);
  const body = redact(JSON.stringify(PAYLOADS[o.format](n)));
  const attempts = o.attempts ?? 3;
  let wait = o.baseDelayMs ?? 1000;
  let reason = '';
  for (let i = 1; i <= attempts; i++) {
    let retryAfter: number | null = null;
    try {
      const res = await fetch(o.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body,
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
        redirect: 'error',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true, status: res.status, attempts: i };
      reason = `${describeUrl(o.url)} answered HTTP ${res.status}`;
      if (res.status !== 429 && res.status < 500) return { ok: false, reason, attempts: i };
      const ra = Number(res.headers.get('retry-after'));
      if (Number.isFinite(ra) && ra >= 0) retryAfter = Math.min(ra * 1000, 30_000);
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      const what = e.name === 'TimeoutError' ? 'no answer in time' : (e.cause?.code ?? e.message);
      reason = `${describeUrl(o.url)} could not be reached (${redact(String(what))})`;
    }
    if (i < attempts) {
      await new Promise((r) => setTimeout(r, retryAfter ?? wait));
      wait *= 2;
    }
  }
  return { ok: false, reason, attempts };
}
