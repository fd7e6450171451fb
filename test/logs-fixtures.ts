import { copyFileSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
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

/** Evidence of a Mac folder `macs/<serial>/` holding the given files (name → text), read by the real analyser. */
export async function macEvidenceOf(
  serial: string,
  files: Record<string, string>,
  mtime = '2026-11-29T09:00:00Z',
): Promise<MacLogEvidence> {
  const dir = mkdtempSync(join(tmpdir(), 'jidoctor-mac-'));
  const t = new Date(mtime);
  for (const [name, text] of Object.entries(files)) {
    const dest = join(dir, name);
    writeFileSync(dest, text);
    utimesSync(dest, t, t);
  }
  const root = `macs/${serial}`;
  return analyzeMac([{ path: dir, name: root }], root, { serial });
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A jamf.log line (`Www Mmm d HH:MM:SS host jamf[pid]: msg`) at a wall time given as `YYYY-MM-DDTHH:MM:SS`. */
export function jamfLogLine(wall: string, message: string, host = 'lon-mbp-0417'): string {
  const d = new Date(`${wall}Z`);
  const time = d.toISOString().slice(11, 19);
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} ${host} jamf[9000]: ${message}`;
}

/** A `log show --style syslog` line at an instant (UTC, `YYYY-MM-DDTHH:MM:SSZ`), with its offset written (+0000). */
export function syslogLine(instant: string, message: string, process = 'jamf[9000]'): string {
  return `${instant.replace('T', ' ').replace('Z', '')}.000000+0000  localhost ${process}: ${message}`;
}
