import m0001 from './0001_init.js';
import m0002 from './0002_check_state.js';
import m0003 from './0003_fingerprint_records.js';

export interface Migration {
  /** The `PRAGMA user_version` the database has once this migration ran. */
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema's history, oldest first. Append-only: a shipped migration is never edited or removed, a change is
 * a new NNNN_name.ts file listed here. They are TypeScript string modules so that the compiled package carries
 * them (package.json "files" ships dist/src, and .sql files would not be compiled into it).
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: m0001 },
  { version: 2, name: 'check_state', sql: m0002 },
  { version: 3, name: 'fingerprint_records', sql: m0003 },
];
