import { Composer, type Context } from 'grammy';
import type { TelegramDeps } from '../deps.js';
import { userLang } from '../lang.js';
import { passRateLimit } from '../rate-limit.js';
import { sendReply } from '../send-reply.js';

/** /topics: all topics as a paged inline keyboard (paging is in topic-buttons.ts). */
export function topicsCommand({ core, limiter }: TelegramDeps): Composer<Context> {
  const composer = new Composer();
  composer.command('topics', async (ctx) => {
    if (!(await passRateLimit(ctx, limiter))) return;
    await sendReply(ctx, core.help('topics', userLang(ctx)));
  });
  return composer;
}
