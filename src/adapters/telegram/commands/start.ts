import { Composer, type Context } from 'grammy';
import { topicFromStartPayload } from '../deep-link.js';
import type { TelegramDeps } from '../deps.js';
import { passRateLimit } from '../rate-limit.js';
import { sendReply } from '../send-reply.js';

/** /start: the welcome, or the topic of a `t.me/<bot>?start=topic_<id>` deep link. */
export function startCommand({ core, limiter }: TelegramDeps): Composer<Context> {
  const composer = new Composer();
  composer.command('start', async (ctx) => {
    if (!(await passRateLimit(ctx, limiter))) return;
    const topicId = topicFromStartPayload(ctx.match);
    await sendReply(ctx, topicId ? core.topic(topicId) : core.help('welcome'));
  });
  return composer;
}
