import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/conversation/actions.js';
import { FAKE_TOKEN, type Failure } from '../fakes/telegram-bot-api.js';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { privateUser, sentMessage, startTelegram, type TelegramTest } from './harness.js';

/** Transport: polling and webhook start-up, the API's faults, bursts. Conversations are the contract suite's. */
let tg: TelegramTest;
afterEach(async () => {
  await tg.stop();
  // Whatever happened in the test, no log line carries the bot token.
  expect(tg.lines.join('\n')).not.toContain(FAKE_TOKEN);
});

const tooMany = (seconds: number): Failure => ({
  error_code: 429,
  description: `Too Many Requests: retry after ${seconds}`,
  parameters: { retry_after: seconds },
});
const internal: Failure = { error_code: 500, description: 'Internal Server Error' };
const badGateway: Failure = { error_code: 502, description: 'Bad Gateway' };

describe('Telegram long polling', () => {
  it('starts the way npm start does: getMe, command menus, no webhook, then a real long poll', async () => {
    tg = await startTelegram();
    const poll = await tg.fake.waitForPoll();
    expect(poll.timeout).toBeGreaterThan(0);
    expect(poll.allowed_updates).toEqual(['message', 'callback_query', 'inline_query']);
    const methods = tg.fake.calls.map((c) => c.method);
    expect(methods.slice(0, 1)).toEqual(['getMe']);
    expect(methods).toContain('deleteWebhook');
    expect(tg.adapter.mode).toBe('polling');
    const menus = tg.fake.callsOf('setMyCommands').map((c) => `${c.params.scope?.type}/${c.params.language_code ?? '*'}`);
    expect(menus).toEqual([
      'default/*',
      'default/ru',
      'default/fa',
      'all_chat_administrators/*',
      'all_chat_administrators/ru',
      'all_chat_administrators/fa',
      'chat/*',
      'chat/ru',
      'chat/fa',
    ]);
  });

  it('confirms the last handled update on stop, so a restart does not answer it again', async () => {
    tg = await startTelegram();
    const { user: alice, chat } = privateUser(6010);
    await tg.say(chat, alice, 'how much gas');
    const last = tg.fake.calls.filter((c) => c.method === 'getUpdates' && c.ok && Array.isArray(c.result) && (c.result as unknown[]).length).at(-1)!;
    const updateId = (last.result as Array<{ update_id: number }>).at(-1)!.update_id;
    await tg.adapter.stop();
    expect(tg.fake.calls.some((c) => c.method === 'getUpdates' && c.params.offset === updateId + 1 && !c.params.timeout)).toBe(true);
  });

  it('a second instance polling the same token (409 Conflict) is reported, not silently dead', async () => {
    tg = await startTelegram({
      beforeStart: (fake) => fake.failNext('getUpdates', { error_code: 409, description: 'Conflict: terminated by other getUpdates request' }),
    });
    const fatal = await tg.waitForLog((l) => l.level === 60);
    expect(fatal.msg).toMatch(/long polling stopped/);
    expect(fatal.err.error_code).toBe(409);
    // …and handed to main through `fatal`, which then stops the process instead of running deaf.
    expect(await tg.adapter.fatal).toMatchObject({ error_code: 409 });
  });
});

const SECRET = 'webhook-secret_value-123';

function post(port: number, path: string, body: string, headers: Record<string, string> = {}, method = 'POST'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('Telegram webhook mode', () => {
  const alice = user(5001, 'Alice');
  const update = (id: number, text: string) => JSON.stringify({ update_id: id, ...messageUpdate(textMessage(privateChat(alice), alice, text)) });
  const startWebhook = async () => {
    tg = await startTelegram({
      env: { TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook', TELEGRAM_WEBHOOK_SECRET: SECRET, OPS_PORT: '0' },
    });
    return tg.ops!.address().port;
  };

  it('registers the webhook with its secret, does not poll, and answers an update with the right secret', async () => {
    const port = await startWebhook();
    expect(tg.adapter.mode).toBe('webhook');
    expect(tg.fake.webhook).toEqual({ url: 'https://bot.example.org/telegram/hook', secret_token: SECRET });
    // Telegram's default is 40 parallel connections, whatever number of instances run: the setting (default 100) is passed on.
    expect(tg.fake.callsOf('setWebhook')[0]!.params.max_connections).toBe(100);
    expect(tg.fake.calls.filter((c) => c.method === 'getUpdates' || c.method === 'deleteWebhook')).toEqual([]);
    const res = await post(port, '/telegram/hook', update(1, 'how much gas will russia send iran?'), { 'x-telegram-bot-api-secret-token': SECRET });
    expect(res.status).toBe(200);
    const reply = await tg.fake.waitFor('sendMessage');
    expect(reply.params.chat_id).toBe(alice.id);
    expect(reply.plain).toContain('55');
  });

  it('a wrong or missing secret → 401 and nothing is sent; health check, unknown paths and bad bodies', async () => {
    const port = await startWebhook();
    expect((await post(port, '/telegram/hook', update(2, 'how much gas'), { 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
    expect((await post(port, '/telegram/hook', update(3, 'how much gas'))).status).toBe(401);
    expect(tg.fake.callsOf('sendMessage')).toEqual([]);
    expect(tg.lines.join('\n')).not.toContain(SECRET);
    expect((await post(port, '/healthz', '', {}, 'GET')).status).toBe(200);
    expect((await post(port, '/elsewhere', update(4, 'hi'), { 'x-telegram-bot-api-secret-token': SECRET })).status).toBe(404);
    expect((await post(port, '/telegram/hook', '{not json', { 'x-telegram-bot-api-secret-token': SECRET })).status).toBe(400);
  });

  it('a failing update is logged once and still acknowledged, so Telegram does not redeliver it; stop() takes the webhook off the server', async () => {
    const port = await startWebhook();
    tg.fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });
    const res = await post(port, '/telegram/hook', update(5, 'how much gas'), { 'x-telegram-bot-api-secret-token': SECRET });
    expect(res.status).toBe(200);
    const failures = tg.logs().filter((l) => l.msg === 'Telegram update failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ update_id: 5, update_type: 'message', chat_type: 'private' });
    await tg.adapter.stop();
    expect((await post(port, '/telegram/hook', update(6, 'how much gas'), { 'x-telegram-bot-api-secret-token': SECRET })).status).toBe(404);
    expect((await post(port, '/healthz', '', {}, 'GET')).status).toBe(200);
  });
});

describe('Telegram under API faults', () => {
  it('waits out a 429 retry_after and then delivers the reply (not lost)', async () => {
    tg = await startTelegram();
    const { user: u, chat } = privateUser(6001);
    tg.fake.failNext('sendMessage', tooMany(1));
    const limited = tg.fake.waitFor('sendMessage', { failed: true });
    const reply = await tg.say(chat, u, 'how much gas will russia send iran?');
    expect((await limited).status).toBe(429);
    expect(reply.plain).toContain('55');
    expect(tg.fake.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('retries a dropped connection, and when it keeps failing logs once with update context and no token, then keeps running', async () => {
    tg = await startTelegram({ adapterOptions: { networkRetry: { attempts: 1, delayMs: 0 } } });
    const { user: u, chat } = privateUser(6002);
    // One drop: retried, delivered.
    tg.fake.failNext('sendMessage', 'network');
    expect((await tg.say(chat, u, 'how much gas')).plain).toContain('55');
    // Two drops: the retry fails too; the error boundary logs it.
    tg.fake.failNext('sendMessage', 'network', 2);
    tg.send(chat, u, 'where was the treaty signed?');
    const failure = await tg.waitForLog((l) => l.msg === 'Telegram update failed');
    expect(failure).toMatchObject({ update_type: 'message', chat_type: 'private', update_id: expect.any(Number), err: { type: 'HttpError' } });
    // The inner error is the socket's ("other side closed"); the token (part of every request URL) is nowhere in the log.
    expect(failure.err.error).toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(tg.lines.join('\n')).not.toContain(FAKE_TOKEN);
    expect(tg.logs().filter((l) => l.msg === 'Telegram update failed')).toHaveLength(1);
    expect(tg.logs().filter((l) => l.msg === 'Telegram API request failed').length).toBeGreaterThanOrEqual(3);
    expect((await tg.say(chat, u, 'where was the treaty signed?')).plain).toContain('Moscow');
  });

  it('one bad update (an API error) is logged once and the bot answers the next one', async () => {
    tg = await startTelegram();
    const { user: u, chat } = privateUser(6003);
    tg.fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    tg.send(chat, u, 'how much gas');
    const logged = await tg.waitForLog((l) => l.msg === 'Telegram update failed');
    expect(logged.err.description).toContain('blocked');
    expect((await tg.say(chat, u, 'how much gas')).plain).toContain('55');
  });

  it('429s, 5xx and dropped connections on sends, polls and button answers delay replies but lose none, and nothing fails', async () => {
    tg = await startTelegram({ adapterOptions: { networkRetry: { attempts: 3, delayMs: 0 } }, env: { RATE_LIMIT_PER_MINUTE: '1000' } });
    const questions = ['how much gas will russia send iran?', 'where was the treaty signed?', 'Сколько газа Россия поставит Ирану?'];
    const expected = ['55', 'Moscow', '55 млрд', 'What I can answer'];
    const users = Array.from({ length: 12 }, (_, i) => user(7100 + i));
    const vote = (up: boolean) => encodeAction({ kind: 'vote', topicId: 'gas', vote: up ? 1 : -1, lang: 'en' })!;

    // Healthy first: everyone gets an answer to vote on.
    const first = await Promise.all(users.map((u) => tg.say(privateChat(u), u, questions[0]!)));
    expect(first.every((r) => r.plain!.includes('55'))).toBe(true);

    // Then the API misbehaves while traffic continues: sends and button answers first…
    for (const failure of [tooMany(1), internal, 'network', badGateway, 'network', tooMany(1), 'network'] as Failure[])
      tg.fake.failNext('sendMessage', failure);
    for (const failure of ['network', internal, tooMany(1)] as Failure[]) tg.fake.failNext('answerCallbackQuery', failure);
    const push = (u: (typeof users)[number], text: string) => tg.fake.pushUpdate(messageUpdate(textMessage(privateChat(u), u, text)));
    for (const [i, u] of users.entries()) {
      for (const q of questions.slice(1)) push(u, q);
      tg.press(u, sentMessage(first[i]!), vote(i % 2 === 1));
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
      [
        'answerCallbackQuery 429',
        'answerCallbackQuery 500',
        'getUpdates 500',
        'sendMessage 429',
        'sendMessage 429',
        'sendMessage 500',
        'sendMessage 502',
      ].sort(),
    );
    expect(retried.filter((l) => l.error_code === 429).every((l) => l.retry_after === 1)).toBe(true);
    // …and still each user got exactly one reply per message, in order.
    for (const u of users) {
      const replies = tg.fake
        .callsOf('sendMessage')
        .filter((c) => c.params.chat_id === u.id)
        .map((c) => c.plain!);
      expect(replies).toHaveLength(expected.length);
      replies.forEach((text, i) => expect(text).toContain(expected[i]));
    }
    // Every vote was answered once and stored once.
    expect(tg.fake.callsOf('answerCallbackQuery')).toHaveLength(users.length);
    expect(await tg.curator.report(3500, { all: true })).toContain('Natural gas partnership: 6 / 6 (50% helpful)');
    expect(tg.logs().filter((l) => l.msg === 'Telegram update failed' || l.level >= 60)).toEqual([]);
    // The bot is still answering.
    const late = user(7199);
    expect((await tg.say(privateChat(late), late, 'how much gas')).plain).toContain('55');
  });
});

describe('Telegram under a burst of updates', () => {
  it('answers every one of 300 messages from 100 chats exactly once, in order within each chat', async () => {
    tg = await startTelegram();
    const questions = ['how much gas will russia send iran?', 'where was the treaty signed?', '/help'];
    const chats: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const u = user(8000 + i);
      chats.push(u.id);
      for (const q of questions) tg.fake.pushUpdate(messageUpdate(textMessage(privateChat(u), u, q)));
    }
    await tg.fake.waitForCount('sendMessage', 300);
    const replies = tg.fake.callsOf('sendMessage');
    expect(replies).toHaveLength(300);
    for (const chatId of chats) {
      const mine = replies.filter((c) => c.params.chat_id === chatId).map((c) => c.plain ?? '');
      expect(mine).toHaveLength(3);
      expect(mine[0]).toContain('55');
      expect(mine[1]).toContain('Moscow');
      expect(mine[2]).toMatch(/^What I can answer/);
    }
  });
});
