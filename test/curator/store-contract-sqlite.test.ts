import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createResilientStore } from '../../src/store/resilient.js';
import { openSqlite } from '../../src/store/sqlite/open-sqlite.js';
import { capturingLogger } from '../support/log.js';
import { storeContract } from './store-contract.js';

const SECRET = 'test-id-secret-0123456789';
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A new SQLite file per fixture; each open is another connection to it, as another process of the host would open it. */
storeContract('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pb-desk-store-'));
  dirs.push(dir);
  const path = join(dir, 'curator.db');
  return {
    open: ({ now, retentionDays }) =>
      createResilientStore({ kind: 'sqlite', open: async () => openSqlite({ path, secret: SECRET }), logger: capturingLogger().logger, retentionDays, now }),
  };
});
