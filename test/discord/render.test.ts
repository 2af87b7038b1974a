import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCodeBlock, renderDiscordReply, renderDiscordText, renderPost, type DiscordMessage } from '../../src/adapters/discord/render.js';
import { sanitize } from '../../src/adapters/kit/text.js';
import { type Action, decodeAction, encodeAction } from '../../src/core/conversation/actions.js';
import type { Core } from '../../src/core/core.js';
import { LANGS, type Lang } from '../../src/core/data/schema.js';
import { t } from '../../src/core/i18n/index.js';
import { openTopic, postActions, topicsButton, voteActions } from '../../src/core/reply-actions.js';
import type { ActionGroup, AnswerReply, CardReply, Reply, ReplyAction, SourceRef } from '../../src/core/reply.js';
import { realCore } from '../support/core.js';
import { hostileText } from '../support/arbitraries.js';
import { type Bot, OPTION, replyTo, startBot } from './harness.js';
import { limitViolations } from './limits.js';

const en = t('en');
const RLM = '\u200F';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/;

const huge = (n: number, unit = 'word ') => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const source: SourceRef = {
  title: huge(500),
  description: huge(500),
  published: '2025-01-24',
  asOf: '2025-01-24',
  paragraph: 6,
  line: huge(3000),
  url: 'https://example.org/a',
};
const choices = (n: number, idLength = 10, lang: Lang = 'en') =>
  Array.from({ length: n }, (_, i) => openTopic({ id: `t${i}-${'x'.repeat(idLength)}`, title: `${huge(150)} ${i}` }, lang, 'choices'));
const related = (n: number, group: ActionGroup = 'related') => choices(n).map((a) => ({ ...a, group }));
const componentsOf = (m: DiscordMessage): any[] => m.components.flatMap((row) => row.components as any[]);
const idsOf = (m: DiscordMessage) => componentsOf(m).map((c) => c.custom_id as string);

const absurd: Reply[] = [
  {
    kind: 'answer',
    grounding: 'answered',
    form: 'full',
    lang: 'en',
    topicId: 'gas',
    title: huge(1000),
    lead: huge(5000),
    details: huge(9000),
    facts: Array.from({ length: 60 }, (_, i) => ({ label: `${huge(400)}${i}`, value: huge(3000) })),
    source,
    actions: [...related(40), ...voteActions('gas', 'en')],
    note: huge(3000),
  },
  { kind: 'suggest', lang: 'en', text: huge(9000), actions: [...related(30, 'suggest'), topicsButton('en')] },
  { kind: 'decline', lang: 'en', reason: 'offtopic', text: huge(9000), actions: [...related(200, 'suggest'), topicsButton('en')] },
  { kind: 'help', lang: 'en', mode: 'help', title: huge(400), text: huge(9000), hint: huge(3000), actions: choices(200) },
  { kind: 'help', lang: 'en', mode: 'topics', title: '', text: '', actions: choices(3, 40) },
  {
    kind: 'card',
    lang: 'en',
    topicId: 'gas',
    title: huge(400),
    lead: huge(9000),
    figures: Array.from({ length: 40 }, () => ({ label: huge(3000), value: huge(600) })),
    source,
    asOf: '2025-01-24',
    preview: { target: '<#400000000000000001>' },
    actions: postActions('gas', 'en'),
  },
  { kind: 'notice', lang: 'en', level: 'error', text: huge(9000), actions: [], note: huge(3000) },
  { kind: 'report', lang: 'en', text: huge(9000), actions: [] },
];

describe('renderDiscordReply', () => {
  let core: Core;
  beforeAll(async () => {
    core = await realCore();
  });

  it('keeps every reply kind from the real data within Discord limits, as embeds and as plain text', () => {
    const replies: Reply[] = [
      core.ask('how much gas will Russia send to Iran').reply,
      core.ask('where was the treaty signed').reply,
      core.ask('what is the best pizza recipe').reply,
      core.ask('').reply,
      {
        kind: 'suggest',
        lang: 'en',
        text: en.suggestText,
        actions: [
          ...core
            .topics()
            .slice(0, 3)
            .map((x) => openTopic(x, 'en', 'suggest')),
          topicsButton('en'),
        ],
      },
      ...(['help', 'welcome', 'topics'] as const).flatMap((mode) => LANGS.map((lang) => core.help(mode, lang))),
      ...core.topics().map((x) => core.topic(x.id)),
      ...core.topics().map((x) => core.card(x.id, 'fa')),
      { ...(core.card('overview') as CardReply), preview: { target: '<#1>' }, actions: postActions('overview', 'en') },
      core.topic('no-such-topic'),
    ];
    expect(new Set(replies.map((r) => r.kind))).toEqual(new Set(['answer', 'suggest', 'decline', 'help', 'card', 'notice']));
    for (const reply of replies) {
      expect(limitViolations(renderDiscordReply(reply)), reply.kind).toEqual([]);
      expect(limitViolations(renderDiscordText(reply)), `${reply.kind} as text`).toEqual([]);
    }
  });

  it('keeps absurdly long replies of every kind within limits', () => {
    for (const reply of absurd) {
      const message = renderDiscordReply(reply);
      expect(limitViolations(message), reply.kind).toEqual([]);
      expect(limitViolations(renderDiscordText(reply)), `${reply.kind} as text`).toEqual([]);
      expect(message.embeds).toHaveLength(reply.kind === 'notice' || reply.kind === 'report' ? 0 : 1);
    }
  });

  it('renders a short answer as its bold lead and the source, no title or fields; More first, then related buttons, then 👍 / 👎', () => {
    const reply = core.ask('how much gas will Russia send to Iran').reply as AnswerReply;
    expect(reply).toMatchObject({ kind: 'answer', form: 'short' });
    const message = renderDiscordReply(reply);
    const embed = message.embeds[0]!;
    expect(embed.title).toBeUndefined();
    expect(embed.description).toMatch(/^\*\*Russia will supply up to 55/);
    expect(embed.fields ?? []).toEqual([]);
    expect(embed.footer!.text).toBe(reply.source.line);
    expect(idsOf(message)).toEqual(reply.actions.map((a) => encodeAction(a.action)));
    expect(decodeAction(idsOf(message)[0]!)).toEqual({ kind: 'more', topicId: 'gas', lang: 'en' });
  });

  it('renders the whole topic as title, bold lead, facts as fields and the source in the footer; related buttons, then 👍 / 👎 last', () => {
    const reply = core.topic('gas') as AnswerReply;
    expect(reply).toMatchObject({ kind: 'answer', form: 'full' });
    const message = renderDiscordReply(reply);
    const embed = message.embeds[0]!;
    expect(embed.title).toBe(reply.title);
    expect(embed.description).toMatch(/^\*\*.*55/);
    expect(embed.fields!.map((f) => f.name)).toEqual(reply.facts.map((f) => f.label));
    expect(embed.footer!.text).toBe(reply.source.line);
    expect(message.content).toBeUndefined();
    // Every component is one of the reply's actions, in its codec's wire form; nothing invented.
    expect(idsOf(message)).toEqual(reply.actions.map((a) => encodeAction(a.action)));
    expect(message.components.at(-1)!.components.map((b: any) => [b.label, decodeAction(b.custom_id)])).toEqual([
      ['👍', { kind: 'vote', topicId: reply.topicId, vote: 1, lang: 'en' }],
      ['👎', { kind: 'vote', topicId: reply.topicId, vote: -1, lang: 'en' }],
    ]);
  });

  it('shortens the description first and keeps title, footer and the start of the lead; a note goes above the embed', () => {
    const reply = absurd[0] as AnswerReply;
    const message = renderDiscordReply(reply);
    const embed = message.embeds[0]!;
    expect(embed.title!.endsWith('…')).toBe(true);
    expect(embed.title!.length).toBeGreaterThan(250);
    expect(embed.description!.startsWith(`**${reply.lead.slice(0, 100)}`)).toBe(true);
    expect(embed.footer!.text.length).toBe(2048);
    expect(message.content!.startsWith(reply.note!.slice(0, 100))).toBe(true);
    // Related buttons take two rows at most; the vote row is still there.
    expect(message.components.map((r) => r.components.length)).toEqual([5, 5, 2]);
  });

  it('leaves out actions that do not encode and shows a duplicate once', () => {
    const gas = core.topic('gas') as AnswerReply;
    const bad: ReplyAction[] = [
      openTopic({ id: 'a'.repeat(70), title: 'Too long' }, 'en', 'related'),
      openTopic({ id: 'Not an id!', title: 'Odd' }, 'en', 'related'),
      openTopic({ id: 'instc', title: 'INSTC' }, 'en', 'related'),
      openTopic({ id: 'instc', title: 'INSTC again' }, 'en', 'related'),
    ];
    expect(idsOf(renderDiscordReply({ ...gas, actions: [...bad, ...voteActions('gas', 'en')] }))).toEqual(['2t.en.instc', '2v.en.gas.u', '2v.en.gas.d']);
    expect(idsOf(renderDiscordReply({ ...gas, actions: voteActions('x'.repeat(60), 'en') }))).toEqual([]);
  });

  it('did-you-mean and declines: the topics offered as buttons, then the Topics button', () => {
    for (const reply of [absurd[1]!, core.ask('how do I bake sourdough bread').reply]) {
      const buttons = componentsOf(renderDiscordReply(reply));
      expect(buttons.at(-1)).toMatchObject({ type: 2, label: en.topicsButton, custom_id: '2l.en' });
      expect(buttons.slice(0, -1).every((b) => decodeAction(b.custom_id)?.kind === 'topic')).toBe(true);
    }
    const decline = renderDiscordReply(core.ask('how do I bake sourdough bread').reply);
    expect(decline.embeds[0]!.description).toBe(en.declineOfftopic);
    expect(componentsOf(decline).length).toBeLessThanOrEqual(4);
  });

  it('lists topics in select menus of at most 25, numbered when there are several; option values are topic ids', () => {
    const many: Reply = { kind: 'help', lang: 'en', mode: 'topics', title: 'Topics', text: 'Pick', actions: choices(60) };
    const menus = componentsOf(renderDiscordReply(many));
    expect(menus.map((m) => m.options.length)).toEqual([25, 25, 10]);
    expect(menus.map((m) => m.custom_id)).toEqual(['2k.en.0', '2k.en.1', '2k.en.2']);
    expect(menus.map((m) => decodeAction(m.custom_id))).toEqual([0, 1, 2].map((menu) => ({ kind: 'pick', menu, lang: 'en' })));
    expect(menus.map((m) => m.placeholder)).toEqual([`${en.pickTopic} (1/3)`, `${en.pickTopic} (2/3)`, `${en.pickTopic} (3/3)`]);
    expect(menus.flatMap((m) => m.options.map((o: any) => o.value))).toEqual(many.actions.map((a) => (a.action as Extract<Action, { kind: 'topic' }>).topicId));
    const real = componentsOf(renderDiscordReply(core.help('topics'))).flatMap((m) => m.options.map((o: any) => o.value));
    expect(real).toEqual(core.topics().map((x) => x.id));
    // At most five menus: 125 topics.
    expect(componentsOf(renderDiscordReply({ ...many, actions: choices(200) })).flatMap((m) => m.options)).toHaveLength(125);
  });

  it('help shows its hint in the footer; the topic list has none', () => {
    const help = renderDiscordReply({ ...core.help('help'), hint: en.helpHint('discord') } as Reply).embeds[0]!;
    expect([help.title, help.footer?.text]).toEqual([en.helpTitle, en.helpHint('discord')]);
    expect(renderDiscordReply(core.help('topics')).embeds[0]!.footer).toBeUndefined();
  });

  it('an overview card says after its lead what the agreement is for, as the other surfaces do', () => {
    const overview = core.card('overview') as CardReply;
    expect(overview.about).toBeTruthy();
    expect(renderDiscordReply(overview).embeds[0]!.description).toContain(overview.about!.slice(0, 40));
  });

  it('a card preview says where it would go, above the card, with [Post with image] [Post as text] [Cancel]; the post itself is the card alone', () => {
    const card = core.card('gas') as CardReply;
    const preview = renderDiscordReply({ ...card, preview: { target: '<#400000000000000002>' }, actions: postActions('gas', 'en'), private: true });
    expect(preview.content).toBe(en.postPreview('<#400000000000000002>'));
    expect(preview.embeds[0]).toMatchObject({ title: card.title, author: { name: en.cardFooter } });
    expect(preview.embeds[0]!.fields).toHaveLength(card.figures.length);
    expect(componentsOf(preview).map((b) => [b.label, b.custom_id])).toEqual([
      [en.postImageButton, '2p.en.gas.i'],
      [en.postTextButton, '2p.en.gas.x'],
      [en.cancelButton, '2c.en'],
    ]);
    expect(preview.components).toHaveLength(1);
    const post = renderPost({ ...card, preview: { target: 'x' }, actions: postActions('gas', 'en') }, Buffer.from([0x89, 0x50]));
    expect(post.content).toBeUndefined();
    expect(post.components).toEqual([]);
    expect(post.embeds[0]!.image).toEqual({ url: 'attachment://card-gas.png' });
    expect('files' in post && post.files.map((f) => f.name)).toEqual(['card-gas.png']);
  });

  it('escapes markdown in data text; notices are plain content; the report is one code block', () => {
    const gas = core.topic('gas') as AnswerReply;
    const embed = renderDiscordReply({ ...gas, title: 'a*b', lead: '__x__', details: '', facts: [{ label: '`l`', value: '~~v~~' }], actions: [] }).embeds[0]!;
    expect(embed.title).toBe('a\\*b');
    expect(embed.description).toBe('**\\_\\_x\\_\\_**');
    expect(embed.fields).toEqual([{ name: '\\`l\\`', value: '\\~\\~v\\~\\~', inline: true }]);
    expect(renderDiscordReply({ kind: 'notice', lang: 'en', level: 'info', text: 'hi *there*', actions: [] })).toEqual({
      content: 'hi \\*there\\*',
      embeds: [],
      components: [],
      allowedMentions: { parse: [] },
    });
    expect(renderDiscordReply({ kind: 'report', lang: 'en', text: 'a ``` b', actions: [] }).content).toBe('```\na `\u200b`\u200b`\u200b b\n```');
  });

  it('as plain text: the reply’s text and only the 👍 / 👎 buttons', () => {
    const reply = core.ask('how much gas will Russia send to Iran').reply;
    const text = renderDiscordText(reply);
    expect(text.embeds).toEqual([]);
    expect(text.content).toContain('55');
    expect(componentsOf(text).map((b) => b.label)).toEqual(['👍', '👎']);
  });

  it('Persian lines that would start left to right get an RLM; numbers and Latin names stay intact; other languages are left alone', () => {
    const gas = core.topic('gas', 'fa') as AnswerReply;
    const reply: AnswerReply = {
      ...gas,
      lead: 'LNG از طریق ایران',
      details: '55 bcm\n• INSTC و ۳٫۷۷\n\nروسیه',
      facts: [{ label: 'INSTC', value: '$3.77 bn' }, ...gas.facts],
    };
    const embed = renderDiscordReply(reply).embeds[0]!;
    expect(embed.description).toBe(`${RLM}**LNG از طریق ایران**\n\n${RLM}55 bcm\n${RLM}• INSTC و ۳٫۷۷\n\nروسیه`);
    expect(embed.fields![0]).toMatchObject({ name: `${RLM}INSTC`, value: `${RLM}$3.77 bn` });
    expect(embed.title).toBe(gas.title);
    for (const r of [reply, core.card('gas', 'fa'), core.help('help', 'fa'), core.help('topics', 'fa'), core.topic('nope', 'fa')] as Reply[]) {
      rightToLeft(renderDiscordReply(r));
      rightToLeft(renderDiscordText(r));
    }
    expect(renderDiscordReply({ ...reply, lang: 'ru' }).embeds[0]!.description).not.toContain(RLM);
  });

  it('trimming never splits a surrogate pair, Persian or not', () => {
    for (const lang of ['fa', 'en'] as const) {
      const content = renderDiscordReply({ kind: 'notice', lang, level: 'info', text: '😀'.repeat(3000), actions: [] }).content!;
      expect(content.length).toBeLessThanOrEqual(2000);
      expect(content).not.toMatch(LONE_SURROGATE);
      const embed = renderDiscordReply({ kind: 'decline', lang, reason: 'offtopic', text: `آ${'😀'.repeat(5000)}`, actions: [] }).embeds[0]!;
      expect(embed.description!.length).toBeLessThanOrEqual(4096);
      expect(embed.description).not.toMatch(LONE_SURROGATE);
    }
  });
});

describe('custom_id is the core’s action codec', () => {
  it('every action a reply can carry round-trips within 100 characters; forged, stale (v1) and malformed ids do not decode', () => {
    const actions: Action[] = [
      { kind: 'topic', topicId: 'middle-east-after-assad', lang: 'ru' },
      { kind: 'more', topicId: 'gas', lang: 'en' },
      { kind: 'topics', lang: 'fa' },
      { kind: 'page', page: 2, lang: 'en' },
      { kind: 'pick', menu: 4, lang: 'en' },
      { kind: 'vote', topicId: 'bilateral-trade', vote: -1, lang: 'fa' },
      { kind: 'post', cardId: 'overview', image: true, lang: 'ru' },
      { kind: 'cancel', lang: 'en' },
    ];
    for (const action of actions) {
      const id = encodeAction(action)!;
      expect(id.length).toBeLessThanOrEqual(100);
      expect(decodeAction(id)).toEqual(action);
    }
    for (const id of ['', 'gas', 'v1:topic:en:gas', 'v1:fb:en:gas:u', 'v1:pick:en:0', '2t.de.gas', '2t.en.Gas', '2v.en.gas.x', '2k.en', 'x'.repeat(100)])
      expect(decodeAction(id), id).toBeUndefined();
  });
});

/** Every string of a payload that Discord shows. */
function strings(message: DiscordMessage): string[] {
  const embeds = message.embeds.flatMap((e) => [e.author?.name, e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text]);
  const components = componentsOf(message).flatMap((c) => [c.label, c.placeholder, ...(c.options ?? []).flatMap((o: any) => [o.label, o.value])]);
  return [message.content, ...embeds, ...components].filter((s): s is string => typeof s === 'string');
}

/** Persian reads right to left: every line that shows anything starts with a Persian letter, an RLM or the ellipsis of a cut. */
function rightToLeft(message: DiscordMessage) {
  for (const s of strings(message)) {
    if (s.startsWith('```')) continue; // the report: preformatted
    for (const line of s.split('\n')) {
      if (/^[\s\p{Cf}]*$/u.test(line) || /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f)+$/u.test(line) || /^[a-z0-9-]+$/.test(line)) continue; // blank, emoji alone (👍/👎), topic ids as values
      expect(/^(?:\u200F|…|(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}])/u.test(line), JSON.stringify(line.slice(0, 40))).toBe(true);
    }
  }
}

/** Hostile replies of every kind, with hostile actions (ids that do not encode, every group, any language). */
const lang = fc.constantFrom(...LANGS);
const topicId = fc.oneof(fc.stringMatching(/^[a-z0-9]{1,12}(?:-[a-z0-9]{1,12}){0,7}$/), hostileText);
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constantFrom('topic' as const, 'more' as const), topicId, lang }),
  fc.record({ kind: fc.constant('topics' as const), lang }),
  fc.record({ kind: fc.constant('page' as const), page: fc.integer({ min: -5, max: 2000 }), lang }),
  fc.record({ kind: fc.constant('vote' as const), topicId, vote: fc.constantFrom(1 as const, -1 as const), lang }),
  fc.record({ kind: fc.constant('post' as const), cardId: topicId, image: fc.boolean(), lang }),
  fc.record({ kind: fc.constant('cancel' as const), lang }),
);
const replyAction: fc.Arbitrary<ReplyAction> = fc.record({
  action,
  label: hostileText,
  group: fc.constantFrom<ActionGroup>('more', 'suggest', 'related', 'choices', 'vote', 'post', 'nav'),
});
const fact = fc.record({ label: hostileText, value: hostileText });
const hostileSource: fc.Arbitrary<SourceRef> = fc.record({
  title: hostileText,
  description: hostileText,
  published: fc.constant('2025-01-24'),
  asOf: fc.constant('2025-01-24'),
  paragraph: fc.nat(99),
  url: fc.oneof(fc.webUrl(), hostileText),
  line: hostileText,
});
const base = { lang, actions: fc.array(replyAction, { maxLength: 60 }), note: fc.option(hostileText, { nil: undefined }) };
const hostileCard = fc.record({
  kind: fc.constant('card' as const),
  ...base,
  topicId,
  title: hostileText,
  lead: hostileText,
  figures: fc.array(fact, { maxLength: 30 }),
  source: hostileSource,
  asOf: fc.constant('2025-01-24'),
  preview: fc.option(fc.record({ target: hostileText }), { nil: undefined }),
});
const hostileReply: fc.Arbitrary<Reply> = fc.oneof(
  fc.record({
    kind: fc.constant('answer' as const),
    grounding: fc.constantFrom('answered' as const, 'not-in-source' as const, 'after-source' as const),
    form: fc.constantFrom('short' as const, 'full' as const),
    ...base,
    topicId,
    title: hostileText,
    lead: hostileText,
    details: hostileText,
    facts: fc.array(fact, { maxLength: 30 }),
    source: hostileSource,
  }),
  hostileCard,
  fc.record({ kind: fc.constant('suggest' as const), ...base, text: hostileText }),
  fc.record({
    kind: fc.constant('decline' as const),
    ...base,
    reason: fc.constantFrom('offtopic' as const, 'other-parties' as const, 'empty' as const, 'request' as const, 'after-source' as const),
    text: hostileText,
  }),
  fc.record({
    kind: fc.constant('help' as const),
    ...base,
    mode: fc.constantFrom('help' as const, 'welcome' as const, 'topics' as const),
    title: hostileText,
    text: hostileText,
    hint: fc.option(hostileText, { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('notice' as const), ...base, level: fc.constantFrom('info' as const, 'error' as const), text: hostileText }),
  fc.record({ kind: fc.constant('report' as const), ...base, text: hostileText }),
);

/** What Discord requires and what we promise of every payload: limits, no pings, well-formed text, only the reply's own actions. */
function valid(message: DiscordMessage, r: Reply) {
  expect(limitViolations(message)).toEqual([]);
  expect(message.allowedMentions).toEqual({ parse: [] });
  for (const s of strings(message)) {
    expect(LONE_SURROGATE.test(s), JSON.stringify(s.slice(0, 40))).toBe(false);
    expect(BIDI_OVERRIDE.test(s)).toBe(false);
  }
  const offered = new Set(r.actions.map((a) => encodeAction(a.action)));
  for (const c of componentsOf(message)) {
    if (c.type === 3) {
      expect(decodeAction(c.custom_id)).toMatchObject({ kind: 'pick', lang: r.lang });
      for (const o of c.options) expect(offered.has(encodeAction({ kind: 'topic', topicId: o.value, lang: r.lang }))).toBe(true);
    } else expect(offered.has(c.custom_id), c.custom_id).toBe(true);
  }
}

describe('property: the Discord renderer on hostile replies', () => {
  it('never throws; every embed, component and custom_id limit holds; nothing pings; well-formed text; Persian right to left', () => {
    fc.assert(
      fc.property(hostileReply, (r) => {
        for (const message of [renderDiscordReply(r), renderDiscordText(r)]) {
          valid(message, r);
          if (r.lang === 'fa') rightToLeft(message);
        }
        expect(renderDiscordReply(r).embeds).toHaveLength(r.kind === 'notice' || r.kind === 'report' ? 0 : 1);
      }),
      { numRuns: 400 },
    );
  });

  it('votes that encode are shown in a row of their own; the text fallback shows only them', () => {
    fc.assert(
      fc.property(hostileReply, (r) => {
        if (r.kind === 'report') return;
        const votes = [...new Set(r.actions.filter((a) => a.group === 'vote').flatMap((a) => encodeAction(a.action) ?? []))];
        const elsewhere = new Set(r.actions.filter((a) => a.group !== 'vote').map((a) => encodeAction(a.action)));
        if (votes.some((v) => elsewhere.has(v))) return; // shown once, in the group that comes first
        const rows = renderDiscordReply(r).components;
        const tail = rows.filter((row) => row.components.some((c: any) => votes.includes(c.custom_id)));
        expect(tail.flatMap((row) => row.components.map((c: any) => c.custom_id))).toEqual(votes.slice(0, 5));
        expect(idsOf(renderDiscordText(r))).toEqual(votes.slice(0, 5));
      }),
      { numRuns: 300 },
    );
  });

  it('text in a notice is shown as written (sanitised, markdown escaped), or its beginning and "…" — never as markup', () => {
    fc.assert(
      fc.property(hostileText, lang, (text, l) => {
        const { content } = renderDiscordReply({ kind: 'notice', lang: l, level: 'error', text, actions: [] });
        const shown = content!.replace(/\u200F/g, '').replace(/\\(.)/gsu, '$1');
        const written = sanitize(text).replace(/\u200F/g, '');
        if (/^[\s\p{Cf}]*$/u.test(written)) expect(content).toBe('…');
        else if (content!.length < 1900 && !content!.endsWith('…')) expect(shown).toBe(written);
        else expect(written.startsWith(shown.replace(/…$/, '').trimEnd())).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('posted cards with an image, and the report in a code block, stay within the limits too', () => {
    fc.assert(
      fc.property(hostileCard, hostileText, (c, report) => {
        const post = renderPost(c, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
        expect(limitViolations(post)).toEqual([]);
        expect(post.components).toEqual([]);
        expect('files' in post && post.files[0]!.name).toMatch(/^card-[A-Za-z0-9_-]{1,80}\.png$/);
        const block = renderCodeBlock(report);
        expect(limitViolations(block)).toEqual([]);
        expect(block.content!.startsWith('```\n') && block.content!.endsWith('\n```')).toBe(true);
        expect(block.content!.match(/```/g)).toHaveLength(2); // nothing inside closes the block
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: the whole Discord adapter on hostile questions', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot?.stop());

  it('every /ask and every mention gets exactly one valid reply that pings nobody; nothing fails', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const { data } = await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: text.slice(0, 1000) || '?' }]));
        expect(limitViolations(data)).toEqual([]);
        expect(data.allowed_mentions).toEqual({ parse: [] });
        const message = bot.fake.userMessage(`<@${bot.fake.bot.id}> ${text} @everyone <@&500000000000000001>`, { mentions: [bot.fake.bot] });
        const reply = await bot.fake.waitForCall(replyTo(message.id));
        expect(limitViolations(reply.body)).toEqual([]);
        expect(reply.body.allowed_mentions).toEqual({ parse: [] });
        expect(bot.fake.calls.filter(replyTo(message.id))).toHaveLength(1);
      }),
      { numRuns: 40 },
    );
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
  });
});
