import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openCuratorStore } from '../../src/curator/store.js';
import { capturingLogger } from '../support/log.js';
import { storeContract } from './store-contract.js';

storeContract('SQLite in memory', ({ now, retentionDays }) => openCuratorStore({ path: ':memory:', retentionDays, now, logger: capturingLogger().logger, secret: 'test-id-secret-0123456789' }));

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
storeContract('SQLite file', async ({ now, retentionDays }) => {
  const dir = await mkdtemp(join(tmpdir(), 'pb-store-'));
  dirs.push(dir);
  return openCuratorStore({ path: join(dir, 'curator.db'), retentionDays, now, logger: capturingLogger().logger, secret: 'test-id-secret-0123456789' });
});
