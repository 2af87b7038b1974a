import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCallback } from '../../src/adapters/telegram/callback-data.js';
import { en } from '../../src/core/i18n/en.js';
import { fa } from '../../src/core/i18n/fa.js';
import { groupChat, inlineCallbackQuery, privateChat, user } from '../fakes/telegram-updates.js';
import { buttons, sentMessage, startTelegram, type TelegramTest } from './harness.js';

const ALICE = user(987_654_321, 'Alice');
const BOB = user(987_654_322, 'Bob');
const SARA = user(987_654_323, 'Sara', { language_code: 'fa' });
const GROUP = groupChat(-100_4242, 'Partnership fans');

describe('Telegram 👍 / 👎 feedback', () => {
  let tg: TelegramTest;
  let dir: string;
  afterEach(async () => {
    await tg.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(dbPath: (dir: string) => string = (d) => join(d, 'bot.db')) {
    dir = mkdtempSync(join(tmpdir(), 'tg-feedback-'));
    tg = await startTelegram({ env: { DB_PATH: dbPath(dir) } });
  }

  /** Presses a button and resolves with the text the callback query was answered with. */
  async function press(from: typeof ALICE, message: ReturnType<typeof sentMessage>, data: string) {
    const answered = tg.fake.waitFor('answerCallbackQuery');
    tg.press(from, message, data);
    return (await answered).params;
  }

  it('one vote per user per answer: thanks, already recorded, vote changed; the store keeps a salted hash, not the user id', async () => {
    await start();
    const answer = await tg.say(GROUP, ALICE, '/ask how much gas will russia send iran?');
    const row = answer.params.reply_markup.inline_keyboard.at(-1) as Array<{ text: string; callback_data: string }>;
    expect(row.map((b) => b.text)).toEqual(['👍', '👎']);
    const [up, down] = row.map((b) => b.callback_data);
    expect(parseCallback(up)).toEqual({ kind: 'feedback', topicId: 'gas', vote: 1, lang: 'en' });
    const message = sentMessage(answer);

    expect(await press(ALICE, message, up!)).toMatchObject({ text: en.tgVoteThanks });
    expect(await press(ALICE, message, up!)).toMatchObject({ text: en.tgVoteSame });
    expect(await press(ALICE, message, down!)).toMatchObject({ text: en.tgVoteChanged });
    expect(await press(BOB, message, up!)).toMatchObject({ text: en.tgVoteThanks });
    expect(tg.fake.callsOf('answerCallbackQuery').every((c) => c.params.show_alert === undefined)).toBe(true);

    expect(tg.curator.report(3500)).toContain('Natural gas partnership: 1 / 1 (50% helpful)');
    const db = new Database(tg.config.DB_PATH, { readonly: true });
    try {
      const votes = db.prepare('SELECT * FROM feedback ORDER BY at').all() as Array<Record<string, unknown>>;
      expect(votes).toHaveLength(2);
      expect(votes.map((v) => [v.answer_key, v.platform, v.topic])).toEqual([
        [`${GROUP.id}:${message.message_id}`, 'telegram', 'gas'],
        [`${GROUP.id}:${message.message_id}`, 'telegram', 'gas'],
      ]);
      expect(JSON.stringify(votes)).not.toContain(String(ALICE.id));
      expect(JSON.stringify(votes)).not.toContain(String(BOB.id));
    } finally {
      db.close();
    }
  });

  it('every answer carries the buttons (questions, topic buttons, /topic, deep links); other replies do not', async () => {
    await start();
    const chat = privateChat(ALICE);
    const hasVotes = (call: Parameters<typeof buttons>[0]) => buttons(call).some((b) => parseCallback(b.data)?.kind === 'feedback');
    const answer = await tg.say(chat, ALICE, 'where was the treaty signed?');
    expect(hasVotes(answer)).toBe(true);
    expect(hasVotes(await tg.say(chat, ALICE, '/topic instc'))).toBe(true);
    expect(hasVotes(await tg.say(chat, ALICE, '/start topic_nuclear'))).toBe(true);
    const opened = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id });
    tg.press(ALICE, sentMessage(answer), buttons(answer).find((b) => parseCallback(b.data)?.kind === 'topic')!.data!);
    expect(hasVotes(await opened)).toBe(true);
    expect(hasVotes(await tg.say(chat, ALICE, '/help'))).toBe(false);
    expect(hasVotes(await tg.say(chat, ALICE, 'what is the best pizza in naples?'))).toBe(false);
  });

  it('votes on inline-mode messages are keyed by the inline message; thanks in the message’s language', async () => {
    await start();
    const answered = tg.fake.waitFor('answerCallbackQuery');
    tg.fake.pushUpdate(inlineCallbackQuery(BOB, 'AgAAAInlineMsg-1', 'v1:fb:gas:u:fa'));
    expect((await answered).params.text).toBe(fa.tgVoteThanks);
    const db = new Database(tg.config.DB_PATH, { readonly: true });
    try {
      expect(db.prepare('SELECT answer_key, topic, vote FROM feedback').all()).toEqual([{ answer_key: 'inline:AgAAAInlineMsg-1', topic: 'gas', vote: 1 }]);
    } finally {
      db.close();
    }
  });

  it('a vote for a topic that does not exist gets the expired alert and is not stored', async () => {
    await start();
    const answer = await tg.say(privateChat(ALICE), ALICE, 'how much gas');
    expect(await press(ALICE, sentMessage(answer), 'v1:fb:no-such-topic:u:en')).toMatchObject({ text: en.expired, show_alert: true });
    expect(tg.curator.report(3500)).toContain('no votes yet');
  });

  it('a database that cannot be written gets a polite apology in the user’s language; answering goes on', async () => {
    // DB_PATH below a regular file: the curator cannot create its database and records nothing.
    await start((d) => {
      writeFileSync(join(d, 'not-a-folder'), '');
      return join(d, 'not-a-folder', 'bot.db');
    });
    const chat = privateChat(SARA);
    const answer = await tg.say(chat, SARA, 'روسیه هر سال چند میلیارد متر مکعب گاز به ایران می‌فرستد؟');
    const up = buttons(answer).find((b) => b.text === '👍')!;
    expect(await press(SARA, sentMessage(answer), up.data!)).toMatchObject({ text: fa.tgVoteFailed });
    expect(await press(SARA, sentMessage(answer), up.data!)).toMatchObject({ text: fa.tgVoteFailed });
    expect((await tg.say(chat, SARA, 'how much gas will russia send iran?')).plain).toContain('55');
    expect(tg.logs().filter((l) => l.msg === 'Telegram update failed')).toEqual([]);
    expect(tg.logs().some((l) => /curator database unavailable/.test(l.msg))).toBe(true);
  });
});
