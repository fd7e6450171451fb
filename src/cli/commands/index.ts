import type { Command } from 'commander';

/**
 * A command module registers itself on the program and reports its exit code through `setExit`.
 * Each module lives in its own file; this list is the only place that names them.
 */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

import { registerChecks } from './checks.js';
import { registerDemo } from './demo.js';
import { registerDiagnose } from './diagnose.js';
import { registerExplain } from './explain.js';
import { registerFix } from './fix.js';

export const COMMANDS: RegisterCommand[] = [
  registerDiagnose,
  registerExplain,
  registerChecks,
  registerDemo,
  registerFix,
];
