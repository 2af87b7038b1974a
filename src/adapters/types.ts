import type { CardRenderer } from '../cards/index.js';
import type { ClaimPort, ContextPort, CuratorPort, RateLimitPort } from '../core/conversation/ports.js';
import type { Core } from '../core/core.js';
import type { Logger } from '../logger.js';
import type { BotStore } from '../store/resilient.js';
import type { IdHasher } from './kit/ids.js';

/** A surface: started and stopped by boot; everything else is its own business. */
export interface Adapter {
  readonly name: string;
  /** Resolves once the adapter is receiving messages. */
  start(): Promise<void>;
  /** Stops receiving, finishes in-flight work, releases connections. */
  stop(): Promise<void>;
  /**
   * Settles with the error if the adapter dies after start for good (e.g. a
   * revoked token, another instance polling): boot then stops the process.
   */
  readonly fatal?: Promise<Error>;
}

/** What boot gives every adapter: the shared core and ports, from which it builds its surface's conversation. */
export interface AdapterDeps {
  core: Core;
  limiter: RateLimitPort;
  contexts: ContextPort;
  claims: ClaimPort;
  /** Absent: nothing is recorded, and moderator tools say so. */
  curator?: CuratorPort;
  /** The store, when there is one: adapters build their own shared budgets on it (Telegram's per-group limit). */
  store?: BotStore;
  logger: Logger;
  /** Hashes platform ids before they reach the core, the store or a log. */
  ids: IdHasher;
  /** Summary cards as PNG images (cached). */
  cards: CardRenderer;
}
