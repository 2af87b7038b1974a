import type { FloodDecision, RateLimitPort } from './ports.js';

export interface FloodControl extends RateLimitPort {
  take(userId: string): FloodDecision;
  /** Users currently tracked (for tests and metrics). */
  readonly size: number;
}

interface Bucket {
  tokens: number;
  updated: number;
  noticed: boolean;
}

/**
 * A token bucket per user (or any key): `burst` requests at once (default
 * `perMinute`), refilled evenly at `perMinute` a minute. The first refusal gets one notice, later ones silence, until
 * the user has tokens again. Idle users are forgotten, so memory stays
 * bounded. In memory per process: on a restart or another instance a user
 * simply starts full. The default `RateLimitPort`.
 */
export function createFloodControl(perMinute: number, now: () => number = Date.now, burst = perMinute): FloodControl {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  let checks = 0;

  function sweep(at: number) {
    for (const [id, b] of buckets) if (b.tokens + (at - b.updated) * perMs >= burst) buckets.delete(id);
  }

  return {
    get size() {
      return buckets.size;
    },
    take(userId) {
      const at = now();
      if (++checks % 1000 === 0) sweep(at);
      const b = buckets.get(userId) ?? { tokens: burst, updated: at, noticed: false };
      b.tokens = Math.min(burst, b.tokens + Math.max(0, at - b.updated) * perMs);
      b.updated = at;
      buckets.set(userId, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        b.noticed = false;
        return 'ok';
      }
      if (b.noticed) return 'silent';
      b.noticed = true;
      return 'notice';
    },
  };
}
