import { type Command, Option } from 'commander';
import type { Lang } from '../checks/define.js';
import { InputError } from '../errors.js';
import { registerSecret } from '../redact.js';
import type { Report } from '../report/types.js';
import type { RunDiff } from '../store/history.js';
import { formatForUrl, NOTIFY_FORMATS, type NotifyFormat } from './formats.js';
import { buildNotice, changed, type Notice } from './notice.js';
import { describeUrl, type SendOptions, sendNotice } from './send.js';

export interface NotifyFlags {
  notify?: string;
  notifyFormat?: string;
  notifyAlways?: boolean;
  notifyIncludeNames?: boolean;
}

export function addNotifyOptions<C extends Command>(cmd: C): C {
  cmd
    .option('--notify <url>', 'after the run, post what is new and what was fixed to this webhook (Teams, Slack, JSON)')
    .addOption(
      new Option(
        '--notify-format <format>',
        'payload of --notify (default: from the URL: Slack, Teams Workflows, else JSON)',
      )
        .choices(['auto', ...NOTIFY_FORMATS])
        .default('auto'),
    )
    .option('--notify-always', 'post even when nothing changed since the previous run')
    .option('--notify-include-names', 'include Mac and user names and the findings’ messages (left out by default)');
  return cmd;
}

export interface NotifyTarget {
  url: URL;
  format: NotifyFormat;
  always: boolean;
  names: boolean;
}

/** Checks --notify before anything runs. The URL is a credential: it is registered as a secret and never echoed. */
export function notifyTarget(flags: NotifyFlags): NotifyTarget | null {
  if (flags.notify === undefined) {
    for (const [set, name] of [
      [flags.notifyAlways, '--notify-always'],
      [flags.notifyIncludeNames, '--notify-include-names'],
      [flags.notifyFormat && flags.notifyFormat !== 'auto', '--notify-format'],
    ] as const)
      if (set) throw new InputError(`${name}: expected together with --notify URL`);
    return null;
  }
  registerSecret(flags.notify);
  let url: URL;
  try {
    url = new URL(flags.notify);
  } catch {
    throw new InputError('--notify: expected an http:// or https:// URL, found text that is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError(`--notify: expected an http:// or https:// URL, found a ${url.protocol} URL`);
  registerSecret(url.href);
  const format =
    !flags.notifyFormat || flags.notifyFormat === 'auto' ? formatForUrl(url) : (flags.notifyFormat as NotifyFormat);
  return { url, format, always: flags.notifyAlways === true, names: flags.notifyIncludeNames === true };
}

/** The notice of a history diff (`diff`, or `diagnose` after its second run of a tenant). */
export function noticeFromDiff(d: RunDiff, lang: Lang, names: boolean): Notice {
  return buildNotice({
    lang,
    tenant: { id: d.to.tenant, name: d.to.tenantName },
    from: { runId: d.from.id, asOf: d.from.asOf },
    to: { runId: d.to.id, asOf: d.to.asOf },
    new: d.new,
    fixed: d.fixed,
    persisting: d.persisting.length,
    affectedMacs: d.to.affected.macs,
    includeNames: names,
  });
}

/** The notice of a tenant's first recorded run: every finding is new. */
export function noticeFromFirstRun(report: Report, runId: number, lang: Lang, names: boolean): Notice {
  return buildNotice({
    lang,
    tenant: { id: report.tenant.id ?? report.source.path ?? 'unknown', name: report.tenant.name },
    from: null,
    to: { runId, asOf: report.asOf },
    new: report.findings,
    fixed: [],
    persisting: 0,
    affectedMacs: report.summary.affected.macs,
    includeNames: names,
  });
}

/**
 * Sends the notice when something changed (or always, if asked) and says in one line on stderr what happened.
 * A receiver that fails never changes the run's exit code.
 */
export async function notify(
  notice: Notice,
  target: NotifyTarget,
  note: (line: string) => void,
  send: Partial<SendOptions> = {},
): Promise<void> {
  if (!target.always && !changed(notice)) {
    note('notify: nothing new and nothing fixed since the previous run; nothing sent (--notify-always sends anyway)');
    return;
  }
  const r = await sendNotice(notice, { url: target.url, format: target.format, ...send });
  if (r.ok) note(`notify: posted to ${describeUrl(target.url)} (${target.format})`);
  else
    note(`notify: not delivered: ${r.reason} after ${r.attempts} attempt(s); the report and exit code are unaffected`);
}
