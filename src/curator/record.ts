import type { Core } from '../core/core.js';
import type { CuratorStore } from './store.js';

/** Answers below this confidence are recorded too: they are the ones most likely wrong. */
export const LOW_CONFIDENCE = 0.35;

/**
 * Records every declined, did-you-mean or low-confidence question the core is
 * asked. Returns a function that stops recording.
 */
export function recordUnansweredQuestions(core: Core, store: CuratorStore): () => void {
  if (!store.enabled) return () => {};
  return core.onAsk(({ question, platform, result: { match } }) => {
    const { outcome, confidence } = match;
    if (outcome === 'help' || outcome === 'empty') return;
    if (outcome === 'answer' && confidence >= LOW_CONFIDENCE) return;
    store.recordUnanswered({
      text: question.trim(),
      normalized: match.analysis.normalized,
      platform,
      outcome,
      guess: match.topicId,
      confidence,
      lang: match.lang,
    });
  });
}
