import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';

/**
 * Where /reload and /unanswered may run. They act on the bot as a whole (the data of every
 * server, the report of questions asked everywhere), so DISCORD_MODERATOR_GUILD_IDS limits
 * them to the operators' own servers; unset, any server's moderators may use them.
 */
export function moderatorCommandsAllowedIn(moderatorGuilds: ReadonlySet<string>, guildId: string): boolean {
  return moderatorGuilds.size === 0 || moderatorGuilds.has(guildId);
}

/** One warning at start-up when every server's moderators can use /reload and /unanswered. */
export function warnIfModeratorCommandsOpen(config: Config, log: Logger): void {
  if (config.DISCORD_MODERATOR_GUILD_IDS.length > 0) return;
  log.warn(
    { setting: 'DISCORD_MODERATOR_GUILD_IDS' },
    'DISCORD_MODERATOR_GUILD_IDS is not set: moderators of every server the bot is in can use /reload and /unanswered (the report holds questions from all servers and Telegram)',
  );
}
