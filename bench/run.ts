/**
 * `npm run bench [-- NAME...]`: runs every bench/<name>.bench.ts (or the named ones). Each benchmark prints
 * ratios against a baseline measured in the same run, never a bare absolute time as a verdict, and writes its
 * figures as JSON under bench/results/ for tracking.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchResult {
  name: string;
  /** Figures to keep (times, ratios, sizes). */
  figures: Record<string, unknown>;
}

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts')).sort();
const selected = files.filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, '')));
if (selected.length === 0) {
  console.error(
    `no benchmark matches ${wanted.join(' ')}; have: ${files.map((f) => f.replace(/\.bench\.ts$/, '')).join(', ')}`,
  );
  process.exit(2);
}
await mkdir(join(here, 'results'), { recursive: true });
for (const file of selected) {
  const name = file.replace(/\.bench\.ts$/, '');
  console.log(`\n== ${name} ==`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as {
    default: (args: string[]) => Promise<BenchResult>;
  };
  const result = await mod.default(process.argv.slice(2));
  await writeFile(
    join(here, 'results', `${name}.json`),
    `${JSON.stringify({ ...result, at: new Date().toISOString() }, null, 2)}\n`,
  );
}
