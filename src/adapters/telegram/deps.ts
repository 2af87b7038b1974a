import type { Config } from '../../config.js';
import type { Core } from '../../core/core.js';
import type { Logger } from '../../logger.js';
import type { RateLimiter } from './rate-limit.js';

/** What every Telegram feature gets: the validated config, the core, the logger and the flood limiter. */
export interface TelegramDeps {
  config: Config;
  core: Core;
  logger: Logger;
  limiter: RateLimiter;
}
