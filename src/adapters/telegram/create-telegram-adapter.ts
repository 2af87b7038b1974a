import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Config } from '../../config.js';
import { createConversation } from '../../core/conversation/conversation.js';
import type { Adapter, AdapterDeps } from '../types.js';
import { createApiFetch } from './api-fetch.js';
import { ALLOWED_UPDATES, createBot } from './create-bot.js';
import { telegramEvents } from './events.js';
import { DEFAULT_NETWORK_RETRY, type NetworkRetryOptions } from './network-retry.js';
import { pollHealth } from './poll-health.js';
import { telegramPermissions, telegramPublisher } from './ports.js';
import { setCommands } from './set-commands.js';
import { createWebhookHandler } from './webhook.js';

export interface TelegramAdapter extends Adapter {
  readonly bot: Bot;
  /** 'webhook' when TELEGRAM_WEBHOOK_URL is set, else long polling. */
  readonly mode: 'polling' | 'webhook';
}

export interface TelegramAdapterOptions {
  /** Retries of API calls that failed at the network level. */
  networkRetry?: NetworkRetryOptions;
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
  let lastUpdateId: number | undefined;
  const track = (id: number) => (lastUpdateId = Math.max(lastUpdateId ?? 0, id));
  const http = createApiFetch();
  const polling = pollHealth();
  const botOptions = { watchers: [polling.transformer], networkRetry: options.networkRetry ?? DEFAULT_NETWORK_RETRY, fetch: http.fetch, onUpdate: track, ...(deps.telemetry ? { telemetry: deps.telemetry } : {}) };
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
    return telegramEvents({ conversation, ids: deps.ids, publish: Boolean(config.TELEGRAM_CHANNEL_ID) });
  });
  const webhookUrl = config.TELEGRAM_WEBHOOK_URL;
  let runner: RunnerHandle | undefined;
  let unmount: (() => void) | undefined;
  const webhook = webhookUrl ? createWebhookHandler(bot, { secretToken: config.TELEGRAM_WEBHOOK_SECRET ?? '', logger: log }) : undefined;
  let state: 'not started' | 'initialising' | 'setting the webhook' | 'receiving' | 'stopped' | 'polling stopped' = 'not started';
  let reportFatal: (err: Error) => void = () => {};
  const fatal = new Promise<Error>((resolve) => (reportFatal = resolve));

  return {
    name: 'telegram',
    bot,
    fatal,
    mode: webhookUrl ? 'webhook' : 'polling',
    readiness() {
      if (state !== 'receiving') return state;
      if (runner && !runner.isRunning()) return 'polling stopped';
      return (runner && polling.failure()) || true;
    },
    async start() {
      if (webhook && !deps.routes) throw new Error('TELEGRAM_WEBHOOK_URL is set but no operations server runs to receive it (set OPS_PORT)');
      state = 'initialising';
      await bot.init();
      await setCommands(bot.api, config, log);
      if (webhook && webhookUrl && deps.routes) {
        state = 'setting the webhook';
        unmount = deps.routes.mount(new URL(webhookUrl).pathname, webhook.handle);
        await bot.api.setWebhook(webhookUrl, { secret_token: config.TELEGRAM_WEBHOOK_SECRET, allowed_updates: [...ALLOWED_UPDATES] });
        state = 'receiving';
        log.info({ bot: bot.botInfo.username, mode: 'webhook' }, 'Telegram bot receiving updates');
        return;
      }
      await bot.api.deleteWebhook();
      runner = run(bot, { runner: { silent: true, fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
      runner.task()?.catch((err: unknown) => {
        state = 'polling stopped';
        log.fatal({ err }, 'Telegram long polling stopped (is another instance polling with this token?)');
        reportFatal(err instanceof Error ? err : new Error(String(err)));
      });
      state = 'receiving';
      log.info({ bot: bot.botInfo.username, mode: 'polling' }, 'Telegram bot receiving updates');
    },
    async stop() {
      state = 'stopped';
      unmount?.();
      unmount = undefined;
      await webhook?.drain();
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
