import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core.js';
import { t } from '../../src/core/i18n/index.js';
import type { FakeChannel, SentInteraction } from '../fakes/discord-gateway.js';
import { type Bot, EPHEMERAL, OPTION, secretsIn, startBot, testCore } from './harness.js';
import { limitViolations } from './limits.js';

const en = t('en');

describe('/card (moderators)', () => {
  let bot: Bot;
  let core: Core;
  beforeAll(async () => {
    core = await testCore();
    bot = await startBot({ core, env: { RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(() => bot?.stop());

  const card = (topic: string, channel: FakeChannel, extra: { dm?: boolean } = {}): SentInteraction =>
    bot.fake.slash(
      'card',
      [
        { name: 'topic', type: OPTION.string, value: topic },
        { name: 'channel', type: OPTION.channel, value: channel.id },
      ],
      { ...extra, resolved: { channels: { [channel.id]: { id: channel.id, name: channel.name, type: channel.type ?? 0, permissions: '0' } } } },
    );
  const postsTo = (channel: FakeChannel) => bot.fake.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channel.id}/messages`);

  it('posts the summary card publicly in the channel, confirms ephemerally, and logs who, topic, guild, channel and message', async () => {
    const topic = core.topics()[0]!;
    const target = bot.fake.channel('announcements');
    const sent = card(topic.id, target);
    const post = await bot.fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${target.id}/messages`);
    const expected = core.card(topic.id);
    expect(expected.kind).toBe('card');
    expect(post.body.embeds[0].title).toBe(topic.title);
    expect(post.body.embeds[0].author.name).toBe(en.cardFooter);
    expect(post.body.flags ?? 0).toBe(0);
    expect(post.body.allowed_mentions).toEqual({ parse: [] });
    expect(limitViolations(post.body)).toEqual([]);

    const { type, data } = await bot.fake.waitForResponse(sent);
    expect(type).toBe(5); // deferred, ephemeral
    expect((await bot.fake.waitForCall((c) => c.path === `/interactions/${sent.id}/${sent.token}/callback`)).body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const messageId = post.response.id as string;
    expect(data.content).toContain(`<#${target.id}>`);
    expect(data.content).toContain(messageId);

    const log = bot.logs().find((l) => l.msg === 'summary card posted');
    expect(log).toMatchObject({ user: bot.fake.user.id, topic: topic.id, guild: bot.fake.guilds[0]!.id, channel: target.id, message: messageId });
  });

  it.each([
    ['read-only', 'Send Messages'],
    ['no-embeds', 'Embed Links'],
  ])('refuses with the exact missing permission when the bot may not post in #%s', async (name, permission) => {
    const target = bot.fake.channel(name);
    const sent = card(core.topics()[0]!.id, target);
    const { data } = await bot.fake.waitForResponse(sent);
    expect(data.content).toBe(en.discordCardMissingPermissions(`<#${target.id}>`, permission));
    expect(postsTo(target)).toEqual([]);
    expect(bot.logs().some((l) => l.msg === 'summary card refused' && l.channel === target.id && l.missing.length === 1)).toBe(true);
  });

  it('passes on Discord’s own refusal (403 Missing Permissions, 50013) as the reason', async () => {
    const target = bot.fake.channel('general');
    bot.fake.fail({ method: 'POST', path: new RegExp(`^/channels/${target.id}/messages$`), status: 403, code: 50013, message: 'Missing Permissions' });
    const { data } = await bot.fake.waitForResponse(card(core.topics()[0]!.id, target));
    expect(data.content).toBe(en.discordCardRefused(`<#${target.id}>`, `${en.discordPermMissing} (50013)`));
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
  });

  it('refuses outside a server, and refuses an unknown topic', async () => {
    const dm = await bot.fake.waitForResponse(card(core.topics()[0]!.id, bot.fake.channel('general'), { dm: true }));
    expect(dm.data.content).toBe(en.discordCardGuildOnly);
    expect(dm.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const unknown = await bot.fake.waitForResponse(card('no-such-topic', bot.fake.channel('general')));
    expect(unknown.data.content).toBe(en.unknownTopic('no-such-topic'));
    expect(unknown.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('keeps tokens out of the log', () => {
    expect(secretsIn(bot)).toEqual([]);
  });
});
