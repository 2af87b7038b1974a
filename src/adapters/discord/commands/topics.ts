import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { t } from '../../../core/i18n/index.js';
import { langOf } from '../locale.js';
import { replyWith } from '../respond.js';
import type { SlashCommand } from './types.js';

/** `/topics` → a select menu of every topic, shown only to the caller. */
export const topics: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('topics')
    .setDescription(t('en').discordTopicsDescription)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .toJSON(),
  async execute(interaction, { core }) {
    await replyWith(interaction, core.help('topics', langOf(interaction.locale)), { ephemeral: true });
  },
};
