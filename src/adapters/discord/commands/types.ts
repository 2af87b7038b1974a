import type { ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { DiscordContext } from '../context.js';

/** One slash command: its registration JSON (from a builder) and its handler. */
export interface SlashCommand {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void>;
}
