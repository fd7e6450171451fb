import { afterEach, describe, expect, it } from 'vitest';
import type { Severity } from '../../src/checks/define.js';
import { checkById } from '../../src/checks/index.js';
import { noticeFromDiff, notify, notifyTarget } from '../../src/notify/cli.js';
import {
  ADAPTIVE_CARD_VERSION,
  formatForUrl,
  jsonPayload,
  slackPayload,
  teamsPayload,
} from '../../src/notify/formats.js';
import { buildNotice, changed, type NoticeFinding } from '../../src/notify/notice.js';
import { sendNotice } from '../../src/notify/send.js';
import { clearSecrets, registerSecret } from '../../src/redact.js';
import type { HistoryFinding, RunDiff, RunSummary } from '../../src/store/history.js';
import { jsonProblems, type Receiver, slackProblems, startReceiver, teamsProblems } from './receiver.js';

const finding = (checkId: string, severity: Severity, serial: string, name = `LON-MBP-${serial}`): NoticeFinding => ({
  checkId,
  severity,
  message: `Mac ${name} (${serial}) has not checked in with Jamf Pro for 3 days`,
  subjects: [{ kind: 'mac', id: serial, name, user: `${serial.toLowerCase()}@contoso.com` }],
  fingerprint: `sha256:${serial}`,
});

const notice = (opts: { names?: boolean; newOnes?: NoticeFinding[]; fixed?: NoticeFinding[] } = {}) =>
  buildNotice({
    lang: 'en',
    tenant: { id: '11111111-2222-3333-4444-555555555555', name: 'Contoso' },
    from: { runId: 4, asOf: '2026-11-28T09:30:00.000Z' },
    to: { runId: 5, asOf: '2026-11-29T09:30:00.000Z' },
    new: opts.newOnes ?? [
      finding('jamf/check-in-overdue', 'high', 'C02A'),
      finding('jamf/check-in-overdue', 'high', 'C02B'),
      finding('intune/duplicate-device-records', 'medium', 'C02C'),
      finding('jamf/entra-registration-deactivated', 'critical', 'C02D'),
    ],
    fixed: opts.fixed ?? [finding('intune/duplicate-device-records', 'medium', 'C02E')],
    persisting: 7,
    affectedMacs: 11,
    includeNames: opts.names ?? false,
  });

const NAMES = ['C02A', 'LON-MBP-C02A', 'c02a@contoso.com', 'C02E', 'LON-MBP-C02E'];

afterEach(() => clearSecrets());

describe('what a notice says', () => {
  it('counts new and fixed by severity and groups the new findings by check, worst first', () => {
    const n = notice();
    expect(n.counts.new).toEqual({ critical: 1, high: 2, medium: 1, low: 0, info: 0 });
    expect(n.counts.fixed).toEqual({ critical: 0, high: 0, medium: 1, low: 0, info: 0 });
    expect(n.newByCheck.map((g) => [g.checkId, g.severity, g.count])).toEqual([
      ['jamf/entra-registration-deactivated', 'critical', 1],
      ['jamf/check-in-overdue', 'high', 2],
      ['intune/duplicate-device-records', 'medium', 1],
    ]);
    expect(n.newByCheck[1]!.title).toBe(checkById('jamf/check-in-overdue')!.title.en);
    expect(changed(n)).toBe(true);
    expect(changed(notice({ newOnes: [], fixed: [] }))).toBe(false);
    expect(changed(notice({ newOnes: [], fixed: [finding('a/b', 'low', 'C02Z')] }))).toBe(true);
  });

  it('leaves out Mac and user names and the messages unless asked, in every format', () => {
    for (const payload of [teamsPayload, slackPayload, jsonPayload]) {
      const hidden = JSON.stringify(payload(notice()));
      for (const s of NAMES) expect(hidden, payload.name).not.toContain(s);
      const shown = JSON.stringify(payload(notice({ names: true })));
      for (const s of NAMES) expect(shown, payload.name).toContain(s);
    }
  });
});

describe('the Teams card', () => {
  it('is a Workflows message with one Adaptive Card the receiver accepts', () => {
    const card = teamsPayload(notice({ names: true })) as {
      attachments: Array<{ content: { version: string; body: Array<{ type: string; text?: string }> } }>;
    };
    expect(teamsProblems(card)).toEqual([]);
    expect(card.attachments[0]!.content.version).toBe(ADAPTIVE_CARD_VERSION);
    const texts = card.attachments[0]!.content.body.map((e) => e.text ?? '').join('\n');
    expect(texts).toContain('jidoctor: Contoso');
    expect(texts).toContain(`CRITICAL · ${checkById('jamf/entra-registration-deactivated')!.title.en} — 1 finding`);
  });

  it('escapes Markdown from the data so that it shows as typed', () => {
    const n = notice({
      names: true,
      newOnes: [finding('jamf/check-in-overdue', 'high', 'C02A', '**[x](http://evil)**')],
    });
    const raw = JSON.stringify(teamsPayload(n));
    // In the JSON text a backslash is doubled: \\* is the card's \*.
    expect(raw).toContain('\\\\*\\\\*\\\\[x\\\\](http://evil)\\\\*\\\\*');
  });

  it('stays under 28 KB with hundreds of checks and findings, saying how many were left out', () => {
    const many = Array.from({ length: 400 }, (_, i) => finding(`area/check-${i}`, 'high', `C02${i}`, 'N'.repeat(200)));
    const card = teamsPayload(notice({ names: true, newOnes: many }));
    expect(teamsProblems(card)).toEqual([]);
    const raw = JSON.stringify(card);
    expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(27_000);
    expect(raw).toMatch(/… and \d+ more/);
  });
});

describe('the Slack message', () => {
  it('is Block Kit within Slack’s limits: ≤ 50 blocks, ≤ 3,000 characters a section, ≤ 150 a header', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      finding(`area/check-${i % 120}`, 'medium', `C02${i}`, 'M'.repeat(900)),
    );
    const msg = slackPayload(notice({ names: true, newOnes: many, fixed: many.slice(0, 80) })) as { blocks: unknown[] };
    expect(slackProblems(msg)).toEqual([]);
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(msg)).toMatch(/… and \d+ more/);
    const long = slackPayload({ ...notice(), tenant: { id: 't', name: 'T'.repeat(400) } }) as {
      blocks: Array<{ type: string; text?: { text: string } }>;
    };
    expect(slackProblems(long)).toEqual([]);
  });

  it('escapes &, < and > so that data cannot mention @channel or link', () => {
    const n = notice({
      names: true,
      newOnes: [finding('jamf/check-in-overdue', 'high', 'C02A', '<!channel> & <http://x|y>')],
    });
    const raw = JSON.stringify(slackPayload(n));
    expect(raw).not.toContain('<!channel>');
    expect(raw).toContain('&lt;!channel&gt; &amp; &lt;http://x|y&gt;');
  });
});

describe('the JSON payload', () => {
  it('holds the counts and the grouped lists', () => {
    const p = jsonPayload(notice()) as { summary: { new: Record<string, number>; persisting: number } };
    expect(jsonProblems(p)).toEqual([]);
    expect(p.summary.new.high).toBe(2);
    expect(p.summary.persisting).toBe(7);
  });
});

describe('which format a URL gets', () => {
  it.each([
    ['https://hooks.slack.com/services/T000/B000/XXXX', 'slack'],
    ['https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x', 'teams'],
    [
      'https://default1234.56.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/x',
      'teams',
    ],
    ['https://contoso.webhook.office.com/webhookb2/x', 'teams'],
    ['https://hooks.slack.com.evil.example/services/x', 'json'],
    ['https://slack.com/api/chat.postMessage', 'json'],
    ['https://logic.azure.com.example.org/x', 'json'],
    ['https://example.org/hook', 'json'],
  ])('%s → %s', (url, kind) => {
    expect(formatForUrl(new URL(url))).toBe(kind);
  });
});

describe('--notify options', () => {
  it('refuse what is not an http(s) URL without echoing it, and options without --notify', () => {
    expect(() => notifyTarget({ notify: 'not a url SECRET' })).toThrow(/found text that is not a URL$/);
    expect(() => notifyTarget({ notify: 'not a url SECRET' })).not.toThrow(/SECRET/);
    expect(() => notifyTarget({ notify: 'file:///etc/passwd' })).toThrow('found a file: URL');
    expect(() => notifyTarget({ notifyAlways: true })).toThrow('--notify-always: expected together with --notify URL');
    expect(notifyTarget({})).toBeNull();
    expect(notifyTarget({ notify: 'https://hooks.slack.com/services/a', notifyFormat: 'json' })?.format).toBe('json');
    expect(notifyTarget({ notify: 'https://hooks.slack.com/services/a', notifyFormat: 'auto' })?.format).toBe('slack');
  });
});

describe('sending', () => {
  let rx: Receiver | undefined;
  afterEach(async () => {
    await rx?.close();
    rx = undefined;
  });

  it.each(['teams', 'slack', 'json'] as const)('posts a %s payload the receiver accepts', async (kind) => {
    rx = await startReceiver(kind);
    const r = await sendNotice(notice({ names: true }), { url: new URL(rx.url()), format: kind });
    expect(r).toEqual({ ok: true, status: 200, attempts: 1 });
    expect(rx.got).toHaveLength(1);
    expect(rx.got[0]!.problems).toEqual([]);
  });

  it('tries again after 429 and 503, and gives up at once on 400', async () => {
    rx = await startReceiver('json', [429, 503, 200]);
    expect(await sendNotice(notice(), { url: new URL(rx.url()), format: 'json', baseDelayMs: 5 })).toMatchObject({
      ok: true,
      attempts: 3,
    });
    await rx.close();
    rx = await startReceiver('json', [400]);
    const r = await sendNotice(notice(), { url: new URL(rx.url()), format: 'json', baseDelayMs: 5 });
    expect(r).toMatchObject({ ok: false, attempts: 1 });
    expect(rx.got).toHaveLength(1);
  });

  it('never puts the webhook’s secret path or a registered secret in the payload or the reason', async () => {
    rx = await startReceiver('json', [500]);
    registerSecret('hunter2-client-secret');
    const leaky = finding('jamf/check-in-overdue', 'high', 'C02A', 'name-with-hunter2-client-secret');
    const url = rx.url();
    const r = await sendNotice(notice({ names: true, newOnes: [leaky] }), {
      url: new URL(url),
      format: 'json',
      attempts: 2,
      baseDelayMs: 1,
    });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('SECRETSIG123');
    expect(JSON.stringify(r)).not.toContain('/workflows/');
    for (const g of rx.got) expect(g.raw).not.toContain('hunter2-client-secret');
    expect(rx.got).toHaveLength(2);
  });

  it('a receiver that is not there: one reason, no exception', async () => {
    const lines: string[] = [];
    const target = notifyTarget({ notify: 'http://127.0.0.1:9/hook?sig=SECRETSIG123', notifyFormat: 'json' })!;
    await notify(notice(), target, (l) => lines.push(l), { attempts: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^notify: not delivered: http:\/\/127\.0\.0\.1:9 could not be reached/);
    expect(lines[0]).not.toContain('SECRETSIG123');
  });

  it('sends nothing when nothing changed, unless always', async () => {
    rx = await startReceiver('json');
    const quiet = notice({ newOnes: [], fixed: [] });
    const lines: string[] = [];
    await notify(quiet, notifyTarget({ notify: rx.url(), notifyFormat: 'json' })!, (l) => lines.push(l));
    expect(rx.got).toHaveLength(0);
    expect(lines[0]).toContain('nothing sent');
    await notify(quiet, notifyTarget({ notify: rx.url(), notifyFormat: 'json', notifyAlways: true })!, (l) =>
      lines.push(l),
    );
    expect(rx.got).toHaveLength(1);
    expect(rx.got[0]!.problems).toEqual([]);
  });
});

describe('a notice from a history diff', () => {
  const run = (id: number): RunSummary => ({
    id,
    tenant: 't-1',
    tenantName: 'Contoso',
    recordedAt: '2026-11-29T10:00:00.000Z',
    asOf: `2026-11-2${id}T09:30:00.000Z`,
    source: { kind: 'snapshot', path: '/s' },
    mode: 'legacy',
    macs: 10,
    users: 10,
    affected: { macs: 3, users: 3 },
    findings: 3,
    bySeverity: { critical: 0, high: 1, medium: 2, low: 0, info: 0 },
    checks: { pass: 1, fail: 1, cannotCheck: 0, notApplicable: 0, error: 0 },
  });
  const hf = (f: NoticeFinding): HistoryFinding => ({
    ...f,
    messageId: 'm',
    data: {},
    firstSeen: '2026-11-21T09:30:00.000Z',
    lastSeen: '2026-11-22T09:30:00.000Z',
  });
  it('takes new, fixed and persisting from the diff and the Macs from the later run', () => {
    const d: RunDiff = {
      from: run(1),
      to: run(2),
      new: [hf(finding('jamf/check-in-overdue', 'high', 'C02A'))],
      fixed: [],
      persisting: [hf(finding('intune/duplicate-device-records', 'medium', 'C02B'))],
      notCheckedInTo: [],
      notCheckedInFrom: [],
    };
    const n = noticeFromDiff(d, 'it', false);
    expect(n.from).toEqual({ runId: 1, asOf: '2026-11-21T09:30:00.000Z' });
    expect(n.counts.persisting).toBe(1);
    expect(n.affectedMacs).toBe(3);
    expect(JSON.stringify(slackPayload(n))).toContain('Nuovi');
  });
});
