import { Composer, type Context } from 'grammy';
import { topicFromStartPayload } from '../deep-link.js';
import type { TelegramDeps } from '../deps.js';
import { userLang } from '../lang.js';
import { passRateLimit } from '../rate-limit.js';
import { sendReply } from '../send-reply.js';

/** /start: the welcome, or the topic of a `t.me/<bot>?start=topic_<id>[_<lang>]` deep link. */
export function startCommand({ core, limiter }: TelegramDeps): Composer<Context> {
  const composer = new Composer();
  composer.command('start', async (ctx) => {
    if (!(await passRateLimit(ctx, limiter))) return;
    const link = topicFromStartPayload(ctx.match);
    const lang = link?.lang ?? userLang(ctx);
    await sendReply(ctx, link ? core.topic(link.topicId, lang) : core.help('welcome', lang));
  });
  return composer;
}
