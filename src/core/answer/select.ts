import type { IndexedClaim, ClaimIndex } from './claims.js';
import type { EntityFinder } from './entities.js';
import type { QuestionView } from './question.js';

/** What an entity the question names weighs in its words (about a word that one topic of eighteen uses). */
const ENTITY_WEIGHT = 2;
/** Kinds of entity named by ordinary words, which weigh as one. */
const GENERIC_KINDS = new Set(['sector', 'activity', 'resource', 'event']);
/** The matcher's confidence in a claim's topic: trained on hundreds of questions, it weighs as much as the words. */
const TOPIC_WEIGHT = 1;

/** Kinds the same words ask for ("which groupings": a bloc or an armed group). */
const KIN: Record<string, string> = { group: 'organisation', organisation: 'organisation' };
const sameKind = (a: string | undefined, b: string | undefined) => a !== undefined && (a === b || (KIN[a] !== undefined && KIN[a] === KIN[b ?? '']));

/** Kinds of particular, named things (not a sector, an activity or a party). */
/** "What kind of", "какого типа", "چه نوع": the sort of a thing asked, which a thing the question names may be. */
const SORT_OF: Record<QuestionView['lang'], RegExp> = {
  en: /(?<![\p{L}])(?:what|which) (?:kind|kinds|type|types|sort|sorts) of(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:какого (?:типа|рода|вида)|что за)(?![\p{L}])/u,
  fa: /(?:چه نوع|چه جور)/u,
};
const CONCRETE_KINDS = new Set(['city', 'facility', 'sea', 'corridor', 'currency', 'network']);

/** Asking what brought something about, not what it is for ("the background to", "what prompted", "предыстория", "پیشینه"). */
const CAUSE_ASKED: Record<QuestionView['lang'], RegExp> = {
  en: /(?<![\p{L}])(?:background|backdrop|what (?:led|prompted|caused|triggered|drove|pushed)|causes?)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:предыстори\p{L}*|что (?:привело|побудило|подтолкнуло|заставило)|причин\p{L}*)/u,
  fa: /(?:پیشینه|علت|چه چیزی باعث)/u,
};
/** A claim's own words of a cause: a response to something, something pushing or prompting (its English text). */
const CAUSE_TEXT = /\b(?:response|pushed|prompted|forced|in light of|because|due to)\b/;

/** Countries a question can ask about as a whole ("what does Russia still have in Syria?"). */
const PLACE_OR_PARTY = new Set(['country']);

/** Parties a wh-question can have as its subject. */
const SUBJECT_KINDS = new Set(['country', 'organisation', 'person', 'group']);
/** An auxiliary before the subject of an English wh-question ("which countries IS Azerbaijan getting closer to?"). */
const AUX = /^(?:is|are|was|were|has|have|had|does|did|do|will|would|can|could)$/u;

/**
 * The one party a question for another party asks about as its subject, not its object: right after the auxiliary in English
 * ("who is Azerbaijan building ties with?"), first in Russian and Persian ("آذربایجان با کدام کشورها…").
 */
function subjectOf(q: QuestionView, finder: EntityFinder): string | undefined {
  // (Only when another party is what is asked for: "where does Armenia fit in?" asks about Armenia, in any role.)
  const asksParty = (q.expect.kind !== undefined && SUBJECT_KINDS.has(q.expect.kind)) || q.expect.types.includes('who');
  if (q.expect.yesno || !asksParty) return undefined;
  const parties = q.entities.filter((e) => !e.partner && SUBJECT_KINDS.has(e.kind));
  if (parties.length !== 1) return undefined;
  const [e] = parties as [(typeof parties)[number]];
  // (Russian anywhere in the nominative, its name as written: "С какими странами сближается Азербайджан?")
  const nominative = () => finder.namesOf(e.id).some((n) => n.toLowerCase().replace(/ё/gu, 'е') === q.words.slice(e.start, e.end).join(' '));
  // (Not after a partner, which is then the subject: "хотят ли Россия и Иран сдержать Азербайджан".)
  const partnerBefore = q.entities.some((x) => x.partner && x.start < e.start);
  const at = q.lang === 'en' ? e.start >= 2 && AUX.test(q.words[e.start - 1] ?? '') : e.start === 0 || (q.lang === 'ru' && !partnerBefore && nominative());
  return at ? e.id : undefined;
}

/** A claim's fit to a question: the total and what it is made of (for decisions and tests). */
export interface ScoredClaim {
  item: IndexedClaim;
  score: number;
  /** Share of the question's content (idf-weighted) the claim's words cover (its topic's words a little too). */
  lexical: number;
  /** The same, counting only the claim's own words, keywords and entity names: what a "yes" may rest on. */
  own: number;
  /** States a figure or year the question names. */
  numberHit: boolean;
  /** Non-partner entities of the question the claim names. */
  entityHits: number;
  /** The claim answers one of the question's types. */
  typeHit: boolean;
  /** The claim names things of the kind a "which X" question asks for. */
  kindHit: boolean;
  topicConfidence: number;
}

export interface SelectOptions {
  /** Confidence of each topic from the matcher (0–1). */
  topics: ReadonlyMap<string, number>;
  /** A topic the conversation is on (a follow-up): its claims are preferred. */
  contextTopic?: string;
}

/**
 * Ranks the claims that could answer a question: words in common (rare words
 * weigh more), the entities it names, whether the claim answers the kind of
 * question asked, and how sure the matcher is of the claim's topic.
 */
export function rankClaims(q: QuestionView, index: ClaimIndex, finder: EntityFinder, opts: SelectOptions): ScoredClaim[] {
  const { lang } = q;
  const named = q.entities.filter((e) => !e.partner);
  const asked = named.map((e) => e.id);
  // The entities a question names count as words too, each as much as a rare word; kinds named by
  // common words ("defense", "energy", "drills") as much as an ordinary one.
  const weight = (e: (typeof named)[number]) => (GENERIC_KINDS.has(e.kind) ? 1 : ENTITY_WEIGHT);
  let total = named.reduce((sum, e) => sum + weight(e), 0);
  for (const s of q.content) total += index.idf(s, lang);
  const askedSet = new Set(q.entities.map((e) => e.id));
  const sortOf = SORT_OF[q.lang].test(q.normalized) && q.entities.some((e) => !e.partner && sameKind(e.kind, q.expect.kind ?? ''));
  // Every asked type but "what" (which any claim answers somehow) favours claims that answer it.
  // ("Which country's influence…" asks for a country, not a place: the kind decides, as in the answer.)
  const kind = q.expect.kind;
  // ("Which capital…" too: a city the question does not name answers it, which the kind checks; "where" would favour any place.)
  const types = q.expect.types.filter((t) => !(kind && (t === 'where' || (t === 'who' && kind !== 'person'))));
  const typed = types.filter((t) => t !== 'what');
  // A "why" is answered only by a reason: the type weighs most there.
  const whyAsked = typed.includes('why');
  // A figure in a question that asks neither a figure nor yes/no describes what is asked about.
  const describing = !q.expect.yesno && typed.length === 0 && q.content.size >= 3;
  const subject = subjectOf(q, finder);
  const causeAsked = CAUSE_ASKED[lang].test(q.normalized);
  const aboutPlace = named.length > 0 && named.every((e) => PLACE_OR_PARTY.has(e.kind));
  const out: ScoredClaim[] = [];
  for (const item of index.claims) {
    const topicConfidence = opts.topics.get(item.topic.id) ?? 0;
    const entityHits = asked.filter((id) => item.entities.has(id)).length;
    let overlap = named.reduce((sum, e) => sum + (item.entities.has(e.id) ? weight(e) : 0), 0);
    let ownOverlap = overlap;
    // An entity the claim does not name still counts a little when its topic uses the words that named it
    // ("оборонный пакт" names the defence sector, and the defensive clause's questions use "оборон…").
    for (const e of named) if (!item.entities.has(e.id) && e.stems.some((s) => index.topicKnows(item.topic.id, s, lang))) overlap += 0.3 * weight(e);
    // Words of the claim's own sentence count fully, words only in its keywords or entity names less,
    // and words its topic uses elsewhere (its example questions, other claims) a little.
    for (const s of q.content) {
      const w = index.idf(s, lang);
      if (item.own[lang].has(s)) {
        overlap += w;
        ownOverlap += w;
      } else if (item.stems[lang].has(s)) {
        overlap += 0.6 * w;
        ownOverlap += 0.6 * w;
      } else if (index.topicKnows(item.topic.id, s, lang)) overlap += 0.3 * w;
    }
    const lexical = total > 0 ? overlap / total : 0;
    const own = total > 0 ? ownOverlap / total : 0;
    const partnerHits = q.entities.filter((e) => e.partner && item.entities.has(e.id)).length;
    // A claim that answers the asked type counts only if it is about what was asked at all.
    const typeHit = types.some((t) => item.claim.answers.includes(t)) && (entityHits > 0 || asked.length === 0);
    // The two parties are no answer to "which countries" (the question is about their partners), but their presidents are to "who".
    // ("What kind of facility does Russia have in Tartus?" asks what the named one is: the claim naming it describes it.)
    const kindHit =
      q.expect.kind !== undefined &&
      item.claim.entities.some(
        (id) => (!askedSet.has(id) || sortOf) && !(q.expect.kind === 'country' && finder.isPartner(id)) && sameKind(finder.kindOf(id), q.expect.kind),
      );
    const numberHit =
      q.numbers.some((n) => !(describing && n.unit) && item.claim.numbers.some((c) => c.value === n.value)) ||
      q.years.some((y) => item.claim.dates.some((d) => d.startsWith(String(y))));
    // The same figure in the same unit ("two decades", the 20-year deal) all but names the claim.
    // (Not in a "what" question, where it only describes what is asked about: "the aims of the 20-year deal".)
    const unitHit = !describing && q.numbers.some((n) => n.unit && item.claim.numbers.some((c) => c.value === n.value && c.unit === n.unit));
    const typeMiss = typed.length > 0 && !typed.some((t) => item.claim.answers.includes(t));
    const context = opts.contextTopic === item.topic.id ? 0.35 : 0;
    // The party the question is about as its subject is the claim's subject too, not what it acts on ("Azerbaijan's ties",
    // not Iran's engagement "to counterbalance Azerbaijan").
    // Asked about a country, between claims that fit alike, one that names a particular thing the source places there
    // says more than one that only describes ("Russia's naval base in Tartus" over "its military foothold in Syria").
    const concrete =
      aboutPlace && item.claim.entities.some((id) => !askedSet.has(id) && CONCRETE_KINDS.has(finder.kindOf(id) ?? '') && askedSet.has(finder.placeOf(id) ?? ''))
        ? 0.05
        : 0;
    // Asked what brought it about, a claim that gives a cause ("a direct response to Western sanctions") over one of its aims.
    const cause = causeAsked && CAUSE_TEXT.test(item.claim.text.en) ? 0.05 : 0;
    const role = subject && item.claim.entities.includes(subject) ? (item.subject === subject ? 0.3 : -0.2) : 0;
    const score =
      lexical +
      0.15 * entityHits +
      0.05 * partnerHits +
      (typeHit ? (whyAsked ? 0.6 : 0.5) : 0) +
      (kindHit ? 0.5 : 0) +
      (unitHit ? 0.6 : numberHit ? 0.3 : 0) -
      (typeMiss ? (whyAsked ? 0.6 : 0.4) : 0) +
      TOPIC_WEIGHT * topicConfidence +
      context +
      concrete +
      cause +
      role;
    out.push({ item, score, lexical, own, entityHits, typeHit, kindHit, numberHit: unitHit || numberHit, topicConfidence });
  }
  return out.sort((a, b) => b.score - a.score);
}
