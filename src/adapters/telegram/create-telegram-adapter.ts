import type { Bot } from 'grammy';
import type { Config } from '../../config.js';
import { createConversation } from '../../core/conversation/conversation.js';
import type { Adapter, AdapterDeps } from '../types.js';
import { createApiFetch } from './api-fetch.js';
import { ALLOWED_UPDATES, createBot } from './create-bot.js';
import { createGroupBudget } from './group-budget.js';
import { telegramEvents } from './events.js';
import { DEFAULT_NETWORK_RETRY, type NetworkRetryOptions } from './network-retry.js';
import { pollHealth } from './poll-health.js';
import { telegramPermissions, telegramPublisher } from './ports.js';
import { setCommands } from './set-commands.js';
import { handleUpdate } from './handle-update.js';
import { type Polling, startPolling } from './polling.js';
import { createWebhookHandler, type WebhookLimits } from './webhook.js';

export interface TelegramAdapter extends Adapter {
  readonly bot: Bot;
  /** 'webhook' when TELEGRAM_WEBHOOK_URL is set, else long polling. */
  readonly mode: 'polling' | 'webhook';
}

export interface TelegramAdapterOptions {
  /** Retries of API calls that failed at the network level. */
  networkRetry?: NetworkRetryOptions;
  /** The webhook's body limits (default DEFAULT_WEBHOOK_LIMITS); the operations server bounds its connections. */
  webhookLimits?: Partial<WebhookLimits>;
}

/**
 * The Telegram adapter: transport and rendering around the core's
 * conversation. Long polling with @grammyjs/runner by default (one instance
 * per token); with TELEGRAM_WEBHOOK_URL a webhook server, so any number of
 * instances can run behind a load balancer (served by the operations server,
 * `deps.routes`). Ready once initialised and polling, or once the webhook is set. It keeps no state of its own
 * beyond the last update id; flood limits, context and claims are the ports
 * boot gives it.
 */
export function createTelegramAdapter(config: Config, deps: AdapterDeps, options: TelegramAdapterOptions = {}): TelegramAdapter {
  if (!config.TELEGRAM_BOT_TOKEN) throw new Error('TELEGRAM_BOT_TOKEN is required for the Telegram adapter');
  const log = deps.logger.child({ adapter: 'telegram' });
  let reportFatal: (err: Error) => void = () => {};
  const fatal = new Promise<Error>((resolve) => (reportFatal = resolve));
  const http = createApiFetch();
  const health = pollHealth();
  const onUnauthorized = (err: Error) => {
    log.fatal({ setting: 'TELEGRAM_BOT_TOKEN' }, err.message);
    state = 'stopped for good';
    reportFatal(err);
  };
  const botOptions = {
    watchers: [health.transformer],
    networkRetry: options.networkRetry ?? DEFAULT_NETWORK_RETRY,
    fetch: http.fetch,
    onUnauthorized,
    ...(deps.telemetry ? { telemetry: deps.telemetry } : {}),
  };
  const bot = createBot(config, log, botOptions, (bot) => {
    const conversation = createConversation({
      core: deps.core.forPlatform('telegram'),
      limiter: deps.limiter,
      contexts: deps.contexts,
      claims: deps.claims,
      log,
      ...(deps.curator ? { curator: deps.curator } : {}),
      permissions: telegramPermissions(bot, config),
      publisher: telegramPublisher(bot, config, deps.cards, log),
      ...(deps.telemetry ? { telemetry: deps.telemetry } : {}),
    });
    return telegramEvents({
      conversation,
      ids: deps.ids,
      publish: Boolean(config.TELEGRAM_CHANNEL_ID),
      groupBudget: createGroupBudget(config, deps.store, deps.ids),
      log,
      ...(deps.store ? { settle: deps.store.flush } : {}),
    });
  });
  const webhookUrl = config.TELEGRAM_WEBHOOK_URL;
  let polling: Polling | undefined;
  let unmount: (() => void) | undefined;
  const webhook = webhookUrl
    ? createWebhookHandler({
        secretToken: config.TELEGRAM_WEBHOOK_SECRET ?? '',
        logger: log,
        handle: (update) => handleUpdate(bot, update),
        ...(options.webhookLimits ? { limits: options.webhookLimits } : {}),
      })
    : undefined;
  let state: 'not started' | 'initialising' | 'setting the webhook' | 'receiving' | 'stopped' | 'polling stopped' | 'stopped for good' = 'not started';

  return {
    name: 'telegram',
    bot,
    fatal,
    mode: webhookUrl ? 'webhook' : 'polling',
    readiness() {
      if (state !== 'receiving') return state;
      return (polling && health.failure()) || true;
    },
    async start() {
      if (webhook && !deps.routes) throw new Error('TELEGRAM_WEBHOOK_URL is set but no operations server runs to receive it (set OPS_PORT)');
      state = 'initialising';
      await bot.init();
      await setCommands(bot.api, config, log);
      if (webhook && webhookUrl && deps.routes) {
        state = 'setting the webhook';
        unmount = deps.routes.mount(new URL(webhookUrl).pathname, webhook.handle);
        await bot.api.setWebhook(webhookUrl, {
          secret_token: config.TELEGRAM_WEBHOOK_SECRET,
          allowed_updates: [...ALLOWED_UPDATES],
          max_connections: config.TELEGRAM_WEBHOOK_MAX_CONNECTIONS,
        });
        state = 'receiving';
        log.info({ bot: bot.botInfo.username, mode: 'webhook' }, 'Telegram bot receiving updates');
        return;
      }
      await bot.api.deleteWebhook();
      if (!deps.journal)
        log.warn(
          { setting: 'DB_PATH' },
          'no database on disk: each batch of updates is handled before the next is fetched (slower), and none is kept across a crash',
        );
      polling = startPolling(bot, {
        log,
        allowedUpdates: ALLOWED_UPDATES,
        journal: deps.journal,
        onFatal: (err) => {
          if (state === 'receiving') state = 'polling stopped';
          reportFatal(err);
        },
      });
      state = 'receiving';
      log.info({ bot: bot.botInfo.username, mode: 'polling', journal: Boolean(deps.journal) }, 'Telegram bot receiving updates');
    },
    async stop() {
      state = 'stopped';
      unmount?.();
      unmount = undefined;
      // Finishes the updates in flight (the caller bounds the wait).
      await webhook?.drain();
      const running = polling;
      polling = undefined;
      // Finishes the updates in flight (journalled ones not reached stay for the next start).
      if (running) await running.stop();
      await http.close();
    },
  };
}
