import { Composer, type Context } from 'grammy';
import type { Lang } from '../../core/data/schema.js';
import { t } from '../../core/i18n/index.js';
import type { TelegramDeps } from './deps.js';
import { userLang } from './lang.js';
import { isModerator } from './moderators.js';
import { passRateLimit } from './rate-limit.js';
import { sendReply } from './send-reply.js';

/** What a moderator command did, for its one log line. */
export type Outcome = { result: string } & Record<string, unknown>;

/**
 * A command only moderators may run (TELEGRAM_MODERATOR_IDS and the
 * channel's administrators), in a private chat with the bot. Everyone else
 * gets a clear refusal in their language. Each request is logged once: the
 * command, who asked, and the result.
 */
export function moderatorCommand(deps: TelegramDeps, command: string, run: (ctx: Context, lang: Lang, userId: number) => Promise<Outcome>): Composer<Context> {
  const composer = new Composer();
  composer.command(command, async (ctx) => {
    const from = ctx.from;
    if (!from || !(await passRateLimit(ctx, deps.limiter))) return;
    const lang = userLang(ctx);
    const c = t(lang);
    const log = (outcome: Outcome) =>
      deps.logger.info({ command: `/${command}`, user: { id: from.id, username: from.username }, ...outcome }, 'moderator command');
    const refuse = (result: string, text: string) => {
      log({ result });
      return sendReply(ctx, { kind: 'notice', lang, level: 'error', text });
    };
    if (ctx.chat.type !== 'private') return refuse('not-private', c.tgPrivateOnly(`/${command}`));
    if (!(await isModerator(ctx.api, deps.config, from.id))) return refuse('refused', c.tgModeratorsOnly(`/${command}`));
    log(await run(ctx, lang, from.id));
  });
  return composer;
}
