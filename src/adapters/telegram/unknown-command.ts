import { Composer, type Context } from 'grammy';
import { t } from '../../core/i18n/index.js';
import type { TelegramDeps } from './deps.js';
import { userLang } from './lang.js';
import { passRateLimit } from './rate-limit.js';
import { sendReply } from './send-reply.js';

/**
 * The catch-all, registered last: a command none of the features took. Answered
 * in private chats, and in groups only when addressed to this bot (/cmd@bot);
 * other bots' commands are left alone.
 */
export function unknownCommand({ limiter }: TelegramDeps): Composer<Context> {
  const composer = new Composer();
  composer.on('message:entities:bot_command', async (ctx) => {
    const entity = ctx.message.entities.find((e) => e.type === 'bot_command' && e.offset === 0);
    if (!entity) return;
    const [name = '', target] = ctx.message.text.slice(1, entity.length).split('@');
    const forMe = target?.toLowerCase() === ctx.me.username.toLowerCase();
    if (target ? !forMe : ctx.chat.type !== 'private') return;
    if (!(await passRateLimit(ctx, limiter))) return;
    const lang = userLang(ctx);
    await sendReply(ctx, { kind: 'notice', lang, level: 'error', text: t(lang).unknownCommand(`/${name}`) });
  });
  return composer;
}
