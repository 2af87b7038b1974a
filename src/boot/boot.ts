import type { AdapterDeps } from '../adapters/types.js';
import { createIdHasher } from '../adapters/kit/ids.js';
import { createCardRenderer } from '../cards/index.js';
import { type Config, secretsOf } from '../config.js';
import { createFloodControl } from '../core/conversation/flood.js';
import { createMemoryClaims, createMemoryContexts } from '../core/conversation/memory.js';
import { type Core, createCore } from '../core/core.js';
import { type Curator, createCurator, type CuratorOptions } from '../curator/curator.js';
import { startupMatcher } from '../curator/stored-builds.js';
import { createLogger, type Logger } from '../logger.js';
import { createOpsStatus, type OpsStatus } from '../ops/status.js';
import { openStore } from '../store/open-store.js';
import type { BotStore } from '../store/resilient.js';
import { sharedClaims, sharedContexts, sharedLimiter } from '../store/shared-ports.js';
import { configOrExit } from './config-or-exit.js';
import { idHashSecret } from './id-secret.js';
import { loadOrExit } from './load-or-exit.js';

/** Everything a process needs, made once: configuration, logger, data, core, store, curator and the adapters' shared ports. */
export interface Booted {
  config: Config;
  logger: Logger;
  core: Core;
  /** The store (off when the curator mode is 'none' or DB_PATH is empty). */
  store: BotStore | undefined;
  curator: Curator | undefined;
  /** What every adapter is built from. */
  deps: AdapterDeps;
  /** For operations endpoints: readiness of the store, the knowledge-base version, metrics. */
  ops: OpsStatus;
}

export type CuratorMode = 'store' | 'memory' | 'none';

export interface BootOptions {
  /** The curator: recording into the configured store (default), in this process's memory only, or none at all (may depend on the configuration). */
  curator?: CuratorMode | ((config: Config) => CuratorMode);
  /** Curator options (a build for tests, file watching). */
  curatorOptions?: CuratorOptions;
}

/**
 * The one composition root, for `npm start`, a shard process and the CLIs:
 * validates the configuration (exit 1 naming each bad variable), opens the
 * store (migrating it), loads and validates the data (exit 1 with file, path
 * and reason), imports the trained model from the store when a process built
 * this data before (else trains, once across processes), and makes the ports
 * every adapter shares: through the store when it is shared (PostgreSQL),
 * else in this process's memory.
 */
export async function boot(env: Record<string, string | undefined>, options: BootOptions = {}): Promise<Booted> {
  const config = configOrExit(env);
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  const mode = typeof options.curator === 'function' ? options.curator(config) : (options.curator ?? 'store');
  const store = mode === 'none' ? undefined : await openStore(config, logger, mode === 'memory' ? { dbPath: ':memory:' } : {});
  if (store) logger.info({ store: store.kind, state: store.status().state }, 'store opened');
  const kb = await loadOrExit(config.DATA_DIR);
  const core = createCore(kb, undefined, await startupMatcher(kb, store, logger));
  logger.debug({ topics: kb.topics.length, version: kb.version }, 'data loaded');
  const curator = store
    ? await createCurator(config, core, logger, { store, ...(mode === 'memory' ? { watch: false } : {}), ...options.curatorOptions })
    : undefined;
  const limiter = createFloodControl(config.RATE_LIMIT_PER_MINUTE);
  const contexts = createMemoryContexts();
  const claims = createMemoryClaims();
  const shared = store?.shared ? store : undefined;
  const deps: AdapterDeps = {
    core,
    limiter: shared ? sharedLimiter(shared, { perMinute: config.RATE_LIMIT_PER_MINUTE }, limiter) : limiter,
    contexts: shared ? sharedContexts(shared, contexts) : contexts,
    claims: shared ? sharedClaims(shared, claims) : claims,
    ...(store ? { store } : {}),
    ...(curator ? { curator } : {}),
    logger,
    ids: createIdHasher(idHashSecret(config)),
    cards: createCardRenderer(core),
  };
  return { config, logger, core, store, curator, deps, ops: createOpsStatus({ core, store, sync: curator?.sync }) };
}

/** Whether a platform token is configured (otherwise `npm start` is the console chat). */
export function hasPlatform(config: Config): boolean {
  return Boolean(config.DISCORD_TOKEN || config.TELEGRAM_BOT_TOKEN);
}
