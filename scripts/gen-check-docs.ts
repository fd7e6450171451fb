/** Writes docs/checks/en.md and docs/checks/it.md from the check metadata. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKS } from '../src/checks/index.js';
import { renderCheckDocs } from '../src/docs/check-docs.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'checks');
await mkdir(dir, { recursive: true });
for (const lang of ['en', 'it'] as const) {
  await writeFile(join(dir, `${lang}.md`), renderCheckDocs(CHECKS, lang));
}
console.log(`wrote ${dir}/en.md and it.md`);
