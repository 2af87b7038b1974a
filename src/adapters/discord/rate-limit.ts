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

interface Bucket {
  tokens: number;
  at: number;
  warned: boolean;
}

/**
 * Per-user token bucket: `perMinute` requests in a burst, refilled evenly over a minute.
 * In-memory per process; on a restart or another shard a user simply starts full.
 */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  let sinceSweep = 0;

  const sweep = (time: number) => {
    for (const [id, b] of buckets) if (b.tokens + (time - b.at) * perMs >= perMinute) buckets.delete(id);
  };

  return {
    get size() {
      return buckets.size;
    },
    take(userId) {
      const time = now();
      if (++sinceSweep >= 1000) {
        sinceSweep = 0;
        sweep(time);
      }
      const b = buckets.get(userId) ?? { tokens: perMinute, at: time, warned: false };
      b.tokens = Math.min(perMinute, b.tokens + (time - b.at) * perMs);
      b.at = time;
      buckets.set(userId, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        b.warned = false;
        return { ok: true, notify: false };
      }
      const notify = !b.warned;
      b.warned = true;
      return { ok: false, notify };
    },
  };
}
