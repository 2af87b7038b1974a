import { GrammyError, type Api } from 'grammy';
import type { BotCommand, BotCommandScope } from 'grammy/types';
import type { Config } from '../../config.js';
import { listedCommands } from '../../core/conversation/commands.js';
import { LANGS, type Lang } from '../../core/data/schema.js';
import { t } from '../../core/i18n/index.js';
import type { Logger } from '../../logger.js';

/** A command menu from the core's registry: everyone's commands, or with `privileged` also the moderators' ones. */
export function commandMenu(lang: Lang, privileged: boolean): BotCommand[] {
  return listedCommands('telegram')
    .filter((c) => privileged || !c.privilege)
    .map((c) => ({ command: c.name, description: t(lang)[c.description] }));
}

/**
 * Registers the command menus: everyone's commands in the default scope; with
 * the privileged ones for chat administrators and in each listed moderator's
 * private chat. Each scope in English (the default for every app language) and
 * in Russian and Persian for apps set to `ru` or `fa`. Best effort: a failure
 * is logged, never fatal (a moderator who never started the bot has no chat yet).
 */
export async function setCommands(api: Api, config: Config, logger: Logger): Promise<void> {
  const scopes: Array<{ scope: BotCommandScope; privileged: boolean }> = [
    { scope: { type: 'default' }, privileged: false },
    { scope: { type: 'all_chat_administrators' }, privileged: true },
    ...config.TELEGRAM_MODERATOR_IDS.map((id) => ({ scope: { type: 'chat', chat_id: Number(id) } as const, privileged: true })),
  ];
  for (const { scope, privileged } of scopes) {
    for (const lang of LANGS) {
      try {
        await api.setMyCommands(commandMenu(lang, privileged), { scope, ...(lang === 'en' ? {} : { language_code: lang }) });
      } catch (err) {
        if (!(err instanceof GrammyError)) throw err;
        logger.warn({ err, scope: scope.type, language_code: lang }, 'could not set the Telegram command menu');
        break; // the other languages of this scope would fail the same way
      }
    }
  }
}
