import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logger.js';
import type { HttpHandler } from '../types.js';
import { readBody } from './webhook-body.js';

/**
 * What the webhook bounds per request. The webhook is served by the operations
 * server, which bounds the connections themselves (header and request
 * deadlines, keep-alive, the connection cap: `HttpServerLimits` in
 * src/ops/ops-server.ts); these hold whatever a client does (chunked bodies, slow bodies).
 */
export interface WebhookLimits {
  /** Largest body read, counted as the bytes arrive (413 past it). */
  maxBodyBytes: number;
  /** Longest pause while a body arrives (408 past it). */
  bodyIdleTimeoutMs: number;
}

/** Telegram sends updates of a few KB; this leaves room and stops abuse. */
export const DEFAULT_WEBHOOK_LIMITS: WebhookLimits = {
  maxBodyBytes: 1 << 20,
  bodyIdleTimeoutMs: 10_000,
};

export interface WebhookOptions {
  secretToken: string;
  logger: Logger;
  /**
   * Handles one update to the end (the bot's error boundary included). Its
   * promise settles when the update is handled; only then does Telegram get
   * 200. A rejection means it was not handled: Telegram gets 500 and sends it again.
   */
  handle(update: Update): Promise<void>;
  limits?: Partial<WebhookLimits>;
}

export interface WebhookHandler {
  /** Serves one request to the webhook's path (mounted on the operations server). */
  handle: HttpHandler;
  /** Requests being handled now. */
  readonly inFlight: number;
  /** Resolves once the updates in flight are handled (the caller bounds the wait). */
  drain(): Promise<void>;
}

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

function sameSecret(given: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const bytes = Buffer.from(given);
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

const isUpdate = (value: unknown): value is Update =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Number.isSafeInteger((value as { update_id?: unknown }).update_id);

/**
 * The webhook endpoint, mounted on the operations server at the path of
 * TELEGRAM_WEBHOOK_URL. POST with the right X-Telegram-Bot-Api-Secret-Token
 * (checked before the body is read; 401 otherwise) carries one update: its
 * body is read within the limits, parsed (400 when it is not an update) and
 * handled to the end before Telegram gets 200, so an update Telegram considers
 * delivered has been answered; if the process dies first, Telegram delivers it
 * again. Other methods get 405.
 */
export function createWebhookHandler(opts: WebhookOptions): WebhookHandler {
  const limits = { ...DEFAULT_WEBHOOK_LIMITS, ...opts.limits };
  const secret = Buffer.from(opts.secretToken);
  const inFlight = new Set<Promise<void>>();

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return end(res, 405, '{"ok":false}', true);
    if (!sameSecret(req.headers[SECRET_HEADER], secret)) return end(res, 401, '{"ok":false}', true);
    const body = await readBody(req, limits);
    if (!body.ok) {
      opts.logger.warn({ status: body.status, reason: body.reason }, 'webhook request refused');
      return end(res, body.status, '{"ok":false}', true);
    }
    let update: unknown;
    try {
      update = JSON.parse(body.text);
    } catch {
      update = undefined;
    }
    if (!isUpdate(update)) {
      opts.logger.warn({ bytes: body.bytes }, 'webhook body is not an update');
      return end(res, 400, '{"ok":false}');
    }
    const work = opts.handle(update);
    inFlight.add(work);
    try {
      await work;
      end(res, 200, '{}');
    } catch (err) {
      opts.logger.error({ err, update_id: update.update_id }, 'webhook update not handled; Telegram will send it again');
      end(res, 500, '{"ok":false}');
    } finally {
      inFlight.delete(work);
    }
  }

  return {
    handle: onRequest,
    get inFlight() {
      return inFlight.size;
    },
    async drain() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}

/** Ends a response; `close` also ends the connection (a body left unread must not be parsed as the next request). */
function end(res: ServerResponse, status: number, body: string, close = false): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(close ? { connection: 'close' } : {}) }).end(body);
}
