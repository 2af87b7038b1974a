import { type Context, GrammyError } from 'grammy';
import type { Config } from '../../config.js';
import type { RateLimitPort } from '../../core/conversation/ports.js';
import type { IdHasher } from '../../core/ids.js';
import { createFloodControl } from '../../core/conversation/flood.js';
import { t } from '../../core/i18n/index.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import type { BotStore } from '../../store/resilient.js';
import { sharedLimiter } from '../../store/shared-ports.js';
import { clip, sanitize } from '../kit/text.js';
import { renderMessage } from './render.js';
import { replyToMessage } from './send.js';

/**
 * What the bot may still send to one group, after Telegram's limit of about
 * `TELEGRAM_GROUP_MESSAGES_PER_MINUTE` (20) messages a minute per group: two
 * token buckets per group, shared by every instance through the store when it
 * is shared. Answers hold at most a fifth of the limit at once and refill at
 * the rest less two a minute; notices ("ask me privately") hold one and refill
 * one a minute. A token bucket sends at most burst + rate in any minute, so the
 * two together never pass the limit.
 */
export interface GroupBudget {
  answers: RateLimitPort;
  notices: RateLimitPort;
  /** A group's key in the budgets (hashed: the shared store keeps no chat id in clear, and logs show none). */
  key(chatId: number): string;
}

export function createGroupBudget(config: Config, store: BotStore | undefined, ids: IdHasher, now: () => number = Date.now): GroupBudget {
  const key = (chatId: number) => ids.hash('tg-chat', chatId);
  const limit = config.TELEGRAM_GROUP_MESSAGES_PER_MINUTE;
  const burst = Math.max(1, Math.floor(limit / 5));
  const answers = { perMinute: limit - 2 - burst, burst };
  const notices = { perMinute: 1, burst: 1 };
  const localAnswers = createFloodControl(answers.perMinute, now, answers.burst);
  const localNotices = createFloodControl(notices.perMinute, now, notices.burst);
  if (!store?.shared) return { answers: localAnswers, notices: localNotices, key };
  return {
    answers: sharedLimiter(store, answers, localAnswers, 'tg-group', now),
    notices: sharedLimiter(store, notices, localNotices, 'tg-group-notice', now),
    key,
  };
}

const QUOTE = 120;
const TITLE = 64;

/** Whether Telegram refused a private message because the user never started the bot (or blocked it). */
const cannotWritePrivately = (err: unknown) =>
  err instanceof GrammyError && (err.error_code === 403 || (err.error_code === 400 && /chat not found/i.test(err.description)));

/**
 * A reply to a question asked in a group, within the group's budget: in the
 * group while it lasts; past it, privately to the asker, saying which question
 * it answers; where the asker cannot be written to (never started the bot),
 * the group is told once a minute where to ask instead. Never dropped silently.
 */
export async function replyInGroup(ctx: Context, reply: Reply, question: string, budget: GroupBudget, log: Logger): Promise<void> {
  const chat = ctx.chat!;
  const key = budget.key(chat.id);
  if ((await budget.answers.take(key)) === 'ok') {
    await replyToMessage(ctx, reply);
    return log.debug({ chat: key, delivered: 'group' }, 'group reply');
  }
  const c = t(reply.lang);
  const title = 'title' in chat && chat.title ? clip(sanitize(chat.title), TITLE) : '';
  const note = c.answeredPrivately(title, clip(sanitize(question), QUOTE));
  try {
    if (!ctx.from) throw new Error('no asker');
    const { text, ...other } = renderMessage({ ...reply, note: reply.note ? `${note} ${reply.note}` : note });
    await ctx.api.sendMessage(ctx.from.id, text, other);
    return log.debug({ chat: key, delivered: 'private' }, 'group reply');
  } catch (err) {
    if (ctx.from && !cannotWritePrivately(err)) throw err;
  }
  if ((await budget.notices.take(key)) !== 'ok') return log.debug({ chat: key, delivered: 'told-before' }, 'group reply');
  await replyToMessage(ctx, { kind: 'notice', lang: reply.lang, level: 'info', text: c.groupBusy(`@${ctx.me.username}`), actions: [] });
  log.debug({ chat: key, delivered: 'notice' }, 'group reply');
}
