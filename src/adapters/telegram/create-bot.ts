import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type ApiClientOptions } from 'grammy';
import { callbackButtons } from './callback-buttons.js';
import { askCommand } from './commands/ask.js';
import { helpCommand } from './commands/help.js';
import { postCommand } from './commands/post.js';
import { reloadCommand } from './commands/reload.js';
import { startCommand } from './commands/start.js';
import { topicCommand } from './commands/topic.js';
import { topicsCommand } from './commands/topics.js';
import { unansweredCommand } from './commands/unanswered.js';
import type { TelegramDeps } from './deps.js';
import { createErrorHandler } from './error-boundary.js';
import { inlineQuery } from './inline-query.js';
import { logRetriedAnswers } from './log-retried-answers.js';
import { retryNetworkErrors, type NetworkRetryOptions } from './network-retry.js';
import { questions } from './questions.js';
import { unknownCommand } from './unknown-command.js';

/** The update types the bot handles; everything else is not even delivered. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;

/** Telegram's own waits beyond this are not worth holding a reply for. */
const MAX_RETRY_AFTER_SECONDS = 60;

/**
 * The bot with every feature registered in order (the catch-all last), the
 * API retry policy and the error boundary. Updates of one chat are handled in
 * order; different chats concurrently.
 */
export function createBot(
  deps: TelegramDeps,
  networkRetry: NetworkRetryOptions,
  fetch: ApiClientOptions['fetch'],
  onUpdate?: (updateId: number) => void,
): Bot {
  const { config, logger } = deps;
  const bot = new Bot(config.TELEGRAM_BOT_TOKEN ?? '', { client: { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, ''), fetch } });
  bot.api.config.use(
    retryNetworkErrors(networkRetry, logger),
    logRetriedAnswers(logger),
    autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: MAX_RETRY_AFTER_SECONDS, rethrowHttpErrors: true }),
  );
  bot.catch(createErrorHandler(logger));
  if (onUpdate) {
    bot.use((ctx, next) => {
      onUpdate(ctx.update.update_id);
      return next();
    });
  }
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use(
    startCommand(deps),
    helpCommand(deps),
    topicsCommand(deps),
    topicCommand(deps),
    askCommand(deps),
    postCommand(deps),
    reloadCommand(deps),
    unansweredCommand(deps),
    callbackButtons(deps),
    inlineQuery(deps),
    questions(deps),
    unknownCommand(deps),
  );
  return bot;
}
