import { GrammyError, type Context } from 'grammy';
import type { Lang } from '../../core/data/schema.js';
import { t } from '../../core/i18n/index.js';
import type { TelegramDeps } from './deps.js';
import { topicsKeyboard } from './keyboards.js';
import { passRateLimit } from './rate-limit.js';
import { renderTelegram } from './render.js';

/** A topic button (related, did-you-mean, topic list): the answer in the button's language, as a new message, or in place in inline messages. */
export async function openTopic(ctx: Context, deps: TelegramDeps, topicId: string, lang: Lang): Promise<void> {
  const reply = deps.core.topic(topicId, lang);
  if (reply.kind !== 'answer') {
    await ctx.answerCallbackQuery({ text: t(lang).expired, show_alert: true });
    return;
  }
  if (!(await passRateLimit(ctx, deps.limiter))) return;
  await ctx.answerCallbackQuery();
  const { text, ...other } = renderTelegram(reply);
  if (ctx.chat) await ctx.reply(text, other);
  else await ctx.editMessageText(text, other);
}

/** Previous / Next under a topic list: swaps the keyboard in place (same language), leaving the text as it is. */
export async function showTopicsPage(ctx: Context, deps: TelegramDeps, page: number, lang: Lang): Promise<void> {
  if (!(await passRateLimit(ctx, deps.limiter))) return;
  await ctx.answerCallbackQuery();
  try {
    await ctx.editMessageReplyMarkup({ reply_markup: topicsKeyboard(deps.core.topics(lang), page, lang) });
  } catch (err) {
    // A double press asks for the page already shown.
    if (!(err instanceof GrammyError && /not modified/i.test(err.description))) throw err;
  }
}
