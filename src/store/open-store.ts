import type { UpdateJournal } from '../adapters/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { storeJournal } from './journal.js';
import { createJournalSpool } from './journal-spool.js';
import { openPostgres } from './postgres/open-postgres.js';
import { type BotStore, createResilientStore } from './resilient.js';
import { createSealer } from './seal.js';
import { createSpool } from './spool.js';
import { openSqlite } from './sqlite/open-sqlite.js';

export interface OpenStoreOptions {
  /** The id-hashing secret (boot's `idSecretOrExit`): migrations re-key old rows with it, the journal is sealed under it. */
  secret: string | Buffer;
  /** Overrides DB_PATH (':memory:' keeps it for this process; '' records nothing). Ignored with DATABASE_URL. */
  dbPath?: string;
  probeMs?: number;
}

/**
 * The store the configuration names: PostgreSQL when DATABASE_URL is set
 * (shared by every process and host), else SQLite at DB_PATH, else none.
 * Migrations run as it opens. A PostgreSQL that cannot be reached yet does not
 * stop the bot: it starts lost and is retried; a SQLite file that cannot be
 * opened switches recording off (logged), as before. With PostgreSQL, questions
 * that cannot be written wait on disk in STORE_SPOOL_DIR (`spool.ts`), and so
 * do the updates polling fetches (`openJournal`).
 */
export async function openStore(config: Config, logger: Logger, options: OpenStoreOptions): Promise<BotStore> {
  const common = { logger, retentionDays: config.RETENTION_DAYS, ...(options.probeMs ? { probeMs: options.probeMs } : {}) };
  if (config.DATABASE_URL) {
    const url = config.DATABASE_URL;
    const { secret } = options;
    return createResilientStore({ ...common, kind: 'postgres', open: () => openPostgres({ url, secret }), spool: createSpool(config.STORE_SPOOL_DIR) });
  }
  const path = options.dbPath ?? config.DB_PATH;
  if (!path) return createResilientStore({ ...common, kind: 'off' });
  try {
    const backend = openSqlite({ path, maxMegabytes: config.DB_MAX_MB, secret: options.secret });
    return await createResilientStore({ ...common, kind: 'sqlite', durable: path !== ':memory:', open: async () => backend });
  } catch (err) {
    logger.error({ err, path }, 'curator database unavailable: unanswered questions and feedback will not be recorded');
    return createResilientStore({ ...common, kind: 'off' });
  }
}

/**
 * The update journal of polling surfaces on a durable store. With PostgreSQL,
 * updates are journalled in STORE_SPOOL_DIR (sealed under `secret`) while the
 * database is lost, so polling goes on (`journal.ts`).
 */
export function openJournal(config: Config, store: BotStore, logger: Logger, secret: string | Buffer): UpdateJournal {
  const spool = store.kind === 'postgres' ? createJournalSpool(config.STORE_SPOOL_DIR, createSealer(secret)) : undefined;
  return storeJournal(store, logger, spool);
}
