import { type EntityKind, type KnowledgeBase, type Lang, LANGS } from '../data/schema.js';
import { stem } from '../text/stem.js';
import type { ClaimIndex } from './claims.js';
import type { EntityFinder } from './entities.js';
import { topicTexts } from '../match/topic-texts.js';

/** Names a question gives that the data does not know: how many, and the kinds they are given with. */
export interface UnknownNames {
  /** Capitalised words after the first that no entity, topic or common word accounts for. */
  count(question: string, entities: readonly { id: string }[], lang: Lang): number;
  /**
   * Kinds of the unknown names given with their kind noun: "the Black Sea" is a sea, "the Tabriz Refinery" and
   * "the Natanz facility" facilities. The known words of the name ("Sea") do not make it known.
   */
  kinds(question: string, entities: readonly { id: string }[], lang: Lang): EntityKind[];
  /** Unknown names given as a place: right after "in", "at", "near", "to" ("is the naval base in Latakia?", "в Латакии", "travel to Beijing"). */
  places(question: string, entities: readonly { id: string }[], lang: Lang): number;
}

/** Words that put what follows as a place. */
const AT_PLACE = /(?<![\p{L}])(?:in|at|near|inside|to|в|во|около|под)\s+(?:the\s+)?(\p{Lu}\p{Ll}{2,})/gu;

export function createUnknownNames(kb: KnowledgeBase, finder: EntityFinder, index: ClaimIndex): UnknownNames {
  // A name is known from any language's texts, except that an English question's name must be known in English:
  // a brand a Russian example question happens to mention ("без Visa и Mastercard") is nothing the source says.
  // (Nor does an English name only an example question gives — "without SWIFT?" — make it something the source says.)
  const english = new Set(
    [
      ...kb.topics.flatMap((x) => {
        const examples = new Set(x.examples.en ?? []);
        return [...topicTexts(x, 'en').filter((text) => !examples.has(text)), ...x.claims.flatMap((c) => c.keywords)];
      }),
      ...kb.entities.entities.flatMap((e) => finder.namesOf(e.id)),
      // (The partners' other names in the gazetteer: "the Kremlin" is Russia.)
      ...kb.places.partners.flat(),
    ].flatMap((text) => finder.stemsOf(text)),
  );
  const knownAnywhere = (s: string, lang: Lang) => (lang === 'en' ? english.has(s) : kb.topics.some((x) => LANGS.some((l) => index.topicKnows(x.id, s, l))));
  const asWritten = (name: string) =>
    name
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .map((w) => stem(w));
  /** The stems of the names of the entities a question names (as written too, when the synonyms rewrite a name: "Shanghai Cooperation Organization" is "sco"). */
  const namedStems = (entities: readonly { id: string }[], written: boolean) =>
    new Set(entities.flatMap((e) => finder.namesOf(e.id).flatMap((n) => [...finder.stemsOf(n), ...(written ? asWritten(n) : [])])));
  const unknown = (named: Set<string>, lang: Lang) => (word: string) => {
    const s = finder.stemsOf(word)[0];
    return s !== undefined && !named.has(s) && !index.isStop(s, lang) && !knownAnywhere(s, lang);
  };

  return {
    count(question, entities, lang) {
      const words = question.match(/(?<=[^\s.!?]\s+)\p{Lu}(?:\p{Ll}{2,}|\p{Lu}{2,}(?![\p{L}]))/gu) ?? [];
      return words.filter(unknown(namedStems(entities, false), lang)).length;
    },
    kinds(question, entities, lang) {
      const isUnknown = unknown(namedStems(entities, true), lang);
      const kinds: EntityKind[] = [];
      for (const run of question.match(/(?:\p{Lu}[\p{Ll}'’-]+\s+)+\p{Lu}\p{Ll}+/gu) ?? []) {
        const words = run.split(/\s+/u);
        const kind = finder.kindOfNoun(finder.stemsOf(words.at(-1)!)[0] ?? '');
        if (kind && words.slice(0, -1).some(isUnknown)) kinds.push(kind);
      }
      // "The Natanz facility", "the Baku–Tbilisi line": a name, then its kind's noun in lower case.
      for (const m of question.matchAll(/(?<=\S\s+)((?:\p{Lu}[\p{Ll}'’]+[\s–-]+)+)(\p{Ll}+)/gu)) {
        const kind = finder.kindOfNoun(finder.stemsOf(m[2]!)[0] ?? '');
        if (
          kind &&
          m[1]!
            .split(/[\s–-]+/u)
            .filter(Boolean)
            .some(isUnknown) &&
          !kinds.includes(kind)
        )
          kinds.push(kind);
      }
      // "The Tehran–Moscow high-speed line": two known names joined into a name no entity has, then its kind's noun.
      for (const m of question.matchAll(/\p{Lu}\p{Ll}+\s*[–—-]\s*\p{Lu}\p{Ll}+((?:\s+\p{Ll}[\p{Ll}-]*){1,3})/gu)) {
        const kind = m[1]!
          .trim()
          .split(/\s+/u)
          .map((w) => finder.kindOfNoun(finder.stemsOf(w)[0] ?? ''))
          .find(Boolean);
        if (kind && !entities.some((e) => finder.kindOf(e.id) === kind) && !kinds.includes(kind)) kinds.push(kind);
      }
      return kinds;
    },
    places(question, entities, lang) {
      const isUnknown = unknown(namedStems(entities, true), lang);
      return [...question.matchAll(AT_PLACE)].filter((m) => isUnknown(m[1]!)).length;
    },
  };
}
