import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { uiLang } from '../locale.js';
import { replyWith } from '../respond.js';
import { describe } from './localize.js';
import type { SlashCommand } from './types.js';

/** `/topics` → a select menu of every topic, shown only to the caller. */
export const topics: SlashCommand = {
  data: describe(new SlashCommandBuilder().setName('topics'), 'discordTopicsDescription')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .toJSON(),
  async execute(interaction, { core }) {
    await replyWith(interaction, core.help('topics', uiLang(interaction.locale)), { ephemeral: true });
  },
};
