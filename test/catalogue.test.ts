import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS, SEVERITIES } from '../src/checks/define.js';
import { CHECKS } from '../src/checks/index.js';
import { renderCheckDocs } from '../src/docs/check-docs.js';
import { DATASET_BY_ID } from '../src/model/datasets.js';
import { ROOT } from './cli.js';

/** The catalogue's ids, committed: no test reads outside the repository. */
const CATALOGUE = join(ROOT, 'docs', 'checks', 'ids.txt');
const checksDir = join(ROOT, 'src', 'checks');

function checkFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      for (const f of readdirSync(join(dir, e.name))) {
        if (f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'shared.ts')
          out.push(relative(checksDir, join(dir, e.name, f)));
      }
    }
  }
  return out.sort();
}

describe('the check catalogue', () => {
  it('holds exactly the ids of docs/checks/ids.txt, the catalogue the project carries, each once', () => {
    const ids = readFileSync(CATALOGUE, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(ids.length).toBeGreaterThan(25);
    expect(new Set(ids).size, 'an id is listed twice').toBe(ids.length);
    const registry = CHECKS.map((c) => c.id);
    expect(new Set(registry).size).toBe(registry.length);
    expect([...registry].sort()).toEqual([...ids].sort());
  });

  it('every check file is registered and its id is its path', () => {
    const files = checkFiles(checksDir);
    const ids = files.map((f) => f.replace(/\.ts$/, ''));
    expect(CHECKS.map((c) => c.id).sort()).toEqual(ids.sort());
    for (const f of files) {
      const src = readFileSync(join(checksDir, f), 'utf8');
      expect(src, f).toContain(`id: '${f.replace(/\.ts$/, '')}'`);
      expect(existsSync(join(checksDir, f.replace(/\.ts$/, '.test.ts'))), `${f} has a test beside it`).toBe(true);
    }
  });

  it('every check is complete in both languages and names real datasets', () => {
    for (const c of CHECKS) {
      expect(SEVERITIES).toContain(c.severity);
      for (const lang of LANGS) {
        expect(c.title[lang].trim(), `${c.id} title ${lang}`).not.toBe('');
        expect(c.cause[lang].trim().length, `${c.id} cause ${lang}`).toBeGreaterThan(40);
        expect(c.resolution[lang].length, `${c.id} resolution ${lang}`).toBeGreaterThan(0);
        expect(c.title[lang]).not.toMatch(/^Ensure/);
      }
      expect(c.resolution.en.length, `${c.id}: as many steps in it as in en`).toBe(c.resolution.it.length);
      expect(c.title.en).not.toBe(c.title.it);
      expect(c.sources.length).toBeGreaterThan(0);
      expect(Object.keys(c.messages).length).toBeGreaterThan(0);
      for (const d of c.requires) expect(DATASET_BY_ID.has(d), `${c.id} requires ${d}`).toBe(true);
      if (c.modes !== 'any') for (const m of c.modes) expect(['legacy', 'device-compliance']).toContain(m);
    }
  });

  for (const lang of LANGS) {
    it(`docs/checks/${lang}.md is generated from the metadata (run npm run docs:checks)`, () => {
      const file = join(ROOT, 'docs', 'checks', `${lang}.md`);
      expect(readFileSync(file, 'utf8')).toBe(renderCheckDocs(CHECKS, lang));
    });
  }
});

describe('architecture boundaries', () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  it('no file in src/ imports sim/ (except the commands that start the simulator) and checks do no I/O', () => {
    for (const file of walk(join(ROOT, 'src'))) {
      const src = readFileSync(file, 'utf8');
      const rel = relative(ROOT, file);
      const allowed = /src\/cli\/commands\/(demo|sim)\.ts$/.test(rel) || rel.endsWith('.test.ts');
      if (!allowed) expect(src, rel).not.toMatch(/from '(\.\.\/)+sim\//);
      if (rel.startsWith('src/checks/') && !rel.endsWith('.test.ts')) {
        expect(src, rel).not.toMatch(/from 'node:(fs|net|http|https|child_process|dns|tls)/);
        expect(src, rel).not.toMatch(/Date\.now\(\)|new Date\(\)/);
      }
    }
  });
});
