import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as plist from 'plist';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ROOT, runCli } from './cli.js';

/**
 * The scheduling samples of docs/scheduling.md (examples/schedule/) parse with real parsers, hold a valid
 * schedule, keep no credential inline, and use only options that `jidoctor diagnose` has.
 */
const DIR = join(ROOT, 'examples', 'schedule');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');

let diagnoseOptions: Set<string>;
beforeAll(async () => {
  const help = await runCli(['diagnose', '--help']);
  expect(help.code).toBe(0);
  diagnoseOptions = new Set(help.stdout.match(/--[a-z][a-z-]*/g) ?? []);
  expect(diagnoseOptions.has('--notify')).toBe(true);
});

/** The options of every `jidoctor diagnose …` command in a text. */
function optionsUsed(text: string): string[] {
  const runs = [...text.matchAll(/jidoctor diagnose ([^\n;"]*(?:"[^"]*"[^\n;"]*)*)/g)].map((m) => m[1]!);
  expect(runs.length).toBeGreaterThan(0);
  return runs.flatMap((r) => r.match(/(?<=\s|^)--[a-z][a-z-]*/g) ?? []);
}

const CRON_FIELD = [
  /^(\*|[0-5]?\d)(-[0-5]?\d)?(\/\d+)?(,[0-5]?\d)*$/,
  /^(\*|[01]?\d|2[0-3])(-([01]?\d|2[0-3]))?(\/\d+)?(,([01]?\d|2[0-3]))*$/,
  /^(\*|[1-9]|[12]\d|3[01])(-([1-9]|[12]\d|3[01]))?(,([1-9]|[12]\d|3[01]))*$/,
  /^(\*|[1-9]|1[0-2])(-([1-9]|1[0-2]))?(,([1-9]|1[0-2]))*$/,
  /^(\*|[0-7])(-[0-7])?(,[0-7])*$/,
];
const validCron = (expr: string) => {
  const f = expr.trim().split(/\s+/);
  return f.length === 5 && f.every((x, i) => CRON_FIELD[i]!.test(x));
};

describe('scheduling samples', () => {
  it('a cron expression checker that can say no', () => {
    expect(validCron('30 6 * * 1-5')).toBe(true);
    for (const bad of ['61 6 * * 1-5', '30 24 * * *', '30 6 * *', '30 6 * * 8', '30 6 32 * *'])
      expect(validCron(bad)).toBe(false);
  });

  it('crontab: one valid line that reads the credentials from a file', () => {
    const lines = read('jidoctor.cron')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#') && !/^[A-Z_]+=/.test(l));
    expect(lines).toHaveLength(1);
    expect(validCron(lines[0]!.split(/\s+/).slice(0, 5).join(' '))).toBe(true);
    expect(lines[0]).toContain('. /etc/jidoctor/contoso.env');
    for (const o of optionsUsed(read('jidoctor.cron'))) expect(diagnoseOptions, o).toContain(o);
  });

  it('systemd: a oneshot service per tenant and its timer', () => {
    const sections = (text: string) => {
      const out = new Map<string, Map<string, string>>();
      let cur: Map<string, string> | undefined;
      for (const raw of text.split('\n')) {
        const l = raw.trim();
        if (!l || l.startsWith('#')) continue;
        const s = /^\[([A-Za-z]+)\]$/.exec(l);
        if (s) {
          cur = new Map();
          out.set(s[1]!, cur);
        } else {
          const kv = /^([A-Za-z]+)=(.*)$/.exec(l);
          expect(kv, `not a key=value line: ${l}`).not.toBeNull();
          cur!.set(kv![1]!, kv![2]!);
        }
      }
      return out;
    };
    const service = sections(read('jidoctor@.service'));
    expect([...service.keys()]).toEqual(['Unit', 'Service']);
    expect(service.get('Service')!.get('Type')).toBe('oneshot');
    expect(service.get('Service')!.get('EnvironmentFile')).toBe('/etc/jidoctor/%i.env');
    expect(service.get('Service')!.get('SuccessExitStatus')).toBe('1');
    for (const o of optionsUsed(service.get('Service')!.get('ExecStart')!)) expect(diagnoseOptions, o).toContain(o);
    const timer = sections(read('jidoctor@.timer'));
    expect(timer.get('Timer')!.get('OnCalendar')).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/);
    expect(timer.get('Install')!.get('WantedBy')).toBe('timers.target');
  });

  it('launchd: an XML property list launchd can load, weekly, with no secret in it', () => {
    const text = read('com.contoso.jidoctor.plist');
    const p = plist.parse(text) as Record<string, unknown>;
    expect(p.Label).toBe('com.contoso.jidoctor');
    const args = p.ProgramArguments as string[];
    expect(Array.isArray(args) && args.every((a) => typeof a === 'string')).toBe(true);
    const times = p.StartCalendarInterval as Array<Record<string, number>>;
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) {
      expect(Number.isInteger(t.Weekday) && t.Weekday! >= 0 && t.Weekday! <= 7).toBe(true);
      expect(Number.isInteger(t.Hour) && t.Hour! >= 0 && t.Hour! <= 23).toBe(true);
      expect(Number.isInteger(t.Minute) && t.Minute! >= 0 && t.Minute! <= 59).toBe(true);
    }
    expect(p.RunAtLoad).toBe(false);
    // Every secret comes from the keychain.
    expect(args.join(' ')).not.toMatch(/(SECRET|TENANT_ID|CLIENT_ID|URL)="[^$]/);
    for (const o of optionsUsed(args.join(' '))) expect(diagnoseOptions, o).toContain(o);
    // The parser is strict enough to fail a broken file.
    expect(() => plist.parse(text.replace('</dict>\n</plist>', '</plist>'))).toThrow();
  });

  it('Kubernetes: a PVC, a Secret and a CronJob per tenant that point at each other', () => {
    const docs = parseAllDocuments(read('cronjob.yaml'));
    for (const d of docs) expect(d.errors).toEqual([]);
    // biome-ignore lint/suspicious/noExplicitAny: walking parsed YAML of a known shape
    const [pvc, secret, job] = docs.map((d) => d.toJS()) as Array<Record<string, any>>;
    expect([pvc!.kind, secret!.kind, job!.kind]).toEqual(['PersistentVolumeClaim', 'Secret', 'CronJob']);
    expect(job!.apiVersion).toBe('batch/v1');
    expect(validCron(job!.spec.schedule)).toBe(true);
    expect(job!.spec.concurrencyPolicy).toBe('Forbid');
    const pod = job!.spec.jobTemplate.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    const c = pod.containers[0];
    expect(c.envFrom[0].secretRef.name).toBe(secret!.metadata.name);
    expect(pod.volumes[0].persistentVolumeClaim.claimName).toBe(pvc!.metadata.name);
    const db = c.env.find((e: { name: string }) => e.name === 'JIDOCTOR_DB').value as string;
    expect(db.startsWith(`${c.volumeMounts[0].mountPath}/`)).toBe(true);
    expect(Object.keys(secret!.stringData)).toEqual(
      expect.arrayContaining([
        'AZURE_TENANT_ID',
        'AZURE_CLIENT_ID',
        'AZURE_CLIENT_SECRET',
        'JAMF_URL',
        'JIDOCTOR_NOTIFY_URL',
      ]),
    );
    for (const o of optionsUsed(c.args.join(' '))) expect(diagnoseOptions, o).toContain(o);
    // A broken document is an error, not a silently different object.
    expect(parseAllDocuments('a: [1, 2\nb: 3')[0]!.errors.length).toBeGreaterThan(0);
  });
});
