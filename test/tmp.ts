import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes a snapshot folder from a map of relative path → JSON value (or raw text), in a fresh temp dir. */
export async function writeSnapshot(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'jidoctor-snap-'));
  for (const [rel, body] of Object.entries(files)) {
    const file = join(dir, rel);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, typeof body === 'string' ? body : JSON.stringify(body));
  }
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export const MANIFEST = (datasets: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  format: 'jidoctor-snapshot',
  version: 1,
  collectedAt: '2026-11-29T09:30:00Z',
  collector: 'test',
  tenant: { id: 't-1', name: 'Contoso' },
  datasets,
  ...extra,
});
