import type { EntityKind, KnowledgeBase } from '../data/schema.js';
import { normalizeText, tokenize } from '../text/normalize.js';
import { stem } from '../text/stem.js';
import { createSynonymRewriter, type SynonymRewriter } from '../text/synonyms.js';

/** An entity a text names: its id and kind, and where (token positions in the stems it was found in). */
export interface EntityMention {
  id: string;
  kind: EntityKind;
  /** One of the two parties or their leaders. */
  partner: boolean;
  /** The stems the text names it with. */
  stems: string[];
  start: number;
  end: number;
}

/**
 * Finds the entities of data/entities.yaml in a text: names in every language,
 * compared as stems after the data's synonym rewriting, so inflected Russian
 * forms and synonyms ("US dollars", "greenback") match. Longest name first.
 */
export interface EntityFinder {
  /** Entities in a question's stems (its analysis), in order, each once. */
  inStems(stems: readonly string[]): EntityMention[];
  /** Entities in any text. */
  inText(text: string): EntityMention[];
  /** The stems a text is compared by (the same pipeline the names went through). */
  stemsOf(text: string): string[];
  kindOf(id: string): EntityKind | undefined;
  /** One of the two parties or their leaders (entities.yaml `partner`). */
  isPartner(id: string): boolean;
  /** Described by the source but given no proper name (entities.yaml `unnamed`). */
  isUnnamed(id: string): boolean;
  /** What an entity's name means when it is not a place (a capital → its country), if anything. */
  standsFor(id: string): string | undefined;
  /** Whose the entity is, when the source says (entities.yaml `of`). */
  ownerOf(id: string): string | undefined;
  /** Where the thing is, when the source places it (entities.yaml `in`). */
  placeOf(id: string): string | undefined;
  /** The kind a noun asks for ("airbase" → facility, "сети" → network), by its stem. */
  kindOfNoun(stem: string): EntityKind | undefined;
  /** Every name of an entity, in every language. */
  namesOf(id: string): readonly string[];
  /** The display name of an entity in a language. */
  nameOf(id: string, lang: 'en' | 'ru' | 'fa'): string;
}

/** `everyday`: a name that is also an everyday word (entities.yaml `everyday`). */
/**
 * A Russian name in its oblique cases: the stemmer cuts a bare name and its inflected forms
 * differently («Иран» → "ира", «Иране» → "иран"), so names are also stemmed as they are declined.
 */
const CASE_ENDINGS = ['а', 'у', 'е', 'ом', 'ой', 'ы', 'и'];
function russianCases(name: string): string[] {
  const m = /^(.*?)([\p{Script=Cyrillic}]+)([»"]?)$/u.exec(name.trim());
  if (!m || /[аеиоуыэюяйь]$/u.test(m[2]!)) return [];
  return CASE_ENDINGS.map((e) => `${m[1]}${m[2]}${e}${m[3]}`);
}

type Entry = { stems: string[]; id: string; everyday: boolean };

export function createEntityFinder(kb: KnowledgeBase): EntityFinder {
  const synonyms: SynonymRewriter = createSynonymRewriter(kb.synonyms);
  const stemsOf = (text: string) => synonyms.rewrite(tokenize(normalizeText(text))).map(stem);
  const byFirst = new Map<string, Entry[]>();
  const kinds = new Map<string, EntityKind>();
  const partners = new Set(kb.entities.entities.filter((e) => e.partner).map((e) => e.id));
  const unnamed = new Set(kb.entities.entities.filter((e) => e.unnamed).map((e) => e.id));
  const metonyms = new Map(kb.entities.entities.flatMap((e) => (e.standsFor ? [[e.id, e.standsFor] as const] : [])));
  const names = new Map<string, Record<'en' | 'ru' | 'fa', string>>();
  const allNames = new Map(kb.entities.entities.map((e) => [e.id, [...e.names.en, ...e.names.ru, ...e.names.fa]] as const));
  for (const entity of kb.entities.entities) {
    kinds.set(entity.id, entity.kind);
    names.set(entity.id, { en: entity.names.en[0]!, ru: entity.names.ru[0]!, fa: entity.names.fa[0]! });
    const everyday = new Set(entity.everyday.map((n) => stemsOf(n).join(' ')));
    for (const name of [...entity.names.en, ...entity.names.ru, ...entity.names.fa]) {
      const base = stemsOf(name);
      for (const stems of [base, ...russianCases(name).map(stemsOf)]) {
        if (!stems.length) continue;
        const list = byFirst.get(stems[0]!) ?? [];
        if (!list.some((e) => e.id === entity.id && e.stems.join(' ') === stems.join(' ')))
          list.push({ stems, id: entity.id, everyday: everyday.has(base.join(' ')) });
        byFirst.set(stems[0]!, list);
      }
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  const owners = new Map(kb.entities.entities.flatMap((e) => (e.of ? [[e.id, e.of] as const] : [])));
  const places = new Map(kb.entities.entities.flatMap((e) => (e.in ? [[e.id, e.in] as const] : [])));
  const nounKinds = new Map<string, EntityKind>();
  for (const [kind, nouns] of Object.entries(kb.entities.kinds) as [EntityKind, { en: string[]; ru: string[]; fa: string[] }][]) {
    for (const noun of [...nouns.en, ...nouns.ru, ...nouns.fa]) {
      const stems = stemsOf(noun);
      // One-word nouns only: "payment system" asks for a network, "system" alone is too common to say so.
      if (stems.length === 1 && !nounKinds.has(stems[0]!)) nounKinds.set(stems[0]!, kind);
    }
  }
  const kindNouns = new Map(
    Object.entries(kb.entities.kinds).map(([kind, nouns]) => [kind, new Set([...nouns.en, ...nouns.ru, ...nouns.fa].flatMap((n) => stemsOf(n)))] as const),
  );

  const inStems = (stems: readonly string[]): EntityMention[] => {
    const found: EntityMention[] = [];
    for (let i = 0; i < stems.length; i++) {
      const hit = byFirst.get(stems[i]!)?.find((e) => e.stems.every((s, k) => stems[i + k] === s));
      if (!hit) continue;
      if (!found.some((f) => f.id === hit.id))
        found.push({
          id: hit.id,
          kind: kinds.get(hit.id)!,
          partner: partners.has(hit.id),
          stems: stems.slice(i, i + hit.stems.length),
          start: i,
          end: i + hit.stems.length,
        });
      i += hit.stems.length - 1;
    }
    // An everyday word names its entity only beside another of its kind or one of its kind's nouns.
    return found.filter((f) => {
      const entry = byFirst.get(f.stems[0]!)?.find((e) => e.id === f.id && e.stems.join(' ') === f.stems.join(' '));
      if (!entry?.everyday) return true;
      const nouns = kindNouns.get(f.kind);
      return found.some((o) => o !== f && o.kind === f.kind) || stems.some((s, i) => (i < f.start || i >= f.end) && nouns?.has(s));
    });
  };

  return {
    inStems,
    inText: (text) => inStems(stemsOf(text)),
    stemsOf,
    kindOf: (id) => kinds.get(id),
    isPartner: (id) => partners.has(id),
    isUnnamed: (id) => unnamed.has(id),
    standsFor: (id) => metonyms.get(id),
    ownerOf: (id) => owners.get(id),
    placeOf: (id) => places.get(id),
    kindOfNoun: (stem) => nounKinds.get(stem),
    nameOf: (id, lang) => names.get(id)?.[lang] ?? id,
    namesOf: (id) => allNames.get(id) ?? [],
  };
}
