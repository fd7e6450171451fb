import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local webhook receiver on 127.0.0.1 that checks every payload's shape as the real receivers would take it, and
 * records what it got. Its rules:
 * - Teams Workflows ("When a Teams webhook request is received"): a `message` whose attachments are Adaptive Cards
 *   (`application/vnd.microsoft.card.adaptive`), card `type: AdaptiveCard`, a `version` Teams renders (≤ 1.5),
 *   the schema URL, body elements of known types with string texts, and the whole message under 28 KB
 *   (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using;
 *   https://adaptivecards.io/explorer/).
 * - Slack incoming webhooks (Block Kit): a `text` fallback, at most 50 blocks, a header's plain text ≤ 150
 *   characters, a section's text ≤ 3,000, context elements ≤ 10 (https://api.slack.com/reference/block-kit/blocks).
 * - JSON: `format: jidoctor-notification`, version 1, the counts and the two lists.
 */
export type Kind = 'teams' | 'slack' | 'json';

export interface Received {
  kind: Kind;
  body: unknown;
  raw: string;
  problems: string[];
}

const CARD_ELEMENTS = new Set(['TextBlock', 'FactSet', 'ColumnSet', 'Container', 'Image', 'RichTextBlock']);

export function teamsProblems(b: unknown): string[] {
  const p: string[] = [];
  const m = b as { type?: unknown; attachments?: unknown };
  if (m.type !== 'message') p.push('type is not "message"');
  if (!Array.isArray(m.attachments) || m.attachments.length !== 1) return [...p, 'expected one attachment'];
  const a = m.attachments[0] as { contentType?: unknown; content?: Record<string, unknown> };
  if (a.contentType !== 'application/vnd.microsoft.card.adaptive') p.push(`contentType ${String(a.contentType)}`);
  const c = a.content ?? {};
  if (c.type !== 'AdaptiveCard') p.push('content.type is not AdaptiveCard');
  if (c.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json') p.push('no Adaptive Card $schema');
  if (typeof c.version !== 'string' || !/^1\.[0-5]$/.test(c.version)) p.push(`version ${String(c.version)}`);
  if (!Array.isArray(c.body) || c.body.length === 0) return [...p, 'empty body'];
  for (const [i, e] of (c.body as Array<Record<string, unknown>>).entries()) {
    if (!CARD_ELEMENTS.has(String(e.type))) p.push(`body[${i}].type ${String(e.type)}`);
    if (e.type === 'TextBlock' && (typeof e.text !== 'string' || e.text === '')) p.push(`body[${i}].text`);
    if (e.type === 'FactSet')
      for (const f of (e.facts as Array<Record<string, unknown>>) ?? [])
        if (typeof f.title !== 'string' || typeof f.value !== 'string') p.push(`body[${i}] fact`);
  }
  return p;
}

export function slackProblems(b: unknown): string[] {
  const p: string[] = [];
  const m = b as { text?: unknown; blocks?: unknown };
  if (typeof m.text !== 'string' || m.text === '') p.push('no text fallback');
  if (!Array.isArray(m.blocks) || m.blocks.length === 0) return [...p, 'no blocks'];
  if (m.blocks.length > 50) p.push(`${m.blocks.length} blocks (max 50)`);
  for (const [i, x] of (m.blocks as Array<Record<string, unknown>>).entries()) {
    const text = x.text as { type?: string; text?: string } | undefined;
    if (x.type === 'header') {
      if (text?.type !== 'plain_text' || !text.text || text.text.length > 150) p.push(`blocks[${i}] header text`);
    } else if (x.type === 'section') {
      if (text?.type !== 'mrkdwn' || !text.text || text.text.length > 3000) p.push(`blocks[${i}] section text`);
    } else if (x.type === 'context') {
      const els = x.elements as unknown[];
      if (!Array.isArray(els) || els.length === 0 || els.length > 10) p.push(`blocks[${i}] context elements`);
    } else if (x.type !== 'divider') p.push(`blocks[${i}].type ${String(x.type)}`);
  }
  return p;
}

export function jsonProblems(b: unknown): string[] {
  const m = b as Record<string, unknown>;
  const p: string[] = [];
  if (m.format !== 'jidoctor-notification' || m.version !== 1) p.push('format/version');
  if (typeof m.summary !== 'object' || m.summary === null) p.push('summary');
  if (!Array.isArray(m.new) || !Array.isArray(m.fixed)) p.push('new/fixed lists');
  return p;
}

const PROBLEMS: Record<Kind, (b: unknown) => string[]> = {
  teams: teamsProblems,
  slack: slackProblems,
  json: jsonProblems,
};

export interface Receiver {
  url: (path?: string) => string;
  got: Received[];
  close: () => Promise<void>;
}

/** A receiver that answers each request with the next status of `statuses` (the last one repeats). */
export async function startReceiver(kind: Kind, statuses: number[] = [200]): Promise<Receiver> {
  const got: Received[] = [];
  let n = 0;
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = '';
      req.setEncoding('utf8');
      req.on('data', (d) => (s += d));
      req.on('end', () => resolve(s));
    });
  const server: Server = createServer(async (req, res) => {
    const raw = await read(req);
    let body: unknown = null;
    const problems: string[] = [];
    if (req.method !== 'POST') problems.push(`method ${req.method}`);
    if (!String(req.headers['content-type']).startsWith('application/json')) problems.push('content-type');
    if (Buffer.byteLength(raw) > 28_000) problems.push(`${Buffer.byteLength(raw)} bytes (max 28,000)`);
    try {
      body = JSON.parse(raw);
      problems.push(...PROBLEMS[kind](body));
    } catch {
      problems.push('not JSON');
    }
    got.push({ kind, body, raw, problems });
    const status = statuses[Math.min(n++, statuses.length - 1)]!;
    res.writeHead(status, status === 429 ? { 'retry-after': '0' } : {});
    res.end(status < 300 ? '1' : 'failure');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path = '/workflows/abc/triggers/manual/paths/invoke?sig=SECRETSIG123') => `http://127.0.0.1:${port}${path}`,
    got,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
