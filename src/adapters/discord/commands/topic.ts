import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { t } from '../../../core/i18n/index.js';
import { langOf } from '../locale.js';
import { replyWith } from '../respond.js';
import type { SlashCommand } from './types.js';

const c = t('en');

/** `/topic name:<autocomplete>` → the topic's answer card (an unknown name gets an ephemeral notice). */
export const topic: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('topic')
    .setDescription(c.discordTopicDescription)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) => o.setName('name').setDescription(c.discordTopicName).setRequired(true).setAutocomplete(true).setMaxLength(100))
    .toJSON(),
  async execute(interaction, { core }) {
    const id = interaction.options.getString('name', true).trim();
    await replyWith(interaction, core.topic(id, langOf(interaction.locale)));
  },
};
