import { defineConfig } from 'vitest/config';

/** `npm run bench:check`: the quick forms of the NLU and load benchmarks, so they do not rot; generous budgets, one file at a time. */
export default defineConfig({
  test: {
    include: ['test/bench/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
