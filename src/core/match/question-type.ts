import type { Lang, QuestionType } from '../data/schema.js';
import { words as re } from '../text/words.js';

/**
 * Detects what kind of answer a question wants from its normalised text,
 * most specific first ("how fast did trade grow" → growth, how_much).
 */
type Patterns = [QuestionType, RegExp][];

const PATTERNS: Record<Lang, Patterns> = {
  en: [
    ['price', re('price[sd]?|pricing|cost[s]?|how much (does|did|will|would) (\\p{L}+ ){1,4}(cost|pay)|tariffs?')],
    ['growth', re('how fast|grow|grew|grown|growth|increase[ds]?|rise|rose|risen|surge[ds]?|jump(ed)?|by how much|percent(age)? (increase|change|growth)')],
    [
      'how_long',
      re(
        'how long|how many years|for how many|duration|length|lifespan|what term|valid (for|until)|last(s)? for|lasting|to last|term of|expir(e|es|y|ation)|run out|until when',
      ),
    ],
    ['when', re('when|(what|which) (\\p{L}+ )?(date|day|month|year)|on what day|in what year')],
    // (A short question may be the noun alone: "Venue?", "Signing city?".)
    [
      'where',
      re(
        'where|(which|what) (city|place|town|capital|location|country)|venue|(signing|host) (city|place|location|town)|(city|place|location) of (the )?signing',
      ),
    ],
    ['who', re('who|whom|whose|which (leaders?|presidents?|people|officials?|heads?)|signatories|signed by')],
    [
      'why',
      re(
        'why|what for|(?:what|whats) (?:is |are |s )?(?:it|this|that|they|these|those|the \\p{L}+) for$|for what reason|reasons?|motivat\\w*|purpose|rationale|what (made|led|prompted|drove|caused|pushed|forced|motivated)|(what|whats) (is |s )?the (point|goal|aim|idea)|(?:meant|designed|intended|supposed) (?:for|to (?:do|achieve|accomplish))$|background|backdrop|goals?|aims? of|what (\\p{L}+ ){0,4}(use|used|using|need|needs|want|wants) (it |them |this |that )?for|what (\\p{L}+ ){0,4}(do|doing|does|did) with (it|them|this|that|all that|the \\p{L}+)$',
      ),
    ],
    [
      'how_much',
      re(
        'how (much|many|big|large)|what (volume|amount|quantity|percentage|percent|share|proportion|portion|fraction|figure|value|level|number|sum|size)|volume|amount|percent(age)?|(share|proportion) of|what part of|how big',
      ),
    ],
  ],
  ru: [
    [
      'price',
      re(
        'цена|цены|цене|цену|ценой|ценам|ценах|ценообразовани\\p{L}*|стоимост\\p{L}*|сколько (стоит|стоил\\p{L}*|будет стоить|(\\p{L}+ )?(будет )?(за)?плат\\p{L}*)|тариф\\p{L}*',
      ),
    ],
    ['growth', re('на сколько (вырос|выросл|увеличил)\\p{L}*|рост\\p{L}*|вырос\\p{L}*|увеличил\\p{L}*|прирост\\p{L}*|как быстро')],
    [
      'how_long',
      re('на какой срок|на сколько лет|как долго|сколько лет|срок\\p{L}*|действ\\p{L}* до|истека\\p{L}*|истечет|истечени\\p{L}*|до какого (года|времени)'),
    ],
    ['when', re('когда|какого числа|в каком году|какого года|дат\\p{L}*')],
    ['where', re('где|в каком городе|в каком месте|куда|место (подписания|встречи|проведения)|город (подписания|встречи)')],
    ['who', re('кто|кем|какие (лидеры|президенты)|подписант\\p{L}*')],
    ['why', re('почему|зачем|причин\\p{L}*|цел\\p{L}*|для чего|что (заставило|побудило|подтолкнуло)|предыстори\\p{L}*')],
    ['how_much', re('сколько|какой объем|каков объем|объем\\p{L}*|какая доля|какова доля|доля|долю|доли|какой процент|процент\\p{L}*|какая сумма|сумм\\p{L}*')],
  ],
  fa: [
    ['price', re('قیمت\\p{L}*|هزینه\\p{L}*|چقدر (می ?ارزد|خرج)|تعرفه\\p{L}*')],
    ['growth', re('رشد|افزایش|چقدر بیشتر|چند درصد رشد')],
    ['how_long', re('چه مدت|چند سال|چند ساله|مدت|تا کی|منقضی|انقضا|تا چه سالی|تا چه زمانی')],
    ['when', re('کی|چه زمانی|چه تاریخی|چه روزی|چه سالی|تاریخ')],
    ['where', re('کجا|در کدام شهر|کدام شهر|چه شهری|محل (امضا|امضای|برگزاری|دیدار)|مکان (امضا|امضای)')],
    ['who', re('چه کسی|چه کسانی|کیا|امضاکنندگان')],
    ['why', re('چرا|به چه دلیل|دلیل|علت|انگیزه|باعث شد|هدف|برای چه|پیشینه')],
    ['how_much', re('چقدر|چه مقدار|چه میزان|میزان|حجم|چند درصد|درصد|سهم|چند')],
  ],
};

/** Growth of something that has no figure (influence, role, presence): not a question about a growth rate. */
const UNMEASURED_GROWTH: Record<Lang, RegExp> = {
  en: re(
    '(growth|rise|increase) (of|in) (\\p{L}+ ){0,2}(influence|power|role|presence|clout|weight|standing)|(growing|rising|increasing) (\\p{L}+ )?(influence|power|role|presence|clout|weight|standing)',
  ),
  ru: re(
    '(рост|усилени|возрастани|увеличени)\\p{L}* (\\p{L}+ )?(влияни|рол|присутстви|вес|мощ|могуществ)\\p{L}*|(растущ|возрастающ|усиливающ)\\p{L}* (\\p{L}+ )?(влияни|рол|присутстви|вес|мощ|могуществ)\\p{L}*',
  ),
  fa: re('(رشد|افزایش) (نفوذ|نقش|حضور|قدرت)|(نفوذ|نقش|حضور|قدرت) رو به (رشد|افزایش)'),
};

/** What a "price" of trade, a deal or exchanges means: their value. */
const VALUE_OF: Record<Lang, RegExp> = {
  en: re('trade|commerce|turnover|exchanges?'),
  ru: re('торговл\\p{L}*|товарооборот\\p{L}*|обмен\\p{L}*'),
  fa: re('تجارت|داد و ستد|مبادلات'),
};

/** Things whose growth the source measures (trade, figures): growth of anything else ("the rise of Turkey") is no growth-rate question. */
const MEASURED: Record<Lang, RegExp> = {
  en: re(
    'trade|commerce|turnover|exports?|imports?|volumes?|figures?|percent(age)?|economy|economic|gdp|supplies|supply|gas|payments?|transactions?|investments?|rate|how (much|fast)|by how much',
  ),
  ru: re(
    'торгов\\p{L}*|товарооборот\\p{L}*|экспорт\\p{L}*|импорт\\p{L}*|объем\\p{L}*|процент\\p{L}*|экономик\\p{L}*|поставк\\p{L}*|газ\\p{L}*|платеж\\p{L}*|расчет\\p{L}*|насколько|на сколько|как быстро',
  ),
  fa: re('تجارت|صادرات|واردات|حجم|درصد|اقتصاد|گاز|پرداخت|مبادلات|چقدر|چند درصد'),
};

/** "How long is the railway in kilometres": a length, which is a figure, not a duration. */
const LENGTH: Record<Lang, RegExp> = {
  en: re('km|kms|kilomet(er|re)s?|miles?|meters|metres'),
  ru: re('км|километр\\p{L}*|миль|метр\\p{L}*'),
  fa: re('کیلومتر|مایل|متر'),
};

export function questionTypes(normalized: string, lang: Lang = 'en'): QuestionType[] {
  const unmeasured = UNMEASURED_GROWTH[lang].test(normalized) || !MEASURED[lang].test(normalized);
  let found = PATTERNS[lang].filter(([type, pattern]) => !(type === 'growth' && unmeasured) && pattern.test(normalized)).map(([type]) => type);
  if (found.includes('how_long') && LENGTH[lang].test(normalized)) found = [...found.filter((type) => type !== 'how_long'), 'how_much'];
  // "How much is trade worth?" asks for a value, not a price.
  if (found.includes('price') && VALUE_OF[lang].test(normalized))
    return found.filter((type) => type !== 'price').concat(found.includes('how_much') ? [] : ['how_much']);
  // "How much does it cost?" asks for a price, not for any other figure of the topic.
  return found.includes('price') ? found.filter((type) => type !== 'how_much') : found;
}
