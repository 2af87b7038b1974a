import postgres from 'postgres';
import { openPostgres } from '../../src/store/postgres/open-postgres.js';
import { freshDatabase } from '../support/postgres.js';
import { describeStoreContract } from './store.contract.js';

describeStoreContract('PostgreSQL', async () => {
  const url = await freshDatabase('contract');
  return {
    open: () => openPostgres({ url }),
    async exec(sql) {
      const db = postgres(url, { max: 1, onnotice: () => {} });
      await db.unsafe(sql);
      await db.end();
    },
  };
});
