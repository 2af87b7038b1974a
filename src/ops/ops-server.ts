import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HttpHandler, HttpRoutes } from '../adapters/types.js';
import type { Logger } from '../logger.js';

/** Whether the process can serve: every check passed, or the reasons it cannot. */
export type Readiness = { ready: true } | { ready: false; reasons: string[] };

/**
 * What the server bounds for every connection, whatever a client does: it also
 * serves the Telegram webhook to the internet (the webhook bounds its bodies itself).
 */
export interface HttpServerLimits {
  /** Time to receive a request's headers (408 past it). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, headers and body (408 past it). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; more are closed as they arrive. */
  maxConnections: number;
}

/** Telegram opens up to 100 connections (its max_connections); these leave room and stop abuse. */
export const DEFAULT_HTTP_LIMITS: HttpServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 30_000,
  maxConnections: 256,
};

export interface OpsServerOptions {
  host: string;
  port: number;
  logger: Logger;
  readiness(): Promise<Readiness>;
  metrics(): Promise<{ contentType: string; body: string }>;
  limits?: Partial<HttpServerLimits>;
}

export interface OpsServer extends HttpRoutes {
  address(): AddressInfo;
  /** Stops accepting connections; requests in flight finish first, then idle and half-sent connections are closed. */
  close(): Promise<void>;
}

const OWN = ['/healthz', '/readyz', '/metrics'];

const json = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' }).end(text);
};

/**
 * The operations HTTP server, one per process that serves (OPS_HOST:OPS_PORT):
 *  - GET /healthz: 200 while the process lives and its event loop turns;
 *  - GET /readyz: 200 `{ ready: true }` when every enabled surface is connected and the
 *    store is writable, else 503 `{ ready: false, reasons: [...] }`;
 *  - GET /metrics: Prometheus text format;
 *  - mounted paths (the Telegram webhook), which handle their own methods: an exact
 *    path, or a subtree when the path ends in '/' (the deepest mounted subtree wins).
 * Anything else is 404. A failing check is a 503 with its reason, never a crash.
 */
export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const mounts = new Map<string, HttpHandler>();
  /** The handler of the deepest mounted subtree ('/desk/') holding `path`. */
  const subtreeOf = (path: string): HttpHandler | undefined => {
    let best: string | undefined;
    for (const mounted of mounts.keys()) if (mounted.endsWith('/') && path.startsWith(mounted) && mounted.length > (best?.length ?? 0)) best = mounted;
    return best === undefined ? undefined : mounts.get(best);
  };

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const mounted = mounts.get(path) ?? subtreeOf(path);
    if (mounted) return mounted(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, OWN.includes(path) ? 405 : 404, { ok: false });
    if (path === '/healthz') return json(res, 200, { ok: true });
    if (path === '/readyz') {
      const state = await opts.readiness().catch((err: unknown): Readiness => ({ ready: false, reasons: [`readiness check failed: ${String(err)}`] }));
      return json(res, state.ready ? 200 : 503, state);
    }
    if (path === '/metrics') {
      const { contentType, body } = await opts.metrics();
      res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) }).end(body);
      return;
    }
    json(res, 404, { ok: false });
  }

  const limits = { ...DEFAULT_HTTP_LIMITS, ...opts.limits };
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const sockets = new Set<Socket>();
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    (req, res) => {
      inFlight += 1;
      res.once('close', () => {
        inFlight -= 1;
        if (inFlight === 0) drained?.();
      });
      onRequest(req, res).catch((err: unknown) => {
        opts.logger.error({ err, path: (req.url ?? '').split('?')[0] }, 'operations request failed');
        if (!res.headersSent) json(res, 500, { ok: false });
        else res.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // Malformed requests and header/request timeouts: answered by status where the socket still can be, never logged with content.
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    if (socket.writable)
      socket.end(`HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : 'Bad Request'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  opts.logger.info({ host: address.address, port: address.port }, 'operations server listening (/healthz, /readyz, /metrics)');

  return {
    address: () => address,
    mount(path, handler) {
      if (!path.startsWith('/') || path === '/') throw new Error(`cannot mount "${path}": give a path below /`);
      if (mounts.has(path) || OWN.some((own) => own === path || (path.endsWith('/') && own.startsWith(path)))) throw new Error(`${path} is already served`);
      mounts.set(path, handler);
      return () => void mounts.delete(path);
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
