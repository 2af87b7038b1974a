import postgres from 'postgres';
import { openPostgres } from '../../src/store/postgres/open-postgres.js';
import { freshDatabase } from '../support/postgres.js';
import { CONTRACT_SECRET, describeStoreContract } from './store.contract.js';

describeStoreContract('PostgreSQL', async () => {
  const url = await freshDatabase('contract');
  return {
    open: (secret = CONTRACT_SECRET) => openPostgres({ url, secret }),
    async exec(sql) {
      const db = postgres(url, { max: 1, onnotice: () => {} });
      await db.unsafe(sql);
      await db.end();
    },
    async rows(sql) {
      const db = postgres(url, { max: 1, onnotice: () => {} });
      try {
        return [...(await db.unsafe(sql))];
      } finally {
        await db.end();
      }
    },
  };
});
