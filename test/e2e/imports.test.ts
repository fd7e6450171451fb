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
