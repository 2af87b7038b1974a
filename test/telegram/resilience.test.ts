import { afterEach, describe, expect, it } from 'vitest';
import { ru } from '../../src/core/i18n/ru.js';
import { FAKE_TOKEN } from '../fakes/telegram-bot-api.js';
import { messageUpdate, privateChat, user } from '../fakes/telegram-updates.js';
import { privateUser, sentMessage, startTelegram, type TelegramTest } from './harness.js';

describe('Telegram resilience and bad input', () => {
  let tg: TelegramTest;
  afterEach(async () => {
    await tg.stop();
    // Whatever happened in the test, no log line carries the bot token.
    expect(tg.lines.join('\n')).not.toContain(FAKE_TOKEN);
  });

  it('waits out a 429 retry_after and then delivers the reply (not lost)', async () => {
    tg = await startTelegram();
    const { user, chat } = privateUser(6001);
    tg.fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const limited = tg.fake.waitFor('sendMessage', { failed: true });
    const reply = await tg.say(chat, user, 'how much gas will russia send iran?');
    expect((await limited).status).toBe(429);
    expect(reply.plain).toContain('55');
    expect(tg.fake.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('retries a dropped connection, and when it keeps failing logs once with update context and no token, then keeps running', async () => {
    tg = await startTelegram({ adapterOptions: { networkRetry: { attempts: 1, delayMs: 0 } } });
    const { user, chat } = privateUser(6002);
    // One drop: retried, delivered.
    tg.fake.failNext('sendMessage', 'network');
    expect((await tg.say(chat, user, 'how much gas')).plain).toContain('55');
    // Two drops: the retry fails too; the error boundary logs it.
    tg.fake.failNext('sendMessage', 'network', 2);
    const message = tg.send(chat, user, 'where was the treaty signed?');
    const failure = await tg.waitForLog((l) => l.msg === 'Telegram update failed');
    expect(failure).toMatchObject({ update_type: 'message', chat_type: 'private', update_id: expect.any(Number), err: { type: 'HttpError' } });
    // The inner error is the socket's ("other side closed"); the token (part of every request URL) is nowhere in the log.
    const line = tg.lines.find((l) => l.includes('"Telegram update failed"'))!;
    expect(failure.err.error).toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(line).not.toContain(FAKE_TOKEN);
    expect(tg.lines.join('\n')).not.toContain(FAKE_TOKEN);
    expect(tg.logs().filter((l) => l.msg === 'Telegram update failed')).toHaveLength(1);
    expect(tg.logs().filter((l) => l.msg === 'Telegram API request failed').length).toBeGreaterThanOrEqual(3);
    expect(message.message_id).toBeGreaterThan(0);
    expect((await tg.say(chat, user, 'where was the treaty signed?')).plain).toContain('Moscow');
  });

  it('one bad update (an API error) is logged once and the bot answers the next one', async () => {
    tg = await startTelegram();
    const { user, chat } = privateUser(6003);
    tg.fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    tg.send(chat, user, 'how much gas');
    const logged = await tg.waitForLog((l) => l.msg === 'Telegram update failed');
    expect(logged.err.description).toContain('blocked');
    expect((await tg.say(chat, user, 'how much gas')).plain).toContain('55');
  });

  it('a second instance polling the same token (409 Conflict) is reported, not silently dead', async () => {
    tg = await startTelegram({ beforeStart: (fake) => fake.failNext('getUpdates', { error_code: 409, description: 'Conflict: terminated by other getUpdates request' }) });
    const fatal = await tg.waitForLog((l) => l.level === 60);
    expect(fatal.msg).toMatch(/long polling stopped/);
    expect(fatal.err.error_code).toBe(409);
    // …and handed to main through `fatal`, which then stops the process instead of running deaf.
    expect(await tg.adapter.fatal).toMatchObject({ error_code: 409 });
  });

  it('answers or declines bad input safely: blank, 4,000 characters, control characters, HTML injection, a sticker', async () => {
    tg = await startTelegram();
    const { user, chat } = privateUser(6004);
    const blank = await tg.say(chat, user, '   ');
    expect(blank.plain).toMatch(/ask/i);
    const huge = await tg.say(chat, user, `how much gas ${'la '.repeat(1330)}`);
    expect(huge.plain!.length).toBeLessThanOrEqual(4096);
    const control = await tg.say(chat, user, 'how much \u0000\u0007 gas\u001b[31m will russia send?');
    expect(control.plain).toContain('55');
    const injection = await tg.say(chat, user, '<b>how much gas</b> & <script>alert(1)</script>');
    expect(injection.params.text).not.toContain('<script>');
    expect(injection.params.text).not.toMatch(/<b>how much/);
    const sticker = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id });
    tg.fake.pushUpdate(messageUpdate({ message_id: 1, date: 0, chat, from: user, sticker: { file_id: 'f', file_unique_id: 'u', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } } as never));
    expect((await sticker).plain).toMatch(/ask/i);
  });

  it('rate limit: one polite notice, then silence; other users are still answered', async () => {
    tg = await startTelegram({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    const { user: flooder, chat } = privateUser(6005);
    const first = await tg.say(chat, flooder, 'how much gas');
    for (let i = 0; i < 4; i += 1) tg.send(chat, flooder, 'how much gas');
    // A button press in the same chat is handled after those messages (updates of a chat are handled in order).
    const barrier = tg.fake.waitFor('answerCallbackQuery');
    tg.press(flooder, sentMessage(first), 'forged');
    await barrier;
    const replies = tg.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === chat.id).map((c) => c.plain);
    expect(replies).toHaveLength(3);
    expect(replies[0]).toContain('55');
    expect(replies[1]).toContain('55');
    expect(replies[2]).toBe('You are sending messages too fast; I will answer again in a few seconds.');
    const other = user(6006);
    expect((await tg.say(privateChat(other), other, 'how much gas')).plain).toContain('55');
    // The notice speaks the user's language.
    const ivan = user(6007, 'Иван', { language_code: 'ru' });
    const ivanChat = privateChat(ivan);
    for (let i = 0; i < 2; i += 1) await tg.say(ivanChat, ivan, 'Сколько газа?');
    expect((await tg.say(ivanChat, ivan, 'Сколько газа?')).plain).toBe(ru.slowDown);
  });
});
