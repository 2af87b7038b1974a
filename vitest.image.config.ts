import { defineConfig } from 'vitest/config';

/**
 * `npm run test:image`: the Dockerfile's steps replayed in a clean folder (test/image).
 * Separate from `npm test` because it installs from the registry and compiles
 * better-sqlite3 (minutes, not seconds); `.ci/run` runs it after `npm test`.
 */
export default defineConfig({
  test: {
    include: ['test/image/**/*.test.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 60_000,
  },
});
