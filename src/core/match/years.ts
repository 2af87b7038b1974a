import type { KnowledgeBase } from '../data/schema.js';
import { normalizeText } from '../text/normalize.js';

const YEAR = /(?<!\d)(1[89]\d\d|20\d\d|21\d\d)(?!\d)/g;

/** Every year the knowledge base mentions: in any topic's texts or facts (any language), or as a source's date. */
export function yearsKnown(kb: KnowledgeBase): Set<string> {
  const texts: string[] = [];
  for (const s of kb.sources) texts.push(s.published, s.asOf);
  for (const t of kb.topics) {
    for (const x of [t.title, t.short, t.summary]) texts.push(...Object.values(x));
    for (const f of t.facts) {
      for (const x of [f.sentence, f.display, f.label]) texts.push(...Object.values(x));
      if (f.date) texts.push(f.date);
    }
  }
  return new Set(texts.flatMap((s) => normalizeText(s ?? '').match(YEAR) ?? []));
}

/** The first year in a normalised question that the knowledge base never mentions (e.g. "the treaty of 2001"). */
export function unknownYear(normalized: string, known: ReadonlySet<string>): string | undefined {
  return normalized.match(YEAR)?.find((y) => !known.has(y));
}
