import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { uiLang } from '../locale.js';
import { replyWith } from '../respond.js';
import { describe } from './localize.js';
import type { SlashCommand } from './types.js';

/** `/help` → what the bot answers and how to ask, shown only to the caller. */
export const help: SlashCommand = {
  data: describe(new SlashCommandBuilder().setName('help'), 'discordHelpDescription')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .toJSON(),
  async execute(interaction, { core }) {
    await replyWith(interaction, core.help('help', uiLang(interaction.locale)), { ephemeral: true });
  },
};
