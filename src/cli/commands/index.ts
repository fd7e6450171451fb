import type { Command } from 'commander';

/**
 * A command module registers itself on the program and reports its exit code through `setExit`.
 * Each module lives in its own file; this list is the only place that names them.
 */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

import { registerChecks } from './checks.js';
import { registerCollect } from './collect.js';
import { registerDemo } from './demo.js';
import { registerDiagnose } from './diagnose.js';
import { registerDiff } from './diff.js';
import { registerExplain } from './explain.js';
import { registerFix } from './fix.js';
import { registerHistory } from './history.js';
import { registerJamfSync } from './jamf-sync.js';
import { registerLogs } from './logs.js';
import { registerMacScript } from './mac-script.js';
import { registerPermissions } from './permissions.js';
import { registerSim } from './sim.js';

export const COMMANDS: RegisterCommand[] = [
  registerDiagnose,
  registerCollect,
  registerExplain,
  registerLogs,
  registerMacScript,
  registerChecks,
  registerPermissions,
  registerDemo,
  registerSim,
  registerHistory,
  registerDiff,
  registerFix,
  registerJamfSync,
];
