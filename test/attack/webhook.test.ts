import { once } from 'node:events';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { WebhookLimits } from '../../src/adapters/telegram/webhook.js';
import type { HttpServerLimits } from '../../src/ops/ops-server.js';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { startTelegram, type TelegramTest } from '../telegram/harness.js';

/**
 * Finding 6 of issue 16 and the webhook's lower items: the 1 MiB cap read
 * only Content-Length (a chunked body with the secret was buffered whole:
 * 600 MB killed the process), a slow body was held open for minutes,
 * connections were not capped, and a short webhook secret reached the log.
 * Each attack is made with raw sockets against the real webhook server.
 */
const SECRET = 'attack-test-secret_0123456789';
const HOOK = '/telegram/hook';
const alice = user(5101, 'Alice');

let tg: TelegramTest | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await tg?.stop();
  tg = undefined;
});

async function webhook(limits: Partial<WebhookLimits & HttpServerLimits> = {}): Promise<number> {
  const { maxBodyBytes, bodyIdleTimeoutMs, ...server } = limits;
  const body = { ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }), ...(bodyIdleTimeoutMs === undefined ? {} : { bodyIdleTimeoutMs }) };
  tg = await startTelegram({
    env: { TELEGRAM_WEBHOOK_URL: `https://bot.example.org${HOOK}`, TELEGRAM_WEBHOOK_SECRET: SECRET, OPS_HOST: '127.0.0.1', OPS_PORT: '0' },
    adapterOptions: { webhookLimits: body },
    opsLimits: server,
  });
  return tg.ops!.address().port;
}

/** A raw connection that collects what the server sends, and says when the server closed it. */
async function raw(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let data = '';
  socket.on('data', (c: Buffer) => (data += c.toString('latin1')));
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await once(socket, 'connect');
  return { socket, received: () => data, closed };
}

const headers = (extra: string) =>
  `POST ${HOOK} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nx-telegram-bot-api-secret-token: ${SECRET}\r\n${extra}\r\n`;

function update(id: number, text: string): string {
  return JSON.stringify({ update_id: id, ...messageUpdate(textMessage(privateChat(alice), alice, text)) });
}

describe('attack: the Telegram webhook', { timeout: 30_000 }, () => {
  it('a chunked body with the secret is cut off at 1 MiB as it arrives: 413 before the client has sent 8 MB, nothing handled', async () => {
    const port = await webhook();
    const { socket, received, closed } = await raw(port);
    socket.write(headers('transfer-encoding: chunked\r\n'));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    // The client keeps sending until the server answers or closes; a server that buffers the whole body never does before 8 MB.
    while (!received() && !socket.destroyed && sent < 8 * 1024 * 1024) {
      const ok = socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString('latin1')}\r\n`);
      sent += chunk.length;
      if (!ok) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), closed]);
    }
    await closed;
    expect(received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(sent).toBeLessThan(8 * 1024 * 1024);
    expect(tg!.fake.callsOf('sendMessage')).toEqual([]);
    expect(tg!.logs().some((l) => l.msg === 'webhook request refused' && l.status === 413)).toBe(true);
  });

  it('a body that stops arriving is answered 408 and its connection closed after the idle limit', async () => {
    const port = await webhook({ bodyIdleTimeoutMs: 300 });
    const { socket, received, closed } = await raw(port);
    socket.write(`${headers('content-length: 1000\r\n')}{"update_id":`);
    await closed;
    expect(received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a body trickled one byte at a time is cut off at the request deadline, however steady the trickle', async () => {
    const port = await webhook({ requestTimeoutMs: 1000, headersTimeoutMs: 500, bodyIdleTimeoutMs: 10_000 });
    const { socket, received, closed } = await raw(port);
    socket.write(headers('content-length: 100000\r\n'));
    const trickle = setInterval(() => socket.writable && socket.write('a'), 20);
    await closed;
    clearInterval(trickle);
    expect(received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('headers that never finish are cut off at the headers deadline', async () => {
    const port = await webhook({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const { socket, received, closed } = await raw(port);
    socket.write(`POST ${HOOK} HTTP/1.1\r\nhost: 127.0.0.1\r\n`);
    await closed;
    expect(received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('connections past the cap are closed as they arrive; the ones within it are served', async () => {
    const port = await webhook({ maxConnections: 3 });
    // Three keep-alive connections, each proven accepted by an answer to a health check.
    const held = await Promise.all([0, 1, 2].map(() => raw(port)));
    for (const c of held) c.socket.write('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    await Promise.all(held.map((c) => new Promise<void>((resolve) => c.socket.once('data', () => resolve()))));
    const extra = await raw(port);
    extra.socket.write('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    await extra.closed;
    expect(extra.received()).toBe('');
    // Once those go, a new connection is served again.
    for (const c of held) c.socket.destroy();
    await Promise.all(held.map((c) => c.closed));
    const reply = tg!.fake.waitFor('sendMessage');
    const res = await new Promise<number>((resolve, reject) => {
      const body = update(1, 'how much gas will russia send iran?');
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: HOOK,
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        },
        (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(res).toBe(200);
    expect((await reply).plain).toContain('55');
  });

  it('Telegram gets 200 only once the update is handled: the answer is sent before the acknowledgement', async () => {
    const port = await webhook();
    const held = tg!.fake.hold('sendMessage');
    let status = 0;
    const acknowledged = new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: HOOK,
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        },
        (r) => {
          status = r.statusCode ?? 0;
          r.resume();
          resolve();
        },
      );
      req.on('error', reject);
      req.end(update(2, 'how much gas will russia send iran?'));
    });
    await held.waitForPending(1);
    // The answer is in flight at the fake; the update is not handled yet, so Telegram has no answer either.
    expect(status).toBe(0);
    held.release();
    await acknowledged;
    expect(status).toBe(200);
    expect(tg!.fake.callsOf('sendMessage')).toHaveLength(1);
  });

  it('webhook secrets shorter than 16 characters are refused by name, never echoed', () => {
    expect(() =>
      loadConfig({
        TELEGRAM_BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/h',
        TELEGRAM_WEBHOOK_SECRET: 'short7',
      }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET: must be 16–256 characters/);
    try {
      loadConfig({ TELEGRAM_WEBHOOK_SECRET: 'short7' });
    } catch (err) {
      expect(String(err)).not.toContain('short7');
    }
  });

  it('a failed setWebhook is logged without its secret (or any configured secret, whatever its length)', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', pretty: false, secrets: ['abc', SECRET], destination: { write: (l: string) => lines.push(l) } as never });
    const tgFail = startTelegram({
      env: { TELEGRAM_WEBHOOK_URL: `https://bot.example.org${HOOK}`, TELEGRAM_WEBHOOK_SECRET: SECRET, OPS_HOST: '127.0.0.1', OPS_PORT: '0' },
      beforeStart: (fake) => fake.failNext('setWebhook', { error_code: 400, description: 'Bad Request: bad webhook: HTTPS url must be provided for webhook' }),
    });
    const err = await tgFail.catch((e: unknown) => e);
    expect(err).toMatchObject({ error_code: 400, method: 'setWebhook' });
    // As runAdapters logs a start failure: the error with its payload.
    logger.fatal({ err }, 'adapter failed to start');
    logger.info({ note: 'short secrets are scrubbed too: abc' }, 'line with abc');
    const text = lines.join('');
    expect(text).toContain('adapter failed to start');
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/\babc\b/);
  });
});
