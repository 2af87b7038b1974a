import type { Claim, KnowledgeBase, Lang, Topic } from '../data/schema.js';
import { LANGS } from '../data/schema.js';
import { STOPWORDS } from '../text/stopwords.js';
import { stem } from '../text/stem.js';
import type { EntityFinder } from './entities.js';

/** A claim with what answer selection compares: its topic, stems per language, entity ids and kinds. */
export interface IndexedClaim {
  claim: Claim;
  topic: Topic;
  stems: Record<Lang, Set<string>>;
  entities: Set<string>;
  against: Set<string>;
}

export interface ClaimIndex {
  readonly claims: readonly IndexedClaim[];
  /** Inverse document frequency of a stem among the claims of a language (rare stems weigh more). */
  idf(stem: string, lang: Lang): number;
  /** Stems that carry no content in a language. */
  isStop(stem: string, lang: Lang): boolean;
  byTopic(topicId: string): readonly IndexedClaim[];
}

export const PARTNERS = new Set(['russia', 'iran']);

/**
 * Every claim of every topic, indexed for answer selection: each claim's text
 * in each language, its keywords and the names of its entities, as stems.
 */
export function createClaimIndex(kb: KnowledgeBase, finder: EntityFinder): ClaimIndex {
  const stop: Record<Lang, Set<string>> = { en: new Set(), ru: new Set(), fa: new Set() };
  for (const lang of LANGS) for (const w of STOPWORDS[lang]) stop[lang].add(stem(w));
  const names = new Map(kb.entities.entities.map((e) => [e.id, e.names] as const));
  const claims: IndexedClaim[] = [];
  for (const topic of kb.topics) {
    for (const claim of topic.claims) {
      const stems = {} as Record<Lang, Set<string>>;
      for (const lang of LANGS) {
        const set = new Set<string>(finder.stemsOf(claim.text[lang]));
        for (const k of claim.keywords) for (const s of finder.stemsOf(k)) set.add(s);
        for (const id of claim.entities) for (const name of names.get(id)?.[lang] ?? []) for (const s of finder.stemsOf(name)) set.add(s);
        for (const s of [...set]) if (stop[lang].has(s)) set.delete(s);
        stems[lang] = set;
      }
      claims.push({ claim, topic, stems, entities: new Set(claim.entities), against: new Set(claim.against) });
    }
  }
  const df: Record<Lang, Map<string, number>> = { en: new Map(), ru: new Map(), fa: new Map() };
  for (const c of claims) for (const lang of LANGS) for (const s of c.stems[lang]) df[lang].set(s, (df[lang].get(s) ?? 0) + 1);
  const n = Math.max(1, claims.length);
  const byTopic = new Map<string, IndexedClaim[]>();
  for (const c of claims) byTopic.set(c.topic.id, [...(byTopic.get(c.topic.id) ?? []), c]);
  return {
    claims,
    idf: (s, lang) => Math.log(1 + n / (1 + (df[lang].get(s) ?? 0))),
    isStop: (s, lang) => stop[lang].has(s),
    byTopic: (id) => byTopic.get(id) ?? [],
  };
}
