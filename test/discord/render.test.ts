import { beforeAll, describe, expect, it } from 'vitest';
import { parseCustomId } from '../../src/adapters/discord/custom-id.js';
import { clip } from '../../src/adapters/discord/limits.js';
import { renderDiscordReply, renderDiscordText } from '../../src/adapters/discord/render.js';
import type { Core } from '../../src/core/core.js';
import { t } from '../../src/core/i18n/index.js';
import type { AnswerReply, CardReply, Reply, SourceRef, TopicRef } from '../../src/core/reply.js';
import { testCore } from './harness.js';
import { limitViolations } from './limits.js';

const huge = (n: number, unit = 'word ') => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const source: SourceRef = { title: huge(500), description: huge(500), published: '2025-01-24', asOf: '2025-01-24', paragraph: 6, line: huge(3000), url: 'https://example.org/a' };
const topics = (n: number, idLength = 10): TopicRef[] =>
  Array.from({ length: n }, (_, i) => ({ id: `t${i}-${'x'.repeat(idLength)}`, title: `${huge(150)} ${i}` }));

const absurd: Reply[] = [
  {
    kind: 'answer',
    lang: 'en',
    topicId: 'gas',
    title: huge(1000),
    lead: huge(5000),
    details: huge(9000),
    facts: Array.from({ length: 60 }, (_, i) => ({ label: `${huge(400)}${i}`, value: huge(3000) })),
    source,
    related: topics(40),
  },
  { kind: 'suggest', lang: 'en', text: huge(9000), suggestions: topics(30) },
  { kind: 'decline', lang: 'en', reason: 'offtopic', text: huge(9000), topics: topics(200) },
  { kind: 'help', lang: 'en', mode: 'help', title: huge(400), text: huge(9000), topics: topics(200) },
  { kind: 'help', lang: 'en', mode: 'topics', title: '', text: '', topics: topics(3, 200) },
  { kind: 'card', lang: 'en', topicId: 'gas', title: huge(400), lead: huge(9000), figures: Array.from({ length: 40 }, () => ({ label: huge(3000), value: huge(600) })), source, asOf: '2025-01-24' },
  { kind: 'notice', lang: 'en', level: 'error', text: huge(9000) },
];

describe('renderDiscordReply', () => {
  let core: Core;
  /** What the core says when unsure: did-you-mean with up to three topics. */
  const suggest = (): Reply => ({ kind: 'suggest', lang: 'en', text: t('en').suggestText, suggestions: core.topics().slice(0, 3) });
  beforeAll(async () => {
    core = await testCore();
  });

  it('keeps every reply kind from the real data within Discord limits', () => {
    const replies: Reply[] = [
      core.ask('how much gas will Russia send to Iran').reply,
      core.ask('where was the treaty signed').reply,
      core.ask('what is the best pizza recipe').reply,
      core.ask('').reply,
      suggest(),
      core.help('help'),
      core.help('welcome'),
      core.help('topics'),
      ...core.topics().map((x) => core.topic(x.id)),
      ...core.topics().map((x) => core.card(x.id)),
      core.topic('no-such-topic'),
    ];
    expect(new Set(replies.map((r) => r.kind))).toEqual(new Set(['answer', 'suggest', 'decline', 'help', 'card', 'notice']));
    for (const reply of replies) {
      expect(limitViolations(renderDiscordReply(reply)), `${reply.kind}`).toEqual([]);
      expect(limitViolations(renderDiscordText(reply))).toEqual([]);
    }
  });

  it('keeps absurdly long replies of every kind within limits', () => {
    for (const reply of absurd) {
      const message = renderDiscordReply(reply);
      expect(limitViolations(message), `${reply.kind}`).toEqual([]);
      expect(limitViolations(renderDiscordText(reply)), `${reply.kind} as text`).toEqual([]);
      if (reply.kind !== 'notice') expect(message.embeds).toHaveLength(1);
    }
  });

  it('renders an answer as title, bold lead, facts as fields, source in the footer and related buttons', () => {
    const reply = core.ask('how much gas will Russia send to Iran').reply as AnswerReply;
    expect(reply.kind).toBe('answer');
    const { embeds, components } = renderDiscordReply(reply);
    const embed = embeds[0]!;
    expect(embed.title).toBe(reply.title);
    expect(embed.description).toContain('55');
    expect(embed.description!.startsWith('**')).toBe(true);
    expect(embed.fields!.map((f) => f.name)).toEqual(reply.facts.map((f) => f.label));
    expect(embed.footer!.text).toBe(reply.source.line);
    expect(embed.footer!.text).toMatch(/2025/);
    const buttons = components.flatMap((row) => row.components);
    expect(buttons.map((b) => ('custom_id' in b ? parseCustomId(b.custom_id) : undefined))).toEqual([
      ...reply.related.slice(0, 5).map((r) => ({ kind: 'topic', lang: 'en', topicId: r.id })),
      { kind: 'feedback', lang: 'en', topicId: reply.topicId, vote: 1 },
      { kind: 'feedback', lang: 'en', topicId: reply.topicId, vote: -1 },
    ]);
    expect(components.at(-1)!.components.map((b) => ('label' in b ? b.label : ''))).toEqual(['👍', '👎']);
  });

  it('shortens the description first and keeps title, footer and the start of the lead', () => {
    const reply = absurd[0] as AnswerReply;
    const embed = renderDiscordReply(reply).embeds[0]!;
    expect(embed.title!.endsWith('…')).toBe(true);
    expect(embed.title!.length).toBeGreaterThan(250);
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embed.description!.startsWith(`**${reply.lead.slice(0, 100)}`)).toBe(true);
    expect(embed.footer!.text.length).toBe(2048);
  });

  it('drops buttons whose custom_id would pass 100 characters or not parse back, instead of breaking the message', () => {
    const long: AnswerReply = { ...(absurd[0] as AnswerReply), related: [{ id: 'a'.repeat(120), title: 'Too long' }, { id: 'Not an id!', title: 'Odd' }, { id: 'gas', title: 'Gas' }] };
    const ids = (reply: Reply) => renderDiscordReply(reply).components.flatMap((row) => row.components).map((b) => ('custom_id' in b ? b.custom_id : ''));
    expect(ids(long)).toEqual(['v1:topic:en:gas', 'v1:fb:en:gas:u', 'v1:fb:en:gas:d']);
    expect(ids({ ...long, topicId: 'x'.repeat(95) })).toEqual(['v1:topic:en:gas']);
  });

  it('offers did-you-mean buttons and a Topics button when unsure', () => {
    const reply = suggest();
    if (reply.kind !== 'suggest') return;
    const ids = renderDiscordReply(reply).components.flatMap((row) => row.components).map((b) => ('custom_id' in b ? b.custom_id : ''));
    expect(ids).toEqual([...reply.suggestions.map((s) => `v1:topic:en:${s.id}`), 'v1:topics:en']);
  });

  it('declines with the reason and a Topics button only', () => {
    const reply = core.ask('what is the best pizza recipe').reply;
    expect(reply.kind).toBe('decline');
    const message = renderDiscordReply(reply);
    expect(message.embeds[0]!.description).toBe(t('en').declineOfftopic);
    expect(message.components.flatMap((r) => r.components)).toEqual([expect.objectContaining({ type: 2, label: t('en').topicsButton, custom_id: 'v1:topics:en' })]);
  });

  it('lists topics in select menus of at most 25, numbered when there are several', () => {
    const many = { kind: 'help', lang: 'en', mode: 'topics', title: 'Topics', text: 'Pick', topics: topics(60) } as const;
    const rows = renderDiscordReply(many).components;
    expect(rows).toHaveLength(3);
    const menus = rows.map((r) => r.components[0] as any);
    expect(menus.map((m) => m.options.length)).toEqual([25, 25, 10]);
    expect(menus.map((m) => m.custom_id)).toEqual(['v1:pick:en:0', 'v1:pick:en:1', 'v1:pick:en:2']);
    expect(menus.flatMap((m) => m.options.map((o: any) => o.value))).toEqual(many.topics.map((x) => x.id));
    const real = renderDiscordReply(core.help('topics')).components.flatMap((r) => (r.components[0] as any).options.map((o: any) => o.value));
    expect(real).toEqual(core.topics().slice(0, 125).map((x) => x.id));
  });

  it('renders a summary card with every figure and the source', () => {
    const id = core.topics()[0]!.id;
    const reply = core.card(id) as CardReply;
    const embed = renderDiscordReply(reply).embeds[0]!;
    expect(embed.title).toBe(reply.title);
    expect(embed.author!.name).toBe(t('en').cardFooter);
    expect(embed.fields).toHaveLength(reply.figures.length);
    expect(embed.footer!.text).toBe(reply.source.line);
  });

  it('escapes markdown in data text and renders notices as plain content', () => {
    const reply: Reply = { ...(absurd[0] as AnswerReply), title: 'a*b', lead: '__x__', details: '', facts: [{ label: '`l`', value: '~~v~~' }], related: [], source: { ...source, line: 'src' } };
    const embed = renderDiscordReply(reply).embeds[0]!;
    expect(embed.title).toBe('a\\*b');
    expect(embed.description).toBe('**\\_\\_x\\_\\_**');
    expect(embed.fields).toEqual([{ name: '\\`l\\`', value: '\\~\\~v\\~\\~', inline: true }]);
    expect(renderDiscordReply({ kind: 'notice', lang: 'en', level: 'info', text: 'hi *there*' })).toEqual({ content: 'hi \\*there\\*', embeds: [], components: [], allowedMentions: { parse: [] } });
  });
});

describe('clip', () => {
  it('leaves short text alone and never splits a surrogate pair', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abcdef', 1)).toBe('…');
    expect(clip('abcdef', 0)).toBe('');
    const cut = clip('ab😀😀', 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});
