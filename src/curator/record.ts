import type { Core } from '../core/core.js';
import type { Reply } from '../core/reply.js';
import { normalizeText } from '../core/text/normalize.js';
import type { AskOutcome } from '../store/contract.js';
import type { BotStore } from '../store/resilient.js';
import { redact } from './redact.js';

/** Answers below this confidence are recorded too: they are the ones most likely wrong. */
export const LOW_CONFIDENCE = 0.35;

/** What a reply did with a question, as the inbox records it; undefined when there is nothing to record. */
export function unansweredOutcome(reply: Reply, confidence: number): string | undefined {
  switch (reply.kind) {
    case 'answer':
      if (reply.grounding !== 'answered') return reply.grounding;
      return confidence < LOW_CONFIDENCE ? 'answer' : undefined;
    case 'suggest':
      return 'unsure';
    case 'decline':
      return reply.reason === 'empty' ? undefined : reply.reason;
    default:
      return undefined;
  }
}

/**
 * What a question came to, as the analytics count it: an answer that says what was
 * asked is `answered` (a low-confidence one too: it is also filed in the inbox); one
 * that says the source does not tell, or a decline, is `declined`; topics offered are
 * `did-you-mean`; a greeting or thanks answered with a line is `small-talk`. Nothing
 * asked (an empty message) is not counted.
 */
export function askOutcome(reply: Reply): AskOutcome | undefined {
  switch (reply.kind) {
    case 'answer':
      return reply.grounding === 'answered' ? 'answered' : 'declined';
    case 'suggest':
      return 'did-you-mean';
    case 'decline':
      return reply.reason === 'empty' ? undefined : 'declined';
    case 'notice':
      return 'small-talk';
    default:
      // help about the source, an overview: answered from the data
      return 'answered';
  }
}

/** The topic a reply is about, for the counts; '' when none. */
export const replyTopic = (reply: Reply, guess: string | undefined): string =>
  reply.kind === 'answer' || reply.kind === 'card' ? reply.topicId : reply.kind === 'suggest' ? (guess ?? '') : '';

/**
 * Records every question the core is asked: counted in the analytics (no text;
 * once per event), and the declined, did-you-mean, low-confidence or "the
 * source does not say" ones filed in the inbox: redacted (no e-mail addresses,
 * phone numbers, handles or links), with the hashed place it was asked in
 * (whose moderators may read it) and the event it came from (recorded once
 * however often the event is handled). Returns a function that stops recording.
 */
export function recordQuestions(core: Core, store: BotStore): () => void {
  if (store.kind === 'off') return () => {};
  return core.onAsk(({ question, platform, origin, result: { match, reply } }) => {
    const event = origin.event ? { event: origin.event } : {};
    const counted = askOutcome(reply);
    if (counted) store.recordAsk({ surface: platform, lang: match.lang, topic: replyTopic(reply, match.topicId ?? undefined), outcome: counted, ...event });
    const outcome = unansweredOutcome(reply, match.confidence);
    if (!outcome) return;
    const text = redact(question.trim());
    store.recordUnanswered({
      text,
      // Normalised from the redacted text: normalising first would split an address into words redaction cannot see.
      normalized: normalizeText(text),
      platform,
      ...(origin.place ? { place: origin.place } : {}),
      ...event,
      outcome,
      guess: reply.kind === 'answer' ? reply.topicId : match.topicId,
      confidence: match.confidence,
      lang: match.lang,
    });
  });
}
