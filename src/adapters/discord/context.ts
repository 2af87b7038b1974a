import type { Core } from '../../core/core.js';
import type { Logger } from '../../logger.js';
import type { RateLimiter } from './rate-limit.js';

/** What every Discord handler gets: the core, a logger and the per-user limiter. */
export interface DiscordContext {
  core: Core;
  logger: Logger;
  limiter: RateLimiter;
}
