import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCustomId } from '../../src/adapters/discord/custom-id.js';
import { type Core, createCore } from '../../src/core/core.js';
import { t } from '../../src/core/i18n/index.js';
import { DEFAULT_TUNING } from '../../src/core/match/matcher.js';
import { type Bot, buttonsOf, EPHEMERAL, knowledgeBase, OPTION, secretsIn, startBot, testCore } from './harness.js';
import { limitViolations } from './limits.js';

const en = t('en');
const topicButtonsOf = (data: any): any[] => buttonsOf(data).filter((b) => parseCustomId(b.custom_id)?.kind === 'topic');
const textOf = (data: any): string => JSON.stringify(data.embeds ?? []);

describe('Discord interactions against a local gateway', () => {
  let bot: Bot;
  let core: Core;
  beforeAll(async () => {
    core = await testCore();
    bot = await startBot({ core, env: { RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(() => bot?.stop());

  it('logs in and identifies with Guilds, GuildMessages and DirectMessages only (no privileged intent)', async () => {
    const identify = await bot.fake.waitForIdentify();
    expect(identify.intents).toBe((1 << 0) | (1 << 9) | (1 << 12));
    expect(identify.intents & (1 << 15)).toBe(0); // MessageContent
    expect(identify.intents & (1 << 1)).toBe(0); // GuildMembers
    expect(bot.logs().some((l) => l.msg === 'discord ready' && l.guilds === 1)).toBe(true);
  });

  it('/ask answers with an embed: title, lead, fact fields, source footer and related-topic buttons', async () => {
    const sent = bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'How much gas will Russia supply to Iran?' }]);
    const { type, data } = await bot.fake.waitForResponse(sent);
    const expected = core.ask('How much gas will Russia supply to Iran?').reply;
    expect(expected.kind).toBe('answer');
    if (expected.kind !== 'answer') return;
    expect(type).toBe(4);
    expect(data.flags ?? 0).toBe(0);
    const [embed] = data.embeds;
    expect(embed.title).toBe(expected.title);
    expect(embed.description).toContain('55');
    expect(embed.fields.length).toBe(Math.min(25, expected.facts.length));
    expect(embed.footer.text).toBe(expected.source.line);
    expect(embed.footer.text).toMatch(/2025/);
    expect(topicButtonsOf(data).map((b) => parseCustomId(b.custom_id))).toEqual(expected.related.slice(0, 5).map((r) => ({ kind: 'topic', lang: 'en', topicId: r.id })));
    // The last row: 👍 / 👎 for this answer's topic.
    expect(data.components.at(-1).components.map((b: any) => [b.label, parseCustomId(b.custom_id)])).toEqual([
      ['👍', { kind: 'feedback', lang: 'en', topicId: expected.topicId, vote: 1 }],
      ['👎', { kind: 'feedback', lang: 'en', topicId: expected.topicId, vote: -1 }],
    ]);
    expect(limitViolations(data)).toEqual([]);
  });

  it('/ask finds where the treaty was signed', async () => {
    const sent = bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'where was the treaty signed?' }]);
    const { data } = await bot.fake.waitForResponse(sent);
    expect(textOf(data)).toContain('Moscow');
  });

  it('/ask private:true answers ephemerally', async () => {
    const sent = bot.fake.slash('ask', [
      { name: 'question', type: OPTION.string, value: 'how much gas' },
      { name: 'private', type: OPTION.boolean, value: true },
    ]);
    const { data } = await bot.fake.waitForResponse(sent);
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.embeds[0].description).toContain('55');
  });

  it('passes the user’s Discord locale as a hint: a Russian question from a Russian client is answered in Russian, an English one in English', async () => {
    const ru = await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'Сколько газа Россия будет поставлять Ирану?' }], { locale: 'ru' }));
    const expected = core.ask('Сколько газа Россия будет поставлять Ирану?', 'ru').reply;
    expect(expected).toMatchObject({ kind: 'answer', lang: 'ru' });
    expect(ru.data.embeds[0].description).toContain('55');
    expect(ru.data.embeds[0].title).toBe(expected.kind === 'answer' ? expected.title : '');
    expect(buttonsOf(ru.data).length).toBeGreaterThan(2);
    for (const b of buttonsOf(ru.data)) expect(parseCustomId(b.custom_id)).toMatchObject({ lang: 'ru' });

    const en = await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'How much gas will Russia supply to Iran?' }], { locale: 'ru' }));
    for (const b of buttonsOf(en.data)) expect(parseCustomId(b.custom_id)).toMatchObject({ lang: 'en' });
  });

  it('/ask off-topic declines clearly with a Topics button, and the button lists topics', async () => {
    const sent = bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'what is the best pizza recipe?' }]);
    const { data } = await bot.fake.waitForResponse(sent);
    expect(data.embeds[0].description).toBe(en.declineOfftopic);
    const [topicsButton, ...rest] = buttonsOf(data);
    expect(rest).toEqual([]);
    expect(topicsButton.label).toBe(en.topicsButton);

    const click = bot.fake.component(topicsButton.custom_id);
    const list = await bot.fake.waitForResponse(click);
    expect(list.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const options = list.data.components.flatMap((r: any) => r.components[0].options.map((o: any) => o.value));
    expect(options).toEqual(core.topics().map((x) => x.id).slice(0, 125));
  });

  it('@everyone and role mentions inside a question never ping: allowed_mentions parse is empty', async () => {
    const sent = bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: '@everyone @here <@&500000000000000001> how much gas' }]);
    const { data } = await bot.fake.waitForResponse(sent);
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('autocomplete answers with at most 25 topics ranked by the matcher', async () => {
    const typed = bot.fake.autocomplete('topic', [{ name: 'name', type: OPTION.string, value: 'gas', focused: true }]);
    const { type, data } = await bot.fake.waitForResponse(typed);
    expect(type).toBe(8);
    expect(data.choices.length).toBeGreaterThan(0);
    expect(data.choices.length).toBeLessThanOrEqual(25);
    expect(data.choices).toEqual(core.searchTopics('gas', 25).map((x) => ({ name: x.title, value: x.id })));
    expect(data.choices[0].name.toLowerCase()).toContain('gas');

    // /card offers the overview of the whole partnership first, then the topics.
    const blank = bot.fake.autocomplete('card', [{ name: 'topic', type: OPTION.string, value: '', focused: true }]);
    const all = await bot.fake.waitForResponse(blank);
    expect(all.data.choices[0]).toEqual({ name: en.discordCardOverview, value: 'overview' });
    expect(all.data.choices.slice(1).map((c: any) => c.value)).toEqual(core.topics().slice(0, 24).map((x) => x.id));
    const over = await bot.fake.waitForResponse(bot.fake.autocomplete('card', [{ name: 'topic', type: OPTION.string, value: 'over', focused: true }]));
    expect(over.data.choices[0].value).toBe('overview');
    const gas = await bot.fake.waitForResponse(bot.fake.autocomplete('card', [{ name: 'topic', type: OPTION.string, value: 'gas', focused: true }]));
    expect(gas.data.choices.map((c: any) => c.value)).not.toContain('overview');
  });

  it('/topic shows the chosen topic, and an unknown name gets an ephemeral notice', async () => {
    const id = core.topics()[1]!.id;
    const { data } = await bot.fake.waitForResponse(bot.fake.slash('topic', [{ name: 'name', type: OPTION.string, value: id }]));
    expect(data.embeds[0].title).toBe(core.topics()[1]!.title);
    const unknown = await bot.fake.waitForResponse(bot.fake.slash('topic', [{ name: 'name', type: OPTION.string, value: 'no such thing' }]));
    expect(unknown.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(unknown.data.content).toBe(en.unknownTopic('no such thing'));
  });

  it('a related-topic button answers with that topic (only to the clicker)', async () => {
    const asked = await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas' }]));
    const button = buttonsOf(asked.data)[0];
    const target = parseCustomId(button.custom_id);
    expect(target?.kind).toBe('topic');
    const { type, data } = await bot.fake.waitForResponse(bot.fake.component(button.custom_id));
    expect(type).toBe(4);
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.embeds[0].title).toBe(button.label);
    expect(target?.kind === 'topic' && core.topic(target.topicId)).toMatchObject({ kind: 'answer', title: button.label });
  });

  it('a stale or forged custom_id gets an ephemeral "this button has expired"', async () => {
    for (const customId of ['v1:topic:en:no-such-topic', 'v0:topic:en:gas', 'hello', 'v1:pick:en:0', 'x'.repeat(100)]) {
      const { type, data } = await bot.fake.waitForResponse(bot.fake.component(customId));
      expect(type, customId).toBe(4);
      expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(data.content).toBe(en.expired);
    }
  });

  it('/topics offers a select menu whose choice answers the topic; /help explains the bot', async () => {
    const { data } = await bot.fake.waitForResponse(bot.fake.slash('topics'));
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const menu = data.components[0].components[0];
    expect(menu.type).toBe(3);
    const picked = menu.options[2];
    const answer = await bot.fake.waitForResponse(bot.fake.component(menu.custom_id, { values: [picked.value], ephemeral: true }));
    expect(answer.data.embeds[0].title).toBe(picked.label);

    const help = await bot.fake.waitForResponse(bot.fake.slash('help'));
    expect(help.data.embeds[0].title).toBe(en.helpTitle);
    expect(help.data.embeds[0].footer.text).toBe(en.discordHelpHint);
  });

  it('an unknown command gets a notice', async () => {
    const { data } = await bot.fake.waitForResponse(bot.fake.slash('frobnicate'));
    expect(data.content).toBe(en.unknownCommand('/frobnicate'));
  });

  it('a failing reply is logged once with context, without tokens, and the bot keeps answering', async () => {
    bot.fake.fail({ method: 'POST', path: /\/callback$/, status: 404, code: 10062, message: 'Unknown interaction', times: 2 });
    const failed = bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas' }]);
    await bot.fake.waitForCalls((c) => c.path.startsWith(`/interactions/${failed.id}/`), 2);
    const next = bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas' }]);
    const { data } = await bot.fake.waitForResponse(next);
    expect(data.embeds[0].description).toContain('55');

    const errors = bot.logs().filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ event: 'interactionCreate', interaction: failed.id, command: 'ask', guild: expect.any(String), user: bot.fake.user.id });
    expect(errors[0]!.err.code).toBe(10062);
    expect(errors[0]!.err.url).toBe('[secret]');
    expect(errors[0]!.err.requestBody).toBe('[secret]');
    expect(bot.lines.join('\n')).not.toContain(failed.token);
  });

  it('never writes the bot token or an interaction token to the log', () => {
    expect(bot.fake.interactions.length).toBeGreaterThan(10);
    expect(bot.lines.length).toBeGreaterThan(0);
    expect(secretsIn(bot)).toEqual([]);
  });
});

describe('did-you-mean and rate limit', () => {
  it('when the matcher is unsure, offers did-you-mean buttons that answer', async () => {
    const unsure = await testCore({ ...DEFAULT_TUNING, answer: 1.01 });
    const bot = await startBot({ core: unsure });
    try {
      const expected = unsure.ask('how much gas').reply;
      expect(expected.kind).toBe('suggest');
      if (expected.kind !== 'suggest') return;
      const { data } = await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas' }]));
      expect(data.embeds[0].description).toBe(en.suggestText);
      const buttons = buttonsOf(data);
      expect(buttons.map((b) => b.label)).toEqual([...expected.suggestions.map((s) => s.title), en.topicsButton]);
      expect(expected.suggestions.map((s) => s.id)).toContain('gas');
      const answer = await bot.fake.waitForResponse(bot.fake.component(buttons[0].custom_id));
      expect(answer.data.embeds[0].title).toBe(expected.suggestions[0]!.title);
    } finally {
      await bot.stop();
    }
  });

  it('a user over RATE_LIMIT_PER_MINUTE is asked to slow down; others still get answers', async () => {
    const bot = await startBot({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      const ask = (user = bot.fake.user) => bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas' }], { user }));
      expect((await ask()).data.embeds).toHaveLength(1);
      expect((await ask()).data.embeds).toHaveLength(1);
      const limited = await ask();
      expect(limited.data.content).toBe(en.slowDown);
      expect(limited.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      const other = await ask({ ...bot.fake.user, id: '300000000000000002', username: 'bob' });
      expect(other.data.embeds).toHaveLength(1);
    } finally {
      await bot.stop();
    }
  });
});

describe('many topics', () => {
  it('autocomplete never offers more than 25 choices, and /topics splits topics over several menus', async () => {
    const kb = await knowledgeBase();
    const copies = kb.topics.map((x) => ({ ...x, id: `${x.id}-copy`, order: x.order + 1000, related: [] }));
    const core = createCore({ ...kb, topics: [...kb.topics, ...copies] });
    expect(core.topics().length).toBeGreaterThan(25);
    const bot = await startBot({ core });
    try {
      for (const value of ['', 'gas', 'a']) {
        const { data } = await bot.fake.waitForResponse(bot.fake.autocomplete('topic', [{ name: 'name', type: OPTION.string, value, focused: true }]));
        expect(data.choices.length, value).toBe(25);
      }
      const { data } = await bot.fake.waitForResponse(bot.fake.slash('topics'));
      const menus = data.components.map((row: any) => row.components[0]);
      expect(menus.map((m: any) => m.options.length)).toEqual([25, core.topics().length - 25]);
      expect(limitViolations(data)).toEqual([]);
    } finally {
      await bot.stop();
    }
  });
});
