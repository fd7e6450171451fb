import { redact } from './redact.js';

/** Exit codes of every command, as documented in the README and docs/report-format. */
export const ExitCode = {
  ok: 0,
  findings: 1,
  usage: 2,
  unreadable: 3,
  internal: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can act on: printed as one line (after redaction) and mapped to an exit code. */
export class JidoctorError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode) {
    super(redact(message));
    this.name = 'JidoctorError';
    this.exitCode = exitCode;
  }
}

/** Bad input: a malformed file, manifest or command-line value. Exit code 2. */
export class InputError extends JidoctorError {
  constructor(message: string) {
    super(message, ExitCode.usage);
    this.name = 'InputError';
  }
}

/** Nothing usable could be read from a snapshot or an API. Exit code 3. */
export class SourceError extends JidoctorError {
  constructor(message: string) {
    super(message, ExitCode.unreadable);
    this.name = 'SourceError';
  }
}

/**
 * A malformed payload: names the file, the JSON path of the bad field, what was expected and what was found.
 * The message is always one line.
 */
export class PayloadError extends InputError {
  constructor(file: string, jsonPath: string, expected: string, found: string) {
    super(`${file}: ${jsonPath || '(root)'}: expected ${expected}, found ${found}`);
    this.name = 'PayloadError';
  }
}

/** Describes a JSON value briefly for an error message, without ever printing a long or secret value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a string of ${value.length} characters` : `"${value}"`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
