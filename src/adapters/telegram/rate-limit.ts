import type { Context } from 'grammy';
import { t } from '../../core/i18n/index.js';
import { userLang } from './lang.js';
import { renderTelegram } from './render.js';
import { createFloodControl, type FloodDecision } from '../shared/token-bucket.js';

export type RateDecision = FloodDecision;

/** Per-user flood control: `check` once for every reply the bot is about to make. */
export interface RateLimiter {
  check(userId: number): RateDecision;
  /** Users currently tracked (for tests and metrics). */
  readonly size: number;
}

/** The shared token bucket, keyed by Telegram user id. */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const flood = createFloodControl(perMinute, now);
  return {
    get size() {
      return flood.size;
    },
    check: (userId) => flood.take(String(userId)),
  };
}

/**
 * Whether the bot may answer this update. When not, the user gets the polite
 * notice once (as a message, or as the callback query's answer) and silence after.
 * Callback queries refused here are answered here.
 */
export async function passRateLimit(ctx: Context, limiter: RateLimiter): Promise<boolean> {
  const userId = ctx.from?.id;
  if (userId === undefined) return true;
  const decision = limiter.check(userId);
  if (decision === 'ok') return true;
  const lang = userLang(ctx);
  const notice = t(lang).slowDown;
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery(decision === 'notice' ? { text: notice } : undefined);
  } else if (decision === 'notice' && ctx.chat) {
    const { text, ...other } = renderTelegram({ kind: 'notice', lang, level: 'info', text: notice });
    await ctx.reply(text, { ...other, ...(ctx.message && ctx.chat.type !== 'private' ? { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } } : {}) });
  }
  return false;
}
