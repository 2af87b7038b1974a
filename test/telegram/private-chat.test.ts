import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCallback } from '../../src/adapters/telegram/callback-data.js';
import { runTranscript } from '../support/transcript.js';
import { buttons, privateUser, sentMessage, startTelegram, type TelegramTest } from './harness.js';

describe('Telegram private chat', () => {
  let tg: TelegramTest;
  beforeEach(async () => {
    tg = await startTelegram();
  });
  afterEach(() => tg.stop());

  it('starts the way npm start does: getMe, command menus, no webhook, then a real long poll', async () => {
    const poll = await tg.fake.waitForPoll();
    expect(poll.timeout).toBeGreaterThan(0);
    expect(poll.allowed_updates).toEqual(['message', 'callback_query', 'inline_query']);
    const methods = tg.fake.calls.map((c) => c.method);
    expect(methods.slice(0, 1)).toEqual(['getMe']);
    expect(methods).toContain('deleteWebhook');
    expect(tg.adapter.mode).toBe('polling');
    const menus = tg.fake.callsOf('setMyCommands').map((c) => `${c.params.scope?.type}/${c.params.language_code ?? '*'}`);
    expect(menus).toEqual(['default/*', 'default/ru', 'default/fa', 'all_chat_administrators/*', 'all_chat_administrators/ru', 'all_chat_administrators/fa', 'chat/*', 'chat/ru', 'chat/fa']);
  });

  it('answers a question in HTML with a bold title, the source line and related-topic buttons', async () => {
    const { user, chat } = privateUser(1001);
    const reply = await tg.say(chat, user, 'How much gas will Russia send to Iran?');
    expect(reply.params.parse_mode).toBe('HTML');
    expect(reply.params.text).toMatch(/^<b>[^<]+<\/b>\n/);
    expect(reply.plain).toContain('55');
    expect(reply.plain).toMatch(/Source: .+, \d{1,2} \w{3} 20\d\d/);
    expect(reply.params.reply_parameters).toBeUndefined();
    const [up, down, ...related] = buttons(reply).reverse();
    expect(related.length).toBeGreaterThan(0);
    for (const b of related) expect(parseCallback(b.data)).toMatchObject({ kind: 'topic', lang: 'en' });
    expect([down, up].map((b) => b!.text)).toEqual(['👍', '👎']);
    expect([down, up].map((b) => parseCallback(b!.data))).toMatchObject([{ kind: 'feedback', vote: 1 }, { kind: 'feedback', vote: -1 }]);
  });

  it('holds a conversation (transcript)', async () => {
    const { user, chat } = privateUser(1002);
    const problems = await runTranscript(
      `
      user> how much gas will russia send iran?
      bot~ 55
      user> where was the treaty signed?
      bot~ Moscow
      user> what is the best pizza in naples?
      bot~ only answer questions
      `,
      async (text) => (await tg.say(chat, user, text)).plain ?? '',
    );
    expect(problems).toEqual([]);
  });

  it('a related-topic button answers that topic and answers the callback query', async () => {
    const { user, chat } = privateUser(1003);
    const first = await tg.say(chat, user, 'how much gas');
    const button = buttons(first)[0]!;
    const topicId = (parseCallback(button.data) as { topicId: string }).topicId;
    const answered = tg.fake.waitFor('answerCallbackQuery');
    const next = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id });
    tg.press(user, sentMessage(first), button.data!);
    expect((await answered).params.text).toBeUndefined();
    const reply = await next;
    expect(reply.plain?.startsWith(button.text)).toBe(true);
    expect(topicId).toBeTruthy();
  });
});
