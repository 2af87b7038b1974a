import { configOrExit } from '../../cli/config-or-exit.js';
import { loadOrExit } from '../../cli/load-or-exit.js';
import { secretsOf } from '../../config.js';
import { createCore } from '../../core/core.js';
import { createCurator } from '../../curator/curator.js';
import { createLogger } from '../../logger.js';
import { createDiscordAdapter } from './create-discord-adapter.js';

/**
 * One shard's process, forked by `sharding.ts`: what `npm start` runs, but the Discord
 * adapter alone (Telegram runs once, under `npm start`). Each shard records unanswered
 * questions into the shared SQLite file (WAL) and reloads data/ on its own.
 * discord.js reads SHARDS and SHARD_COUNT from the environment the ShardingManager
 * sets and reports readiness over IPC.
 */
const config = configOrExit(process.env);
const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
if (!config.DISCORD_TOKEN) {
  process.stderr.write('Cannot start a shard: DISCORD_TOKEN is not set.\n');
  process.exit(1);
}
const core = createCore(await loadOrExit(config.DATA_DIR));
const curator = createCurator(config, core, logger);
const adapter = createDiscordAdapter(config, core.forPlatform('discord'), logger, curator);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shard shutting down');
  await adapter.stop().catch((err: unknown) => logger.error({ err }, 'shard stop failed'));
  curator.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('disconnect', () => void shutdown('disconnect'));
process.on('SIGHUP', () => void curator.reload('SIGHUP'));
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));

try {
  await adapter.start();
} catch (err) {
  logger.fatal({ err }, 'shard failed to start');
  curator.close();
  process.exit(1);
}
