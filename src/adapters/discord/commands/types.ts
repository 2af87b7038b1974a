import type { ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { DiscordContext } from '../context.js';

/** One slash command: its registration JSON (from a builder) and its handler. */
export interface SlashCommand {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /**
   * Acts on the bot as a whole (every server's data or questions): with
   * DISCORD_MODERATOR_GUILD_IDS set it is registered, and answers, only in those servers.
   */
  readonly moderatorGuildsOnly?: true;
  execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void>;
}
