import { Composer, type Context } from 'grammy';
import type { TelegramDeps } from '../deps.js';
import { userLang } from '../lang.js';
import { passRateLimit } from '../rate-limit.js';
import { sendReply } from '../send-reply.js';

/** /topic <id>: one topic's answer card; without an id, the topic list. */
export function topicCommand({ core, limiter }: TelegramDeps): Composer<Context> {
  const composer = new Composer();
  composer.command('topic', async (ctx) => {
    if (!(await passRateLimit(ctx, limiter))) return;
    const id = ctx.match.trim().toLowerCase();
    const lang = userLang(ctx);
    await sendReply(ctx, id ? core.topic(id, lang) : core.help('topics', lang));
  });
  return composer;
}
