import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction, encodeAction } from '../../src/core/conversation/actions.js';
import { type Core, createCore } from '../../src/core/core.js';
import { t } from '../../src/core/i18n/index.js';
import type { VoteRecord } from '../../src/core/conversation/ports.js';
import type { AnswerReply } from '../../src/core/reply.js';
import { realCore, realKnowledgeBase } from '../support/core.js';
import type { FakeUser } from '../fakes/discord-gateway.js';
import { type Bot, buttonsOf, componentsOf, EPHEMERAL, OPTION, secretsIn, startBot } from './harness.js';
import { limitViolations } from './limits.js';

const en = t('en');
const ru = t('ru');
const fa = t('fa');
const BOB: FakeUser = { id: '300000000000000002', username: 'bob', global_name: 'Bob', discriminator: '0', avatar: null };
const question = (value: string) => [{ name: 'question', type: OPTION.string, value }];
const typed = (name: string, value: string) => [{ name, type: OPTION.string, value, focused: true }];

describe('Discord interactions against a local gateway', () => {
  let bot: Bot;
  let core: Core;
  const votes: VoteRecord[] = [];
  beforeAll(async () => {
    core = await realCore();
    bot = await startBot({
      core,
      deps: (deps) => ({
        ...deps,
        curator: {
          ...deps.curator!,
          vote: (v) => {
            votes.push(v);
            return deps.curator!.vote(v);
          },
        },
      }),
    });
  });
  afterAll(() => bot?.stop());
  const ask = async (value: string, spec: { locale?: string; user?: FakeUser } = {}) =>
    (await bot.fake.waitForResponse(bot.fake.slash('ask', question(value), spec))).data;

  it('logs in and identifies with Guilds, GuildMessages and DirectMessages only (no privileged intent)', async () => {
    const identify = await bot.fake.waitForIdentify();
    expect(identify.intents).toBe((1 << 0) | (1 << 9) | (1 << 12));
    expect(bot.logs().some((l) => l.msg === 'discord ready' && l.guilds === 1)).toBe(true);
  });

  it('/ask answers publicly with a short answer (the lead first, no title, no key facts), and its actions as buttons: More, related topics, then 👍 / 👎', async () => {
    const { type, data } = await bot.fake.waitForResponse(bot.fake.slash('ask', question('How much gas will Russia supply to Iran?')));
    const expected = core.ask('How much gas will Russia supply to Iran?').reply as AnswerReply;
    expect(expected.kind).toBe('answer');
    expect(type).toBe(4);
    expect(data.flags ?? 0).toBe(0);
    const [embed] = data.embeds;
    expect(embed.title).toBeUndefined();
    expect(embed.description).toMatch(/^\*\*Russia will supply up to 55 billion/);
    expect(embed.fields ?? []).toEqual([]);
    expect(embed.footer.text).toBe(expected.source.line);
    expect(buttonsOf(data).map((b) => decodeAction(b.custom_id))).toEqual(expected.actions.map((a) => a.action));
    expect(buttonsOf(data)[0]!.label).toBe('More: Natural gas partnership');
    expect(data.components.at(-1).components.map((b: any) => b.label)).toEqual(['👍', '👎']);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(limitViolations(data)).toEqual([]);
  });

  it('/ask private:true answers ephemerally; the client’s locale breaks ties, the question’s script decides', async () => {
    const sent = bot.fake.slash('ask', [...question('how much gas'), { name: 'private', type: OPTION.boolean, value: true }]);
    const { data } = await bot.fake.waitForResponse(sent);
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.embeds[0].description).toContain('55');

    const russian = await ask('Сколько газа Россия будет поставлять Ирану?', { locale: 'ru' });
    expect(russian.embeds[0].description).toContain('55 млрд');
    expect(buttonsOf(russian)[0]!.label).toBe(`Подробнее: ${(core.topic('gas', 'ru') as AnswerReply).title}`);
    for (const b of buttonsOf(russian)) expect(decodeAction(b.custom_id)).toMatchObject({ lang: 'ru' });
    for (const b of buttonsOf(await ask('How much gas will Russia supply to Iran?', { locale: 'ru' })))
      expect(decodeAction(b.custom_id)).toMatchObject({ lang: 'en' });
  });

  it('autocomplete offers at most 25 topics ranked for what was typed, titled in its language; card arguments offer the overview first', async () => {
    const { type, data } = await bot.fake.waitForResponse(bot.fake.autocomplete('topic', typed('topic', 'gas')));
    expect(type).toBe(8);
    expect(data.choices).toEqual(core.searchTopics('gas', 25).map((x) => ({ name: x.title, value: x.id })));
    expect(data.choices[0].value).toBe('gas');

    const blank = await bot.fake.waitForResponse(bot.fake.autocomplete('card', typed('topic', '')));
    expect(blank.data.choices[0]).toEqual({ name: en.overviewChoice, value: 'overview' });
    expect(blank.data.choices.slice(1).map((c: any) => c.value)).toEqual(
      core
        .topics()
        .slice(0, 24)
        .map((x) => x.id),
    );
    expect((await bot.fake.waitForResponse(bot.fake.autocomplete('card', typed('topic', 'over')))).data.choices[0].value).toBe('overview');
    expect((await bot.fake.waitForResponse(bot.fake.autocomplete('card', typed('topic', 'gas')))).data.choices.map((c: any) => c.value)).not.toContain(
      'overview',
    );

    const russian = await bot.fake.waitForResponse(bot.fake.autocomplete('topic', typed('topic', 'газ'), { locale: 'en-US' }));
    expect(russian.data.choices[0]).toEqual({ name: (core.topic('gas', 'ru') as AnswerReply).title, value: 'gas' });
    const persian = await bot.fake.waitForResponse(bot.fake.autocomplete('card', typed('topic', 'گاز')));
    expect(persian.data.choices[0]).toEqual({ name: (core.topic('gas', 'fa') as AnswerReply).title, value: 'gas' });
    // Nothing to complete for free text, or for a command the bot does not know.
    expect((await bot.fake.waitForResponse(bot.fake.autocomplete('ask', typed('question', 'gas')))).data.choices).toEqual([]);
    expect((await bot.fake.waitForResponse(bot.fake.autocomplete('nope', typed('topic', 'gas')))).data.choices).toEqual([]);
  });

  it('a button answers only whoever pressed it, in the language of the message it is on', async () => {
    const answer = await ask('ایران از روسیه چقدر گاز خواهد گرفت؟');
    const related = buttonsOf(answer).find((b) => decodeAction(b.custom_id)?.kind === 'topic');
    const { type, data } = await bot.fake.waitForResponse(bot.fake.component(related.custom_id, { locale: 'ru', user: BOB }));
    expect(type).toBe(4);
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.embeds[0].title).toBe(related.label);
    expect(data.embeds[0].title).toMatch(/\p{Script=Arabic}/u);
  });

  it('/topics shows select menus only to the caller; the option chosen opens its topic', async () => {
    const { data } = await bot.fake.waitForResponse(bot.fake.slash('topics', [], { locale: 'ru' }));
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.embeds[0].title).toBe(ru.topicsTitle);
    const [menu] = componentsOf(data);
    expect(menu).toMatchObject({ type: 3, placeholder: ru.pickTopic, custom_id: encodeAction({ kind: 'pick', menu: 0, lang: 'ru' }) });
    expect(menu.options.map((o: any) => o.value)).toEqual(core.topics().map((x) => x.id));
    const picked = menu.options[2];
    const answer = await bot.fake.waitForResponse(bot.fake.component(menu.custom_id, { values: [picked.value], ephemeral: true }));
    expect(answer.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(answer.data.embeds[0].title).toBe(picked.label);
  });

  it('a stale, forged or old-format custom_id gets an ephemeral "this button has expired"', async () => {
    for (const customId of ['v1:topic:en:gas', 'v1:fb:en:gas:u', '2t.en.no-such-topic', '2k.en.0', 'hello', 'x'.repeat(100)]) {
      const { type, data } = await bot.fake.waitForResponse(bot.fake.component(customId));
      expect(type, customId).toBe(4);
      expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(data.content).toBe(en.expired);
    }
  });

  it('a vote counts per message: the same button under another answer is another vote; the store sees hashed ids only', async () => {
    const answer = await ask('Who signed the agreement?');
    const up = buttonsOf(answer).find((b) => b.label === '👍');
    const press = async (messageId?: string) => {
      const message = bot.fake.message({ channel_id: bot.fake.guilds[0]!.channels[0]!.id, ...(messageId ? { id: messageId } : {}) });
      return (await bot.fake.waitForResponse(bot.fake.interaction({ type: 3, data: { custom_id: up.custom_id, component_type: 2 }, message }))).data.content;
    };
    expect(await press('500000000000000001')).toBe(en.voteThanks);
    expect(await press('500000000000000001')).toBe(en.voteSame);
    expect(await press('500000000000000002')).toBe(en.voteThanks);
    expect(votes.map((v) => [v.surface, v.topicId, v.vote, v.user])).toEqual(Array(3).fill(['discord', 'treaty', 1, bot.userKey()]));
    expect(new Set(votes.map((v) => v.answerKey)).size).toBe(2);
    expect(JSON.stringify(votes)).not.toMatch(/\d{17,}/); // no Discord id (user, message) reaches the core
  });

  it('a failing reply is logged once with context, without tokens, and the bot keeps answering', async () => {
    bot.fake.fail({ method: 'POST', path: /\/callback$/, status: 404, code: 10062, message: 'Unknown interaction', times: 2 });
    const failed = bot.fake.slash('ask', question('how much gas'));
    await bot.fake.waitForCalls((c) => c.path.startsWith(`/interactions/${failed.id}/`), 2);
    expect((await ask('how much gas')).embeds[0].description).toContain('55');
    const errors = bot.logs().filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    // Ids as the core knows them, hashed: never a Discord id in clear.
    const ids = bot.deps.ids;
    expect(errors[0]).toMatchObject({
      event: 'interactionCreate',
      interaction: ids.hash('dc-interaction', failed.id),
      command: 'ask',
      guild: expect.any(String),
      user: bot.userKey(),
    });
    expect(JSON.stringify(errors[0])).not.toContain(bot.fake.user.id);
    expect(errors[0]!.err.code).toBe(10062);
    expect(errors[0]!.err.url).toBe('[secret]');
    expect(errors[0]!.err.requestBody).toBe('[secret]');
  });

  it('never writes the bot token or an interaction token to the log', () => {
    expect(bot.fake.interactions.length).toBeGreaterThan(10);
    expect(secretsIn(bot)).toEqual([]);
  });
});

describe('votes that cannot be stored', () => {
  it('get a polite apology, only to the voter; answering goes on', async () => {
    const bot = await startBot({ deps: (deps) => ({ ...deps, curator: { ...deps.curator!, vote: async () => false } }) });
    try {
      const asked = await bot.fake.waitForResponse(bot.fake.slash('ask', question('ایران از روسیه چقدر گاز خواهد گرفت؟')));
      const up = buttonsOf(asked.data).find((b) => b.label === '👍');
      const { data } = await bot.fake.waitForResponse(bot.fake.component(up.custom_id));
      expect(data).toMatchObject({ content: expect.stringContaining(fa.voteFailed.slice(0, 20)), flags: EPHEMERAL });
      expect((await bot.fake.waitForResponse(bot.fake.slash('ask', question('how much gas')))).data.embeds[0].description).toContain('55');
      expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
    } finally {
      await bot.stop();
    }
  });
});

describe('many topics', () => {
  it('autocomplete never offers more than 25 choices, and /topics splits topics over several menus', async () => {
    const kb = await realKnowledgeBase();
    const copies = kb.topics.map((x) => ({ ...x, id: `${x.id}-copy`, order: x.order + 1000, related: [] }));
    const core = createCore({ ...kb, topics: [...kb.topics, ...copies] });
    expect(core.topics().length).toBeGreaterThan(25);
    const bot = await startBot({ core });
    try {
      for (const value of ['', 'gas', 'a']) {
        const { data } = await bot.fake.waitForResponse(bot.fake.autocomplete('topic', typed('topic', value)));
        expect(data.choices.length, value).toBe(25);
      }
      const { data } = await bot.fake.waitForResponse(bot.fake.slash('topics'));
      expect(componentsOf(data).map((m) => m.options.length)).toEqual([25, core.topics().length - 25]);
      expect(limitViolations(data)).toEqual([]);
    } finally {
      await bot.stop();
    }
  });
});
