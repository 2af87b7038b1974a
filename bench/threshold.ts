import { rng } from '../src/core/match/linear.js';

/**
 * Rejection thresholds for out-of-scope detection, chosen on validation data
 * only. A validation query is (score, correct): its top score and whether the
 * top intent was the gold one; out-of-scope queries contribute only a score.
 */
export interface Scored {
  score: number;
  correct: boolean;
}

/**
 * The CLINC150 paper's rule: the threshold with the best validation accuracy,
 * out-of-scope counted as a class (an in-scope query is right when its score
 * is at or above the threshold and its intent is right; an out-of-scope query
 * when its score is below). Ties go to the lowest threshold.
 */
export function paperThreshold(inScope: readonly Scored[], oos: readonly number[]): number {
  const events: { score: number; delta: number }[] = [];
  let right = 0;
  for (const q of inScope) {
    if (q.correct) right++;
    events.push({ score: q.score, delta: q.correct ? -1 : 0 });
  }
  for (const s of oos) events.push({ score: s, delta: 1 });
  if (!events.length) return -Infinity;
  events.sort((a, b) => a.score - b.score);
  // Threshold below everything: every in-scope query kept, every oos query accepted (wrong).
  let best = right;
  let threshold = events[0]!.score - 1e-9;
  for (let k = 0; k < events.length; k++) {
    right += events[k]!.delta;
    // Only between distinct scores can the threshold separate queries.
    if (k + 1 < events.length && events[k + 1]!.score === events[k]!.score) continue;
    if (right > best) {
      best = right;
      threshold = k + 1 < events.length ? (events[k]!.score + events[k + 1]!.score) / 2 : events[k]!.score + 1e-9;
    }
  }
  return threshold;
}

/**
 * The paper's rule, bagged: the median of `paperThreshold` over bootstrap
 * resamples of the validation queries (in-scope and out-of-scope resampled
 * separately, seeded). Validation accuracy is flat over a wide range of
 * thresholds and the plain argmax lands anywhere on that plateau depending on
 * a handful of the 100 out-of-scope queries; the median of the resampled
 * argmaxes is a steadier estimate of the same optimum.
 */
export function baggedThreshold(inScope: readonly Scored[], oos: readonly number[], rounds = 200, seed = 1): number {
  if (!inScope.length || !oos.length) return paperThreshold(inScope, oos);
  const random = rng(seed);
  const picks: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const a = inScope.map(() => inScope[Math.floor(random() * inScope.length)]!);
    const b = oos.map(() => oos[Math.floor(random() * oos.length)]!);
    picks.push(paperThreshold(a, b));
  }
  picks.sort((x, y) => x - y);
  const mid = picks.length >> 1;
  return picks.length % 2 ? picks[mid]! : (picks[mid - 1]! + picks[mid]!) / 2;
}
