import type { KnowledgeBase } from '../data/schema.js';
import { LANGS } from '../data/schema.js';
import type { MatchResult } from '../match/matcher.js';
import { normalizeText, tokenize } from '../text/normalize.js';
import type { ClaimIndex } from './claims.js';
import type { EntityFinder, EntityMention } from './entities.js';

/**
 * Places of places.yaml that the source names only inside the name of a thing its claims name:
 * the United States in "the U.S. dollar" ("доллар США", "دلار آمریکا"). A question about the place
 * ("what does it say about the United States?") is about that thing, not a party the source never discusses.
 */
export interface PlaceThings {
  /** The entity ids of the things that carry a place (by its canonical name) in their names. */
  of(place: string): readonly string[];
  /**
   * The things a question names through such a place, when it asks only what the source says of the place (its
   * other words pass `framing`): one mention each, where the place stands. "How did the US react?" asks for more.
   */
  mentions(match: MatchResult, named: readonly EntityMention[], framing: (stem: string) => boolean): EntityMention[];
}

export function createPlaceThings(kb: KnowledgeBase, finder: EntityFinder, index: ClaimIndex): PlaceThings {
  const tokensOf = (text: string) => ` ${tokenize(normalizeText(text)).join(' ')} `;
  // (Every name's words once: the gazetteer has hundreds of aliases.)
  const claimed = kb.entities.entities
    .filter((e) => !e.partner && index.claims.some((x) => x.entities.has(e.id)))
    .map((e) => ({ id: e.id, names: LANGS.flatMap((l) => e.names[l].map(tokensOf)) }));
  const byPlace = new Map<string, string[]>();
  const aliasesOf = new Map<string, string[][]>();
  for (const group of kb.places.places) {
    const place = group[0]!;
    // (A place that is an entity of its own is discussed as itself.)
    if (finder.inText(place).length) continue;
    // (One-letter aliases — "U" of "U.S." — would be inside any name.)
    const aliases = group.map(tokensOf).filter((a) => a.trim().length > 1);
    const things = claimed.filter((e) => e.names.some((n) => aliases.some((a) => n.includes(a))));
    if (things.length) {
      byPlace.set(
        place,
        things.map((e) => e.id),
      );
      aliasesOf.set(
        place,
        aliases.map((a) => a.trim().split(' ')),
      );
    }
  }

  return {
    of: (place) => byPlace.get(place) ?? [],
    mentions(match, named, framing) {
      const out: EntityMention[] = [];
      const { words, stems } = match.analysis;
      for (const p of match.placesNamed ?? []) {
        // (Where it stands in the analysed words, which the synonyms may have rewritten: "united states" is "usa".)
        const found = [p.surface.split(' '), ...(aliasesOf.get(p.place) ?? [])]
          .map((surface) => ({ surface, at: words.findIndex((_, i) => surface.every((w, k) => words[i + k] === w)) }))
          .find((x) => x.at >= 0);
        if (!found) continue;
        const { surface, at } = found;
        if (stems.some((s, i) => (i < at || i >= at + surface.length) && !framing(s))) continue;
        const start = at;
        for (const id of byPlace.get(p.place) ?? []) {
          if (named.some((e) => e.id === id) || out.some((e) => e.id === id)) continue;
          out.push({ id, kind: finder.kindOf(id)!, partner: false, stems: stems.slice(start, start + surface.length), start, end: start + surface.length });
        }
      }
      return out;
    },
  };
}
