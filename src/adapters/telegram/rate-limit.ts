import type { Context } from 'grammy';
import { t } from '../../core/i18n/index.js';
import { userLang } from './lang.js';
import { renderTelegram } from './render.js';

export type RateDecision = 'ok' | 'notice' | 'silent';

/** Per-user flood control: `check` once for every reply the bot is about to make. */
export interface RateLimiter {
  check(userId: number): RateDecision;
  /** Users currently tracked (for tests and metrics). */
  readonly size: number;
}

interface Bucket {
  tokens: number;
  updated: number;
  noticed: boolean;
}

/**
 * A token bucket per user: `perMinute` replies a minute, refilled steadily.
 * The first refused reply gets one notice, later ones silence, until the user
 * has tokens again. Idle users are forgotten, so memory stays bounded.
 */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<number, Bucket>();
  const perMs = perMinute / 60_000;
  let checks = 0;

  function sweep(at: number) {
    for (const [id, b] of buckets) if (b.tokens + (at - b.updated) * perMs >= perMinute) buckets.delete(id);
  }

  return {
    get size() {
      return buckets.size;
    },
    check(userId) {
      const at = now();
      if (++checks % 1000 === 0) sweep(at);
      const b = buckets.get(userId) ?? { tokens: perMinute, updated: at, noticed: false };
      b.tokens = Math.min(perMinute, b.tokens + (at - b.updated) * perMs);
      b.updated = at;
      buckets.set(userId, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        b.noticed = false;
        return 'ok';
      }
      if (b.noticed) return 'silent';
      b.noticed = true;
      return 'notice';
    },
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
