import type { Lang } from '../../core/data/schema.js';
import { t } from '../../core/i18n/index.js';
import type { VoteOutcome } from '../../curator/store.js';
import type { ComponentInteraction } from './buttons.js';
import type { DiscordContext } from './context.js';
import { notice, replyWith } from './respond.js';

/**
 * 👍 / 👎 under an answer: one vote per user per answer (the answer is the message the
 * button is on; a second click changes the vote), stored by the curator with a salted
 * hash of the user id. The click is always answered, only to the clicker, in the
 * message's language; a store that fails gets a polite apology and answering goes on.
 */
export async function recordVote(interaction: ComponentInteraction, { core, curator, logger }: DiscordContext, topicId: string, vote: 1 | -1, lang: Lang): Promise<void> {
  const c = t(lang);
  const say = (text: string) => replyWith(interaction, notice(lang, text), { ephemeral: true });
  if (!core.hasTopic(topicId)) return say(c.expired);
  const answerKey = interaction.message.id;
  const userId = interaction.user.id;
  let outcome: VoteOutcome | false = false;
  try {
    outcome = curator.vote({ platform: 'discord', answerKey, userId, topicId, vote });
  } catch (err) {
    logger.warn({ err, interaction: interaction.id, topic: topicId }, 'vote could not be recorded');
  }
  if (!outcome) return say(c.discordVoteFailed);
  await say(outcome === 'new' ? c.discordVoteThanks : outcome === 'same' ? c.discordVoteSame : c.discordVoteChanged);
}
