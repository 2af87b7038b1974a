import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type OpsServer, type Readiness, startOpsServer } from '../../src/ops/ops-server.js';
import { readinessOf } from '../../src/ops/readiness.js';
import { capturingLogger } from '../support/log.js';

let server: OpsServer | undefined;
afterEach(() => server?.close());

function call(port: number, method: string, path: string): Promise<{ status: number; body: string; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

const start = async (readiness: () => Promise<Readiness>) => {
  server = await startOpsServer({
    host: '127.0.0.1',
    port: 0,
    logger: capturingLogger().logger,
    readiness,
    metrics: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'up 1\n' }),
  });
  return server.address().port;
};

describe('the operations server', () => {
  it('answers /healthz, /readyz from the checks, /metrics, and 404/405 for the rest', async () => {
    let ready: Readiness = { ready: false, reasons: ['telegram: initialising'] };
    const port = await start(async () => ready);
    expect(await call(port, 'GET', '/healthz')).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(await call(port, 'GET', '/readyz')).toMatchObject({ status: 503, body: '{"ready":false,"reasons":["telegram: initialising"]}' });
    ready = { ready: true };
    expect(await call(port, 'GET', '/readyz?verbose=1')).toMatchObject({ status: 200, body: '{"ready":true}' });
    expect(await call(port, 'GET', '/metrics')).toMatchObject({ status: 200, body: 'up 1\n', type: 'text/plain; version=0.0.4; charset=utf-8' });
    expect((await call(port, 'POST', '/readyz')).status).toBe(405);
    expect((await call(port, 'GET', '/telegram/hook')).status).toBe(404);
  });

  it('a readiness check that throws is a 503 with its reason, not a crash', async () => {
    const port = await start(async () =>
      readinessOf([
        { name: 'store', check: () => true },
        {
          name: 'discord',
          check: () => {
            throw new Error('boom');
          },
        },
      ]),
    );
    expect(await call(port, 'GET', '/readyz')).toMatchObject({ status: 503, body: '{"ready":false,"reasons":["discord: check failed: boom"]}' });
    expect((await call(port, 'GET', '/healthz')).status).toBe(200);
  });

  it('serves a mounted path until it is taken off, and refuses to mount over its own paths or twice', async () => {
    const port = await start(async () => ({ ready: true }));
    const unmount = server!.mount('/tg/hook', (_req, res) => void res.writeHead(204).end());
    expect((await call(port, 'POST', '/tg/hook')).status).toBe(204);
    expect(() => server!.mount('/tg/hook', () => {})).toThrow(/already served/);
    expect(() => server!.mount('/metrics', () => {})).toThrow(/already served/);
    unmount();
    expect((await call(port, 'POST', '/tg/hook')).status).toBe(404);
  });
});
