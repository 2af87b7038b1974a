import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/conversation/actions.js';
import { en } from '../../src/core/i18n/en/index.js';
import { fa } from '../../src/core/i18n/fa/index.js';
import { FAKE_BOT } from '../fakes/telegram-bot-api.js';
import { groupChat, inlineCallbackQuery, inlineQuery, privateChat, user } from '../fakes/telegram-updates.js';
import { buttons, rows, sentMessage, startTelegram, type TelegramTest } from './harness.js';

const ALICE = user(987_654_321, 'Alice');
const BOB = user(987_654_322, 'Bob');
const SARA = user(987_654_323, 'Sara', { language_code: 'fa' });
const EMMA = user(987_654_324, 'Emma', { language_code: 'en-GB' });
const GROUP = groupChat(-100_4242, 'Partnership fans');

let tg: TelegramTest;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tg-votes-'));
  tg = await startTelegram({ env: { DB_PATH: join(dir, 'bot.db') } });
});
afterAll(async () => {
  await tg.stop();
  rmSync(dir, { recursive: true, force: true });
});

const votes = () => {
  const db = new Database(tg.config.DB_PATH, { readonly: true });
  try {
    return db.prepare('SELECT * FROM feedback ORDER BY at').all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
};

describe('Telegram inline mode', () => {
  async function query(from: typeof ALICE, text: string) {
    const answered = tg.fake.waitFor('answerInlineQuery');
    tg.fake.pushUpdate(inlineQuery(from, text));
    return (await answered).params;
  }

  it('@bot gas offers up to ten answers as articles, gas first, cached per user; each with 👍 👎 and a deep link back', async () => {
    const answer = await query(ALICE, 'gas');
    expect(answer).toMatchObject({ cache_time: 300, is_personal: true });
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.length).toBeLessThanOrEqual(10);
    const [first] = answer.results;
    expect(first).toMatchObject({ type: 'article', id: 'gas', input_message_content: { parse_mode: 'HTML' } });
    expect(first.input_message_content.message_text).toContain('55');
    expect(first.input_message_content.message_text).toContain('Source: ');
    expect(rows({ params: first })).toEqual([['👍', '👎'], [en.openInBot]]);
    expect(first.reply_markup.inline_keyboard[1][0].url).toBe(`https://t.me/${FAKE_BOT.username}?start=topic_gas_en`);
    for (const r of answer.results) expect(r.type).toBe('article');
  });

  it('an empty query offers the main topics; markup in a query is harmless (the fake validates every result’s HTML)', async () => {
    const empty = await query(ALICE, '');
    expect(empty.results.map((r: { id: string }) => r.id)).toEqual(
      tg.core
        .topics()
        .slice(0, 10)
        .map((x) => x.id),
    );
    const hostile = await query(ALICE, '<script>alert(1)</script> & <b>gas</b>');
    for (const r of hostile.results) expect(r.input_message_content.message_text).not.toContain('<script>');
  });

  it('answers in the query’s language, or the app’s for an empty query; deep links keep it', async () => {
    const russian = await query(EMMA, 'газ');
    expect(russian.results[0]).toMatchObject({ id: 'gas', title: 'Партнёрство в сфере природного газа' });
    expect(russian.results[0].input_message_content.message_text).toContain('55 млрд');
    const persian = await query(SARA, '');
    expect(persian.results.length).toBeGreaterThan(0);
    for (const r of persian.results) expect(r.title).toMatch(/\p{Script=Arabic}/u);
    const link = persian.results[0].reply_markup.inline_keyboard.at(-1)[0];
    expect(link.text).toBe(fa.openInBot);
    expect(link.url).toMatch(/\?start=topic_[a-z0-9-]+_fa$/);
    // Emma opens the Persian card's link: the topic comes in Persian.
    const payload = new URL(link.url).searchParams.get('start')!;
    expect((await tg.say(privateChat(EMMA), EMMA, `/start ${payload}`)).plain!.startsWith(`${persian.results[0].title}\n`)).toBe(true);
  });
});

describe('Telegram 👍 / 👎', () => {
  it('one vote per user per answer, stored under the hashed message and voter, never a Telegram id', async () => {
    const answer = await tg.say(GROUP, ALICE, '/ask how much gas will russia send iran?');
    expect(rows(answer).at(-1)).toEqual(['👍', '👎']);
    const [up, down] = buttons(answer)
      .slice(-2)
      .map((b) => b.data!);
    expect(up).toBe(encodeAction({ kind: 'vote', topicId: 'gas', vote: 1, lang: 'en' }));
    const message = sentMessage(answer);
    const press = async (from: typeof ALICE, data: string) => (await tg.answered(tg.press(from, message, data))).params;
    expect(await press(ALICE, up!)).toMatchObject({ text: en.voteThanks, show_alert: false });
    expect(await press(ALICE, up!)).toMatchObject({ text: en.voteSame, show_alert: false });
    expect(await press(ALICE, down!)).toMatchObject({ text: en.voteChanged, show_alert: false });
    expect(await press(BOB, up!)).toMatchObject({ text: en.voteThanks, show_alert: false });

    expect(await tg.curator.report(3500, { all: true })).toContain('Natural gas partnership: 1 / 1 (50% helpful)');
    const stored = votes();
    expect(stored.map((v) => [v.answer_key, v.platform, v.topic])).toEqual([
      [tg.deps.ids.hash('tg-msg', `${GROUP.id}:${message.message_id}`), 'telegram', 'gas'],
      [tg.deps.ids.hash('tg-msg', `${GROUP.id}:${message.message_id}`), 'telegram', 'gas'],
    ]);
    for (const id of [ALICE.id, BOB.id, GROUP.id]) expect(JSON.stringify(stored)).not.toContain(String(id));
  });

  it('votes on inline-mode messages are keyed by the inline message, thanked in the message’s language; an unknown topic is expired and not stored', async () => {
    const before = votes().length;
    const answered = tg.fake.waitFor('answerCallbackQuery');
    tg.fake.pushUpdate(inlineCallbackQuery(BOB, 'AgAAAInlineMsg-1', encodeAction({ kind: 'vote', topicId: 'gas', vote: 1, lang: 'fa' })!));
    expect((await answered).params.text).toBe(fa.voteThanks);
    expect(
      votes()
        .slice(before)
        .map((v) => [v.answer_key, v.topic, v.vote]),
    ).toEqual([[tg.deps.ids.hash('tg-inline', 'AgAAAInlineMsg-1'), 'gas', 1]]);

    const answer = await tg.say(privateChat(ALICE), ALICE, 'how much gas');
    const forged = encodeAction({ kind: 'vote', topicId: 'no-such-topic', vote: 1, lang: 'en' })!;
    expect((await tg.answered(tg.press(ALICE, sentMessage(answer), forged))).params).toMatchObject({ text: en.expired, show_alert: true });
    expect(votes()).toHaveLength(before + 1);
  });

  it('a database that cannot be written gets a polite apology in the user’s language; answering goes on', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'tg-votes-broken-'));
    // DB_PATH below a regular file: the curator cannot create its database and records nothing.
    writeFileSync(join(broken, 'not-a-folder'), '');
    const failing = await startTelegram({ env: { DB_PATH: join(broken, 'not-a-folder', 'bot.db') } });
    try {
      const chat = privateChat(SARA);
      const answer = await failing.say(chat, SARA, 'روسیه هر سال چند میلیارد متر مکعب گاز به ایران می‌فرستد؟');
      const up = buttons(answer).find((b) => b.text === '👍')!;
      for (let i = 0; i < 2; i += 1) {
        expect((await failing.answered(failing.press(SARA, sentMessage(answer), up.data!))).params).toMatchObject({ text: fa.voteFailed });
      }
      expect((await failing.say(chat, SARA, 'how much gas will russia send iran?')).plain).toContain('55');
      expect(failing.logs().filter((l) => l.msg === 'Telegram update failed')).toEqual([]);
      expect(failing.logs().some((l) => /curator database unavailable/.test(l.msg))).toBe(true);
    } finally {
      await failing.stop();
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
