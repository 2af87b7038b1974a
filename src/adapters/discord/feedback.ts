import { createHash } from 'node:crypto';
import type { Lang } from '../../core/data/schema.js';
import { t } from '../../core/i18n/index.js';
import type { ComponentInteraction } from './buttons.js';
import type { DiscordContext } from './context.js';
import { notice, replyWith } from './respond.js';

/**
 * Recent votes of this process, so a second click can say "Vote changed". Keys are
 * hashes of (answer, user), never user ids; bounded, oldest first out. The curator's
 * store is the record: after a restart or on another shard a changed vote is still
 * stored correctly, and only the wording of the thanks differs.
 */
export interface VoteMemory {
  /** Remembers `vote` and returns the vote this user gave this answer before, if known. */
  swap(answerKey: string, userId: string, vote: 1 | -1): 1 | -1 | undefined;
  readonly size: number;
}

export function createVoteMemory(max = 20_000): VoteMemory {
  const votes = new Map<string, 1 | -1>();
  return {
    get size() {
      return votes.size;
    },
    swap(answerKey, userId, vote) {
      const key = createHash('sha256').update(`${answerKey}\u0000${userId}`).digest('base64url');
      const before = votes.get(key);
      votes.delete(key);
      votes.set(key, vote);
      if (votes.size > max) votes.delete(votes.keys().next().value!);
      return before;
    },
  };
}

/**
 * 👍 / 👎 under an answer: one vote per user per answer (the answer is the message the
 * button is on; a second click changes the vote), stored by the curator with a salted
 * hash of the user id. The click is always answered, only to the clicker, in the
 * message's language; a store that fails gets a polite apology and answering goes on.
 */
export async function recordVote(interaction: ComponentInteraction, { core, curator, votes, logger }: DiscordContext, topicId: string, vote: 1 | -1, lang: Lang): Promise<void> {
  const c = t(lang);
  const say = (text: string) => replyWith(interaction, notice(lang, text), { ephemeral: true });
  if (!core.hasTopic(topicId)) return say(c.expired);
  const answerKey = interaction.message.id;
  const userId = interaction.user.id;
  let stored = false;
  try {
    stored = curator.vote({ platform: 'discord', answerKey, userId, topicId, vote });
  } catch (err) {
    logger.warn({ err, interaction: interaction.id, topic: topicId }, 'vote could not be recorded');
  }
  if (!stored) return say(c.discordVoteFailed);
  const before = votes.swap(answerKey, userId, vote);
  await say(before === undefined ? c.discordVoteThanks : before === vote ? c.discordVoteSame : c.discordVoteChanged);
}
