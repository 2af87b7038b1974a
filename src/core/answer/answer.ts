import { helpReply, replyFor } from '../compose.js';
import { isSpecificType, type KnowledgeBase, type Lang, type QuestionType, type SpecificType } from '../data/schema.js';
import { formatDate, formatInteger, t } from '../i18n/index.js';
import type { Matcher, MatchResult } from '../match/matcher.js';
import { topicsButton } from '../reply-actions.js';
import type { DeclineReply, HelpReply, NoticeReply, Reply } from '../reply.js';
import { summaryCard, OVERVIEW_ID } from '../summary-card.js';
import { createClaimIndex, type IndexedClaim } from './claims.js';
import { createHeadingIndex } from './headings.js';
import { claimAnswer, joinClaims, topicSummary } from './compose.js';
import { createEntityFinder } from './entities.js';
import { createExpectations } from './expect.js';
import { createUnknownNames } from './unknown-names.js';
import { createPlaceThings } from './place-things.js';
import { asksBare, asksMore, isFollowUp, leansOnPronoun, namesTheAgreement } from './followup.js';
import { ABOUT_WORDS, countsThings, questionView, resolveMetonyms, type QuestionView } from './question.js';
import { stem } from '../text/stem.js';
import {
  asksForAuthor,
  asksForOverview,
  asksHowTo,
  asksOnlyAbout,
  asksForSource,
  asksTheSource,
  overviewSubject,
  isRequest,
  smallTalk,
  timeOf,
} from './scope.js';
import { rankClaims, type ScoredClaim } from './select.js';
import { createThemeFinder, isFrameWord, themeSummary } from './themes.js';
import { decideYesNo, drawsCloser, OTHER_OFFICE } from './yesno.js';
import {
  VERB_FORM,
  RELEVANT,
  PARTY_KINDS,
  NAMED_KINDS,
  UNCOVERED,
  NO_SUBJECT,
  MODAL,
  ASKS_WHAT_IT_SAYS,
  MENTION_WORDS,
  SOURCE_NOUNS,
  FUTURE_WHEN,
  FIGURES,
  PAIR_JOIN,
  OF,
  SHARE_ASKED,
  CHANGE,
  PARTS_OF,
  PLACE_OF_PARTS,
  ANSWER_PLACES,
  OTHER_MEASURE,
  PLURAL,
  SAID_BY_PERSON,
  SEVERAL_ASKED,
  TIE,
  IN_UNIT,
  PART_OF,
  UNIT_CURRENCY,
  ONLY_WORD,
  ATTRIBUTE_QUESTION,
  STAGE_ASKED,
  REACTION_TO_AGREEMENT,
  AGREEMENT_PARTIES,
  otherAgreement,
  PURPOSE,
} from './wording.js';

/** What the conversation knows before a question: the topic it is on, for follow-ups. */
export interface AskContext {
  topicId?: string;
  lang?: Lang;
}

export interface AskResult {
  reply: Reply;
  match: MatchResult;
}

/**
 * Answers a question from claims: what it expects (a fact, a kind of thing,
 * yes/no, an overview), which claims say it, and what the source cannot say
 * (after its date, about a relation it never mentions, a detail it lacks). The
 * matcher finds the topics; this decides the reply.
 */
export function createAnswerer(kb: KnowledgeBase, matcher: Matcher) {
  const finder = createEntityFinder(kb);
  const themes = createThemeFinder(kb, finder.stemsOf);
  const headings = createHeadingIndex(kb, finder);
  const index = createClaimIndex(kb, finder, headings);
  const expectations = createExpectations(kb);
  const unknown = createUnknownNames(kb, finder, index);
  const placeThings = createPlaceThings(kb, finder, index);
  const byId = new Map(kb.topics.map((x) => [x.id, x]));
  // What the agreement is designed for, found once: the claims never change for a core.
  const aims = findAgreementAims();

  // What the bot can know reaches as far as its newest source.
  const published =
    kb.sources
      .map((s) => s.published)
      .sort()
      .at(-1) ?? '2025-01-24';
  const sourceYear = Number(published.slice(0, 4));

  const notice = (lang: Lang, text: string): NoticeReply => ({ kind: 'notice', lang, level: 'info', text, actions: [] });
  const decline = (lang: Lang, reason: DeclineReply['reason'], text: string): DeclineReply => ({
    kind: 'decline',
    lang,
    reason,
    text,
    actions: [topicsButton(lang)],
  });

  function sourceHelp(lang: Lang): HelpReply {
    const c = t(lang);
    return {
      ...helpReply(kb, lang, 'help'),
      mode: 'source',
      title: c.sourceTitle,
      text: c.sourceText(formatDate(published, lang, true)),
      actions: [topicsButton(lang)],
    };
  }

  /**
   * The claims that back the lead: the same topic's next best that add something,
   * claims from other sentences of the source first (claims split from one
   * sentence say much the same).
   */
  function supportFor(lead: ScoredClaim, ranked: readonly ScoredClaim[]): IndexedClaim[] {
    // (Claims that tie with the lead support it: a question with no words of its own — "what happens to some of it?" — chose none of them.)
    const same = ranked.filter(
      (c) => c !== lead && c.item.topic === lead.item.topic && (c.lexical > 0 || c.entityHits > 0 || c.kindHit || c.typeHit || c.score >= lead.score - TIE),
    );
    const used = new Set([lead.item.sentence]);
    const first: IndexedClaim[] = [];
    const later: IndexedClaim[] = [];
    for (const c of same) {
      if (used.has(c.item.sentence)) later.push(c.item);
      else {
        used.add(c.item.sentence);
        first.push(c.item);
      }
    }
    return [...first, ...later];
  }

  /** The word that names an attribute of a party in the question ("Israel's population", "prime minister of India"), when there is one. */
  function attributeOf(q: QuestionView, e: { start: number; end: number }): string | undefined {
    const stems = q.stems;
    const content = (i: number) =>
      i >= 0 &&
      i < stems.length &&
      !ABOUT_WORDS.has(stems[i]!) &&
      !MODAL.test(stems[i]!) &&
      !PURPOSE.test(stems[i]!) &&
      !index.isStop(stems[i]!, q.lang) &&
      !/^\d/.test(stems[i]!)
        ? stems[i]
        : undefined;
    // English: "the X of P", or "P's X" right after the opening ("what is Turkey's GDP"; not "… now that Assad's gone").
    // A partner's possessive before the thing counts with it ("the capacity of Iran's LNG terminals").
    const start = q.entities.find((p) => p.partner && p.end === e.start)?.start ?? e.start;
    // ("the capacity of the Bushehr plant": an article may stand between.)
    // ("The exchange rate between the rial and the ruble": "between" joins an attribute to its things as "of" does.)
    const of = OF.test(q.words[start - 1] ?? '') ? start - 1 : q.words[start - 1] === 'the' && OF.test(q.words[start - 2] ?? '') ? start - 2 : -1;
    if (q.lang === 'en') return of >= 0 ? content(of - 1) : start <= 3 || pairedAfter(q, e) ? content(e.end) : undefined;
    // Russian "каково население Израиля", Persian "جمعیت اسرائیل چیست": the attribute comes first.
    const first = q.lang === 'ru' ? 1 : 0;
    return e.start - 1 === first ? content(e.start - 1) : undefined;
  }

  /** The second of two things of a kind joined before a noun ("the rial to ruble exchange rate", "the rial and ruble rate"). */
  function pairedAfter(q: QuestionView, e: { start: number; end: number; kind?: string }): boolean {
    return PAIR_JOIN.test(q.words[e.start - 1] ?? '') && q.entities.some((p) => p.end === e.start - 1 && p.kind === e.kind);
  }

  /**
   * Whether the question asks about something the answering topic never mentions: at
   * least two of its words, most of its weight (idf), unknown to every text of the
   * topic ("the current exchange rate", "the prime minister"). One unknown word is
   * more often a paraphrase ("affect") than a new subject.
   */
  function asksBeyond(q: QuestionView, topicId: string): boolean {
    let total = 0;
    let missing = 0;
    let words = 0;
    for (const s of q.content) {
      if (ABOUT_WORDS.has(s) || NO_SUBJECT[q.lang].test(s)) continue;
      const w = index.idf(s, q.lang);
      total += w;
      if (!index.topicKnows(topicId, s, q.lang)) {
        missing += w;
        words += 1;
      }
    }
    for (const e of q.entities) total += e.partner ? 0 : 2;
    return words >= 2 && total > 0 && missing / total >= UNCOVERED;
  }

  /** ("Where are the Turkish-backed militias gaining ground?": a claim of what was asked that names a place the question does not.) */
  function givesPlace(c: ScoredClaim, asked: readonly { id: string; kind: string }[]): boolean {
    // (Not where a person is, which the source never says: "where is Assad living?" is not "in Syria".)
    return (
      c.lexical >= RELEVANT.lexical &&
      !asked.some((e) => e.kind === 'person') &&
      c.item.claim.entities.some((id) => ANSWER_PLACES.has(finder.kindOf(id) ?? '') && !finder.isPartner(id) && !asked.some((e) => e.id === id))
    );
  }

  /** A claim among the relevant ones that answers the asked type (a date for "when", a figure for "how much"; a person for "who is the president"). */
  function answersType(
    type: QuestionType,
    ranked: readonly ScoredClaim[],
    best: ScoredClaim,
    kind?: string,
    share: 'none' | 'share' | 'growth' | 'count' = 'none',
  ): ScoredClaim | undefined {
    // A claim that gives a date answers "in which year" whatever else it answers.
    // ("What percentage…" is answered only by a figure in percent: a share, or a rate of growth when it asks how much
    // something rose; a volume in bcm is none, and a growth rate no share of trade.)
    // ("How many terminals…" is answered only by a count, which none of the source's figures is.)
    const answers = (c: ScoredClaim) =>
      (type === 'how_much' && share === 'count'
        ? c.item.claim.numbers.some((n) => !n.unit) && c.item.claim.answers.includes(type)
        : type === 'how_much' && share !== 'none'
          ? c.item.claim.numbers.some((n) => n.unit === '%') &&
            (c.item.claim.answers.includes(type) || (share === 'growth' && c.item.claim.answers.includes('growth')))
          : c.item.claim.answers.includes(type)) ||
      (type === 'when' && c.item.claim.dates.length > 0 && c.lexical >= RELEVANT.lexical);
    // (The date of something else is no answer: "when did Russia pull its peacekeepers out?" is not dated by Azerbaijan's
    // victory in the same paragraph, which names fewer of the things asked about and fewer of the question's words.)
    const other = (c: ScoredClaim) =>
      type === 'when' && ranked.some((x) => x !== c && x.item.topic === c.item.topic && x.entityHits > c.entityHits && x.lexical > c.lexical);
    // (From another topic only with some of the question's words: "how much money into the reactors" is no share of payments.)
    const near = (c: ScoredClaim) => c.item.topic === best.item.topic || (c.score >= best.score - 0.3 && (c.lexical >= 0.2 || c.entityHits > 0));
    return ranked.find((c) => answers(c) && (!kind || c.kindHit) && near(c) && !other(c));
  }

  /**
   * A "which X" the source cannot answer: no claim names an X and the lead does not even speak of
   * one ("which route will the pipeline take?"), or the names are asked for and the source gives the
   * thing none ("which ports exactly?": "port facilities in the Caspian Sea"). Not for persons ("who"
   * has its own checks) nor for a single country (one of the partners may be the answer).
   */
  function namesNone(q: QuestionView, lead: ScoredClaim, kindHit: boolean): boolean {
    const { kind, noun, specific, many } = q.expect;
    if (!kind || !NAMED_KINDS.has(kind) || (kind === 'country' && !many)) return false;
    // ("Which specific Caspian ports…" names the unnamed thing itself.)
    if (specific && q.entities.some((e) => e.kind === kind && finder.isUnnamed(e.id))) return true;
    if (!kindHit) return !noun || ![...lead.item.stems[q.lang]].some((s) => (q.lang === 'fa' ? s.startsWith(noun) : s === noun));
    const asked = new Set(q.entities.map((e) => e.id));
    const named = lead.item.claim.entities.filter((id) => !asked.has(id) && finder.kindOf(id) === kind);
    return specific === true && named.length > 0 && named.every((id) => finder.isUnnamed(id));
  }

  /** Another topic the question is about too (a two-part question): first among the related topics. */
  function alsoAbout(ranked: readonly ScoredClaim[], lead: ScoredClaim): string | undefined {
    const other = ranked.find((c) => c.item.topic !== lead.item.topic);
    return other && (other.typeHit || other.lexical >= 0.3) && other.score >= lead.score - 0.3 && other.topicConfidence >= 0.2
      ? other.item.topic.id
      : undefined;
  }

  function answerClaims(q: QuestionView, match: MatchResult, ranked: ScoredClaim[]): Reply {
    const { lang } = q;
    const c = t(lang);
    const best = ranked[0]!;
    const time = timeOf(q.normalized, lang, sourceYear);
    // A year from the source's own on, asked of a claim about an earlier one ("trade in 2025", the source giving 2024).
    const laterYear = q.years.some((y) => y >= sourceYear && best.item.claim.dates.length > 0 && !best.item.claim.dates.some((d) => d.startsWith(String(y))));
    const figureFor2025 = laterYear || (q.years.includes(sourceYear) && q.expect.types.some((x) => x === 'how_much' || x === 'growth'));
    // "Has Russia already finalised the reactor investments?": not yet, as far as the source goes (it says it is only considered).
    if (q.expect.yesno && !time.later && !figureFor2025 && (time.now || time.done) && best.item.claim.stage && best.lexical >= RELEVANT.lexical) {
      return claimAnswer(kb, lang, { lead: best.item, prefix: c.notYet(best.item.claim.stage), support: [], grounding: 'answered' });
    }
    if (time.later || figureFor2025 || (time.now && (time.done || best.item.claim.status === 'plan'))) {
      const prefix = `${c.afterSource(formatDate(published, lang, true))} ${c.asOfThen}`;
      return claimAnswer(kb, lang, { lead: best.item, prefix, support: [], grounding: 'after-source' });
    }

    // "Which country…": the kind asked for decides (a claim naming a country), not "where".
    const kind = q.expect.kind;
    // "Turkey's rise": growth of a party, which the source never measures (its growth figures are of trade).
    const partyGrowth = q.entities.some((e) => !e.partner && PARTY_KINDS.has(e.kind)) && q.numbers.length === 0;
    const specific = q.expect.types.filter(
      (x) => isSpecificType(x) && !(kind && (x === 'where' || (x === 'who' && kind !== 'person'))) && !(x === 'growth' && partyGrowth),
    );
    // A year the source never mentions, before its own ("the treaty of 2001"): said first, then what it does say.
    if (match.unknownYear && Number(match.unknownYear) < sourceYear) {
      // ("Did Azerbaijan win in 2020?": the claim that dates what is asked, by another year, says no; not the signing of 2025
      // for "a treaty of 2001", which names nothing of its own.)
      const dated = ranked.find(
        (x) =>
          x.item.claim.dates.length > 0 &&
          x.lexical >= 0.3 &&
          x.score >= best.score - 0.3 &&
          q.entities.some((e) => !e.partner && x.item.claim.entities.includes(e.id)),
      );
      if (q.expect.yesno && dated) return claimAnswer(kb, lang, { lead: dated.item, prefix: c.no, support: [], grounding: 'answered' });
      return claimAnswer(kb, lang, {
        lead: best.item,
        prefix: c.notStatedYear(formatInteger(Number(match.unknownYear), lang)),
        support: [],
        grounding: 'not-in-source',
      });
    }
    // A name the data does not know ("how did Donald Trump react?"): the source does not speak of them.
    if (q.unknownNames > 0 && !q.expect.yesno && q.entities.every((e) => e.partner)) {
      return claimAnswer(kb, lang, { lead: best.item, prefix: c.notInSource, support: [], grounding: 'not-in-source' });
    }
    // "What was agreed at the BRICS summit in Kazan?": a place the data does not know, so nothing the source says happened there.
    if (q.unknownPlaces > 0 && !q.expect.yesno)
      return claimAnswer(kb, lang, { lead: best.item, prefix: c.notInSource, support: [], grounding: 'not-in-source' });
    // "What did Putin say at the press conference?": the source quotes no one's words.
    if (lang === 'en' && q.entities.some((e) => e.kind === 'person') && SAID_BY_PERSON.test(q.normalized))
      return claimAnswer(kb, lang, { lead: best.item, prefix: c.notInSource, support: [], grounding: 'not-in-source' });
    // "Did India comment on the deal?": the source reports no one's reaction to the agreement.
    if (q.expect.yesno && REACTION_TO_AGREEMENT[lang].test(q.normalized))
      return claimAnswer(kb, lang, { lead: best.item, prefix: c.notSaid, support: [], grounding: 'not-in-source' });
    // "What does the China–Iran cooperation agreement include?": another agreement, of a party the source discusses, which it does not describe.
    if (otherAgreement(q)) return claimAnswer(kb, lang, { lead: best.item, prefix: c.notInSource, support: [], grounding: 'not-in-source' });
    // "Is this agreement between Russia and China?": the parties to the agreement are the two partners.
    if (q.expect.yesno && AGREEMENT_PARTIES[lang].test(q.normalized)) {
      const outsider = q.entities.some((e) => !e.partner && PARTY_KINDS.has(e.kind));
      const both = new Set(q.entities.filter((e) => e.partner && e.kind === 'country').map((e) => e.id)).size >= 2;
      const signing = index.claims.find(
        (x) => x.topic.agreement && x.claim.answers.includes('who') && [...x.entities].filter((id) => index.isPartner(id)).length >= 2,
      );
      if (signing && (outsider || both)) return claimAnswer(kb, lang, { lead: signing, prefix: outsider ? c.no : c.yes, support: [], grounding: 'answered' });
    }
    // Yes or no, when a claim decides it; "the source doesn't say" only after the checks below.
    const verdict = q.expect.yesno ? decideYesNo(q, ranked, finder) : undefined;
    if (verdict && verdict.answer !== 'unknown') {
      const lead = verdict.claim ?? best;
      // A yes about a plan only considered, or work in progress, says how far it had got.
      const stage = STAGE_ASKED[lang].test(q.normalized) || verdict.identity || q.includes ? undefined : lead.item.claim.stage;
      // "Is the railway finished?" of work under way: not yet.
      const yes = stage && time.done ? c.notYet(stage) : stage === 'considered' ? c.considered : stage === 'under-way' ? c.underWay : c.yes;
      return claimAnswer(kb, lang, {
        lead: lead.item,
        prefix: verdict.answer === 'yes' ? yes : c.no,
        support: supportFor(lead, ranked).slice(0, 1),
        grounding: 'answered',
      });
    }
    // "How much gas does Iran produce?": a measure of something the source never gives (its figure is what Russia supplies).
    if (
      specific.includes('how_much') &&
      !q.expect.yesno &&
      q.words.some((w, i) => OTHER_MEASURE[lang].test(w) && !index.topicKnows(best.item.topic.id, q.stems[i]!, lang))
    )
      return claimAnswer(kb, lang, { lead: best.item, prefix: c.notStated('how_much'), support: [], grounding: 'not-in-source' });
    // A detail of a kind no claim gives ("what price", "when will it be finished").
    const share =
      lang === 'en' && !q.expect.kind && countsThings(q.words)
        ? 'count'
        : !SHARE_ASKED[lang].test(q.normalized)
          ? 'none'
          : CHANGE[lang].test(q.normalized)
            ? 'growth'
            : 'share';
    const typedLead = specific.length ? specific.map((type) => answersType(type, ranked, best, q.expect.kind, share)).find(Boolean) : best;
    // (Said of what was asked about: a claim that answers the type, but of something else, ranked first only by its type.)
    if (!typedLead) {
      const about = best.typeHit ? (ranked.find((x) => !x.typeHit && x.score >= best.score - 0.6) ?? best) : best;
      return claimAnswer(kb, lang, { lead: about.item, prefix: c.notStated(specific[0] as SpecificType), support: [], grounding: 'not-in-source' });
    }
    // "Who was Iran's foreign minister at the signing?": an office the claim's people do not hold, which the source never names.
    if (
      (specific.includes('who') || q.expect.kind === 'person') &&
      [...q.content].some((s) => OTHER_OFFICE[lang].test(s) && !typedLead.item.stems[lang].has(s) && !index.topicKnows(typedLead.item.topic.id, s, lang))
    )
      return claimAnswer(kb, lang, { lead: typedLead.item, prefix: c.notStated('who'), support: [], grounding: 'not-in-source' });
    // "When will the gas deliveries start?": a date of something to come, which a past event's date does not give.
    if (specific.includes('when') && FUTURE_WHEN[lang].test(q.normalized) && typedLead.item.claim.status === 'event')
      return claimAnswer(kb, lang, { lead: best.item, prefix: c.notStated('when'), support: [], grounding: 'not-in-source' });
    // "How many reactors, and where?": a figure asked beside another detail, which no claim gives, is what the source lacks.
    // (Only beside a place or a person: "how many years" asks how long and how much at once.)
    const twoParts = specific.some((x) => x === 'where' || x === 'who') && specific.some((x) => FIGURES.has(x));
    const unfigured = twoParts ? specific.find((type) => FIGURES.has(type) && !answersType(type, ranked, best, q.expect.kind, share)) : undefined;
    if (unfigured)
      return claimAnswer(kb, lang, { lead: typedLead.item, prefix: c.notStated(unfigured as SpecificType), support: [], grounding: 'not-in-source' });
    // (Not when the lead gives what was asked: a thing of the kind asked for — "which country's influence…" is
    // answered by Turkey — or the asked type: "how long's this deal good for" by its 20 years.)
    // (A person is no such proof: "who drafted the text?" is not answered by who signed it.)
    const givesAsked =
      (q.expect.kind !== undefined && q.expect.kind !== 'person' && typedLead.kindHit) ||
      (specific.some((x) => x === 'how_long' || x === 'how_much') && typedLead.typeHit);
    if (best.topicConfidence < 0.3 && !givesAsked && asksBeyond(q, best.item.topic.id)) {
      // ("Which way is Armenia drifting?": whom the party draws closer to is said, in words the topic does not use.)
      const drawn = q.expect.yesno ? undefined : drawsCloser(q, ranked, finder);
      if (drawn) return claimAnswer(kb, lang, { lead: drawn.item, support: [], grounding: 'answered' });
      return claimAnswer(kb, lang, { lead: best.item, prefix: c.notInSource, support: [], grounding: 'not-in-source' });
    }

    // "What is the capacity of Iran's LNG terminals?": an attribute of a thing the source names, which it never gives.
    if (!q.expect.yesno && ATTRIBUTE_QUESTION[lang].test(q.normalized)) {
      const things = q.entities.filter((e) => !e.partner && !PARTY_KINDS.has(e.kind));
      // (In English only "the X of T": "what is the Russian gas meant for" names no attribute.)
      const ofForm = (e: (typeof things)[number]) => {
        const start = q.entities.find((p) => p.partner && p.end === e.start)?.start ?? e.start;
        return lang !== 'en' || OF.test(q.words[start - 1] ?? '') || (q.words[start - 1] === 'the' && OF.test(q.words[start - 2] ?? '')) || pairedAfter(q, e);
      };
      const unknown = things
        .filter(ofForm)
        .map((e) => attributeOf(q, e))
        .find(
          (s) =>
            s &&
            !ranked.some((x) => x.item.stems[lang].has(s) && things.some((e) => x.item.entities.has(e.id))) &&
            !index.topicKnows(best.item.topic.id, s, lang),
        );
      if (unknown) return claimAnswer(kb, lang, { lead: best.item, prefix: c.notInSource, support: [], grounding: 'not-in-source' });
    }

    // "What did Iran's supreme leader think of the deal?": the source reports no one's reaction to the agreement.
    if (!q.expect.yesno && REACTION_TO_AGREEMENT[lang].test(q.normalized) && q.entities.every((e) => e.partner))
      return claimAnswer(kb, lang, { lead: best.item, prefix: c.notInSource, support: [], grounding: 'not-in-source' });
    // A third party the source discusses: answered with what the source says about it, unless
    // the question asks about it in a respect the source never mentions ("gas to Turkey",
    // "Russia–China trade", "India's prime minister").
    const parties = q.entities.filter((e) => !e.partner && PARTY_KINDS.has(e.kind));
    // (Unless the question asks for a kind of thing the best claim names: "ports on which sea … for Eurasian trade".)
    if (parties.length && !q.expect.yesno && !(q.expect.kind && best.kindHit)) {
      const about = ranked.filter((x) => parties.some((e) => x.item.entities.has(e.id)));
      const lead = about[0];
      if (lead) {
        // A year the question names must be the claim's too ("China–Iran trade in 2024": the source gives no such figure).
        const ofYear = (x: ScoredClaim) => q.years.every((y) => x.item.claim.dates.some((d) => d.startsWith(String(y))));
        const typedClaim = specific.length
          ? about.find(
              (x) =>
                specific.some((t) => x.item.claim.answers.includes(t) || (t === 'where' && givesPlace(x, q.entities))) &&
                (!q.expect.kind || x.kindHit) &&
                ofYear(x),
            )
          : ofYear(lead)
            ? lead
            : undefined;
        // A who/where the source answers in so many words ("who is competing for Syria's oil?") needs no typed claim.
        const typed =
          typedClaim ?? (specific.every((t) => t === 'who' || t === 'where') && !q.expect.kind && lead.lexical >= 0.7 && ofYear(lead) ? lead : undefined);
        if (!typed)
          return claimAnswer(kb, lang, { lead: lead.item, prefix: c.notStated(specific[0] as SpecificType), support: [], grounding: 'not-in-source' });
        // "What is Israel's population?", "the prime minister of India": the source discusses the party, not that.
        const attribute = ATTRIBUTE_QUESTION[lang].test(q.normalized)
          ? parties.map((e) => attributeOf(q, e)).find((s) => s && !about.some((x) => x.item.stems[lang].has(s) || index.topicKnows(x.item.topic.id, s, lang)))
          : undefined;
        if (attribute) return claimAnswer(kb, lang, { lead: typed.item, prefix: c.notInSource, support: [], grounding: 'not-in-source' });
        // "How did Israel react to the pact?": the source reports no third party's reaction to the agreement.
        if (REACTION_TO_AGREEMENT[lang].test(q.normalized))
          return claimAnswer(kb, lang, { lead: typed.item, prefix: c.notInSource, support: [], grounding: 'not-in-source' });
        const own = [...q.content].filter(
          (s) => !ABOUT_WORDS.has(s) && !typed.item.stems[lang].has(s) && !index.topicKnows(typed.item.topic.id, s, lang),
        ).length;
        // "China's nuclear reactors": the question joins the party to a subject of a claim that does not name it.
        const things = q.entities.filter((e) => !e.partner && !PARTY_KINDS.has(e.kind));
        const unjoined =
          things.length > 0 &&
          things.every((e) => !typed.item.entities.has(e.id)) &&
          things.some((e) => best.item.entities.has(e.id)) &&
          !parties.some((e) => best.item.entities.has(e.id));
        const offTopic = unjoined || (best.item.topic !== typed.item.topic && best.score - typed.score > 0.5 && own > 0);
        if (!offTopic) {
          const others = about.filter((x) => x !== typed && x.item.topic !== typed.item.topic).map((x) => x.item);
          const ownName = parties.some((e) => typed.item.claim.entities.includes(e.id));
          return claimAnswer(kb, lang, {
            lead: typed.item,
            // (When the lead names the party in its own words, so do its supporting claims: a topic's title names it for every claim.)
            support: [
              ...supportFor(typed, ranked).filter((x) => parties.some((e) => (ownName ? x.claim.entities.includes(e.id) : x.entities.has(e.id)))),
              ...others,
            ],
            grounding: 'answered',
          });
        }
        const name = finder.nameOf(parties.find((e) => !best.item.entities.has(e.id))?.id ?? parties[0]!.id, lang);
        return claimAnswer(kb, lang, { lead: best.item, prefix: c.notLinked(name), support: [], grounding: 'not-in-source' });
      }
    }

    // ("Does the article say…?" asks of the source itself: its answer is no, and that answers it.)
    if (verdict?.answer === 'unknown') {
      const ofSource = asksTheSource(q.normalized, lang);
      return claimAnswer(kb, lang, {
        lead: (verdict.claim ?? best).item,
        prefix: ofSource ? c.notSaidAsked : c.notSaid,
        support: [],
        grounding: ofSource ? 'answered' : 'not-in-source',
      });
    }

    if (q.expect.overview && !q.expect.kind && best.topicConfidence >= 0.3) {
      const topic = byId.get(best.item.topic.id)!;
      return topicSummary(kb, topic, lang);
    }

    // "Which sea", "which sectors": a claim that names things of that kind leads.
    // (From another topic only when it ranks about as high: "which forces reshape the region" is not about peacekeepers.)
    const kindLead = q.expect.kind
      ? ranked.find(
          (x) =>
            x.kindHit &&
            (x.item.topic === typedLead.item.topic
              ? x.score >= typedLead.score - 0.6
              : x.score >= typedLead.score - 0.15 && x.topicConfidence >= typedLead.topicConfidence / 2),
        )
      : undefined;
    if (namesNone(q, kindLead ?? typedLead, kindLead !== undefined))
      return claimAnswer(kb, lang, { lead: (kindLead ?? typedLead).item, prefix: c.notWhich, support: [], grounding: 'not-in-source' });
    const lead = kindLead ?? typedLead;
    const also = alsoAbout(ranked, lead) ?? match.alsoTopicId;
    // "What areas is the deal meant to strengthen?": several asked of one of the agreement's aims, all of them, as the source says them together.
    if (!q.expect.yesno && SEVERAL_ASKED[lang].test(q.normalized) && aims.includes(lead.item) && aims.length > 1) {
      const leadText = joinClaims(
        aims.map((x) => x.claim.text[lang]),
        lang,
      );
      const rest = supportFor(lead, ranked).filter((x) => !aims.includes(x));
      return claimAnswer(kb, lang, { lead: lead.item, leadText, support: rest, grounding: 'answered', ...(also ? { also } : {}) });
    }
    // "Which bases…": the claims of the lead's topic that name other things of that kind answer with it.
    const together =
      kindLead && q.expect.many
        ? ranked
            .filter(
              (x) =>
                x !== kindLead &&
                x.kindHit &&
                x.item.topic === kindLead.item.topic &&
                x.score >= kindLead.score - 0.6 &&
                [...x.item.entities].some((id) => finder.kindOf(id) === q.expect.kind && !kindLead.item.entities.has(id)),
            )
            .slice(0, 2)
        : [];
    // "What are the three things it is designed to do?": the claims split from the lead's sentence answer together.
    const count = q.numbers.find((n) => !n.unit && !n.bound && Number.isInteger(n.value) && n.value >= 2 && n.value <= 6);
    if (!together.length && count && !q.expect.yesno && !q.expect.kind) {
      const split = ranked.filter((x) => x !== lead && sameSentence(x, lead)).slice(0, count.value - 1);
      if (split.length) together.push(...split);
    }
    // "What is the deal designed to do?": claims split from the lead's sentence that fit the question as well as the lead,
    // and open as it does, are said with it ("designed to deepen economic cooperation, enhance … and strengthen …").
    if (!together.length && !q.expect.yesno && !q.expect.kind) {
      const alike = ranked.filter((x) => x !== lead && sameSentence(x, lead) && x.score >= lead.score - TIE);
      const texts = [lead, ...alike].map((x) => x.item.claim.text[lang]);
      if (alike.length && joinClaims(texts, lang) !== texts.join(' ')) together.push(...alike);
    }
    if (together.length) {
      const leadText = joinClaims(
        [kindLead ?? lead, ...together].map((x) => x.item.claim.text[lang]),
        lang,
      );
      const rest = supportFor(lead, ranked).filter((x) => !together.some((y) => y.item === x));
      return claimAnswer(kb, lang, { lead: lead.item, leadText, support: rest, grounding: 'answered', ...(also ? { also } : {}) });
    }
    return claimAnswer(kb, lang, { lead: lead.item, support: supportFor(lead, ranked), grounding: 'answered', ...(also ? { also } : {}) });
  }

  /** Whether two claims were split from one sentence of one source. */
  function sameSentence(a: ScoredClaim, b: ScoredClaim): boolean {
    return (
      a.item.topic === b.item.topic &&
      a.item.sentence === b.item.sentence &&
      (a.item.claim.source ?? a.item.topic.source.id) === (b.item.claim.source ?? b.item.topic.source.id) &&
      (a.item.claim.paragraph ?? a.item.topic.source.paragraph) === (b.item.claim.paragraph ?? b.item.topic.source.paragraph)
    );
  }

  /** What the agreement is designed for: the agreement's claims of what it is, from the one sentence that says most of them. */
  function findAgreementAims(): IndexedClaim[] {
    const groups = new Map<string, IndexedClaim[]>();
    for (const x of index.claims) {
      if (!x.topic.agreement || !x.claim.answers.includes('what') || x.claim.source) continue;
      const key = `${x.topic.id}#${x.sentence}`;
      groups.set(key, [...(groups.get(key) ?? []), x]);
    }
    return [...groups.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  }

  return {
    answer(question: string, langHint?: string, context: AskContext = {}): AskResult {
      const match = matcher.match(question, langHint);
      const { lang, analysis } = match;
      const c = t(lang);
      const normalized = analysis.normalized;
      const reply = (r: Reply): AskResult => ({ reply: r, match });
      if (match.outcome === 'empty') return reply(replyFor(kb, match));

      const talk = smallTalk(normalized, lang);
      if (talk) return reply(notice(lang, { hello: c.smallHello, thanks: c.smallThanks, ok: c.smallOk, bye: c.smallBye, laugh: c.smallLaugh }[talk]));
      // "What else?", "tell me more": the rest of the conversation's topic, as its summary.
      const current = context.topicId ? byId.get(context.topicId) : undefined;
      if (current && asksMore(normalized, lang)) return reply(topicSummary(kb, current, lang));
      if (asksForAuthor(normalized, lang)) return reply(decline(lang, 'not-in-source', c.declineAuthor(formatDate(published, lang, true))));
      if (asksForSource(normalized, lang)) return reply(sourceHelp(lang));
      // "The financial side", "summarise the security provisions": an area of the source, not one topic.
      // (The two partners named beside it ask nothing more: "the financial cooperation between Russia and Iran"; one of them is
      // a subject of its own: "what is Iran doing in the region?")
      const partnerAt = finder.inStems(analysis.stems).filter((e) => e.partner && e.kind === 'country');
      const both = new Set(partnerAt.map((e) => e.id)).size === 2;
      const areaStems = analysis.stems.filter((_, i) => !both || !partnerAt.some((e) => i >= e.start && i < e.end));
      const theme = themes.find(areaStems, (s) => index.isStop(s, lang));
      const areaSummary = theme && !expectations(normalized, lang).yesno ? themeSummary(kb, theme, lang) : undefined;
      if (areaSummary) return reply(areaSummary);
      if (asksForOverview(normalized, lang)) {
        // "An overview of the transport corridor", "tl;dr of the nuclear stuff": that topic's summary; of the agreement, the overview card.
        const sure = match.outcome === 'answer' && match.topicId && match.confidence >= 0.4 ? byId.get(match.topicId) : undefined;
        // The matcher unsure ("an overview of the military side"): the topic whose claims say the question's words.
        // (Nothing asked of besides the asking — "what's the article about?", "key takeaways" — is the whole.)
        const subject = overviewSubject(normalized, lang)
          .map((w) => stem(w))
          .filter((s) => !index.isStop(s, lang) && !ABOUT_WORDS.has(s));
        const topic = sure ?? (subject.length ? overviewTopic(analysis, lang, match) : undefined);
        if (topic && !topic.agreement) return reply(topicSummary(kb, topic, lang));
        return reply(summaryCard(kb, OVERVIEW_ID, lang) ?? replyFor(kb, match));
      }
      if (isRequest(normalized, lang)) return reply(decline(lang, 'request', c.declineRequest));
      if (asksHowTo(normalized, lang)) return reply(replyFor(kb, { ...match, outcome: 'offtopic' }));

      // Expectations read the words as the matcher corrected them ("wich city" → "which city").
      const corrected = expectations(analysis.words.join(' '), lang);
      // (The raw words decide yes/no where a synonym's canonical form hides the verb: "вывела" → "вывести".)
      const raw = corrected.yesno || corrected.types.length > 0 ? corrected : expectations(normalized, lang);
      const expect = raw.yesno ? raw : corrected;
      // "How much in dollars?": the currency a figure is asked in is its unit, not a subject (the source's values are in dollars).
      // (Not a share of something in it: "how much of their trade is still in dollars?")
      const inUnit = expect.types.includes('how_much') && !SHARE_ASKED[lang].test(normalized) && !PART_OF[lang].test(normalized);
      const named = resolveMetonyms(finder.inStems(analysis.stems), analysis, lang, expect, finder).filter(
        (e) => !(inUnit && e.kind === 'currency' && IN_UNIT.test(analysis.words[e.start - 1] ?? '') && UNIT_CURRENCY.has(e.id)),
      );
      // "What does it say about the United States?": a place the source names only inside a thing's name (the U.S. dollar) is that thing.
      const entities = [...named, ...placeThings.mentions(match, named, (s) => index.isStop(s, lang) || MENTION_WORDS.has(s) || SOURCE_NOUNS.has(s))];
      // "Help" is what the bot can do; a question that names things of the partnership is a question ("will Moscow help Tehran…").
      if (match.outcome === 'help' && (entities.length === 0 || analysis.words.length <= 3)) return reply(replyFor(kb, match));
      // "Which parts of Syria…", "what areas in Syria…": parts of a place named are regions.
      const partOfPlace =
        !expect.kind &&
        !expect.yesno &&
        entities.some((e) => PLACE_OF_PARTS.has(e.kind) && PARTS_OF.test(analysis.words.slice(Math.max(0, e.start - 5), e.start).join(' ')));
      // "Where are Russia's bases in Syria?", "где российские базы?": several facilities, asked where, none of them named.
      const placedMany =
        expect.types.includes('where') && !expect.kind && !expect.yesno
          ? analysis.words
              .map((w, i) => ({ w, kind: finder.kindOfNoun(analysis.stems[i]!) }))
              .find(({ w, kind }) => kind === 'facility' && PLURAL[lang].test(w) && !entities.some((e) => e.kind === kind))?.kind
          : undefined;
      const view = questionView(
        analysis,
        lang,
        entities,
        partOfPlace ? { ...expect, kind: 'region', many: true } : placedMany ? { ...expect, kind: placedMany, many: true } : expect,
        (s) => index.isStop(s, lang),
        unknown.count(question, entities, lang),
        unknown.kinds(question, entities, lang),
        unknown.places(question, entities, lang),
      );
      // "Why is Israel mentioned in the article?", "how does Europe come up?" ask what the source says about it, not for a reason.
      // (Not "does the article say the corridors run through European markets?": a verb between two named things states a relation.)
      const things = view.entities.filter((e) => !e.partner).sort((a, b) => a.start - b.start);
      const relation =
        things.length >= 2 &&
        view.words
          .slice(things[0]!.end, things.at(-1)!.start)
          .some((w) => !index.isStop(stem(w), lang) && !ABOUT_WORDS.has(stem(w)) && !/^(?:and|or|и|или|و|یا)$/u.test(w));
      // ("According to the article, does Russia still have…" names the source, not what it mentions.)
      const aboutOnly =
        !relation &&
        view.content.size > 0 &&
        [...view.content].every((s) => ABOUT_WORDS.has(s)) &&
        ([...view.content].some((s) => !SOURCE_NOUNS.has(s)) || ASKS_WHAT_IT_SAYS.test(view.normalized)) &&
        things.length > 0;
      // (Verb forms aside: the data cannot hold every conjugation of "build", "бы строить", "بسازند".)
      const foreign = new Set(
        [...view.content].filter(
          (s) =>
            !/^\d/.test(s) &&
            !ABOUT_WORDS.has(s) &&
            !NO_SUBJECT[lang].test(s) &&
            !VERB_FORM[lang].test(s) &&
            !kb.topics.some((x) => index.topicKnows(x.id, s, lang)),
        ),
      );
      const q: QuestionView = aboutOnly ? { ...view, foreign, mentions: true, expect: { ...view.expect, types: [] } } : { ...view, foreign };
      const topics = new Map(match.ranking.map((r) => [r.id, r.confidence]));
      const top = match.ranking[0]?.confidence ?? 0;
      const followUp = context.topicId && byId.has(context.topicId) && isFollowUp(q, top) ? context.topicId : undefined;
      if (followUp) topics.set(followUp, Math.min(1, (topics.get(followUp) ?? 0) + 0.5));
      // With nothing in context, or the agreement itself ("how long does it last?" … "is it a response to something?"), "it" is the agreement.
      if (!followUp || byId.get(followUp)?.agreement) {
        // "It" is the agreement; "this agreement" too, more lightly when the question names a subject of its own ("military cooperation in this agreement").
        const lean = leansOnPronoun(q) || (!followUp && asksBare(q)) ? 0.25 : namesTheAgreement(q) ? 0.1 : 0;
        if (lean) for (const x of kb.topics) if (x.agreement && x.id !== followUp) topics.set(x.id, Math.min(1, (topics.get(x.id) ?? 0) + lean));
      }

      const viaPlace = entities.length > named.length;
      const partyNamed = entities.some((e) => !e.partner && PARTY_KINDS.has(e.kind) && index.claims.some((x) => x.entities.has(e.id)));
      // "What does the article say about oil?": a thing the source's claims name, asked about as such, is answered from them.
      const thingAsked = aboutOnly && entities.some((e) => !e.partner && index.claims.some((x) => x.entities.has(e.id)));
      // A country or bloc the source never discusses: declined by name ("India's trade with the UAE"). One it does discuss is answered from its claims.
      // (A place inside the name of something the question names is not a place: "US dollar", "доллар США".)
      const names = entities.flatMap((e) => finder.namesOf(e.id)).map((n) => ` ${finder.stemsOf(n).join(' ')} `);
      const undiscussed = (match.placesNamed ?? []).find(
        (p) =>
          !names.some((n) => n.includes(` ${finder.stemsOf(p.surface).join(' ')} `)) &&
          !placeThings.of(p.place).some((id) => entities.some((e) => e.id === id)) &&
          !finder.inText(p.place).some((e) => index.claims.some((x) => x.entities.has(e.id))),
      );
      // (Unless it only names a thing of a kind the source knows, asked yes or no of one the source has — named, or by a
      // noun of its own — "is the railway the Baku–Tbilisi line?" is a "no". "Will Iran accept the Zangezur corridor?" is declined.)
      const namesAThing =
        q.expect.yesno &&
        q.unknownKinds.some(
          (kind) => q.stems.filter((s) => finder.kindOfNoun(s) === kind).length >= 2 || q.entities.some((e) => e.kind === kind && !e.partner),
        );
      // ("Does the article say Iran backs militias in Libya?": asked of the source, a place it never discusses is a "no, it doesn't say so".)
      const deniedBySource = undiscussed !== undefined && q.expect.yesno && asksTheSource(q.normalized, lang);
      if (undiscussed && !namesAThing && !deniedBySource)
        return reply(replyFor(kb, { ...match, outcome: 'other-parties', place: undiscussed.place, placeText: undiscussed.surface }));
      // (A discussed country named by its capital, asked yes or no — "did they sign it in Beijing?" — is no party the source lacks.)
      const placeDiscussed =
        q.expect.yesno && (match.placesNamed ?? []).some((p) => finder.inText(p.place).some((e) => index.claims.some((x) => x.entities.has(e.id))));
      // ("What does the deal mean for the US dollar?": the place is the thing's, and the thing is named.)
      const inThingsName =
        (match.placesNamed ?? []).length > 0 && (match.placesNamed ?? []).every((p) => placeThings.of(p.place).some((id) => entities.some((e) => e.id === id)));
      if (match.outcome === 'other-parties' && !partyNamed && !viaPlace && !namesAThing && !deniedBySource && !placeDiscussed && !inThingsName)
        return reply(replyFor(kb, match));
      // Off-topic by the matcher: the claims may still answer a question in the domain's words that the classifier did not place.
      const rescue = match.outcome === 'offtopic' && match.coverage >= 0.6;
      // "How long does it last?", "how long's this pact good for" with nothing in context: "it" is the agreement, whatever the matcher made of so few words.
      const aboutAgreement = !followUp && (leansOnPronoun(q) || namesTheAgreement(q) || asksBare(q)) && q.content.size <= 4;
      // "Is the deal purely about energy?": no, it is designed for several things at once (the agreement's aims, said together).
      // (The agreement itself: "does the gas deal only cover Iran?" is about one of its deals.)
      const onlyAt = q.words.findIndex((w) => ONLY_WORD.test(w));
      if (
        q.expect.yesno &&
        !followUp &&
        asksOnlyAbout(q.normalized, lang) &&
        !q.entities.some((e) => !e.partner && (PARTY_KINDS.has(e.kind) || (onlyAt >= 0 && e.start < onlyAt)))
      ) {
        if (aims.length > 1)
          return reply(
            claimAnswer(kb, lang, {
              lead: aims[0]!,
              prefix: c.no,
              leadText: joinClaims(
                aims.map((x) => x.claim.text[lang]),
                lang,
              ),
              support: [],
              grounding: 'answered',
            }),
          );
      }
      if (match.outcome === 'offtopic' && !partyNamed && !thingAsked && !viaPlace && !followUp && !rescue && !aboutAgreement) return reply(replyFor(kb, match));
      const scored = rankClaims(q, index, finder, { topics, ...(followUp ? { contextTopic: followUp } : {}) });
      // A follow-up that names nothing of another topic stays on the conversation's ("and when?" after gas is about gas, not the signing date).
      const strayed =
        followUp &&
        scored[0] &&
        scored[0].item.topic.id !== followUp &&
        scored[0].lexical < RELEVANT.lexical &&
        scored[0].entityHits === 0 &&
        !scored[0].kindHit;
      const kept = strayed ? scored.filter((x) => x.item.topic.id === followUp) : scored;
      const ranked = followUp ? aboutPartner(q, kept, followUp) : kept;
      const best = ranked[0];
      // The matcher unsure between topics: did-you-mean, unless the conversation, a party the source
      // discusses, or the asked detail settles it (one claim of the likeliest topic gives the "how long").
      const settledByType =
        ((best?.typeHit && q.expect.types.some(isSpecificType)) || best?.kindHit) &&
        best.lexical >= 0.3 &&
        best.item.topic.id === match.ranking[0]?.id &&
        !ranked.some((x) => x.item.topic !== best.item.topic && (x.typeHit || x.kindHit) && x.score >= best.score - 0.15);
      // "Explain the Middle East policy adjustments", "the Middle East dimension of this story": one topic's summary, when the words of what is asked settle it.
      // (Not "what does the article say about oil?": a thing the claims name, not a party, is answered from them.)
      const thingOnly = aboutOnly && entities.some((e) => !e.partner && !PARTY_KINDS.has(e.kind));
      // (Nor news since the source: "what's the latest news on …" is after it.)
      const summarised = q.expect.overview && !q.expect.kind && !followUp && !thingOnly && !time(q).later ? overviewTopic(analysis, lang, match) : undefined;
      if (summarised && !summarised.agreement) return reply(topicSummary(kb, summarised, lang));
      // (Nor a detail no claim gives, asked of a topic the matcher all but settles: "сколько заплатит Иран за газ?" is a price the source lacks.)
      const [first, second] = match.ranking;
      const unanswered =
        q.expect.types.some((x) => isSpecificType(x) && !ranked.some((c) => c.item.topic.id === first?.id && c.item.claim.answers.includes(x))) &&
        (first?.confidence ?? 0) >= 0.4 &&
        (second?.confidence ?? 0) <= (first?.confidence ?? 0) / 3;
      // (Nor one claim that says most of the question in its own words, well above any other topic's: "what type of world order…".)
      const settledByWords =
        best !== undefined &&
        best.own >= 0.4 &&
        best.item.topic.id === first?.id &&
        !ranked.some((x) => x.item.topic !== best.item.topic && x.score >= best.score - 0.2);
      // ("Any latest news on the partnership?": what happened since is past the source, whichever topic it is of.)
      if (match.outcome === 'unsure' && time(q).later && !q.expect.yesno && !followUp)
        return reply(decline(lang, 'after-source', c.declineAfterSource(formatDate(published, lang, true))));
      // (Nor several of the agreement's aims asked at once: "what three main aims does the deal have?")
      const aimsAsked = best !== undefined && SEVERAL_ASKED[lang].test(q.normalized) && aims.includes(best.item);
      if (
        match.outcome === 'unsure' &&
        !partyNamed &&
        !thingAsked &&
        !followUp &&
        !aboutAgreement &&
        !match.unknownYear &&
        !settledByType &&
        !unanswered &&
        !settledByWords &&
        !aimsAsked
      )
        return reply(replyFor(kb, match));
      const relevant =
        best &&
        (!rescue ||
          partyNamed ||
          thingAsked ||
          viaPlace ||
          followUp ||
          aboutAgreement ||
          // (Or one claim says most of the question in its own words, well above any other topic's: "what kind of world order…".)
          (settledByWords && best.own >= 0.6) ||
          (best.lexical >= 0.4 && (best.typeHit || best.kindHit || best.entityHits > 0))) &&
        (best.lexical >= RELEVANT.lexical ||
          aimsAsked ||
          best.numberHit ||
          (best.typeHit && best.topicConfidence >= 0.2 && best.item.topic.id === match.ranking[0]?.id && match.coverage >= 0.6) ||
          (match.unknownYear !== undefined && best.topicConfidence >= 0.2) ||
          (aboutAgreement && best.item.topic.agreement && (best.typeHit || best.lexical >= 0.2)) ||
          best.entityHits > 0 ||
          best.kindHit ||
          best.topicConfidence >= RELEVANT.topic ||
          (followUp && best.item.topic.id === followUp) ||
          (best.typeHit && best.topicConfidence >= 0.2 && best.lexical >= 0.2));
      if (!best || !relevant) {
        // "What does the agreement with Russia include?": the agreement asked about with no subject of its own is the overview.
        if (aboutAgreement && q.content.size === 0 && !q.expect.yesno && !q.expect.types.some(isSpecificType))
          return reply(summaryCard(kb, OVERVIEW_ID, lang) ?? replyFor(kb, match));
        if (time(q).later) return reply(decline(lang, 'after-source', c.declineAfterSource(formatDate(published, lang, true))));
        return reply(replyFor(kb, match.outcome === 'answer' ? { ...match, outcome: 'unsure' } : match));
      }
      // A word or two that several topics answer alike ("security", "influence"): offer them rather than guess.
      const rival = ranked.find((x) => x.item.topic !== best.item.topic);
      const short =
        q.content.size <= 2 &&
        q.entities.every((e) => e.partner) &&
        !q.expect.yesno &&
        q.expect.types.length === 0 &&
        q.years.length === 0 &&
        !match.unknownYear;
      if (!followUp && short && best.topicConfidence < 0.5 && rival && rival.score >= best.score - 0.15) {
        const ids = [...new Set(ranked.slice(0, 8).map((x) => x.item.topic.id))].slice(0, 3);
        return reply(replyFor(kb, { ...match, outcome: 'unsure', suggestions: ids }));
      }
      if (deniedBySource) return reply(claimAnswer(kb, lang, { lead: best.item, prefix: c.notSaidAsked, support: [], grounding: 'answered' }));
      return reply(answerClaims(q, match, ranked));
    },
  };

  /**
   * A follow-up about one of the partners ("and Iran?", "which one is Iran's?", "and what is Russia
   * doing?"): the conversation's claims whose subject is that partner, or that name something of
   * theirs, come first.
   */
  function aboutPartner(q: QuestionView, ranked: ScoredClaim[], topicId: string): ScoredClaim[] {
    const partners = [...new Set(q.entities.filter((e) => e.partner && e.kind === 'country').map((e) => e.id))];
    if (partners.length !== 1 || q.entities.some((e) => !e.partner)) return ranked;
    const partner = partners[0]!;
    // The subject: the claim's English sentence opens with the partner alone ("Iran sustains…", not "Iran and Russia…").
    const subject = (text: string) => {
      const [first, second] = text.split(' ');
      return second !== 'and' && finder.inText(first ?? '')[0]?.id === partner;
    };
    const theirs = (x: ScoredClaim) =>
      x.item.topic.id === topicId && (subject(x.item.claim.text.en) || x.item.claim.entities.some((id) => finder.ownerOf(id) === partner));
    return [...ranked.filter(theirs), ...ranked.filter((x) => !theirs(x))];
  }

  /** The topic a request for an overview names in its own words, when its claims clearly say them ("the military side"). */
  function overviewTopic(analysis: MatchResult['analysis'], lang: Lang, match: MatchResult) {
    const expect = expectations(analysis.words.join(' '), lang);
    const view = questionView(analysis, lang, finder.inStems(analysis.stems), expect, (s) => index.isStop(s, lang));
    // What the part is of: its words without those that frame a part ("the Middle East part of the article": the Middle East).
    const q = { ...view, content: new Set([...view.content].filter((s) => !ABOUT_WORDS.has(s) && !isFrameWord(s) && !SOURCE_NOUNS.has(s))) };
    if (q.content.size === 0 && q.entities.every((e) => e.partner)) return undefined;
    // A section asked for by its heading in the source ("walk me through the Middle East policy adjustments section").
    const headed = lang === 'en' ? headings.topicNamed(analysis.stems) : undefined;
    if (headed) return headed;
    const ranked = rankClaims(q, index, finder, { topics: new Map(match.ranking.map((r) => [r.id, r.confidence])) });
    const best = ranked[0];
    const next = ranked.find((x) => x.item.topic !== best?.item.topic);
    const apart = !next || next.score <= (best?.score ?? 0) - 0.15;
    const clear = best && ((best.lexical >= 0.3 && apart) || (best.lexical >= 0.3 && best.item.topic.id === match.ranking[0]?.id));
    return clear ? best.item.topic : undefined;
  }

  function time(q: QuestionView) {
    return timeOf(q.normalized, q.lang, sourceYear);
  }
}
