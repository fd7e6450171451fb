/**
 * Issue 14 item 11: an input that is there but cannot be read is one line and exit 2 wherever it is met (a file, a
 * page folder, a family folder, macs/), never silently "not collected"; a `PATH.json` too large for one string is
 * refused with the real reason, not "I/O error".
 *
 * How unreadable is made: tests run as root here, and chmod 000 does not stop root. When running as root, the
 * CLI runs as the unprivileged user `nobody` (setpriv), so that chmod 000 is real; when not root, chmod 000 is
 * enough. Where neither is possible the permission cases are skipped (the error mapping is still tested through
 * the too-large case, which needs no permission).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshot } from '../src/snapshot/reader.js';
import { BIN, EXAMPLE, ROOT } from './cli.js';

const isRoot = process.getuid?.() === 0;
const setpriv = isRoot && spawnSync('setpriv', ['--version']).status === 0;
const canDeny = !isRoot || setpriv;

/** Runs the CLI as an unprivileged user when we are root (setpriv), else as ourselves. */
function cliAsUser(args: string[], home: string): { code: number; stdout: string; stderr: string } {
  const env = { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1', JIDOCTOR_DB: join(home, 'h.db') };
  const cmd = isRoot
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  const r = spawnSync(cmd[0] as string, cmd[1] as string[], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('unreadable inputs', () => {
  const work = mkdtempSync(join(tmpdir(), 'jidoctor-unreadable-'));
  chmodSync(work, 0o755);
  afterAll(() => {
    spawnSync('chmod', ['-R', 'u+rwX', work]);
    rmSync(work, { recursive: true, force: true });
  });
  const copy = (name: string) => {
    const dir = join(work, name);
    cpSync(EXAMPLE, dir, { recursive: true });
    spawnSync('chmod', ['-R', 'a+rX', dir]);
    return dir;
  };

  const cases: Array<[string, string, string]> = [
    ['a page folder', 'jamf/api/v3/computers-inventory', 'jamf/api/v3/computers-inventory/: cannot be read (EACCES)'],
    ['a page file', 'jamf/api/v3/computers-inventory/page-00002.json', 'cannot be read (EACCES)'],
    ['a one-body file', 'graph/v1.0/applications.json', 'graph/v1.0/applications.json: cannot be read (EACCES)'],
    ['a family folder', 'graph/v1.0/groups', 'graph/v1.0/groups/: cannot be read (EACCES)'],
    ['the macs folder', 'macs', 'macs/: cannot be read (EACCES)'],
  ];
  for (const [what, rel, message] of cases) {
    it.skipIf(!canDeny)(
      `${what} with chmod 000 is one line and exit 2, not "not collected"`,
      () => {
        const dir = copy(what.replace(/\W+/g, '-'));
        chmodSync(join(dir, rel), 0o000);
        const r = cliAsUser(['diagnose', '--snapshot', dir, '--no-history', '--format', 'json'], work);
        expect(r.stdout).toBe('');
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toContain(message);
      },
      60_000,
    );
  }

  it('a PATH.json too large for one string is refused with the real reason, not "I/O error"', async () => {
    const dir = copy('too-large');
    const file = join(dir, 'graph/v1.0/applications.json');
    // Sparse: the size is real, the disk blocks are not.
    writeFileSync(file, '');
    truncateSync(file, 0x1fffffe8 + 16);
    await expect(readSnapshot(dir)).rejects.toThrow(
      'graph/v1.0/applications.json: too large to read as one JSON document (512 MiB; the limit is 512 MiB); store the dataset as a folder of page files',
    );
  });
});
