import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCallback } from '../../src/adapters/telegram/callback-data.js';
import { TOPICS_PER_PAGE } from '../../src/adapters/telegram/keyboards.js';
import { realCore } from '../support/core.js';
import { buttons, privateUser, sentMessage, startTelegram, type TelegramTest } from './harness.js';

describe('Telegram commands and buttons', () => {
  let tg: TelegramTest;
  beforeEach(async () => {
    tg = await startTelegram();
  });
  afterEach(() => tg.stop());

  it('/start welcomes; the deep link /start topic_gas opens the gas topic', async () => {
    const { user, chat } = privateUser(3001);
    const welcome = await tg.say(chat, user, '/start');
    expect(welcome.params.text).toMatch(/^<b>Welcome<\/b>/);
    expect(buttons(welcome).length).toBeGreaterThan(0);
    const deep = await tg.say(chat, user, '/start topic_gas');
    expect(deep.plain).toContain('55');
    expect(deep.plain).toMatch(/Source: /);
    const unknown = await tg.say(chat, user, '/start topic_no-such-topic');
    expect(unknown.plain).toContain('no-such-topic');
  });

  it('/topics → press a topic → its answer; the callback query is answered', async () => {
    const { user, chat } = privateUser(3002);
    const list = await tg.say(chat, user, '/topics');
    const topic = buttons(list).find((b) => parseCallback(b.data)?.kind === 'topic')!;
    const answered = tg.fake.waitFor('answerCallbackQuery');
    const reply = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id });
    tg.press(user, sentMessage(list), topic.data!);
    expect((await answered).params.show_alert).toBeUndefined();
    const answer = await reply;
    expect(answer.params.text.startsWith(`<b>${topic.text}</b>`)).toBe(true);
    expect(answer.plain).toMatch(/Source: /);
  });

  it('pages through all topics in place (editMessageReplyMarkup), every topic once', async () => {
    const { user, chat } = privateUser(3003);
    const core = await realCore();
    const total = core.topics().length;
    const list = await tg.say(chat, user, '/topics');
    const seen: string[] = [];
    let keyboard = buttons(list);
    for (let page = 0; ; page += 1) {
      seen.push(...keyboard.filter((b) => parseCallback(b.data)?.kind === 'topic').map((b) => b.text));
      const next = keyboard.find((b) => {
        const action = parseCallback(b.data);
        return action?.kind === 'topics-page' && action.page === page + 1;
      });
      if (!next) break;
      const edited = tg.fake.waitFor('editMessageReplyMarkup');
      const answered = tg.fake.waitFor('answerCallbackQuery');
      tg.press(user, sentMessage(list), next.data!);
      const edit = await edited;
      await answered;
      expect(edit.params).toMatchObject({ chat_id: chat.id, message_id: sentMessage(list).message_id });
      keyboard = (edit.params.reply_markup.inline_keyboard as Array<Array<{ text: string; callback_data: string }>>).flat().map((b) => ({ text: b.text, data: b.callback_data }));
    }
    expect(seen).toEqual(core.topics().map((x) => x.title));
    expect(total).toBeGreaterThan(TOPICS_PER_PAGE);
  });

  it('/help, /topic gas, /topic without an id, unknown commands', async () => {
    const { user, chat } = privateUser(3004);
    expect((await tg.say(chat, user, '/help')).params.text).toMatch(/^<b>What I can answer<\/b>/);
    expect((await tg.say(chat, user, '/topic gas')).plain).toContain('55');
    expect((await tg.say(chat, user, '/topic')).params.text).toMatch(/^<b>Topics<\/b>/);
    expect((await tg.say(chat, user, '/frobnicate')).plain).toContain('/frobnicate');
  });

  it('echoes user text only escaped: /topic <script> and & stay text', async () => {
    const { user, chat } = privateUser(3005);
    const reply = await tg.say(chat, user, '/topic <script>alert(1)</script> & <b>x</b>');
    expect(reply.params.text).not.toContain('<script>');
    expect(reply.params.text).toContain('&lt;script&gt;');
    expect(reply.plain).toContain('<script>alert(1)</script>'); // shown to the user as literal text
  });

  it('a forged or stale button gets a clear alert, not an exception; the bot keeps answering', async () => {
    const { user, chat } = privateUser(3006);
    const list = await tg.say(chat, user, '/topics');
    for (const data of ['v1:t:<script>', 'v0:t:gas', 'v1:t:topic-that-was-removed', 'garbage']) {
      const answered = tg.fake.waitFor('answerCallbackQuery');
      tg.press(user, sentMessage(list), data);
      expect((await answered).params).toMatchObject({ text: 'This button has expired. Ask again or use /topics.', show_alert: true });
    }
    expect((await tg.say(chat, user, 'how much gas')).plain).toContain('55');
    expect(tg.logs().filter((l) => l.msg === 'Telegram update failed')).toEqual([]);
  });
});
