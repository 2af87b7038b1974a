import { afterEach, describe, expect, it } from 'vitest';
import type { Failure } from '../fakes/telegram-bot-api.js';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { sentMessage, startTelegram, type TelegramTest } from './harness.js';

const tooMany = (seconds: number): Failure => ({ error_code: 429, description: `Too Many Requests: retry after ${seconds}`, parameters: { retry_after: seconds } });
const internal: Failure = { error_code: 500, description: 'Internal Server Error' };
const badGateway: Failure = { error_code: 502, description: 'Bad Gateway' };

describe('Telegram under API faults mid-run', () => {
  let tg: TelegramTest;
  afterEach(() => tg.stop());

  it('429s, 5xx and dropped connections on sends, polls and button answers delay replies but lose none, and nothing fails', async () => {
    tg = await startTelegram({ adapterOptions: { networkRetry: { attempts: 3, delayMs: 0 } }, env: { RATE_LIMIT_PER_MINUTE: '1000' } });
    const questions = ['how much gas will russia send iran?', 'where was the treaty signed?', 'Сколько газа Россия поставит Ирану?'];
    const expected = ['55', 'Moscow', '55 млрд', 'What I can answer'];
    const users = Array.from({ length: 12 }, (_, i) => user(7100 + i));

    // Healthy first: everyone gets an answer to vote on.
    const first = await Promise.all(users.map((u) => tg.say(privateChat(u), u, questions[0]!)));
    expect(first.every((r) => r.plain!.includes('55'))).toBe(true);

    // Then the API misbehaves while traffic continues: sends and button answers first…
    for (const failure of [tooMany(1), internal, 'network', badGateway, 'network', tooMany(1), 'network'] as Failure[]) tg.fake.failNext('sendMessage', failure);
    for (const failure of ['network', internal, tooMany(1)] as Failure[]) tg.fake.failNext('answerCallbackQuery', failure);
    const push = (u: (typeof users)[number], text: string) => tg.fake.pushUpdate(messageUpdate(textMessage(privateChat(u), u, text)));
    for (const [i, u] of users.entries()) {
      for (const q of questions.slice(1)) push(u, q);
      tg.press(u, sentMessage(first[i]!), i % 2 ? 'v1:fb:gas:u:en' : 'v1:fb:gas:d:en');
    }
    // …then, once the bot is polling again with those replies still in flight, the polls fail too.
    await tg.fake.waitForPoll();
    tg.fake.failNext('getUpdates', internal);
    tg.fake.failNext('getUpdates', 'network');
    for (const u of users) push(u, '/help');
    await tg.fake.waitForCount('sendMessage', users.length * (questions.length + 1));
    await tg.fake.waitForCount('answerCallbackQuery', users.length);

    // Every failure really happened…
    const failed = (method: string) => tg.fake.calls.filter((c) => c.method === method && !c.ok).map((c) => c.status);
    expect(failed('sendMessage').sort()).toEqual([0, 0, 0, 429, 429, 500, 502]);
    expect(failed('getUpdates').sort()).toEqual([0, 500]);
    expect(failed('answerCallbackQuery').sort()).toEqual([0, 429, 500]);
    // Each 429 and 5xx answer was logged as it was retried, with Telegram's wait.
    const retried = tg.logs().filter((l) => l.msg === 'Telegram API answered an error; retrying');
    expect(retried.map((l) => `${l.method} ${l.error_code}`).sort()).toEqual(
      ['answerCallbackQuery 429', 'answerCallbackQuery 500', 'getUpdates 500', 'sendMessage 429', 'sendMessage 429', 'sendMessage 500', 'sendMessage 502'].sort(),
    );
    expect(retried.filter((l) => l.error_code === 429).every((l) => l.retry_after === 1)).toBe(true);
    // …and still each user got exactly one reply per message, in order.
    for (const u of users) {
      const replies = tg.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === u.id).map((c) => c.plain!);
      expect(replies).toHaveLength(expected.length);
      replies.forEach((text, i) => expect(text).toContain(expected[i]));
    }
    // Every vote was answered once and stored once.
    expect(tg.fake.callsOf('answerCallbackQuery')).toHaveLength(users.length);
    expect(tg.curator.report(3500)).toContain('Natural gas partnership: 6 / 6 (50% helpful)');
    expect(tg.logs().filter((l) => l.msg === 'Telegram update failed' || l.level >= 60)).toEqual([]);
    // The bot is still answering.
    const late = user(7199);
    expect((await tg.say(privateChat(late), late, 'how much gas')).plain).toContain('55');
  });
});
