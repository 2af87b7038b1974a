import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../config.js';
import { createConversation } from '../../core/conversation/conversation.js';
import type { Adapter, AdapterDeps } from '../types.js';
import { createApiFetch } from './api-fetch.js';
import { ALLOWED_UPDATES, createBot } from './create-bot.js';
import { createGroupBudget } from './group-budget.js';
import { telegramEvents } from './events.js';
import { DEFAULT_NETWORK_RETRY, type NetworkRetryOptions } from './network-retry.js';
import { telegramPermissions, telegramPublisher } from './ports.js';
import { setCommands } from './set-commands.js';
import { startWebhookServer, type WebhookServer } from './webhook.js';

export interface TelegramAdapter extends Adapter {
  readonly bot: Bot;
  /** 'webhook' when TELEGRAM_WEBHOOK_URL is set, else long polling. */
  readonly mode: 'polling' | 'webhook';
  /** The webhook server's bound address (webhook mode, once started). */
  webhookAddress(): AddressInfo | undefined;
}

export interface TelegramAdapterOptions {
  /** Retries of API calls that failed at the network level. */
  networkRetry?: NetworkRetryOptions;
}

/**
 * The Telegram adapter: transport and rendering around the core's
 * conversation. Long polling with @grammyjs/runner by default (one instance
 * per token); with TELEGRAM_WEBHOOK_URL a webhook server, so any number of
 * instances can run behind a load balancer. It keeps no state of its own
 * beyond the last update id; flood limits, context and claims are the ports
 * boot gives it.
 */
export function createTelegramAdapter(config: Config, deps: AdapterDeps, options: TelegramAdapterOptions = {}): TelegramAdapter {
  if (!config.TELEGRAM_BOT_TOKEN) throw new Error('TELEGRAM_BOT_TOKEN is required for the Telegram adapter');
  const log = deps.logger.child({ adapter: 'telegram' });
  let lastUpdateId: number | undefined;
  const track = (id: number) => (lastUpdateId = Math.max(lastUpdateId ?? 0, id));
  const http = createApiFetch();
  const bot = createBot(config, log, { networkRetry: options.networkRetry ?? DEFAULT_NETWORK_RETRY, fetch: http.fetch, onUpdate: track }, (bot) => {
    const conversation = createConversation({
      core: deps.core.forPlatform('telegram'),
      limiter: deps.limiter,
      contexts: deps.contexts,
      claims: deps.claims,
      log,
      ...(deps.curator ? { curator: deps.curator } : {}),
      permissions: telegramPermissions(bot, config),
      publisher: telegramPublisher(bot, config, deps.cards, log),
    });
    return telegramEvents({ conversation, ids: deps.ids, publish: Boolean(config.TELEGRAM_CHANNEL_ID), groupBudget: createGroupBudget(config, deps.store),
      log,
      ...(deps.store ? { settle: deps.store.flush } : {}),
    });
  });
  const webhookUrl = config.TELEGRAM_WEBHOOK_URL;
  let runner: RunnerHandle | undefined;
  let server: WebhookServer | undefined;
  let reportFatal: (err: Error) => void = () => {};
  const fatal = new Promise<Error>((resolve) => (reportFatal = resolve));

  return {
    name: 'telegram',
    bot,
    fatal,
    mode: webhookUrl ? 'webhook' : 'polling',
    webhookAddress: () => server?.address(),
    async start() {
      await bot.init();
      await setCommands(bot.api, config, log);
      if (webhookUrl) {
        server = await startWebhookServer(bot, {
          host: config.TELEGRAM_WEBHOOK_HOST,
          port: config.TELEGRAM_WEBHOOK_PORT,
          path: new URL(webhookUrl).pathname,
          secretToken: config.TELEGRAM_WEBHOOK_SECRET ?? '',
          logger: log,
        });
        await bot.api.setWebhook(webhookUrl, {
          secret_token: config.TELEGRAM_WEBHOOK_SECRET,
          allowed_updates: [...ALLOWED_UPDATES],
          max_connections: config.TELEGRAM_WEBHOOK_MAX_CONNECTIONS,
        });
        log.info({ bot: bot.botInfo.username, mode: 'webhook', port: server.address().port }, 'Telegram bot receiving updates');
        return;
      }
      await bot.api.deleteWebhook();
      runner = run(bot, { runner: { silent: true, fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
      runner.task()?.catch((err: unknown) => {
        log.fatal({ err }, 'Telegram long polling stopped (is another instance polling with this token?)');
        reportFatal(err instanceof Error ? err : new Error(String(err)));
      });
      log.info({ bot: bot.botInfo.username, mode: 'polling' }, 'Telegram bot receiving updates');
    },
    async stop() {
      const open = server;
      server = undefined;
      if (open) await open.close();
      const handle = runner;
      runner = undefined;
      if (handle) {
        await handle.stop();
        // Confirm what was handled so a restart does not see it again (as bot.stop() does).
        if (lastUpdateId !== undefined) await bot.api.getUpdates({ offset: lastUpdateId + 1, limit: 1, timeout: 0 }).catch(() => undefined);
      }
      await http.close();
    },
  };
}
