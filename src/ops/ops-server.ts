import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpHandler, HttpRoutes } from '../adapters/types.js';
import type { Logger } from '../logger.js';

/** Whether the process can serve: every check passed, or the reasons it cannot. */
export type Readiness = { ready: true } | { ready: false; reasons: string[] };

export interface OpsServerOptions {
  host: string;
  port: number;
  logger: Logger;
  readiness(): Promise<Readiness>;
  metrics(): Promise<{ contentType: string; body: string }>;
}

export interface OpsServer extends HttpRoutes {
  address(): AddressInfo;
  /** Stops accepting connections; requests in flight finish first. */
  close(): Promise<void>;
}

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
 *  - mounted paths (the Telegram webhook), which handle their own methods.
 * Anything else is 404. A failing check is a 503 with its reason, never a crash.
 */
export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const mounts = new Map<string, HttpHandler>();

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const mounted = mounts.get(path);
    if (mounted) return mounted(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, path === '/healthz' || path === '/readyz' || path === '/metrics' ? 405 : 404, { ok: false });
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

  const server = createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      opts.logger.error({ err, path: (req.url ?? '').split('?')[0] }, 'operations request failed');
      if (!res.headersSent) json(res, 500, { ok: false });
      else res.destroy();
    });
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
      if (mounts.has(path) || ['/healthz', '/readyz', '/metrics'].includes(path)) throw new Error(`${path} is already served`);
      mounts.set(path, handler);
      return () => void mounts.delete(path);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
