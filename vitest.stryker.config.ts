import config from './vitest.config.js';

/**
 * The vitest configuration of `npm run mutate` (stryker.config.mjs): the unit tests under src/ only — the e2e and CLI
 * tests under test/ and the simulator's tests start servers and processes and would make each mutant cost seconds.
 * JIDOCTOR_MUTATE_TESTS (comma-separated globs) narrows the run further, e.g. to a check's own test file, to measure
 * what a check's own tests pin (scripts/mutate.mjs sets it).
 */
const only = process.env.JIDOCTOR_MUTATE_TESTS?.split(',').filter(Boolean);

export default {
  ...config,
  test: {
    ...config.test,
    include: only?.length ? only : ['src/**/*.test.ts'],
    reporters: ['default'],
    outputFile: undefined,
  },
};
