import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_LENGTH, toQuestion } from '../question.js';
import { replyWith } from '../respond.js';
import { describe, en, option } from './localize.js';
import type { SlashCommand } from './types.js';

/**
 * `/ask question:<text> [private:true]` → the answer embed, in the question's language
 * (the client's locale breaks ties for short or mixed input); private answers are ephemeral.
 */
export const ask: SlashCommand = {
  data: describe(new SlashCommandBuilder().setName('ask'), 'discordAskDescription')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) => option(o, 'discordOptQuestion', 'discordAskQuestion').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH))
    .addBooleanOption((o) => option(o, 'discordOptPrivate', 'discordAskPrivate'))
    .toJSON(),
  async execute(interaction, { core }) {
    const question = toQuestion(interaction.options.getString(en.discordOptQuestion, true));
    const { reply } = core.ask(question.text, interaction.locale);
    await replyWith(interaction, reply, { ephemeral: interaction.options.getBoolean(en.discordOptPrivate) ?? false });
  },
};
