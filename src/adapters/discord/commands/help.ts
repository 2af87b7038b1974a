import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { t } from '../../../core/i18n/index.js';
import { langOf } from '../locale.js';
import { replyWith } from '../respond.js';
import type { SlashCommand } from './types.js';

/** `/help` → what the bot answers and how to ask, shown only to the caller. */
export const help: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription(t('en').discordHelpDescription)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .toJSON(),
  async execute(interaction, { core }) {
    await replyWith(interaction, core.help('help', langOf(interaction.locale)), { ephemeral: true });
  },
};
