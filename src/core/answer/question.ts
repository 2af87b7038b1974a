import type { Lang } from '../data/schema.js';
import type { Analysis } from '../text/analyze.js';
import type { EntityFinder, EntityMention } from './entities.js';
import type { Expectation } from './expect.js';

/** A number a question names, with the unit family when it says one ("20 years", "95%", "55 bcm"). */
export interface QuestionNumber {
  value: number;
  unit?: string;
}

/** A question as answer selection sees it. */
export interface QuestionView {
  lang: Lang;
  normalized: string;
  /** The question's words and stems, as the entity positions count them. */
  words: readonly string[];
  stems: readonly string[];
  /** Content stems: no stop words, no entity names. */
  content: Set<string>;
  entities: EntityMention[];
  numbers: QuestionNumber[];
  years: number[];
  expect: Expectation;
  /** Words that say the question is against something ("reduce", "without", "bypass"): the stance a claim's `against` answers. */
  against: boolean;
  /** Words of decline ("fall", "drop", "shrink"): a "no" to a claim of growth. */
  decline: boolean;
}

const UNITS: [RegExp, string][] = [
  [/^(?:years?|yrs?|year|лет|года?|годам?|سال|ساله)$/u, 'years'],
  [/^(?:percent|процент\p{L}*|درصد)$/u, '%'],
  [/^(?:bcm|кубометр\p{L}*|кубов|متر)$/u, 'bcm/yr'],
  [/^(?:billion|bn|млрд|миллиард\p{L}*|میلیارد)$/u, 'USD bn'],
];

/** Numbers and years in a question's words (normalised, synonyms applied). */
export function numbersOf(words: readonly string[]): { numbers: QuestionNumber[]; years: number[] } {
  const numbers: QuestionNumber[] = [];
  const years: number[] = [];
  words.forEach((w, i) => {
    if (!/^\d+(?:\.\d+)?$/.test(w)) return;
    const value = Number(w);
    const next = words[i + 1] ?? '';
    const unit = UNITS.find(([re]) => re.test(next))?.[1];
    if (!unit && Number.isInteger(value) && value >= 1900 && value <= 2100) years.push(value);
    else numbers.push({ value, ...(unit ? { unit } : {}) });
  });
  return { numbers, years };
}

const AGAINST: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:reduc\p{L}*|less|lower|cut|cutting|bypass\p{L}*|without|avoid\p{L}*|away from|independen\p{L}*|counter\p{L}*|contain\p{L}*|limit\p{L}*|curb\p{L}*|weaken\p{L}*|replac\p{L}*|abandon\p{L}*|ditch\p{L}*|drop the|move away|moving away|stop using|instead of|circumvent\p{L}*|evad\p{L}*|oppos\p{L}*|deny|denies|denied|block\p{L}*|resist\p{L}*|against)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:сниж\p{L}*|сокращ\p{L}*|уменьш\p{L}*|обход\p{L}*|в обход|без|отказ\p{L}*|независим\p{L}*|противо\p{L}*|сдерж\p{L}*|огранич\p{L}*|вместо|против)(?![\p{L}])/u,
  fa: /(?<![\p{L}])(?:کاهش|کم ?کردن|دور زدن|بدون|بی ?نیاز|استقلال|مقابله|مهار|محدود|به جای|علیه|کنار گذاشتن)(?![\p{L}])/u,
};

const DECLINE: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:fall|fell|fallen|drop|dropped|decline\p{L}*|decreas\p{L}*|shrink\p{L}*|shrank|shrunk|slump\p{L}*|plunge\p{L}*|contract\p{L}*ed|down|lower|lose|lost)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:упал\p{L}*|упад\p{L}*|снизил\p{L}*|сократил\p{L}*|уменьшил\p{L}*|падени\p{L}*|спад\p{L}*)(?![\p{L}])/u,
  fa: /(?<![\p{L}])(?:کاهش|افت|سقوط|کم شد)(?![\p{L}])/u,
};

/** Prepositions that make a capital a place ("in Moscow", "в Москве", "در تهران"), not its government. */
const LOCATIVE: Record<Lang, Set<string>> = { en: new Set(['in', 'at']), ru: new Set(['в', 'во']), fa: new Set(['در']) };

/**
 * A capital named as a government ("Moscow will fund…", "trade between Moscow and Tehran")
 * is its country; named as a place ("signed in Tehran?", "in which city") it stays the city.
 */
export function resolveMetonyms(entities: EntityMention[], analysis: Analysis, lang: Lang, expect: Expectation, finder: EntityFinder): EntityMention[] {
  const askedPlace = expect.kind === 'city' || expect.types.includes('where');
  return entities.map((e) => {
    const country = finder.standsFor(e.id);
    if (!country || askedPlace || LOCATIVE[lang].has(analysis.words[e.start - 1] ?? '')) return e;
    return { ...e, id: country, kind: finder.kindOf(country) ?? e.kind, partner: finder.isPartner(country) };
  });
}

export function questionView(analysis: Analysis, lang: Lang, entities: EntityMention[], expect: Expectation, isStop: (stem: string) => boolean): QuestionView {
  const inEntity = new Set<number>();
  for (const e of entities) for (let i = e.start; i < e.end; i++) inEntity.add(i);
  const content = new Set(analysis.stems.filter((s, i) => !inEntity.has(i) && !isStop(s) && !/^\d/.test(s)));
  const { numbers, years } = numbersOf(analysis.words);
  return {
    lang,
    normalized: analysis.normalized,
    words: analysis.words,
    stems: analysis.stems,
    content,
    entities,
    numbers,
    years,
    expect,
    against: AGAINST[lang].test(analysis.normalized),
    decline: DECLINE[lang].test(analysis.normalized),
  };
}
