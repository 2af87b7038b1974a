import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Curator } from '../../src/curator/curator.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createCardRenderer } from '../../src/cards/index.js';
import { createCore, type Core } from '../../src/core/core.js';
import { encodeAction } from '../../src/core/conversation/actions.js';
import { t } from '../../src/core/i18n/index.js';
import type { CardReply } from '../../src/core/reply.js';
import { realCore, realKnowledgeBase } from '../support/core.js';
import {
  DEFAULT_EVERYONE_PERMISSIONS,
  FAKE_GUILD_ID,
  type FakeChannel,
  type FakeGuild,
  type InteractionSpec,
  type SentInteraction,
} from '../fakes/discord-gateway.js';
import { answerOf, type Bot, buttonsOf, EPHEMERAL, OPTION, secretsIn, startBot } from './harness.js';
import { limitViolations } from './limits.js';

const en = t('en');
const ru = t('ru');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A member without Manage Messages: what a server admin allows when they open moderator commands to everyone. */
const MEMBER = { memberPermissions: DEFAULT_EVERYONE_PERMISSIONS };
/** Training the matcher again on a busy machine may take a while: wait for the edit of the deferred reply, however long. */
const RELOAD_PATIENCE = 60_000;

describe('/card (moderators)', () => {
  let bot: Bot;
  let core: Core;
  beforeAll(async () => {
    core = await realCore();
    bot = await startBot({ core });
  });
  afterAll(() => bot?.stop());

  const card = (topic: string, channel?: FakeChannel, extra: { image?: boolean; language?: string } & Partial<InteractionSpec> = {}): SentInteraction => {
    const { image, language, ...spec } = extra;
    return bot.fake.slash(
      'card',
      [
        { name: 'topic', type: OPTION.string, value: topic },
        ...(channel ? [{ name: 'channel', type: OPTION.channel, value: channel.id }] : []),
        ...(image !== undefined ? [{ name: 'image', type: OPTION.boolean, value: image }] : []),
        ...(language !== undefined ? [{ name: 'language', type: OPTION.string, value: language }] : []),
      ],
      {
        ...spec,
        ...(channel ? { resolved: { channels: { [channel.id]: { id: channel.id, name: channel.name, type: channel.type ?? 0, permissions: '0' } } } } : {}),
      },
    );
  };
  const postsTo = (channel: FakeChannel) => bot.fake.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channel.id}/messages`);
  const callbackOf = (sent: SentInteraction) => bot.fake.waitForCall((c) => c.path === `/interactions/${sent.id}/${sent.token}/callback`);

  it('with a channel named, posts the card there at once, confirms privately with the link, and logs the post', async () => {
    const target = bot.fake.channel('announcements');
    const sent = card('gas', target);
    const post = await bot.fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${target.id}/messages`);
    const expected = core.card('gas') as CardReply;
    expect(post.body.embeds[0]).toMatchObject({ title: expected.title, author: { name: en.cardFooter } });
    expect(post.body.components ?? []).toEqual([]);
    expect(post.body.content ?? '').toBe('');
    expect(post.body.allowed_mentions).toEqual({ parse: [] });
    expect(limitViolations(post.body)).toEqual([]);

    const { type, data } = await bot.fake.waitForResponse(sent);
    expect(type).toBe(5); // deferred before fetching the channel
    expect((await callbackOf(sent)).body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const messageId = post.response.id as string;
    expect(data.content).toBe(en.postedLink(`<#${target.id}>`, `https://discord.com/channels/${FAKE_GUILD_ID}/${target.id}/${messageId}`));
    const ids = bot.deps.ids;
    expect(bot.logs().find((l) => l.msg === 'summary card posted')).toMatchObject({
      card: 'gas',
      guild: ids.hash('dc-guild', FAKE_GUILD_ID),
      channel: ids.hash('dc-channel', target.id),
    });
    expect(bot.logs().find((l) => l.msg === 'summary card post')).toMatchObject({ surface: 'discord', user: bot.userKey(), card: 'gas', ok: true });
  });

  it('image:true attaches the card’s PNG in a multipart post, shown in the embed; the overview and a language work too', async () => {
    const target = bot.fake.channel('general');
    const sent = card('bilateral-trade', target, { image: true });
    const post = await bot.fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${target.id}/messages` && c.uploads.length > 0);
    expect(post.raw.includes(PNG_SIGNATURE)).toBe(true);
    const [upload] = post.uploads;
    expect([upload!.name, upload!.field]).toEqual(['card-bilateral-trade.png', 'files[0]']);
    expect([upload!.data.readUInt32BE(16), upload!.data.readUInt32BE(20)]).toEqual([1200, 675]); // IHDR width, height
    const expected = core.card('bilateral-trade') as CardReply;
    expect(upload!.data.equals(await createCardRenderer(core).png(expected))).toBe(true);
    expect(post.body.embeds[0].image).toEqual({ url: 'attachment://card-bilateral-trade.png' });
    expect(post.body.attachments.map((a: any) => String(a.id))).toEqual(['0']);
    expect(limitViolations(post.body)).toEqual([]);
    expect((await bot.fake.waitForResponse(sent)).data.content).toContain(post.response.id);

    card('overview', target, { image: true, language: 'ru' });
    const overview = await bot.fake.waitForCall((c) => c.path === `/channels/${target.id}/messages` && c.files.includes('card-overview.png'));
    expect(overview.body.embeds[0]).toMatchObject({ title: (core.card('overview', 'ru') as CardReply).title, author: { name: ru.cardFooter } });
  });

  it('refuses with the exact permission the bot lacks there, and posts nothing', async () => {
    for (const [name, image, permission] of [
      ['no-files', true, en.permAttachFiles],
      ['read-only', false, en.permSendMessages],
      ['no-embeds', false, en.permEmbedLinks],
    ] as const) {
      const target = bot.fake.channel(name);
      const { data } = await bot.fake.waitForResponse(card('gas', target, { image }));
      expect(data.content, name).toBe(en.postMissingPermissions(`<#${target.id}>`, permission));
      expect(postsTo(target)).toEqual([]);
    }
    // As text it may post where only Attach Files is missing.
    const noFiles = bot.fake.channel('no-files');
    card('gas', noFiles);
    const post = await bot.fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${noFiles.id}/messages`);
    expect(post.uploads).toEqual([]);
    expect(bot.logs().some((l) => l.msg === 'summary card post' && l.reason === 'missing-permissions')).toBe(true);
  });

  it('passes on Discord’s own refusals (403 Missing Permissions 50013, Missing Access 50001) as the reason, without an error', async () => {
    const target = bot.fake.channel('general');
    for (const [code, reason] of [
      [50013, en.permMissing],
      [50001, en.permMissingAccess],
    ] as const) {
      bot.fake.fail({ method: 'POST', path: new RegExp(`^/channels/${target.id}/messages$`), status: 403, code, message: reason });
      const { data } = await bot.fake.waitForResponse(card('gas', target));
      expect(data.content).toBe(en.postRefused(`<#${target.id}>`, `${reason} (${code})`));
    }
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
  });

  it('a channel the bot cannot find in this server (unresolved, not fetchable) is named as one it cannot see', async () => {
    const id = '400000000000000999';
    const sent = bot.fake.slash('card', [
      { name: 'topic', type: OPTION.string, value: 'gas' },
      { name: 'channel', type: OPTION.channel, value: id },
    ]);
    expect((await bot.fake.waitForResponse(sent)).data.content).toBe(en.postUnknownChannel(`<#${id}>`));
    expect(bot.fake.calls.filter((c) => c.path === `/channels/${id}/messages`)).toEqual([]);
  });

  it('without a channel: a private preview for this channel; [Post as text] posts it once and updates the preview; [Cancel] does too', async () => {
    const general = bot.fake.channel('general');
    const { type, data } = await bot.fake.waitForResponse(card('instc'));
    expect(type).toBe(4);
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content).toBe(en.postPreview(`<#${general.id}>`));
    expect(buttonsOf(data).map((b) => b.label)).toEqual([en.postImageButton, en.postTextButton, en.cancelButton]);
    const preview = bot.fake.message({ channel_id: general.id, ...data, flags: EPHEMERAL });
    const press = (label: string, spec: Partial<InteractionSpec> = {}) =>
      bot.fake.interaction({
        type: 3,
        data: { custom_id: buttonsOf(data).find((b) => b.label === label).custom_id, component_type: 2 },
        message: preview,
        channelId: general.id,
        ...spec,
      });

    const before = postsTo(general).length;
    const posted = await bot.fake.waitForResponse(press(en.postTextButton));
    expect(posted.type).toBe(6); // deferred update of the preview, then its edit
    expect(posted.call.method).toBe('PATCH');
    const post = postsTo(general).at(-1)!;
    expect(post.body.embeds[0].title).toBe((core.card('instc') as CardReply).title);
    expect(posted.data).toMatchObject({
      content: en.postedLink(`<#${general.id}>`, `https://discord.com/channels/${FAKE_GUILD_ID}/${general.id}/${post.response.id}`),
      embeds: [],
      components: [],
    });
    const again = await bot.fake.waitForResponse(press(en.postImageButton));
    expect(again.data).toMatchObject({ content: en.posted(`<#${general.id}>`), flags: EPHEMERAL });
    expect(postsTo(general).length).toBe(before + 1);

    const other = await bot.fake.waitForResponse(card('gas'));
    const cancelled = await bot.fake.waitForResponse(
      bot.fake.interaction({
        type: 3,
        data: { custom_id: buttonsOf(other.data).at(-1).custom_id, component_type: 2 },
        message: bot.fake.message({ channel_id: general.id, flags: EPHEMERAL }),
      }),
    );
    expect(cancelled.type).toBe(7); // the preview is replaced
    expect(cancelled.data).toMatchObject({ content: en.postCancelled, embeds: [], components: [] });
  });

  it('a preview where the bot may not post says so at once; an unknown topic and a DM are refused', async () => {
    const readOnly = bot.fake.channel('read-only');
    const { data } = await bot.fake.waitForResponse(card('gas', undefined, { channelId: readOnly.id }));
    expect(data.content).toBe(en.postMissingPermissions(`<#${readOnly.id}>`, en.permSendMessages));
    const unknown = await bot.fake.waitForResponse(card('no-such-topic', bot.fake.channel('general')));
    expect(unknown.data).toMatchObject({ content: en.unknownTopic('no-such-topic'), flags: EPHEMERAL });
    const dm = await bot.fake.waitForResponse(card('gas', undefined, { dm: true, locale: 'ru' }));
    expect(dm.data).toMatchObject({ content: ru.guildOnly('/card'), flags: EPHEMERAL });
  });

  it('a member without Manage Messages is refused, whatever the server made of the command’s default permissions, and cannot press [Post]', async () => {
    const general = bot.fake.channel('general');
    const before = postsTo(general).length;
    const refused = await bot.fake.waitForResponse(card('gas', general, MEMBER));
    expect(refused.data).toMatchObject({ content: en.moderatorsOnly('/card'), flags: EPHEMERAL });
    const preview = await bot.fake.waitForResponse(card('gas'));
    const post = buttonsOf(preview.data)[1].custom_id;
    const pressed = await bot.fake.waitForResponse(
      bot.fake.interaction({
        type: 3,
        data: { custom_id: post, component_type: 2 },
        message: bot.fake.message({ channel_id: general.id, flags: EPHEMERAL }),
        ...MEMBER,
      }),
    );
    expect(pressed.data).toMatchObject({ content: en.moderatorsOnly('/card'), flags: EPHEMERAL });
    expect(postsTo(general).length).toBe(before);
    expect(bot.logs().filter((l) => l.msg === 'privileged request refused' && l.result === 'not-moderator')).toHaveLength(2);
  });

  it('keeps tokens out of the log', () => {
    expect(secretsIn(bot)).toEqual([]);
  });
});

describe('/reload and /unanswered in the operators’ server', () => {
  let bot: Bot;
  afterEach(() => bot?.stop());

  it(
    '/reload is deferred privately, then picks up an edit; an invalid edit is rejected with file, path and reason in the moderator’s language',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'discord-reload-'));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      cpSync('data', dir, { recursive: true });
      // A core of its own: a successful reload swaps its data.
      bot = await startBot({ core: createCore(await realKnowledgeBase()), env: { DATA_DIR: dir, DISCORD_MODERATOR_GUILD_IDS: FAKE_GUILD_ID } });
      const gasFile = join(dir, 'topics', 'gas.yaml');
      const original = readFileSync(gasFile, 'utf8');
      // The topic's title is on the answer's "More" button.
      const gasTitle = async () =>
        (
          await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas will russia send iran?' }]))
        ).data.components[0].components[0].label.replace(/^More: /, '');

      writeFileSync(gasFile, original.replace('Natural gas partnership', 'Natural gas deal'));
      const sent = bot.fake.slash('reload');
      const reloaded = await bot.fake.waitForResponse(sent, RELOAD_PATIENCE);
      expect(reloaded.type).toBe(5);
      expect((await bot.fake.waitForCall((c) => c.path === `/interactions/${sent.id}/${sent.token}/callback`)).body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(reloaded.data.content).toMatch(/^Data reloaded: \d+ topics \(version ([0-9a-f]+)\)\.\nRunning: 1 process on version \1\.$/);
      expect(await gasTitle()).toBe('Natural gas deal');

      writeFileSync(gasFile, original.replace(/^order: \d+$/m, 'order: sixty'));
      const rejected = await bot.fake.waitForResponse(bot.fake.slash('reload', [], { locale: 'ru' }), RELOAD_PATIENCE);
      const [head, ...issues] = rejected.data.content.split('\n');
      expect(head).toBe(ru.reloadRejected);
      expect(issues[0]).toMatch(/^‏?• .*topics\/gas\.yaml: order: .*expected number/);
      expect(await gasTitle()).toBe('Natural gas deal');
      const logged = bot.logs().filter((l) => l.msg === 'privileged command' && l.command === 'reload');
      expect(logged.map((l) => [l.surface, l.user, l.result])).toEqual([
        ['discord', bot.userKey(), 'info'],
        ['discord', bot.userKey(), 'error'],
      ]);
    },
    RELOAD_PATIENCE * 2,
  );

  it('/unanswered shows the report privately in a code block that nothing in a question can break out of', async () => {
    bot = await startBot({ env: { DISCORD_MODERATOR_GUILD_IDS: FAKE_GUILD_ID } });
    for (const q of [
      'what is the best pizza recipe?',
      'What is the best pizza recipe',
      'Как приготовить вкусную пиццу дома?',
      'tell me a joke ``` **not code** ```',
    ]) {
      await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: q }]));
    }
    const { type, data } = await bot.fake.waitForResponse(bot.fake.slash('unanswered'));
    expect(type).toBe(4);
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const content: string = data.content;
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(content.startsWith('```\n') && content.endsWith('\n```')).toBe(true);
    expect(content.match(/```/g)).toHaveLength(2);
    expect(content).toContain('Top unanswered questions');
    expect(content).toMatch(/×2 "What is the best pizza recipe/i);
    expect(content).toContain('Как приготовить вкусную пиццу дома?');
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('/unanswered has Resolve / Ignore buttons, one question a row; pressing Ignore changes the state in the store', async () => {
    bot = await startBot();
    await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'Which team won the chess olympiad in Chennai?' }]));
    const store = (bot.deps.curator as Curator).store;
    await store.flush();
    const [item] = await store.inbox({ state: 'open' });
    const { data } = await bot.fake.waitForResponse(bot.fake.slash('unanswered'));
    const labels = data.components.map((row: { components: Array<{ label: string }> }) => row.components.map((c) => c.label));
    expect(labels).toContainEqual([en.inboxResolve(item!.id), en.inboxIgnore(item!.id)]);
    const ignore = data.components
      .flatMap((row: { components: Array<{ label: string; custom_id: string }> }) => row.components)
      .find((c: { label: string }) => c.label === en.inboxIgnore(item!.id)).custom_id;
    const pressed = await answerOf(bot.fake, bot.fake.component(ignore));
    expect(pressed.ephemeral).toBe(true);
    expect(pressed.data.content).toBe(en.inboxIgnored(item!.id));
    expect((await store.inboxItem(item!.id))?.state).toBe('ignored');
  });
});

describe('private by default: /reload and the whole inbox only in the operators’ servers, each server’s own questions to its moderators', () => {
  const OPERATORS = FAKE_GUILD_ID;
  const COMMUNITY = '200000000000000777';
  const guilds: FakeGuild[] = [
    { id: OPERATORS, name: 'Operators', channels: [{ id: '400000000000000001', name: 'general' }] },
    { id: COMMUNITY, name: 'Community', channels: [{ id: '400000000000000777', name: 'general' }] },
  ];
  let bot: Bot;
  afterEach(() => bot?.stop());
  const ask = (question: string, guildId: string) =>
    bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: question }], { guildId }));

  it('set: another server’s moderators are refused /reload in their language and read only their server’s questions; the operators’ server reads all', async () => {
    bot = await startBot({ env: { DISCORD_MODERATOR_GUILD_IDS: OPERATORS }, fake: { guilds } });
    await ask('what is the best pizza recipe?', OPERATORS);
    await ask('who won the chess olympiad?', COMMUNITY);
    const { data, ephemeral } = await answerOf(bot.fake, bot.fake.slash('reload', [], { guildId: COMMUNITY, locale: 'ru' }), RELOAD_PATIENCE);
    expect(ephemeral).toBe(true);
    expect(data.content).toBe(ru.operatorsOnly('/reload'));
    expect(bot.logs().some((l) => typeof l.reason === 'string' && l.reason.startsWith('discord /reload'))).toBe(false);

    const community = (await bot.fake.waitForResponse(bot.fake.slash('unanswered', [], { guildId: COMMUNITY }))).data.content as string;
    expect(community).toContain('Top unanswered questions asked here');
    expect(community).toContain('chess olympiad');
    expect(community).not.toContain('pizza');
    const all = (await bot.fake.waitForResponse(bot.fake.slash('unanswered', [], { guildId: OPERATORS }))).data.content as string;
    expect(all).toMatch(/^```\nAnswer rate: .*\nTop unanswered questions \(open\):/);
    expect(community).toMatch(/^```\nTop unanswered questions asked here \(open\):/);
    expect(all).toContain('chess olympiad');
    expect(all).toContain('pizza');
    // /card is a moderators' command, not an operators' one: it works in any server.
    const preview = await bot.fake.waitForResponse(bot.fake.slash('card', [{ name: 'topic', type: OPTION.string, value: 'gas' }], { guildId: COMMUNITY }));
    expect(preview.data.content).toBe(en.postPreview('<#400000000000000777>'));
  });

  it('the Resolve / Ignore buttons decide within the presser’s scope: a server’s moderators on their own server’s questions only', async () => {
    bot = await startBot({ env: { DISCORD_MODERATOR_GUILD_IDS: OPERATORS }, fake: { guilds } });
    await ask('what is the best pizza recipe?', OPERATORS);
    await ask('who won the chess olympiad?', COMMUNITY);
    const store = (bot.deps.curator as Curator).store;
    await store.flush();
    const inbox = await store.inbox();
    const idOf = (pattern: RegExp) => inbox.find((i) => pattern.test(i.example))!.id;
    const [pizza, chess] = [idOf(/pizza/), idOf(/chess/)];
    const inCommunity = { guildId: COMMUNITY, channelId: '400000000000000777' };
    const { data } = await bot.fake.waitForResponse(bot.fake.slash('unanswered', [], inCommunity));
    const shown = data.components.flatMap((row: { components: Array<{ label: string; custom_id: string }> }) => row.components);
    expect(shown.map((c: { label: string }) => c.label)).toEqual([en.inboxResolve(chess), en.inboxIgnore(chess)]);
    // A button for the operators' question, made up by a community moderator: refused as unknown there, nothing changes.
    const forged = encodeAction({ kind: 'decide', id: pizza, decision: 'ignored', lang: 'en' })!;
    expect((await answerOf(bot.fake, bot.fake.component(forged, inCommunity))).data.content).toBe(en.inboxUnknown(pizza));
    expect((await store.inboxItem(pizza))?.state).toBe('open');
    const ignore = shown.find((c: { label: string }) => c.label === en.inboxIgnore(chess)).custom_id;
    expect((await answerOf(bot.fake, bot.fake.component(ignore, inCommunity))).data.content).toBe(en.inboxIgnored(chess));
    const decided = (await store.inboxItem(chess))!;
    expect(decided.state).toBe('ignored');
    expect(decided.changedBy).toMatch(/^[\w-]{22}$/);
    // The operators' server decides on any question.
    expect((await answerOf(bot.fake, bot.fake.component(forged, { guildId: OPERATORS }))).data.content).toBe(en.inboxIgnored(pizza));
    expect((await store.inboxItem(pizza))?.state).toBe('ignored');
  });

  it('unset: /reload answers in no server, each server’s moderators read only their own questions, and the start-up log says so', async () => {
    bot = await startBot({ fake: { guilds } });
    const said = bot.logs().filter((l) => l.setting === 'DISCORD_MODERATOR_GUILD_IDS');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ level: 30, msg: expect.stringMatching(/each server’s moderators see only their own server’s questions/) });
    await ask('what is the best pizza recipe?', OPERATORS);
    await ask('who won the chess olympiad?', COMMUNITY);
    for (const guildId of [OPERATORS, COMMUNITY]) {
      expect((await answerOf(bot.fake, bot.fake.slash('reload', [], { guildId }), RELOAD_PATIENCE)).data.content).toBe(en.operatorsOnly('/reload'));
    }
    const community = (await bot.fake.waitForResponse(bot.fake.slash('unanswered', [], { guildId: COMMUNITY }))).data.content as string;
    expect(community).toContain('chess olympiad');
    expect(community).not.toContain('pizza');
  });
});
