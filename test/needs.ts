import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Tests that need a tool this repository cannot install by itself (Debian's chromium, shellcheck). On a bare
 * machine they are skipped with one printed line saying what to install; `.ci/run` installs the tools and sets
 * the switch (JIDOCTOR_REQUIRE_BROWSER=1, JIDOCTOR_REQUIRE_SHELLCHECK=1), and then a missing tool fails the test
 * instead of skipping it, so CI can never skip it silently.
 */
export interface Need {
  /** What the tests need, for the printed line. */
  what: string;
  /** The environment switch that turns a skip into a failure. */
  requireEnv: string;
  /** How to install it, for the printed line. */
  install: string;
  present: () => boolean;
}

export const SHELLCHECK: Need = {
  what: 'shellcheck',
  requireEnv: 'JIDOCTOR_REQUIRE_SHELLCHECK',
  install: 'apt-get install -y shellcheck (macOS: brew install shellcheck)',
  present: () => {
    try {
      execFileSync('shellcheck', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  },
};

export const CHROMIUM_PATH = process.env.JIDOCTOR_CHROMIUM ?? '/usr/bin/chromium';
export const BROWSER: Need = {
  what: `chromium at ${CHROMIUM_PATH}`,
  requireEnv: 'JIDOCTOR_REQUIRE_BROWSER',
  install: 'apt-get update && apt-get install -y chromium, or set JIDOCTOR_CHROMIUM to its path',
  present: () => existsSync(CHROMIUM_PATH),
};

const said = new Set<string>();

/**
 * Whether the tests that need it should run: true when it is there, or when its switch requires it (the tests then
 * fail on their own); false otherwise, after one line on stderr (once per tool and test file).
 */
export function canRun(
  need: Need,
  env: NodeJS.ProcessEnv = process.env,
  log = (l: string) => console.warn(l),
): boolean {
  if (need.present()) return true;
  if (env[need.requireEnv] === '1') return true;
  if (!said.has(need.what)) {
    said.add(need.what);
    log(`skipped: ${need.what} is not installed here (${need.install}); ${need.requireEnv}=1 makes this a failure`);
  }
  return false;
}
