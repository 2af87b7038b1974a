import type { Adapter } from '../adapters/types.js';
import type { Booted } from './boot.js';
import type { Ops } from './ops.js';
import { answerManager } from './shard-ipc.js';

export interface RunOptions {
  /** The process's operations side (readiness, metrics, the server when OPS_PORT is set). */
  ops: Ops;
  /** A shard process: also stops when its manager goes away, and answers the manager's readiness and metrics questions. */
  shard?: boolean;
  /** Stops the process (status 0) when this settles: the console chat's end of input. */
  until?: Promise<void>;
}

/**
 * Runs adapters until a signal or a fatal adapter error: SIGINT/SIGTERM stop
 * every adapter within SHUTDOWN_TIMEOUT_SECONDS (then the process exits
 * anyway), close the curator and the operations server and exit 0; SIGHUP
 * reloads the data; an adapter that fails to start or dies for good stops the
 * rest and exits 1.
 */
export async function runAdapters(booted: Booted, adapters: Adapter[], options: RunOptions): Promise<void> {
  const { logger, curator, config, metrics } = booted;
  const { ops } = options;
  let stopping = false;
  ops.watch(adapters);
  const stopAnswering = options.shard ? answerManager(ops.readiness, metrics ? () => metrics.snapshot() : undefined) : () => {};

  async function stopAll(): Promise<void> {
    const deadline = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deadline);
      timer.unref();
    });
    const stopped = Promise.allSettled([...adapters.map((a) => a.stop()), ops.close()]);
    if ((await Promise.race([stopped, late])) === 'late') logger.warn({ deadlineMs: deadline }, 'adapters did not stop in time; exiting anyway');
    clearTimeout(timer);
    stopAnswering();
    curator?.close();
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
  if (options.shard) process.once('disconnect', () => void shutdown('disconnect'));
  const reload = (reason: string) => {
    if (curator) void curator.reload(reason);
    else logger.warn({ signal: 'SIGHUP' }, 'SIGHUP ignored: this process has no curator to reload');
  };
  process.on('SIGHUP', () => reload('SIGHUP'));
  if (booted.reloadAskedWhileBooting()) reload('SIGHUP while starting');
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  void options.until?.then(() => shutdown('end of input'));

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
