import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT } from '../fakes/telegram-bot-api.js';
import { groupChat, user } from '../fakes/telegram-updates.js';
import { sentMessage, startTelegram, type TelegramTest } from './harness.js';

const GROUP = groupChat(-100777, 'Partnership fans');
const alice = user(2001, 'Alice');
const bob = user(2002, 'Bob');
const other = '@some_other_bot';

describe('Telegram groups: answers only when addressed', () => {
  let tg: TelegramTest;
  beforeEach(async () => {
    tg = await startTelegram();
  });
  afterEach(() => tg.stop());

  /** Messages of one chat are handled in order, so a reply to a later message proves the earlier ones were seen and skipped. */
  const repliesIn = (chatId: number) => tg.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === chatId);

  it('ignores ordinary group messages, another bot’s commands and mentions of others', async () => {
    const ignored = [
      tg.send(GROUP, alice, 'how much gas will russia send iran?'),
      tg.send(GROUP, bob, `${other} how much gas?`),
      tg.send(GROUP, bob, '/ask@some_other_bot how much gas?'),
      tg.send(GROUP, bob, '/frobnicate'),
    ];
    const reply = await tg.say(GROUP, alice, '/ask where was the treaty signed?');
    expect(reply.plain).toContain('Moscow');
    expect(repliesIn(GROUP.id)).toHaveLength(1);
    expect(ignored.map((m) => m.message_id)).not.toContain(reply.params.reply_parameters.message_id);
  });

  it('answers a mention of the bot, with the mention removed from the question, as a reply to the asker', async () => {
    const reply = await tg.say(GROUP, alice, `@${FAKE_BOT.username} how much gas will russia send iran?`);
    const asked = tg.fake.callsOf('sendMessage').length;
    expect(reply.plain).toContain('55');
    expect(reply.params.reply_parameters).toMatchObject({ message_id: expect.any(Number), allow_sending_without_reply: true });
    const plainQuestion = await tg.say(GROUP, alice, '/ask how much gas will russia send iran?');
    expect(plainQuestion.plain).toBe(reply.plain);
    expect(tg.fake.callsOf('sendMessage')).toHaveLength(asked + 1);
  });

  it('answers /ask and /ask@bot, and /ask in reply to someone’s message asks that message', async () => {
    expect((await tg.say(GROUP, alice, '/ask how much gas?')).plain).toContain('55');
    expect((await tg.say(GROUP, alice, `/ask@${FAKE_BOT.username} where was it signed?`)).plain).toContain('Moscow');
    const question = tg.send(GROUP, bob, 'where was the agreement signed?');
    expect((await tg.say(GROUP, alice, '/ask', { reply_to_message: question } as never)).plain).toContain('Moscow');
  });

  it('answers a reply to one of its own messages (also in a channel’s discussion group thread)', async () => {
    const first = await tg.say(GROUP, alice, '/ask how much gas?');
    const follow = await tg.say(GROUP, bob, 'and where was the treaty signed?', { reply_to_message: sentMessage(first), message_thread_id: 42 } as never);
    expect(follow.plain).toContain('Moscow');
    const replyToSomeoneElse = tg.send(GROUP, bob, 'where was it signed?', { reply_to_message: tg.send(GROUP, alice, 'hi') } as never);
    const barrier = await tg.say(GROUP, alice, '/help');
    expect(barrier.plain).toBeTruthy();
    expect(repliesIn(GROUP.id).map((c) => c.params.reply_parameters?.message_id)).not.toContain(replyToSomeoneElse.message_id);
  });

  it('a bare mention gets a prompt to ask, not an error', async () => {
    const reply = await tg.say(GROUP, alice, `@${FAKE_BOT.username}`);
    expect(reply.plain).toMatch(/ask/i);
  });
});
