import { GrammyError, type Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Config } from '../../config.js';
import { t } from '../../core/i18n/index.js';
import type { Logger } from '../../logger.js';

/** The command menu everyone sees. */
export function publicCommands(): BotCommand[] {
  const c = t('en');
  return [
    { command: 'start', description: c.tgCommandStart },
    { command: 'help', description: c.tgCommandHelp },
    { command: 'topics', description: c.tgCommandTopics },
    { command: 'ask', description: c.tgCommandAsk },
    { command: 'topic', description: c.tgCommandTopic },
  ];
}

/** Commands only moderators see (issue 6 adds /reload and /unanswered here). */
export function moderatorCommands(): BotCommand[] {
  return [{ command: 'post', description: t('en').tgCommandPost }];
}

/**
 * Registers the command menus: the public ones in the default scope; public
 * plus moderator commands for chat administrators and in each listed
 * moderator's private chat. Best effort: a failure is logged, never fatal
 * (a moderator who never started the bot has no chat yet).
 */
export async function setCommands(api: Api, config: Config, logger: Logger): Promise<void> {
  const everyone = publicCommands();
  const moderators = [...everyone, ...moderatorCommands()];
  const scopes = [
    { commands: everyone, scope: { type: 'default' } as const },
    { commands: moderators, scope: { type: 'all_chat_administrators' } as const },
    ...config.TELEGRAM_MODERATOR_IDS.map((id) => ({ commands: moderators, scope: { type: 'chat', chat_id: Number(id) } as const })),
  ];
  for (const { commands, scope } of scopes) {
    try {
      await api.setMyCommands(commands, { scope });
    } catch (err) {
      if (!(err instanceof GrammyError)) throw err;
      logger.warn({ err, scope: scope.type }, 'could not set the Telegram command menu');
    }
  }
}
