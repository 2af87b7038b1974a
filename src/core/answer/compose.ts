import type { Claim, KnowledgeBase, Lang, Source, Topic } from '../data/schema.js';
import { formatDate, t } from '../i18n/index.js';
import { openTopic, topicRef, voteActions } from '../reply-actions.js';
import type { AnswerReply, Grounding, ReplyAction } from '../reply.js';
import { sourceRef, text } from '../source.js';
import type { IndexedClaim } from './claims.js';

/** Longest lead and supporting text, in characters: a chat answer, then a way to read more. */
export const LEAD_CHARS = 220;
export const SUPPORT_CHARS = 170;

/** "More: <topic>" (the whole topic), related topics, then 👍 / 👎. */
export function answerActions(kb: KnowledgeBase, topic: Topic, lang: Lang, also?: string): ReplyAction[] {
  const title = text(topic.title, lang);
  const more: ReplyAction = { action: { kind: 'more', topicId: topic.id, lang }, label: t(lang).moreOn(title), group: 'more', command: `/topic ${topic.id}` };
  const ids = also && also !== topic.id ? [also, ...topic.related.filter((id) => id !== also)] : topic.related;
  const related = ids.flatMap((id) => {
    const other = kb.topics.find((x) => x.id === id);
    return other ? [openTopic(topicRef(other, lang), lang, 'related')] : [];
  });
  return [more, ...related.slice(0, 3), ...voteActions(topic.id, lang)];
}

const AND: Record<Lang, string> = { en: 'and', ru: 'и', fa: 'و' };

/**
 * Claims said together as one sentence when they open alike ("The agreement is designed to deepen
 * economic cooperation." + "…to enhance regional security collaboration." → "The agreement is designed
 * to deepen economic cooperation, enhance regional security collaboration and …"); otherwise one after another.
 */
export function joinClaims(all: readonly string[], lang: Lang): string {
  // (A claim another one says with more words is said by that one: "… a parallel financial ecosystem." of "… ecosystem to counteract …".)
  const bare = (x: string) => x.replace(/[.!?]+$/u, '');
  const texts = all.filter((x, i) => !all.some((y, j) => j !== i && y !== x && y.startsWith(bare(x))));
  if (texts.length < 2) return texts.join(' ');
  const words = texts.map((x) => x.replace(/[.!?]+$/u, '').split(' '));
  let shared = 0;
  while (words.every((w) => w[shared] !== undefined && w[shared] === words[0]![shared]) && words.every((w) => w.length > shared + 1)) shared++;
  // (An opening of a few words only: "Russia and Iran …" is no shared clause; "… is designed to" is.)
  if (shared < 4) return texts.join(' ');
  // A shared ending too (Persian puts the verb last: "… طراحی شده است"), said once.
  let tail = 0;
  while (tail < 4 && words.every((w) => w.length - tail - 1 > shared && w[w.length - tail - 1] === words[0]![words[0]!.length - tail - 1])) tail++;
  if (tail < 2) tail = 0;
  const rests = words.map((w) => w.slice(shared, w.length - tail).join(' '));
  const list =
    rests.length === 2
      ? rests.join(` ${AND[lang]} `)
      : `${rests.slice(0, -1).join(lang === 'fa' ? '، ' : ', ')}${lang === 'en' ? ',' : ''} ${AND[lang]} ${rests.at(-1)}`;
  const ending = tail ? ` ${words[0]!.slice(-tail).join(' ')}` : '';
  return `${words[0]!.slice(0, shared).join(' ')} ${list}${ending}.`;
}

export interface ClaimAnswer {
  /** The claim that answers; its topic is the answer's. */
  lead: IndexedClaim;
  /** Said before the claim: "Yes.", "No.", "The source doesn't say." or why the source cannot answer. */
  prefix?: string;
  /** Said instead of the claim's sentence (an answer made of several names); the claim still gives topic and source. */
  leadText?: string;
  support: readonly IndexedClaim[];
  grounding: Grounding;
  also?: string;
}

/**
 * A short answer made of claims: the lead (with its prefix), then supporting
 * sentences within SUPPORT_CHARS, the source paragraph of the lead claim, and
 * the actions. Key facts are left to the full topic ("More").
 */
export function claimAnswer(kb: KnowledgeBase, lang: Lang, a: ClaimAnswer): AnswerReply {
  const { topic } = a.lead;
  // Several sources on one point: the newest leads, and the answer says what an older one said.
  const { claim, older } = newestOnPoint(kb, a.lead.claim, topic);
  const own = claim === a.lead.claim ? (a.leadText ?? claim.text[lang]) : claim.text[lang];
  // Supporting claims that say the lead and more ("… within BRICS, the SCO and the EAEU to counteract …") are said instead of it, together.
  const fuller =
    a.leadText === undefined ? a.support.filter((x) => x.claim.text[lang] !== own && x.claim.text[lang].startsWith(own.replace(/[.!?]+$/u, ''))) : [];
  const joined = joinClaims(
    fuller.map((x) => x.claim.text[lang]),
    lang,
  );
  const sentence = fuller.length === 0 ? own : joined.length <= LEAD_CHARS ? joined : fuller[0]!.claim.text[lang];
  const lead = a.prefix ? `${a.prefix} ${sentence}` : sentence;
  const support: string[] = older.map((o) => `${t(lang).olderSource(formatDate(o.source.published, lang))} ${o.claim.text[lang]}`);
  let room = SUPPORT_CHARS + Math.max(0, LEAD_CHARS - lead.length) / 2;
  for (const item of a.support) {
    const s = item.claim.text[lang];
    // (Nor a sentence the lead says within its own: "… within BRICS, the SCO and the EAEU" of "… within BRICS, the SCO and the EAEU to foster …".)
    if (s === sentence || fuller.includes(item) || lead.includes(s.replace(/[.!?]+$/u, '')) || s.length > room) continue;
    support.push(s);
    room -= s.length + 1;
    if (support.length >= 2) break;
  }
  return {
    kind: 'answer',
    grounding: a.grounding,
    form: 'short',
    lang,
    topicId: topic.id,
    title: text(topic.title, lang),
    lead,
    details: support.join(' '),
    facts: [],
    source: sourceRef(kb, claim.source ?? topic.source.id, lang, claim.paragraph ?? topic.source.paragraph),
    actions: answerActions(kb, topic, lang, a.also),
  };
}

/**
 * The claim that leads for `claim`'s point: the one from the most recently published source
 * (itself when it has no point or is the newest), and the claims of older sources on the point.
 */
function newestOnPoint(kb: KnowledgeBase, claim: Claim, topic: Topic): { claim: Claim; older: { claim: Claim; source: Source }[] } {
  if (!claim.point) return { claim, older: [] };
  const sourceOf = (c: Claim, of: Topic) => kb.sources.find((s) => s.id === (c.source ?? of.source.id))!;
  const onPoint = kb.topics
    .flatMap((x) => x.claims.filter((c) => c.point === claim.point).map((c) => ({ claim: c, source: sourceOf(c, x) })))
    .sort((p, q) => q.source.published.localeCompare(p.source.published));
  const newest = onPoint[0];
  if (!newest) return { claim, older: [] };
  const lead = newest.source.published === sourceOf(claim, topic).published ? claim : newest.claim;
  return { claim: lead, older: onPoint.filter((x) => x.source.published < newest.source.published).slice(0, 1) };
}

/** "Tell me about X": the topic's one-sentence answer and summary, the key facts left to "More". */
export function topicSummary(kb: KnowledgeBase, topic: Topic, lang: Lang): AnswerReply {
  return {
    kind: 'answer',
    grounding: 'answered',
    form: 'short',
    lang,
    topicId: topic.id,
    title: text(topic.title, lang),
    lead: text(topic.short, lang),
    details: text(topic.summary, lang),
    facts: [],
    source: sourceRef(kb, topic.source.id, lang, topic.source.paragraph),
    actions: answerActions(kb, topic, lang),
  };
}
