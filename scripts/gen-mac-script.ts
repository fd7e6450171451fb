/**
 * Writes src/mac/collect-script.ts from src/mac/collect.sh (the script is kept as a shell file so that it can be
 * read and shellchecked; the module is what the built package ships). A test keeps them in step.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'mac');

export function renderModule(script: string): string {
  return `// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell parameter expansions, not a template\n// Generated from collect.sh by scripts/gen-mac-script.ts: edit collect.sh, then run\n// node --import tsx scripts/gen-mac-script.ts\n\n/** The Mac collector script (POSIX sh), with __VERSION__ and __WINDOW__ placeholders. */\nexport const COLLECT_SCRIPT_TEMPLATE: string = ${JSON.stringify(script)};\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const script = readFileSync(join(dir, 'collect.sh'), 'utf8');
  writeFileSync(join(dir, 'collect-script.ts'), renderModule(script));
  console.log(`wrote ${join(dir, 'collect-script.ts')}`);
}
