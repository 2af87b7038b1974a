import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type ApiClientOptions, type Context, type Middleware, type Transformer } from 'grammy';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { PlatformTelemetry } from '../types.js';
import { countApiErrors } from './api-telemetry.js';
import { createErrorHandler } from './error-boundary.js';
import { logRetriedAnswers } from './log-retried-answers.js';
import { retryNetworkErrors, type NetworkRetryOptions } from './network-retry.js';
import { reportUnauthorized } from './unauthorized.js';

/** The update types the bot handles; everything else is not even delivered. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;

/** Telegram's own waits beyond this are not worth holding a reply for. */
const MAX_RETRY_AFTER_SECONDS = 60;

export interface BotOptions {
  networkRetry: NetworkRetryOptions;
  fetch: ApiClientOptions['fetch'];
  /** Told once when Telegram answers 401: the token was revoked or replaced. */
  onUnauthorized: (err: Error) => void;
  /** Where failed and retried API calls are counted. */
  telemetry?: PlatformTelemetry;
  /** Transformers that see every attempt of every call (installed innermost, inside the retries). */
  watchers?: Transformer[];
}

/**
 * The bot with the API retry policy, the error boundary and the adapter's
 * handler (`handler(bot)`, given the bot so its ports can call the API).
 * Updates of one chat are handled in order; different chats concurrently.
 */
export function createBot(config: Config, logger: Logger, options: BotOptions, handler: (bot: Bot) => Middleware<Context>): Bot {
  const bot = new Bot(config.TELEGRAM_BOT_TOKEN ?? '', { client: { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, ''), fetch: options.fetch } });
  const { telemetry } = options;
  bot.api.config.use(...(options.watchers ?? []));
  if (telemetry) bot.api.config.use(countApiErrors(telemetry));
  bot.api.config.use(
    reportUnauthorized(options.onUnauthorized),
    retryNetworkErrors(options.networkRetry, logger, telemetry),
    logRetriedAnswers(logger, telemetry),
    autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: MAX_RETRY_AFTER_SECONDS, rethrowHttpErrors: true }),
  );
  bot.catch(createErrorHandler(logger));
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use(handler(bot));
  return bot;
}
