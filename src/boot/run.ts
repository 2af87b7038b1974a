import type { Adapter } from '../adapters/types.js';
import type { Booted } from './boot.js';

/**
 * Runs adapters until a signal or a fatal adapter error: SIGINT/SIGTERM stop
 * every adapter within SHUTDOWN_TIMEOUT_SECONDS (then the process exits
 * anyway), close the curator and exit 0; SIGHUP reloads the data; an adapter
 * that fails to start or dies for good stops the rest and exits 1.
 */
export async function runAdapters(booted: Booted, adapters: Adapter[], extraSignals: { onDisconnect?: boolean } = {}): Promise<void> {
  const { logger, curator, config } = booted;
  let stopping = false;

  async function stopAll(): Promise<void> {
    const deadline = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deadline);
      timer.unref();
    });
    const stopped = Promise.allSettled(adapters.map((a) => a.stop()));
    if ((await Promise.race([stopped, late])) === 'late') logger.warn({ deadlineMs: deadline }, 'adapters did not stop in time; exiting anyway');
    clearTimeout(timer);
    await curator?.close();
  }

  async function shutdown(signal: string, code = 0): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await stopAll();
    process.exit(code);
  }

  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  if (extraSignals.onDisconnect) process.once('disconnect', () => void shutdown('disconnect'));
  process.on('SIGHUP', () => void curator?.reload('SIGHUP'));
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));

  for (const adapter of adapters) {
    try {
      await adapter.start();
      logger.info({ adapter: adapter.name }, 'adapter started');
      void adapter.fatal?.then((err) => {
        logger.fatal({ err, adapter: adapter.name }, 'adapter stopped for good; shutting down');
        void shutdown('fatal', 1);
      });
    } catch (err) {
      logger.fatal({ err, adapter: adapter.name }, 'adapter failed to start');
      await shutdown('start failed', 1);
    }
  }
}
