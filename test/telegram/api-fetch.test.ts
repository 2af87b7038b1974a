import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiFetch } from '../../src/adapters/telegram/api-fetch.js';

// The fetch contract grammY relies on, against a real socket: any status resolves with its JSON body; network errors and aborts reject.
let server: Server;
let base: string;
const seen: { method?: string; type?: string; body: string }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, type: req.headers['content-type'], body });
      if (req.url === '/drop') return req.socket.destroy();
      if (req.url === '/hang') return;
      const status = req.url === '/limited' ? 429 : 200;
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify(status === 200 ? { ok: true, result: body.length } : { ok: false, error_code: 429, parameters: { retry_after: 3 } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('createApiFetch', () => {
  const http = createApiFetch();
  const call = (path: string, init: object) =>
    (http.fetch as unknown as (u: string, i: object) => Promise<{ json(): Promise<unknown> }>)(`${base}${path}`, init);
  afterAll(() => http.close());

  it('POSTs the JSON body with its headers and resolves with the parsed answer', async () => {
    const res = await call('/bot1/sendMessage', {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'keep-alive' },
      body: '{"text":"hi"}',
    });
    expect(await res.json()).toEqual({ ok: true, result: 13 });
    expect(seen.at(-1)).toEqual({ method: 'POST', type: 'application/json', body: '{"text":"hi"}' });
  });

  it('resolves on an error status, so grammY can read error_code and retry_after', async () => {
    expect(await (await call('/limited', { method: 'POST', body: '{}' })).json()).toMatchObject({ error_code: 429, parameters: { retry_after: 3 } });
  });

  it('rejects when the connection drops and when the signal aborts', async () => {
    await expect(call('/drop', { method: 'POST', body: '{}' })).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    const abort = new AbortController();
    const pending = call('/hang', { method: 'POST', body: '{}', signal: abort.signal });
    abort.abort();
    await expect(pending).rejects.toThrow();
  });

  it('close() may be called more than once', async () => {
    const other = createApiFetch();
    await other.close();
    await expect(other.close()).resolves.toBeUndefined(); // the second call does not reject with ClientDestroyedError
  });
});
