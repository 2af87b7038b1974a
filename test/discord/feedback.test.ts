import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { parseCustomId } from '../../src/adapters/discord/custom-id.js';
import { t } from '../../src/core/i18n/index.js';
import type { FakeUser, RecordedCall } from '../fakes/discord-gateway.js';
import { type Bot, buttonsOf, EPHEMERAL, OPTION, startBot } from './harness.js';

const en = t('en');
const fa = t('fa');
const ru = t('ru');
const BOB: FakeUser = { id: '300000000000000002', username: 'bob', global_name: 'Bob', discriminator: '0', avatar: null };
const ask = (question: string) => [{ name: 'question', type: OPTION.string, value: question }];
const votesOf = (data: any) => buttonsOf(data).filter((b) => parseCustomId(b.custom_id)?.kind === 'feedback');

describe('Discord 👍 / 👎 feedback', () => {
  let bot: Bot;
  afterEach(() => bot?.stop());

  /** The message a reply became, as Discord shows it to a clicker (answers from interaction callbacks get an id here). */
  const messageOf = (data: any, extra: Record<string, unknown> = {}) =>
    bot.fake.message({ channel_id: bot.fake.guilds[0]!.channels[0]!.id, embeds: data.embeds ?? [], components: data.components ?? [], flags: data.flags ?? 0, ...extra });
  /** A click on `customId` under `message`; resolves with the bot's answer. */
  const click = async (customId: string, message: Record<string, any>, user: FakeUser = bot.fake.user, locale = 'en-US') =>
    (await bot.fake.waitForResponse(bot.fake.interaction({ type: 3, data: { custom_id: customId, component_type: 2 }, message, channelId: message.channel_id, user, locale }))).data;

  it('one vote per user per answer: thanks, already recorded, vote changed; only the clicker sees it; the store keeps a salted hash, never the user id', async () => {
    bot = await startBot({ env: { RATE_LIMIT_PER_MINUTE: '1000' } });
    const { data } = await bot.fake.waitForResponse(bot.fake.slash('ask', ask('How much gas will Russia supply to Iran?')));
    const [up, down] = votesOf(data);
    expect([up.label, down.label]).toEqual(['👍', '👎']);
    expect(parseCustomId(up.custom_id)).toEqual({ kind: 'feedback', lang: 'en', topicId: 'gas', vote: 1 });
    const answer = messageOf(data);

    const thanks = await click(up.custom_id, answer);
    expect(thanks).toMatchObject({ content: en.discordVoteThanks, flags: EPHEMERAL, allowed_mentions: { parse: [] } });
    expect((await click(up.custom_id, answer)).content).toBe(en.discordVoteSame);
    expect((await click(down.custom_id, answer)).content).toBe(en.discordVoteChanged);
    expect((await click(up.custom_id, answer, BOB)).content).toBe(en.discordVoteThanks);
    // Another answer is another message: a vote of its own.
    expect((await click(up.custom_id, messageOf(data))).content).toBe(en.discordVoteThanks);

    expect(bot.curator.report(1900)).toContain('Natural gas partnership: 2 / 1 (67% helpful)');
    const db = new Database(bot.config.DB_PATH, { readonly: true });
    try {
      const votes = db.prepare('SELECT * FROM feedback ORDER BY at').all() as Array<Record<string, unknown>>;
      expect(votes.map((v) => [v.answer_key, v.platform, v.topic])).toEqual([
        [answer.id, 'discord', 'gas'],
        [answer.id, 'discord', 'gas'],
        [expect.not.stringMatching(answer.id), 'discord', 'gas'],
      ]);
      expect(JSON.stringify(votes)).not.toContain(bot.fake.user.id);
      expect(JSON.stringify(votes)).not.toContain(BOB.id);
    } finally {
      db.close();
    }
  });

  it('every answer carries the buttons (/ask, /topic, topic buttons, menus, mentions, plain text); other replies do not', async () => {
    bot = await startBot({ env: { RATE_LIMIT_PER_MINUTE: '1000' } });
    const response = async (sent: ReturnType<typeof bot.fake.slash>) => (await bot.fake.waitForResponse(sent)).data;
    const asked = await response(bot.fake.slash('ask', ask('where was the treaty signed?')));
    expect(votesOf(asked).map((b) => parseCustomId(b.custom_id))).toEqual([
      { kind: 'feedback', lang: 'en', topicId: 'treaty', vote: 1 },
      { kind: 'feedback', lang: 'en', topicId: 'treaty', vote: -1 },
    ]);
    expect(votesOf(await response(bot.fake.slash('topic', [{ name: 'name', type: OPTION.string, value: 'instc' }])))).toHaveLength(2);
    const related = buttonsOf(asked).find((b) => parseCustomId(b.custom_id)?.kind === 'topic');
    expect(votesOf(await click(related.custom_id, messageOf(asked)))).toHaveLength(2);
    const menu = (await response(bot.fake.slash('topics'))).components[0].components[0];
    const picked = await bot.fake.waitForResponse(bot.fake.component(menu.custom_id, { values: ['nuclear'], ephemeral: true }));
    expect(votesOf(picked.data)).toHaveLength(2);

    const replyTo = (id: string) => (c: RecordedCall) => c.method === 'POST' && c.body?.message_reference?.message_id === id;
    const mention = bot.fake.userMessage(`<@${bot.fake.bot.id}> how much gas`, { mentions: [bot.fake.bot] });
    expect(votesOf((await bot.fake.waitForCall(replyTo(mention.id))).body)).toHaveLength(2);
    const noEmbeds = bot.fake.channel('no-embeds');
    const plain = bot.fake.userMessage(`<@${bot.fake.bot.id}> how much gas`, { channelId: noEmbeds.id, mentions: [bot.fake.bot] });
    const text = (await bot.fake.waitForCall(replyTo(plain.id))).body;
    expect(text.embeds ?? []).toEqual([]);
    expect(votesOf(text)).toHaveLength(2);

    for (const sent of [bot.fake.slash('help'), bot.fake.slash('topics'), bot.fake.slash('ask', ask('what is the best pizza recipe?')), bot.fake.slash('topic', [{ name: 'name', type: OPTION.string, value: 'nope' }])]) {
      expect(votesOf(await response(sent))).toEqual([]);
    }
  });

  it('a vote for a topic that no longer exists, or a forged one, gets "expired" and stores nothing', async () => {
    bot = await startBot();
    const answer = bot.fake.message({ channel_id: bot.fake.guilds[0]!.channels[0]!.id });
    for (const id of ['v1:fb:en:no-such-topic:u', 'v1:fb:en:gas:x', 'v1:fb:en:gas']) {
      const data = await click(id, answer);
      expect(data, id).toMatchObject({ content: en.expired, flags: EPHEMERAL });
    }
    expect(bot.curator.report(1900)).toContain('no votes yet');
  });

  it('thanks in the language of the message voted on, whoever clicks', async () => {
    bot = await startBot();
    const { data } = await bot.fake.waitForResponse(bot.fake.slash('ask', ask('ایران از روسیه چقدر گاز خواهد گرفت؟')));
    const [up] = votesOf(data);
    expect(parseCustomId(up.custom_id)).toMatchObject({ lang: 'fa', topicId: 'gas' });
    expect((await click(up.custom_id, messageOf(data), BOB, 'en-US')).content).toBe(fa.discordVoteThanks);
    const russian = await bot.fake.waitForResponse(bot.fake.slash('ask', ask('Сколько газа получит Иран?'), { locale: 'ru' }));
    const [ruUp, ruDown] = votesOf(russian.data);
    const message = messageOf(russian.data);
    expect((await click(ruUp.custom_id, message, BOB)).content).toBe(ru.discordVoteThanks);
    expect((await click(ruDown.custom_id, message, BOB)).content).toBe(ru.discordVoteChanged);
  });

  it('a database that cannot be written gets a polite apology; answering goes on and nothing fails', async () => {
    // DB_PATH below a regular file: the curator cannot create its database and records nothing.
    const dir = mkdtempSync(join(tmpdir(), 'discord-feedback-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'not-a-folder'), '');
    bot = await startBot({ env: { DB_PATH: join(dir, 'not-a-folder', 'bot.db') } });
    const { data } = await bot.fake.waitForResponse(bot.fake.slash('ask', ask('how much gas will russia send iran?')));
    const [up] = votesOf(data);
    expect(await click(up.custom_id, messageOf(data))).toMatchObject({ content: en.discordVoteFailed, flags: EPHEMERAL });
    expect((await click(up.custom_id, messageOf(data))).content).toBe(en.discordVoteFailed);
    const next = await bot.fake.waitForResponse(bot.fake.slash('ask', ask('how much gas will russia send iran?')));
    expect(next.data.embeds[0].description).toContain('55');
    expect(bot.logs().filter((l) => l.level >= 50 && /handler failed/.test(l.msg))).toEqual([]);
    expect(bot.logs().some((l) => /curator database unavailable/.test(l.msg))).toBe(true);
  });
});
