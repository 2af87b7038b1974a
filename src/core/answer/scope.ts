import type { Lang } from '../data/schema.js';
import { AFTER, BEFORE, words as re } from '../text/words.js';

/**
 * What a message is before it is a question about the partnership: small talk,
 * a question about the bot's source, a request for the overview, a request the
 * bot does not serve (translate, write, jokes), or a question about what
 * happened after the source was written. Patterns over normalised text.
 */
const whole = (body: string) => new RegExp(`^(?:${body})(?: (?:${body}))*$`, 'u');

export type SmallTalk = 'hello' | 'thanks' | 'ok' | 'bye' | 'laugh';

const SMALL_TALK: Record<Lang, [SmallTalk, RegExp][]> = {
  en: [
    [
      'thanks',
      whole(
        'thanks?|thank you(?: (?:so|very) much)?|thx|ty|tysm|cheers|much appreciated|appreciated|thanks a lot|many thanks|great thanks|ok thanks|okay thanks',
      ),
    ],
    [
      'hello',
      whole(
        'hi|hello|hey|hiya|howdy|yo|hi there|hello there|hey there|good (?:morning|afternoon|evening|day)|greetings|sup|whats up|how are you|hows it going',
      ),
    ],
    ['bye', whole('bye|goodbye|bye bye|see you|see ya|later|cya|good night|take care')],
    ['laugh', whole('lol|lmao|rofl|ha+|haha+|hehe+|xd|funny')],
    [
      'ok',
      whole(
        'ok|okay|k|kk|cool|nice|great|awesome|got it|i see|understood|sure|alright|all right|fine|good|perfect|wow|interesting|makes sense|no problem|np|yes|no|yep|nope|yeah|right|hmm+|ah|oh',
      ),
    ],
  ],
  ru: [
    ['thanks', whole('спасибо|спс|благодарю|спасибо большое|большое спасибо|огромное спасибо|мерси|спасиб')],
    ['hello', whole('привет|приветик|здравствуй|здравствуйте|добрый (?:день|вечер)|доброе утро|хай|салют|как дела|как ты')],
    ['bye', whole('пока|до свидания|всего доброго|до встречи|спокойной ночи')],
    ['laugh', whole('лол|ха+|хаха+|хех|ахах+')],
    ['ok', whole('ок|окей|ясно|понятно|хорошо|ладно|круто|отлично|супер|класс|ага|угу|да|нет|понял|поняла|норм|интересно')],
  ],
  fa: [
    ['thanks', whole('مرسی|ممنون|ممنونم|سپاس|سپاسگزارم|متشکرم|تشکر|خیلی ممنون|دمت گرم|مچکرم')],
    ['hello', whole('سلام|درود|سلام علیکم|صبح بخیر|عصر بخیر|شب بخیر|خوبی|چطوری|حالت چطوره')],
    ['bye', whole('خداحافظ|خدانگهدار|بای|فعلا|روز خوش')],
    ['laugh', whole('خخخ+|هه+|لول|هاها+')],
    ['ok', whole('باشه|اوکی|خوب|خوبه|عالی|فهمیدم|متوجه شدم|آره|اره|نه|بله|جالبه|جالب')],
  ],
};

/** The kind of small talk a whole message is, if it is nothing more. */
export function smallTalk(normalized: string, lang: Lang): SmallTalk | undefined {
  if (!normalized) return undefined;
  return SMALL_TALK[lang].find(([, pattern]) => pattern.test(normalized))?.[0];
}

const SOURCE: Record<Lang, RegExp> = {
  en: re(
    '(?:what|which) (?:is|are|was) (?:your|the|this|ur) (?:source|sources|reference|references)(?! (?:of|for) )|your sources?|where (?:do|does|did) (?:you|this|your (?:info|information|data|answers?)|(?:the|this) (?:info|information|data)) (?:get|come|comes|come from|take)|where is (?:this|that|your info) from|how do you know|what (?:do|are) you (?:base|basing)|based on what|what article|which article|cite your source|what are you (?:using|reading)|what data do you (?:use|have)|(?:when|what date|which date|what day) (?:was|is) (?:the|this|your|that) (?:article|source|piece|report) (?:published|written|released|out|from|dated)|how (?:old|recent) is (?:the|this|your) (?:article|source|information|info|data)|(?:publication|publishing) date|(?:what|which) date (?:is|was) (?:on|of) (?:the|this|your) (?:article|piece|source|report)|(?:the )?date (?:on|of|at the top of|atop) (?:the|this|your) (?:article|piece|source|report|story)|date of (?:the|this|your) (?:article|source|piece)|(?:article|source|piece|report|story)(?: itself)? (?:is |was )?dated|when (?:was|is) (?:this|it|that) (?:written|published|dated)|when did (?:the|this|your) (?:article|source|piece|report|story) (?:come out|appear)|(?:what|which) (?:date|day|month|year)(?: is| was)? (?:the|this|your|that) (?:article|source|piece|report|story)(?: itself)? (?:from|dated|published|written)|when (?:is|was) (?:the|this|your|that) (?:article|source|piece|report|story)(?: itself)? from',
  ),
  ru: re(
    'источник|источники|источнике|источника|откуда (?:ты|вы) (?:это )?(?:знаешь|знаете|берешь|берете|взял|взяли)|откуда (?:информация|данные|сведения)|на (?:чем|что) (?:ты )?(?:основ|опира)\\p{L}*|какая статья|какой статьи|когда (?:была )?опубликован\\p{L}* стать\\p{L}*|дата публикации',
  ),
  fa: re(
    'منبع(?:ت|تان|تون| شما| تو| اطلاعات| این اطلاعات| پاسخ)|منابع(?:ت|تان|تون| شما| تو)|(?:از )?چه منبعی|مرجع(?:ت|تان| شما)|از کجا (?:می ?دونی|می ?دانی|آوردی|اوردی)|اطلاعاتت از کجا|بر چه اساسی|کدام مقاله|تاریخ انتشار|مقاله کی منتشر',
  ),
};

/** Who wrote or published the source: the text names no author, headline or publisher. */
const AUTHOR: Record<Lang, RegExp> = {
  en: re(
    'who (?:wrote|authored|published|penned|reported) (?:it|this|that|the (?:article|piece|story|report|text|source)|(?:your|this|that) (?:article|piece|story|report|text|source))|(?:who is|who s|whos|who was|name of|names? the) (?:the )?(?:author|writer|journalist|reporter|publisher)|(?:author|authors|writer|publisher|outlet|newspaper|publication|website) (?:of|behind|for) (?:the|this|that|your) (?:article|piece|story|report|text|source)|(?:which|what) (?:news |media )?(?:outlet|newspaper|paper|publication|website|site|news agency|agency|media outlet|magazine|think tank)(?: or (?:a |an )?\\p{L}+(?: \\p{L}+)?)? (?:published|ran|carried|wrote|is it from|was it|is the (?:article|source|piece|report))|(?:article|piece|story|report|source)s? (?:author|writer|byline|headline|title)',
  ),
  ru: re(
    'кто (?:автор|написал|опубликовал)(?: (?:эту |эта |этой |данную )?стать\\p{L}*)?|автор (?:статьи|материала|текста|источника)|(?:какое|какая|какой) (?:издание|газета|сайт|агентство|сми) (?:опубликовал\\p{L}*|напечатал\\p{L}*)|заголовок статьи',
  ),
  fa: re(
    'نویسنده (?:این )?(?:مقاله|متن|گزارش|منبع)|چه کسی (?:این )?(?:مقاله|متن|گزارش) (?:را )?(?:نوشت|نوشته|منتشر کرد)|(?:کدام|چه) (?:رسانه|روزنامه|سایت|خبرگزاری)(?:ای)? (?:این )?(?:مقاله|متن|گزارش)? ?(?:را )?منتشر',
  ),
};

/** A question about the source's author or publisher, which the text does not name. */
export function asksForAuthor(normalized: string, lang: Lang): boolean {
  return AUTHOR[lang].test(normalized);
}

/** A question about where the bot's answers come from. */
export function asksForSource(normalized: string, lang: Lang): boolean {
  return SOURCE[lang].test(normalized);
}

const OVERVIEW: Record<Lang, RegExp> = {
  en: re(
    'summari[sz]e (?:for me |for us )?(?:everything|it all|all of it|(?:the|this|that|your)(?: whole| entire| news)? (?:thing|agreement|deal|treaty|article|partnership|piece|story|text|report|source|news)(?: for me| for us| please| pls)?)|(?:give|show) me (?:an?|the) (?:\\p{L}+ )?(?:overview|summary|rundown|recap)|(?:an?|the) overview|overview of (?:the|everything)|overview|tl ?dr|in a nutshell|sum (?:it )?up|the big picture|key points|main points|highlights|everything (?:in|about) (?:the|this) (?:agreement|deal|treaty|article)|what(?: ?s| is| was)? (?:this|the) (?:news |media )?(?:article|text|piece|story|source|report)(?: \\p{L}+)? about|(?:areas|topics|points|themes|subjects|issues) (?:that )?(?:the|this) (?:article|piece|story|report|text) (?:covers|discusses|deals with|touches on|addresses)|what(?: ?s| is| was)? (?:this|the|that) (?:\\p{L}+ )?(?:agreement|deal|treaty|pact|partnership|accord)(?: all| really| actually| even| basically)? about$|what does (?:this|the) (?:article|text|piece|story|report) (?:cover|discuss|talk about|deal with)|(?:key|main|big|major) (?:takeaways?|ideas?|themes?|messages?)|takeaways|the gist|bottom line|(?:key|main|big|important|headline) (?:numbers|figures|stats|statistics|facts and figures)|(?:tell me|talk) about (?:the |this )?(?:russia(?: and |.)iran(?:s)? |iran(?: and |.)russia(?:s)? )?(?:strategic )?(?:partnership )?(?:agreement|deal|treaty|pact|accord)$|what(?: ?s| is)? (?:the )?(?:deal|story|situation) with (?:russia and iran|iran and russia|the two(?: countries)?|these two|them)',
  ),
  ru: re(
    '(?:о|про) ч[её]м (?:вообще )?(?:эта |это |этот |данная |данный )?(?:статья|текст|материал|соглашение|договор|сделка|пакт|партн[её]рство)|кратко обо всем|обо всем кратко|в двух словах|общий обзор|обзор|резюме|главное|основные пункты|ключевые пункты|суммируй|подведи итог',
  ),
  fa: re(
    '(?:این )?(?:مقاله|متن|توافق|توافقنامه|قرارداد|پیمان|معاهده)(?: کلا| اصلا)? (?:درباره|راجع به) (?:چیه|چیست|چی است|چه است|چه چیزی است)|موضوع (?:این )?(?:مقاله|متن)|خلاصه(?: کن| همه| کلی)?|نمای کلی|به طور خلاصه|نکات اصلی|نکات کلیدی|همه چیز درباره',
  ),
};

/** How the summary is to be laid out ("in a few bullet points", "in two sentences"): no words of what is asked. */
const LAYOUT: Record<Lang, RegExp> = {
  en: /(?:^|\s)(?:in|as) (?:a |an )?(?:(?:few|couple of|couple|some|short|quick|brief|\d+|two|three|four|five) ){0,2}(?:bullet points?|bullets?|bullet form|bullet list|list|sentences?|lines?|words|paragraphs?|points)(?:\s|$)/gu,
  ru: /(?:^|\s)(?:в|одним|двумя|тремя|несколькими) (?:виде )?(?:пунктах|пунктов|списка|списком|предложени\p{L}*|словах|словами|строк\p{L}*)(?:\s|$)/gu,
  fa: /(?:^|\s)(?:در|به صورت) (?:چند )?(?:جمله|نکته|خط|بند)\p{L}*(?:\s|$)/gu,
};

/** A request for the overview of the whole partnership. */
export function asksForOverview(normalized: string, lang: Lang): boolean {
  const words = normalized.replace(LAYOUT[lang], ' ').split(' ').filter(Boolean).length;
  return ((OVERVIEW[lang].test(normalized) || WRITE_SUMMARY[lang].test(normalized)) && words <= 12) || DEAL_ENDING[lang].test(normalized);
}

/** A message that ends asking what the deal is ("… made some deal or smth? whats the deal lol"), however long. */
const DEAL_ENDING: Record<Lang, RegExp> = {
  en: /(?:^|\s)(?:whats|what is) (?:the|this) (?:deal|story)(?: (?:here|lol|lmao|exactly|then|now|about))*$/u,
  ru: /(?!)/u,
  fa: /(?!)/u,
};

/** A yes/no asked of the source itself: "does the article say…", "упоминается ли в статье…", "آیا مقاله می‌گوید…". */
const ASKS_SOURCE: Record<Lang, RegExp> = {
  en: /^(?:so )?(?:does|did|do|is|was) (?:the |this |your )?(?:article|source|piece|text|story|report) (?:actually |really |even )?(?:say|says|mention|state|claim|report|suggest|imply|indicate|talk about|describe|characteri[sz]e|present|portray|frame|call|name|list)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:говорится|сказано|упоминается|утверждается|пишется|сообщается) ли|ли (?:в )?(?:статье|статья|источнике|источник)(?![\p{L}])/u,
  fa: /(?:آیا )?(?:مقاله|منبع|متن) (?:می ?گوید|گفته|اشاره|ذکر|ادعا)/u,
};

export function asksTheSource(normalized: string, lang: Lang): boolean {
  return ASKS_SOURCE[lang].test(normalized);
}

/** The words of an overview request besides the asking ("key takeaways of the gas deal" → "of the gas deal"): what it is an overview of. */
export function overviewSubject(normalized: string, lang: Lang): string[] {
  return normalized
    .replace(WRITE_SUMMARY[lang], ' ')
    .replace(new RegExp(OVERVIEW[lang].source, `${OVERVIEW[lang].flags.replace('g', '')}g`), ' ')
    .split(' ')
    .filter(Boolean);
}

/**
 * Opinions and predictions the source cannot give: "in your opinion…", "is this good for…", "will this lead to a war…".
 * (A plan the source states is no prediction: "will Russia supply gas?" is answered.)
 */
const OPINION_EN = `${BEFORE}(?:in your (?:opinion|view)|do you think|what do you think|your (?:opinion|view|take) on|is (?:it|(?:this|that|the)(?: (?:agreement|deal|treaty|partnership|pact))?) (?:a )?(?:good(?! for(?: anyway| now| then)?$)|bad|dangerous|wise|smart|fair|a threat|a mistake)|(?:will|could|might|would) (?:it|(?:this|that|the)(?: (?:agreement|deal|treaty|partnership|pact))?) (?:lead to|cause|result in|trigger|start|spark|provoke|end in) (?:a |an )?(?:war|conflict|crisis|escalation|attack)|who (?:will|would) win|should (?:i|we|they|russia|iran))${AFTER}`;
const OPINION_RU = `${BEFORE}(?:по-твоему|по твоему|по-вашему|по вашему|как ты думаешь|как вы думаете|твое мнение|ваше мнение|хорошо ли это|плохо ли это|приведет ли (?:это|соглашение|договор) к войне|(?:будет|начнется) ли война)${AFTER}`;
const OPINION_FA = `${BEFORE}(?:به نظر ?ت|به نظر شما|نظر شما|نظرت|فکر می ?کنی|آیا این خوب|آیا این بد|منجر به جنگ|جنگ خواهد شد)${AFTER}`;

const REQUEST: Record<Lang, RegExp> = {
  en: new RegExp(
    `^(?:please |pls |can you |could you |would you |will you |can u |could u |i want you to |i need you to )?(?:translate|write|compose|draft|generate|create|make me|make a|recommend|suggest (?:a|some)|sing|rap|code|program|calculate|compute|solve|play|draw|paint|rewrite|paraphrase|proofread|correct my|roleplay|pretend|act as|imagine|predict|forecast|guess|invent|help me (?:debug|fix|repair|set up|install|code|write|solve|with my)|tell (?:me )?a (?:joke|story|poem)|give me (?:a )?(?:joke|poem|story|recipe|essay))${AFTER}|${BEFORE}(?:joke|jokes|poem|poems|song|lyrics|essay|recipe|haiku|limerick)${AFTER}|${OPINION_EN}|^how (?:do|would|can|should) (?:you|i|we|one) (?:say|spell|pronounce)${AFTER}|${BEFORE}in (?:japanese|chinese|french|german|spanish|italian|korean|arabic|turkish|hindi|portuguese|latin)$`,
    'u',
  ),
  ru: new RegExp(
    `^(?:пожалуйста |можешь |можете |сможешь )?(?:переведи|переведите|перевести|напиши|напишите|написать|сочини|сочините|придумай|придумайте|посоветуй|посоветуйте|порекомендуй|спой|нарисуй|посчитай|вычисли|реши|сыграй|представь|притворись|предскажи|спрогнозируй|расскажи анекдот|расскажи шутку|расскажи сказку)${AFTER}|${BEFORE}(?:анекдот|анекдоты|шутку|шутка|стих|стихи|стихотворение|песню|песня|эссе|рецепт|сочинение)${AFTER}|${OPINION_RU}`,
    'u',
  ),
  fa: new RegExp(
    `^(?:لطفا |میشه |می ?توانی |میتونی )?(?:ترجمه|بنویس|بنویسید|بساز|بسازید|پیشنهاد بده|توصیه کن|بخوان|بخون|حساب کن|محاسبه کن|حل کن|نقاشی|تصور کن|پیش ?بینی کن|جوک بگو|شعر بگو|داستان بگو)${AFTER}|${BEFORE}(?:جوک|لطیفه|شعر|ترانه|انشا|دستور پخت|داستان)${AFTER}|${OPINION_FA}`,
    'u',
  ),
};

/** A request for something other than an answer from the source (translate, write, recommend, jokes, predictions). */
/** Whether the agreement is about one thing alone ("is the deal purely about energy?", "касается только энергетики?", "فقط درباره انرژی"). */
const ONLY_ABOUT: Record<Lang, RegExp> = {
  en: /(?<![\p{L}])(?:deal|agreement|pact|treaty|partnership|accord|it)(?: \p{L}+){0,3} (?:(?:only|purely|solely|exclusively|just|merely|simply|mainly|strictly) (?:about|on|concern\p{L}*|cover\p{L}*|focus\p{L}* on|deal\p{L}* with|an? \p{L}+ (?:deal|agreement|pact|treaty|alliance|partnership)|\p{L}+ (?:in nature|matters?))|(?:about|cover\p{L}*|focus\p{L}* on|concern\p{L}*) (?:only|purely|solely|exclusively|just)(?![\p{L}])|(?:\p{L}+ ){1,4}and nothing (?:else|more)(?![\p{L}]))/u,
  ru: /(?:соглашени|договор|сделк|пакт|партн[её]рств|он[оа]?(?![\p{L}]))\p{L}*(?: \p{L}+){0,3} (?:(?:только|исключительно|лишь|чисто|сугубо) (?:о|об|про|на|касается|посвящен\p{L}*)(?![\p{L}])|(?:касается|посвящен\p{L}*|охватывает) (?:только|лишь|исключительно)(?![\p{L}]))/u,
  fa: /(?:توافق|قرارداد|پیمان|معاهده|مشارکت|این)\p{L}*(?: \p{L}+){0,3} (?:فقط|صرفا|صرفاً|تنها|منحصرا|منحصراً) (?:درباره|در مورد|در باره|مربوط به|به|روی|بر)(?![\p{L}])/u,
};

export function asksOnlyAbout(normalized: string, lang: Lang): boolean {
  return ONLY_ABOUT[lang].test(normalized);
}

/** A summary asked for in writing ("write me a paragraph on…", "напиши краткое резюме…"): what the bot does, not a request it declines. */
const WRITE_SUMMARY: Record<Lang, RegExp> = {
  en: /^(?:please |pls |can you |could you |would you |will you )?(?:write|draft|compose|give|make|put together)(?: me| us)? (?:a |an |the )?(?:\p{L}+ )?(?:summary|abstract|paragraph|overview|recap|synopsis|rundown|blurb|digest|précis|precis|tl ?dr)(?![\p{L}])/u,
  ru: /^(?:пожалуйста )?(?:напиши|напишите|составь|составьте|сделай|сделайте)(?: мне| нам)? (?:\p{L}+ )?(?:резюме|обзор|абзац|выжимк\p{L}*|сводк\p{L}*|изложени\p{L}*|аннотаци\p{L}*)(?![\p{L}])/u,
  fa: /(?:خلاصه|چکیده|یک پاراگراف|پاراگرافی)(?:‌ای| ای)? (?:\p{L}+ ){0,6}(?:بنویس|بنویسید|تهیه کن|آماده کن)/u,
};

/** "How do I fix my router?": how to do something of one's own, which no question about the partnership asks. English. */
const HOW_TO =
  /^(?:so |ok |okay )?how (?:do|can|should|would) i (?:fix|debug|repair|install|uninstall|configure|set up|update|reset|cook|bake|make|get rid of|lose|learn)(?![\p{L}])/u;

export function asksHowTo(normalized: string, lang: Lang): boolean {
  return lang === 'en' && HOW_TO.test(normalized);
}

export function isRequest(normalized: string, lang: Lang): boolean {
  return REQUEST[lang].test(normalized) && !WRITE_SUMMARY[lang].test(normalized);
}

/** A request for a summary in writing: answered as an overview. */
export function asksToWriteSummary(normalized: string, lang: Lang): boolean {
  return WRITE_SUMMARY[lang].test(normalized);
}

const LATER: Record<Lang, RegExp> = {
  en: re(
    'ratif\\p{L}*|(?:parliament|majlis|duma|legislature|lawmakers|mps)\\p{L}* (?:\\p{L}+ ){0,3}?(?:approv|pass|vot|endors|back)\\p{L}*|approv\\p{L}* (?:the |this |that )?(?:\\p{L}+ )?(?:agreement|deal|treaty|pact|accord)|(?:enter|enters|entered|entering|come|comes|came|coming|go|goes|went|gone) into (?:force|effect)|(?:is|was|has) (?:it |the \\p{L}+ )?(?:now |already |yet )?(?:been )?in (?:force|effect) (?:yet|now|already)|take effect|takes effect|took effect|taken effect|latest|(?:latest|recent|new|breaking|fresh) news|news (?:since|after|from (?:this|last) (?:week|month|year))|update|updates|updated|since (?:then|the signing|signing|january|it was signed|2025|they signed)|today|tonight|this (?:year|month|week)|nowadays|as of (?:now|today)|right now|as we speak|up to date|next (?:summit|meeting|visit|round|step|steps|year|talks)|upcoming|after (?:the article|the signing|signing(?: it| this| the \\p{L}+)?|january 2025|it was signed|(?:the|this|that) (?:\\p{L}+ )?(?:agreement|deal|treaty|pact|partnership|accord) (?:was |got |had been |has been )?(?:signed|concluded|inked))|20(?:2[6-9]|[3-9]\\d)',
  ),
  ru: re(
    'ратифи\\p{L}*|вступ\\p{L}*(?: \\p{L}+){0,3} в силу|вступило|в силе|последн\\p{L}* (?:новост\\p{L}*|данн\\p{L}*|событ\\p{L}*)|новост\\p{L}*|сегодня|прямо сейчас|в этом году|в этом месяце|с тех пор|после подписания|следующ\\p{L}* (?:саммит\\p{L}*|встреч\\p{L}*|визит\\p{L}*|шаг\\p{L}*)|20(?:2[6-9]|[3-9]\\d)',
  ),
  fa: re(
    'تصویب|لازم ?الاجرا|اجرایی شده|آخرین (?:خبر|اخبار|وضعیت)|اخبار|خبر جدید|امروز|همین الان|همین حالا|امسال|از آن زمان|بعد از امضا|(?:بعد|پس) از (?:این |آن )?(?:توافق|قرارداد|پیمان|معاهده)|نشست بعدی|سفر بعدی|دیدار بعدی|20(?:2[6-9]|[3-9]\\d)',
  ),
};

const NOW: Record<Lang, RegExp> = {
  en: re('now|currently|current|at present|presently|still|yet|already|so far|at the moment|these days|anymore|any more|ongoing'),
  ru: re('сейчас|теперь|в настоящее время|уже|все еще|до сих пор|пока|на данный момент|в данный момент|по-прежнему|по прежнему'),
  fa: re('الان|اکنون|هم ?اکنون|در حال حاضر|هنوز|تاکنون|تا الان|فعلا|این روزها'),
};

const DONE: Record<Lang, RegExp> = {
  en: re(
    // (Not "being completed": work under way.)
    '(?<!being )(?:complete|completed|finished|finali[sz]ed|done(?! (?:in|through|with|via|by|using))|built|operational|launched|started|begun|began|opened|delivered|implemented|signed off|in operation|working(?! (?:on|towards?|to|with|together))|flowing|arrived|happened)',
  ),
  ru: re(
    'завершен\\p{L}*|законч\\p{L}*|построен\\p{L}*|запущен\\p{L}*|начал\\p{L}*|открыт\\p{L}*|реализован\\p{L}*|работает|действует|поставляется|ид[её]т (?:ли )?(?:газ|поставк\\p{L}*|строительств\\p{L}*)',
  ),
  fa: re('تکمیل|تمام شده|ساخته شده|راه ?اندازی|آغاز شده|شروع شده|افتتاح|اجرا شده|برقرار|جریان دارد'),
};

/** A year the question names that is after the source's year (2026…). */
const YEAR = /(?<!\d)(20\d\d)(?!\d)/g;

export interface TimeQuestion {
  /** Asks about what happened after the source was written ("ratified yet?", "in 2026", "latest news"). */
  later: boolean;
  /** Asks about the present ("now", "still", "currently"): only a question about a plan is past the source. */
  now: boolean;
  /** Asks whether something has been done (completed, started, delivered). */
  done: boolean;
}

/** Time in a question, against the year the source was written in. */
export function timeOf(normalized: string, lang: Lang, sourceYear: number): TimeQuestion {
  const years = [...normalized.matchAll(YEAR)].map((m) => Number(m[1]));
  return {
    later: LATER[lang].test(normalized) || years.some((y) => y > sourceYear),
    now: NOW[lang].test(normalized),
    done: DONE[lang].test(normalized),
  };
}
