import { openPostgres } from '../../src/store/postgres/open-postgres.js';
import { createResilientStore } from '../../src/store/resilient.js';
import { capturingLogger } from '../support/log.js';
import { freshDatabase } from '../support/postgres.js';
import { storeContract } from './store-contract.js';

/**
 * The curator store contract on the real PostgreSQL server the test run
 * starts (test/support/postgres-global.ts): a new database per fixture, each
 * open another process's connection pool to it.
 */
storeContract('PostgreSQL', async () => {
  const url = await freshDatabase('desk');
  return {
    open: ({ now, retentionDays }) =>
      createResilientStore({
        kind: 'postgres',
        open: () => openPostgres({ url, secret: 'test-id-secret-0123456789' }),
        logger: capturingLogger().logger,
        retentionDays,
        now,
      }),
  };
});
