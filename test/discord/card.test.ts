import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCardRenderer } from '../../src/cards/index.js';
import type { Core } from '../../src/core/core.js';
import { t } from '../../src/core/i18n/index.js';
import type { FakeChannel, SentInteraction } from '../fakes/discord-gateway.js';
import { type Bot, EPHEMERAL, OPTION, secretsIn, startBot, testCore } from './harness.js';
import { limitViolations } from './limits.js';

const en = t('en');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('/card (moderators)', () => {
  let bot: Bot;
  let core: Core;
  beforeAll(async () => {
    core = await testCore();
    bot = await startBot({ core, env: { RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(() => bot?.stop());

  const card = (topic: string, channel: FakeChannel, extra: { dm?: boolean; image?: boolean; language?: string } = {}): SentInteraction => {
    const { image, language, ...spec } = extra;
    return bot.fake.slash(
      'card',
      [
        { name: 'topic', type: OPTION.string, value: topic },
        { name: 'channel', type: OPTION.channel, value: channel.id },
        ...(image !== undefined ? [{ name: 'image', type: OPTION.boolean, value: image }] : []),
        ...(language !== undefined ? [{ name: 'language', type: OPTION.string, value: language }] : []),
      ],
      { ...spec, resolved: { channels: { [channel.id]: { id: channel.id, name: channel.name, type: channel.type ?? 0, permissions: '0' } } } },
    );
  };
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

  it('image:true attaches the card’s PNG in a multipart post, and the embed shows it (attachment://card-<id>.png)', async () => {
    const target = bot.fake.channel('general');
    const sent = card('bilateral-trade', target, { image: true });
    const post = await bot.fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${target.id}/messages` && c.uploads.length > 0);
    // The multipart body carries the PNG's bytes, signature first.
    expect(post.raw.includes(PNG_SIGNATURE)).toBe(true);
    expect(post.uploads).toHaveLength(1);
    const [upload] = post.uploads;
    expect(upload!.name).toBe('card-bilateral-trade.png');
    expect(upload!.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect([upload!.data.readUInt32BE(16), upload!.data.readUInt32BE(20)]).toEqual([1200, 675]); // IHDR width, height
    // The very image the card renderer draws for this card (rendering is deterministic).
    const expected = core.card('bilateral-trade');
    expect(expected.kind).toBe('card');
    if (expected.kind === 'card') expect(upload!.data.equals(await createCardRenderer(core).png(expected))).toBe(true);
    // payload_json: the card embed, referencing the attachment.
    expect(post.body.embeds).toHaveLength(1);
    expect(post.body.embeds[0].image).toEqual({ url: 'attachment://card-bilateral-trade.png' });
    expect(post.body.embeds[0].title).toBe(expected.kind === 'card' ? expected.title : '');
    // Attachment 0 is the form field files[0]: the PNG.
    expect(post.body.attachments.map((a: any) => String(a.id))).toEqual(['0']);
    expect(upload!.field).toBe('files[0]');
    expect(post.body.allowed_mentions).toEqual({ parse: [] });
    expect(limitViolations(post.body)).toEqual([]);

    const { type, data } = await bot.fake.waitForResponse(sent);
    expect(type).toBe(5); // deferred before rendering
    expect(data.content).toContain(post.response.id);
    expect(bot.logs().find((l) => l.msg === 'summary card posted' && l.message === post.response.id)).toMatchObject({ topic: 'bilateral-trade', image: true, lang: 'en' });
  });

  it('posts the overview card of the whole partnership, as text or with its image', async () => {
    const target = bot.fake.channel('announcements');
    const overview = createCardRenderer(core).reply('overview', 'en');
    expect(overview.kind).toBe('card');
    card('overview', target, { image: true });
    const post = await bot.fake.waitForCall((c) => c.path === `/channels/${target.id}/messages` && c.files.includes('card-overview.png'));
    expect(post.body.embeds[0].title).toBe(overview.kind === 'card' ? overview.title : '');
    expect(post.body.embeds[0].image.url).toBe('attachment://card-overview.png');
    expect(post.uploads[0]!.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });

  it('an image card needs Attach Files: refused with the exact permission, nothing posted', async () => {
    const target = bot.fake.channel('no-files');
    const { data } = await bot.fake.waitForResponse(card('gas', target, { image: true }));
    expect(data.content).toBe(en.discordCardMissingPermissions(`<#${target.id}>`, en.discordPermAttachFiles));
    expect(postsTo(target)).toEqual([]);
    // As text it may post there.
    card('gas', target);
    const post = await bot.fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${target.id}/messages`);
    expect(post.uploads).toEqual([]);
    expect(post.body.embeds[0].image).toBeUndefined();
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
