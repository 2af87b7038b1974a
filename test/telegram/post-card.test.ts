import { afterEach, describe, expect, it } from 'vitest';
import { parseCallback } from '../../src/adapters/telegram/callback-data.js';
import { FAKE_BOT } from '../fakes/telegram-bot-api.js';
import { groupChat, privateChat } from '../fakes/telegram-updates.js';
import { buttons, CHANNEL, CHANNEL_ADMIN, MODERATOR, sentMessage, STRANGER, startTelegram, type TelegramTest } from './harness.js';

const botNotAdmin = `I am not an administrator of @${CHANNEL.username}, so I cannot post there.`;

describe('Telegram /post: moderators post summary cards to the channel', () => {
  let tg: TelegramTest;
  afterEach(() => tg.stop());

  /** The bot is an admin of the channel allowed to post; Ada is a channel admin; Sam is not. */
  async function start(botStatus: 'administrator' | 'member' | 'unreachable' = 'administrator', env: Record<string, string> = {}) {
    tg = await startTelegram({ env });
    if (botStatus === 'unreachable') tg.fake.setChatMember(CHANNEL.id, FAKE_BOT.id, { error_code: 400, description: 'Bad Request: member list is inaccessible' });
    else tg.fake.setChatMember(CHANNEL.id, FAKE_BOT.id, botStatus);
    tg.fake.setChatMember(CHANNEL.id, CHANNEL_ADMIN.id, 'administrator');
    tg.fake.setChatMember(CHANNEL.id, STRANGER.id, 'member');
  }

  async function previewAndConfirm(who: typeof MODERATOR) {
    const chat = privateChat(who);
    const preview = await tg.say(chat, who, '/post gas');
    expect(preview.params.text).toMatch(/^<i>Preview of the card for @partnership_news:<\/i>/);
    expect(preview.plain).toContain('55');
    const [post, cancel] = buttons(preview);
    expect(parseCallback(post!.data)).toEqual({ kind: 'post', topicId: 'gas', lang: 'en' });
    expect(parseCallback(cancel!.data)).toEqual({ kind: 'post-cancel', lang: 'en' });
    const posted = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === `@${CHANNEL.username}` });
    const edited = tg.fake.waitFor('editMessageText');
    tg.press(who, sentMessage(preview), post!.data!);
    const card = await posted;
    expect(card.plain).toContain('55');
    expect(card.plain).toMatch(/Source: /);
    expect(card.params.reply_markup).toBeUndefined();
    expect((await edited).plain).toBe('Posted to @partnership_news.');
    const log = await tg.waitForLog((l) => l.msg === 'card posted to channel');
    expect(log).toMatchObject({ moderator: { id: who.id }, topic: 'gas', channel: '@partnership_news', message_id: (card.result as { message_id: number }).message_id });
  }

  it('a channel administrator (checked with getChatMember) previews and posts', async () => {
    await start();
    await previewAndConfirm(CHANNEL_ADMIN);
    const checked = tg.fake.callsOf('getChatMember').map((c) => c.params.user_id);
    expect(checked).toContain(CHANNEL_ADMIN.id);
    expect(checked).toContain(FAKE_BOT.id);
  });

  it('an id in TELEGRAM_MODERATOR_IDS posts without being a channel admin', async () => {
    await start();
    await previewAndConfirm(MODERATOR);
  });

  it('refuses anyone else, at /post and again at [Post to channel]', async () => {
    await start();
    const chat = privateChat(STRANGER);
    const refusal = await tg.say(chat, STRANGER, '/post gas');
    expect(refusal.plain).toBe('Only the channel’s administrators and the bot’s moderators can post summary cards.');
    // A forged confirmation button is refused too, and nothing reaches the channel.
    const answered = tg.fake.waitFor('answerCallbackQuery');
    tg.press(STRANGER, sentMessage(refusal), 'v1:pc:gas');
    expect((await answered).params).toMatchObject({ show_alert: true, text: 'Only the channel’s administrators and the bot’s moderators can post summary cards.' });
    expect(tg.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === `@${CHANNEL.username}`)).toEqual([]);
  });

  for (const status of ['member', 'unreachable'] as const) {
    it(`tells the moderator exactly that the bot is not a channel admin (${status})`, async () => {
      await start(status);
      const reply = await tg.say(privateChat(MODERATOR), MODERATOR, '/post gas');
      expect(reply.plain).toContain(botNotAdmin);
    });
  }

  it('Cancel posts nothing; /post needs a topic, a known topic, a private chat', async () => {
    await start();
    const chat = privateChat(MODERATOR);
    const preview = await tg.say(chat, MODERATOR, '/post gas');
    const edited = tg.fake.waitFor('editMessageText');
    tg.press(MODERATOR, sentMessage(preview), buttons(preview)[1]!.data!);
    expect((await edited).plain).toBe('Cancelled; nothing was posted.');
    expect((await tg.say(chat, MODERATOR, '/post')).plain).toContain('/post gas');
    expect((await tg.say(chat, MODERATOR, '/post no-such-topic')).plain).toContain('no-such-topic');
    const group = groupChat(-100555);
    expect((await tg.say(group, MODERATOR, '/post gas')).plain).toBe('Please use /post in a private chat with me.');
    expect(tg.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === `@${CHANNEL.username}`)).toEqual([]);
  });

  it('says so when no channel is configured', async () => {
    await start('administrator', { TELEGRAM_CHANNEL_ID: '' });
    const reply = await tg.say(privateChat(MODERATOR), MODERATOR, '/post gas');
    expect(reply.plain).toContain('TELEGRAM_CHANNEL_ID');
  });

  it('a double press posts once', async () => {
    await start();
    const chat = privateChat(MODERATOR);
    const preview = await tg.say(chat, MODERATOR, '/post gas');
    const data = buttons(preview)[0]!.data!;
    tg.press(MODERATOR, sentMessage(preview), data);
    tg.press(MODERATOR, sentMessage(preview), data);
    await tg.fake.waitFor('answerCallbackQuery');
    await tg.fake.waitFor('answerCallbackQuery');
    expect(tg.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === `@${CHANNEL.username}`)).toHaveLength(1);
  });
});
