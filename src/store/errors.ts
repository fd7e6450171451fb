import { InputError } from '../errors.js';

/**
 * The history database cannot be written (a read-only file or folder): diagnose warns and goes on without it.
 * Apart from history.ts, so that catching it does not load SQLite (a native module) before it is needed.
 */
export class HistoryReadOnlyError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryReadOnlyError';
  }
}
