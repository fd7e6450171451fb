import { copyFileSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMac } from '../src/logs/analyze.js';
import type { MacLogEvidence } from '../src/model/types.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/logs/', import.meta.url));

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/**
 * Evidence of a Mac folder `macs/<serial>/` holding copies of the named fixtures, read by the real analyser.
 * `mtime` (ISO) dates the copies: it is the reference year of jamf.log.
 */
export async function macEvidence(
  serial: string,
  files: readonly string[],
  mtime = '2026-11-29T09:00:00Z',
): Promise<MacLogEvidence> {
  const dir = mkdtempSync(join(tmpdir(), 'jidoctor-mac-'));
  const t = new Date(mtime);
  for (const f of files) {
    const dest = join(dir, basename(f));
    copyFileSync(fixture(f), dest);
    utimesSync(dest, t, t);
  }
  const root = `macs/${serial}`;
  return analyzeMac([{ path: dir, name: root }], root, { serial });
}
