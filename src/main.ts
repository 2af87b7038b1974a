import { createConsoleAdapter } from './adapters/console/console-adapter.js';
import { platformAdapters } from './adapters/platforms.js';
import type { Adapter } from './adapters/types.js';
import { configOrExit } from './cli/config-or-exit.js';
import { loadOrExit } from './cli/load-or-exit.js';
import { secretsOf } from './config.js';
import { createCore } from './core/core.js';
import { createCurator } from './curator/curator.js';
import { createLogger } from './logger.js';

/**
 * `npm start`: the platform adapters whose tokens are set, all in one process;
 * the console chat when none is.
 */
const config = configOrExit(process.env);
const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
const kb = await loadOrExit(config.DATA_DIR);
const core = createCore(kb);
logger.debug({ topics: kb.topics.length, version: kb.version }, 'data loaded');

const hasPlatform = Boolean(config.DISCORD_TOKEN || config.TELEGRAM_BOT_TOKEN);
// The console chat is a local preview: it neither records questions nor watches data/.
const curator = hasPlatform ? createCurator(config, core, logger) : undefined;
const adapters: Adapter[] = curator ? await platformAdapters(config, core, logger, curator) : [];
if (adapters.length === 0) {
  const console = createConsoleAdapter({ core, input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
  await console.start();
  await console.done;
  process.exit(0);
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await Promise.allSettled(adapters.map((a) => a.stop()));
  curator?.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void curator?.reload('SIGHUP'));
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));

for (const adapter of adapters) {
  try {
    await adapter.start();
    logger.info({ adapter: adapter.name }, 'adapter started');
    void adapter.fatal?.then(async (err) => {
      logger.fatal({ err, adapter: adapter.name }, 'adapter stopped for good; shutting down');
      await Promise.allSettled(adapters.map((a) => a.stop()));
      curator?.close();
      process.exit(1);
    });
  } catch (err) {
    logger.fatal({ err, adapter: adapter.name }, 'adapter failed to start');
    await Promise.allSettled(adapters.map((a) => a.stop()));
    process.exit(1);
  }
}
