import { isSpecificType, type KnowledgeBase, type Lang, type SpecificType, type Topic } from './data/schema.js';
import { formatInteger, t } from './i18n/index.js';
import type { MatchResult } from './match/matcher.js';
import { openTopic, topicRef, topicsButton, voteActions } from './reply-actions.js';
import type { AnswerReply, DeclineReply, HelpReply, KeyFact, NoticeReply, Reply, ReplyAction, SuggestReply } from './reply.js';
import { sourceRef, text } from './source.js';

/** Builds neutral replies from the knowledge base. Pure functions of (data, match) → reply. */

/** Most topics a decline offers: the likeliest ones, not the whole list. */
export const DECLINE_TOPICS = 3;

function keyFacts(topic: Topic, lang: Lang): KeyFact[] {
  return topic.facts.map((f) => ({ label: text(f.label, lang), value: text(f.display, lang) }));
}

/** Buttons for topic ids, in order, skipping unknown ones. */
function topicActions(kb: KnowledgeBase, ids: readonly string[], lang: Lang, group: ReplyAction['group']): ReplyAction[] {
  return ids.flatMap((id) => {
    const topic = kb.topics.find((x) => x.id === id);
    return topic ? [openTopic(topicRef(topic, lang), lang, group)] : [];
  });
}

/** What the question asked beyond the topic, for `answerReply`. */
export interface AnswerFocus {
  /** The fact that answers the question's type: its sentence leads. */
  factId?: string;
  /** The question asked for a kind of detail this topic's source does not give: the lead says so. */
  unstated?: SpecificType;
  /** Another topic the question is about too: first among the related topics. */
  alsoTopicId?: string;
  /** A year the question names that the source never mentions: the lead says so. */
  unknownYear?: string;
}

/**
 * The answer for a topic: by default its short text leads; `focus` puts the
 * asked fact first, or says plainly what the source does not give before what
 * it does say. Its actions: related topics (`alsoTopicId` first), then 👍 / 👎.
 */
export function answerReply(kb: KnowledgeBase, topic: Topic, lang: Lang, focus: AnswerFocus = {}): AnswerReply {
  const { factId, unstated, alsoTopicId, unknownYear } = focus;
  const fact = factId ? topic.facts.find((f) => f.id === factId) : undefined;
  const short = text(topic.short, lang);
  const summary = text(topic.summary, lang);
  let lead = fact ? text(fact.sentence, lang) : unstated ? t(lang).notStated(unstated) : short;
  let details = fact || unstated ? `${short} ${summary}` : summary;
  if (unknownYear) {
    details = fact ? `${lead} ${summary}` : `${short} ${summary}`;
    lead = t(lang).notStatedYear(formatInteger(Number(unknownYear), lang));
  }
  const related = alsoTopicId && alsoTopicId !== topic.id ? [alsoTopicId, ...topic.related.filter((id) => id !== alsoTopicId)] : topic.related;
  return {
    kind: 'answer',
    grounding: unstated || unknownYear ? 'not-in-source' : 'answered',
    form: 'full',
    lang,
    topicId: topic.id,
    title: text(topic.title, lang),
    lead,
    details,
    facts: keyFacts(topic, lang),
    source: sourceRef(kb, topic.source.id, lang, fact?.paragraph ?? topic.source.paragraph),
    actions: [...topicActions(kb, related, lang, 'related'), ...voteActions(topic.id, lang)],
    ...(fact ? { factId: fact.id } : {}),
  };
}

/** Help, welcome or the topic list: every topic is a choice. */
export function helpReply(kb: KnowledgeBase, lang: Lang, mode: HelpReply['mode'], page = 0): HelpReply {
  const c = t(lang);
  const [title, body] = mode === 'welcome' ? [c.welcomeTitle, c.welcomeText] : mode === 'topics' ? [c.topicsTitle, c.topicsText] : [c.helpTitle, c.helpText];
  const choices = kb.topics.map((topic) => openTopic(topicRef(topic, lang), lang, 'choices'));
  return { kind: 'help', lang, mode, title, text: body, actions: choices, ...(page ? { page } : {}) };
}

export function noticeReply(lang: Lang, level: NoticeReply['level'], message: string): NoticeReply {
  return { kind: 'notice', lang, level, text: message, actions: [] };
}

function decline(kb: KnowledgeBase, match: MatchResult, reason: DeclineReply['reason'], message: string): DeclineReply {
  const likely = reason === 'empty' ? [] : topicActions(kb, match.suggestions.slice(0, DECLINE_TOPICS), match.lang, 'suggest');
  return { kind: 'decline', lang: match.lang, reason, text: message, actions: [...likely, topicsButton(match.lang)] };
}

/** The reply for a match: answer, did-you-mean, help or a decline. */
export function replyFor(kb: KnowledgeBase, match: MatchResult): Reply {
  const { lang } = match;
  const c = t(lang);
  const topic = match.topicId ? kb.topics.find((x) => x.id === match.topicId) : undefined;
  switch (match.outcome) {
    case 'answer':
      return answerReply(kb, topic!, lang, {
        factId: match.factId,
        unstated: match.factId ? undefined : match.types.find(isSpecificType),
        alsoTopicId: match.alsoTopicId,
        unknownYear: match.unknownYear,
      });
    case 'unsure': {
      const actions = [...topicActions(kb, match.suggestions, lang, 'suggest'), topicsButton(lang)];
      return { kind: 'suggest', lang, text: c.suggestText, actions } satisfies SuggestReply;
    }
    case 'help':
      return helpReply(kb, lang, 'help');
    case 'empty':
      return decline(kb, match, 'empty', c.declineEmpty);
    case 'other-parties':
      return decline(kb, match, 'other-parties', c.declineOtherParties(placeName(kb, match)));
    case 'offtopic':
      return decline(kb, match, 'offtopic', c.declineOfftopic);
  }
}

/** The other party as the reader wrote it (Russian and Persian), or its English name. */
const SCRIPT: Record<Lang, RegExp> = { en: /\p{Script=Latin}/u, ru: /\p{Script=Cyrillic}/u, fa: /\p{Script=Arabic}/u };

/**
 * The place a declined question named, as the reader's language names it: the
 * first name of the place's gazetteer entry in that script (nominative, not the
 * question's inflected form), else the form the question used. Names written in
 * capitals in the gazetteer (NATO, КНДР) keep them; others are title-cased.
 */
function placeName(kb: KnowledgeBase, match: MatchResult): string {
  const entry = kb.places.places.find((names) => names[0] === match.place);
  const name = entry?.find((n) => SCRIPT[match.lang].test(n)) ?? match.placeText ?? match.place ?? '';
  if (name !== name.toLowerCase()) return name;
  return name.replace(/(^|\s)(\p{L})/gu, (_, space: string, ch: string) => space + ch.toUpperCase());
}
