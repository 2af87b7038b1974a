import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../src/adapters/telegram/polling.js';
import { loadConfig } from '../../src/config.js';
import { createMemoryClaims } from '../../src/core/conversation/memory.js';
import { en } from '../../src/core/i18n/en/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { BotStore } from '../../src/store/resilient.js';
import { storeJournal } from '../../src/store/journal.js';
import { sharedClaims } from '../../src/store/shared-ports.js';
import { callbackQuery, messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { capturingLogger } from '../support/log.js';
import { buttons, CHANNEL, MODERATOR, sentMessage, startTelegram, type TelegramTest } from '../telegram/harness.js';
import { FAKE_BOT } from '../fakes/telegram-bot-api.js';

/**
 * Finding 5 and the replayed /post of issue 16: long polling confirmed
 * updates to Telegram (the next offset) before they were handled, so a crash
 * lost them, and effects recorded twice after a restart. Now updates are
 * journalled before they are confirmed, a restart finishes the journal, and
 * questions, votes and posts are recorded once per event. (Kills of real
 * processes under load: `npm run bench:crash`.)
 */
const SECRET = 'at-least-once-secret-0123456789';
const ALICE = user(4_000_000_001, 'Alice');

let dir: string;
const open: Array<{ stop(): Promise<void> }> = [];
const stores: BotStore[] = [];
afterEach(async () => {
  for (const t of open.splice(0).reverse()) await t.stop();
  for (const s of stores.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function fileStore(): Promise<BotStore> {
  const store = await openStore(loadConfig({ DB_PATH: join(dir, 'bot.db'), LOG_LEVEL: 'silent' }), capturingLogger().logger, { secret: SECRET });
  stores.push(store);
  return store;
}

/** The bot as boot makes it with a database on disk: the journal and durable claims in the store. */
async function botOn(store: BotStore): Promise<TelegramTest> {
  // Telegram's update ids go on from where the last run's journal ends.
  const firstUpdateId = (await store.live()!.journalOffset('telegram')) ?? 1;
  const tg = await startTelegram({
    fake: { firstUpdateId },
    deps: (base) => ({ ...base, journal: storeJournal(store, capturingLogger().logger), claims: sharedClaims(store, createMemoryClaims()) }),
  });
  open.push(tg);
  return tg;
}

const journalRows = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT id FROM journal ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
  } finally {
    db.close();
  }
};

describe('attack: updates are handled at least once, their effects once', () => {
  it('an update is journalled before the poll that confirms it, and leaves the journal once handled', async () => {
    dir = mkdtempSync(join(tmpdir(), 'attack-alo-'));
    const store = await fileStore();
    const tg = await botOn(store);
    const held = tg.fake.hold('sendMessage');
    const { update_id: updateId } = tg.fake.pushUpdate(messageUpdate(textMessage(privateChat(ALICE), ALICE, 'how much gas will russia send iran?')));
    await held.waitForPending(1);
    // The answer is in flight; the bot polls again meanwhile, with an offset past the update: it is in the journal.
    await tg.fake.waitForPoll((p) => Number(p.offset) > updateId);
    expect(journalRows(join(dir, 'bot.db'))).toEqual([updateId]);
    held.release();
    await tg.fake.waitFor('sendMessage');
    await tg.stop();
    open.pop();
    expect(journalRows(join(dir, 'bot.db'))).toEqual([]);
  });

  it('a restart first handles what the previous run journalled and never answered, and polls past it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'attack-alo-'));
    const store = await fileStore();
    // As a run killed mid-update leaves it: update 41 journalled (and so confirmed to Telegram), not answered.
    const update = { update_id: 41, ...messageUpdate(textMessage(privateChat(ALICE), ALICE, 'how much gas will russia send iran?')) };
    await store.live()!.journalAdd('telegram', [{ id: 41, payload: JSON.stringify(update) }], Date.now());
    const tg = await botOn(store);
    const answer = await tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === ALICE.id });
    expect(answer.plain).toContain('55');
    expect((await tg.fake.waitForPoll()).offset).toBe(42);
    expect(tg.logs().some((l) => l.msg === 'handling a journalled Telegram update left by the previous run' && l.update_id === 41)).toBe(true);
  });

  it(`an update whose handling was started ${MAX_ATTEMPTS} times and never finished is dropped, with an error, not retried forever`, async () => {
    dir = mkdtempSync(join(tmpdir(), 'attack-alo-'));
    const store = await fileStore();
    const update = { update_id: 7, ...messageUpdate(textMessage(privateChat(ALICE), ALICE, 'how much gas?')) };
    await store.live()!.journalAdd('telegram', [{ id: 7, payload: JSON.stringify(update) }], Date.now());
    for (let i = 0; i < MAX_ATTEMPTS; i++) await store.live()!.journalPending('telegram');
    const tg = await botOn(store);
    await tg.fake.waitForPoll();
    expect(tg.logs().find((l) => l.msg === 'dropping a journalled Telegram update whose handling never finished')).toMatchObject({ level: 50, update_id: 7 });
    expect(tg.fake.callsOf('sendMessage')).toEqual([]);
    expect((await store.live()!.journalPending('telegram')).entries).toEqual([]);
  });

  it('a /post confirmation delivered again after a restart posts the card once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'attack-alo-'));
    const store = await fileStore();
    const first = await botOn(store);
    first.fake.setChatMember(CHANNEL.id, FAKE_BOT.id, 'administrator');
    const preview = await first.say(privateChat(MODERATOR), MODERATOR, '/card gas');
    const press = callbackQuery(MODERATOR, sentMessage(preview), buttons(preview).find((b) => b.text === en.postTextButton)!.data!);
    const posted = first.fake.waitFor('sendMessage', { where: (p) => p.chat_id === `@${CHANNEL.username}` });
    first.fake.pushUpdate(press);
    await posted;
    await first.stop();
    open.pop();

    // The same press again (Telegram redelivers it, or a journal replays it) to a new process on the same database.
    const second = await botOn(store);
    second.fake.setChatMember(CHANNEL.id, FAKE_BOT.id, 'administrator');
    const answered = second.fake.waitFor('answerCallbackQuery');
    second.fake.pushUpdate(press);
    expect((await answered).params.text).toBe(en.posted(`@${CHANNEL.username}`));
    expect(second.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === `@${CHANNEL.username}`)).toEqual([]);
  });

  it('an update delivered twice (webhook redelivery) records its question and its vote once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'attack-alo-'));
    const secret = 'a-webhook-secret-0123456789';
    const tg = await startTelegram({
      env: { TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook', TELEGRAM_WEBHOOK_SECRET: secret, OPS_HOST: '127.0.0.1', OPS_PORT: '0' },
    });
    open.push(tg);
    const port = tg.ops!.address().port;
    const deliver = (update: object) =>
      fetch(`http://127.0.0.1:${port}/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(update),
      }).then((r) => r.status);
    const question = { update_id: 900, ...messageUpdate(textMessage(privateChat(ALICE), ALICE, 'who won the chess olympiad?')) };
    expect(await deliver(question)).toBe(200);
    expect(await deliver(question)).toBe(200);
    const answer = { update_id: 901, ...messageUpdate(textMessage(privateChat(ALICE), ALICE, 'how much gas will russia send iran?')) };
    expect(await deliver(answer)).toBe(200);
    const shown = tg.fake.callsOf('sendMessage').at(-1)!;
    const vote = { update_id: 902, ...callbackQuery(ALICE, sentMessage(shown), buttons(shown).find((b) => b.text === '👎')!.data!) };
    expect(await deliver(vote)).toBe(200);
    expect(await deliver(vote)).toBe(200);
    const report = await tg.curator.report(3500, { all: true });
    expect(report).toMatch(/×1 "who won the chess olympiad\?"/);
    expect(report).toContain('Natural gas partnership: 0 / 1 (0% helpful)');
  });
});
