import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BotError, webhookCallback, type Bot } from 'grammy';
import type { Logger } from '../../logger.js';

export interface WebhookServerOptions {
  host: string;
  port: number;
  /** Path Telegram POSTs updates to (the path of TELEGRAM_WEBHOOK_URL). */
  path: string;
  secretToken: string;
  logger: Logger;
}

export interface WebhookServer {
  /** The bound address (port 0 picks a free port). */
  address(): AddressInfo;
  /** Stops accepting updates and waits for the ones in flight. */
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;
/** Telegram waits about 10 s for an answer; after this the update keeps running and Telegram gets 200. */
const HANDLER_TIMEOUT_MS = 9_000;

/**
 * A node:http server for webhook mode: POST <path> runs grammY's
 * webhookCallback (wrong X-Telegram-Bot-Api-Secret-Token → 401),
 * GET /healthz answers 200 for load balancers, anything else 404.
 * Failed updates go to the bot's error boundary and still get 200, so
 * Telegram does not redeliver them forever.
 */
export async function startWebhookServer(bot: Bot, opts: WebhookServerOptions): Promise<WebhookServer> {
  const handle = webhookCallback(bot, 'http', { secretToken: opts.secretToken, onTimeout: 'return', timeoutMilliseconds: HANDLER_TIMEOUT_MS });

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return end(res, 200, '{"ok":true}');
    if (req.method !== 'POST' || path !== opts.path) return end(res, 404, '{"ok":false}');
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return end(res, 413, '{"ok":false}');
    try {
      await handle(req, res);
    } catch (err) {
      if (err instanceof BotError) await bot.errorHandler(err);
      else opts.logger.warn({ err }, 'bad webhook request');
      if (!res.headersSent) end(res, err instanceof BotError ? 200 : 400, '');
    }
  }

  const server = createServer((req, res) => void onRequest(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    address: () => server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function end(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}
