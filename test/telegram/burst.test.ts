import { afterEach, describe, expect, it } from 'vitest';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { startTelegram, type TelegramTest } from './harness.js';

describe('Telegram under a burst of updates', () => {
  let tg: TelegramTest;
  afterEach(() => tg.stop());

  it('answers every one of 300 messages from 100 chats exactly once, in order within each chat', async () => {
    tg = await startTelegram();
    const questions = ['how much gas will russia send iran?', 'where was the treaty signed?', '/help'];
    const sent = new Map<number, number[]>();
    for (let i = 0; i < 100; i += 1) {
      const u = user(8000 + i);
      for (const q of questions) {
        const m = textMessage(privateChat(u), u, q);
        tg.fake.pushUpdate(messageUpdate(m));
        sent.set(u.id, [...(sent.get(u.id) ?? []), m.message_id]);
      }
    }
    await tg.fake.waitForCount('sendMessage', 300);
    const replies = tg.fake.callsOf('sendMessage');
    expect(replies).toHaveLength(300);
    for (const [chatId] of sent) {
      const mine = replies.filter((c) => c.params.chat_id === chatId).map((c) => c.plain ?? '');
      expect(mine).toHaveLength(3);
      expect(mine[0]).toContain('55');
      expect(mine[1]).toContain('Moscow');
      expect(mine[2]).toMatch(/^What I can answer/);
    }
  });
});
