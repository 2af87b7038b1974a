import { afterEach, describe, expect, it } from 'vitest';
import { parseCallback } from '../../src/adapters/telegram/callback-data.js';
import type { TelegramAdapterOptions } from '../../src/adapters/telegram/create-telegram-adapter.js';
import { createCardRenderer } from '../../src/cards/index.js';
import { realCore } from '../support/core.js';
import { FAKE_BOT, pngSize } from '../fakes/telegram-bot-api.js';
import { groupChat, privateChat } from '../fakes/telegram-updates.js';
import { buttons, CHANNEL, CHANNEL_ADMIN, MODERATOR, sentMessage, STRANGER, startTelegram, type TelegramTest } from './harness.js';

const botNotAdmin = `I am not an administrator of @${CHANNEL.username}, so I cannot post there.`;

describe('Telegram /post: moderators post summary cards to the channel', () => {
  let tg: TelegramTest;
  afterEach(() => tg.stop());

  /** The bot is an admin of the channel allowed to post; Ada is a channel admin; Sam is not. */
  async function start(botStatus: 'administrator' | 'member' | 'unreachable' = 'administrator', env: Record<string, string> = {}, adapterOptions: TelegramAdapterOptions = {}) {
    tg = await startTelegram({ env, adapterOptions });
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
    const [image, post, cancel] = buttons(preview);
    expect([image!.text, post!.text, cancel!.text]).toEqual(['Post with image', 'Post as text', 'Cancel']);
    expect(parseCallback(image!.data)).toEqual({ kind: 'post-image', topicId: 'gas', lang: 'en' });
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
    tg.press(MODERATOR, sentMessage(preview), buttons(preview)[2]!.data!);
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
    const data = buttons(preview)[1]!.data!;
    tg.press(MODERATOR, sentMessage(preview), data);
    tg.press(MODERATOR, sentMessage(preview), data);
    await tg.fake.waitFor('answerCallbackQuery');
    await tg.fake.waitFor('answerCallbackQuery');
    expect(tg.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === `@${CHANNEL.username}`)).toHaveLength(1);
  });

  describe('[Post with image]', () => {
    const toChannel = (p: Record<string, any>) => p.chat_id === `@${CHANNEL.username}`;

    async function postImage(who: typeof MODERATOR, command: string) {
      const preview = await tg.say(privateChat(who), who, command);
      const image = buttons(preview).find((b) => parseCallback(b.data)?.kind === 'post-image');
      expect(image?.data).toMatch(/^v1:pi:/);
      const photo = tg.fake.waitFor('sendPhoto', { where: toChannel });
      const edited = tg.fake.waitFor('editMessageText');
      tg.press(who, sentMessage(preview), image!.data!);
      return { preview, photo: await photo, edited: await edited };
    }

    it('a moderator posts the card as a 1200×675 PNG with an HTML caption (multipart sendPhoto), logged', async () => {
      await start();
      const { photo, edited } = await postImage(MODERATOR, '/post gas');
      const bytes = photo.photo!.bytes;
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(pngSize(bytes)).toEqual({ width: 1200, height: 675 });
      expect(photo.photo!.filename).toBe('card-gas.png');
      expect(photo.params.parse_mode).toBe('HTML');
      const caption = String(photo.params.caption);
      expect(caption.length).toBeLessThanOrEqual(1024);
      expect(caption).toContain('55');
      expect(caption).toMatch(/<b>/);
      expect(photo.plain).toMatch(/Source: /);
      expect(edited.plain).toBe('Posted to @partnership_news.');
      const log = await tg.waitForLog((l) => l.msg === 'card posted to channel');
      expect(log).toMatchObject({ moderator: { id: MODERATOR.id }, topic: 'gas', format: 'image', channel: '@partnership_news', message_id: (photo.result as { message_id: number }).message_id });
      expect(tg.fake.callsOf('sendMessage').filter((c) => toChannel(c.params))).toEqual([]);
    });

    it('/post overview posts the overview card; a Persian one keeps its caption within 1024', async () => {
      await start();
      const overview = await postImage(CHANNEL_ADMIN, '/post overview');
      expect(pngSize(overview.photo.photo!.bytes)).toEqual({ width: 1200, height: 675 });
      expect(overview.photo.photo!.filename).toBe('card-overview.png');
      const fa = await postImage(MODERATOR, '/post bilateral-trade fa');
      expect(String(fa.photo.params.caption).length).toBeLessThanOrEqual(1024);
      expect(pngSize(fa.photo.photo!.bytes)).toEqual({ width: 1200, height: 675 });
    });

    it('refuses a non-admin at /post and a forged v1:pi: button; nothing reaches the channel', async () => {
      await start();
      const refusal = await tg.say(privateChat(STRANGER), STRANGER, '/post gas');
      expect(refusal.plain).toBe('Only the channel’s administrators and the bot’s moderators can post summary cards.');
      const answered = tg.fake.waitFor('answerCallbackQuery');
      tg.press(STRANGER, sentMessage(refusal), 'v1:pi:gas:en');
      expect((await answered).params).toMatchObject({ show_alert: true, text: 'Only the channel’s administrators and the bot’s moderators can post summary cards.' });
      expect(tg.fake.callsOf('sendPhoto')).toEqual([]);
    });

    it('when the image cannot be rendered, tells the moderator and posts nothing', async () => {
      const real = createCardRenderer((await realCore()).forPlatform('telegram'));
      await start('administrator', {}, { cards: { ...real, png: () => Promise.reject(new Error('resvg: out of memory')) } });
      const preview = await tg.say(privateChat(MODERATOR), MODERATOR, '/post gas');
      const answered = tg.fake.waitFor('answerCallbackQuery');
      tg.press(MODERATOR, sentMessage(preview), buttons(preview)[0]!.data!);
      expect((await answered).params).toMatchObject({ show_alert: true, text: 'I could not draw the card image, so nothing was posted. Try again, or post it as text.' });
      expect(tg.fake.callsOf('sendPhoto')).toEqual([]);
      expect(tg.fake.callsOf('sendMessage').filter((c) => toChannel(c.params))).toEqual([]);
      expect(await tg.waitForLog((l) => l.msg === 'card image rendering failed')).toMatchObject({ moderator: MODERATOR.id, topic: 'gas' });
    });
  });
});
