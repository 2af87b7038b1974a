import type { AdapterDeps } from '../../src/adapters/types.js';
import { createIdHasher } from '../../src/adapters/kit/ids.js';
import { createCardRenderer } from '../../src/cards/index.js';
import { type Config, loadConfig } from '../../src/config.js';
import { createFloodControl } from '../../src/core/conversation/flood.js';
import { createMemoryClaims, createMemoryContexts } from '../../src/core/conversation/memory.js';
import { type Core, createCore } from '../../src/core/core.js';
import { DEFAULT_TUNING } from '../../src/core/match/matcher.js';
import { createCurator, type Curator } from '../../src/curator/curator.js';
import { buildInProcess } from '../../src/curator/reload.js';
import type { Logger } from '../../src/logger.js';
import { realCore, realKnowledgeBase } from './core.js';
import { capturingLogger } from './log.js';

export interface TestDepsOptions {
  ratePerMinute?: number | undefined;
  /** A core that answers nothing outright: every question gets did-you-mean. */
  unsure?: boolean | undefined;
  core?: Core;
  logger?: Logger;
  /** The configuration the curator is built from (its DB_PATH, DATA_DIR); default: in memory, not watching data/. */
  config?: Config;
}

/**
 * What boot gives adapters, for tests: the real core on the project's data, a
 * real curator on an in-memory database (reloads build on the calling thread),
 * real flood control and in-memory context and claims.
 */
export async function testDeps(opts: TestDepsOptions = {}): Promise<AdapterDeps & { curator: Curator; close(): Promise<void> }> {
  const core = opts.core ?? (opts.unsure ? createCore(await realKnowledgeBase(), { ...DEFAULT_TUNING, answer: 1.01 }) : await realCore());
  const logger = opts.logger ?? capturingLogger().logger;
  const config = opts.config ?? loadConfig({ DB_PATH: ':memory:', WATCH_DATA: 'false', LOG_LEVEL: 'silent' });
  const curator = await createCurator(config, core, logger, { build: buildInProcess });
  return {
    core,
    limiter: createFloodControl(opts.ratePerMinute ?? 1000),
    contexts: createMemoryContexts(),
    claims: createMemoryClaims(),
    curator,
    logger,
    ids: createIdHasher('test-secret-0123456789'),
    cards: createCardRenderer(core),
    close: () => curator.close(),
  };
}
