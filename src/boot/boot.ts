import type { AdapterDeps } from '../adapters/types.js';
import { createIdHasher } from '../adapters/kit/ids.js';
import { createCardRenderer } from '../cards/index.js';
import { type Config, dataLimitsOf, type Environment } from '../config.js';
import { createFloodControl } from '../core/conversation/flood.js';
import { createMemoryClaims, createMemoryContexts } from '../core/conversation/memory.js';
import { type Core, createCore } from '../core/core.js';
import { type Curator, createCurator, type CuratorOptions } from '../curator/curator.js';
import { startupMatcher } from '../curator/stored-builds.js';
import type { Logger } from '../logger.js';
import { createMetrics, type Metrics } from '../ops/metrics.js';
import { createOpsStatus, type OpsStatus } from '../ops/status.js';
import { openJournal, openStore } from '../store/open-store.js';
import type { BotStore } from '../store/resilient.js';
import { sharedClaims, sharedContexts, sharedLimiter } from '../store/shared-ports.js';
import { idSecretOrExit } from './id-secret.js';
import { loadOrExit } from './load-or-exit.js';
import { createReadiness, type Readiness } from './readiness.js';
import { settingsOrExit } from './settings.js';
import { storeOrExit } from './store-or-exit.js';

/** Everything a process needs, made once: configuration, logger, data, core, store, curator and the adapters' shared ports. */
export interface Booted {
  config: Config;
  logger: Logger;
  core: Core;
  /** The store (off when the curator mode is 'none' or DB_PATH is empty). */
  store: BotStore | undefined;
  curator: Curator | undefined;
  /** The process's metrics, when the operations server is on (OPS_PORT): with the knowledge-base version, the store's state and the process census. */
  metrics: Metrics | undefined;
  /** What the process serves, part by part (the store, each surface's lifecycle); /readyz reads it with each part's live state (boot/ops.ts). */
  readiness: Readiness;
  /** What every adapter is built from. */
  deps: AdapterDeps;
  /** For operations endpoints: readiness of the store, the knowledge-base version, the process census. */
  ops: OpsStatus;
  /** Whether a SIGHUP arrived while booting (it was held, not fatal); runAdapters then reloads once it runs. */
  reloadAskedWhileBooting(): boolean;
}

export type CuratorMode = 'store' | 'memory' | 'none';

export interface BootOptions {
  /** The curator: recording into the configured store (default), in this process's memory only, or none at all (may depend on the configuration). */
  curator?: CuratorMode | ((config: Config) => CuratorMode);
  /** Curator options (a build for tests, file watching). */
  curatorOptions?: CuratorOptions;
  /** The environment to read (default: the process's, over .env in the working directory). */
  environment?: Environment;
  /** Where log lines go (default stderr). */
  logDestination?: NodeJS.WritableStream;
}

/**
 * The one composition root, for `npm start`, a shard process and the CLIs:
 * reads and validates the configuration (exit 1 naming each bad variable), loads and
 * validates the data (exit 1 with file, path and reason), opens the store
 * (PostgreSQL with DATABASE_URL, which may start lost and is retried; else
 * SQLite at DB_PATH within DB_OPEN_TIMEOUT_SECONDS, exit 1 saying why),
 * migrating it, imports the trained model from the store when a process built
 * this data before (else trains, once across processes), and makes the ports
 * every adapter shares: budgets and context through the store when it is
 * shared (PostgreSQL), else in this process's memory; with a durable store,
 * claims on effects (a card posted once) and the update journal survive
 * restarts. Readiness follows the store: not ready while it is lost.
 */
export async function boot(options: BootOptions = {}): Promise<Booted> {
  const { config, logger } = settingsOrExit(options.environment, options.logDestination);
  // SIGHUP's default action ends the process: until runAdapters handles it, one (a reload asked for while starting) is held.
  let heldHup = false;
  const holdHup = () => (heldHup = true);
  process.on('SIGHUP', holdHup);
  const readiness = createReadiness();
  const mode = typeof options.curator === 'function' ? options.curator(config) : (options.curator ?? 'store');
  const secret = idSecretOrExit(config, mode === 'store');
  const kb = await loadOrExit(config.DATA_DIR, dataLimitsOf(config));
  const store =
    mode === 'store'
      ? await storeOrExit(config, secret, logger)
      : mode === 'memory'
        ? await openStore(config, logger, { secret, dbPath: ':memory:' })
        : undefined;
  if (store) logger.info({ store: store.kind, state: store.status().state }, 'store opened');
  const core = createCore(kb, undefined, await startupMatcher(kb, store, logger));
  if (store) followStore(store, createOpsStatus({ core, store }), readiness);
  logger.debug({ topics: kb.topics.length, version: kb.version }, 'data loaded');
  let curator: Curator | undefined;
  const metrics = config.OPS_PORT === undefined ? undefined : createMetrics(core, { store, census: () => curator?.sync?.census() });
  const curatorOptions: CuratorOptions = {
    watch: mode === 'store' ? config.WATCH_DATA : false,
    ...(metrics ? { onReload: metrics.reloaded } : {}),
    ...options.curatorOptions,
    ...(store ? { store } : {}),
  };
  curator = store ? await createCurator(config, core, logger, curatorOptions) : undefined;
  const limiter = createFloodControl(config.RATE_LIMIT_PER_MINUTE);
  const contexts = createMemoryContexts();
  const claims = createMemoryClaims();
  const shared = store?.shared ? store : undefined;
  const durable = store?.durable ? store : undefined;
  const deps: AdapterDeps = {
    core,
    limiter: shared ? sharedLimiter(shared, { perMinute: config.RATE_LIMIT_PER_MINUTE }, limiter) : limiter,
    contexts: shared ? sharedContexts(shared, contexts) : contexts,
    claims: durable ? sharedClaims(durable, claims) : claims,
    ...(durable ? { journal: openJournal(config, durable, logger, secret) } : {}),
    ...(store ? { store } : {}),
    ...(curator ? { curator } : {}),
    logger,
    ids: createIdHasher(secret),
    cards: createCardRenderer(core, metrics ? { onRender: metrics.cardRendered } : {}),
    ...(metrics ? { telemetry: metrics } : {}),
  };
  return {
    config,
    logger,
    core,
    curator,
    metrics,
    store,
    readiness,
    deps,
    ops: createOpsStatus({ core, store, sync: curator?.sync }),
    reloadAskedWhileBooting() {
      process.off('SIGHUP', holdHup);
      return heldHup;
    },
  };
}

/** The store's part of readiness, kept current: not ready while the database is lost (the bot answers on from memory meanwhile). */
function followStore(store: BotStore, ops: OpsStatus, readiness: Readiness): void {
  const update = () => {
    const state = ops.storeReadiness();
    if (!state.ok) readiness.set('store', { ready: false, reason: state.reason });
    else readiness.set('store', { ready: true, ...(store.kind === 'off' ? { reason: 'recording is off (DB_PATH is empty)' } : {}) });
  };
  update();
  store.onUp(update);
  store.onLost(update);
}

/** Whether a platform token is configured (otherwise `npm start` is the console chat). */
export function hasPlatform(config: Config): boolean {
  return Boolean(config.DISCORD_TOKEN || config.TELEGRAM_BOT_TOKEN);
}
