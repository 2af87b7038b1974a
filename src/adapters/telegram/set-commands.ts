import { GrammyError, type Api } from 'grammy';
import type { BotCommand, BotCommandScope } from 'grammy/types';
import type { Config } from '../../config.js';
import { LANGS, type Lang } from '../../core/data/schema.js';
import { t } from '../../core/i18n/index.js';
import type { Logger } from '../../logger.js';

/** The command menu everyone sees. */
export function publicCommands(lang: Lang = 'en'): BotCommand[] {
  const c = t(lang);
  return [
    { command: 'start', description: c.tgCommandStart },
    { command: 'help', description: c.tgCommandHelp },
    { command: 'topics', description: c.tgCommandTopics },
    { command: 'ask', description: c.tgCommandAsk },
    { command: 'topic', description: c.tgCommandTopic },
  ];
}

/** Commands only moderators see. */
export function moderatorCommands(lang: Lang = 'en'): BotCommand[] {
  const c = t(lang);
  return [
    { command: 'post', description: c.tgCommandPost },
    { command: 'reload', description: c.tgCommandReload },
    { command: 'unanswered', description: c.tgCommandUnanswered },
  ];
}

/**
 * Registers the command menus: the public ones in the default scope; public
 * plus moderator commands for chat administrators and in each listed
 * moderator's private chat. Each scope in English (the default for every
 * app language) and in Russian and Persian for apps set to `ru` or `fa`.
 * Best effort: a failure is logged, never fatal (a moderator who never
 * started the bot has no chat yet).
 */
export async function setCommands(api: Api, config: Config, logger: Logger): Promise<void> {
  const scopes: Array<{ scope: BotCommandScope; moderators: boolean }> = [
    { scope: { type: 'default' }, moderators: false },
    { scope: { type: 'all_chat_administrators' }, moderators: true },
    ...config.TELEGRAM_MODERATOR_IDS.map((id) => ({ scope: { type: 'chat', chat_id: Number(id) } as const, moderators: true })),
  ];
  for (const { scope, moderators } of scopes) {
    for (const lang of LANGS) {
      const commands = moderators ? [...publicCommands(lang), ...moderatorCommands(lang)] : publicCommands(lang);
      try {
        await api.setMyCommands(commands, { scope, ...(lang === 'en' ? {} : { language_code: lang }) });
      } catch (err) {
        if (!(err instanceof GrammyError)) throw err;
        logger.warn({ err, scope: scope.type, language_code: lang }, 'could not set the Telegram command menu');
        break; // the other languages of this scope would fail the same way
      }
    }
  }
}
