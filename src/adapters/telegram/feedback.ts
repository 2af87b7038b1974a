import { createHash } from 'node:crypto';
import type { Context } from 'grammy';
import type { Lang } from '../../core/data/schema.js';
import { t } from '../../core/i18n/index.js';
import type { TelegramDeps } from './deps.js';
import { passRateLimit } from './rate-limit.js';

/**
 * Recent votes of this process, so a second press can say "Vote changed".
 * Keys are hashes of (answer, user), never user ids; bounded, oldest first
 * out. The curator's store is the record: after a restart, or on another
 * webhook instance, a changed vote is still stored correctly and only the
 * wording of the thanks differs.
 */
export interface VoteMemory {
  /** Remembers `vote` and returns the vote this user gave this answer before, if known. */
  swap(answerKey: string, userId: number, vote: 1 | -1): 1 | -1 | undefined;
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

/** The answer a button is on: `<chat id>:<message id>`, or `inline:<id>` for inline-mode messages. */
export function answerKeyOf(ctx: Context): string | undefined {
  const query = ctx.callbackQuery;
  if (query?.inline_message_id) return `inline:${query.inline_message_id}`;
  const message = query?.message;
  return message ? `${message.chat.id}:${message.message_id}` : undefined;
}

/**
 * 👍 / 👎 under an answer: one vote per user per answer (a second press
 * changes it), stored by the curator with a salted hash of the user id. The
 * press is always answered; a store that fails gets a polite apology and the
 * bot keeps answering questions.
 */
export async function recordFeedback(ctx: Context, deps: TelegramDeps, topicId: string, vote: 1 | -1, lang: Lang): Promise<void> {
  const c = t(lang);
  const answerKey = answerKeyOf(ctx);
  if (!ctx.from || !answerKey || !deps.core.hasTopic(topicId)) {
    await ctx.answerCallbackQuery({ text: c.expired, show_alert: true });
    return;
  }
  if (!(await passRateLimit(ctx, deps.limiter))) return;
  let stored = false;
  try {
    stored = deps.curator.vote({ platform: 'telegram', answerKey, userId: String(ctx.from.id), topicId, vote });
  } catch (err) {
    deps.logger.warn({ err, update_id: ctx.update.update_id }, 'vote could not be recorded');
  }
  if (!stored) {
    await ctx.answerCallbackQuery({ text: c.tgVoteFailed });
    return;
  }
  const before = deps.votes.swap(answerKey, ctx.from.id, vote);
  await ctx.answerCallbackQuery({ text: before === undefined ? c.tgVoteThanks : before === vote ? c.tgVoteSame : c.tgVoteChanged });
}
