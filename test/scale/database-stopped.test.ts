import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../fakes/telegram-bot-api.js';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { type BotProcess, sample, spawnBot } from '../support/bot-process.js';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';
import { deliver } from '../support/webhook-delivery.js';

/**
 * Issue 15's lost/up store through issue 14's readiness: `npm start` with
 * DATABASE_URL and OPS_PORT, in front of a PostgreSQL server of its own (not
 * the run's shared cluster: this test stops it), receiving Telegram's webhook
 * as instances sharing PostgreSQL do. With the server stopped the bot answers on, /readyz says 503 naming the lost database and /metrics
 * says the store is down; started again, /readyz is 200 again.
 */
let cluster: PostgresCluster;
let fake: FakeBotApi;
let bot: BotProcess;
let dir: string;
const PATH = '/telegram/hook';
const SECRET = 'db-stopped-webhook-secret_0123456789';

beforeAll(async () => {
  cluster = await startPostgresCluster();
  fake = await FakeBotApi.start();
  dir = await mkdtemp(join(tmpdir(), 'pb-db-stopped-'));
  bot = spawnBot('src/entry/main.ts', {
    env: {
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_URL: `https://bot.example.org${PATH}`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      OPS_HOST: '127.0.0.1',
      OPS_PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: cluster.url,
      ID_HASH_SECRET: 'db-stopped-secret-0123456789',
      STORE_SPOOL_DIR: join(dir, 'spool'),
      WATCH_DATA: 'false',
    },
  });
  await bot.waitForLog((l) => l.msg === 'Telegram bot receiving updates', 60_000);
}, 90_000);

afterAll(async () => {
  bot?.kill('SIGKILL');
  await bot?.exited;
  await fake?.close();
  await cluster?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

let asked = 0;
const rose = user(8_810_001, 'Rose');
async function answered(question: string): Promise<string> {
  asked += 1;
  const update = { update_id: 500 + asked, ...messageUpdate(textMessage(privateChat(rose), rose, question)) };
  // Telegram's delivery: answered before the 200 (the webhook handles the update within the request).
  expect(await deliver(await bot.opsPort(), PATH, SECRET, update as never)).toBe(200);
  await fake.waitForCount('sendMessage', asked);
  return String(fake.callsOf('sendMessage').at(-1)?.params.text ?? '');
}

describe('PostgreSQL stopped under a running bot (npm start, DATABASE_URL, OPS_PORT)', () => {
  it('/readyz is 503 with "database lost" while the server is down, the bot answering on, and 200 again once it is back', async () => {
    expect((await bot.waitForGet('/readyz', (r) => r.status === 200, 60_000)).json()).toEqual({ ready: true });
    expect(sample((await bot.get('/metrics')).body, 'partnership_store_up', { backend: 'postgres' })).toBe(1);

    await cluster.halt();
    // The store notices on its next call (or probe): a question asked now is one.
    expect(await answered('when was the treaty signed?')).toMatch(/2025/);
    const lost = await bot.waitForGet('/readyz', (r) => r.status === 503, 30_000);
    expect(lost.json()).toEqual({ ready: false, reasons: [expect.stringMatching(/^store: postgres database lost since \d{4}-\d\d-\d\dT.*\)$/)] });
    expect(lost.json().reasons[0]).toContain('database lost');
    expect((await bot.get('/healthz')).status).toBe(200); // alive: nothing to restart
    expect(sample((await bot.get('/metrics')).body, 'partnership_store_up', { backend: 'postgres' })).toBe(0);
    // Still answering from memory while the database is away.
    expect(await answered('how long is the agreement valid?')).toMatch(/20-year/);
    await bot.waitForLog((l) => l.msg?.startsWith('database lost'));

    await cluster.resume();
    expect((await bot.waitForGet('/readyz', (r) => r.status === 200, 30_000)).json()).toEqual({ ready: true });
    expect(sample((await bot.get('/metrics')).body, 'partnership_store_up', { backend: 'postgres' })).toBe(1);
    expect(bot.output()).not.toContain('db-stopped-secret');
  }, 90_000);
});
