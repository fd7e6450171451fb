import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateSnapshot } from '../../bench/generate.js';
import { emitJsonToFile, emitJsonToStdout as viaStdout } from '../../test/emit-json.js';
import { randomDocument, randomSecrets, randomValue, seeded } from '../../test/random-json.js';
import { hostileReport, mac, syntheticReport } from '../../test/reports.js';
import { diagnoseSnapshot } from '../diagnose.js';
import { InputError } from '../errors.js';
import { clearSecrets, jsonRedactsByLine, redact, registerSecret } from '../redact.js';
import { renderJson } from '../report/json.js';
import type { Report } from '../report/types.js';
import { jsonSafe } from '../report/wrap.js';
import { writeReport } from './commands/diagnose.js';
import { emit, emitJson } from './output.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jidoctor-emit-json-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  clearSecrets();
});

/** What the JSON report path wrote before streaming: the whole text, redacted whole. */
// renderJson's text: JSON.stringify with DEL, C1 and bidi controls as \u escapes (report/wrap.ts jsonSafe).
const wholeRedacted = (v: unknown) => redact(jsonSafe(`${JSON.stringify(v, null, 2)}\n`));

const viaFile = (v: unknown, chunkChars?: number) => emitJsonToFile(v, join(dir, `out-${n++}.json`), chunkChars);
let n = 0;

/** Findings whose texts hold registered secrets, tokens, JWTs, `name=value` secrets and JSON-looking text. */
function secretReport(): Report {
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmNkZWZnaCJ9.c2lnbmF0dXJlLXBhcnQ';
  const report = syntheticReport(
    Array.from({ length: 40 }, (_, i) => ({
      subjects: [mac(`C02S${i}`, i % 3 ? `Mac with sup3r-s3cret-${i % 5} in its name` : 'Mac', `u${i}@contoso.com`)],
      message: [
        `Authorization: Bearer abc.DEF-${i}_~+/== then more`,
        `a JWT ${jwt} and a form client_secret=hunter${i}&next=1`,
        `JSON inside: {"token": "tk-${i}", "password":"pw${i}"} and "secret" : "x"`,
        'ends with the secret sup3r-s3cret-1',
        'sup3r-s3cret-2 starts this one',
        `line\nbreaks\r\nand "quotes" and \\ backslashes ${i}`,
      ][i % 6]!,
    })),
  );
  report.findings.forEach((f, i) => {
    f.data = {
      token: `tok-${i}`,
      password: 'hunter2',
      url: `https://x/?access_token=AT${i}&a=b`,
      nested: [i, 'Bearer z'],
    };
    f.evidence = [{ label: 'bearer', value: `bearer  QQQ${i}` } as unknown as (typeof f.evidence)[number]];
  });
  return report;
}

describe('emitJson writes the bytes of redact(renderJson(report))', () => {
  const fixed: Array<[string, () => Report]> = [
    ['empty', () => syntheticReport([])],
    ['hostile', () => hostileReport()],
    ['with secrets and tokens', () => secretReport()],
  ];

  it.each(fixed)('%s report, to a file and to stdout, at chunk sizes from 1 character up', async (_, make) => {
    for (const s of ['sup3r-s3cret-1', 'sup3r-s3cret-2', 'hunter2', 'C02S17']) registerSecret(s);
    const report = make();
    const old = redact(renderJson(report));
    for (const size of [1, 13, 4096, undefined]) {
      expect(await viaFile(report, size)).toBe(old);
      expect((await viaStdout(report, size)).text).toBe(old);
    }
  });

  it('really redacts: the secrets and tokens of the report are masked in what is written', async () => {
    for (const s of ['sup3r-s3cret-1', 'sup3r-s3cret-2', 'hunter2']) registerSecret(s);
    const out = await viaFile(secretReport(), 1);
    for (const leak of [
      'sup3r-s3cret-1',
      'sup3r-s3cret-2',
      'hunter',
      'abc.DEF-',
      'eyJhbGciOiJSUzI1NiJ9',
      'tok-4',
      'AT5',
      'QQQ',
    ])
      expect(out).not.toContain(leak);
    expect(out).toContain('[redacted-jwt]');
    expect(out).toContain('"token": "[redacted]"');
  });

  it('a generated snapshot (bench/generate.ts), many findings, streamed in many chunks', async () => {
    const snap = join(dir, 'generated');
    await generateSnapshot(snap, 800, 7, false);
    const { report } = await diagnoseSnapshot(snap, { generatedAt: 0 });
    expect(report.findings.length).toBeGreaterThan(20);
    registerSecret(report.findings[3]!.subjects[0]!.id);
    const old = redact(renderJson(report));
    expect(old).toContain('[redacted]');
    expect(await viaFile(report)).toBe(old);
    expect(await viaFile(report, 2000)).toBe(old);
    const out = await viaStdout(report, 2000);
    expect(out.text).toBe(old);
    expect(out.writes).toBeGreaterThan(10);
  }, 60_000);

  it('the example snapshot (examples/contoso-snapshot)', async () => {
    const example = await diagnoseSnapshot(join(import.meta.dirname, '../../examples/contoso-snapshot'), {
      generatedAt: 0,
    });
    expect(await viaFile(example.report, 100)).toBe(redact(renderJson(example.report)));
  });

  it('writeReport streams --format json to the same bytes, and leaves the other formats to emit()', async () => {
    registerSecret('sup3r-s3cret-1');
    const report = secretReport();
    const file = join(dir, 'write-report.json');
    await writeReport(report, { format: 'json', lang: 'en', output: file });
    expect(await readFile(file, 'utf8')).toBe(redact(renderJson(report)));
    await writeReport(report, { format: 'markdown', lang: 'en', output: file });
    expect(await readFile(file, 'utf8')).toMatch(/^#/);
  });

  it('random documents and random secrets (some holding quotes or line breaks: the whole-text fallback)', async () => {
    const r = seeded(42);
    let streamed = 0;
    for (let i = 0; i < 300; i++) {
      clearSecrets();
      for (const s of randomSecrets(r)) registerSecret(s);
      if (jsonRedactsByLine()) streamed++;
      const doc = randomDocument(r);
      const size = 1 + Math.floor(r() * 300);
      const old = wholeRedacted(doc);
      const got = i % 10 === 0 ? await viaFile(doc, size) : (await viaStdout(doc, size)).text;
      if (got !== old) expect({ i, got }).toEqual({ i, got: old });
    }
    expect(streamed).toBeGreaterThan(100);
    expect(streamed).toBeLessThan(300);
  });
});

describe('redacting JSON text line by line', () => {
  it('gives the whole-text result whenever jsonRedactsByLine() holds (random documents, random secrets)', () => {
    const r = seeded(7);
    let checked = 0;
    let masked = 0;
    for (let i = 0; i < 3000; i++) {
      clearSecrets();
      for (const s of randomSecrets(r)) registerSecret(s);
      if (!jsonRedactsByLine()) continue;
      const text = `${JSON.stringify(i % 2 ? randomDocument(r) : { v: randomValue(r) }, null, 2)}\n`;
      const whole = redact(text);
      const byLine = text.split('\n').map(redact).join('\n');
      if (byLine !== whole) expect({ i, text, byLine }).toEqual({ i, text, byLine: whole });
      checked++;
      if (whole !== text) masked++;
    }
    expect(checked).toBeGreaterThan(1000);
    expect(masked).toBeGreaterThan(300);
  });

  it('is refused for a secret with a quote (it can make a pattern run over lines), allowed for a PEM key', () => {
    const doc = { findings: [{ token: 'abc', z: 'q' }, { a: 1 }] };
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    registerSecret('abc",');
    registerSecret('"z": "q"');
    expect(jsonRedactsByLine()).toBe(false);
    expect(text.split('\n').map(redact).join('\n')).not.toBe(redact(text));
    clearSecrets();
    registerSecret('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n');
    expect(jsonRedactsByLine()).toBe(true);
    const crossing: Array<[string, unknown]> = [
      ['\n    {', { a: [{ b: 1 }, { c: 2 }] }],
      ['null\n}', { a: null }],
      ['1,\n    2', { a: [1, 2] }],
    ];
    for (const [secret, doc] of crossing) {
      clearSecrets();
      registerSecret(secret);
      expect(jsonRedactsByLine(), JSON.stringify(secret)).toBe(false);
      const t = `${JSON.stringify(doc, null, 2)}\n`;
      expect(t.split('\n').map(redact).join('\n')).not.toBe(redact(t));
    }
  });

  it('the quote secret case is still written identically, through the whole-text fallback', async () => {
    registerSecret('abc",');
    registerSecret('"z": "q"');
    const doc = { findings: [{ token: 'abc', z: 'q' }, { a: 1 }] };
    expect(await viaFile(doc, 1)).toBe(wholeRedacted(doc));
    expect((await viaStdout(doc, 1)).text).toBe(wholeRedacted(doc));
  });
});

describe('emitJson write failures', () => {
  async function errorOf(p: Promise<unknown>): Promise<unknown> {
    try {
      await p;
    } catch (err) {
      return err;
    }
    throw new Error('expected a failure');
  }

  it.each([
    ['a folder that does not exist', () => join(dir, 'missing', 'out.json'), 'ENOENT'],
    ['a folder', () => dir, 'EISDIR'],
    ['a full disk, failing after the open (/dev/full)', () => '/dev/full', 'ENOSPC'],
  ])('%s: the same one-line InputError as emit()', async (_, path, code) => {
    const report = syntheticReport([{ subjects: [mac('C02A')] }]);
    const streamed = await errorOf(emitJson(report, path(), 10));
    const whole = await errorOf(emit(renderJson(report), path()));
    expect(streamed).toBeInstanceOf(InputError);
    expect((streamed as Error).message).toBe((whole as Error).message);
    expect((streamed as Error).message).toBe(`--output ${path()}: cannot be written (${code})`);
  });

  it('a report JSON cannot hold (a BigInt) throws what renderJson throws, before the file is created', async () => {
    const file = join(dir, 'never.json');
    const bad = { n: 1n, findings: [{ a: 1 }] };
    await expect(emitJson(bad, file)).rejects.toThrow(TypeError);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(() => renderJson(bad as unknown as Report)).toThrow(TypeError);
  });
});
