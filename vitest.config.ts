import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// CI sets JIDOCTOR_TEST_REPORT to get a machine-readable report beside the usual output.
const jsonReport = process.env.JIDOCTOR_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'sim/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    // No test may write to the user's real history: a `diagnose` a test runs records into a throw-away database.
    env: { JIDOCTOR_DB: join(tmpdir(), `jidoctor-test-${process.pid}`, 'history.db') },
    hookTimeout: 30_000,
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    ...(jsonReport ? { outputFile: { json: jsonReport } } : {}),
  },
});
