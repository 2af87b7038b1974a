import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, expect, it } from 'vitest';
import { FakeBotApi } from '../fakes/telegram-bot-api.js';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { type StartedBot as BotProcess, startBotProcess } from '../support/bot-process.js';
import { freshDatabase } from '../support/postgres.js';
import { behindProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { deliver } from '../support/webhook-delivery.js';

/**
 * "Nothing acknowledged is lost" while the database is away: a webhook instance
 * that lost PostgreSQL answers and acknowledges questions, keeping them on disk
 * (STORE_SPOOL_DIR) before its 200; killed with SIGKILL before the database is
 * back, its questions are written by the next process of the host.
 */
const PATH = '/telegram/hook';
const SECRET = 'killed-while-lost-secret_0123456789';
const bots: BotProcess[] = [];
let fake: FakeBotApi | undefined;
let proxy: TcpProxy | undefined;
let spoolDir = '';

afterAll(async () => {
  for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
  await Promise.all(bots.map((b) => b.exited));
  await fake?.close();
  await proxy?.close();
  if (spoolDir) rmSync(spoolDir, { recursive: true, force: true });
});

it('an instance killed while PostgreSQL is lost loses none of the questions it acknowledged: the next process writes them', async () => {
  fake = await FakeBotApi.start();
  const database = new URL(await freshDatabase('killed'));
  const through = await behindProxy(database);
  proxy = through.proxy;
  const viaProxy = through.viaProxy;
  spoolDir = mkdtempSync(join(tmpdir(), 'pb-spool-'));
  const env = {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_WEBHOOK_URL: `https://bot.example.org${PATH}`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    OPS_HOST: '127.0.0.1',
    OPS_PORT: '0',
    DATABASE_URL: viaProxy.toString(),
    ID_HASH_SECRET: 'shared-secret-for-every-host-0123',
    STORE_SPOOL_DIR: spoolDir,
    WATCH_DATA: 'false',
  };
  const first = startBotProcess(env, 'first');
  bots.push(first);
  await first.waitForLog((e) => e.msg === 'Telegram bot receiving updates', 90_000);
  // The webhook is served by the operations server (OPS_PORT).
  const { port } = await first.waitForLog((e) => String(e.msg).startsWith('operations server listening'));

  proxy.cut();
  const askers = Array.from({ length: 6 }, (_, i) => user(740_000 + i, `Lost${i}`));
  for (const [i, u] of askers.entries()) {
    const update = { update_id: 100 + i, ...messageUpdate(textMessage(privateChat(u), u, `what is the weather in lost city ${i} today?`)) };
    expect(await deliver(port, PATH, SECRET, update as never), `update ${i}`).toBe(200);
  }
  // Answered (from memory) and acknowledged, and the process says the database is lost.
  for (const u of askers) expect(fake.callsOf('sendMessage').some((c) => c.params.chat_id === u.id)).toBe(true);
  expect(first.logs().some((e) => e.msg === 'database lost: answering on without it; questions are kept in memory until it is back')).toBe(true);

  first.child.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  expect(readdirSync(spoolDir).filter((f) => f.startsWith('outbox-'))).toHaveLength(1);

  proxy.restore();
  const second = startBotProcess({ ...env }, 'second');
  bots.push(second);
  await second.waitForLog((e) => e.msg === 'adopted the questions an ended process kept on disk' && e.questions === askers.length, 90_000);
  await second.waitForLog((e) => e.msg === 'questions kept on disk are in the database' && e.questions === askers.length);
  const sql = postgres(database.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ normalized: string }[]>`SELECT normalized FROM unanswered WHERE normalized LIKE 'what is the weather in lost city %' ORDER BY id`;
    expect(rows.map((r) => r.normalized)).toEqual(askers.map((_, i) => `what is the weather in lost city ${i} today`));
    // Their counts in the desk's analytics were kept on disk beside them, and written once.
    const [asked] = await sql<{ n: number }[]>`SELECT coalesce(sum(count), 0)::int AS n FROM daily_counts WHERE outcome <> 'up' AND outcome <> 'down'`;
    expect(asked?.n).toBe(askers.length);
  } finally {
    await sql.end();
  }
  expect(readdirSync(spoolDir).filter((f) => f.startsWith('outbox-'))).toEqual([]);
  for (const bot of bots) expect(bot.stderr()).not.toContain(fake.token);
}, 150_000);
