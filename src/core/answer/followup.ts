import type { Lang } from '../data/schema.js';
import type { QuestionView } from './question.js';
import { opening as start, words as re } from '../text/words.js';

/** Openings that continue the conversation ("and for how long?", "а где?", "و چقدر؟"). */
const CONTINUES: Record<Lang, RegExp> = {
  en: start('and|but|so|also|plus|then|ok and|okay and|what about|how about|and what about|what else|anything else|same for|and the|any other|what of'),
  ru: start('а|и|но|еще|ещё|также|тогда|а что|а как|что насчет|а насчет|что еще|а еще|ну а'),
  fa: start('و|اما|ولی|پس|همچنین|در مورد|درباره|راجع به|چی درباره|دیگه'),
};

/** Asking for the rest of what was being talked about, and nothing else ("what else?", "tell me more", "что ещё?", "بیشتر بگو"). */
const MORE: Record<Lang, RegExp> = {
  en: /^(?:(?:and|ok|okay|so|but) )?(?:what else|anything else|anything more|anything (?:beyond|besides|other than|apart from|except) (?:that|this|the)(?: \p{L}+)?|beyond that|what more|more|tell me more|more details?|more info|go on|keep going|continue|(?:is there )?anything else|what else is there|(?:and )?the rest)(?: (?:about it|about that|on that|on this|there|then|please|pls))?$/u,
  ru: /^(?:(?:а|и|ну) )?(?:что ещ[её]|ещ[её] что(?:-| )?нибудь|а ещ[её]|подробнее|расскажи подробнее|расскажите подробнее|расскажи ещ[её]|расскажите ещ[её]|дальше|что дальше|что-то ещ[её]|что то ещ[её])(?: (?:об этом|про это|пожалуйста))?$/u,
  fa: /^(?:و )?(?:دیگه چی|دیگر چه|دیگه چه|چه چیز دیگری|بیشتر بگو|بیشتر توضیح بده|بیشتر|ادامه بده|ادامه)(?: (?:بگو|لطفا))?$/u,
};

/** Whether a question asks for more of the conversation's topic and names nothing of its own. */
export function asksMore(normalized: string, lang: Lang): boolean {
  return MORE[lang].test(normalized);
}

/** Words that stand for something said before ("it", "they", "that", "его", "آن"). */
const PRONOUN: Record<Lang, RegExp> = {
  // ("Which one is the Iranian one?": "one" stands for a thing the conversation named.)
  // ("What did Russia do in the region after?": the region the conversation is about.)
  en: re('it|its|they|them|their|this|that|these|those|he|she|there|(?:which|the|this|that|\\p{L}+(?:an|ish|ese)) ones?|(?:the|that) (?:region|area)'),
  ru: re('он|она|оно|они|его|ее|её|их|ему|ей|им|это|этот|эта|эти|этого|этой|этих|там|тот|та|те'),
  fa: re('آن|این|آنها|اینها|اونها|اون|اینجا|آنجا|او'),
};

/** "This agreement", "этот договор", "این توافق": a demonstrative that names the agreement, not a pronoun standing for something said. */
const NAMED_AGREEMENT: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:this|that|the) (?:\p{L}+ )?(?:agreement|deal|treaty|pact|partnership|accord|document)(?![\p{L}])/gu,
  ru: /(?<![\p{L}])(?:это|этот|эта|этом|этого|этой|этому|эту|тот|та|том|той)(?: \p{L}+)? (?:соглашени|договор|сделк|пакт|партн[её]рств|документ)\p{L}*/gu,
  fa: /(?<![\p{L}])(?:این|آن|اون)(?: \p{L}+)? (?:توافق|توافقنامه|قرارداد|پیمان|معاهده|مشارکت|سند)\p{L}*/gu,
};

/** Whether a question refers to something by a pronoun and names nothing itself ("how long does it last?"). */
export function leansOnPronoun(q: QuestionView): boolean {
  return PRONOUN[q.lang].test(q.normalized.replace(NAMED_AGREEMENT[q.lang], ' ')) && q.entities.every((e) => e.partner);
}

/** Whether a question names the agreement with a demonstrative ("why did they sign this pact?"): about it, unless its own words say otherwise. */
export function namesTheAgreement(q: QuestionView): boolean {
  NAMED_AGREEMENT[q.lang].lastIndex = 0;
  return NAMED_AGREEMENT[q.lang].test(q.normalized) && q.entities.every((e) => e.partner);
}

/**
 * Whether a question leans on the conversation: it opens with a continuation,
 * or it is short and names nothing of its own (a pronoun, or only a question
 * word: "how much per year?", "and where?").
 */
export function isFollowUp(q: QuestionView, topicConfidence: number): boolean {
  const words = q.normalized.split(' ').filter(Boolean).length;
  if (CONTINUES[q.lang].test(q.normalized)) return true;
  const ownEntities = q.entities.filter((e) => !e.partner).length;
  if (words <= 8 && PRONOUN[q.lang].test(q.normalized) && ownEntities === 0) return true;
  // ("Why?", "how so?": a question word alone asks it of what was just said, however surely the matcher reads it as the agreement's.)
  if (words <= 2 && q.content.size === 0 && q.entities.length === 0 && q.expect.types.length > 0) return true;
  return words <= 5 && q.content.size <= 2 && ownEntities === 0 && topicConfidence < 0.6;
}

/** A question that is a question word or noun alone ("Venue?", "Length?", "Когда?"): with nothing in context it asks about the agreement. */
export function asksBare(q: QuestionView): boolean {
  // ("And where?" continues a conversation: with none, it asks about nothing.)
  return q.words.length <= 2 && q.entities.length === 0 && q.expect.types.some((t) => t !== 'what') && !CONTINUES[q.lang].test(q.normalized);
}
