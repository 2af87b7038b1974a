import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { AddressInfo } from 'node:net';
import { type CardRenderer, createCardRenderer } from '../../cards/index.js';
import type { Config } from '../../config.js';
import type { Core } from '../../core/core.js';
import type { Curator } from '../../curator/curator.js';
import type { Logger } from '../../logger.js';
import type { Adapter } from '../types.js';
import { createApiFetch } from './api-fetch.js';
import { ALLOWED_UPDATES, createBot } from './create-bot.js';
import { DEFAULT_NETWORK_RETRY, type NetworkRetryOptions } from './network-retry.js';
import { createRateLimiter } from './rate-limit.js';
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
  /** The summary-card renderer for /post (default: `createCardRenderer(core)`; one may be shared with other adapters). */
  cards?: CardRenderer;
}

/**
 * The Telegram adapter. Long polling with @grammyjs/runner by default (one
 * instance per token); with TELEGRAM_WEBHOOK_URL a webhook server, so any
 * number of instances can run behind a load balancer. It keeps no state that
 * matters between updates beyond a per-user flood limiter and a memory of
 * recent votes (votes themselves go to the curator's store). `core` should be
 * the core's Telegram view (`core.forPlatform('telegram')`), so recorded
 * questions say where they were asked.
 */
export function createTelegramAdapter(config: Config, core: Core, logger: Logger, curator: Curator, options: TelegramAdapterOptions = {}): TelegramAdapter {
  if (!config.TELEGRAM_BOT_TOKEN) throw new Error('TELEGRAM_BOT_TOKEN is required for the Telegram adapter');
  const log = logger.child({ adapter: 'telegram' });
  const limiter = createRateLimiter(config.RATE_LIMIT_PER_MINUTE);
  let lastUpdateId: number | undefined;
  const track = (id: number) => (lastUpdateId = Math.max(lastUpdateId ?? 0, id));
  const deps = { config, core, curator, logger: log, limiter, cards: options.cards ?? createCardRenderer(core) };
  const http = createApiFetch();
  const bot = createBot(deps, options.networkRetry ?? DEFAULT_NETWORK_RETRY, http.fetch, track);
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
        await bot.api.setWebhook(webhookUrl, { secret_token: config.TELEGRAM_WEBHOOK_SECRET, allowed_updates: [...ALLOWED_UPDATES] });
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
