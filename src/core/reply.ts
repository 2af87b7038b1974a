import type { CardChart } from './summary-card.js';
import type { Action } from './conversation/actions.js';
import type { Lang } from './data/schema.js';

/**
 * The neutral reply model: one closed union of plain data that every surface
 * renders in its own idiom. Adapters see nothing else of the core. Every
 * user-facing string is already localised in `lang`, and every reply carries
 * what the user can do next as data (`actions`).
 */
export type Reply = AnswerReply | SuggestReply | DeclineReply | HelpReply | CardReply | NoticeReply | ReportReply;

export interface TopicRef {
  id: string;
  title: string;
}

export interface KeyFact {
  label: string;
  value: string;
}

/** One thing a user can do next: an action (encoded by the core's codec) with its label. */
export interface ReplyAction {
  action: Action;
  label: string;
  /** Actions of one group are laid out together (a row of buttons, a menu); groups in this order. */
  group: ActionGroup;
  /** The same step as a typed command, for surfaces without buttons ("/topic gas"). */
  command?: string;
}

/** `inbox`: an operator's Resolve / Ignore buttons under the report, two per question. */
export type ActionGroup = 'more' | 'suggest' | 'related' | 'choices' | 'vote' | 'post' | 'inbox' | 'nav';

/** What every reply has. */
interface ReplyBase {
  lang: Lang;
  /** What the user can do next; renderers lay them out by group and never invent others. */
  actions: ReplyAction[];
  /** Show it only to the person who asked, where the surface can (Discord ephemeral messages). */
  private?: boolean;
  /** It replaces the message whose button was pressed, where the surface can edit messages. */
  replaces?: boolean;
  /** A line shown first, e.g. that a long question was cut. */
  note?: string;
}

export interface SourceRef {
  title: string;
  description: string;
  /** ISO date the source was published. */
  published: string;
  /** ISO date the facts describe. */
  asOf: string;
  /** The paragraph cited, when one is. */
  paragraph?: number;
  url?: string;
  /** One line for every renderer, e.g. "Source: …, 24 Jan 2025 (paragraph 6)". */
  line: string;
}

/**
 * Whether an answer answers: `answered` rests on claims that say what was asked;
 * `not-in-source` leads by saying the source does not give what was asked (then
 * what it does say); `after-source` leads by saying the source predates what was
 * asked. The last two are declines with context.
 */
export type Grounding = 'answered' | 'not-in-source' | 'after-source';

/** A matched topic: the lead answers the question (the claim that says it, or yes/no first), then at most two supporting sentences. */
export interface AnswerReply extends ReplyBase {
  kind: 'answer';
  grounding: Grounding;
  /**
   * `short`: a chat answer, the lead first (the topic's title is on its "More" button, not above it);
   * `full`: the whole topic, under its title, with key facts.
   */
  form: 'short' | 'full';
  topicId: string;
  title: string;
  lead: string;
  /** Supporting sentences; never repeats the lead. */
  details: string;
  /** Key facts: on the full topic card only (short answers leave them to "More"). */
  facts: KeyFact[];
  source: SourceRef;
  /** Id of the fact the lead states, when the question asked for one. */
  factId?: string;
  /** A summary of an area of the source (data/themes.yaml id): several topics, so no one topic for follow-ups. */
  area?: string;
}

/** The matcher is unsure: offer up to three topics (as actions). */
export interface SuggestReply extends ReplyBase {
  kind: 'suggest';
  text: string;
}

/** Off-topic, a question about other countries, or nothing to answer. */
export interface DeclineReply extends ReplyBase {
  kind: 'decline';
  /**
   * Off-topic, another country pair, nothing asked, a request the bot does not serve, about events after
   * the source, or a detail of the source itself its text does not give (its author).
   */
  reason: 'offtopic' | 'other-parties' | 'empty' | 'request' | 'after-source' | 'not-in-source';
  text: string;
}

/** Help, welcome or the list of topics (the topics are `choices` actions). */
export interface HelpReply extends ReplyBase {
  kind: 'help';
  /** `source`: what the bot's answers come from. */
  mode: 'help' | 'welcome' | 'topics' | 'source';
  title: string;
  text: string;
  /** A hint on how to ask on this surface. */
  hint?: string;
  /** The page of the topic list shown, where a surface pages it. */
  page?: number;
}

/** A summary card for moderators to post into channels. */
export interface CardReply extends ReplyBase {
  kind: 'card';
  /** A topic id, or 'overview'. */
  topicId: string;
  title: string;
  lead: string;
  /** A sentence after the lead in a text reply, not drawn on the image card (the overview: what the agreement is for). */
  about?: string;
  /** At most six key figures. */
  figures: KeyFact[];
  source: SourceRef;
  asOf: string;
  /** The figures drawn as a chart on the image card, when they can be. */
  chart?: CardChart;
  /** A moderator's preview before posting: where it would go. */
  preview?: { target: string };
}

/** A short status line: unknown topic, rate limit, expired button, a vote or a post done. */
export interface NoticeReply extends ReplyBase {
  kind: 'notice';
  level: 'info' | 'error';
  text: string;
}

/** Preformatted text for moderators (the curator's report). */
export interface ReportReply extends ReplyBase {
  kind: 'report';
  text: string;
}

export const MAX_CARD_FIGURES = 6;

/** A card's lead as a text reply gives it: the lead, then the sentence the image has no room for. */
export const cardLead = (reply: CardReply): string => (reply.about ? `${reply.lead} ${reply.about}` : reply.lead);
