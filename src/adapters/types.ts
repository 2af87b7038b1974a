import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CardRenderer } from '../cards/index.js';
import type { ClaimPort, ContextPort, CuratorPort, RateLimitPort, TelemetryPort } from '../core/conversation/ports.js';
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
  /** Whether the surface is connected and receiving right now: true, or why not (for /readyz). */
  readiness(): true | string;
  /**
   * Settles with the error if the adapter dies after start for good (e.g. a
   * revoked token, another instance polling): boot then stops the process.
   */
  readonly fatal?: Promise<Error>;
}

/**
 * Where a polling adapter keeps the updates it fetched until they are
 * handled, so none is lost when the process dies: updates are journalled
 * (durably) before the platform is told they arrived, and what is left at the
 * next start is handled then. `surface` names the adapter's own journal.
 */
export interface UpdateJournal {
  /** The offset to fetch from: one past the highest update journalled. */
  offset(surface: string): Promise<number | undefined>;
  /** Durably records fetched updates; rejects when it cannot (the updates must not be confirmed then). */
  add(surface: string, updates: ReadonlyArray<{ id: number; payload: string }>): Promise<void>;
  done(surface: string, id: number): Promise<void>;
  /** What a previous run left unfinished, oldest first, with how often its handling was started before. */
  pending(surface: string): Promise<Array<{ id: number; payload: string; attempts: number }>>;
}

/** What boot gives every adapter: the shared core and ports, from which it builds its surface's conversation. */
export interface AdapterDeps {
  core: Core;
  limiter: RateLimitPort;
  contexts: ContextPort;
  claims: ClaimPort;
  /** Absent (no database on disk): a polling adapter confirms updates as they arrive, and a crash may lose those in flight. */
  journal?: UpdateJournal;
  /** Absent: nothing is recorded, and moderator tools say so. */
  curator?: CuratorPort;
  /** The store, when there is one: adapters build their own shared budgets on it (Telegram's per-group limit). */
  store?: BotStore;
  logger: Logger;
  /** Hashes platform ids before they reach the core, the store or a log. */
  ids: IdHasher;
  /** Summary cards as PNG images (cached). */
  cards: CardRenderer;
  /** Where the conversation and the platform clients report what they do (metrics); absent: nothing is measured. */
  telemetry?: PlatformTelemetry;
  /** The operations HTTP server's routes, for surfaces that receive over HTTP (the Telegram webhook); absent when it is off. */
  routes?: HttpRoutes;
}

/** The conversation's telemetry plus what only a platform client sees: failed API calls and the ones it retries. */
export interface PlatformTelemetry extends TelemetryPort {
  /** One API call that failed: `code` is the HTTP status or error code, or 'network'. */
  apiError(surface: string, code: string): void;
  /** One API call the client is going to send again: `reason` is '429', '5xx' or 'network'. */
  apiRetry(surface: string, reason: string): void;
}

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Paths served by the operations server besides its own (/healthz, /readyz, /metrics). */
export interface HttpRoutes {
  /**
   * Serves requests to `path` with `handler`, every method, until the returned function
   * is called. A path ending in '/' mounts a subtree ('/desk/' serves '/desk/' and
   * everything below it; the deepest mounted subtree wins). Throws for a path already
   * mounted and for the server's own paths.
   */
  mount(path: string, handler: HttpHandler): () => void;
}
