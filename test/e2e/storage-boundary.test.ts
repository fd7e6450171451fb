import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The checks read the fleet through the views of src/model/views.ts, never its storage: no per-Mac offsets
 * (`start`/`list`), no column tables (`fleet.index`, `idx.t`, `.str.`/`.enums.`/`.dates.`/`.bools.`), no key
 * dictionaries, no typed arrays, no import of the modules that hold them. Outside src/model/ (and the snapshot
 * stage, which fills the columns) nothing reads the index's tables or per-Mac lists either.
 */
const root = resolve(import.meta.dirname, '../..');

/** What a check must not contain, with the reason given when it does. */
const STORAGE: ReadonlyArray<[RegExp, string]> = [
  [/from '[./]*model\/(columns|tables|join|page|native-keys)\.js'/, 'imports a storage module of src/model/'],
  [/\.index\b/, 'reads fleet.index (use fleet.eachMac() and the views)'],
  [/\bidx\b/, 'names the index (idx)'],
  [
    /\.t\.(jamf|intune|entra|accounts|users|keys|enums|accountStart)\b|\bt\.(jamf|intune|entra|accounts|users)\.(str|enums|dates|bools|keys)\b/,
    'reads a column table',
  ],
  [/\.(str|enums|dates|bools)\.\w+(\.get\(|\[)/, 'reads a column'],
  [/\bstart\[[^\]]*\]|\{\s*start\s*(:\s*\w+\s*)?,\s*list\b|\baccountStart\b/, 'walks per-Mac offsets (start/list)'],
  [/\b(macSerial|userOfKey|userOfId|entraMacRows|macOfJamf|macOfIntune|macOfEntra|macCount)\b/, 'reads the index'],
  [
    /\b(KeyDict|StrCol|EnumDict|trimLowerHash|enumFlags|jamfRecord|intuneRecord|entraRecord|userRecord)\b/,
    'uses storage',
  ],
  [/\b(Int32Array|Float64Array|Int8Array|Uint8Array)\b/, 'uses typed arrays (columns belong in src/model/)'],
];

/** The storage a source text reads, as `file:line: reason` lines. */
function storageUses(file: string, text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, n) => {
    if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
    for (const [re, why] of STORAGE) if (re.test(line)) out.push(`${file}:${n + 1}: ${why}: ${line.trim()}`);
  });
  return out;
}

async function tsFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, dir), { withFileTypes: true, recursive: true }))
    if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
      out.push(relative(root, join(e.parentPath ?? dir, e.name)));
  return out;
}

describe('the checks read views, not storage', () => {
  it('no file under src/checks/ (but tests) touches columns, offsets, key dictionaries or the index', async () => {
    const files = await tsFiles('src/checks');
    expect(files.length).toBeGreaterThan(30);
    const bad: string[] = [];
    for (const f of files) bad.push(...storageUses(f, await readFile(join(root, f), 'utf8')));
    expect(bad).toEqual([]);
  });

  it('the rule catches what the checks were before the views (it can fail)', () => {
    // The loop of jamf/check-in-overdue before the views, and other shapes of the same thing.
    const before = `import { rowEvidence, subject } from '../util.js';
    const idx = fleet.index;
    const J = idx.t.jamf;
    const { start, list } = idx.jamf;
    for (let x = start[mi]!; x < start[mi + 1]!; x++) {
      const i = list[x]!;
      if (J.bools.managed[i] !== 1) continue;
      const name = J.str.name.get(i);
      const flags = new Uint8Array(4);
      const k = t.keys.serial.get(fleet.index.macSerial[m]);
    import { trimLowerHash } from '../../model/columns.js';`;
    const found = storageUses('x.ts', before);
    for (const line of [2, 3, 4, 5, 7, 8, 9, 10, 11])
      expect(
        found.some((f) => f.startsWith(`x.ts:${line}:`)),
        `line ${line}`,
      ).toBe(true);
    // The same statements on the views pass.
    const after = `for (const mac of fleet.eachMac())
      for (const c of mac.jamf()) if (c.managed === true) ctx.report({ subjects: [subject.mac(mac)], evidence: [evidence.jamf(c, FIELDS)] });
    const list = fleet.legacyPartners.filter((p) => p.isConfigured);
    return list[0];`;
    expect(storageUses('y.ts', after)).toEqual([]);
  });

  it('outside src/model/ and src/snapshot/, nothing reads the index tables or per-Mac lists', async () => {
    const bad: string[] = [];
    for (const dir of ['src/engine', 'src/fix', 'src/cli', 'src/report', 'src/store', 'src/logs'])
      for (const f of await tsFiles(dir)) {
        const text = await readFile(join(root, f), 'utf8');
        text.split('\n').forEach((line, n) => {
          if (/\b(idx|index)\.(t|jamf|intune|entra|users|macSerial|userOfKey|userOfId|entraMacRows)\b/.test(line))
            bad.push(`${f}:${n + 1}: ${line.trim()}`);
        });
      }
    expect(bad).toEqual([]);
  });
});
