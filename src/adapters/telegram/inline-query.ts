import { Composer, type Context } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import { detectLanguage } from '../../core/text/lang.js';
import type { TelegramDeps } from './deps.js';
import { topicDeepLink } from './deep-link.js';
import { sanitizeText } from './html.js';
import { renderInlineResult } from './render.js';

export const INLINE_RESULTS = 10;
/** Results depend on the query, the data and the user's language, so they are cached per user. */
export const INLINE_CACHE_SECONDS = 300;

/**
 * `@bot gas` in any chat: up to ten matching topic cards; an empty query
 * offers the main topics. Results are in the query's language (its script;
 * the user's Telegram language for an empty or ambiguous query).
 */
export function inlineQuery({ core }: TelegramDeps): Composer<Context> {
  const composer = new Composer();
  composer.on('inline_query', async (ctx) => {
    const query = sanitizeText(ctx.inlineQuery.query).slice(0, 256);
    const lang = detectLanguage(query, ctx.from.language_code);
    const results = core.searchTopics(query, INLINE_RESULTS, lang).flatMap((ref): InlineQueryResultArticle[] => {
      const reply = core.topic(ref.id, lang);
      return reply.kind === 'answer' ? [renderInlineResult(reply, topicDeepLink(ctx.me.username, ref.id, lang))] : [];
    });
    await ctx.answerInlineQuery(results, { cache_time: INLINE_CACHE_SECONDS, is_personal: true });
  });
  return composer;
}
