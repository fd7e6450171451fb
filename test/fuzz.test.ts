/**
 * Issue 14, "Fuzzing as a test": property-based tests (fast-check, seeded) that mutate valid snapshots, manifests,
 * log files and zips and assert what the project promises for bad input:
 *   - in-process (the library entry points: readSnapshot + diagnoseCollected, parseManifest, analyzePaths): the
 *     only errors are typed JidoctorError subclasses (InputError exit 2, SourceError exit 3), each one line that
 *     names a file; never another exception; reading writes nothing;
 *   - through the CLI child process (a few cases): exit 0/1/2/3 only, never 4, never a stack trace, every error line
 *     names a file, and no file is written outside the output path.
 * The counts are printed (JIDOCTOR_FUZZ_RUNS scales them; the seed is fixed, JIDOCTOR_FUZZ_SEED changes it).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { diagnoseCollected } from '../src/diagnose.js';
import { InputError, JidoctorError, SourceError } from '../src/errors.js';
import { analyzePaths } from '../src/logs/run.js';
import { parseJsonText } from '../src/snapshot/files.js';
import { parseManifest } from '../src/snapshot/manifest.js';
import { readSnapshot } from '../src/snapshot/reader.js';
import { BIN, EXAMPLE, ROOT } from './cli.js';
import { makeZip } from './zip-writer.js';

const SEED = Number(process.env.JIDOCTOR_FUZZ_SEED ?? 14);
const SCALE = Number(process.env.JIDOCTOR_FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const counted: Record<string, { cases: number; ms: number }> = {};
/** How the cases ended (a fuzzer whose cases all pass, or all fail the same way, tests little). */
const ended: Record<string, number> = {};
const end = (k: string) => {
  ended[k] = (ended[k] ?? 0) + 1;
};

afterAll(() => {
  const total = Object.values(counted).reduce((a, b) => a + b.cases, 0);
  const ms = Object.values(counted).reduce((a, b) => a + b.ms, 0);
  process.stdout.write(
    `fuzz (seed ${SEED}): ${total} cases in ${(ms / 1000).toFixed(1)} s — ${Object.entries(counted)
      .map(([k, v]) => `${k} ${v.cases} (${(v.ms / 1000).toFixed(1)} s)`)
      .join(', ')}; ended: ${JSON.stringify(ended)}\n`,
  );
});

async function property<T>(name: string, arb: fc.Arbitrary<T>, n: number, body: (v: T) => Promise<void>) {
  const start = Date.now();
  let cases = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (v) => {
      cases++;
      await body(v);
    }),
    { seed: SEED, numRuns: runs(n), endOnFailure: true },
  );
  counted[name] = { cases, ms: Date.now() - start };
}

/** A one-line typed error that names a file (a path with a slash, or a .json/.log/.zip file) before its first ':'. */
function expectTypedError(err: unknown, context: string): void {
  if (!(err instanceof JidoctorError))
    throw new Error(`${context}: not a JidoctorError: ${String((err as Error)?.stack ?? err)}`);
  expect(err instanceof InputError || err instanceof SourceError, context).toBe(true);
  expect(err.message, context).not.toMatch(/\n/);
  expect(err.message, `${context}: ${err.message}`).toMatch(/^[^\s:]*(\/|\.json|\.log|\.zip|\.txt)[^\s:]*: /);
}

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => {
      const p = join(e.parentPath, e.name);
      return `${relative(dir, p)}:${e.isFile() ? statSync(p).size : 'd'}`;
    })
    .sort();
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations

/** Random JSON values, with the odd strings the readers care about (dates, controls, huge numbers). */
const oddString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '2026-02-30T08:00:00Z',
    '2026-11-28T99:30:00Z',
    '0001-01-01T00:00:00Z',
    '2026-11-29T08:00:00-99:99',
    '',
    '\u001b[2J',
    '\u202e',
    'https://graph.microsoft.com/v1.0/x?$skiptoken=a',
    'NaN',
    '1e999',
  ),
);
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 2 }),
  oddString,
  fc.constantFrom(null, true, 0, -1, 1e308, 2 ** 53 + 1, [], {}),
);

type Op =
  | { t: 'set'; at: number; v: unknown }
  | { t: 'delete'; at: number }
  | { t: 'key'; at: number; k: string; v: unknown }
  | { t: 'truncate'; at: number }
  | { t: 'flip'; at: number; byte: number }
  | { t: 'insert'; at: number; s: string }
  | { t: 'empty' };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('set' as const), at: fc.nat(), v: jsonValue }),
  fc.record({ t: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    t: fc.constant('key' as const),
    at: fc.nat(),
    k: fc.constantFrom('@odata.nextLink', 'totalCount', 'value', 'results', 'id', 'general', 'state', 'status'),
    v: jsonValue,
  }),
  fc.record({ t: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ t: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    t: fc.constant('insert' as const),
    at: fc.nat(),
    s: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('{', ']', '"', ',', '\\', '\u0000', '\uFEFF', 'null')),
  }),
  fc.constant({ t: 'empty' as const }),
);

/** Every container slot of a JSON value, depth first: [parent, key]. */
function slots(v: unknown, out: Array<[Record<string, unknown> | unknown[], string | number]> = []) {
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out);
    });
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.push([v as Record<string, unknown>, k]);
      slots(x, out);
    }
  return out;
}

function mutate(bytes: Buffer, ops: readonly Op[]): Buffer {
  let b = bytes;
  for (const o of ops) {
    if (o.t === 'empty') b = Buffer.alloc(0);
    else if (o.t === 'truncate') b = b.subarray(0, b.length ? o.at % b.length : 0);
    else if (o.t === 'flip') {
      if (b.length) {
        b = Buffer.from(b);
        b[o.at % b.length] = o.byte;
      }
    } else if (o.t === 'insert') {
      const at = b.length ? o.at % (b.length + 1) : 0;
      b = Buffer.concat([b.subarray(0, at), Buffer.from(o.s), b.subarray(at)]);
    } else {
      let doc: unknown;
      try {
        doc = JSON.parse(b.toString('utf8'));
      } catch {
        continue;
      }
      const all = slots(doc);
      if (o.t === 'key') {
        const objs: Array<Record<string, unknown>> = [
          ...(doc && typeof doc === 'object' && !Array.isArray(doc) ? [doc as Record<string, unknown>] : []),
          ...all
            .map(([p, k]) => (p as Record<string, unknown>)[k as never])
            .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x)),
        ];
        if (objs.length) objs[o.at % objs.length]![o.k] = o.v;
      } else if (all.length) {
        const [parent, key] = all[o.at % all.length]!;
        if (o.t === 'set') (parent as Record<string, unknown>)[key as never] = o.v;
        else if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete (parent as Record<string, unknown>)[key as string];
      } else if (o.t === 'set') doc = o.v;
      b = Buffer.from(JSON.stringify(doc));
    }
  }
  return b;
}

// ---------------------------------------------------------------------------------------------------------------

describe('fuzz: mutated inputs give typed one-line errors or a report, never anything else', () => {
  const work = mkdtempSync(join(tmpdir(), 'jidoctor-fuzz-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const snap = join(work, 'snap');
  cpSync(EXAMPLE, snap, { recursive: true });
  // The Macs' log files are fuzzed on their own below; here they would only be analysed again at every case.
  rmSync(join(snap, 'macs'), { recursive: true, force: true });
  const files = listing(snap)
    .filter((l) => !l.endsWith(':d'))
    .map((l) => l.slice(0, l.lastIndexOf(':')));
  const jsonFiles = files.filter((f) => f.endsWith('.json'));
  const original = new Map(files.map((f) => [f, readFileSync(join(snap, f))]));

  it('snapshots: one to three files mutated (JSON paths, bytes, paging envelopes, dates)', async () => {
    await property(
      'snapshot',
      fc.array(fc.tuple(fc.nat(), fc.array(op, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 }),
      1000,
      async (edits) => {
        const touched: string[] = [];
        for (const [i, ops] of edits) {
          const f = jsonFiles[i % jsonFiles.length]!;
          touched.push(f);
          writeFileSync(join(snap, f), mutate(readFileSync(join(snap, f)), ops));
        }
        const before = listing(snap);
        try {
          const c = await readSnapshot(snap, { workers: false });
          diagnoseCollected(c, { kind: 'snapshot', path: snap });
          end('snapshot: report');
        } catch (err) {
          expectTypedError(err, touched.join(' '));
          end(`snapshot: ${(err as Error).name}`);
        } finally {
          expect(listing(snap)).toEqual(before);
          for (const f of touched) writeFileSync(join(snap, f), original.get(f)!);
        }
      },
    );
  }, 300_000);

  it('manifests: mutated and random manifests parse or are one line naming manifest.json', async () => {
    const manifest = JSON.parse(original.get('manifest.json')!.toString('utf8')) as unknown;
    const bytes = Buffer.from(JSON.stringify(manifest));
    await property('manifest', fc.array(op, { minLength: 1, maxLength: 4 }), 5500, async (ops) => {
      const text = mutate(bytes, ops).toString('utf8');
      try {
        // As the reader reads it: the text (an empty or broken file is one line too), then the schema.
        parseManifest('manifest.json', parseJsonText('manifest.json', text));
        end('manifest: parsed');
      } catch (err) {
        expectTypedError(err, text.slice(0, 200));
        expect((err as Error).message.startsWith('manifest.json: ')).toBe(true);
        end('manifest: PayloadError');
      }
    });
  }, 120_000);

  it('log files and zips: mutated logs and archives are analysed or refused in one line naming the file', async () => {
    const fixtures = join(ROOT, 'test', 'fixtures', 'logs');
    const logs = readdirSync(fixtures)
      .filter((n) => /\.(log|txt|ndjson)$/.test(n))
      .map((n) => ({ name: n, data: readFileSync(join(fixtures, n)) }));
    const dir = join(work, 'logs');
    mkdirSync(dir);
    await property(
      'logs+zips',
      fc.tuple(
        fc.nat(),
        fc.array(
          op.filter((o) => o.t !== 'set' && o.t !== 'delete' && o.t !== 'key'),
          { minLength: 1, maxLength: 4 },
        ),
        fc.boolean(),
        fc.nat(),
      ),
      3500,
      async ([i, ops, zipped, cut]) => {
        const src = logs[i % logs.length]!;
        const data = mutate(src.data, ops);
        let file: string;
        if (zipped) {
          const zip = makeZip([
            { name: `IntuneMacODC/${src.name}`, data, deflate: cut % 2 === 0 },
            { name: 'IntuneMacODC/jamf.log', data: logs[0]!.data },
          ]);
          // Mutate the archive itself too: a cut, or a flipped byte.
          const z = Buffer.from(cut % 3 === 0 ? zip.subarray(0, cut % zip.length) : zip);
          if (cut % 3 === 1 && z.length) z[cut % z.length] = (z[cut % z.length]! + 1) & 255;
          file = join(dir, `odc-${i % 7}.zip`);
          writeFileSync(file, z);
        } else {
          file = join(dir, src.name);
          writeFileSync(file, data);
        }
        try {
          const ev = await analyzePaths([file]);
          end(ev.some((e) => e.problems.length) ? 'logs: problems' : 'logs: analysed');
          for (const p of ev.flatMap((e) => e.problems)) {
            expect(p.message).not.toMatch(/\n/);
            expect(p.message.startsWith(p.file), p.message).toBe(true);
          }
        } catch (err) {
          expectTypedError(err, file);
          end('logs: refused');
        } finally {
          rmSync(file, { force: true });
        }
      },
    );
  }, 300_000);

  it('the CLI on mutated snapshots: exit 0-3, no stack trace, error lines name a file, nothing written elsewhere', async () => {
    const base = join(work, 'cli');
    await property(
      'cli',
      fc.array(fc.tuple(fc.nat(), fc.array(op, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 2 }),
      4,
      async (edits) => {
        rmSync(base, { recursive: true, force: true });
        const dir = join(base, 'snap');
        const home = join(base, 'home');
        const out = join(base, 'out');
        cpSync(EXAMPLE, dir, { recursive: true });
        mkdirSync(home);
        mkdirSync(out);
        for (const [i, ops] of edits) {
          const f = jsonFiles[i % jsonFiles.length]!;
          writeFileSync(join(dir, f), mutate(readFileSync(join(dir, f)), ops));
        }
        const before = listing(base);
        const r = spawnSync(
          process.execPath,
          [BIN, 'diagnose', '--snapshot', dir, '--format', 'json', '--output', join(out, 'report.json')],
          {
            cwd: home,
            encoding: 'utf8',
            timeout: 60_000,
            env: {
              PATH: process.env.PATH ?? '',
              HOME: home,
              XDG_DATA_HOME: join(home, 'data'),
              JIDOCTOR_DB: join(out, 'history.db'),
              NO_COLOR: '1',
            },
          },
        );
        expect([0, 1, 2, 3], r.stderr).toContain(r.status);
        end(`cli: exit ${r.status}`);
        expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
        if (r.status === 2 || r.status === 3) {
          const lines = r.stderr.trim().split('\n');
          expect(lines).toHaveLength(1);
          expect(lines[0]).toMatch(/^jidoctor: [^\s:]*(\/|\.json)[^\s:]*: /);
        }
        // Nothing but the report and the history, both in the output folder.
        const written = listing(base).filter((l) => !before.includes(l) && !l.startsWith('out'));
        expect(written).toEqual([]);
        expect(readdirSync(home)).toEqual([]);
      },
    );
  }, 600_000);
});
