import type { Lang } from './data/schema.js';

/**
 * The neutral reply model: one closed union of plain data that every adapter
 * renders in its platform's idiom. Adapters see nothing else of the core.
 * All user-facing strings are already localised in `lang`.
 */
export type Reply = AnswerReply | SuggestReply | DeclineReply | HelpReply | CardReply | NoticeReply;

export interface TopicRef {
  id: string;
  title: string;
}

export interface KeyFact {
  label: string;
  value: string;
}

export interface SourceRef {
  title: string;
  description: string;
  /** ISO date the source was published. */
  published: string;
  /** ISO date the facts describe. */
  asOf: string;
  paragraph: number;
  url?: string;
  /** One line for plain renderers, e.g. "Source: …, 24 Jan 2025 (paragraph 6)". */
  line: string;
}

/** A matched topic: the lead sentence answers the question (the asked fact first). */
export interface AnswerReply {
  kind: 'answer';
  lang: Lang;
  topicId: string;
  title: string;
  lead: string;
  /** Further explanation; never repeats the lead. */
  details: string;
  facts: KeyFact[];
  source: SourceRef;
  related: TopicRef[];
  /** Id of the fact the lead states, when the question asked for one. */
  factId?: string;
}

/** The matcher is unsure: offer up to three topics. */
export interface SuggestReply {
  kind: 'suggest';
  lang: Lang;
  text: string;
  suggestions: TopicRef[];
}

/** Off-topic, a question about other countries, or nothing to answer. */
export interface DeclineReply {
  kind: 'decline';
  lang: Lang;
  reason: 'offtopic' | 'other-parties' | 'empty';
  text: string;
  topics: TopicRef[];
}

/** Help, welcome or the list of topics. */
export interface HelpReply {
  kind: 'help';
  lang: Lang;
  mode: 'help' | 'welcome' | 'topics';
  title: string;
  text: string;
  topics: TopicRef[];
}

/** A summary card for moderators to post into channels. */
export interface CardReply {
  kind: 'card';
  lang: Lang;
  topicId: string;
  title: string;
  lead: string;
  /** At most six key figures. */
  figures: KeyFact[];
  source: SourceRef;
  asOf: string;
}

/** A short status line: unknown topic id, rate limit, expired button. */
export interface NoticeReply {
  kind: 'notice';
  lang: Lang;
  level: 'info' | 'error';
  text: string;
}

export const MAX_CARD_FIGURES = 6;
