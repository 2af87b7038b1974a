import type { Context } from 'grammy';
import type { Lang } from '../../core/data/schema.js';
import { supportedLang } from '../../core/text/lang.js';

/**
 * The language of the user's Telegram app, when we speak it: for commands,
 * refusals, notices and buttons. Answers use the language of the question
 * instead (the reply's `lang`).
 */
export function userLang(ctx: Context): Lang {
  return supportedLang(ctx.from?.language_code) ?? 'en';
}
