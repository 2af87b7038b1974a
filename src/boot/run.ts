import type { Adapter } from '../adapters/types.js';
import type { Booted } from './boot.js';

/**
 * Runs adapters until a signal or a fatal adapter error: SIGINT/SIGTERM stop
 * every adapter within SHUTDOWN_TIMEOUT_SECONDS (each finishes what is in
 * flight; then the process exits anyway), close the curator and the store and
 * exit 0; SIGHUP reloads the data; an adapter that fails to start or dies for
 * good (a revoked token) is logged, marked not ready, stops the rest and the
 * process exits 1, so a supervisor restarts it or an operator sees it.
 */
export interface RunOptions {
  /** Also stop when the parent process goes away (a shard under the ShardingManager). */
  onDisconnect?: boolean;
  /** Listen to process signals (default true; tests drive shutdown through adapters instead). */
  signals?: boolean;
  /** Ends the process (default process.exit). */
  exit?: (code: number) => void;
}

export async function runAdapters(booted: Booted, adapters: Adapter[], options: RunOptions = {}): Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const { logger, curator, config, readiness } = booted;
  for (const adapter of adapters) readiness.set(adapter.name, { ready: false, reason: 'starting' });
  let stopping = false;
  const failed = new Set<string>();

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
    await booted.store?.close();
  }

  async function shutdown(signal: string, code = 0): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // An adapter that failed keeps its reason; the others say why they stop serving.
    for (const adapter of adapters) if (!failed.has(adapter.name)) readiness.set(adapter.name, { ready: false, reason: 'shutting down' });
    await stopAll();
    exit(code);
  }

  if (options.signals !== false) {
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    if (options.onDisconnect) process.once('disconnect', () => void shutdown('disconnect'));
    process.on('SIGHUP', () => void curator?.reload('SIGHUP'));
    process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  }

  for (const adapter of adapters) {
    try {
      await adapter.start();
      readiness.set(adapter.name, { ready: true });
      logger.info({ adapter: adapter.name }, 'adapter started');
      void adapter.fatal?.then((err) => {
        failed.add(adapter.name);
        readiness.set(adapter.name, { ready: false, reason: err.message });
        logger.fatal({ err, adapter: adapter.name }, 'adapter stopped for good; shutting down');
        void shutdown('fatal', 1);
      });
    } catch (err) {
      failed.add(adapter.name);
      readiness.set(adapter.name, { ready: false, reason: err instanceof Error ? err.message : String(err) });
      logger.fatal({ err, adapter: adapter.name }, 'adapter failed to start');
      await shutdown('start failed', 1);
    }
  }
}
