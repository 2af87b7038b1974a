import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { startTelegram, type TelegramTest } from './harness.js';

const SECRET = 'webhook-secret_value-123';
const alice = user(5001, 'Alice');

function post(port: number, path: string, body: string, headers: Record<string, string> = {}, method = 'POST'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Telegram webhook mode', () => {
  let tg: TelegramTest;
  let port: number;
  beforeEach(async () => {
    tg = await startTelegram({
      env: { TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook', TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_WEBHOOK_HOST: '127.0.0.1', TELEGRAM_WEBHOOK_PORT: '0' },
    });
    port = tg.adapter.webhookAddress()!.port;
  });
  afterEach(() => tg.stop());

  const update = (id: number, text: string) => JSON.stringify({ update_id: id, ...messageUpdate(textMessage(privateChat(alice), alice, text)) });

  it('registers the webhook with its secret and does not poll', () => {
    expect(tg.adapter.mode).toBe('webhook');
    expect(tg.fake.webhook).toEqual({ url: 'https://bot.example.org/telegram/hook', secret_token: SECRET });
    expect(tg.fake.calls.filter((c) => c.method === 'getUpdates' || c.method === 'deleteWebhook')).toEqual([]);
    expect(port).toBeGreaterThan(0);
  });

  it('the right secret → the update is handled and the reply sent', async () => {
    const res = await post(port, '/telegram/hook', update(1, 'how much gas will russia send iran?'), { 'x-telegram-bot-api-secret-token': SECRET });
    expect(res.status).toBe(200);
    const reply = await tg.fake.waitFor('sendMessage');
    expect(reply.params.chat_id).toBe(alice.id);
    expect(reply.plain).toContain('55');
  });

  it('a wrong or missing secret → 401 and nothing is sent', async () => {
    expect((await post(port, '/telegram/hook', update(2, 'how much gas'), { 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
    expect((await post(port, '/telegram/hook', update(3, 'how much gas'))).status).toBe(401);
    expect(tg.fake.callsOf('sendMessage')).toEqual([]);
    expect(tg.lines.join('\n')).not.toContain(SECRET);
  });

  it('health check, unknown paths and bad bodies', async () => {
    expect((await post(port, '/healthz', '', {}, 'GET')).status).toBe(200);
    expect((await post(port, '/elsewhere', update(4, 'hi'), { 'x-telegram-bot-api-secret-token': SECRET })).status).toBe(404);
    expect((await post(port, '/telegram/hook', '{not json', { 'x-telegram-bot-api-secret-token': SECRET })).status).toBe(400);
  });

  it('stop() closes the webhook server', async () => {
    await tg.adapter.stop();
    await expect(post(port, '/healthz', '', {}, 'GET')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('a failing update is logged once and still acknowledged, so Telegram does not redeliver it', async () => {
    tg.fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });
    const res = await post(port, '/telegram/hook', update(5, 'how much gas'), { 'x-telegram-bot-api-secret-token': SECRET });
    expect(res.status).toBe(200);
    const failures = tg.logs().filter((l) => l.msg === 'Telegram update failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ update_id: 5, update_type: 'message', chat_type: 'private' });
  });
});
