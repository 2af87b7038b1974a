import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logger.js';
import { readBody } from './webhook-body.js';

/** What the webhook server bounds. Every limit holds whatever a client does (chunked bodies, slow bodies, idle sockets). */
export interface WebhookLimits {
  /** Largest body read, counted as the bytes arrive (413 past it). */
  maxBodyBytes: number;
  /** Time to receive a request's headers (408 past it). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, headers and body (408 past it). */
  requestTimeoutMs: number;
  /** Longest pause while a body arrives (408 past it). */
  bodyIdleTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; more are closed as they arrive. */
  maxConnections: number;
}

/** Telegram sends updates of a few KB with up to 100 connections (its max_connections); these leave room and stop abuse. */
export const DEFAULT_WEBHOOK_LIMITS: WebhookLimits = {
  maxBodyBytes: 1 << 20,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  bodyIdleTimeoutMs: 10_000,
  keepAliveTimeoutMs: 30_000,
  maxConnections: 256,
};

export interface WebhookServerOptions {
  host: string;
  port: number;
  /** Path Telegram POSTs updates to (the path of TELEGRAM_WEBHOOK_URL). */
  path: string;
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

export interface WebhookServer {
  /** The bound address (port 0 picks a free port). */
  address(): AddressInfo;
  /** Requests being handled now. */
  readonly inFlight: number;
  /** Stops accepting connections and waits for the updates in flight (the caller bounds the wait). */
  close(): Promise<void>;
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
 * A node:http server for webhook mode. POST <path> with the right
 * X-Telegram-Bot-Api-Secret-Token (checked before the body is read; 401
 * otherwise) carries one update: its body is read within the limits, parsed
 * (400 when it is not an update) and handled to the end before Telegram gets
 * 200, so an update Telegram considers delivered has been answered; if the
 * process dies first, Telegram delivers it again. GET /healthz answers 200 for
 * load balancers; anything else 404.
 */
export async function startWebhookServer(opts: WebhookServerOptions): Promise<WebhookServer> {
  const limits = { ...DEFAULT_WEBHOOK_LIMITS, ...opts.limits };
  const secret = Buffer.from(opts.secretToken);
  let inFlight = 0;

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return end(res, 200, '{"ok":true}');
    if (req.method !== 'POST' || path !== opts.path) return end(res, 404, '{"ok":false}', true);
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
    inFlight += 1;
    try {
      await opts.handle(update);
      end(res, 200, '{}');
    } catch (err) {
      opts.logger.error({ err, update_id: update.update_id }, 'webhook update not handled; Telegram will send it again');
      end(res, 500, '{"ok":false}');
    } finally {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    }
  }

  let drained: (() => void) | undefined;
  const sockets = new Set<Socket>();
  const server = createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, keepAliveTimeout: limits.keepAliveTimeoutMs, connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs) },
    (req, res) => void onRequest(req, res),
  );
  server.maxConnections = limits.maxConnections;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // Malformed requests and header/request timeouts: answered by status where the socket still can be, never logged with content.
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : 'Bad Request'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    address: () => server.address() as AddressInfo,
    get inFlight() {
      return inFlight;
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
      // Connections with no request in flight (idle keep-alive, or half-sent requests) are not waited for.
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** Ends a response; `close` also ends the connection (a body left unread must not be parsed as the next request). */
function end(res: ServerResponse, status: number, body: string, close = false): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(close ? { connection: 'close' } : {}) }).end(body);
}
