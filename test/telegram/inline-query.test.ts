import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT } from '../fakes/telegram-bot-api.js';
import { inlineQuery, user } from '../fakes/telegram-updates.js';
import { realCore } from '../support/core.js';
import { startTelegram, type TelegramTest } from './harness.js';

const alice = user(4001, 'Alice');

describe('Telegram inline mode', () => {
  let tg: TelegramTest;
  beforeEach(async () => {
    tg = await startTelegram();
  });
  afterEach(() => tg.stop());

  async function query(text: string) {
    const answered = tg.fake.waitFor('answerInlineQuery');
    tg.fake.pushUpdate(inlineQuery(alice, text));
    return (await answered).params;
  }

  it('@bot gas offers up to ten topic cards as article results, gas first, cached', async () => {
    const answer = await query('gas');
    expect(answer.cache_time).toBe(300);
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.length).toBeLessThanOrEqual(10);
    const [first] = answer.results;
    expect(first).toMatchObject({ type: 'article', id: 'gas', input_message_content: { parse_mode: 'HTML' } });
    expect(first.input_message_content.message_text).toContain('55');
    expect(first.input_message_content.message_text).toContain('Source: ');
    expect(first.reply_markup.inline_keyboard.at(-1)[0].url).toBe(`https://t.me/${FAKE_BOT.username}?start=topic_gas_en`);
    for (const r of answer.results) expect(r.type).toBe('article');
  });

  it('an empty query offers the main topics', async () => {
    const core = await realCore();
    const answer = await query('');
    expect(answer.results.map((r: { id: string }) => r.id)).toEqual(core.topics().slice(0, 10).map((x) => x.id));
  });

  it('markup in the query is harmless (the fake validates every result’s HTML)', async () => {
    const answer = await query('<script>alert(1)</script> & <b>gas</b>');
    for (const r of answer.results) expect(r.input_message_content.message_text).not.toContain('<script>');
  });
});
