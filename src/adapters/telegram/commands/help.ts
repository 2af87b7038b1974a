import { Composer, type Context } from 'grammy';
import type { TelegramDeps } from '../deps.js';
import { userLang } from '../lang.js';
import { passRateLimit } from '../rate-limit.js';
import { sendReply } from '../send-reply.js';

/** /help: what the bot answers, with the topic keyboard, in the user's language. */
export function helpCommand({ core, limiter }: TelegramDeps): Composer<Context> {
  const composer = new Composer();
  composer.command('help', async (ctx) => {
    if (!(await passRateLimit(ctx, limiter))) return;
    await sendReply(ctx, core.help('help', userLang(ctx)));
  });
  return composer;
}
