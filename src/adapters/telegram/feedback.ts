import type { Context } from 'grammy';
import type { Lang } from '../../core/data/schema.js';
import { t } from '../../core/i18n/index.js';
import type { VoteOutcome } from '../../curator/store.js';
import type { TelegramDeps } from './deps.js';
import { passRateLimit } from './rate-limit.js';

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
  let outcome: VoteOutcome | false = false;
  try {
    outcome = deps.curator.vote({ platform: 'telegram', answerKey, userId: String(ctx.from.id), topicId, vote });
  } catch (err) {
    deps.logger.warn({ err, update_id: ctx.update.update_id }, 'vote could not be recorded');
  }
  if (!outcome) {
    await ctx.answerCallbackQuery({ text: c.tgVoteFailed });
    return;
  }
  await ctx.answerCallbackQuery({ text: outcome === 'new' ? c.tgVoteThanks : outcome === 'same' ? c.tgVoteSame : c.tgVoteChanged });
}
