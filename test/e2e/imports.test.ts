import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The simulator and the tool meet only through the public API shapes: sim/ imports src/api/ only, and nothing in
 * src/ imports sim/ except the `demo` and `sim` commands' wiring.
 */
const root = resolve(import.meta.dirname, '../..');
const ALLOWED_SRC_TO_SIM = new Set(['src/cli/commands/demo.ts', 'src/cli/commands/sim.ts']);

async function tsFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, dir), { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) out.push(relative(root, join(e.parentPath ?? dir, e.name)));
  }
  return out;
}

async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(join(root, file), 'utf8');
  const specs = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? m[2]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => relative(root, resolve(dirname(join(root, file)), s)));
}

describe('import boundaries', () => {
  it('sim/ imports only sim/ and src/api/', async () => {
    const bad: string[] = [];
    const files = await tsFiles('sim');
    expect(files.length).toBeGreaterThan(5);
    for (const f of files)
      for (const i of await importsOf(f))
        if (!i.startsWith('sim/') && !i.startsWith('src/api/')) bad.push(`${f} → ${i}`);
    expect(bad).toEqual([]);
  });

  it('src/ never imports sim/ except the demo and sim commands', async () => {
    const bad: string[] = [];
    const seen: string[] = [];
    for (const f of await tsFiles('src')) {
      for (const i of await importsOf(f)) {
        if (!i.startsWith('sim/')) continue;
        seen.push(f);
        if (!ALLOWED_SRC_TO_SIM.has(f)) bad.push(`${f} → ${i}`);
      }
    }
    expect(bad).toEqual([]);
    expect(new Set(seen)).toEqual(ALLOWED_SRC_TO_SIM);
  });
});

/**
 * The pipeline's direction: collect → snapshot writer; diagnose → snapshot reader → model → checks → engine → report.
 * Each stage names the stages it may never import (its own later stages, and the ones beside it it has no business
 * with). Test files count too, except where noted: a test that needs a later stage belongs under test/.
 */
const FORBIDDEN: Record<string, readonly string[]> = {
  'src/snapshot/': ['src/collect/', 'src/checks/', 'src/engine/', 'src/report/', 'src/cli/', 'src/store/', 'src/fix/'],
  'src/model/': [
    'src/snapshot/',
    'src/collect/',
    'src/checks/',
    'src/engine/',
    'src/report/',
    'src/cli/',
    'src/store/',
  ],
  'src/checks/': ['src/snapshot/', 'src/collect/', 'src/engine/', 'src/report/', 'src/cli/', 'src/store/', 'src/fix/'],
  'src/api/': ['src/snapshot/', 'src/collect/', 'src/model/', 'src/checks/', 'src/engine/', 'src/cli/'],
};
/** What collect/ may use of the snapshot stage: the writer and the manifest it writes, never the reader or scanners. */
const COLLECT_MAY_USE = new Set(['src/snapshot/writer.js', 'src/snapshot/manifest.js']);

describe('pipeline direction', () => {
  it('no stage imports a stage it must not', async () => {
    const bad: string[] = [];
    for (const [stage, never] of Object.entries(FORBIDDEN)) {
      const files = await tsFiles(stage);
      expect(files.length, stage).toBeGreaterThan(0);
      for (const f of files.filter((x) => !x.endsWith('.test.ts')))
        for (const i of await importsOf(f)) if (never.some((n) => i.startsWith(n))) bad.push(`${f} → ${i}`);
    }
    expect(bad).toEqual([]);
  });

  it('collect/ writes snapshots through the writer and never reads one', async () => {
    const bad: string[] = [];
    let writes = 0;
    for (const f of await tsFiles('src/collect'))
      for (const i of await importsOf(f)) {
        if (!i.startsWith('src/snapshot/')) continue;
        if (COLLECT_MAY_USE.has(i)) writes++;
        else bad.push(`${f} → ${i}`);
      }
    expect(bad).toEqual([]);
    expect(writes).toBeGreaterThan(0);
  });

  it('the snapshot stage has no code left under collect/', async () => {
    const left = (await tsFiles('src/collect')).filter((f) => /scan|reader|manifest|writer|validate|kinds/.test(f));
    expect(left).toEqual([]);
  });
});
