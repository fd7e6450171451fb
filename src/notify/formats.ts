import { type Lang, SEVERITIES, type Severity } from '../checks/define.js';
import { formatDate, UI } from '../i18n/ui.js';
import { subjectLabel } from '../report/text.js';
import { printable } from '../report/wrap.js';
import { changed, type Notice, type NoticeGroup, total } from './notice.js';

export const NOTIFY_FORMATS = ['teams', 'slack', 'json'] as const;
export type NotifyFormat = (typeof NOTIFY_FORMATS)[number];

/**
 * The format a webhook URL expects, from its host: Slack's incoming webhooks (hooks.slack.com), Teams Workflows
 * ("When a Teams webhook request is received": Power Automate / Logic Apps hosts); any other URL gets JSON.
 * https://api.slack.com/messaging/webhooks ·
 * https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
 */
export function formatForUrl(url: URL): NotifyFormat {
  const host = url.hostname.toLowerCase();
  if (host === 'hooks.slack.com' || host.endsWith('.hooks.slack.com')) return 'slack';
  if (
    host.endsWith('.logic.azure.com') ||
    host.endsWith('.powerautomate.com') ||
    host.endsWith('.api.powerplatform.com') ||
    host.endsWith('.webhook.office.com')
  )
    return 'teams';
  return 'json';
}

const WORDS = {
  en: {
    title: (tenant: string) => `jidoctor: ${tenant}`,
    runs: (from: number | null, to: number, at: string) =>
      from === null ? `First recorded run (${to}) · ${at}` : `Run ${from} → run ${to} · ${at}`,
    new: 'New',
    fixed: 'Fixed',
    persisting: 'Persisting',
    affectedMacs: 'Macs with findings',
    worstNew: 'Worst new findings',
    fixedTitle: 'Fixed since the previous run',
    findings: (n: number) => `${n} ${n === 1 ? 'finding' : 'findings'}`,
    andMore: (n: number) => `… and ${n} more (jidoctor diff)`,
    nothing: 'Nothing changed since the previous run.',
    hiddenNames: 'Device and user names are left out (--notify-include-names adds them).',
  },
  it: {
    title: (tenant: string) => `jidoctor: ${tenant}`,
    runs: (from: number | null, to: number, at: string) =>
      from === null ? `Prima esecuzione registrata (${to}) · ${at}` : `Esecuzione ${from} → esecuzione ${to} · ${at}`,
    new: 'Nuovi',
    fixed: 'Risolti',
    persisting: 'Persistenti',
    affectedMacs: 'Mac con risultati',
    worstNew: 'Nuovi risultati più gravi',
    fixedTitle: "Risolti dall'esecuzione precedente",
    findings: (n: number) => `${n} ${n === 1 ? 'risultato' : 'risultati'}`,
    andMore: (n: number) => `… e altri ${n} (jidoctor diff)`,
    nothing: "Nulla è cambiato dall'esecuzione precedente.",
    hiddenNames: 'I nomi di dispositivi e utenti sono omessi (--notify-include-names li aggiunge).',
  },
} satisfies Record<Lang, unknown>;

/** "2 high, 1 medium" (severities with a count only), or "0". */
function bySeverity(r: Record<Severity, number>, lang: Lang): string {
  const parts = SEVERITIES.filter((s) => r[s] > 0).map((s) => `${r[s]} ${UI[lang].severities[s]}`);
  return parts.length ? parts.join(', ') : '0';
}

const tenantLabel = (n: Notice) => printable(n.tenant.name ?? n.tenant.id);

/** Lines of one group: "HIGH · title — 3 findings", then (with names) each finding's message and subjects. */
function groupLines(g: NoticeGroup, lang: Lang, maxFindings: number): { head: string; items: string[] } {
  const w = WORDS[lang];
  const head = `${UI[lang].severities[g.severity].toUpperCase()} · ${g.title} — ${w.findings(g.count)}`;
  const items: string[] = [];
  for (const f of (g.findings ?? []).slice(0, maxFindings)) {
    const who = f.subjects.map(subjectLabel).join('; ');
    items.push(printable(who ? `${f.message} (${who})` : f.message));
  }
  if (g.findings && g.findings.length > maxFindings) items.push(w.andMore(g.findings.length - maxFindings));
  return { head, items };
}

// ---------------------------------------------------------------- Microsoft Teams (Workflows): an Adaptive Card

/** Adaptive Card version: 1.4 is rendered by every Teams client and by the Workflows "post card" actions. */
export const ADAPTIVE_CARD_VERSION = '1.4';
/** Teams refuses messages above about 28 KB; the card is kept below this. */
export const TEAMS_MAX_BYTES = 27_000;

/**
 * Adaptive Card TextBlocks render a subset of Markdown (bold, italic, links, bulleted and numbered lists): its
 * characters from the data are escaped so that they show as typed.
 */
const cardText = (s: string) =>
  s.replace(/[\\*_[\]]/g, (c) => `\\${c}`).replace(/^(\s*)([-+]|\d+\.)(?=\s)/gm, (_, sp, m) => `${sp}\\${m}`);

export function teamsPayload(n: Notice): unknown {
  const w = WORDS[n.lang];
  const build = (maxGroups: number) => {
    const body: unknown[] = [
      { type: 'TextBlock', text: cardText(w.title(tenantLabel(n))), size: 'Large', weight: 'Bolder', wrap: true },
      {
        type: 'TextBlock',
        text: cardText(w.runs(n.from?.runId ?? null, n.to.runId, formatDate(n.to.asOf, n.lang))),
        isSubtle: true,
        spacing: 'None',
        wrap: true,
      },
      {
        type: 'FactSet',
        facts: [
          { title: w.new, value: bySeverity(n.counts.new, n.lang) },
          { title: w.fixed, value: bySeverity(n.counts.fixed, n.lang) },
          { title: w.persisting, value: String(n.counts.persisting) },
          { title: w.affectedMacs, value: String(n.affectedMacs) },
        ],
      },
    ];
    if (!changed(n)) body.push({ type: 'TextBlock', text: cardText(w.nothing), wrap: true });
    const section = (title: string, list: NoticeGroup[]) => {
      if (!list.length) return;
      body.push({ type: 'TextBlock', text: cardText(title), weight: 'Bolder', separator: true, wrap: true });
      for (const g of list.slice(0, maxGroups)) {
        const { head, items } = groupLines(g, n.lang, 5);
        body.push({ type: 'TextBlock', text: cardText(head), wrap: true });
        for (const it of items)
          body.push({ type: 'TextBlock', text: cardText(it), isSubtle: true, spacing: 'None', wrap: true });
      }
      if (list.length > maxGroups)
        body.push({
          type: 'TextBlock',
          text: cardText(w.andMore(list.length - maxGroups)),
          isSubtle: true,
          wrap: true,
        });
    };
    section(w.worstNew, n.newByCheck);
    section(w.fixedTitle, n.fixedByCheck);
    if (!n.names)
      body.push({ type: 'TextBlock', text: cardText(w.hiddenNames), isSubtle: true, size: 'Small', wrap: true });
    // The envelope a Teams Workflows webhook takes: a message with the card as its one attachment.
    return {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: ADAPTIVE_CARD_VERSION,
            msteams: { width: 'Full' },
            body,
          },
        },
      ],
    };
  };
  let groups = Math.max(n.newByCheck.length, n.fixedByCheck.length);
  let card = build(groups);
  while (groups > 1 && Buffer.byteLength(JSON.stringify(card)) > TEAMS_MAX_BYTES) card = build(--groups);
  return card;
}

// ---------------------------------------------------------------- Slack: Block Kit

/** Slack's limits: 50 blocks a message, 3,000 characters in a section's text, 150 in a header. */
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_SECTION = 3000;
export const SLACK_MAX_HEADER = 150;

/** Slack mrkdwn: &, < and > are the characters Slack asks to escape (https://api.slack.com/reference/surfaces/formatting). */
const slackText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export function slackPayload(n: Notice): unknown {
  const w = WORDS[n.lang];
  const blocks: unknown[] = [];
  const section = (text: string) =>
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_MAX_SECTION) } });
  blocks.push({ type: 'header', text: { type: 'plain_text', text: clip(w.title(tenantLabel(n)), SLACK_MAX_HEADER) } });
  blocks.push({
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: slackText(w.runs(n.from?.runId ?? null, n.to.runId, formatDate(n.to.asOf, n.lang))) },
    ],
  });
  section(
    [
      `*${w.new}:* ${bySeverity(n.counts.new, n.lang)}`,
      `*${w.fixed}:* ${bySeverity(n.counts.fixed, n.lang)}`,
      `*${w.persisting}:* ${n.counts.persisting}`,
      `*${w.affectedMacs}:* ${n.affectedMacs}`,
    ].join('\n'),
  );
  if (!changed(n)) section(slackText(w.nothing));
  // Room kept for the closing blocks: a divider and a context line per list, the names note.
  const room = () => SLACK_MAX_BLOCKS - blocks.length - 4;
  const list = (title: string, groups: NoticeGroup[]) => {
    if (!groups.length) return;
    blocks.push({ type: 'divider' });
    section(`*${slackText(title)}*`);
    let shown = 0;
    for (const g of groups) {
      if (room() <= 1) break;
      const { head, items } = groupLines(g, n.lang, 5);
      section([`*${slackText(head)}*`, ...items.map((i) => `• ${slackText(i)}`)].join('\n'));
      shown++;
    }
    if (shown < groups.length)
      blocks.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: slackText(w.andMore(groups.length - shown)) }],
      });
  };
  list(w.worstNew, n.newByCheck);
  list(w.fixedTitle, n.fixedByCheck);
  if (!n.names) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: slackText(w.hiddenNames) }] });
  const text = `${w.title(tenantLabel(n))}: ${w.new} ${total(n.counts.new)}, ${w.fixed} ${total(n.counts.fixed)}`;
  return { text: slackText(text), blocks: blocks.slice(0, SLACK_MAX_BLOCKS) };
}

// ---------------------------------------------------------------- any URL: JSON

/** The notice as JSON: the counts (the report's summary of the change) and the diff's findings grouped by check. */
export function jsonPayload(n: Notice): unknown {
  return {
    format: 'jidoctor-notification',
    version: 1,
    tenant: n.tenant,
    from: n.from,
    to: n.to,
    summary: {
      new: n.counts.new,
      fixed: n.counts.fixed,
      persisting: n.counts.persisting,
      affectedMacs: n.affectedMacs,
    },
    names: n.names,
    new: n.newByCheck,
    fixed: n.fixedByCheck,
  };
}

export const PAYLOADS: Record<NotifyFormat, (n: Notice) => unknown> = {
  teams: teamsPayload,
  slack: slackPayload,
  json: jsonPayload,
};
