import type { Lang } from '../data/schema.js';
import { stem } from '../text/stem.js';
import type { QuestionView } from './question.js';

/**
 * The words and shapes of questions the answer step reads: what a question asks of the source
 * (a share, a part, a date to come, another agreement…), and the thresholds it decides by.
 */
/** Russian and Persian verb endings and prefixes (stemmed forms): a verb the data lacks is a form, not a notion it lacks. */
export const VERB_FORM: Record<Lang, RegExp> = {
  en: /^$/u,
  ru: /(?:ть|ти|ет|ют|ут|ит|ят|ем|им|ешь|ишь|ал|ала|али|ало|ил|ила|или|ило|ся|сь)$/u,
  fa: /^(?:می|نمی|ب|ن)\p{L}+(?:ند|د|م|ی|یم|ید)$|(?:کرد|کردند|شد|شدند|است|اند)$/u,
};

/** A claim counts as answering when it covers this much of the question, names what it asks about, or its topic is this sure. */
export const RELEVANT = { lexical: 0.3, topic: 0.3 };
/** Third parties the source discusses in the partnership's context: kinds of entity that are "other parties". */
export const PARTY_KINDS = new Set(['country', 'organisation', 'region', 'person', 'group']);
/**
 * Kinds of thing the source names by proper names (a port, a sea, a bloc), so that a "which X" no claim
 * names one of says the source does not say which; not persons ("who" has its own checks) nor kinds
 * named by ordinary words ("which areas", "which sectors").
 */
export const NAMED_KINDS = new Set(['country', 'organisation', 'group', 'city', 'facility', 'sea', 'corridor', 'currency', 'network']);
/** Share of a question's words (idf-weighted) that the answering topic never uses, past which the source does not say what was asked. */
export const UNCOVERED = 0.45;
/**
 * Stems that name no subject of their own, so that the source never using them says nothing of what it
 * covers: the source and its parts ("per the report", "the opening paragraph"), counts ("three aims"),
 * verbs of trying and serving ("trying to promote", "meant to serve", "what role does X play"), hedges ("at least
 * partly", "mainly") and fillers.
 */
export const NO_SUBJECT: Record<Lang, RegExp> = {
  en: /^(?:report|paragraph|open|describ|per|accord|one|two|three|four|five|six|broad|main|kei|try|tri|meant|mean|serv|plai|role|work|cope|handl|hmm|late|actual|realli|basic|sort|kind|type|partli|least|some|mostli|mainli|larg|primarili|chiefli|arrang|sinc|dure|befor|after|until|whose|hope|want|wish|seek|bring|brought)$/u,
  ru: /^(?:стать|абзац|текст|пиш|описыва|описан|дв|тр|четыр|пят|основн|главн|пыта|роль|игра)$/u,
  fa: /^(?:مقاله|گزارش|پاراگراف|بند|سه|دو|چهار|اصلی|نقش)$/u,
};
/** Nouns of a purpose ("what is the point of the parallel system?"): a why-question, not an attribute the source lacks. */
export const PURPOSE = /^(?:point|purpos|goal|aim|idea|reason|rational|logic|motiv|object|inten|sens)$/u;
/** Words after a party that say what it is to do, not an attribute of it ("the task forces supposed to fight", "Iran meant to get"). */
export const MODAL = /^(?:suppos|meant|set|expect|due|tri|try|plan|abl|allow|requir|need|aim|go|about|like|name|full|call)$/u;
/** Asking what the source says of something ("say about", "mention", "говорится о", "درباره"). */
export const ASKS_WHAT_IT_SAYS =
  /(?<![\p{L}])(?:say|says|said|mention\p{L}*|about|cover\p{L}*|discuss\p{L}*|говорит\p{L}*|упомина\p{L}*|сказано|пишет|میگوید|گفته|اشاره|درباره)(?![\p{L}])/u;
/** Words that name the source itself: "according to the article" says where, not what is mentioned. */
/**
 * Words that ask only what the source says of something ("what does it say about", "is X mentioned", "что говорится о"),
 * and the agreement it is asked of ("how does the US factor into the partnership?").
 */
export const MENTION_WORDS = new Set(
  'partnership agreement deal treaty pact accord arrangement say says said mention mentions mentioned write wrote written come comes up appear appears feature features figure figures factor factors fit fits role roles part play plays tell talk talks about anywhere somewhere all говорится сказано упоминается упоминаются пишут написано میگوید گفته اشاره'
    .split(' ')
    .map((w) => stem(w)),
);
export const SOURCE_NOUNS = new Set('article piece story stories source text статья статье статьи источник مقاله منبع متن'.split(' ').map((w) => stem(w)));
/** A when-question about something to come ("when will … start", "когда начнутся…", "کی شروع می‌شود"). */
export const FUTURE_WHEN: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:when (?:will|would|are|is|do|does)(?: \p{L}+){0,10}? (?:start|begin|commence|launch|kick off|flow|arrive|happen|take place|open|be (?:finished|completed|built|ready|done|operational|launched|opened))|(?:scheduled|due|expected|set|planned|slated) to (?:open|start|begin|launch|finish|be (?:finished|completed|ready|operational|opened)|become operational|come online))(?![\p{L}])/u,
  ru: /(?<![\p{L}])когда (?:\p{L}+ ){0,4}?(?:начн\p{L}*|стартуют|стартует|запуст\p{L}*|будет|будут|завершат\p{L}*|пойд\p{L}*)(?![\p{L}])/u,
  fa: /(?:کی|چه زمانی) (?:\p{L}+ ){0,5}?(?:شروع|آغاز|راه ?اندازی|تکمیل) (?:می ?شود|خواهد|میشه)/u,
};
/** Question types a figure answers. */
export const FIGURES = new Set(['how_much', 'how_long', 'when', 'price', 'growth']);
/** Words that join two things an attribute is of ("the rial to ruble rate"). */
export const PAIR_JOIN = /^(?:to|and|vs|versus)$/u;
/** Words that join an attribute to what it is of. */
export const OF = /^(?:of|between)$/u;
/** A share asked for ("what percentage", "what share of", "какую долю", "چند درصد"): only a figure in percent answers it. */
export const SHARE_ASKED: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:percentage|percent|per cent|proportion|fraction|what share|which share|how big a share|how large a share)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:процент\p{L}*|(?:как\p{L}* )?дол\p{L}+ (?!процент)|какая часть|какую часть)/u,
  fa: /(?:درصد|چه سهمی|چه نسبتی|سهم)/u,
};
/** Words of a change in amount ("went up", "grew", "вырос", "رشد"): a percentage asked with them is a rate of growth. */
export const CHANGE: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:up|grow\p{L}*|grew|rise|rises|rose|risen|climb\p{L}*|increas\p{L}*|surg\p{L}*|jump\p{L}*|expand\p{L}*|fall|fell|drop\p{L}*|declin\p{L}*|shr[iu]nk\p{L}*|down)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:вырос\p{L}*|выро\p{L}*|рост\p{L}*|увелич\p{L}*|сниз\p{L}*|упал\p{L}*|сократ\p{L}*)/u,
  fa: /(?:رشد|افزایش|کاهش)/u,
};
/** "Which parts of", "what kind of areas in" right before a place: English, where "area" alone asks for no region. */
export const PARTS_OF = /(?:^|\s)(?:which|what)(?: kinds? of| sort of)? (?:parts?|areas?|places?) (?:of|in|within|inside)(?: the)?$/u;
export const PLACE_OF_PARTS = new Set(['country', 'region']);
/** Measures of a resource other than what changes hands ("produce", "reserves", "consume"): a figure the source may not give. */
export const OTHER_MEASURE: Record<Lang, RegExp> = {
  en: /^(?:produce|produces|produced|producing|production|output|extract|extracts|extracted|extraction|reserves|consume|consumes|consumed|consumption|burn|burns|store|stores|stored|storage)$/u,
  ru: /^(?:производ\p{L}*|добыва\p{L}*|добыч\p{L}*|добуд\p{L}*|запас\p{L}*|потребл\p{L}*|выраб\p{L}*)$/u,
  fa: /^(?:تولید|استخراج|ذخایر|ذخیره|مصرف)$/u,
};
/** What someone said ("what did Putin say", "his speech", "the press conference"), which the source never quotes. English. */
export const SAID_BY_PERSON =
  /(?<![\p{L}])(?:(?:what|anything) (?:did|has|have) (?!(?:the|this|your) (?:article|source|piece|report|story|text))(?:\p{L}+ ){1,5}(?:say|said|tell|told|announce|announced|declare|declared)|press conference|speech|speeches|remarks|quoted?)(?![\p{L}])/u;
/** A noun in the plural ("bases", "базы", "پایگاه‌ها"), roughly: enough to tell several things asked for from one. */
export const PLURAL: Record<Lang, RegExp> = {
  en: /[^s]s$/u,
  ru: /[ыи]$/u,
  fa: /ها(?:ی|یی)?$/u,
};
/** Kinds of entity that say where something is, as an answer to "where" ("in Syria", "in the Caucasus"). */
export const ANSWER_PLACES = new Set(['country', 'city', 'region', 'sea']);
/** Nouns for an agreement, in each language. */
export const AGREEMENT_NOUN: Record<Lang, RegExp> = {
  en: /^(?:agreement|agreements|deal|deals|treaty|treaties|pact|pacts|accord|accords)$/u,
  ru: /^(?:соглашени\p{L}*|договор\p{L}*|сделк\p{L}*|пакт\p{L}*)$/u,
  fa: /^(?:توافق\p{L}*|قرارداد\p{L}*|پیمان\p{L}*|معاهده\p{L}*)$/u,
};
/** Prepositions that place a party in an agreement ("how does BRICS figure in the agreement?") rather than name another one. */
export const PLACING = /^(?:in|into|within|inside|on|under|for|by|at|from|through|via|during|as|в|во|на|по|для|при|за|در|به|برای|از)$/u;
/** Several things asked for at once ("what areas", "which goals", "какие цели", "چه حوزه‌هایی"). */
export const SEVERAL_ASKED: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:what|which) (?:\p{L}+ ){0,2}(?:areas|fields|spheres|domains|goals|aims|objectives|purposes|things|ways|kinds|types|sorts|parts)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:какие|каких|в каких) (?:\p{L}+ )?(?:сферы|сферах|области|областях|цели|задачи|направления|направлениях)(?![\p{L}])/u,
  fa: /(?:چه|کدام) (?:حوزه|زمینه|اهداف|هدف)/u,
};
/** Scores this close are a tie between claims. */
export const TIE = 0.02;
/** The word before a currency a figure is asked in ("in dollars", "в долларах", "به دلار"). */
export const IN_UNIT = /^(?:in|into|в|به|بر|با)$/u;
/** "How much of…", "какая часть", "چه مقدار از": a part of something asked for. */
export const PART_OF: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:how (?:much|many) of|part of|portion of)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:какая часть|какую часть|сколько из)(?![\p{L}])/u,
  fa: /(?:چه مقدار از|چقدر از|چه بخشی از)/u,
};
/** Currencies the source's figures are given in. */
export const UNIT_CURRENCY = new Set(['us-dollar']);
/** The word of exclusivity in "only about energy", "только", "فقط". */
export const ONLY_WORD =
  /^(?:only|purely|solely|exclusively|just|merely|simply|mainly|strictly|nothing|только|исключительно|лишь|чисто|сугубо|فقط|صرفا|صرفاً|تنها|منحصرا|منحصراً)$/u;
/** Questions shaped "what is the X of P" / "who is P's X", which ask for an attribute of a party ("what's the X" is normalised "what the X"). */
export const ATTRIBUTE_QUESTION: Record<Lang, RegExp> = {
  en: /^(?:whats|whos|what (?:is|was|are|were)|what(?= the )|who (?:is|was|are|were)|how (?:much|many|big|large|old|rich|strong) (?:is|was|are|were|does|do))(?![\p{L}])/u,
  ru: /^(?:каков|какова|каково|каковы|какое|какой|какая|кто|сколько)(?![\p{L}])/u,
  fa: /(?:چیست|کیست|چقدر است|چند است|چه کسی است|چقدره|کیه|چیه)$/u,
};

/**
 * Questions about the stage itself ("is Russia considering…", "are they integrating…", "are they working
 * on…") or about what the source mentions: a plain "yes", where "will they…", "is it finished?" get "in progress".
 */
export const STAGE_ASKED: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:(?:is|are|am|theyre|its|were|hes|shes)(?: (?!going)\p{L}+){0,5}? (?!going)\p{L}{3,}ing|being \p{L}+(?:ed|en|t)|consider\p{L}*|plan(?:s|ned|ning)?|mention\p{L}*|article|source)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:рассматрива\p{L}*|работают|разрабатыва\p{L}*|интегрир\p{L}*|развива\p{L}*|ведут|ведётся|ведется|ид[её]т|планиру\p{L}*|упомина\p{L}*|говорится|стать\p{L}*|источник\p{L}*)(?![\p{L}])/u,
  fa: /(?:بررسی میکن|در حال|کار میکن|برنامه|اشاره|ذکر|مقاله|منبع|توسعه میده)/u,
};

/** A reaction to the agreement itself ("how did Israel respond to the pact?", "как Израиль отреагировал на договор"), which the source reports of no one. */
export const REACTION_TO_AGREEMENT: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:respon\p{L}*|react\p{L}*|say|said|says|view\p{L}*|think\p{L}*|feel\p{L}*|comment\p{L}*|condemn\p{L}*|welcom\p{L}*|criticis\p{L}*|criticiz\p{L}*|opinion) (?:\p{L}+ ){0,3}(?:to|of|on|about) (?:the|this|that) (?:\p{L}+ ){0,2}(?:agreement|deal|treaty|pact|partnership|accord|signing)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:отреагир\p{L}*|реагир\p{L}*|реакци\p{L}*|ответ\p{L}*|отнесл\p{L}*|относ\p{L}*|осуд\p{L}*|приветств\p{L}*|критик\p{L}*) (?:\p{L}+ ){0,2}(?:на|к) (?:\p{L}+ )?(?:соглашени|договор|пакт|сделк|партнерств|подписани)\p{L}*|(?:сказал\p{L}*|заявил\p{L}*|говорил\p{L}*|думает|думают) (?:\p{L}+ ){0,3}(?:о|об|про) (?:\p{L}+ )?(?:соглашени|договор|пакт|сделк|партнерств|подписани)\p{L}*|(?:о|об|про) (?:\p{L}+ )?(?:соглашени|договор|пакт|сделк|партнерств)\p{L}* (?:\p{L}+ ){0,2}(?:сказал\p{L}*|заявил\p{L}*|говорил\p{L}*)/u,
  fa: /(?:واکنش|نظر|موضع)\p{L}* (?:\p{L}+ ){0,4}(?:به|درباره|نسبت به) (?:این |آن )?(?:توافق|قرارداد|پیمان|معاهده|مشارکت)\p{L}*|(?:درباره|در مورد|در باره) (?:این |آن )?(?:توافق|قرارداد|پیمان|معاهده|مشارکت)\p{L}* (?:\p{L}+ ){0,2}(?:گفت|گفته|گفتند|اظهار|نوشت)/u,
};

/** A question about who the agreement is between or with ("is the deal between Russia and China?", "did Iran sign it with India?"). */
export const AGREEMENT_PARTIES: Record<Lang, RegExp> = {
  en: /(?:the|this|that) (?:\p{L}+ )?(?:agreement|deal|treaty|pact|partnership|accord) (?:\p{L}+ ){0,2}(?:between|with)|(?:sign|signed|signing|conclud\p{L}*) (?:it |this |that |(?:the|this) (?:\p{L}+ )?(?:agreement|deal|treaty|pact|partnership|accord) |the \p{L}+ |this \p{L}+ )?with/u,
  ru: /(?:соглашени|договор|сделк|пакт|партнерств)\p{L}* (?:\p{L}+ )?(?:между|с|со)(?![\p{L}])|подписа\p{L}* (?:\p{L}+ )?(?:с|со)(?![\p{L}])/u,
  fa: /(?:توافق|قرارداد|پیمان|معاهده|مشارکت)\p{L}* (?:\p{L}+ )?(?:بین|میان|با)(?![\p{L}])/u,
};

/** Words that make an agreement another one than this ("a similar deal with Turkey", "аналогичное соглашение", "توافق مشابه"). */
const ANOTHER: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:similar|another|other|new|separate|second|comparable|parallel|same kind of)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:аналогичн\p{L}*|подобн\p{L}*|похож\p{L}*|друг\p{L}*|нов\p{L}*|отдельн\p{L}*|такое же|такой же)(?![\p{L}])/u,
  fa: /(?:مشابه|دیگری|دیگر|جدید|جداگانه)/u,
};

/** An agreement the question names by a pair with a third party in it ("the China-Iran 25-year agreement", "Iran's agreement with China"). */
export function otherAgreement(q: QuestionView): boolean {
  const third = (e: QuestionView['entities'][number]) => !e.partner && (e.kind === 'country' || e.kind === 'organisation');
  const another = (j: number) => ANOTHER[q.lang].test(q.words.slice(Math.max(0, j - 2), j).join(' '));
  return q.words.some(
    (w, j) =>
      AGREEMENT_NOUN[q.lang].test(w) &&
      // ("Did Turkey and Iran sign a similar agreement?": another one, with a third party among its signers.)
      ((another(j) && q.entities.some((e) => third(e) && e.end <= j)) ||
        // ("How does BRICS figure in the agreement?": a preposition between the party and the noun places the party in the agreement.)
        (q.entities.some((e) => third(e) && e.end <= j && j - e.end <= 5 && !q.words.slice(e.end, j).some((w) => PLACING.test(w))) &&
          !/^(?:with|and|between|to|of|с|и|между|با|و|بین)$/u.test(q.words[j - 1] ?? '')) ||
        // ("Iran's 25-year agreement with China": asked what it includes; "did they sign it with China?" is a yes/no of its own.)
        // ("What's the deal with Syria?", "dealing with Armenia" are idioms: no "deal" here.)
        // ("Did they sign a similar deal with Turkey?": another one, whether yes/no or not.)
        ((another(j) || (!q.expect.yesno && !/(?:^|\s)(?:deal|deals|dealing|dealt) with(?:\s|$)/u.test(q.normalized))) &&
          /^(?:with|between|с|со|между|با|بین)$/u.test(q.words[j + 1] ?? '') &&
          q.entities.some((e) => third(e) && e.start >= j + 2 && e.start <= j + 3))),
  );
}
