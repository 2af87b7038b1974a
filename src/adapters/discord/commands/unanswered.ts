import { MessageFlags } from 'discord.js';
import { renderCodeBlock } from '../render.js';
import { moderatorCommand, runModeratorCommand } from './moderator.js';
import type { SlashCommand } from './types.js';

/** Report length asked of the curator: with the code fence it stays within a 2000-character message. */
export const REPORT_CHARS = 1900;

/** `/unanswered` (moderators): the top unanswered questions and helpfulness by topic, as an ephemeral code block. */
export const unanswered: SlashCommand = {
  moderatorGuildsOnly: true,
  data: moderatorCommand('unanswered', 'discordUnansweredDescription').toJSON(),
  execute(interaction, ctx) {
    return runModeratorCommand(interaction, ctx, async () => {
      const report = ctx.curator.report(REPORT_CHARS);
      await interaction.reply({ ...renderCodeBlock(report), flags: MessageFlags.Ephemeral });
      return { result: 'sent', chars: report.length };
    });
  },
};
