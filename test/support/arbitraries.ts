import fc from 'fast-check';
import { LANGS } from '../../src/core/data/schema.js';
import type { Action } from '../../src/core/conversation/actions.js';
import type { ActionGroup, AnswerReply, CardReply, KeyFact, Reply, ReplyAction, SourceRef, TopicRef } from '../../src/core/reply.js';

/** Hostile text: arbitrary Unicode, control and bidi characters, markup and mention syntax, up to 10,000 characters. */
const nasty = fc.constantFrom(
  '<b>',
  '</b>',
  '<script>alert(1)</script>',
  '&',
  '&amp;',
  '<',
  '>',
  '"',
  "'",
  '*',
  '_',
  '~',
  '`',
  '|',
  '\\',
  '@everyone',
  '@here',
  '<@&123456789012345678>',
  '<@123456789012345678>',
  '<#123456789012345678>',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\n',
  '\r\n',
  '\t',
  '🇷🇺',
  '🇮🇷',
  '👍🏽',
  'ي',
  'ك',
  '۲۰۲۴',
  'ё',
  'ﷺ',
  'gas',
  'Iran',
  '55',
);

export const hostileText = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(nasty, fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 60 })
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
  { weight: 1, arbitrary: fc.tuple(nasty, fc.integer({ min: 1000, max: 10_000 })).map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)) },
);

/** Sizes of the hostile replies: each platform's test pushes past its own limits. */
export interface HostileReplyLimits {
  topicIdParts: number;
  /** Most actions on a list (decline, help). */
  topics: number;
  facts: number;
  /** Most actions on an answer, besides two more. */
  related: number;
  /** Most actions on a did-you-mean, besides one more. */
  suggestions: number;
  /** Whether the source URL itself may be hostile text. */
  hostileUrl: boolean;
}

/** Arbitraries for every kind of neutral reply with every field hostile (for renderer fuzzing), what can be pressed included. */
export function hostileReplies(limits: HostileReplyLimits) {
  const lang = fc.constantFrom(...LANGS);
  const topicId = fc.oneof(fc.stringMatching(new RegExp(`^[a-z0-9]{1,12}(?:-[a-z0-9]{1,12}){0,${limits.topicIdParts}}$`)), hostileText);
  const topicRef: fc.Arbitrary<TopicRef> = fc.record({ id: topicId, title: hostileText });
  const fact: fc.Arbitrary<KeyFact> = fc.record({ label: hostileText, value: hostileText });
  const source: fc.Arbitrary<SourceRef> = fc.record(
    {
      title: hostileText,
      description: hostileText,
      published: fc.constant('2025-01-24'),
      asOf: fc.constant('2025-01-24'),
      paragraph: fc.nat(99),
      url: limits.hostileUrl ? fc.oneof(fc.webUrl(), hostileText) : fc.webUrl(),
      line: hostileText,
    },
    { requiredKeys: ['title', 'description', 'published', 'asOf', 'paragraph', 'line'] },
  );
  const count = fc.integer({ min: -5, max: 5000 });
  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ kind: fc.constantFrom('topic' as const, 'more' as const), topicId, lang }),
    fc.record({ kind: fc.constant('topics' as const), lang }),
    fc.record({ kind: fc.constant('page' as const), page: count, lang }),
    fc.record({ kind: fc.constant('pick' as const), menu: count, lang }),
    fc.record({ kind: fc.constant('vote' as const), topicId, vote: fc.constantFrom(1 as const, -1 as const), lang }),
    fc.record({ kind: fc.constant('post' as const), cardId: topicId, image: fc.boolean(), lang }),
    fc.record({ kind: fc.constant('cancel' as const), lang }),
  );
  const group = fc.constantFrom<ActionGroup>('more', 'suggest', 'related', 'choices', 'vote', 'post', 'nav');
  const replyAction: fc.Arbitrary<ReplyAction> = fc.record(
    { action, label: hostileText, group, command: hostileText },
    { requiredKeys: ['action', 'label', 'group'] },
  );
  const actions = (max: number) => fc.array(replyAction, { maxLength: max });
  const note = fc.option(hostileText, { nil: undefined });
  const answer: fc.Arbitrary<AnswerReply> = fc.record({
    kind: fc.constant('answer' as const),
    grounding: fc.constantFrom('answered' as const, 'not-in-source' as const, 'after-source' as const),
    form: fc.constantFrom('short' as const, 'full' as const),
    lang,
    topicId,
    title: hostileText,
    lead: hostileText,
    details: hostileText,
    facts: fc.array(fact, { maxLength: limits.facts }),
    source,
    actions: actions(limits.related + 2),
    note,
  });
  const card: fc.Arbitrary<CardReply> = fc.record(
    {
      kind: fc.constant('card' as const),
      lang,
      topicId,
      title: hostileText,
      lead: hostileText,
      figures: fc.array(fact, { maxLength: limits.facts }),
      source,
      asOf: fc.constant('2025-01-24'),
      actions: actions(3),
      preview: fc.record({ target: hostileText }),
    },
    { requiredKeys: ['kind', 'lang', 'topicId', 'title', 'lead', 'figures', 'source', 'asOf', 'actions'] },
  );
  const reply: fc.Arbitrary<Reply> = fc.oneof(
    answer,
    card,
    fc.record({ kind: fc.constant('suggest' as const), lang, text: hostileText, actions: actions(limits.suggestions + 1), note }),
    fc.record({
      kind: fc.constant('decline' as const),
      lang,
      reason: fc.constantFrom('offtopic' as const, 'other-parties' as const, 'empty' as const),
      text: hostileText,
      actions: actions(limits.topics),
    }),
    fc.record({
      kind: fc.constant('help' as const),
      lang,
      mode: fc.constantFrom('help' as const, 'welcome' as const, 'topics' as const),
      title: hostileText,
      text: hostileText,
      hint: hostileText,
      page: count,
      actions: actions(limits.topics),
    }),
    fc.record({
      kind: fc.constant('notice' as const),
      lang,
      level: fc.constantFrom('info' as const, 'error' as const),
      text: hostileText,
      actions: fc.constant<ReplyAction[]>([]),
      replaces: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('report' as const), lang, text: hostileText, actions: fc.constant<ReplyAction[]>([]) }),
  );
  return { lang, topicId, topicRef, fact, source, action, replyAction, answer, card, reply };
}
