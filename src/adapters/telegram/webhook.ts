import type { IncomingMessage, ServerResponse } from 'node:http';
import { BotError, webhookCallback, type Bot } from 'grammy';
import type { Logger } from '../../logger.js';
import type { HttpHandler } from '../types.js';

export interface WebhookOptions {
  secretToken: string;
  logger: Logger;
}

export interface WebhookHandler {
  /** Serves one request to the webhook's path (mounted on the operations server). */
  handle: HttpHandler;
  /** Resolves once the updates in flight are handled. */
  drain(): Promise<void>;
}

const MAX_BODY = 1 << 20;
/** Telegram waits about 10 s for an answer; after this the update keeps running and Telegram gets 200. */
const HANDLER_TIMEOUT_MS = 9_000;

/**
 * The webhook endpoint: POST runs grammY's webhookCallback (wrong
 * X-Telegram-Bot-Api-Secret-Token → 401), other methods get 405, bodies over
 * 1 MiB 413. Failed updates go to the bot's error boundary and still get 200,
 * so Telegram does not redeliver them forever.
 */
export function createWebhookHandler(bot: Bot, opts: WebhookOptions): WebhookHandler {
  const callback = webhookCallback(bot, 'http', { secretToken: opts.secretToken, onTimeout: 'return', timeoutMilliseconds: HANDLER_TIMEOUT_MS });
  const inFlight = new Set<Promise<void>>();

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return end(res, 405, '{"ok":false}');
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return end(res, 413, '{"ok":false}');
    try {
      await callback(req, res);
    } catch (err) {
      if (err instanceof BotError) await bot.errorHandler(err);
      else opts.logger.warn({ err }, 'bad webhook request');
      if (!res.headersSent) end(res, err instanceof BotError ? 200 : 400, '');
    }
  }

  return {
    handle(req, res) {
      const work = onRequest(req, res).finally(() => inFlight.delete(work));
      inFlight.add(work);
      return work;
    },
    async drain() {
      await Promise.allSettled([...inFlight]);
    },
  };
}

function end(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}
