import { afterAll, describe, expect, it } from 'vitest';
import {
  type AnyCheck,
  type CheckDef,
  type Evidence,
  LANGS,
  type Lang,
  type MessageMap,
  renderMessage,
} from '../src/checks/define.js';
import { runChecks } from '../src/engine/run.js';
import type { Fleet } from '../src/model/types.js';
import type { Outcome, Reason, ReportFinding } from '../src/report/types.js';

export interface ExpectedFinding {
  messageId: string;
  /** Expected message data (compared exactly when given). */
  data?: Record<string, unknown>;
  /** Subject ids in order (Mac serials, user UPNs, policy ids…). */
  subjects?: string[];
  severity?: string;
  /** The rendered sentence in each language, compared exactly (every message id should have one case with it). */
  text?: Record<Lang, string>;
  /** The finding's evidence, compared exactly. */
  evidence?: Evidence[];
}

interface Case {
  name: string;
  fleet: Fleet;
}

export interface CheckCases {
  valid?: Array<Case & { /** findings allowed when they are info-level notes */ notes?: ExpectedFinding[] }>;
  invalid?: Array<Case & { findings: ExpectedFinding[]; outcome?: Outcome }>;
  cannotCheck?: Array<Case & { reason?: Partial<Reason> }>;
  notApplicable?: Case[];
}

const BAD_TEXT = /undefined|NaN|\{\{|\[object Object\]|null\b/;

function assertRendered(check: AnyCheck, f: ReportFinding): void {
  for (const lang of LANGS) {
    const text = renderMessage(check, f.messageId, f.data, lang);
    expect(text.trim().length, `${lang} message of ${f.messageId}`).toBeGreaterThan(0);
    expect(text, `${lang} message of ${f.messageId}`).not.toMatch(BAD_TEXT);
  }
}

function compare(check: AnyCheck, actual: ReportFinding[], expected: ExpectedFinding[]): void {
  expect(actual.map((f) => f.messageId)).toEqual(expected.map((f) => f.messageId));
  expected.forEach((e, i) => {
    const a = actual[i]!;
    if (e.data) expect(a.data).toEqual(e.data);
    if (e.subjects) expect(a.subjects.map((s) => s.id)).toEqual(e.subjects);
    if (e.severity) expect(a.severity).toBe(e.severity);
    if (e.evidence) expect(a.evidence).toEqual(e.evidence);
    if (e.text) {
      for (const lang of LANGS) {
        expect(renderMessage(check, a.messageId, a.data, lang), `${lang} message of ${a.messageId}`).toBe(e.text[lang]);
      }
    }
  });
}

/**
 * A strict table harness for checks, after ESLint's RuleTester: valid cases must report nothing (or only the
 * declared info-level notes), invalid cases the exact findings, cannotCheck cases the reason. Every message id
 * must be exercised, and no rendered message may hold `undefined`, `NaN`, `null` or a placeholder.
 */
export function testCheck<M extends MessageMap>(check: CheckDef<M>, cases: CheckCases): void {
  const c = check as unknown as AnyCheck;
  const names = new Set<string>();
  const exercised = new Set<string>();
  // The message ids whose rendered sentence some case pins in every language (`text`).
  const texted = new Set<string>();
  for (const k of [
    ...(cases.valid ?? []).flatMap((v) => v.notes ?? []),
    ...(cases.invalid ?? []).flatMap((v) => v.findings),
  ])
    if (k.text) texted.add(k.messageId);
  const all = [
    ...(cases.valid ?? []),
    ...(cases.invalid ?? []),
    ...(cases.cannotCheck ?? []),
    ...(cases.notApplicable ?? []),
  ];
  for (const k of all) {
    if (names.has(k.name)) throw new Error(`${check.id}: duplicate case name "${k.name}"`);
    names.add(k.name);
  }
  for (const k of cases.invalid ?? []) {
    if (!k.findings.length) throw new Error(`${check.id}: invalid case "${k.name}" expects no finding`);
  }
  const run = (fleet: Fleet) => {
    const r = runChecks(fleet, [c]);
    return { result: r.checks[0]!, findings: r.findings };
  };

  describe(String(check.id), () => {
    // A test, not a throw while the file loads: what the check declares is then a verdict of the suite (a test
    // file that fails to load reports no failed test to tools such as Stryker's vitest runner).
    it('declares every message id the cases expect', () => {
      for (const k of cases.invalid ?? []) {
        for (const f of k.findings) {
          expect(f.messageId in check.messages, `case "${k.name}" names undeclared message ${f.messageId}`).toBe(true);
        }
      }
    });
    for (const k of cases.valid ?? []) {
      it(`valid: ${k.name}`, () => {
        const { result, findings } = run(k.fleet);
        expect(result.reason?.detail ?? '').toBe('');
        expect(result.outcome).toBe('pass');
        compare(c, findings, k.notes ?? []);
        for (const f of findings) {
          expect(f.severity).toBe('info');
          exercised.add(f.messageId);
          assertRendered(c, f);
        }
      });
    }
    for (const k of cases.invalid ?? []) {
      it(`invalid: ${k.name}`, () => {
        const { result, findings } = run(k.fleet);
        expect(result.outcome).toBe(k.outcome ?? 'fail');
        compare(c, findings, k.findings);
        for (const f of findings) {
          exercised.add(f.messageId);
          assertRendered(c, f);
          expect(f.evidence.length, `${f.messageId} has evidence`).toBeGreaterThan(0);
          expect(f.subjects.length, `${f.messageId} names a subject`).toBeGreaterThan(0);
        }
      });
    }
    for (const k of cases.cannotCheck ?? []) {
      it(`cannotCheck: ${k.name}`, () => {
        const { result, findings } = run(k.fleet);
        expect(result.outcome).toBe('cannotCheck');
        expect(findings).toEqual([]);
        if (k.reason) expect(result.reason).toMatchObject(k.reason);
      });
    }
    for (const k of cases.notApplicable ?? []) {
      it(`notApplicable: ${k.name}`, () => {
        expect(run(k.fleet).result.outcome).toBe('notApplicable');
      });
    }
    afterAll(() => {
      const missing = Object.keys(check.messages).filter((m) => !exercised.has(m));
      if (missing.length) throw new Error(`${check.id}: message ids never exercised by a case: ${missing.join(', ')}`);
      const untexted = Object.keys(check.messages).filter((m) => !texted.has(m));
      if (untexted.length)
        throw new Error(`${check.id}: no case pins the rendered sentence (text) of: ${untexted.join(', ')}`);
    });
  });
}
