import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../fakes/telegram-bot-api.js';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { type BotProcess, sample, spawnBot } from '../support/bot-process.js';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';

/**
 * Issue 15's lost store under Telegram long polling: `npm start` with
 * DATABASE_URL and OPS_PORT, polling the local fake Bot API, in front of a
 * PostgreSQL server of its own (this test stops it). With the server stopped,
 * fetched updates are journalled on disk (STORE_SPOOL_DIR) before the next
 * getUpdates confirms them, so polling goes on and questions are answered;
 * /readyz and /metrics say the store is lost. Started again, the journal on
 * disk is merged into the database, and a restarted process answers none of
 * those questions again. A process killed meanwhile with an answer in flight
 * loses nothing: the next one (both started without the database) adopts its
 * journal and answers it once.
 */
let cluster: PostgresCluster;
let fake: FakeBotApi;
let dir: string;
let env: Record<string, string>;
const bots: BotProcess[] = [];

beforeAll(async () => {
  cluster = await startPostgresCluster();
  fake = await FakeBotApi.start();
  dir = await mkdtemp(join(tmpdir(), 'pb-polling-db-stopped-'));
  env = {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    OPS_HOST: '127.0.0.1',
    OPS_PORT: '0',
    LOG_LEVEL: 'info',
    DATABASE_URL: cluster.url,
    ID_HASH_SECRET: 'polling-db-stopped-secret-0123456789',
    STORE_SPOOL_DIR: join(dir, 'spool'),
    WATCH_DATA: 'false',
  };
}, 60_000);

afterEach(async () => {
  for (const bot of bots.splice(0)) {
    bot.kill('SIGKILL');
    await bot.exited;
  }
  await cluster.resume();
});

afterAll(async () => {
  await fake?.close();
  await cluster?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function startBot(): Promise<BotProcess> {
  const bot = spawnBot('src/entry/main.ts', { env });
  bots.push(bot);
  await bot.waitForLog((l) => l.msg === 'Telegram bot receiving updates' && l.mode === 'polling', 90_000);
  return bot;
}

async function stopBot(bot: BotProcess, signal: NodeJS.Signals): Promise<void> {
  bot.kill(signal);
  await bot.exited;
  bots.splice(bots.indexOf(bot), 1);
}

let asked = 0;
/** A question from a new user, put into getUpdates as Telegram would. */
function ask(question: string): { update: Update; chat: number } {
  asked += 1;
  const from = user(8_820_000 + asked, `Asker${asked}`);
  return { update: fake.pushUpdate(messageUpdate(textMessage(privateChat(from), from, question))), chat: from.id };
}
const answers = (chat: number) => fake.callsOf('sendMessage').filter((c) => c.params.chat_id === chat);
const answered = (chat: number) => fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat, timeoutMs: 30_000 });
/** Resolves once the bot polls with an offset past `update`: Telegram is told it arrived (and drops it). */
const confirmed = (update: Update) => fake.waitForPoll((p) => Number(p.offset) > update.update_id);
const journalFiles = async () => (await readdir(join(dir, 'spool')).catch(() => [])).filter((f) => f.startsWith('journal-'));

async function databaseJournal(): Promise<{ ids: number[]; offset: number | undefined }> {
  const sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ id: string }[]>`SELECT id::text AS id FROM journal WHERE surface = 'telegram' ORDER BY id`;
    const [meta] = await sql<{ value: string }[]>`SELECT value FROM meta WHERE key = 'journal_offset:telegram'`;
    return { ids: rows.map((r) => Number(r.id)), offset: meta ? Number(meta.value) : undefined };
  } finally {
    await sql.end();
  }
}

describe('PostgreSQL stopped under a long-polling bot (npm start, DATABASE_URL, OPS_PORT)', () => {
  it('answers on with updates journalled on disk, says the store is lost, merges the journal once it is back, and a restart answers none again', async () => {
    const bot = await startBot();
    expect((await bot.waitForGet('/readyz', (r) => r.status === 200, 60_000)).json()).toEqual({ ready: true });
    // Stopped while the bot waits in a long poll, after its start-up transactions (a transaction cut off mid-way is
    // test/store/transaction-dropped.test.ts).
    await fake.waitForPoll();

    await cluster.halt();
    const during = [ask('how long is the agreement valid?'), ask('when was the treaty signed?'), ask('how long is the agreement valid?')];
    expect((await answered(during[0]!.chat)).plain).toMatch(/20-year/);
    expect((await answered(during[1]!.chat)).plain).toMatch(/2025/);
    await answered(during[2]!.chat);
    await confirmed(during.at(-1)!.update);
    await bot.waitForLog((l) => l.msg === 'database unavailable: fetched updates are journalled on disk until it is back');
    const lost = await bot.waitForGet('/readyz', (r) => r.status === 503);
    expect(lost.json()).toEqual({ ready: false, reasons: [expect.stringMatching(/^store: postgres database lost since \d{4}-\d\d-\d\dT.*\)$/)] });
    expect(sample((await bot.get('/metrics')).body, 'partnership_store_up', { backend: 'postgres' })).toBe(0);
    const [kept] = await journalFiles();
    const raw = await readFile(join(dir, 'spool', kept!), 'utf8');
    for (const q of during) expect(raw).not.toContain(String(q.chat)); // sealed: no user id, no question text
    expect(raw).not.toContain('agreement');

    await cluster.resume();
    const merged = await bot.waitForLog((l) => l.msg === 'updates journalled on disk are in the database', 30_000);
    expect(merged).toMatchObject({ surface: 'telegram', open: 0, handled: during.length, offset: during.at(-1)!.update.update_id + 1 });
    expect((await bot.waitForGet('/readyz', (r) => r.status === 200, 30_000)).json()).toEqual({ ready: true });
    expect(sample((await bot.get('/metrics')).body, 'partnership_store_up', { backend: 'postgres' })).toBe(1);
    expect(await journalFiles()).toEqual([]);
    expect(await databaseJournal()).toEqual({ ids: [], offset: during.at(-1)!.update.update_id + 1 });

    // A restart: nothing handed out again, nothing fetched again; a new question is answered.
    await stopBot(bot, 'SIGTERM');
    const next = await startBot();
    const after = ask('when was the treaty signed?');
    await answered(after.chat);
    for (const q of during) expect(answers(q.chat), `update ${q.update.update_id}`).toHaveLength(1);
    expect(next.logs().filter((l) => l.msg === 'handling a journalled Telegram update left by the previous run')).toEqual([]);
    expect(next.output()).not.toContain(env.ID_HASH_SECRET);
    await stopBot(next, 'SIGTERM');
    expect(await databaseJournal()).toEqual({ ids: [], offset: after.update.update_id + 1 });
    // A clean stop told Telegram too: a next start that cannot read the database's offset does not fetch it again.
    expect(fake.highestOffset).toBeGreaterThan(after.update.update_id);
  }, 180_000);

  it('a process killed with an answer in flight while the database is stopped loses nothing: the next one answers it once, and the database gets the journal when it is back', async () => {
    expect((await databaseJournal()).ids).toEqual([]);
    await cluster.halt();
    const first = await startBot();
    const held = fake.hold('sendMessage');
    const q = ask('how long is the agreement valid?');
    await held.waitForPending(1, 30_000);
    // Confirmed to Telegram while its answer is in flight: kept only in the journal on disk.
    await confirmed(q.update);
    await stopBot(first, 'SIGKILL');
    // The killed process's call stays held (unanswered) to the end; the next process's answer goes through.
    held.pass();
    expect(await journalFiles()).toHaveLength(1);

    const second = await startBot();
    expect((await answered(q.chat)).plain).toMatch(/20-year/);
    await second.waitForLog((l) => l.msg === 'adopted the update journal an ended process kept on disk');
    expect(second.logs().find((l) => l.msg === 'handling a journalled Telegram update left by the previous run')).toMatchObject({
      update_id: q.update.update_id,
    });

    await cluster.resume();
    await second.waitForLog((l) => l.msg === 'updates journalled on disk are in the database' && l.handled === 1, 30_000);
    expect(await databaseJournal()).toEqual({ ids: [], offset: q.update.update_id + 1 });
    expect(await journalFiles()).toEqual([]);
    expect(answers(q.chat)).toHaveLength(1);
  }, 180_000);
});
