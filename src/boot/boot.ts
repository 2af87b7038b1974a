import type { AdapterDeps } from '../adapters/types.js';
import { createIdHasher } from '../adapters/kit/ids.js';
import { createCardRenderer } from '../cards/index.js';
import { type Config, dataLimitsOf, secretsOf } from '../config.js';
import { createFloodControl } from '../core/conversation/flood.js';
import { createMemoryClaims, createMemoryContexts } from '../core/conversation/memory.js';
import { type Core, createCore } from '../core/core.js';
import { type Curator, createCurator, type CuratorOptions } from '../curator/curator.js';
import { openCuratorStore, type CuratorStore } from '../curator/store.js';
import { createLogger, type Logger } from '../logger.js';
import { configOrExit } from './config-or-exit.js';
import { idSecretOrExit } from './id-secret.js';
import { loadOrExit } from './load-or-exit.js';
import { storeOrExit } from './store-or-exit.js';
import { storeClaims, storeJournal } from './store-ports.js';
import { createReadiness, type Readiness } from './readiness.js';

/** Everything a process needs, made once: configuration, logger, data, core, curator and the adapters' shared ports. */
export interface Booted {
  config: Config;
  logger: Logger;
  core: Core;
  curator: Curator | undefined;
  /** The store (undefined when recording is off for this process). */
  store: CuratorStore | undefined;
  /** What the process serves, part by part; what a readiness endpoint reads. */
  readiness: Readiness;
  /** What every adapter is built from. */
  deps: AdapterDeps;
}

export type CuratorMode = 'store' | 'memory' | 'none';

export interface BootOptions {
  /** The curator: recording into DB_PATH (default), in this process's memory only, or none at all (may depend on the configuration). */
  curator?: CuratorMode | ((config: Config) => CuratorMode);
  /** Curator options (a build for tests, file watching). */
  curatorOptions?: CuratorOptions;
  /** Where log lines go (default stderr). */
  logDestination?: NodeJS.WritableStream;
}

/**
 * The one composition root, for `npm start`, a shard process and the CLIs:
 * validates the configuration (exit 1 naming each bad variable), loads and
 * validates the data (exit 1 with file, path and reason), opens the store
 * within DB_OPEN_TIMEOUT_SECONDS (exit 1 saying why), trains the core, and
 * makes the ports every adapter shares. With a store on disk, claims on
 * effects (a card posted once) and the update journal survive restarts.
 */
export async function boot(env: Record<string, string | undefined>, options: BootOptions = {}): Promise<Booted> {
  const config = configOrExit(env);
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config), ...(options.logDestination ? { destination: options.logDestination, pretty: false } : {}) });
  const readiness = createReadiness();
  const mode = typeof options.curator === 'function' ? options.curator(config) : (options.curator ?? 'store');
  const secret = idSecretOrExit(config, mode === 'store');
  const kb = await loadOrExit(config.DATA_DIR, dataLimitsOf(config));
  const store =
    mode === 'store'
      ? await storeOrExit(config, secret, logger)
      : mode === 'memory'
        ? openCuratorStore({ path: ':memory:', retentionDays: config.RETENTION_DAYS, logger, secret })
        : undefined;
  if (store) readiness.set('store', { ready: true, ...(store.enabled ? {} : { reason: 'recording is off (DB_PATH is empty)' }) });
  const core = createCore(kb);
  logger.debug({ topics: kb.topics.length, version: kb.version }, 'data loaded');
  const curator = store ? createCurator(config, core, logger, { watch: mode === 'store' ? config.WATCH_DATA : false, ...options.curatorOptions, store }) : undefined;
  const durable = store?.durable === true;
  const deps: AdapterDeps = {
    core,
    limiter: createFloodControl(config.RATE_LIMIT_PER_MINUTE),
    contexts: createMemoryContexts(),
    claims: durable ? storeClaims(store) : createMemoryClaims(),
    ...(durable ? { journal: storeJournal(store) } : {}),
    ...(curator ? { curator } : {}),
    logger,
    ids: createIdHasher(secret),
    cards: createCardRenderer(core),
  };
  return { config, logger, core, curator, store, readiness, deps };
}

/** Whether a platform token is configured (otherwise `npm start` is the console chat). */
export function hasPlatform(config: Config): boolean {
  return Boolean(config.DISCORD_TOKEN || config.TELEGRAM_BOT_TOKEN);
}
