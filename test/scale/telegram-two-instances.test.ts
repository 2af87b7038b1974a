import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message, Update } from 'grammy/types';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/core/i18n/en/index.js';
import { openPostgres } from '../../src/store/postgres/open-postgres.js';
import { FAKE_BOT, FakeBotApi } from '../fakes/telegram-bot-api.js';
import { callbackQuery, channelChat, messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { type StartedBot as BotProcess, httpGet, sample, startBotProcess } from '../support/bot-process.js';
import { freshDatabase } from '../support/postgres.js';
import { deliver, deliverSpread } from '../support/webhook-delivery.js';

/**
 * Two bot processes sharing one PostgreSQL, Telegram in webhook mode, updates
 * spread over both (test/support/webhook-delivery.ts plays Telegram and its
 * load balancer), the Bot API faked on 127.0.0.1: votes, flood budgets, card
 * posts and reloads hold across them; one killed with SIGKILL under load loses
 * nothing Telegram was told was handled.
 */
const PATH = '/telegram/hook';
const SECRET = 'two-instances-secret_0123456789';
const CHANNEL = channelChat(-1001234567890, 'partnership_news');
const MODERATOR = user(555_001, 'Mo');
/** A second moderator, for the inbox (each user has their own flood budget of FLOOD a minute). */
const CURATOR = user(555_002, 'Cu');
const FLOOD = 4;

let fake: FakeBotApi;
let database: string;
let sql: postgres.Sql;
const dirs: string[] = [];
const bots: BotProcess[] = [];
const ports: number[] = [];
let nextUpdate = 1;
const full = (u: Omit<Update, 'update_id'>) => ({ update_id: nextUpdate++, ...u }) as Update;

/** Sends a message to instance `i` and resolves with the status once it handled it (webhook: 200 after the handler). */
async function say(i: number, from: ReturnType<typeof user>, text: string): Promise<Message> {
  const message = textMessage(privateChat(from), from, text);
  expect(await deliver(ports[i]!, PATH, SECRET, full(messageUpdate(message)))).toBe(200);
  return message;
}
const repliesTo = (chatId: number) => fake.callsOf('sendMessage').filter((c) => c.params.chat_id === chatId);
const buttonData = (call: { params: Record<string, any> }, label: string) =>
  (call.params.reply_markup.inline_keyboard as Array<Array<{ text: string; callback_data?: string }>>).flat().find((b) => b.text === label)?.callback_data;

beforeAll(async () => {
  fake = await FakeBotApi.start();
  fake.addChat(CHANNEL);
  fake.setChatMember(CHANNEL.id, FAKE_BOT.id, 'administrator');
  database = await freshDatabase('tg2');
  sql = postgres(database, { max: 2, onnotice: () => {} });
  for (const name of ['a', 'b']) {
    const dir = mkdtempSync(join(tmpdir(), `pb-two-${name}-`));
    cpSync('data', dir, { recursive: true });
    dirs.push(dir);
    const bot = startBotProcess(
      {
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_WEBHOOK_URL: `https://bot.example.org${PATH}`,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        OPS_HOST: '127.0.0.1',
        OPS_PORT: '0',
        TELEGRAM_CHANNEL_ID: `@${CHANNEL.username}`,
        TELEGRAM_MODERATOR_IDS: `${MODERATOR.id},${CURATOR.id}`,
        DATABASE_URL: database,
        ID_HASH_SECRET: 'shared-secret-for-every-host-0123',
        RATE_LIMIT_PER_MINUTE: String(FLOOD),
        DATA_DIR: dir,
        WATCH_DATA: 'false',
      },
      `instance ${name}`,
    );
    bots.push(bot);
  }
  for (const bot of bots) {
    await bot.waitForLog((e) => e.msg === 'Telegram bot receiving updates', 90_000);
    // The webhook is served by the operations server (OPS_PORT).
    ports.push((await bot.waitForLog((e) => String(e.msg).startsWith('operations server listening'))).port);
  }
}, 120_000);

afterAll(async () => {
  for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGTERM');
  await Promise.all(bots.map((b) => b.exited));
  await sql.end();
  await fake.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const bot of bots) {
    expect(bot.stderr()).not.toContain(fake.token);
    expect(bot.stderr()).not.toContain(database);
  }
});

describe('two Telegram webhook instances on one PostgreSQL', () => {
  it('counts one user’s vote once, whichever instance each press reaches', async () => {
    const alice = user(700_001, 'Alice');
    await say(0, alice, 'how much gas will russia send iran?');
    const [answer] = repliesTo(alice.id);
    const up = buttonData(answer!, '👍')!;
    const press = async (i: number) => {
      const update = full(callbackQuery(alice, answer!.result as Message, up));
      const answered = fake.waitFor('answerCallbackQuery', { where: (p) => p.callback_query_id === update.callback_query!.id });
      expect(await deliver(ports[i]!, PATH, SECRET, update)).toBe(200);
      return (await answered).params.text;
    };
    expect(await press(0)).toBe(en.voteThanks);
    expect(await press(1)).toBe(en.voteSame);
    expect(await sql`SELECT topic, vote FROM feedback`).toEqual([{ topic: 'gas', vote: 1 }]);
  });

  it('keeps one flood budget per user across both instances', async () => {
    const flo = user(700_002, 'Flo');
    for (let i = 0; i < FLOOD + 2; i += 1) await say(i % 2, flo, `how much gas will russia send? (${i})`);
    const replies = repliesTo(flo.id).map((c) => c.plain);
    expect(replies).toHaveLength(FLOOD + 1);
    expect(replies.slice(0, FLOOD).every((text) => /55 billion/.test(text!))).toBe(true);
    expect(replies[FLOOD]).toBe(en.slowDown);
  });

  it('carries a conversation’s follow-up context from one instance to the other', async () => {
    const carol = user(700_004, 'Carol');
    await say(0, carol, 'how much gas will russia send iran?');
    await say(1, carol, 'and when?'); // alone, "and when?" is declined; after gas it is about gas
    const followUp = repliesTo(carol.id)[1]!;
    expect(followUp.params.reply_markup.inline_keyboard[0][0].text).toBe('More: Natural gas partnership');
  });

  it('posts a card once when its button is pressed on both instances at the same moment', async () => {
    await say(0, MODERATOR, '/card gas');
    const preview = repliesTo(MODERATOR.id).at(-1)!;
    const data = buttonData(preview, en.postTextButton)!;
    const presses = [0, 1].map(() => full(callbackQuery(MODERATOR, preview.result as Message, data)));
    const statuses = await Promise.all(presses.map((u, i) => deliver(ports[i]!, PATH, SECRET, u)));
    expect(statuses).toEqual([200, 200]);
    for (const u of presses) await fake.waitFor('answerCallbackQuery', { where: (p) => p.callback_query_id === u.callback_query!.id });
    expect(fake.callsOf('sendMessage').filter((c) => c.params.chat_id === `@${CHANNEL.username}`)).toHaveLength(1);
  });

  it('a data edit reloaded on one instance is answered from by the other within seconds, trained once; /reload and both /metrics report it', async () => {
    const metrics = async (i: number) => (await httpGet(ports[i]!, '/metrics')).body;
    // Before: both instances answer from the same build, and each one's /metrics counts both processes on it.
    const before = /partnership_knowledge_base_info\{version="([^"]+)"\} 1/.exec(await metrics(0))?.[1];
    expect(before).toBeDefined();
    for (const i of [0, 1]) {
      const text = await metrics(i);
      expect(sample(text, 'partnership_knowledge_base_info', { version: before! })).toBe(1);
      expect(sample(text, 'partnership_knowledge_base_processes', { version: before! })).toBe(2);
      expect(sample(text, 'partnership_store_up', { backend: 'postgres' })).toBe(1);
    }
    const gasFile = join(dirs[0]!, 'topics', 'gas.yaml');
    writeFileSync(gasFile, readFileSync(gasFile, 'utf8').replace('Natural gas partnership', 'Natural gas deal'));
    // Training takes seconds: the webhook may answer Telegram before the reply is sent (its 9 s handler deadline).
    const reply = fake.waitFor('sendMessage', { where: (p) => p.chat_id === MODERATOR.id && /reloaded|rejected/.test(String(p.text)), timeoutMs: 60_000 });
    await say(0, MODERATOR, '/reload');
    const reloaded = (await reply).plain!;
    const version = /version ([0-9a-f]+)\)/.exec(reloaded)?.[1];
    expect(reloaded).toMatch(/^Data reloaded: \d+ topics \(version [0-9a-f]+\)\./);
    expect(reloaded.split('\n')[1]).toBe(`Running: 2 processes on version ${version}.`);
    // The other instance imported the build: its files were never edited, and it trained nothing.
    await bots[1]!.waitForLog((e) => e.msg === 'switched to the announced knowledge-base version (imported, not trained)' && e.version === version);
    expect(bots[1]!.logs().some((e) => e.msg?.startsWith('data reloaded'))).toBe(false);
    // Each instance's /metrics: it answers from the new version, and the census counts both processes there, none on the old.
    expect(version).not.toBe(before);
    for (const i of [0, 1]) {
      const text = await metrics(i);
      expect(sample(text, 'partnership_knowledge_base_info', { version: version! })).toBe(1);
      expect(sample(text, 'partnership_knowledge_base_info', { version: before! })).toBeUndefined();
      expect(sample(text, 'partnership_knowledge_base_processes', { version: version! })).toBe(2);
      expect(sample(text, 'partnership_knowledge_base_processes', { version: before! })).toBeUndefined();
    }
    const bob = user(700_003, 'Bob');
    await say(1, bob, 'how much gas will russia send iran?');
    const more = repliesTo(bob.id)[0]!.params.reply_markup.inline_keyboard[0][0].text;
    expect(more).toBe('More: Natural gas deal');
    // The inbox was asked again with the new version once, by one of the two: one entry in the desk's reload history.
    const listed = await sql<{ reason: string }[]>`SELECT reason FROM reloads WHERE version = ${version!}`;
    expect(listed).toHaveLength(1);
    expect(listed[0]!.reason).toMatch(/^(telegram \/reload|version \w+ announced by another process)$/);
  }, 90_000);

  it('one inbox and one set of counts for both: a question asked on one is in the other’s /unanswered, resolved there, gone from both', async () => {
    const asked = async () =>
      (await sql<{ n: number }[]>`SELECT coalesce(sum(count), 0)::int AS n FROM daily_counts WHERE outcome NOT IN ('up', 'down')`)[0]!.n;
    const before = await asked();
    const dora = user(700_005, 'Dora');
    await say(0, dora, 'Which team won the chess olympiad in Chennai?');
    await say(1, dora, 'how much gas will russia send iran?');
    // Each instance counted its question in the same table before acknowledging the update.
    expect(await asked()).toBe(before + 2);
    const [filed] = await sql<{ id: number }[]>`SELECT id::int AS id FROM inbox WHERE normalized LIKE '%chennai%'`;
    await say(1, CURATOR, '/unanswered');
    const report = repliesTo(CURATOR.id).at(-1)!;
    expect(report.plain).toMatch(/Answer rate: \d+% of \d+ questions/);
    expect(report.plain).toContain('Which team won the chess olympiad in Chennai?');
    const resolve = buttonData(report, en.inboxResolve(filed!.id))!;
    const press = full(callbackQuery(CURATOR, report.result as Message, resolve));
    const answered = fake.waitFor('answerCallbackQuery', { where: (p) => p.callback_query_id === press.callback_query!.id });
    expect(await deliver(ports[0]!, PATH, SECRET, press)).toBe(200);
    expect((await answered).params.text).toBe(en.inboxResolved(filed!.id));
    expect(await sql`SELECT state FROM inbox WHERE id = ${filed!.id}`).toEqual([{ state: 'resolved' }]);
    await say(1, CURATOR, '/unanswered');
    expect(repliesTo(CURATOR.id).at(-1)!.plain).not.toContain('Chennai');
  });

  it('SIGKILL of one instance under load: the other answers everything, nothing acknowledged is lost, the database checks out', async () => {
    const live = [...ports];
    const N = 120;
    const askers = Array.from({ length: N }, (_, i) => user(720_000 + i, `Load${i}`));
    const updates = askers.map((u, i) => full(messageUpdate(textMessage(privateChat(u), u, `what is the weather in city number ${i} today?`))));
    let acknowledged = 0;
    let killed = false;
    const results: Array<{ port: number; failedOn: number[] }> = [];
    let next = 0;
    // 12 deliveries in flight at a time; instance B is killed once a third are acknowledged.
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        while (next < N) {
          const i = next++;
          results[i] = await deliverSpread(() => live, PATH, SECRET, updates[i]!, i);
          if (++acknowledged >= N / 3 && !killed) {
            killed = true;
            bots[1]!.child.kill('SIGKILL');
            live.splice(live.indexOf(ports[1]!), 1);
          }
        }
      }),
    );
    expect(await bots[1]!.exited).toBe('SIGKILL');
    expect(results.some((r) => r.port === ports[1])).toBe(true); // B really served part of the load
    // Every update was acknowledged by someone, and every acknowledged one was answered and recorded.
    for (const [i, u] of askers.entries()) expect(repliesTo(u.id).length, `update ${i}`).toBeGreaterThanOrEqual(1);
    const [row] = await sql<
      { n: number }[]
    >`SELECT count(DISTINCT normalized)::int AS n FROM unanswered WHERE normalized LIKE 'what is the weather in city number %'`;
    expect(row?.n).toBe(N);
    // The survivor keeps answering.
    const after = user(730_000, 'After');
    await say(0, after, 'how much gas will russia send iran?');
    expect(repliesTo(after.id)[0]!.plain).toMatch(/55 billion/);
    const store = await openPostgres({ url: database, secret: 'unused-for-an-integrity-check-0123' });
    expect(await store.integrityCheck()).toEqual([]);
    await store.close();
  }, 120_000);
});
