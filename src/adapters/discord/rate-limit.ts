import { createFloodControl } from '../shared/token-bucket.js';

/** Outcome of one request against a user's budget. */
export interface RateDecision {
  ok: boolean;
  /** First refusal since the user's last accepted request: tell them once, then stay quiet. */
  notify: boolean;
}

export interface RateLimiter {
  take(userId: string): RateDecision;
  readonly size: number;
}

/** The shared per-user token bucket (`perMinute` requests, refilled over a minute), keyed by Discord user id. */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const flood = createFloodControl(perMinute, now);
  return {
    get size() {
      return flood.size;
    },
    take(userId) {
      const decision = flood.take(userId);
      return { ok: decision === 'ok', notify: decision === 'notice' };
    },
  };
}
