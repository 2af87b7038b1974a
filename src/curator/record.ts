import type { Core } from '../core/core.js';
import type { Reply } from '../core/reply.js';
import type { BotStore } from '../store/resilient.js';

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
 * say" question the core is asked. Returns a function that stops recording.
 */
export function recordUnansweredQuestions(core: Core, store: BotStore): () => void {
  if (store.kind === 'off') return () => {};
  return core.onAsk(({ question, platform, result: { match, reply } }) => {
    const outcome = unansweredOutcome(reply, match.confidence);
    if (!outcome) return;
    store.recordUnanswered({
      text: question.trim(),
      normalized: match.analysis.normalized,
      platform,
      outcome,
      guess: reply.kind === 'answer' ? reply.topicId : match.topicId,
      confidence: match.confidence,
      lang: match.lang,
    });
  });
}
