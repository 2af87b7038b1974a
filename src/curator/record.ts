import type { Core } from '../core/core.js';
import type { Reply } from '../core/reply.js';
import { normalizeText } from '../core/text/normalize.js';
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
 * Records every declined, did-you-mean, low-confidence or "the source does not
 * say" question the core is asked: redacted (no e-mail addresses, phone
 * numbers, handles or links), with the hashed place it was asked in (whose
 * moderators may read it) and the event it came from (recorded once however
 * often the event is handled). Returns a function that stops recording.
 */
export function recordUnansweredQuestions(core: Core, store: BotStore): () => void {
  if (store.kind === 'off') return () => {};
  return core.onAsk(({ question, platform, origin, result: { match, reply } }) => {
    const outcome = unansweredOutcome(reply, match.confidence);
    if (!outcome) return;
    const text = redact(question.trim());
    store.recordUnanswered({
      text,
      // Normalised from the redacted text: normalising first would split an address into words redaction cannot see.
      normalized: normalizeText(text),
      platform,
      ...(origin.place ? { place: origin.place } : {}),
      ...(origin.event ? { event: origin.event } : {}),
      outcome,
      guess: reply.kind === 'answer' ? reply.topicId : match.topicId,
      confidence: match.confidence,
      lang: match.lang,
    });
  });
}
