/**
 * Commands a running `jidoctor sim` takes on stdin, one a line, so that a process outside (the collection benchmark)
 * can change the tenant between two collections:
 *   touch FRACTION [SEED]      change that fraction of the Entra devices and users (sim/delta.ts touchTenant)
 *   expire-delta [expired|reset]   make every delta link handed out so far unusable (400 syncStateNotFound / 410)
 * Each answers one line on stdout starting with `# ` (`# touched {...}`, `# delta links expired`), or
 * `# error: …` for a line it does not understand. End of input stops nothing.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { expireDeltaTokens, touchTenant } from './delta.js';
import type { SimTenant } from './tenant.js';

/** Reads commands from `input` until the returned function is called (which stops reading it). */
export function attachControl(tenant: SimTenant, input: Readable, write: (line: string) => void): () => void {
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  rl.on('line', (raw) => write(runCommand(tenant, raw)));
  input.on('error', () => rl.close());
  return () => {
    rl.close();
    input.destroy();
  };
}

/** Runs one control line; returns the answer line. */
export function runCommand(tenant: SimTenant, raw: string): string {
  const [cmd, ...args] = raw.trim().split(/\s+/);
  if (!cmd) return '# error: empty command (expected touch FRACTION [SEED] or expire-delta [expired|reset])';
  if (cmd === 'touch') {
    const fraction = Number(args[0]);
    const seed = args[1] === undefined ? 1 : Number(args[1]);
    if (!(fraction > 0 && fraction <= 1) || !Number.isInteger(seed))
      return `# error: touch ${args.join(' ')}: expected a fraction in (0, 1] and a whole seed`;
    return `# touched ${JSON.stringify(touchTenant(tenant, { fraction, seed }))}`;
  }
  if (cmd === 'expire-delta') {
    const how = args[0] ?? 'expired';
    if (how !== 'expired' && how !== 'reset') return `# error: expire-delta ${how}: expected expired or reset`;
    expireDeltaTokens(tenant, how);
    return `# delta links ${how === 'reset' ? 'reset' : 'expired'}`;
  }
  return `# error: ${cmd}: unknown command (expected touch FRACTION [SEED] or expire-delta [expired|reset])`;
}
