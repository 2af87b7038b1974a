import type { Config } from '../../config.js';
import type { CardRenderer } from '../../cards/index.js';
import type { Core } from '../../core/core.js';
import type { Curator } from '../../curator/curator.js';
import type { Logger } from '../../logger.js';
import type { RateLimiter } from './rate-limit.js';

/** What every Telegram feature gets: the validated config, the core, the curator, the logger and the per-process state. */
export interface TelegramDeps {
  config: Config;
  core: Core;
  /** Reload, the unanswered-questions report and 👍/👎 votes. */
  curator: Curator;
  logger: Logger;
  limiter: RateLimiter;
  /** Who voted how on which answer, recently (to say "Vote changed"). */
  /** Summary cards (topics and 'overview') and their PNGs for /post, cached; follows the core's reloads. */
  cards: CardRenderer;
}
