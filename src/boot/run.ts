import type { Adapter } from '../adapters/types.js';
import type { Booted } from './boot.js';
import type { Ops } from './ops.js';
import { answerManager } from './shard-ipc.js';

export interface RunOptions {
  /** The process's operations side (readiness, metrics, the server when OPS_PORT is set); absent: none (tests that drive adapters directly). */
  ops?: Ops;
  /** A shard process: also stops when its manager goes away, and answers the manager's readiness and metrics questions. */
  shard?: boolean;
  /** Stops the process (status 0) when this settles: the console chat's end of input. */
  until?: Promise<void>;
  /** Listen to process signals (default true; tests drive shutdown through adapters instead). */
  signals?: boolean;
  /** Ends the process (default process.exit). */
  exit?: (code: number) => void;
}

/**
 * Runs adapters until a signal or a fatal adapter error: SIGINT/SIGTERM stop
 * every adapter within SHUTDOWN_TIMEOUT_SECONDS (each finishes what is in
 * flight, while /readyz says 'shutting down'; then the process exits anyway),
 * close the curator, the store and the operations server and exit 0; SIGHUP
 * reloads the data; an adapter that fails to start or dies for good (a
 * revoked token) is logged, marked not ready with its reason, stops the rest
 * and the process exits 1, so a supervisor restarts it or an operator sees it.
 */
export async function runAdapters(booted: Booted, adapters: Adapter[], options: RunOptions = {}): Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const { logger, curator, config, metrics, readiness } = booted;
  const { ops } = options;
  for (const adapter of adapters) readiness.set(adapter.name, { ready: false, reason: 'starting' });
  let stopping = false;
  const failed = new Set<string>();
  ops?.watch(adapters);
  const stopAnswering = options.shard && ops ? answerManager(ops.readiness, metrics ? () => metrics.snapshot() : undefined) : () => {};

  async function stopAll(): Promise<void> {
    const deadline = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deadline);
      timer.unref();
    });
    // The adapters finish what is in flight first (the webhook's requests come through the operations server), then the server closes.
    const stopped = Promise.allSettled(adapters.map((a) => a.stop())).then(() => ops?.close());
    if ((await Promise.race([stopped, late])) === 'late') logger.warn({ deadlineMs: deadline }, 'adapters did not stop in time; exiting anyway');
    clearTimeout(timer);
    stopAnswering();
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

  const reloadHeld = booted.reloadAskedWhileBooting();
  if (options.signals !== false) {
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    if (options.shard) process.once('disconnect', () => void shutdown('disconnect'));
    const reload = (reason: string) => {
      if (curator) void curator.reload(reason);
      else logger.warn({ signal: 'SIGHUP' }, 'SIGHUP ignored: this process has no curator to reload');
    };
    process.on('SIGHUP', () => reload('SIGHUP'));
    if (reloadHeld) reload('SIGHUP while starting');
    process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  }
  void options.until?.then(() => shutdown('end of input'));

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
