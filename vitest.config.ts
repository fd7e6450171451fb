import { defineConfig } from 'vitest/config';

// CI sets JIDOCTOR_TEST_REPORT to get a machine-readable report beside the usual output.
const jsonReport = process.env.JIDOCTOR_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'sim/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    ...(jsonReport ? { outputFile: { json: jsonReport } } : {}),
  },
});
