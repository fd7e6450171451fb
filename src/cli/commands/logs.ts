import { Option } from 'commander';
import { type Lang, type ModeName, SEVERITIES, type Severity, severityRank } from '../../checks/define.js';
import { ExitCode } from '../../errors.js';
import { attributionText, type MacLogs, type TimelineEntry } from '../../logs/analyze.js';
import { analyzePaths, runLogChecks } from '../../logs/run.js';
import { SIGNATURE_BY_ID, type TimelineCategory } from '../../logs/signatures.js';
import { type TimedLine, whenText } from '../../logs/time.js';
import type { LogLine, MacLogEvidence } from '../../model/types.js';
import type { ReportFinding } from '../../report/types.js';
import { truncate } from '../../report/wrap.js';
import { checkOutput, emit, terminalWidth } from '../output.js';
import type { RegisterCommand } from './index.js';

const T = {
  en: {
    mac: 'Mac',
    host: 'host',
    files: (n: number, fams: string) => `Files read: ${n}${fams ? ` (${fams})` : ''}`,
    timeline: 'Registration timeline',
    checkIn: 'Last recurring check-in',
    checkInError: 'Last check-in error',
    token: 'Last token acquisition',
    launch: 'Last Company Portal launch',
    jamfEnd: 'End of jamf.log',
    none: 'not in these files',
    selfService: 'from Self Service (jamfAAD)',
    direct: 'opened directly',
    findings: 'Findings',
    noFindings: 'No problem found in these files.',
    problems: 'Problems reading the files',
    cannot: 'Could not check',
    noTime: 'time unknown',
    zoneUnknown: 'local time, zone unknown',
    zone: 'Time zone',
    zoneNone: 'unknown: local times are shown without an offset and not ordered across files',
    events: "Timeline (the Mac's local time, newest last)",
    noEvents: 'No registration, check-in, token or prompt line in these files.',
    unorderedGroup: (file: string) => `${file} — local time, zone unknown (not ordered with the other files):`,
    unordered: 'not ordered with lines of other files (zone unknown)',
    which: (w: string, n: number) => (w === 'only' ? '' : ` (${w === 'first' ? 'first' : 'last'} of ${n})`),
    cat: {
      registration: 'registration',
      'check-in': 'check-in',
      token: 'token',
      prompt: 'prompt',
      connection: 'connection',
      access: 'access',
    } as Record<TimelineCategory, string>,
  },
  it: {
    mac: 'Mac',
    host: 'host',
    files: (n: number, fams: string) => `File letti: ${n}${fams ? ` (${fams})` : ''}`,
    timeline: 'Cronologia della registrazione',
    checkIn: 'Ultimo check-in periodico',
    checkInError: 'Ultimo errore di check-in',
    token: 'Ultima acquisizione del token',
    launch: 'Ultimo avvio del Portale aziendale',
    jamfEnd: 'Fine di jamf.log',
    none: 'non presente in questi file',
    selfService: 'da Self Service (jamfAAD)',
    direct: 'aperto direttamente',
    findings: 'Risultati',
    noFindings: 'Nessun problema trovato in questi file.',
    problems: 'Problemi nella lettura dei file',
    cannot: 'Impossibile verificare',
    noTime: 'ora sconosciuta',
    zoneUnknown: 'ora locale, fuso sconosciuto',
    zone: 'Fuso orario',
    zoneNone: 'sconosciuto: le ore locali sono mostrate senza scostamento e non ordinate tra file diversi',
    events: 'Cronologia (ora locale del Mac, la più recente in fondo)',
    noEvents: 'Nessuna riga di registrazione, check-in, token o richiesta in questi file.',
    unorderedGroup: (file: string) => `${file} — ora locale, fuso sconosciuto (non ordinato rispetto agli altri file):`,
    unordered: 'non ordinato rispetto alle righe di altri file (fuso sconosciuto)',
    which: (w: string, n: number) => (w === 'only' ? '' : ` (${w === 'first' ? 'la prima' : 'l’ultima'} di ${n})`),
    cat: {
      registration: 'registrazione',
      'check-in': 'check-in',
      token: 'token',
      prompt: 'richiesta',
      connection: 'connessione',
      access: 'accesso',
    } as Record<TimelineCategory, string>,
  },
} as const;

/** The zone's source in the language (the analyser writes it in English: `time zone X (file)`, `-05:00 in file`). */
function zoneText(source: string, lang: Lang): string {
  if (lang === 'en') return source;
  return source.replace(/^time zone (\S+) \((.+)\)$/, 'fuso orario $1 ($2)');
}

/** A line's time: the Mac's local time with its offset, UTC for instants without one, or the zone unknown. */
function when(l: LogLine, lang: Lang): string {
  const text = whenText(l as TimedLine, T[lang].zoneUnknown);
  if (!text) return T[lang].noTime;
  return (l as TimedLine).unordered ? `${text} [${T[lang].unordered}]` : text;
}

/** The readable per-Mac timeline: ordered lines first, then per file the lines whose zone is unknown. */
export function renderEvents(events: readonly TimelineEntry[], lang: Lang, width: number): string[] {
  const t = T[lang];
  const out: string[] = [];
  let group: string | null = null;
  for (const e of events) {
    if (e.group !== group) {
      group = e.group;
      if (group !== 'ordered') out.push(truncate(`    ${t.unorderedGroup(group)}`, width));
    }
    const indent = group === 'ordered' ? '    ' : '      ';
    const time = group === 'ordered' ? whenText(e) : (e.local?.slice(0, 19) ?? t.noTime);
    const what = SIGNATURE_BY_ID.get(e.signature)?.description[lang] ?? e.signature;
    const mark = e.kind === 'problem' ? '!' : ' ';
    out.push(
      truncate(
        `${indent}${time.padEnd(group === 'ordered' ? 25 : 19)} ${mark} ${t.cat[e.category].padEnd(12)} ${what}${t.which(e.which, e.count)}  ${e.file}:${e.line}`,
        width,
      ),
    );
  }
  return out;
}

function at(l: LogLine): string {
  return `${l.file}:${l.line}`;
}

/** Renders the analysis for a terminal: per Mac, the timeline, the findings with file:line, the problems. */
export function renderLogs(
  macs: Array<MacLogEvidence | MacLogs>,
  findings: ReportFinding[],
  cannot: Array<{ id: string; detail: string }>,
  lang: Lang,
  width = 100,
): string {
  const t = T[lang];
  const out: string[] = [];
  for (const ev of macs) {
    const head = [`${t.mac} ${ev.key}`];
    if (ev.host && ev.key !== `host:${ev.host}`) head.push(`${t.host} ${ev.host}`);
    head.push(ev.root);
    out.push(head.join(' · '));
    const fams = new Map<string, number>();
    for (const f of ev.files) fams.set(`${f.family}/${f.format}`, (fams.get(`${f.family}/${f.format}`) ?? 0) + 1);
    out.push(`  ${t.files(ev.files.length, [...fams].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', '))}`);
    const logs = ev as Partial<MacLogs>;
    for (const a of logs.attribution ?? []) out.push(truncate(`    ${a.file}: ${attributionText(a, lang)}`, width));
    if (logs.zone)
      out.push(
        truncate(
          `  ${t.zone}: ${logs.zone.source === 'unknown' ? t.zoneNone : zoneText(logs.zone.source, lang)}`,
          width,
        ),
      );
    out.push(`  ${t.timeline}:`);
    const row = (label: string, l: LogLine | null, extra = ''): void => {
      out.push(truncate(`    ${`${label}:`.padEnd(36)}${l ? `${when(l, lang)}${extra}  ${at(l)}` : t.none}`, width));
    };
    const tl = ev.timeline;
    row(t.checkIn, tl.lastCheckIn);
    if (tl.lastCheckInError) row(t.checkInError, tl.lastCheckInError);
    row(t.token, tl.lastTokenAcquired);
    row(
      t.launch,
      tl.lastPortalLaunch,
      tl.lastPortalLaunch ? ` ${tl.lastPortalLaunch.how === 'direct' ? t.direct : t.selfService}` : '',
    );
    if (tl.jamfLogEnd) row(t.jamfEnd, tl.jamfLogEnd);
    if (logs.events) {
      out.push(`  ${t.events}:`);
      if (logs.events.length === 0) out.push(`    ${t.noEvents}`);
      out.push(...renderEvents(logs.events, lang, width));
    }
    const mine = findings.filter((f) => f.subjects.some((s) => s.kind === 'mac' && s.id === ev.key));
    out.push(`  ${t.findings}:`);
    if (mine.length === 0) out.push(`    ${t.noFindings}`);
    for (const f of mine) {
      out.push(truncate(`    [${f.severity}] ${f.checkId} — ${f.message}`, width));
      for (const e of f.evidence) {
        out.push(truncate(`        ${e.source}${e.line != null ? `:${e.line}` : ''}  ${e.text ?? ''}`, width));
      }
    }
    if (ev.problems.length) {
      out.push(`  ${t.problems}:`);
      for (const p of ev.problems) out.push(truncate(`    ${p.message}`, width));
    }
    out.push('');
  }
  if (cannot.length) {
    out.push(`${t.cannot}:`);
    for (const c of cannot) out.push(truncate(`  ${c.id}: ${c.detail}`, width));
    out.push('');
  }
  return out.join('\n');
}

export const registerLogs: RegisterCommand = (program, setExit) => {
  program
    .command('logs')
    .description(
      "Analyse a Mac's files (jamf.log, Company Portal, SSO extension, log show output, IntuneMacODC or jidoctor archives)",
    )
    .argument('<path...>', 'log files, folders, zip archives, macs/<serial> folders or snapshot folders')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language').choices(['en', 'it']).default('en'))
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices([...SEVERITIES, 'none'])
        .default('high'),
    )
    .option('--output <file>', 'write to a file instead of stdout')
    .addOption(
      new Option(
        '--mode <mode>',
        "the tenant's integration: also runs the Mac settings checks (mac/*) that depend on it",
      ).choices(['legacy', 'device-compliance']),
    )
    .action(async (paths: string[], opts) => {
      const lang = opts.lang as Lang;
      await checkOutput(opts.output as string | undefined);
      const macs = await analyzePaths(paths);
      const { result } = runLogChecks(macs, { lang, ...(opts.mode ? { mode: opts.mode as ModeName } : {}) });
      const cannot = result.checks
        .filter((c) => c.outcome === 'cannotCheck' || c.outcome === 'error')
        .map((c) => ({ id: c.id, detail: c.reason?.detail ?? c.reason?.kind ?? '' }));
      if (opts.format === 'json') {
        const doc = { format: 'jidoctor-logs', version: 1, macs, checks: result.checks, findings: result.findings };
        await emit(`${JSON.stringify(doc, null, 2)}\n`, opts.output);
      } else {
        const width = process.stdout.isTTY && !opts.output ? terminalWidth() : 400;
        await emit(renderLogs(macs, result.findings, cannot, lang, width), opts.output, true);
      }
      const failOn = opts.failOn as Severity | 'none';
      const failing =
        failOn !== 'none' && result.findings.some((f) => severityRank(f.severity) >= severityRank(failOn));
      setExit(
        result.checks.some((c) => c.outcome === 'error')
          ? ExitCode.internal
          : failing
            ? ExitCode.findings
            : ExitCode.ok,
      );
    });
};
