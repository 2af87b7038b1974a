import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import type { RecordedCall } from '../fakes/discord-gateway.js';
import { type Bot, buttonsOf, replyTo, secretsIn, startBot } from './harness.js';
import { limitViolations } from './limits.js';

const en = t('en');
const channelPost = (channelId: string) => (c: RecordedCall) => c.method === 'POST' && c.path === `/channels/${channelId}/messages`;

describe('mentions and direct messages', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot?.stop());

  it('answers a mention in a guild channel as a reply (message_reference), without the mention in the question', async () => {
    const general = bot.fake.channel('general');
    const message = bot.fake.userMessage(`<@${bot.fake.bot.id}> where was the treaty signed?`, { channelId: general.id, mentions: [bot.fake.bot] });
    const call = await bot.fake.waitForCall(replyTo(message.id));
    expect(call.path).toBe(`/channels/${general.id}/messages`);
    expect(call.body.message_reference).toMatchObject({ message_id: message.id, fail_if_not_exists: false });
    expect(JSON.stringify(call.body.embeds)).toContain('Moscow');
    expect(call.body.allowed_mentions).toEqual({ parse: [] });
    expect(limitViolations(call.body)).toEqual([]);
  });

  it('a reply whose answer is lost on the way back is retried, and Discord keeps one message (nonce enforced)', async () => {
    const general = bot.fake.channel('general');
    bot.fake.fail({ method: 'POST', path: new RegExp(`^/channels/${general.id}/messages$`), status: 0, afterProcessing: true });
    const message = bot.fake.userMessage(`<@${bot.fake.bot.id}> how much gas`, { channelId: general.id, mentions: [bot.fake.bot] });
    await bot.fake.waitForCall(replyTo(message.id));
    const attempts = bot.fake.calls.filter((c) => channelPost(general.id)(c) && c.body?.message_reference?.message_id === message.id);
    expect(attempts.map((c) => c.status)).toEqual([0, 200]);
    expect(attempts.map((c) => [c.body.nonce, c.body.enforce_nonce])).toEqual([
      [message.id, true],
      [message.id, true],
    ]);
    // The retry got back the message the first attempt had created.
    expect(attempts[1]!.response.id).toBe(attempts[0]!.response.id);
  });

  it('answers any direct message', async () => {
    const message = bot.fake.userMessage('how much gas will Russia supply?', { dm: true });
    const call = await bot.fake.waitForCall(replyTo(message.id));
    expect(call.path).toBe(`/channels/${message.channel_id}/messages`);
    expect(call.body.embeds[0].description).toContain('55');
  });

  it('ignores guild messages that do not mention it, and messages from bots', async () => {
    const general = bot.fake.channel('general');
    const plain = bot.fake.userMessage('how much gas', { channelId: general.id });
    const fromBot = bot.fake.userMessage(`<@${bot.fake.bot.id}> how much gas`, {
      channelId: general.id,
      mentions: [bot.fake.bot],
      user: { ...bot.fake.user, id: '300000000000000009', bot: true },
    });
    const everyone = bot.fake.userMessage('@everyone how much gas', { channelId: general.id });
    const asked = bot.fake.userMessage(`<@!${bot.fake.bot.id}> how much gas`, { channelId: general.id, mentions: [bot.fake.bot] });
    await bot.fake.waitForCall(replyTo(asked.id));
    // Gateway events are handled in order, so a reply to an earlier message would already be here.
    const replied = bot.fake.calls.filter(channelPost(general.id)).map((c) => c.body.message_reference?.message_id);
    expect(replied).not.toContain(plain.id);
    expect(replied).not.toContain(fromBot.id);
    expect(replied).not.toContain(everyone.id);
  });

  it('never pings: @everyone and role mentions in a question leave allowed_mentions.parse empty', async () => {
    const message = bot.fake.userMessage(`<@${bot.fake.bot.id}> @everyone @here <@&500000000000000001> how much gas`, { mentions: [bot.fake.bot] });
    const call = await bot.fake.waitForCall(replyTo(message.id));
    expect(call.body.allowed_mentions).toEqual({ parse: [] });
    expect(call.body.content ?? '').not.toContain('@everyone');
  });

  it('falls back to plain text, with 👍 / 👎, where it may not embed links', async () => {
    const noEmbeds = bot.fake.channel('no-embeds');
    const message = bot.fake.userMessage(`<@${bot.fake.bot.id}> how much gas`, { channelId: noEmbeds.id, mentions: [bot.fake.bot] });
    const call = await bot.fake.waitForCall(replyTo(message.id));
    expect(call.body.embeds ?? []).toEqual([]);
    expect(call.body.content).toContain('55');
    expect(call.body.content.length).toBeLessThanOrEqual(2000);
    expect(buttonsOf(call.body).map((b) => b.label)).toEqual(['👍', '👎']);
  });

  it('posts without a reply reference where it may not read the message history', async () => {
    const noHistory = bot.fake.channel('no-history');
    bot.fake.userMessage(`<@${bot.fake.bot.id}> how much gas`, { channelId: noHistory.id, mentions: [bot.fake.bot] });
    const call = await bot.fake.waitForCall(channelPost(noHistory.id));
    expect(call.status).toBe(200);
    expect(call.body.message_reference).toBeUndefined();
    expect(call.body.embeds[0].description).toContain('55');
  });

  it('stays silent where it may not send messages', async () => {
    const readOnly = bot.fake.channel('read-only');
    const general = bot.fake.channel('general');
    const silent = bot.fake.userMessage(`<@${bot.fake.bot.id}> how much gas`, { channelId: readOnly.id, mentions: [bot.fake.bot] });
    const after = bot.fake.userMessage(`<@${bot.fake.bot.id}> how much gas`, { channelId: general.id, mentions: [bot.fake.bot] });
    await bot.fake.waitForCall(replyTo(after.id));
    expect(bot.logs().some((l) => l.msg === 'mentioned where I may not send messages' && l.channel === bot.deps.ids.hash('dc-channel', readOnly.id))).toBe(
      true,
    );
    expect(bot.fake.calls.filter(channelPost(readOnly.id))).toEqual([]);
    expect(bot.fake.calls.some(replyTo(silent.id))).toBe(false);
  });

  it('says above the answer that only the start of a very long message was read', async () => {
    const message = bot.fake.userMessage(`<@${bot.fake.bot.id}> how much gas ${'please '.repeat(400)}`, { dm: true });
    const call = await bot.fake.waitForCall(replyTo(message.id));
    expect(call.body.content).toBe(en.tooLong(1000));
    expect(call.body.embeds).toHaveLength(1);
    expect(call.body.embeds[0].description).toContain('55');
  });

  it('waits out a REST 429 (retry_after), logs the rate limit, then posts the reply', async () => {
    const general = bot.fake.channel('general');
    bot.fake.fail({ method: 'POST', path: new RegExp(`^/channels/${general.id}/messages$`), status: 429, retryAfter: 0.05 });
    const message = bot.fake.userMessage(`<@${bot.fake.bot.id}> how much gas`, { channelId: general.id, mentions: [bot.fake.bot] });
    const success = await bot.fake.waitForCall(replyTo(message.id));
    const attempts = bot.fake.calls.filter((c) => channelPost(general.id)(c) && c.body?.message_reference?.message_id === message.id);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[0]!.body).toEqual(success.body);
    const logged = bot.logs().find((l) => l.msg === 'discord rate limited');
    expect(logged).toMatchObject({ level: 40, method: 'POST', route: '/channels/:id/messages' });
    expect(logged!.retryAfter).toBeGreaterThanOrEqual(50);
  });

  it('apologises when answering fails, logs once with context, and keeps going', async () => {
    bot.fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 400, code: 50035, message: 'Invalid Form Body' });
    const message = bot.fake.userMessage('how much gas', { dm: true });
    const apology = await bot.fake.waitForCall(replyTo(message.id));
    expect(apology.body.content).toBe(en.failed);
    const errors = bot.logs().filter((l) => l.level === 50 && l.event === 'messageCreate');
    expect(errors).toHaveLength(1);
    const ids = bot.deps.ids;
    expect(errors[0]).toMatchObject({ message: ids.hash('dc-message', message.id), user: bot.userKey(), channel: ids.hash('dc-channel', message.channel_id) });
    const next = bot.fake.userMessage('how much gas', { dm: true });
    expect((await bot.fake.waitForCall(replyTo(next.id))).body.embeds).toHaveLength(1);
  });

  it('keeps tokens out of the log', () => {
    expect(secretsIn(bot)).toEqual([]);
  });
});
