import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { openSqlite } from '../../src/store/sqlite/open-sqlite.js';
import { CONTRACT_SECRET, describeStoreContract } from './store.contract.js';

const root = mkdtempSync(join(tmpdir(), 'pb-sqlite-contract-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

describeStoreContract('SQLite', async () => {
  const path = join(root, `db-${++n}.db`);
  return {
    open: async (secret = CONTRACT_SECRET) => openSqlite({ path, secret }),
    async exec(sql) {
      const db = new Database(path);
      db.exec(sql);
      db.close();
    },
    async rows(sql) {
      const db = new Database(path, { readonly: true });
      try {
        return db.prepare(sql).all();
      } finally {
        db.close();
      }
    },
  };
});
