import type { Config } from '../config.js';
import { openStore, StoreOpenError } from '../curator/open-store.js';
import { openCuratorStore, type CuratorStore } from '../curator/store.js';
import type { Logger } from '../logger.js';

/**
 * The store at DB_PATH, opened within DB_OPEN_TIMEOUT_SECONDS, or exit 1 with
 * the reason on stderr and in the log: a bot that cannot keep what it must
 * (the update journal, claims, votes) says so at start instead of running
 * halfway. An empty DB_PATH is a store that records nothing.
 */
export async function storeOrExit(config: Config, secret: string | Buffer, logger: Logger): Promise<CuratorStore> {
  if (!config.DB_PATH) return openCuratorStore({ path: '', retentionDays: config.RETENTION_DAYS, logger, secret });
  try {
    return await openStore({
      path: config.DB_PATH,
      retentionDays: config.RETENTION_DAYS,
      maxMegabytes: config.DB_MAX_MB,
      secret,
      logger,
      timeoutMs: config.DB_OPEN_TIMEOUT_SECONDS * 1000,
    });
  } catch (err) {
    if (!(err instanceof StoreOpenError)) throw err;
    logger.fatal({ setting: 'DB_PATH', reason: err.message }, 'cannot open the database');
    process.stderr.write(`Cannot start: ${err.message}\nSet DB_PATH to a file on a disk (or empty to record nothing).\n`);
    process.exit(1);
  }
}
