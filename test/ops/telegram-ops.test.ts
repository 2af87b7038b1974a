import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../fakes/telegram-bot-api.js';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { type BotProcess, sample, spawnBot } from '../support/bot-process.js';
import { whileStoreLocked } from '../support/store-lock.js';

let bot: BotProcess | undefined;
let fake: FakeBotApi | undefined;
let dir: string | undefined;
afterEach(async () => {
  bot?.kill('SIGKILL');
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const SECRET = 'ops-webhook-secret_0123456789';

function postUpdate(port: number, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('operations server with Telegram (npm start, OPS_PORT set)', () => {
  it('long polling: /readyz is 503 until the bot is initialised and polling, 503 while the store is locked by another writer, 503 after a failed poll until a retry gets through, and /metrics counts questions, API errors and retries', async () => {
    fake = await FakeBotApi.start();
    dir = await mkdtemp(join(tmpdir(), 'pb-ops-tg-'));
    const dbPath = join(dir, 'bot.db');
    const getMe = fake.gate('getMe');
    bot = spawnBot('src/entry/main.ts', {
      env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, OPS_PORT: '0', LOG_LEVEL: 'info', DB_PATH: dbPath, WATCH_DATA: 'false' },
    });
    await getMe.arrived;
    const connecting = await bot.get('/readyz');
    expect(connecting.status).toBe(503);
    expect(connecting.json()).toEqual({ ready: false, reasons: ['telegram: initialising'] });
    expect((await bot.get('/healthz')).status).toBe(200);

    getMe.release();
    await fake.waitForPoll();
    expect((await bot.waitForGet('/readyz', (r) => r.status === 200)).json()).toEqual({ ready: true });

    // Another connection holds the database's write lock: the store cannot take writes, so the process is not ready.
    const locked = await whileStoreLocked(dbPath, () => bot!.get('/readyz'));
    expect(locked.status).toBe(503);
    expect(locked.json().reasons).toEqual([expect.stringMatching(/^store: database not writable: database is locked/)]);
    expect((await bot.get('/readyz')).status).toBe(200);

    // Polling breaks: a dropped getUpdates, and its retry held by the fake. Not ready until a poll gets through again.
    fake.failNext('getUpdates', 'network');
    const retry = fake.gate('getUpdates');
    fake.pushUpdate(messageUpdate(textMessage(privateChat(user(8800, 'Wake')), user(8800, 'Wake'), '/help'))); // ends the open poll
    await retry.arrived;
    const failing = await bot.get('/readyz');
    expect(failing.status).toBe(503);
    expect(failing.json().reasons).toEqual(['telegram: getUpdates failed at the network level']);
    // Released, the retry is a long poll again: it counts as through once it returns (here with the next update).
    retry.release();
    fake.pushUpdate(messageUpdate(textMessage(privateChat(user(8800, 'Wake')), user(8800, 'Wake'), '/help')));
    await bot.waitForGet('/readyz', (r) => r.status === 200);
    await fake.waitForCount('sendMessage', 2); // the two /help replies, before faults are injected for the next send

    // A question answered after one 429 (waited out, retried) and one dropped connection (retried).
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    fake.failNext('sendMessage', 'network');
    const alice = user(8801, 'Alice');
    const reply = fake.waitFor('sendMessage', { where: (p) => p.chat_id === alice.id, timeoutMs: 15_000 });
    fake.pushUpdate(messageUpdate(textMessage(privateChat(alice), alice, 'how much gas will russia send iran?')));
    expect((await reply).plain).toContain('55');

    const { body } = await bot.get('/metrics');
    expect(sample(body, 'partnership_questions_total', { outcome: 'answered', topic: 'gas', lang: 'en', surface: 'telegram' })).toBe(1);
    expect(sample(body, 'partnership_reply_seconds_count', { surface: 'telegram', request: 'question' })).toBe(1);
    expect(sample(body, 'partnership_platform_api_errors_total', { surface: 'telegram', code: '429' })).toBe(1);
    expect(sample(body, 'partnership_platform_api_errors_total', { surface: 'telegram', code: 'network' })).toBe(2); // the poll and the send
    expect(sample(body, 'partnership_platform_api_retries_total', { surface: 'telegram', reason: '429' })).toBe(1);
    expect(sample(body, 'partnership_platform_api_retries_total', { surface: 'telegram', reason: 'network' })).toBe(2);

    bot.kill('SIGTERM');
    expect((await bot.exited)[0]).toBe(0);
  }, 90_000);

  it('webhook: the webhook is served on the operations port; /readyz is 503 until setWebhook succeeded, then 200, and 503 while the store is locked; updates posted there are answered', async () => {
    fake = await FakeBotApi.start();
    dir = await mkdtemp(join(tmpdir(), 'pb-ops-tg-hook-'));
    const dbPath = join(dir, 'bot.db');
    const setWebhook = fake.gate('setWebhook');
    bot = spawnBot('src/entry/main.ts', {
      env: {
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg/hook',
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        OPS_PORT: '0',
        LOG_LEVEL: 'info',
        DB_PATH: dbPath,
        WATCH_DATA: 'false',
      },
    });
    await setWebhook.arrived;
    const setting = await bot.get('/readyz');
    expect(setting.status).toBe(503);
    expect(setting.json().reasons).toEqual(['telegram: setting the webhook']);

    setWebhook.release();
    await bot.waitForGet('/readyz', (r) => r.status === 200);
    expect(fake.webhook).toEqual({ url: 'https://bot.example.org/tg/hook', secret_token: SECRET });
    expect(fake.callsOf('getUpdates')).toEqual([]);
    const locked = await whileStoreLocked(dbPath, () => bot!.get('/readyz'));
    expect(locked.status).toBe(503);
    expect(locked.json().reasons).toEqual([expect.stringMatching(/^store: database not writable: database is locked/)]);
    expect((await bot.get('/readyz')).status).toBe(200);

    const alice = user(8802, 'Alice');
    const reply = fake.waitFor('sendMessage', { timeoutMs: 15_000 });
    const update = JSON.stringify({ update_id: 1, ...messageUpdate(textMessage(privateChat(alice), alice, 'where was the treaty signed?')) });
    expect(await postUpdate(await bot.opsPort(), '/tg/hook', update)).toBe(200);
    expect((await reply).plain).toContain('Moscow');
    const { body } = await bot.get('/metrics');
    expect(sample(body, 'partnership_questions_total', { outcome: 'answered', surface: 'telegram' })).toBe(1);
    expect(bot.output()).not.toContain(SECRET);

    bot.kill('SIGTERM');
    expect((await bot.exited)[0]).toBe(0);
  }, 90_000);
});
