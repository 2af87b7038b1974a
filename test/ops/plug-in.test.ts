import { request } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../src/adapters/console/console-adapter.js';
import { boot } from '../../src/boot/boot.js';
import { type Ops, startOps } from '../../src/boot/ops.js';

/**
 * What another part of the bot (a web desk, say) plugs into the operations server:
 * routes under a path of its own, and its own readiness check. Real boot, real
 * console surface, real server on port 0.
 */
let ops: Ops | undefined;
let input: PassThrough | undefined;
let release: (() => void) | undefined;
afterEach(async () => {
  input?.end();
  await ops?.close();
  release?.();
});

function call(port: number, method: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('plugging into the operations server', () => {
  it('serves a mounted subtree (deepest mount wins) and holds readiness on an added check until it passes or is removed', async () => {
    const booted = await boot({
      curator: 'memory',
      environment: { env: { OPS_PORT: '0', LOG_LEVEL: 'silent', WATCH_DATA: 'false', DB_PATH: '' }, file: undefined },
    });
    release = () => {
      booted.reloadAskedWhileBooting(); // lets go of the SIGHUP boot holds until a process runs
      booted.curator?.close();
    };
    ops = await startOps(booted);
    const port = ops.server!.address().port;
    input = new PassThrough();
    const chat = createConsoleAdapter(booted.deps, { input, output: new PassThrough(), interactive: false });
    await chat.start();
    ops.watch([chat]);
    expect(await call(port, 'GET', '/readyz')).toEqual({ status: 200, body: '{"ready":true}' });

    const routes = ops.routes!;
    routes.mount('/desk/', (req, res) => void res.writeHead(200).end(`desk ${req.method} ${req.url}`));
    const unmountApi = routes.mount('/desk/api/', (req, res) => void res.writeHead(200).end(`api ${req.url}`));
    expect(await call(port, 'GET', '/desk/')).toEqual({ status: 200, body: 'desk GET /desk/' });
    expect(await call(port, 'POST', '/desk/questions/7?page=2')).toEqual({ status: 200, body: 'desk POST /desk/questions/7?page=2' });
    expect(await call(port, 'GET', '/desk/api/topics')).toEqual({ status: 200, body: 'api /desk/api/topics' });
    expect((await call(port, 'GET', '/desk')).status).toBe(404); // the subtree is below '/desk/', not beside it
    unmountApi();
    expect(await call(port, 'GET', '/desk/api/topics')).toEqual({ status: 200, body: 'desk GET /desk/api/topics' });
    expect(() => routes.mount('/', () => {})).toThrow(/below \//);
    expect(() => routes.mount('/desk/', () => {})).toThrow(/already served/);
    expect(() => routes.mount('/ready', () => {})).not.toThrow();
    expect(() => routes.mount('/re', () => {})).not.toThrow();
    expect((await call(port, 'GET', '/readyz')).status).toBe(200); // exact mounts beside the server's own paths leave them alone

    let deskStore: true | string = 'database not migrated';
    const removeCheck = ops.addCheck({ name: 'desk', check: () => deskStore });
    expect(await call(port, 'GET', '/readyz')).toEqual({ status: 503, body: '{"ready":false,"reasons":["desk: database not migrated"]}' });
    deskStore = true;
    expect((await call(port, 'GET', '/readyz')).status).toBe(200);
    deskStore = 'database gone';
    removeCheck();
    expect((await call(port, 'GET', '/readyz')).status).toBe(200);

    input.end();
    await chat.done;
    expect(await call(port, 'GET', '/readyz')).toEqual({ status: 503, body: '{"ready":false,"reasons":["console: input ended"]}' });
  });
});
