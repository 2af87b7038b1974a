import type { Claim, KnowledgeBase, Lang, Topic } from '../data/schema.js';
import { LANGS } from '../data/schema.js';
import { quoteKey } from '../data/load.js';
import { STOPWORDS } from '../text/stopwords.js';
import { stem } from '../text/stem.js';
import { topicTexts } from '../match/topic-texts.js';
import type { EntityFinder } from './entities.js';
import type { HeadingIndex } from './headings.js';

/** A claim with what answer selection compares: its topic, stems per language, entity ids and kinds. */
export interface IndexedClaim {
  claim: Claim;
  topic: Topic;
  /** Stems of the claim's text, its keywords and its entities' names (`own`: of its text only). */
  stems: Record<Lang, Set<string>>;
  own: Record<Lang, Set<string>>;
  /** The entities it names, and those its topic's title names. */
  entities: Set<string>;
  against: Set<string>;
  /** Which sentence of its paragraph the claim's quote is in: claims of one sentence repeat each other. */
  sentence: number;
  /** The entity its English text opens with, its subject ("Azerbaijan has growing ties…"), if any. */
  subject?: string;
}

export interface ClaimIndex {
  readonly claims: readonly IndexedClaim[];
  /**
   * Inverse document frequency of a stem in a language, over topics (a topic's
   * claims, example questions and texts are one document): a word every topic
   * uses ("agreement") weighs little, a word of one topic ("supply") much.
   */
  idf(stem: string, lang: Lang): number;
  /** Whether a topic's texts (claims, examples, aliases…) use a stem at all. */
  topicKnows(topicId: string, stem: string, lang: Lang): boolean;
  /** Stems that carry no content in a language. */
  isStop(stem: string, lang: Lang): boolean;
  byTopic(topicId: string): readonly IndexedClaim[];
  /** The two parties and their leaders (entities.yaml `partner`). */
  isPartner(entityId: string): boolean;
}

/**
 * Every claim of every topic, indexed for answer selection: each claim's text
 * in each language, its keywords and the names of its entities, as stems.
 */
export function createClaimIndex(kb: KnowledgeBase, finder: EntityFinder, headings: HeadingIndex): ClaimIndex {
  const stop: Record<Lang, Set<string>> = { en: new Set(), ru: new Set(), fa: new Set() };
  for (const lang of LANGS) for (const w of STOPWORDS[lang]) stop[lang].add(stem(w));
  const names = new Map(kb.entities.entities.map((e) => [e.id, e.names] as const));
  const claims: IndexedClaim[] = [];
  for (const topic of kb.topics) {
    // What a topic's title names ("Middle East policy adjustments") every claim of the topic is about.
    const about = LANGS.flatMap((lang) => finder.inText(topic.title[lang]).map((e) => e.id));
    for (const claim of topic.claims) {
      const stems = {} as Record<Lang, Set<string>>;
      const own = {} as Record<Lang, Set<string>>;
      for (const lang of LANGS) {
        own[lang] = new Set(finder.stemsOf(claim.text[lang]).filter((s) => !stop[lang].has(s)));
        const set = new Set<string>(own[lang]);
        for (const k of claim.keywords) for (const s of finder.stemsOf(k)) set.add(s);
        for (const id of claim.entities) for (const name of names.get(id)?.[lang] ?? []) for (const s of finder.stemsOf(name)) set.add(s);
        for (const s of [...set]) if (stop[lang].has(s)) set.delete(s);
        stems[lang] = set;
      }
      const paragraph = kb.sourceTexts[claim.source ?? topic.source.id]?.[claim.paragraph ?? topic.source.paragraph] ?? '';
      const quote = quoteKey(claim.quote);
      const sentence = Math.max(
        0,
        paragraph.split(/(?<=[.!?])\s+(?=\p{Lu})/u).findIndex((x) => quoteKey(x).includes(quote)),
      );
      const subject = finder.inText(claim.text.en)[0];
      claims.push({
        claim,
        topic,
        stems,
        own,
        entities: new Set([...claim.entities, ...about]),
        against: new Set(claim.against),
        sentence,
        ...(subject && subject.start <= 1 ? { subject: subject.id } : {}),
      });
    }
  }
  const vocab = new Map<string, Record<Lang, Set<string>>>();
  const df: Record<Lang, Map<string, number>> = { en: new Map(), ru: new Map(), fa: new Map() };
  for (const topic of kb.topics) {
    const words = {} as Record<Lang, Set<string>>;
    for (const lang of LANGS) {
      const set = new Set<string>();
      for (const text of topicTexts(topic, lang)) for (const s of finder.stemsOf(text)) set.add(s);
      for (const c of claims) if (c.topic === topic) for (const s of c.stems[lang]) set.add(s);
      // (A topic knows the words of its section's heading in the source: "the Middle East policy adjustments section".)
      if (lang === 'en') for (const s of headings.stemsOf(topic.id)) set.add(s);
      words[lang] = set;
      for (const s of set) df[lang].set(s, (df[lang].get(s) ?? 0) + 1);
    }
    vocab.set(topic.id, words);
  }
  const n = Math.max(1, kb.topics.length);
  const byTopic = new Map<string, IndexedClaim[]>();
  for (const c of claims) byTopic.set(c.topic.id, [...(byTopic.get(c.topic.id) ?? []), c]);
  const partners = new Set(kb.entities.entities.filter((e) => e.partner).map((e) => e.id));
  return {
    claims,
    isPartner: (id) => partners.has(id),
    idf: (s, lang) => Math.log(1 + n / (1 + (df[lang].get(s) ?? 0))),
    topicKnows: (id, s, lang) => vocab.get(id)?.[lang].has(s) ?? false,
    isStop: (s, lang) => stop[lang].has(s),
    byTopic: (id) => byTopic.get(id) ?? [],
  };
}
