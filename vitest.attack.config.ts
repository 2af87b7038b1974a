import { defineConfig } from 'vitest/config';

/**
 * `npm run test:attack`: the attack suite's tests that run the bot as its own
 * process (file watching, exit codes, signals, kill -9), one file at a time
 * with generous budgets. The attack tests that run in-process are part of
 * `npm test` (test/attack/*.test.ts).
 */
export default defineConfig({
  test: {
    include: ['test/attack/process/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
