import { isSpecificType, type KnowledgeBase, type Lang, type LocalizedText, type SpecificType, type Topic } from './data/schema.js';
import { comma, formatDate, formatInteger, t } from './i18n/index.js';
import type { MatchResult } from './match/matcher.js';
import type { AnswerReply, CardReply, DeclineReply, HelpReply, KeyFact, NoticeReply, Reply, SourceRef, SuggestReply, TopicRef } from './reply.js';
import { MAX_CARD_FIGURES } from './reply.js';

/** Builds neutral replies from the knowledge base. Pure functions of (data, match) → reply. */
export function text(value: LocalizedText, lang: Lang): string {
  return value[lang] ?? value.en;
}

export function topicRef(topic: Topic, lang: Lang): TopicRef {
  return { id: topic.id, title: text(topic.title, lang) };
}

export function sourceRef(kb: KnowledgeBase, topic: Topic, lang: Lang): SourceRef {
  const source = kb.sources.find((s) => s.id === topic.source.id)!;
  const c = t(lang);
  const title = text(source.title, lang);
  const published = formatDate(source.published, lang);
  const asOf = source.asOf !== source.published ? `${lang === 'fa' ? '؛' : ';'} ${c.asOf} ${formatDate(source.asOf, lang)}` : '';
  return {
    title,
    description: text(source.description, lang),
    published: source.published,
    asOf: source.asOf,
    paragraph: topic.source.paragraph,
    ...(source.url ? { url: source.url } : {}),
    line: `${c.source}: ${title}${comma(lang)}${published} (${c.paragraph} ${formatInteger(topic.source.paragraph, lang)})${asOf}`,
  };
}

function keyFacts(topic: Topic, lang: Lang): KeyFact[] {
  return topic.facts.map((f) => ({ label: text(f.label, lang), value: text(f.display, lang) }));
}

/** The topic's related topics, `first` (another topic the question was about) ahead of them. */
function related(kb: KnowledgeBase, topic: Topic, lang: Lang, first?: string): TopicRef[] {
  const ids = first && first !== topic.id ? [first, ...topic.related.filter((id) => id !== first)] : topic.related;
  return ids.flatMap((id) => {
    const r = kb.topics.find((x) => x.id === id);
    return r ? [topicRef(r, lang)] : [];
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
 * it does say.
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
  return {
    kind: 'answer',
    lang,
    topicId: topic.id,
    title: text(topic.title, lang),
    lead,
    details,
    facts: keyFacts(topic, lang),
    source: sourceRef(kb, topic, lang),
    related: related(kb, topic, lang, alsoTopicId),
    ...(fact ? { factId: fact.id } : {}),
  };
}

export function cardReply(kb: KnowledgeBase, topic: Topic, lang: Lang): CardReply {
  const source = sourceRef(kb, topic, lang);
  return {
    kind: 'card',
    lang,
    topicId: topic.id,
    title: text(topic.title, lang),
    lead: text(topic.short, lang),
    figures: keyFacts(topic, lang).slice(0, MAX_CARD_FIGURES),
    source,
    asOf: source.asOf,
  };
}

export function topicRefs(kb: KnowledgeBase, lang: Lang): TopicRef[] {
  return kb.topics.map((topic) => topicRef(topic, lang));
}

export function helpReply(kb: KnowledgeBase, lang: Lang, mode: HelpReply['mode']): HelpReply {
  const c = t(lang);
  const [title, body] =
    mode === 'welcome' ? [c.welcomeTitle, c.welcomeText] : mode === 'topics' ? [c.topicsTitle, c.topicsText] : [c.helpTitle, c.helpText];
  return { kind: 'help', lang, mode, title, text: body, topics: topicRefs(kb, lang) };
}

export function noticeReply(lang: Lang, level: NoticeReply['level'], message: string): NoticeReply {
  return { kind: 'notice', lang, level, text: message };
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
      const suggestions = match.suggestions.flatMap((id) => {
        const s = kb.topics.find((x) => x.id === id);
        return s ? [topicRef(s, lang)] : [];
      });
      return { kind: 'suggest', lang, text: c.suggestText, suggestions } satisfies SuggestReply;
    }
    case 'help':
      return helpReply(kb, lang, 'help');
    case 'empty':
      return { kind: 'decline', lang, reason: 'empty', text: c.declineEmpty, topics: topicRefs(kb, lang) } satisfies DeclineReply;
    case 'other-parties':
      return { kind: 'decline', lang, reason: 'other-parties', text: c.declineOtherParties(placeName(kb, match)), topics: topicRefs(kb, lang) };
    case 'offtopic':
      return { kind: 'decline', lang, reason: 'offtopic', text: c.declineOfftopic, topics: topicRefs(kb, lang) };
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
