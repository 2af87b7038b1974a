import { defineConfig } from 'vitest/config';

/**
 * `npm test`. Test files share one module graph per worker (`isolate: false`): the
 * core trained on the project's data is built once per worker instead of once per
 * file. No test mocks modules or globals, so nothing leaks between files. The
 * quick benchmark runs (test/bench) are a separate step: `npm run bench:check`, and so
 * are the replay of the Dockerfile (test/image): `npm run test:image`, and the attack
 * tests that run the bot as a process: `npm run test:attack`.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'test/image/**', 'test/attack/process/**', 'node_modules/**'],
    isolate: false,
    // One throwaway PostgreSQL cluster for the run (real, never mocked); each test file makes its own databases in it.
    globalSetup: ['test/support/postgres-global.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
