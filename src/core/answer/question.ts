import { stem } from '../text/stem.js';
import type { EntityKind, Lang } from '../data/schema.js';
import type { Analysis } from '../text/analyze.js';
import type { EntityFinder, EntityMention } from './entities.js';
import type { Expectation } from './expect.js';

/** A number a question names, with the unit family when it says one ("20 years", "95%", "55 bcm"). */
export interface QuestionNumber {
  value: number;
  unit?: string;
  /** "More than / over / topped 3 billion" (`>`), "under / less than" (`<`): a bound, not the figure itself. */
  bound?: '>' | '<';
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
  /** Content stems that say what is asked of the things named (content without the words that ask what the source says). */
  predicate: Set<string>;
  entities: EntityMention[];
  numbers: QuestionNumber[];
  years: number[];
  /** Days of a month the question names ("17 January", "17 января", "۱۷ ژانویه"), as "MM-DD". */
  days: string[];
  /** Months the question names without a day ("in February 2025"), as "MM". */
  months: string[];
  expect: Expectation;
  /** Words that say the question is against something ("reduce", "without", "bypass"): the stance a claim's `against` answers. */
  against: boolean;
  /** Words of decline ("fall", "drop", "shrink"): a "no" to a claim of growth. */
  decline: boolean;
  /** Verbs of ending or leaving ("leave", "stop", "quit", "покинуть", "прекратить", "ترک"): a "no" to a claim that something is kept up. */
  cease: boolean;
  /** Content stems no topic's text uses ("weapon" in "does Russia give Iran nuclear weapons?"): the source cannot confirm them. */
  foreign?: ReadonlySet<string>;
  /** Capitalised names in the question that are no entity or word the data knows ("Raisi"). */
  unknownNames: number;
  /** Kinds of the names the data does not know that the question gives with their kind noun ("the Black Sea": a sea). */
  unknownKinds: EntityKind[];
  /** Unknown names the question gives as places ("in Latakia"). */
  unknownPlaces: number;
  /** Asks only what the source says about something ("is Europe mentioned?"): naming it is enough, whatever the claim's stance. */
  mentions?: boolean;
  /** Where a condition starts ("if it is attacked", "в случае нападения", "در صورت حمله"), as a word position: what it names is a premise. */
  premiseFrom?: number;
  /** Asks whether the partnership takes in something ("does it cover…", "is … on the agenda", "are they planning…"). */
  includes: boolean;
}

const INCLUDES: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:include[sd]?|including|cover(?:s|ed)?|involve[sd]?|address(?:es)?|mention(?:s|ed)?|deal with|touch on|contains?|features?|part of|on the agenda|in the (?:deal|agreement|pact|treaty)|plann?(?:ing|ed)? to|going to|gonna|working on|any plans?|is there|are there)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:охватывает|включает|касается|предусматривает|упоминается|есть ли|входит ли|на повестке|планируют|собираются|будут ли)(?![\p{L}])/u,
  fa: /(?<![\p{L}])(?:شامل|در ?بر ?می ?گیرد|در دستور کار|قرار است|برنامه|اشاره|خواهند)(?![\p{L}])/u,
};

const UNITS: [RegExp, string][] = [
  [/^(?:years?|yrs?|year|лет|года?|годам?|سال|ساله)$/u, 'years'],
  [/^(?:percent|процент\p{L}*|درصد)$/u, '%'],
  [/^(?:bcm|кубометр\p{L}*|кубов|متر)$/u, 'bcm/yr'],
  [/^(?:billion|bn|млрд|миллиард\p{L}*|میلیارد)$/u, 'USD bn'],
];

/** Nouns of the units the source gives figures in: years, percent, cubic metres, dollars. */
const FIGURE_NOUN = /^(?:years?|yrs?|decades?|percent|percentage|bcm|cubic|meters?|metres?|billions?|bn|dollars?|usd)$/u;
const VERB_AFTER = /^(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should)$/u;

/**
 * "How many terminals / troops / drones…": a count of things (English), which none of the source's figures
 * (years, percent, cubic metres, dollars) is; undefined when the question asks no such count.
 */
export function countsThings(words: readonly string[]): boolean {
  const at = words.findIndex((w, i) => w === 'how' && words[i + 1] === 'many');
  if (at < 0) return false;
  const noun: string[] = [];
  for (const w of words.slice(at + 2, at + 7)) {
    if (VERB_AFTER.test(w) || w === 'of') break;
    noun.push(w);
  }
  return noun.length > 0 && !noun.some((w) => FIGURE_NOUN.test(w));
}

/** Numbers written as words, in the three languages ("two decades", "двадцать лет", "بیست سال"). */
const WORD_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  один: 1,
  два: 2,
  две: 2,
  три: 3,
  четыре: 4,
  пять: 5,
  десять: 10,
  пятнадцать: 15,
  двадцать: 20,
  тридцать: 30,
  сто: 100,
  یک: 1,
  دو: 2,
  سه: 3,
  چهار: 4,
  پنج: 5,
  ده: 10,
  پانزده: 15,
  بیست: 20,
  سی: 30,
  صد: 100,
};
const PAIR =
  /^(?:countries|sides|parties|nations|states|governments|partners|leaders|presidents|стран\p{L}*|сторон\p{L}*|государств\p{L}*|партн[её]р\p{L}*|лидер\p{L}*|президент\p{L}*|کشور\p{L}*|طرف\p{L}*|دولت\p{L}*|رهبر\p{L}*|رئیس)$/u;
/** Words before a number that make it a bound, in the three languages (normalised, so "$" is gone). */
const MORE_THAN =
  /(?:^|\s)(?:more than|greater than|longer than|bigger than|higher than|larger than|over|above|exceed\p{L}*|top|topped|tops|surpass\p{L}*|beyond|at least|больше|более|свыше|выше|превы\p{L}*|не менее|بیش از|بیشتر از|بالای|فراتر از)(?:\s(?:us|usd|\$|dollar|dollars|\p{L}* dollars?))?$/u;
const LESS_THAN =
  /(?:^|\s)(?:less than|fewer than|shorter than|smaller than|lower than|under|below|at most|меньше|менее|ниже|не более|کمتر از|زیر)(?:\s(?:us|usd|\$|dollar|dollars|\p{L}* dollars?))?$/u;
/** A figure or its magnitude word, before a currency that is then its unit. */
const MAGNITUDE = /^(?:\d+(?:\.\d+)?|billion|bn|million|mln|thousand|trillion|млрд|миллиард\p{L}*|млн|миллион\p{L}*|тысяч\p{L}*|میلیارد|میلیون|هزار)$/u;
/** Words before "two" that make it the pair of parties ("between the two", "эти две", "این دو"). */
const THE_TWO = /^(?:the|these|those|both|эти|этих|этими|این|آن)$/u;
const DECADES = /^(?:decades?|десятилети\p{L}*|دهه)$/u;

/** A period of a month after a volume, before any word of a year ("… to Iran every month", "в месяц", "در ماه"). */
const PER_MONTH = /^(?:(?!year|yearly|annual\p{L}*|год\p{L}*|سال)\p{L}+ |\d+ )*?(?:month|months|monthly|месяц\p{L}*|ежемесячно|ماه|ماهانه)(?:\s|$)/u;

/** The same right before the figure ("monthly 55 bcm", "ежемесячно 55", "هر ماه ۵۵"). */
const MONTHLY = /(?:^|\s)(?:month|monthly|месяц\p{L}*|ежемесячно|ماه|ماهانه)(?:\s|$)/u;

/** Numbers and years in a question's words (normalised, synonyms applied). */
export function numbersOf(words: readonly string[]): { numbers: QuestionNumber[]; years: number[]; days: string[]; months: string[] } {
  const numbers: QuestionNumber[] = [];
  const years: number[] = [];
  const days: string[] = [];
  words.forEach((w, i) => {
    // "Half of their transactions", "половина", "نیمی از": 50 percent.
    if (/^(?:half|половин\p{L}*|نیمی|نصف)$/u.test(w)) {
      numbers.push({ value: 50, unit: '%' });
      return;
    }
    const spelled = WORD_NUMBERS[w];
    if (spelled === undefined && !/^\d+(?:\.\d+)?$/.test(w)) return;
    const next = words[i + 1] ?? '';
    // "17 January", "January 17": a day of a month, part of a date, not a figure.
    const month = monthOf(next) ?? monthOf(words[i - 1] ?? '');
    if (month && /^\d{1,2}$/.test(w) && Number(w) >= 1 && Number(w) <= 31) {
      days.push(`${String(month).padStart(2, '0')}-${w.padStart(2, '0')}`);
      return;
    }
    // "The two countries", "обе стороны", "دو کشور", "trade between the two": the parties, not a figure.
    if (PAIR.test(next) || (spelled === 2 && THE_TWO.test(words[i - 1] ?? '') && !UNITS.some(([re]) => re.test(next)))) return;
    // "Two decades" is 20 years.
    if (DECADES.test(next)) {
      numbers.push({ value: (spelled ?? Number(w)) * 10, unit: 'years' });
      return;
    }
    const value = spelled ?? Number(w);
    const unitOf = (word: string) => UNITS.find(([re]) => re.test(word))?.[1];
    // "55 млрд кубометров", "۵۵ میلیارد متر مکعب": billions of cubic metres, not of dollars.
    const found = unitOf(next) === 'USD bn' && unitOf(words[i + 2] ?? '') === 'bcm/yr' ? 'bcm/yr' : unitOf(next);
    // "55 bcm every month", "в месяц", "در ماه": a monthly volume, not the yearly one.
    const unit =
      found === 'bcm/yr' && (PER_MONTH.test(words.slice(i + 2, i + 10).join(' ')) || MONTHLY.test(words.slice(Math.max(0, i - 3), i).join(' ')))
        ? 'bcm/mo'
        : found;
    const before = words.slice(Math.max(0, i - 3), i).join(' ');
    const bound = MORE_THAN.test(before) ? '>' : LESS_THAN.test(before) ? '<' : undefined;
    // "One", "один", "یک" without a unit are an article or a pronoun ("is this a pact", "one of them").
    if (spelled === 1 && !unit) return;
    // "2025 года", "в 2024 году", "سال ۲۰۲۴": a year, not a span of 2,025 years.
    const yearWord = /^(?:год|года|году|годом|г|سال)$/u.test(next) || words[i - 1] === 'سال';
    if ((!unit || yearWord) && !bound && Number.isInteger(value) && value >= 1900 && value <= 2100) years.push(value);
    else numbers.push({ value, ...(unit ? { unit } : {}), ...(bound ? { bound } : {}) });
  });
  // "In February 2025", "в феврале", "در فوریه": a month without a day ("may" only before a year: it is mostly a verb).
  const months: string[] = [];
  words.forEach((w, i) => {
    const month = monthOf(w);
    if (!month || /^\d{1,2}$/.test(words[i - 1] ?? '') || /^\d{1,2}$/.test(words[i + 1] ?? '')) return;
    const yearNext = /^(?:19|20)\d\d$/.test(words[i + 1] ?? '');
    if (yearNext || (month !== 5 && /^(?:in|during|by|в|во|در)$/u.test(words[i - 1] ?? ''))) months.push(String(month).padStart(2, '0'));
  });
  return { numbers, years, days, months };
}

/** Month names in the three languages (normalised; Russian in the genitive and nominative; Persian the Gregorian names the source uses). */
const MONTHS: RegExp[] = [
  /^(?:jan|january|январ\p{L}*|ژانویه)$/u,
  /^(?:feb|february|феврал\p{L}*|فوریه)$/u,
  /^(?:mar|march|март\p{L}*|مارس)$/u,
  /^(?:apr|april|апрел\p{L}*|آوریل)$/u,
  /^(?:may|ма[яй])$/u,
  /^(?:jun|june|июн\p{L}*|ژوئن)$/u,
  /^(?:jul|july|июл\p{L}*|ژوئیه)$/u,
  /^(?:aug|august|август\p{L}*|اوت)$/u,
  /^(?:sep|sept|september|сентябр\p{L}*|سپتامبر)$/u,
  /^(?:oct|october|октябр\p{L}*|اکتبر)$/u,
  /^(?:nov|november|ноябр\p{L}*|نوامبر)$/u,
  /^(?:dec|december|декабр\p{L}*|دسامبر)$/u,
];
const monthOf = (word: string): number | undefined => {
  const i = MONTHS.findIndex((re) => re.test(word));
  return i >= 0 ? i + 1 : undefined;
};

const AGAINST: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:withdr[ae]w\p{L}*|(?<!(?:the|\d{4}) )fights?(?! (?:in|over|of|between|for)(?![\p{L}]))|fighting (?!(?:in|over|of|between|for)(?![\p{L}]))(?=\p{L})|combat(?! readiness)\p{L}*|tackl\p{L}*|battl\p{L}*|confront\p{L}*|crack(?:ing)? down|pull(?:ed|ing|s)? (?:\p{L}+ ){0,3}?(?:out|back)|pulled|remov\p{L}*|retreat\p{L}*|exit\p{L}*|reduc\p{L}*|less|lower|cut|cutting|bypass\p{L}*|without|avoid\p{L}*|away from|independen\p{L}*|counter\p{L}*|offset\p{L}*|balanc\p{L}* out|contain\p{L}*|limit\p{L}*|curb\p{L}*|weaken\p{L}*|replac\p{L}*|abandon\p{L}*|ditch\p{L}*|drop the|move away|moving away|stop using|instead of|circumvent\p{L}*|evad\p{L}*|oppos\p{L}*|deny|denies|denied|block\p{L}*|resist\p{L}*|against|threat\p{L}*|address\p{L}*|respon\p{L}*|repl(?:y|ies|ied)|answer(?:s|ed)? to|in reaction|react\p{L}*|retaliat\p{L}*|fall|fell|fallen|collaps\p{L}*|toppl\p{L}*|oust\p{L}*|overthr\p{L}*|downfall|end of)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:вывел\p{L}*|вывод\p{L}*|вывест\p{L}*|отозвал\p{L}*|ушл\p{L}*|сниж\p{L}*|сокращ\p{L}*|уменьш\p{L}*|обход\p{L}*|в обход|без|отказ\p{L}*|независим\p{L}*|противо\p{L}*|сдерж\p{L}*|огранич\p{L}*|вместо|против|угроз\p{L}*|ответ\p{L}*|реакц\p{L}*|пал|пала|падени\p{L}*|крах\p{L}*|сверг\p{L}*|рухн\p{L}*)(?![\p{L}])/u,
  fa: /(?<![\p{L}])(?:خارج (?:کرد|شد|می ?کند|می ?کنند)\p{L}*|بیرون (?:کشید|برد)\p{L}*|عقب ?نشینی|فراخواند|کاهش|کم ?کردن|دور زدن|بدون|بی ?نیاز|استقلال|مقابله|مهار|محدود|به جای|علیه|تهدید\p{L}*|کنار گذاشتن|پاسخ|واکنش|سقوط|فروپاشی|سرنگون\p{L}*)(?![\p{L}])/u,
};

const DECLINE: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:fall|fell|fallen|drop|dropped|decline\p{L}*|decreas\p{L}*|shrink\p{L}*|shrank|shrunk|slump\p{L}*|plunge\p{L}*|contract\p{L}*ed|down|lower|lose|loses|losing|lost|reduc\p{L}*|cut back|cuts back|cutting back|cut|cuts|cutting|sever\p{L}*|downgrad\p{L}*|scaled? back|scaling back|scal\p{L}* down|wind\p{L}* down|pull(?:s|ed|ing)? back|weaken\p{L}*|downgrad\p{L}*|halt\p{L}*|stopp?\p{L}*)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:упал\p{L}*|упад\p{L}*|снизил\p{L}*|сократил\p{L}*|уменьшил\p{L}*|падени\p{L}*|спад\p{L}*|ослаб\p{L}*|свернул\p{L}*|сворачива\p{L}*|свернут\p{L}*|прекрат\p{L}*)(?![\p{L}])/u,
  fa: /(?<![\p{L}])(?:خارج کرد|بیرون کشید|عقب ?نشینی|فراخواند|کاهش|افت|سقوط|کم شد)(?![\p{L}])/u,
};

const CEASE: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:leave|leaves|leaving|left|stop|stops|stopped|stopping|quit|quits|quitting|end|ends|ended|ending|cease\p{L}*|halt\p{L}*|give up|gave up|given up|giving up|walk(?:ed|s)? away|abandon\p{L}*|withdr[ae]w\p{L}*|pull(?:ed|ing|s)? out|exit\p{L}*|vacat\p{L}*|drop(?:ped)?|terminat\p{L}*|no longer|not any ?more|discontinu\p{L}*|shut(?:s|ting)? (?:\p{L}+ ){0,3}?down|clos(?:e|es|ed|ing) (?:down|up)|pull(?:ed|ing|s)? (?:\p{L}+ ){1,3}?out)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:покин\p{L}*|покида\p{L}*|ушл\p{L}*|уш[её]л|уйд\p{L}*|ухо[дж]\p{L}*|оставил\p{L}*|бросил\p{L}*|прекрат\p{L}*|прекраща\p{L}*|перестал\p{L}*|переста\p{L}*|отказал\p{L}*|отказ\p{L}*|свернул\p{L}*|вывел\p{L}*|больше не)(?![\p{L}])/u,
  fa: /(?:ترک|متوقف|دست (?:کشید|برداشت|بکشد|بردارد)|کنار (?:گذاشت|کشید|رفت)|رها کرد|خارج شد|دیگر (?:ن|حمایت ن))/u,
};

/** Words that stand for the two parties together ("do the countries share…", "друг с другом", "دو کشور"): no subject of their own. */
const PARTY_WORDS: Record<Lang, RegExp> = {
  en: /^(?:countri|country|side|sides|parti|nation|nations|both|two|each|other|partner|partners|state|states|govern|government|governments|togeth|jointli)$/u,
  ru: /^(?:стран|сторон|государств|об|обе|обеих|обоих|обои|две|два|двух|двум|друг|партнер|вмест|совместн)$/u,
  fa: /^(?:کشور|کشورها|طرف|طرفین|دو|یکدیگر|همدیگر|هم|دولت|دولتها|باهم)$/u,
};

/** The agreement itself and asking whether it takes something in ("does the deal include…", "охватывает ли договор…"): the frame of every question, no subject. */
const FRAME_WORDS: Record<Lang, RegExp> = {
  en: /^(?:agreement|partnership|includ|cover|involv|contain)$/u,
  ru: /^(?:соглашен|договор|сделк|партнерств|включа|охватыва|предусматрива)$/u,
  fa: /^(?:توافقنامه|شامل)$/u,
};

/** The agreement named as such (stems), which makes "include", "cover", "contain" its frame. */
const AGREEMENT_STEMS: Record<Lang, RegExp> = {
  en: /^(?:agreement|partnership|deal|treati|treaty|pact|accord)$/u,
  ru: /^(?:соглашен|договор|сделк|партнерств|пакт)$/u,
  fa: /^(?:توافقنامه|توافق|قرارداد|پیمان|معاهده|مشارکت)$/u,
};

/** Light verbs that carry no subject of their own ("hold exercises", "run war games", "проводить учения", "برگزار کردن"). */
const LIGHT_WORDS: Record<Lang, RegExp> = {
  // (And the words of a confirming tag: "…, isn't it?", "…, right?".)
  en: /^(?:least|partli|mostli|mainli|primarili|chiefli|somewhat|exactli|precis|specif|one|ones|hold|held|run|ran|conduct|carri|carry|do|doe|did|make|made|get|got|take|took|have|has|had|go|goe|went|happen|isnt|arent|wasnt|werent|doesnt|dont|didnt|hasnt|havent|wont)$/u,
  ru: /^(?:провод|провест|провед|проведут|дела|сдела|име|получ)$/u,
  fa: /^(?:برگزار|انجام|میکنند|میکند|کنند|کند|دارند|دارد|میشود|شود)$/u,
};

/** "Against each other", "друг против друга", "علیه یکدیگر". */
const RECIPROCAL: Record<Lang, RegExp> = {
  en: /against (?:each other|one another)/gu,
  ru: /друг против друга/gu,
  fa: /علیه (?:یکدیگر|همدیگر)/gu,
};

/** Words that open a condition. */
const CONDITION: Record<Lang, RegExp> = {
  en: /^(?:if|unless|when|whenever|should)$/u,
  ru: /^(?:если|при|случае|коли)$/u,
  fa: /^(?:اگر|اگه|صورت|چنانچه)$/u,
};

/** Words that ask what the source says about something rather than about a detail of it ("how does Turkey figure in this?"). */
export const ABOUT_WORDS = new Set(
  'article piece story stories source arrangement arrangements factor factors factored factoring say says said mention mentions mentioned anywhere somewhere write wrote present presents presented presenting portray portrays portrayed frame frames framed framing depict depicts depicted characterize characterizes characterized characterise characterised label labels labelled labeled cast casts paint paints painted представлен представлено представлена изображен изображено описан описано описывается معرفی توصیف figure figures role roles part involve involved involvement stance position view views relation relations relationship regard about concern concerns connection link place fit come comes up appear appears feature features affect affects affected impact impacts effect effects implication implications consequence consequences mean means relevance relevant significance importance standing stake contribution direction directions orientation trajectory leaning leanings tilt posture attitude outlook description descriptions portrayal depiction characterization characterisation стать статья статье влияет влияние последствия означает статьи данным данные согласно говорит говорится сказано упоминается роль место позиция отношение связь значение значимость важность تاثیر تأثیر پیامد پیامدهای مقاله منبع میگوید گفته نقش جایگاه موضع رابطه ارتباط اهمیت'
    .split(' ')
    .map((w) => stem(w)),
);

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
    // ("in the Iranian capital": an article may stand between.)
    const before = analysis.words[e.start - 1] === 'the' ? analysis.words[e.start - 2] : analysis.words[e.start - 1];
    if (!country || askedPlace || LOCATIVE[lang].has(before ?? '')) return e;
    return { ...e, id: country, kind: finder.kindOf(country) ?? e.kind, partner: finder.isPartner(country) };
  });
}

/** The first condition after the question's opening word ("Should…?" opens a question, not a condition). */
function premise(words: readonly string[], lang: Lang): { premiseFrom?: number } {
  const at = words.findIndex((w, i) => i > 0 && CONDITION[lang].test(w));
  return at > 0 ? { premiseFrom: at } : {};
}

/** A contrast said beside a statement ("…, not the other way round"): it asserts nothing of its own. */
const CONTRAST = /^(?:(?:and |but )?not (?:the other way (?:a)?round|vice versa|the (?:reverse|opposite)))$/u;
/** A tag put after a statement for confirmation ("…, right?", "…, is that correct?"). */
const TAG_WORDS = /^(?:right|correct|true|yeah|eh|huh|is that (?:right|correct|true|so|accurate)|am i right)$/u;

const PART_WORD = /^(?:part|parts|portion|some|bit|rest|remainder|much|most)$/u;
const PRONOUN = /^(?:it|that|this|them|those)$/u;

/** Indices of the words of a contrast, a closing tag or a part of "it", in English. */
function asideWords(words: readonly string[], lang: Lang): Set<number> {
  const out = new Set<number>();
  if (lang !== 'en') return out;
  for (let i = 0; i < words.length; i++)
    for (let n = 2; n <= 7 && i + n <= words.length; n++) if (CONTRAST.test(words.slice(i, i + n).join(' '))) for (let k = i; k < i + n; k++) out.add(k);
  for (let n = 1; n <= 3 && n < words.length; n++)
    if (TAG_WORDS.test(words.slice(-n).join(' '))) for (let k = words.length - n; k < words.length; k++) out.add(k);
  // "What happens to part of it?": a part of what the conversation is about, no subject of its own ("as part of its nuclear work").
  words.forEach((w, i) => {
    if (PART_WORD.test(w) && words[i + 1] === 'of' && PRONOUN.test(words[i + 2] ?? '')) out.add(i);
    // ("What becomes of it?" is "what happens to it?".)
    if (/^(?:become|becomes|became)$/u.test(w) && words[i + 1] === 'of') out.add(i);
  });
  return out;
}

export function questionView(
  analysis: Analysis,
  lang: Lang,
  entities: EntityMention[],
  expect: Expectation,
  isStop: (stem: string) => boolean,
  unknownNames = 0,
  unknownKinds: EntityKind[] = [],
  unknownPlaces = 0,
): QuestionView {
  // "3 billion dollars", "5 млрд рублей", "$3.77 billion": a currency next to a figure is its unit, not a thing asked about.
  entities = entities.filter((e) => e.kind !== 'currency' || !(MAGNITUDE.test(analysis.words[e.start - 1] ?? '') || /^\d/.test(analysis.words[e.end] ?? '')));
  const inEntity = new Set<number>();
  for (const e of entities) for (let i = e.start; i < e.end; i++) inEntity.add(i);
  // "Does the deal contain…" is the frame; "trying to contain Turkey's influence" is not: the frame needs the agreement or "it".
  const framed = analysis.stems.some((s) => AGREEMENT_STEMS[lang].test(s)) || /(?:^|\s)(?:it|they|он|оно|они|آن|این)(?:\s|$)/u.test(analysis.normalized);
  const frame = (s: string) => FRAME_WORDS[lang].test(s) && (framed || AGREEMENT_STEMS[lang].test(s));
  const aside = asideWords(analysis.words, lang);
  const content = new Set(
    analysis.stems.filter(
      (s, i) => !inEntity.has(i) && !aside.has(i) && !isStop(s) && !/^\d/.test(s) && !PARTY_WORDS[lang].test(s) && !LIGHT_WORDS[lang].test(s) && !frame(s),
    ),
  );
  const { numbers, years, days, months } = numbersOf(analysis.words);
  return {
    lang,
    normalized: analysis.normalized,
    words: analysis.words,
    stems: analysis.stems,
    content,
    predicate: new Set([...content].filter((s) => !ABOUT_WORDS.has(s))),
    entities,
    numbers,
    years,
    days,
    months,
    expect,
    // "Against each other" says between whom, not a stance.
    against: AGAINST[lang].test(analysis.normalized.replace(RECIPROCAL[lang], ' ')),
    decline: DECLINE[lang].test(analysis.normalized),
    cease: CEASE[lang].test(analysis.normalized),
    unknownNames,
    unknownKinds,
    unknownPlaces,
    includes: INCLUDES[lang].test(analysis.normalized),
    ...premise(analysis.words, lang),
  };
}
