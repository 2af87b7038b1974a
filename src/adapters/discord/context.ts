import type { CardRenderer } from '../../cards/index.js';
import type { Core } from '../../core/core.js';
import type { Curator } from '../../curator/curator.js';
import type { Logger } from '../../logger.js';
import type { RateLimiter } from './rate-limit.js';

/** What every Discord handler gets: the core, the curator, the card renderer, a logger and the per-process state. */
export interface DiscordContext {
  core: Core;
  /** /reload, /unanswered and 👍/👎 votes. */
  curator: Curator;
  /** Summary cards as PNG images (cached). */
  cards: CardRenderer;
  logger: Logger;
  limiter: RateLimiter;
  /** DISCORD_MODERATOR_GUILD_IDS: where /reload and /unanswered answer (empty: every server). */
  moderatorGuilds: ReadonlySet<string>;
}
