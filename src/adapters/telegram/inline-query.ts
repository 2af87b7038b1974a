import { Composer, type Context } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import type { TelegramDeps } from './deps.js';
import { topicDeepLink } from './deep-link.js';
import { sanitizeText } from './html.js';
import { renderInlineResult } from './render.js';

export const INLINE_RESULTS = 10;
/** Results depend only on the query and the data, so clients and Telegram may cache them. */
export const INLINE_CACHE_SECONDS = 300;

/** `@bot gas` in any chat: up to ten matching topic cards; an empty query offers the main topics. */
export function inlineQuery({ core }: TelegramDeps): Composer<Context> {
  const composer = new Composer();
  composer.on('inline_query', async (ctx) => {
    const query = sanitizeText(ctx.inlineQuery.query).slice(0, 256);
    const results = core.searchTopics(query, INLINE_RESULTS).flatMap((ref): InlineQueryResultArticle[] => {
      const reply = core.topic(ref.id);
      return reply.kind === 'answer' ? [renderInlineResult(reply, topicDeepLink(ctx.me.username, ref.id))] : [];
    });
    await ctx.answerInlineQuery(results, { cache_time: INLINE_CACHE_SECONDS, is_personal: false });
  });
  return composer;
}
