import { describe, expect, it } from 'vitest';
import { type AnyCheck, defineCheck, msg } from '../checks/define.js';
import { diagnoseCollected } from '../diagnose.js';
import { emptyCollected } from '../model/collected.js';
import { DATASETS } from '../model/datasets.js';
import { FORMATS } from '../report/formats.js';
import type { Report } from '../report/types.js';

/**
 * Coverage (issue 14 item 5): a check that could check some objects and not others gives its verdict over the
 * checked ones and says how many it could not check; "could not check" stays for a check that checked nothing.
 */
const collected = () => {
  const c = emptyCollected({ asOf: Date.UTC(2026, 10, 29) });
  for (const d of Object.values(DATASETS))
    c.datasets.set(d.id, { id: d.id, path: d.id, status: 'complete', records: 1 });
  return c;
};

function probe(opts: { checked: number; unknown: number; failing: number; declare?: boolean }): AnyCheck {
  return defineCheck({
    id: 'jamf/coverage-probe',
    severity: 'high',
    modes: 'any',
    requires: [],
    title: { en: 'A probe of coverage', it: 'Una sonda della copertura' },
    cause: {
      en: 'The engine must report what a check could check and what it could not.',
      it: 'Il motore deve dire ciò che un controllo ha potuto controllare e ciò che non ha potuto.',
    },
    resolution: { en: ['None.'], it: ['Nessuna.'] },
    sources: ['test'],
    messages: { bad: msg<{ n: number }>({ en: (d) => `bad ${d.n}`, it: (d) => `male ${d.n}` }) },
    run(_fleet, ctx) {
      for (let i = 0; i < opts.failing; i++)
        ctx.report({ messageId: 'bad', data: { n: i }, subjects: [{ kind: 'mac', id: `C02F${i}` }], evidence: [] });
      for (let i = 0; i < opts.unknown; i++)
        ctx.unknown(i === 0 ? 'ada@contoso.com is not in graph/v1.0/users' : `reason ${i % 3}`, {
          kind: 'mac',
          id: `C02U${i}`,
        });
      if (opts.declare !== false) ctx.checked(opts.checked, 'mac');
    },
  }) as AnyCheck;
}

const run = (check: AnyCheck, lang: 'en' | 'it' = 'en'): Report =>
  diagnoseCollected(collected(), { kind: 'snapshot', path: null }, { checks: [check], lang, generatedAt: 0 }).report;

describe('coverage of a check', () => {
  it('passes over what it checked and lists what it could not', () => {
    const r = run(probe({ checked: 9999, unknown: 1, failing: 0 })).checks[0]!;
    expect(r.outcome).toBe('pass');
    expect(r.coverage).toEqual({
      unit: 'mac',
      checked: 9999,
      unknown: 1,
      reasons: ['ada@contoso.com is not in graph/v1.0/users'],
    });
  });

  it('fails over what it checked, with the coverage', () => {
    const r = run(probe({ checked: 10, unknown: 4, failing: 2 })).checks[0]!;
    expect(r.outcome).toBe('fail');
    expect(r.coverage).toMatchObject({
      checked: 10,
      unknown: 4,
      reasons: ['ada@contoso.com is not in graph/v1.0/users', 'reason 1', 'reason 2', 'reason 0'],
    });
  });

  it('could not check: nothing checked, or a check that does not count what it checked', () => {
    for (const c of [
      probe({ checked: 0, unknown: 2, failing: 0 }),
      probe({ checked: 5, unknown: 2, failing: 0, declare: false }),
    ]) {
      const r = run(c).checks[0]!;
      expect(r.outcome).toBe('cannotCheck');
      expect(r.coverage).toBeUndefined();
      expect(r.reason?.kind).toBe('incomplete-data');
    }
  });

  it('no coverage when everything was checked', () => {
    const r = run(probe({ checked: 7, unknown: 0, failing: 1 })).checks[0]!;
    expect(r.outcome).toBe('fail');
    expect(r.coverage).toBeUndefined();
  });

  it('every format says it, in both languages', async () => {
    const check = probe({ checked: 9999, unknown: 1, failing: 0 });
    const en = 'checked 9,999 of 10,000 Macs; 1 could not be checked: ada@contoso.com is not in graph/v1.0/users';
    // Italian groups thousands from five digits (CLDR minimumGroupingDigits 2).
    const it = 'controllati 9999 Mac su 10.000; 1 non controllabile: ada@contoso.com is not in graph/v1.0/users';
    for (const [lang, sentence] of [
      ['en', en],
      ['it', it],
    ] as const) {
      const report = run(check, lang);
      for (const f of ['text', 'markdown', 'html', 'junit', 'sarif'] as const) {
        const out = await FORMATS[f]!(report, { lang, checks: [check], color: false, width: 200 });
        // Text wraps long lines: compare with the white space folded.
        expect(out.replace(/\s+/g, ' '), `${f} ${lang}`).toContain(sentence);
      }
      expect(
        JSON.parse(await FORMATS.json!(report, { lang, checks: [check], color: false, width: 200 })).checks[0].coverage,
      ).toEqual(report.checks[0]!.coverage);
    }
    const many = run(probe({ checked: 3, unknown: 5, failing: 0 }));
    expect(
      (await FORMATS.text!(many, { lang: 'en', checks: [check], color: false, width: 300 })).replace(/\s+/g, ' '),
    ).toContain(
      'checked 3 of 8 Macs; 5 could not be checked: ada@contoso.com is not in graph/v1.0/users (and 3 more reasons)',
    );
  });
});
