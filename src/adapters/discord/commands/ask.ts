import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { t } from '../../../core/i18n/index.js';
import { langOf } from '../locale.js';
import { MAX_QUESTION_LENGTH, toQuestion } from '../question.js';
import { replyWith } from '../respond.js';
import type { SlashCommand } from './types.js';

const c = t('en');

/** `/ask question:<text> [private:true]` → the answer embed; private answers are ephemeral. */
export const ask: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription(c.discordAskDescription)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) => o.setName('question').setDescription(c.discordAskQuestion).setRequired(true).setMaxLength(MAX_QUESTION_LENGTH))
    .addBooleanOption((o) => o.setName('private').setDescription(c.discordAskPrivate))
    .toJSON(),
  async execute(interaction, { core }) {
    const question = toQuestion(interaction.options.getString('question', true));
    const { reply } = core.ask(question.text, langOf(interaction.locale));
    await replyWith(interaction, reply, { ephemeral: interaction.options.getBoolean('private') ?? false });
  },
};
