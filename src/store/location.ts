import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';

export interface LocationEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

const current = (): LocationEnv => ({ platform: process.platform, env: process.env, home: homedir() });

/**
 * The per-user history database when neither --db nor JIDOCTOR_DB names one:
 * Linux and others `$XDG_DATA_HOME/jidoctor/history.db` (default `~/.local/share`), macOS
 * `~/Library/Application Support/jidoctor/history.db`, Windows `%LOCALAPPDATA%\jidoctor\history.db`.
 */
export function defaultDbPath(where: LocationEnv = current()): string {
  const { platform, env, home } = where;
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA || win32.join(home, 'AppData', 'Local');
    return win32.join(base, 'jidoctor', 'history.db');
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'jidoctor', 'history.db');
  const xdg = env.XDG_DATA_HOME?.startsWith('/') ? env.XDG_DATA_HOME : null;
  return join(xdg ?? posix.join(home, '.local', 'share'), 'jidoctor', 'history.db');
}

/** --db, else JIDOCTOR_DB, else the per-user default. */
export function resolveDbPath(flag?: string, where: LocationEnv = current()): string {
  if (flag) return flag;
  const fromEnv = where.env.JIDOCTOR_DB;
  if (fromEnv) return fromEnv;
  return defaultDbPath(where);
}
