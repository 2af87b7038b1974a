import type { EntityFinder } from './entities.js';
import type { QuestionView } from './question.js';
import type { ScoredClaim } from './select.js';
import { stem } from '../text/stem.js';

export type YesNo = 'yes' | 'no' | 'unknown';

export interface Verdict {
  answer: YesNo;
  /** The claim that decides it (or, unknown, the closest one). */
  claim?: ScoredClaim;
  /** Decided by what a thing is or whose it is: a plain yes, whatever stage the claim's plan is at. */
  identity?: boolean;
}

interface Comparison {
  supports: number;
  /** Supports by something specific (a named place, body, person, figure or year), not a common thing like gas or trade. */
  specific: number;
  contradicts: number;
  missing: number;
  /** Things the claim does not name but whose words it mostly shares (a sector, an activity): neither for nor against. */
  soft: number;
  /** Decided by what a thing is or whose it is, not by what the claim says happens: a plain yes. */
  identity?: boolean;
}

/**
 * Things the question gives an owner, as [thing, owner] entity ids: a partner right before the
 * thing ("Iran's Mir", "Iranian Mir") or right before a noun of the thing's kind ("Mir … Iran's
 * payment network"), when the data knows whose the thing is.
 */
function possessions(q: QuestionView, finder: EntityFinder): [string, string][] {
  const owned = q.entities.filter((e) => finder.ownerOf(e.id));
  const out: [string, string][] = [];
  for (const p of q.entities.filter((e) => e.partner)) {
    // "Mir with Iran's Shetab network": the noun after the partner belongs to the thing named right after it.
    const ownsNext = q.entities.some((x) => x.start === p.end);
    for (const e of owned) {
      const next = q.stems.slice(p.end, p.end + 2);
      if (e.start === p.end || (!ownsNext && e.start < p.start && next.some((s) => finder.kindOfNoun(s) === e.kind))) out.push([e.id, p.id]);
      // "Is the Mir network Iranian?", "آیا میر ایرانی است؟": the partner closes the question right after the thing (and nouns of its kind).
      else if (
        e.end <= p.start &&
        q.stems.slice(e.end, p.start).every((s) => finder.kindOfNoun(s) === e.kind) &&
        q.words.slice(p.end).every((w) => COPULA.test(w))
      )
        out.push([e.id, p.id]);
      // "Is Iran's card network called Mir?": the partner's noun of the thing's kind, then the name it is called by.
      else if (
        e.start > p.end &&
        e.start - p.end <= 6 &&
        q.stems.slice(p.end, e.start).some((s) => finder.kindOfNoun(s) === e.kind) &&
        q.words.slice(p.end, e.start).some((w) => NAMING.test(w))
      )
        out.push([e.id, p.id]);
    }
  }
  return out;
}

/** Words that give a thing its name ("called", "named", "называется", "نام"). */
const NAMING = /^(?:called|named|known|dubbed|называется|называемая|называемый|под|نام|اسم|به نام)$/u;
/** Words that put a thing somewhere ("in Russia", "в России", "در روسیه"). */
const LOCATIVE = /^(?:in|inside|at|within|в|во|на|در)$/u;
/** Kinds of places a question can put a thing in. */
const PLACE_KINDS = new Set(['country', 'city', 'sea', 'region']);
/** Whether a place the question names starts at a word ("in Syria": at the word after "in"). */
const placeAt = (q: QuestionView, at: number) => q.entities.some((e) => e.start === at && PLACE_KINDS.has(e.kind));
/** Words that make a noun name a class the thing belongs to ("one of the groups", "part of the corridor plans", "among the bases"). */
const GROUP_WORD = /^(?:one|part|member|members|among|in|for|within|into|одн\p{L}*|часть|из|в|среди|یکی|جزو|بخشی|از|در)$/u;

/**
 * Things of the claim that the question puts in a place, as [thing, place] entity ids: a place after "in"
 * ("Bushehr … in Russia"), and a thing of the claim the source places, named by the question or, when it names
 * none of that kind, asked by its kind's noun ("a nuclear plant in Russia").
 */
function placements(q: QuestionView, claimEntities: readonly string[], finder: EntityFinder): [string, string][] {
  // (Read after each locative word: a place named twice — "is Russia running a plant inside Russia?" — is one entity of the question.)
  const places = q.words.flatMap((w, i) => {
    if (!LOCATIVE.test(w)) return [];
    const next = finder.inStems(q.stems.slice(i + 1, i + 6)).find((e) => e.start <= (q.words[i + 1] === 'the' ? 1 : 0));
    return next && PLACE_KINDS.has(next.kind) ? [next] : [];
  });
  if (places.length === 0) return [];
  const things = placedThings(q, claimEntities, finder);
  return things.flatMap((t) => places.filter((p) => p.id !== t).map((p) => [t, p.id] as [string, string]));
}

/** Things of the claim the source places that the question names, or asks by its kind's noun when it names none of that kind. */
function placedThings(q: QuestionView, claimEntities: readonly string[], finder: EntityFinder): string[] {
  return claimEntities.filter(
    (id) =>
      finder.placeOf(id) &&
      (q.entities.some((e) => e.id === id) ||
        (!q.entities.some((e) => e.kind === finder.kindOf(id)) && q.stems.some((s) => finder.kindOfNoun(s) === finder.kindOf(id)))),
  );
}

/** Verbs of going somewhere, before "to" ("travel to Iran", "flew to Tehran"), and of visiting. */
const MOTION = /^(?:travel\p{L}*|go|goes|going|went|gone|fly|flies|flying|flew|flown|come|comes|coming|came|head\p{L}*|trip|journey|sent)$/u;
const VISIT = /^(?:visit|visits|visited|visiting|посетил\p{L}*|посетить)$/u;
const TO = /^(?:to|به)$/u;

/**
 * Where a question puts an event when it puts it in one of the partners ("signed in Iran?", "did Putin travel to
 * Iran to sign it?", "flew to Tehran" — the capital as its country), as that country's entity id.
 */
function partnerPlace(q: QuestionView): string | undefined {
  const at = q.entities.find((e) => {
    if (!e.partner || e.kind !== 'country') return false;
    const i = q.words[e.start - 1] === 'the' ? e.start - 2 : e.start - 1;
    const before = q.words[i] ?? '';
    return LOCATIVE.test(before) || VISIT.test(before) || (TO.test(before) && [1, 2].some((k) => MOTION.test(q.words[i - k] ?? '')));
  });
  return at?.id;
}

/** Whether a topic's events have a place the source gives (a claim of an event closed on its city: "signed in Moscow"). */
const placesEvents = (topic: ScoredClaim['item']['topic']) => topic.claims.some((x) => x.status === 'event' && x.closed.includes('city'));

/** Words that may follow a predicate at the end of a question ("…Iranian?", "…иранская ли?", "…ایرانی است؟"). */
const COPULA = /^(?:is|it|ли|же|است|هست|ست|میباشد|باشد)$/u;

/** A claim's own words of growth or strengthening (its English text; every claim has one). */
const INCREASE = /\b(?:intensif\w*|expand\w*|deepen\w*|increas\w*|grow\w*|grew|surg\w*|enhanc\w*|strengthen\w*|accelerat\w*|reinforc\w*|boost\w*|further)\b/;

/** Asking whether something was allowed or granted ("allow their territory to be used", "разрешить", "اجازه"). */
const PERMIT: Record<QuestionView['lang'], RegExp> = {
  en: /(?<![\p{L}])(?:allow\p{L}*|permit\p{L}*|let|lets|grant\p{L}*|open (?:up )?their)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:разреш\p{L}*|позвол\p{L}*|предостав\p{L}*|пуст\p{L}*)(?![\p{L}])/u,
  fa: /(?:اجازه|مجاز)/u,
};
/** "Promised not to let…", "обещали не допустить", "اجازه ندهند": a refusal asked, which a refusal confirms. */
const NOT_PERMIT: Record<QuestionView['lang'], RegExp> = {
  en: /(?<![\p{L}])(?:not|never|no longer|wont|dont|doesnt|refuse to) (?:\p{L}+ )?(?:allow\p{L}*|permit\p{L}*|let|grant\p{L}*)(?![\p{L}])/u,
  ru: /(?<![\p{L}])не (?:\p{L}+ )?(?:разреш\p{L}*|позвол\p{L}*|предостав\p{L}*|пуст\p{L}*|допуст\p{L}*)/u,
  fa: /(?:اجازه ن|نده|ندهند|نمیدهند|نخواهند داد)/u,
};
/** A claim's own words of refusal (its English text): what it denies, it does not allow. */
const REFUSE = /\b(?:deny|denies|denied|denying|refus\w*|prohibit\w*|forbid\w*|bar|bars|barred|ban|bans|banned)\b/;

/** Offices other than the heads of state who signed ("the foreign ministers", "премьер", "وزیر"): a claim naming its people without that office says no. */
export const OTHER_OFFICE: Record<QuestionView['lang'], RegExp> = {
  en: /^(?:minist\p{L}*|ambassador\p{L}*|envoy\p{L}*|diplomat\p{L}*|chancellor\p{L}*|premier|parliament\p{L}*|lawmak\p{L}*|deputi\p{L}*|vice|king\p{L}*|monarch\p{L}*)$/u,
  ru: /^(?:министр\p{L}*|посл|посол|послы|дипломат\p{L}*|премьер\p{L}*|парламент\p{L}*|депутат\p{L}*|вице\p{L}*|канцлер\p{L}*)$/u,
  fa: /^(?:وزیر|وزرای|وزیران|سفیر|سفرا|دیپلمات\p{L}*|نخست|مجلس|نماینده\p{L}*|معاون)$/u,
};

/** Asking whether someone lost ("lose", "проиграть", "شکست خوردن"); a claim's own words of winning. */
const LOSE: Record<QuestionView['lang'], RegExp> = {
  en: /(?<![\p{L}])(?:lose|loses|lost|losing)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:проиграл\p{L}*|проигра\p{L}*|потерял\p{L}*|потерпел\p{L}* поражение)/u,
  fa: /(?:شکست خورد|باخت|از دست داد)/u,
};
const WON = /\b(?:won|wins|victory|victorious)\b/;

/** Asking whether something was kept ("did Russia keep its peacekeepers…", "сохранила ли", "نگه داشت"). */
const KEEP: Record<QuestionView['lang'], RegExp> = {
  en: /(?<![\p{L}])(?:keep|keeps|kept|keeping|maintain\p{L}*|retain\p{L}*|still have|still has|stay\p{L}*|remain\p{L}*)(?![\p{L}])/u,
  ru: /(?<![\p{L}])(?:сохрани\p{L}*|сохраня\p{L}*|оставил\p{L}*|оставля\p{L}*|остал\p{L}*|оста[её]т\p{L}*|держ\p{L}*)/u,
  fa: /(?:نگه داشت|نگه می ?دار|حفظ کرد|حفظ می ?کن|باقی ماند|باقی گذاشت|ماندند)/u,
};
/** A claim's own words of withdrawing or giving something up (its English text). */
const WITHDRAWN = /\b(?:withdr[ae]wn?|withdraw\w*|left|pulled out|abandon\w*|ended|halted)\b/;

/** A claim's own words of keeping something up (its English text). */
const MAINTAIN = /\b(?:maintain\w*|preserv\w*|keep\w*|kept|retain\w*|sustain\w*|continu\w*)\b/;

/** How much of the question a claim must say in its own words when all it shares are common things ("a gas pipeline": the claim is about gas, not a pipeline). */
const GENERIC_OWN = 0.4;

/** Kinds a closed list can be asked about in plain words, not only by name ("space warfare" is no activity the data knows, and not in the list). */
const LIST_KINDS = new Set(['activity', 'sector']);

/** Verbs of taking something in ("include", "involve", "включать", "شامل"): they ask about the list, they are not an item. */
const INCLUDE_STEMS =
  /^(?:includ|involv|cover|contain|featur|compris|entail|consist|encompass|включа\p{L}*|охватыва\p{L}*|предусматрива\p{L}*|вход\p{L}*|شامل)$/u;

/** Kinds whose absence from a claim always leaves a question open ("gas to Turkey?"). */
const PARTY_KINDS = new Set(['country', 'organisation', 'region', 'person', 'group', 'city']);

/** Kinds whose values are specific enough that another one in a claim that otherwise fits is a "no" (Hmeimim is not the naval base: Tartus is). */
const SPECIFIC_KINDS = new Set(['country', 'organisation', 'person', 'city', 'facility', 'sea', 'corridor', 'currency', 'network', 'region']);

/** Between a described noun and the name after it: "the naval base in Syria is at Hmeimim", "the base they keep is Tartus", "is the airbase in Syria located at Tartus?". */
const BEFORE_COPULA = /(?:^|\s)(?:(?:is|was|are|were)(?: (?:at|in|on|located at|located in|based at|based in))?|(?:located|based|situated) (?:at|in))$/u;

/** Verbs of a flow from one party to another ("Russia will supply gas to Iran"), English. */
const FLOW_VERB =
  /(?<![\p{L}])(?:supply|supplies|supplying|supplied|send|sends|sending|sent|deliver|delivers|delivering|delivered|export|exports|exporting|exported|provide|provides|providing|provided|sell|sells|selling|sold)(?![\p{L}])/u;

/** The direction of a flow in an English text, as entity ids (from: the last party named before the verb; to: the first party after "to"). */
function flowOf(text: string, finder: EntityFinder): [string, string] | undefined {
  const lower = text.toLowerCase();
  const verb = FLOW_VERB.exec(lower);
  if (!verb) return undefined;
  const party = (e: { kind: string }) => PARTY_KINDS.has(e.kind);
  const before = finder.inText(lower.slice(0, verb.index)).filter(party);
  const after = lower.slice(verb.index + verb[0].length);
  const to = /(?<![\p{L}])to (.*)$/u.exec(after);
  // ("Will Iran supply Russia with gas?": the receiver right after the verb, the thing after "with".)
  const supplied = /^\s*(?:the\s+)?(\p{L}+)\s+with(?![\p{L}])/u.exec(after);
  const from = before.at(-1)?.id;
  const target = (to ? finder.inText(to[1]!).find(party)?.id : undefined) ?? (supplied ? finder.inText(supplied[1]!).find(party)?.id : undefined);
  return from && target && from !== target ? [from, target] : undefined;
}

/** Verbs of a flow in Russian and Persian ("поставлять", "экспортировать", "صادر کند", "عرضه"). */
const FLOW_VERB_RU_FA =
  /(?<![\p{L}])(?:постав\p{L}*|экспорт\p{L}*|продава\p{L}*|прода\p{L}*|отправ\p{L}*|снабжа\p{L}*|صادر|عرضه|تامین|تأمین|بفروش\p{L}*|میفروش\p{L}*|فروش|ارسال|بفرست\p{L}*|میفرست\p{L}*)(?![\p{L}])/u;
/** Words before a party that make it the receiver ("в Россию", "به روسیه") or the sender ("из России", "از ایران"). */
const TO_WORD = /^(?:в|во|к|به)$/u;
const FROM_WORD = /^(?:из|от|از)$/u;

/** The direction of a flow a Russian or Persian question asks about, from the words before the two partners it names. */
function markedFlow(q: QuestionView): [string, string] | undefined {
  if (!FLOW_VERB_RU_FA.test(q.normalized)) return undefined;
  const partners = q.entities.filter((e) => e.partner && e.kind === 'country');
  const ids = [...new Set(partners.map((e) => e.id))];
  if (ids.length !== 2) return undefined;
  const to = partners.find((e) => TO_WORD.test(q.words[e.start - 1] ?? ''));
  const from = partners.find((e) => FROM_WORD.test(q.words[e.start - 1] ?? ''));
  if (to) return [ids.find((id) => id !== to.id)!, to.id];
  if (from) return [from.id, ids.find((id) => id !== from.id)!];
  return undefined;
}

/** Stems of relations that run both ways. */
const SYMMETRIC = /^(?:ti|tie|ties|relat\p{L}*|partner\p{L}*|link\p{L}*|bond\p{L}*|cooper\p{L}*|friend\p{L}*|alli\p{L}*|border\p{L}*)$/u;
/** Words that only list things ("Armenia and Azerbaijan", "Turkey, Israel"). */
const LISTING = /^(?:and|or|nor|as|well|both|either|the|its|their|s)$/u;

/** Whether the question names two parties of one kind that the claim names too, in the other order, each text relating them. */
function swapped(q: QuestionView, focus: QuestionView['entities'], text: string, finder: EntityFinder): boolean {
  const inClaim = finder.inText(text);
  const pair = focus.filter((e) => PARTY_KINDS.has(e.kind) && inClaim.some((m) => m.id === e.id)).sort((a, b) => a.start - b.start);
  if (pair.length !== 2 || pair[0]!.kind !== pair[1]!.kind) return false;
  const [a, b] = pair as [(typeof pair)[number], (typeof pair)[number]];
  const ca = inClaim.find((m) => m.id === a.id)!;
  const cb = inClaim.find((m) => m.id === b.id)!;
  if (ca.start < cb.start) return false;
  const stems = finder.stemsOf(text);
  const relates = (words: readonly string[]) => words.some((w) => !LISTING.test(w));
  // (A relation that runs both ways is the same either way round: ties, relations, a partnership.)
  const between = stems.slice(cb.end, ca.start);
  return relates(q.stems.slice(a.end, b.start)) && relates(between) && !between.some((w) => SYMMETRIC.test(w));
}

const stems = (words: string) => new Set(words.split(' ').map((w) => stem(w)));
/** Words of ties that run both ways ("Israel's ties with Azerbaijan" are Azerbaijan's ties with Israel), as stems. */
const MUTUAL = stems('ties tie relations relationship partnership partnerships engagement engaged engage rapprochement');
/** Words of one party drawing closer to another ("aligning with", "closer to", "ties to", "siding with", "engagement with"), as stems. */
const ALIGN = new Set([
  ...MUTUAL,
  ...stems(
    'align aligns aligned aligning alignment closer close side sides siding sided lean leans leaning pivot pivots pivoting drift drifts drifting gravitate gravitating',
  ),
]);
const TOWARD = new Set(['with', 'to', 'toward', 'towards'].map((w) => stem(w)));
const COPULA_STEMS = stems('is are was were lie lies');

/**
 * Who draws closer to whom in an English text: the party named last before a word of alignment, and the parties
 * listed right after its "with"/"to" ("Azerbaijan has growing ties to Turkey and Israel"). Capitals stand for their countries.
 */
function alignment(stems: readonly string[], mentions: readonly { id: string; kind: string; start: number; end: number }[], finder: EntityFinder) {
  const as = (id: string) => finder.standsFor(id) ?? id;
  const parties = mentions.filter((m) => PARTY_KINDS.has(m.kind));
  for (let i = 0; i < stems.length; i++) {
    if (!ALIGN.has(stems[i]!)) continue;
    const k = [1, 2, 3].map((d) => i + d).find((j) => TOWARD.has(stems[j] ?? ''));
    const subject = parties.filter((m) => m.end <= i).at(-1);
    if (k === undefined || !subject) continue;
    const targets: string[] = [];
    let at = k + 1;
    // (A name may take its article in — "the West" — or not: "with the Kremlin".)
    const next = () => parties.find((x) => x.start === at) ?? (stems[at] === 'the' ? parties.find((x) => x.start === at + 1) : undefined);
    for (let m = next(); m; m = next()) {
      targets.push(as(m.id));
      at = m.end;
      while (at < stems.length && LISTING.test(stems[at]!)) at++;
    }
    // ("Azerbaijan's growing ties are with Iran": which ties, said as what they are, not as some of them.)
    const which = stems.slice(i + 1, k).some((s) => COPULA_STEMS.has(s));
    if (targets.length > 0) return { subject: as(subject.id), targets, mutual: MUTUAL.has(stems[i]!), which };
  }
  return undefined;
}

/** How far down the ranking a claim saying whom a party draws closer to is looked for. */
const RELATION_DEPTH = 30;

/** Words that make ties exclusive ("mainly with European countries"): other ties the source names then say no. */
const CHIEFLY = /^(?:mainly|mostly|chiefly|primarily|principally|largely|predominantly|only|exclusively|solely)$/u;

/**
 * Whom a party draws closer to, asked in English, as a claim bears on it: "yes" when the claim says it of those
 * parties, "no" when it says the party draws closer to someone else ("Armenia … with the West", asked of Moscow; for
 * ties, which run both ways, only when asked as its main ones or as what they are), "not-said" when the claim says no such thing of them.
 * Undefined when the question asks none, or only the two partners' own ties, which the whole source is about.
 */
function relates(q: QuestionView, c: ScoredClaim, finder: EntityFinder): 'yes' | 'no' | 'not-said' | undefined {
  const asked = q.lang === 'en' ? alignment(q.stems, q.entities, finder) : undefined;
  if (!asked) return undefined;
  const parties = [asked.subject, ...asked.targets];
  if (parties.every((id) => finder.isPartner(id))) return undefined;
  const claim = c.item.claim.text.en;
  const said = alignment(finder.stemsOf(claim), finder.inText(claim), finder);
  if (!said) return 'not-said';
  const named = [said.subject, ...said.targets];
  if (asked.mutual) {
    if (parties.every((id) => named.includes(id))) return 'yes';
    return said.subject === asked.subject && (asked.which || q.words.some((w) => CHIEFLY.test(w))) ? 'no' : 'not-said';
  }
  if (said.subject !== asked.subject) return 'not-said';
  return asked.targets.every((id) => said.targets.includes(id)) ? 'yes' : 'no';
}

/**
 * The claim that says whom a party the question names draws closer to, asked without a target ("which way is Armenia
 * drifting?"): the first ranked claim whose alignment has that party as its subject. English only.
 */
export function drawsCloser(q: QuestionView, ranked: readonly ScoredClaim[], finder: EntityFinder): ScoredClaim | undefined {
  if (q.lang !== 'en') return undefined;
  const at = q.stems.findIndex((s) => ALIGN.has(s) && !MUTUAL.has(s));
  const party = at < 0 ? undefined : q.entities.filter((e) => !e.partner && PARTY_KINDS.has(e.kind) && e.end <= at).at(-1);
  if (!party) return undefined;
  return ranked.find((c) => alignment(finder.stemsOf(c.item.claim.text.en), finder.inText(c.item.claim.text.en), finder)?.subject === party.id);
}

/** Words of a response ("a response to", "reacting to"), as stems. */
const RESPONSE = new Set(
  'response responses respond responds responding responded reaction reactions react reacts reacting reacted'.split(' ').map((w) => stem(w)),
);

/** What a text calls something a response to: the names right after "to" ("a direct response to Western sanctions"). */
function respondsTo(stems: readonly string[], mentions: readonly { id: string; start: number }[]): string[] {
  const at = stems.findIndex((s, i) => RESPONSE.has(s) && TOWARD.has(stems[i + 1] ?? ''));
  if (at < 0) return [];
  return mentions.filter((m) => m.start === at + 2 || (m.start === at + 3 && stems[at + 2] === 'the')).map((m) => m.id);
}

/** How a claim bears on what a yes/no question asserts: each entity, number and year of the question supported, contradicted or not covered. */
function compare(q: QuestionView, c: ScoredClaim, finder: EntityFinder): Comparison {
  const claim = c.item.claim;
  const out: Comparison = { supports: 0, specific: 0, contradicts: 0, missing: 0, soft: 0 };
  // What a condition names is the premise, not what is asked ("will Russia defend Iran if it is attacked?").
  const focus = q.entities.filter((e) => !e.partner && (q.premiseFrom === undefined || e.start < q.premiseFrom));
  // "Did they pledge not to let their territory be used…?" asks about a refusal: it stands against what it names.
  const against = q.against || NOT_PERMIT[q.lang].test(q.normalized);
  // Whatever else the question names that this claim has: a claim that fits all but one value and names another of its kind says "no".
  const fitsOtherwise = (e: (typeof focus)[number]) =>
    focus.some((x) => x !== e && c.item.entities.has(x.id)) || q.years.some((y) => claim.dates.some((d) => d.startsWith(String(y)))) || c.own >= 0.45;
  // ("Did Armenia lose?" of "Azerbaijan won": another party than the winner is no "no".)
  const lostToWinner = LOSE[q.lang].test(q.normalized) && WON.test(claim.text.en);
  for (const e of focus) {
    // "Is the dollar mentioned?": naming it is the whole question.
    if (q.mentions) {
      if (c.item.entities.has(e.id) || c.item.against.has(e.id)) {
        out.supports++;
        out.specific++;
      } else out.missing++;
    } else if (c.item.against.has(e.id)) {
      if (against) {
        out.supports++;
        if (SPECIFIC_KINDS.has(e.kind)) out.specific++;
      } else out.contradicts++;
    } else if (c.item.entities.has(e.id)) {
      out.supports++;
      if (SPECIFIC_KINDS.has(e.kind)) out.specific++;
      // Another of its kind says "no", unless the question is against it ("is the dollar being replaced?" agrees with "in rials and rubles").
    } else if (!against && claim.closed.includes(e.kind) && claim.entities.some((id) => finder.kindOf(id) === e.kind)) out.contradicts++;
    else if (
      !against &&
      !lostToWinner &&
      SPECIFIC_KINDS.has(e.kind) &&
      !finder.isPartner(e.id) &&
      claim.entities.some((id) => id !== e.id && !finder.isPartner(id) && finder.kindOf(id) === e.kind) &&
      fitsOtherwise(e)
    )
      out.contradicts++;
    // "55 bcm of oil?": a resource other than the one the claim is about, which the question does not name.
    else if (
      !against &&
      e.kind === 'resource' &&
      claim.entities.some((id) => finder.kindOf(id) === 'resource') &&
      !q.entities.some((x) => x.kind === 'resource' && claim.entities.includes(x.id))
    )
      out.contradicts++;
    // (Not a named place, base or network: "are the LNG terminals in Syria?" is not answered by a claim about Syria.)
    else if (!PARTY_KINDS.has(e.kind) && !SPECIFIC_KINDS.has(e.kind) && c.own >= 0.5) out.soft++;
    else out.missing++;
  }
  // "Will the drills focus on space warfare?": a list the source gives whole, asked for something it does not name.
  for (const kind of claim.closed) {
    // (Its words, not an adverb: "focus mainly on naval operations" asks for one of the list.)
    // (Only when it names none of the list's items: "the planned drills include naval operations?" asks for one.
    // The items are what this claim alone names in its topic; "the drills" are in every claim of it.)
    const items = claim.entities.filter((id) => finder.kindOf(id) === kind && !c.item.topic.claims.some((x) => x.id !== claim.id && x.entities.includes(id)));
    if (!LIST_KINDS.has(kind) || items.length === 0 || focus.some((e) => items.includes(e.id))) continue;
    if (c.own >= 0.35 && [...q.predicate].some((s) => !c.item.stems[q.lang].has(s) && !/li$/u.test(s) && !INCLUDE_STEMS.test(s))) out.contradicts++;
  }
  // Partners the question names must be in the claim too ("Did Iran sign…" is fine; "Does Russia supply Turkey…" is decided by Turkey).
  // When they are all it names ("was Pezeshkian one of the signatories?"), they are what is checked.
  for (const e of q.entities.filter((x) => x.partner)) {
    if (!c.item.entities.has(e.id)) out.missing++;
    else if (focus.length === 0 && e.kind === 'person') {
      out.supports++;
      out.specific++;
    }
  }
  // "Is Mir Iran's payment network?": whose a thing is, when the question says and the data knows.
  for (const [thing, owner] of possessions(q, finder)) {
    if (!c.item.entities.has(thing)) continue;
    if (finder.ownerOf(thing) === owner) {
      out.supports++;
      out.specific++;
      out.identity = true;
    } else out.contradicts++;
  }
  // "Is the Bushehr plant in Russia?": where the source places the thing decides, against a place of the same kind.
  for (const [thing, place] of placements(q, claim.entities, finder)) {
    const at = finder.placeOf(thing)!;
    if (at === place) {
      out.supports++;
      out.specific++;
    } else if (finder.kindOf(at) === finder.kindOf(place)) out.contradicts++;
  }
  // "Was it signed in Iran?", "did Putin fly to Tehran for the signing?": an event the source places in a city decides by the
  // city's country; its other claims (who signed, when) say nothing of where.
  const eventAt = claim.status === 'event' ? partnerPlace(q) : undefined;
  if (eventAt) {
    const cities = claim.entities.filter((id) => finder.kindOf(id) === 'city');
    if (cities.length > 0) {
      if (cities.some((id) => finder.standsFor(id) === eventAt)) {
        out.supports++;
        out.specific++;
      } else out.contradicts++;
    } else if (placesEvents(c.item.topic)) out.missing++;
  }
  // "Is Armenia drifting closer to Moscow?": whom a party draws closer to is what the claim says of that party ("aligning
  // itself with the West"), and only a claim that says it of that party bears on it.
  const relation = relates(q, c, finder);
  if (relation === 'yes') {
    out.supports++;
    out.specific++;
  } else if (relation === 'no') out.contradicts++;
  else if (relation === 'not-said') out.missing++;
  // "A response to Chinese pressure?": what the source calls it a response to decides (Western sanctions), when it says.
  const reason = respondsTo(q.stems, q.entities);
  if (reason.length > 0) {
    const given = respondsTo(finder.stemsOf(claim.text.en), finder.inText(claim.text.en));
    if (reason.every((id) => c.item.entities.has(id))) {
      if (given.length > 0) {
        out.supports++;
        out.specific++;
      }
    } else if (given.length > 0) out.contradicts++;
  }
  // "Is the naval base in Latakia?": a place the data does not know, for a thing the source places elsewhere.
  if (q.unknownPlaces > 0 && placedThings(q, claim.entities, finder).length > 0) out.contradicts++;
  // "Is Tartus an airbase?": a noun of the thing's kind that the claim does not use describes something else.
  // (Only a noun that describes the thing, right after it — "is Tartus the site of the airbase?" — not one that names a class
  // it belongs to: "one of the groups where…", "part of the corridor plans".)
  q.stems.forEach((s, i) => {
    const kind = finder.kindOfNoun(s);
    if (!kind || !q.content.has(s) || c.item.stems[q.lang].has(s)) return;
    const described = focus.some(
      (e) =>
        e.kind === kind &&
        c.item.entities.has(e.id) &&
        // (Not the noun right after the name, which is part of it: "the Rasht–Astara line"; before it, "the naval base … is at Hmeimim".)
        ((i > e.end && i - e.end <= 6) || (i < e.start && e.start - i <= 6 && BEFORE_COPULA.test(q.words.slice(i + 1, e.start).join(' ')))) &&
        !q.words
          .slice(Math.min(i + 1, e.end), Math.max(i, e.start))
          // ("In Syria" says where, not a class: "is the airbase in Syria located at Tartus?")
          .some((w, k, between) => GROUP_WORD.test(w) && !(LOCATIVE.test(w) && placeAt(q, Math.min(i + 1, e.end) + k + 1) && between.length > k + 1)),
    );
    if (described) out.contradicts++;
  });
  for (const n of q.numbers) {
    // A monthly volume asked of a yearly one is another figure ("55 bcm a month?": no, a year).
    if (n.unit === 'bcm/mo' && claim.numbers.some((x) => x.unit === 'bcm/yr')) {
      out.contradicts++;
      continue;
    }
    const same = claim.numbers.filter((x) => !n.unit || x.unit === n.unit || (n.unit === 'bcm/yr' && x.unit.startsWith('bcm')));
    // "Did trade top 3 billion?": a bound is met or not by the claim's figure.
    if (n.bound && same.length) {
      const met = same.some((x) => (n.bound === '>' ? x.value > n.value : x.value < n.value));
      if (met) {
        out.supports++;
        out.specific++;
      } else out.contradicts++;
    } else if (same.some((x) => Math.abs(x.value - n.value) < 1e-9)) {
      out.supports++;
      out.specific++;
    } else if (same.length && n.unit) out.contradicts++;
    else out.missing++;
  }
  // "Signed on 17 January?": the claim's full dates decide.
  for (const d of q.days) {
    const full = claim.dates.filter((x) => x.length === 10);
    if (full.some((x) => x.endsWith(d))) {
      out.supports++;
      out.specific++;
    } else if (full.length) out.contradicts++;
    else out.missing++;
  }
  // "Signed in February 2025?": the month of the claim's dates decides.
  for (const m of q.months) {
    const dated = claim.dates.filter((x) => x.length >= 7);
    if (dated.some((x) => x.slice(5, 7) === m)) {
      out.supports++;
      out.specific++;
    } else if (dated.length && claim.status === 'event') out.contradicts++;
    else out.missing++;
  }
  for (const y of q.years) {
    if (claim.dates.some((d) => d.startsWith(String(y)))) {
      out.supports++;
      out.specific++;
    } else if (claim.dates.length && claim.status === 'event') out.contradicts++;
    else out.missing++;
  }
  // "Are the ports on the Black Sea?": a place of a kind the claim names another of (the Caspian Sea).
  for (const kind of q.unknownKinds) if (claim.entities.some((id) => !finder.isPartner(id) && finder.kindOf(id) === kind) && c.own >= 0.3) out.contradicts++;
  // "Did they agree to allow their territory to be used…?": no, where the claim says they deny it.
  if (PERMIT[q.lang].test(q.normalized) && !NOT_PERMIT[q.lang].test(q.normalized) && REFUSE.test(claim.text.en)) out.contradicts++;
  // "Was it signed by the foreign ministers?": the claim's people hold another office.
  if (claim.entities.some((id) => finder.kindOf(id) === 'person') && [...q.content].some((s) => OTHER_OFFICE[q.lang].test(s) && !c.item.stems[q.lang].has(s)))
    out.contradicts++;
  // "Has Russia abandoned Hmeimim?", "are they cutting ties with Baku?": no, where the claim says it is kept up.
  // (Any verb of ending or leaving asks the same: "did Russia leave Hmeimim?", "did Iran stop supporting militias?".)
  if ((q.against || q.cease) && !q.decline && MAINTAIN.test(claim.text.en) && focus.some((e) => c.item.entities.has(e.id) && !c.item.against.has(e.id)))
    out.contradicts++;
  else if ((q.against || q.cease) && (q.decline || q.cease) && MAINTAIN.test(claim.text.en) && !INCREASE.test(claim.text.en)) out.contradicts++;
  // "Is Iran scaling back its support for the militias?": no, where the claim says it is sustained.
  else if (q.decline && MAINTAIN.test(claim.text.en) && !INCREASE.test(claim.text.en) && focus.some((e) => c.item.entities.has(e.id))) out.contradicts++;
  // "Did Russia keep its peacekeepers in the region?": no, where the claim says they were withdrawn.
  if (KEEP[q.lang].test(q.normalized) && !q.cease && !q.against && WITHDRAWN.test(claim.text.en) && focus.some((e) => c.item.entities.has(e.id)))
    out.contradicts++;
  // "Did Azerbaijan lose Karabakh?": no, where the claim says the one asked about won.
  if (
    LOSE[q.lang].test(q.normalized) &&
    WON.test(claim.text.en) &&
    focus.some(
      (e) => PARTY_KINDS.has(e.kind) && claim.entities.includes(e.id) && claim.text.en.indexOf(finder.nameOf(e.id, 'en')) < WON.exec(claim.text.en)!.index,
    )
  )
    out.contradicts++;
  // "Did trade fall?", "has Iran reduced its engagement?": no, where the claim says it grew or was stepped up.
  // (Only of what the claim is about: "did Armenia lose Karabakh?" is not answered by Iran's engagement with Armenia.)
  if (q.decline && focus.every((e) => c.item.entities.has(e.id)) && (claim.answers.includes('growth') || INCREASE.test(claim.text.en))) out.contradicts++;
  // "Is Iran engaging Azerbaijan to counterbalance Armenia?": the claim's two parties of one kind, named the other way round
  // (not when either text only lists them: "their approach to Armenia and Azerbaijan").
  if (q.lang === 'en' && !q.mentions && swapped(q, focus, claim.text.en, finder)) out.contradicts++;
  // "Will Iran supply gas to Russia?": the flow runs the other way.
  {
    const asked = q.lang === 'en' ? flowOf(q.normalized, finder) : markedFlow(q);
    const stated = flowOf(claim.text.en, finder);
    if (asked && stated && asked[0] === stated[1] && asked[1] === stated[0]) out.contradicts++;
  }
  // A name the data does not know, where the claim's people are the whole list ("Did Putin sign it with Raisi?").
  if (q.unknownNames > 0 && claim.closed.includes('person') && claim.entities.some((id) => finder.kindOf(id) === 'person')) out.contradicts++;
  // The same of a list of another kind, beside one of its items ("is Shetab being linked to Visa?": the networks are Mir and Shetab).
  else if (q.unknownNames > 0 && claim.closed.some((kind) => kind !== 'person' && q.entities.some((e) => e.kind === kind && c.item.entities.has(e.id))))
    out.contradicts++;
  return out;
}

/** The claims of one source sentence as one: what any of them names, the figures and dates of all. */
function merged(group: readonly ScoredClaim[]): ScoredClaim {
  const [first] = group as [ScoredClaim, ...ScoredClaim[]];
  const union = <T>(sets: Iterable<T>[]) => new Set(([] as T[]).concat(...[...sets].map((x) => [...x])));
  const langs = Object.keys(first.item.stems) as (keyof typeof first.item.stems)[];
  const per = (key: 'stems' | 'own') => Object.fromEntries(langs.map((l) => [l, union(group.map((g) => g.item[key][l]))])) as typeof first.item.stems;
  const claims = group.map((g) => g.item.claim);
  return {
    ...first,
    own: Math.max(...group.map((g) => g.own)),
    item: {
      ...first.item,
      entities: union(group.map((g) => g.item.entities)),
      against: union(group.map((g) => g.item.against)),
      stems: per('stems'),
      own: per('own'),
      claim: {
        ...first.item.claim,
        entities: [...union(claims.map((x) => x.entities))],
        numbers: claims.flatMap((x) => x.numbers),
        dates: [...union(claims.map((x) => x.dates))],
        closed: [...union(claims.map((x) => x.closed))],
        text: { ...first.item.claim.text, en: claims.map((x) => x.text.en).join(' ') },
      },
    },
  };
}

/** A verdict from the claims of one sentence together, when the question names what they say between them and no more. */
function jointVerdict(q: QuestionView, relevant: readonly ScoredClaim[], ranked: readonly ScoredClaim[], finder: EntityFinder): Verdict | undefined {
  const keyOf = (c: ScoredClaim) => `${c.item.topic.id}#${c.item.claim.source ?? ''}#${c.item.sentence}`;
  // Sentences a relevant claim comes from, with all their claims (the others may rank lower: "signed by" under "signed on").
  const sentences = new Set(relevant.map(keyOf));
  const groups = new Map<string, ScoredClaim[]>();
  for (const c of ranked) {
    const key = keyOf(c);
    if (sentences.has(key)) groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const all = merged(group);
    // (Only when the claims say what the question does: "did they meet again later in 2025?" is not the signing.)
    // (Going to the place an event is put in is part of where it was: "did Pezeshkian travel to Russia to sign it?")
    const going = partnerPlace(q) ? new Set(q.stems.filter((_, i) => MOTION.test(q.words[i]!) || VISIT.test(q.words[i]!))) : new Set<string>();
    if (![...q.predicate].every((w) => all.item.stems[q.lang].has(w) || going.has(w))) continue;
    const r = compare(q, all, finder);
    if (r.contradicts === 0 && r.missing === 0 && r.specific > 0) return { answer: 'yes', claim: group[0]! };
    // (Everything else it names is in the sentence: "did Putin and Pezeshkian sign it in Tehran?" — the signers are, Moscow is the place.)
    if (r.contradicts > 0 && (r.supports > 0 || r.missing === 0) && r.supports + r.contradicts >= r.missing) {
      return { answer: 'no', claim: group.find((c) => compare(q, c, finder).contradicts > 0) ?? group[0]! };
    }
  }
  return undefined;
}

/**
 * Decides a yes/no question from the claims ranked for it: "no" when a relevant
 * claim contradicts what the question asserts (another city for the signing, a
 * different figure, a reduction where it asks about reliance); "yes" when one
 * supports everything the question names; otherwise the source does not say.
 * Never "yes" from a merely related claim: a question that names nothing
 * checkable needs a claim that covers most of its words.
 */
export function decideYesNo(q: QuestionView, ranked: readonly ScoredClaim[], finder: EntityFinder): Verdict {
  const best = ranked[0];
  if (!best) return { answer: 'unknown' };

  const relevant = ranked.filter(
    (c, i) =>
      (i < 6 || c.score >= best.score - 0.1) &&
      c.score >= best.score - 0.45 &&
      (c.lexical >= 0.2 || c.entityHits > 0 || c.numberHit || c.topicConfidence >= 0.5),
  );
  // "Is Armenia drifting closer to Moscow?": the claim that says whom that party draws closer to decides, wherever it ranks.
  const related = ranked.slice(0, RELATION_DEPTH).map((c) => ({ c, r: relates(q, c, finder) }));
  const denied = related.find(({ r }) => r === 'no');
  if (denied) return { answer: 'no', claim: denied.c };
  const checkable = q.entities.some((e) => !e.partner) || q.numbers.length > 0 || q.years.length > 0 || q.days.length > 0 || q.decline;
  const compared = relevant.map((c) => ({ c, r: compare(q, c, finder) }));
  // No "yes" by coverage alone when the question has a word the source never uses ("does Russia give Iran nuclear weapons?").
  const unheard = (q.foreign?.size ?? 0) > 0;
  const noes = compared.filter(({ c, r }) => r.contradicts > 0 && r.supports + r.contradicts >= r.missing && (c.lexical >= 0.25 || c.topicConfidence >= 0.5));
  // (Led by a claim that names what is asked about in its own text when one says no: "Russia's Mir" over "a parallel ecosystem".)
  const no = noes[0];
  const noLead = noes.find(({ c }) => q.entities.some((e) => !e.partner && c.item.claim.entities.includes(e.id))) ?? no;
  const yes = compared.find(({ c, r }) => r.supports > 0 && r.contradicts === 0 && r.missing === 0 && (r.specific > 0 || c.own >= GENERIC_OWN));
  // Nothing checkable named, or only things the claim words differently: a claim that covers most of the question and whose topic is clear.
  // Only the claim's own words count here: a topic's vocabulary makes a claim related, not a "yes".
  const covered = unheard
    ? undefined
    : compared.find(
        ({ c, r }) => r.contradicts === 0 && r.missing === 0 && ((c.own >= 0.5 && c.topicConfidence >= 0.3) || (c.own >= 0.35 && c.topicConfidence >= 0.6)),
      );
  // A "no" from a claim that fits better wins over a "yes" that only names the same thing (Hmeimim is the airbase; the naval base is Tartus).
  // (A weakly worded yes loses only to a no that supports as much: "Armenia moving closer to the West" is said outright.)
  if (no && (!yes || compared.indexOf(no) <= compared.indexOf(yes) || (yes.c.own < 0.4 && no.r.supports >= yes.r.supports)))
    return { answer: 'no', claim: noLead!.c };
  if (yes) return { answer: 'yes', claim: yes.c, ...(yes.r.identity ? { identity: true } : {}) };
  if (covered) return { answer: 'yes', claim: covered.c };
  // "Did Putin and Pezeshkian sign it in Moscow?": one sentence of the source, split into claims (who signed, where), decides together.
  const joint = jointVerdict(q, relevant, ranked, finder);
  if (joint) return joint;
  // "Does the deal cover nuclear energy?", "are joint drills on the agenda?": whether the partnership takes in a theme the source gives.
  const theme =
    q.includes && !unheard ? compared.find(({ c, r }) => r.contradicts === 0 && r.missing === 0 && c.topicConfidence >= 0.55 && c.lexical >= 0.25) : undefined;
  if (theme) return { answer: 'yes', claim: theme.c };
  void checkable;
  return { answer: 'unknown', claim: best };
}
