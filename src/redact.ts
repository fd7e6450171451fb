/**
 * One redaction used by every output: known secret values registered at run time, bearer tokens, JWTs,
 * client secrets and passwords in query strings or form bodies never reach a log, a report or an error.
 */
import { jsonSafe } from './report/wrap.js';

const secrets = new Set<string>();

/** Registers a secret value (a client secret, a password, a token) so that every later output hides it. */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 4) {
    secrets.add(value);
    // The JSON outputs write DEL, C1 and bidi controls as \u escapes (report/wrap.ts jsonSafe): hide that form too.
    const escaped = jsonSafe(value);
    if (escaped !== value) secrets.add(escaped);
  }
}

/** The registered secrets, for a thread of this process that redacts too (cli/json-writer.ts). */
export function registeredSecrets(): string[] {
  return [...secrets];
}

/** Forgets every registered secret (for tests). */
export function clearSecrets(): void {
  secrets.clear();
}

/**
 * True when redacting the text of JSON.stringify(value, null, 2) piece by piece, cut just before line breaks, gives
 * the bytes of redacting it whole (the streamed JSON report, cli/output.ts emitJson, which proves it). That holds
 * when no registered secret holds a double quote and every secret holding a line break can never occur in such
 * text: the character before its first line break is not one a JSON line ends with (`{[,}]"`, a digit, `e`, `l`),
 * as with a PEM private key. A change to the patterns below must keep that proof true.
 */
export function jsonRedactsByLine(): boolean {
  for (const secret of secrets) {
    if (secret.includes('"')) return false;
    const nl = secret.indexOf('\n');
    if (nl >= 0 && (nl === 0 || /[{[,}\]"0-9el]/.test(secret[nl - 1]!))) return false;
  }
  return true;
}

const patterns: Array<[RegExp, string]> = [
  [/(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, '$1[redacted]'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  [/((?:client_secret|password|access_token|refresh_token|client_assertion|token)=)[^&\s"]+/gi, '$1[redacted]'],
  [/("(?:client_secret|password|access_token|refresh_token|token|secret)"\s*:\s*")[^"]*"/gi, '$1[redacted]"'],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  for (const [re, replacement] of patterns) {
    // test() first: a large report with nothing to hide is passed through without being copied.
    re.lastIndex = 0;
    if (re.test(out)) {
      re.lastIndex = 0;
      out = out.replace(re, replacement);
    }
  }
  return out;
}
