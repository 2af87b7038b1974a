import type { Config } from '../config.js';
import { checkStoreOpens, StoreOpenError } from '../curator/store-check.js';
import type { Logger } from '../logger.js';
import { openStore } from '../store/open-store.js';
import type { BotStore } from '../store/resilient.js';

/**
 * The configured store. PostgreSQL (DATABASE_URL) that cannot be reached yet
 * does not stop the bot: it starts lost and is retried. A SQLite file at
 * DB_PATH is first checked within DB_OPEN_TIMEOUT_SECONDS, else exit 1 with
 * the reason on stderr and in the log: a bot that cannot keep what it must
 * (the update journal, claims, votes) says so at start instead of running
 * halfway. An empty DB_PATH is a store that records nothing.
 */
export async function storeOrExit(config: Config, secret: string | Buffer, logger: Logger): Promise<BotStore> {
  if (!config.DATABASE_URL && config.DB_PATH) {
    try {
      await checkStoreOpens({ path: config.DB_PATH, maxMegabytes: config.DB_MAX_MB, secret, timeoutMs: config.DB_OPEN_TIMEOUT_SECONDS * 1000 });
    } catch (err) {
      if (!(err instanceof StoreOpenError)) throw err;
      logger.fatal({ setting: 'DB_PATH', reason: err.message }, 'cannot open the database');
      process.stderr.write(`Cannot start: ${err.message}\nSet DB_PATH to a file on a disk (or empty to record nothing).\n`);
      process.exit(1);
    }
  }
  return openStore(config, logger, { secret });
}
