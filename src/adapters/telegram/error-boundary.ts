import { GrammyError, HttpError, type BotError, type Context } from 'grammy';
import { t } from '../../core/i18n/index.js';
import { supportedLang } from '../../core/text/lang.js';
import type { Logger } from '../../logger.js';

/** The kind of update ("message", "callback_query", …) without its content. */
export function updateType(ctx: Context): string {
  return Object.keys(ctx.update).find((k) => k !== 'update_id') ?? 'unknown';
}

/**
 * The adapter's one error boundary (bot.catch, the runner and the webhook
 * server all end here): logs the failure once with the update's context and
 * no content or tokens (the logger scrubs them from inner errors), tells the
 * user briefly when the failure was ours rather than Telegram's, and returns,
 * so the bot keeps running.
 */
export function createErrorHandler(logger: Logger): (error: BotError<Context>) => Promise<void> {
  return async ({ error, ctx }) => {
    logger.error({ err: error, update_id: ctx.update.update_id, update_type: updateType(ctx), chat_type: ctx.chat?.type }, 'Telegram update failed');
    if (error instanceof GrammyError || error instanceof HttpError) return;
    try {
      const text = t(supportedLang(ctx.from?.language_code) ?? 'en').failed;
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
      else if (ctx.message) await ctx.reply(text);
    } catch {
      // The apology is best effort; the failure is already logged.
    }
  };
}
