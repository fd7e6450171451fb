// Mutation testing of what the checks decide (`npm run mutate`; not part of `npm test`: it takes a long time).
//
// What is mutated: the checks (src/checks/**, not their tests) and the integration-mode detection
// (src/model/mode.ts). Tests: the unit tests under src/ only (vitest.stryker.config.ts).
//
// What counts — function bodies only. The checks are mostly data (ids, titles, causes, resolutions in two
// languages, sources) evaluated once at import time, and the test fleets are built at import time too. So:
// - the `function-body-only` ignorer (scripts/stryker-function-body-only.mjs) leaves out every mutant outside a
//   function body: metadata strings and module constants would only add survivors no test should kill;
// - `ignoreStatic` stays false: src/model/mode.ts runs inside buildFleet(), and most test fleets are built while
//   a test file loads, so most of its mutants are "static" (covered outside any test). With ignoreStatic on, Stryker
//   would silently drop those and the score would look better than it is; off, it reloads the test files and runs
//   every related test for them. `mutator.excludedMutations` is not used: it drops a kind of mutant everywhere,
//   inside function bodies too.
// Per check, with its own tests only: `node scripts/mutate.mjs jamf/check-in-overdue` (CONTRIBUTING.md).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner', './scripts/stryker-function-body-only.mjs'],
  ignorers: ['function-body-only'],
  ignoreStatic: false,
  coverageAnalysis: 'perTest',
  mutate: ['src/checks/**/*.ts', '!src/checks/**/*.test.ts', 'src/model/mode.ts'],
  checkers: [],
  concurrency: 2,
  timeoutMS: 10000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  // Stryker rewrites the sandbox's tsconfig through the `typescript` JavaScript API, which TypeScript 7 (native) does
  // not have; vitest does not need the rewrite (the sandbox is a full copy), so point it at no file.
  tsconfigFile: 'tsconfig.stryker-none.json',
  ignorePatterns: ['dist', 'coverage', 'reports', 'bench/.data', 'bench/results', 'test-artifacts', 'native/build'],
};
