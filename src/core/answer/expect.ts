import type { EntityKind, KnowledgeBase, Lang, QuestionType } from '../data/schema.js';
import { questionTypes } from '../match/question-type.js';
import { normalizeText, tokenize } from '../text/normalize.js';
import { stem } from '../text/stem.js';
import { opening as start, words as re } from '../text/words.js';

/** What kind of answer a question expects. */
export interface Expectation {
  /** The question types asked (when, who, where, how_much …), most specific first. */
  types: QuestionType[];
  /** "Which sectors / какие отрасли / چه بخش‌هایی": the kind of thing asked for. */
  kind?: EntityKind;
  /** The kind asked for in the plural ("which bases"): claims naming different ones answer together. */
  many?: boolean;
  /** The noun that asked for the kind, as a stem (a word prefix in Persian): "route" in "which route". */
  noun?: string;
  /** Names asked for as such ("which ports exactly", "the names of the militias", "какие именно"). */
  specific?: boolean;

  /** A yes/no question: the answer leads with yes, no or that the source does not say. */
  yesno: boolean;
  /** "Tell me about / explain / summarise X": the topic's summary. */
  overview: boolean;
}

const WH: Record<Lang, RegExp> = {
  en: re('what|whats|which|who|whos|whom|whose|when|where|wheres|why|how|hows'),
  ru: re(
    'что|чем|чего|кто|кого|кому|кем|где|когда|куда|откуда|почему|зачем|сколько|как|какой|какая|какое|какие|каких|каким|какими|каком|какую|какого|каков|какова|каково|каковы|чей|чья|чьи',
  ),
  fa: re('چه|چی|چیست|چیه|چرا|کجا|کجاست|کی|کیست|کیه|چند|چنده|چقدر|چقدره|کدام|کدوم|کدامند|کداماند|کدامها|کدامیک|کدوما|چطور|چطوره|چگونه|چگونگی'),
};

const YES_NO: Record<Lang, RegExp> = {
  en: start(
    'is|are|was|were|do|does|did|will|would|can|could|has|have|had|should|shall|may|might|must|isnt|arent|wasnt|werent|dont|doesnt|didnt|wont|wouldnt|cant|couldnt|hasnt|havent|is it true|is that true|true that|that|thats|thats not|its|its not|theyre|theyre not',
  ),
  ru: re('ли|правда|верно|действительно|неужели|разве'),
  fa: start('آیا'),
};

/** A tag that asks to confirm a statement, at its end. */
const TAG: Record<Lang, RegExp> = {
  en: /(?:^|\s)(?:right|correct|true|yes|yeah|eh|huh|yes or no|(?:is|isnt|are|arent|was|wasnt|were|werent|do|dont|does|doesnt|did|didnt|has|hasnt|have|havent|will|wont|can|cant|could|couldnt|would|wouldnt|should|shouldnt) (?:it|he|she|they|there|we|you|that|this)|is that (?:right|correct|true|so|accurate)|am i right|did i get (?:that|it) right)$/u,
  ru: /(?:^|\s)(?:да|верно|так|правильно|правда|не так ли|ведь так|это так)$/u,
  fa: /(?:^|\s)(?:درسته|درست است|نه|مگه نه|اینطوره|این طوره|صحیحه|صحیح است)$/u,
};
/** A question that opens with a question word asks for something, whatever its tag. */
/** A which-word right before what would be a tag ("… for trade. Which are they?", "which ones are they"): it asks, it does not confirm. */
const WH_BEFORE_TAG: Record<Lang, RegExp> = {
  en: /(?:^|\s)(?:what|which|who|whom|where|when|why|how)(?: \p{L}+)? (?:is|are|was|were|do|does|did|will|would|can|could) (?:it|they|that|this|he|she|there|we|you)$/u,
  ru: /(?!)/u,
  fa: /(?!)/u,
};
const WH_OPENING: Record<Lang, RegExp> = {
  // ("In which country is that?", "for how long is it?": a preposition may come first.)
  en: /^(?:(?:in|on|at|to|for|from|by|with|since|until|of|into|through|under|within|after|before|during) )?(?:what|which|who|whom|whose|when|where|why|how)(?![\p{L}])/u,
  ru: /^(?:что|кто|где|когда|куда|почему|зачем|сколько|как|какой|какая|какое|какие|каков|чей)(?![\p{L}])/u,
  fa: /^(?:چه|چی|چرا|کجا|کی|چند|چقدر|کدام|کدوم|چطور|چگونه)(?![\p{L}])/u,
};

/** A request phrased as a yes/no question ("can you tell me…") is a request, not a yes/no question. */
const REQUEST: Record<Lang, RegExp> = {
  en: start(
    '(?:can|could|would|will) you (?:please )?(?:tell|explain|give|show|describe|list|summari[sz]e|outline|walk|say|help|provide|share|break down|break it down|go over|go through|run through|run me through|sum up|spell out|lay out|unpack|clarify|detail|elaborate|expand on|recap|clue me in|fill me in)|break down|tell me|explain|describe|summari[sz]e|give me|show me|outline|walk me through|talk about|what about|how about|what do you know about|anything about|info on|information on|overview of|details on',
  ),
  ru: start(
    'расскажи|расскажите|объясни|объясните|опиши|опишите|перечисли|покажи|дай|дайте|что известно|что ты знаешь|что вы знаете|что насчет|а что насчет|можешь рассказать|можете рассказать|подробнее',
  ),
  fa: start('بگو|بگویید|توضیح|درباره|در مورد|شرح|خلاصه|چه می ?دانی|اطلاعاتی درباره'),
};

/** Overview requests: the topic's summary rather than one statement. */
const OVERVIEW: Record<Lang, RegExp> = {
  en: re(
    'tell me about|tell me more|explain|describe|walk (?:me|us) through|break (?:it |this |that )?down|(?:the )?gist|rundown|lowdown|recap|run (?:me|us) through|go (?:over|through)|sum up|(?:part|section|dimension|angle|side|aspect)s? of (?:the|this) (?:article|story|piece|report|text|news)|summari[sz]e|summary|overview|outline|what about|how about|what do you know|what does (?:it |this |the (?:article|source|agreement|deal|treaty|piece|text) )?(?:say|tell us|mention) about|what(?:s| is) (?:the )?(?:deal|story|situation) with|anything about|info on|information on|details on|what is (?:the )?\\w+ (?:partnership|cooperation|collaboration|expansion|alliance|clause)',
  ),
  ru: re('расскажи|расскажите|объясни|объясните|опиши|опишите|подробнее|что известно|что ты знаешь|что насчет|что говорится|в общих чертах|обзор|кратко'),
  fa: re('بگو|بگویید|توضیح|شرح|خلاصه|چه می ?گوید|درباره .* بگو|اطلاعات'),
};

const OPENING: Record<Lang, RegExp> = {
  en: /^(?:(?:according to|per|based on|in|under) (?:the |this |your )?(?:article|source|text|report|agreement|deal|piece|treaty|pact) |so |and |but |also |then |ok |okay |well |hey |now |tell me )+/u,
  ru: /^(?:(?:согласно|по данным|судя по) (?:статье|источнику|тексту) |а |и |так |ну |скажи |скажите )+/u,
  fa: /^(?:(?:طبق|بر اساس|به گفته) (?:مقاله|منبع|متن) |و |خب |پس |بگو )+/u,
};
/** Nouns that ask for names as a which-word does ("the names of the groups", "названия портов"). */
const NAMES: Partial<Record<Lang, RegExp>> = { en: /^names?$/u, ru: /^(?:названия|название|имена)$/u };
/** Names asked for as such: "which ports exactly", "the names of", "какие именно", "دقیقا کدام". */
const SPECIFIC: Record<Lang, RegExp> = {
  en: re('specific|specifically|exactly|precisely|names? of|name the|named|by name'),
  ru: re('именно|конкретно|конкретные|конкретный|названия|название|назови|поименно'),
  fa: re('دقیقا|دقیقاً|مشخصا|مشخصاً|نام|اسم'),
};
const HOW_MANY_FIRST: Record<Lang, RegExp> = { en: /^how (?:many|much)(?![\p{L}])/u, ru: /^сколько(?![\p{L}])/u, fa: /^(?:چند|چقدر)(?![\p{L}])/u };
const CHOICE: Record<Lang, RegExp> = { en: re('or'), ru: re('или'), fa: re('یا') };
const HOW_OFTEN: Record<Lang, RegExp> = { en: re('how often|how frequently'), ru: re('как часто'), fa: re('هر چند وقت|چند وقت یک ?بار|هر چند مدت') };

/** Verbs that make a Russian or Persian sentence without a question word a yes/no question. */
const FINITE_VERB: Partial<Record<Lang, RegExp>> = {
  // (and short passive participles: "договор подписан…?", "работы завершены?")
  ru: /(?:ет|ут|ют|ит|ат|ят|ется|ются|ится|ятся|ал|ала|ало|али|ял|яла|яли|ил|ила|ило|или|ел|ела|ели|ем|им|ешь|ишь|есть|будет|будут|был|была|было|были|лся|лась|лось|лись|даст|дадут|сла|сли|сло|шла|шли|кла|кли|гла|гли)$|^(?:подписан|заключен|завершен|построен|запущен|ратифицирован|одобрен|согласован|утвержден|принят|объявлен|достигнут|выведен|направлен|создан|расширен|модернизирован|сокращен|увеличен|рассчитан|нацелен)(?:а|о|ы)?$/,
  // (and colloquial forms: "قراره … کنه؟", "میشه؟")
  fa: /^(?:ن?می|ن?خواه|ن?دار|ن?کرد|ن?شد|ن?است|ن?هست|ن?بود)|(?:ند|ست|د)$|^(?:قراره|کنه|بکنه|میشه|داره|شده|بوده|هستن)$/,
};

/** Which-words that may be followed by a kind noun, per language ("the names of" asks which, as they do). */
const WHICH: Record<Lang, RegExp> = {
  en: re('which|what|names?'),
  ru: re('какие|какой|какая|какое|каких|каким|какими|каком|какую|какого|какому|которые|которых|какие именно|названия|название|имена'),
  fa: re('کدام|کدوم|چه|کدامین'),
};

interface KindIndex {
  /** Stem (en, ru) or word prefix (fa) → kind. */
  stems: Map<string, EntityKind>;
  prefixes: { prefix: string; kind: EntityKind }[];
}

function kindIndex(kb: KnowledgeBase): KindIndex {
  const stems = new Map<string, EntityKind>();
  const prefixes: KindIndex['prefixes'] = [];
  for (const [kind, nouns] of Object.entries(kb.entities.kinds) as [EntityKind, { en: string[]; ru: string[]; fa: string[] }][]) {
    for (const noun of [...nouns.en, ...nouns.ru]) {
      const tokens = tokenize(normalizeText(noun));
      if (tokens.length) stems.set(tokens.map(stem).join(' '), kind);
    }
    for (const noun of nouns.fa) {
      const word = normalizeText(noun);
      if (word) prefixes.push({ prefix: word, kind });
    }
  }
  prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  return { stems, prefixes };
}

/** Detects what a question expects. Built once per knowledge base (the kind nouns are data). */
export function createExpectations(kb: KnowledgeBase): (normalized: string, lang: Lang) => Expectation {
  const kinds = kindIndex(kb);

  /** Words between a which-word and its noun that say nothing of the kind: "which two sectors", "какие именно отрасли". */
  const FILLER = /^(?:\d+|one|two|three|four|five|other|main|key|exact|specific|именно|конкретно|основные|главные|другие)$/u;
  const KIND_OF = /^(?:kinds?|types?|sorts?|forms?)$/;
  /** Words that end the noun phrase after a which-word: a verb or an article. */
  const BREAK: Record<Lang, RegExp> = {
    en: /^(?:is|are|was|were|do|does|did|will|would|can|could|has|have|had|should|the|a|an|of|in|on|for|to|with|from|by)$/u,
    ru: /^(?:является|являются|был|была|были|было|будет|будут|в|на|для|с|по|из|от|это)$/u,
    fa: /^$/u,
  };

  /** Whether the which-word and its noun ask for several ("which bases", "какие базы", "چه پایگاه‌هایی"). */
  const plural = (which: string, noun: string, lang: Lang): boolean =>
    lang === 'en' ? /[^s]s$/.test(noun) : lang === 'ru' ? /^(?:какие|каких|каким|какими)$/.test(which) : /ها(?:یی|ی)?$/.test(noun);
  let many = false;
  let noun: string | undefined;

  const kindOf = (tokens: string[], lang: Lang): EntityKind | undefined => {
    const which = WHICH[lang];
    many = false;
    noun = undefined;
    // (Persian may ask "which" last, of the noun it opens with: "پایگاه‌های نظامی روسیه در سوریه کدام‌اند؟" — "Russia's bases in Syria are which?")
    const closing = tokens.at(-1) === 'است' || tokens.at(-1) === 'هستند' ? tokens.at(-2) : tokens.at(-1);
    if (lang === 'fa' && /^(?:کدامند|کداماند|کدامها|کدام|کدومن|کدوماند|کدوم)$/u.test(closing ?? '') && !which.test(tokens[0]!)) {
      const hit = kinds.prefixes.find((p) => tokens[0]!.startsWith(p.prefix) || tokens.slice(0, 2).join(' ').startsWith(p.prefix));
      if (hit) {
        many = plural('', tokens[0]!, lang) || !/^(?:کدام|کدوم)$/u.test(closing!) || tokens.at(-1) === 'هستند';
        noun = hit.prefix.split(' ').at(-1);
        return hit.kind;
      }
    }
    for (let i = 0; i < tokens.length; i++) {
      if (!which.test(tokens[i]!)) continue;
      // The noun right after the which-word ("which sectors", "в каких отраслях", "چه بخش‌هایی"), past
      // numerals and "kinds of"; in English and Russian up to two adjectives may come first ("which Russian military bases").
      let j = i + 1;
      // ("The names of the militia groups", "name the blocs": asks which, as a which-word does.)
      if (NAMES[lang]?.test(tokens[i]!) && lang === 'en') {
        if (tokens[j] === 'of') j += tokens[j + 1] === 'the' ? 2 : 1;
        else if (tokens[j] === 'the' && i === 0) j += 1;
        else continue;
      }
      while (j < tokens.length && FILLER.test(tokens[j]!)) j++;
      if (lang === 'en' && KIND_OF.test(tokens[j] ?? '') && tokens[j + 1] === 'of') j += 2;
      // ("Which of the bases…")
      if (lang === 'en' && tokens[j] === 'of' && tokens[j + 1] === 'the') j += 2;
      const last = lang === 'fa' ? j : j + 2;
      // In English the noun is the last kind noun before a verb or an article ("which national currencies": currencies; "what did
      // both countries promise", "what is the stated aim": no kind at all).
      let found: EntityKind | undefined;
      for (let k = j; k <= Math.min(tokens.length - 1, last); k++) {
        if (lang !== 'fa' && BREAK[lang].test(tokens[k]!)) break;
        if (lang === 'fa') {
          const hit = kinds.prefixes.find(
            (p) =>
              tokens[k]!.startsWith(p.prefix) ||
              tokens
                .slice(k, k + 2)
                .join(' ')
                .startsWith(p.prefix),
          );
          if (hit) {
            many = plural(tokens[i]!, tokens[k]!, lang);
            noun = hit.prefix.split(' ').at(-1);
            return hit.kind;
          }
          continue;
        }
        // (Nouns of up to three words: "power plant", "body of water"; an English adverb or adjective is none: "what’s it doing regionally", "regional".)
        const span = [3, 2, 1].find(
          (n) =>
            k + n <= tokens.length &&
            !(lang === 'en' && /(?:ly|ional)$/u.test(tokens[k + n - 1]!)) &&
            kinds.stems.has(
              tokens
                .slice(k, k + n)
                .map(stem)
                .join(' '),
            ),
        );
        const kind = span
          ? kinds.stems.get(
              tokens
                .slice(k, k + span)
                .map(stem)
                .join(' '),
            )
          : undefined;
        const pair = span !== undefined && span > 1;
        if (kind) {
          many = plural(tokens[i]!, tokens[k]!, lang) || plural(tokens[i]!, tokens[k + span! - 1]!, lang);
          noun = stem(tokens[k + span! - 1]!);
          found = kind;
          // (In Russian the noun comes first and a case ends the phrase: "в каком городе лидеры…" asks for a city.)
          if (pair || lang === 'ru') break;
        }
      }
      if (found) return found;
    }
    return undefined;
  };

  const personNoun = (tokens: string[], lang: Lang): EntityKind | undefined =>
    tokens.some((t) => (lang === 'fa' ? kinds.prefixes.some((p) => p.kind === 'person' && t.startsWith(p.prefix)) : kinds.stems.get(stem(t)) === 'person'))
      ? 'person'
      : undefined;

  return (input, lang) => {
    // "were was the deal signed": two auxiliaries in a row, so the first is a misspelt "where".
    let normalized =
      lang === 'en' ? input.replace(/^(?:were|wear|ware|wher|whre) (?=(?:was|is|are|were|did|does|do|will|has|have)(?![\p{L}]))/u, 'where ') : input;
    const tokens = tokenize(normalized);
    let types = questionTypes(normalized, lang);
    // "как …, когда …": a later "когда" joins a clause; the question word is the first one.
    if (lang === 'ru' && types.includes('when') && WH.ru.test(tokens[0] ?? '') && !/^когда/.test(tokens[0] ?? '')) types = types.filter((x) => x !== 'when');
    // "So trade went up 15.5 percent?", "so they signed it in Moscow?": a statement after "so", put for confirmation.
    const soStatement = lang === 'en' && /^so (?!(?:what|which|who|whom|whose|when|where|why|how|tell|give|show|explain)(?![\p{L}]))/u.test(normalized);
    // "According to the article, does…", "so is it…": the question starts after such openings.
    normalized = normalized.replace(OPENING[lang], '');
    const request = REQUEST[lang].test(normalized);
    const wh = WH[lang].test(normalized);
    let yesno: boolean = false;
    if (!request) {
      if (lang === 'en') yesno = YES_NO.en.test(normalized);
      // "Правда ли, что…": the "что" joins a clause, it asks nothing.
      else if (YES_NO[lang].test(normalized)) yesno = lang === 'fa' || !wh || /^(?:правда|верно|действительно) (?:ли )?что/u.test(normalized);
      else if (!wh && tokens.length >= 3) yesno = tokens.some((t) => FINITE_VERB[lang]?.test(t) ?? false);
    }
    // "So Iran supplies gas to Russia, right?", "I read that … — is that right?", "…, верно?", "…، درسته؟": a statement put for confirmation.
    if (!yesno && !request && TAG[lang].test(normalized) && !WH_OPENING[lang].test(normalized) && !WH_BEFORE_TAG[lang].test(normalized)) yesno = true;
    if (!yesno && !request && soStatement && !wh && tokens.length >= 4) yesno = true;
    // "Is it a ten- or a twenty-year deal?" offers a choice: answered with the claim, not yes or no.
    if (yesno && CHOICE[lang].test(normalized)) yesno = false;
    // "How often" asks for a frequency, which a claim states in words ("regular"), not a figure.
    if (HOW_OFTEN[lang].test(normalized)) types = types.filter((x) => x !== 'how_much' && x !== 'when');
    // "Who is the president of…" asks for a person: a "who" with a person noun.
    // The noun after a which-word names the kind asked for ("which sectors will trade grow in": sectors, not a growth figure).
    const kind = yesno ? undefined : (kindOf(tokens, lang) ?? (types.includes('who') ? personNoun(tokens, lang) : undefined));
    // "Which sectors will trade grow in" asks for sectors, not a growth figure.
    // ("How many reactors, and at which sites?" opens with its figure: that stays asked.)
    // ("Which regions are cited when the article talks about…": a later "when" joins a clause after a which-question.)
    // (Not "in which city and when…", a second question.)
    const at = tokens.indexOf('when');
    if (kind && lang === 'en' && at >= 3 && !/^(?:and|or|also)$/u.test(tokens[at - 1] ?? '')) types = types.filter((x) => x !== 'when');
    if (kind)
      types = types.filter(
        (x) => x === 'who' || x === 'where' || x === 'when' || x === 'why' || x === 'what' || (x === 'how_much' && HOW_MANY_FIRST[lang].test(normalized)),
      );
    const overview = !yesno && OVERVIEW[lang].test(normalized) && types.every((t) => t === 'what');
    const specific = kind !== undefined && SPECIFIC[lang].test(normalized);
    return { types: yesno ? [] : types, ...(kind ? { kind, many, ...(noun ? { noun } : {}), ...(specific ? { specific } : {}) } : {}), yesno, overview };
  };
}
