import { type AskContext, createAnswerer } from './answer/answer.js';
import { answerReply, helpReply, noticeReply } from './compose.js';
import type { KnowledgeBase, Lang } from './data/schema.js';
import { t } from './i18n/index.js';
import { buildMatcher, type Matcher, type MatchResult, type Tuning } from './match/matcher.js';
import { topicRef } from './reply-actions.js';
import type { CardReply, NoticeReply, Reply, TopicRef } from './reply.js';
import { summaryCard } from './summary-card.js';

export interface AskResult {
  reply: Reply;
  match: MatchResult;
}

/** Where a question came from, for its observers (both hashed by the adapter; the core never reads them). */
export interface AskOrigin {
  /** The place it was asked: a server, a chat. */
  place?: string;
  /** The platform event that carried it: observers record once per event. */
  event?: string;
}

/** Told about every question asked (after the reply is composed); must not throw. */
export type AskObserver = (event: { question: string; platform: string; origin: AskOrigin; result: AskResult }) => void;

/**
 * The platform-neutral bot: questions in, neutral replies out. Adapters hold
 * one Core for the process; `replace` swaps in newly loaded data atomically
 * (callers keep answering from the old data until it returns).
 */
export interface Core {
  readonly kb: KnowledgeBase;
  readonly version: string;
  /**
   * Answers in the question's language; `langHint` (a platform locale such as
   * "ru", "fa-IR" or "en-GB") breaks ties for short or mixed input; `context`
   * (the topic the conversation is on) resolves follow-ups.
   */
  ask(question: string, langHint?: string, context?: AskContext, origin?: AskOrigin): AskResult;
  /** Answers exactly like `ask` but tells no observer: nothing is recorded (the curator re-asking its inbox, the desk's try box). */
  preview(question: string, langHint?: string): AskResult;
  hasTopic(id: string): boolean;
  /** The answer card for a topic id (buttons, deep links, /topic). */
  topic(id: string, lang?: Lang): Reply;
  /** The summary card for a topic id or 'overview'; a notice for an unknown id. */
  card(id: string, lang?: Lang): CardReply | NoticeReply;
  /** Help, welcome or the topic list (`page` of it, where a surface pages it). */
  help(mode: 'help' | 'welcome' | 'topics', lang?: Lang, page?: number): Reply;
  topics(lang?: Lang): TopicRef[];
  /** Topics ranked for a partial query; all topics in order when the query is blank. */
  searchTopics(query: string, limit: number, lang?: Lang): TopicRef[];
  replace(kb: KnowledgeBase, matcher?: Matcher): void;
  /** Registers an observer of every question; returns a function that removes it. */
  onAsk(observer: AskObserver): () => void;
  /** A view of this core that tags the questions it is asked with `platform` (same data, same observers). */
  forPlatform(platform: string): Core;
}

/** `matcher`: one already built for `initial` (imported from a stored build); default: trained here. */
export function createCore(initial: KnowledgeBase, tuning?: Tuning, matcher?: Matcher): Core {
  const build = (kb: KnowledgeBase, matcher: Matcher) => ({ kb, matcher, answerer: createAnswerer(kb, matcher) });
  let state = build(initial, matcher ?? buildMatcher(initial, tuning));
  const observers = new Set<AskObserver>();
  const find = (id: string) => state.kb.topics.find((x) => x.id === id);
  const unknown = (id: string, lang: Lang) => noticeReply(lang, 'error', t(lang).unknownTopic(id.slice(0, 64)));

  const view = (platform: string): Core => ({
    get kb() {
      return state.kb;
    },
    get version() {
      return state.kb.version;
    },
    ask(question, langHint, context, origin = {}) {
      const result = state.answerer.answer(question, langHint, context);
      for (const observer of observers) observer({ question, platform, origin, result });
      return result;
    },
    preview: (question, langHint) => state.answerer.answer(question, langHint, {}),
    hasTopic: (id) => find(id) !== undefined,
    topic(id, lang = 'en') {
      const topic = find(id);
      return topic ? answerReply(state.kb, topic, lang) : unknown(id, lang);
    },
    card(id, lang = 'en') {
      return summaryCard(state.kb, id, lang) ?? unknown(id, lang);
    },
    help(mode, lang = 'en', page = 0) {
      return helpReply(state.kb, lang, mode, page);
    },
    topics(lang = 'en') {
      return state.kb.topics.map((x) => topicRef(x, lang));
    },
    searchTopics(query, limit, lang = 'en') {
      const { kb, matcher } = state;
      const q = query.trim().toLowerCase();
      if (!q) return kb.topics.slice(0, limit).map((x) => topicRef(x, lang));
      const direct = kb.topics.filter((x) => x.id.startsWith(q) || (x.title[lang] ?? x.title.en).toLowerCase().includes(q));
      const ranked = matcher.rankTopics(query, kb.topics.length).flatMap((id) => {
        const x = find(id);
        return x && !direct.includes(x) ? [x] : [];
      });
      return [...direct, ...ranked].slice(0, limit).map((x) => topicRef(x, lang));
    },
    replace(kb, matcher) {
      state = build(kb, matcher ?? buildMatcher(kb, tuning));
    },
    onAsk(observer) {
      observers.add(observer);
      return () => observers.delete(observer);
    },
    forPlatform: (name) => view(name),
  });
  return view('unknown');
}
