import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { uiLang } from '../locale.js';
import { replyWith } from '../respond.js';
import { describe, en, option } from './localize.js';
import type { SlashCommand } from './types.js';

/** `/topic name:<autocomplete>` → the topic's answer card (an unknown name gets an ephemeral notice). */
export const topic: SlashCommand = {
  data: describe(new SlashCommandBuilder().setName('topic'), 'discordTopicDescription')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) => option(o, 'discordOptName', 'discordTopicName').setRequired(true).setAutocomplete(true).setMaxLength(100))
    .toJSON(),
  async execute(interaction, { core }) {
    const id = interaction.options.getString(en.discordOptName, true).trim();
    await replyWith(interaction, core.topic(id, uiLang(interaction.locale)));
  },
};
