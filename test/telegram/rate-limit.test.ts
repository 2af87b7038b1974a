import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/adapters/telegram/rate-limit.js';

describe('rate limiter', () => {
  it('allows perMinute replies, then one notice, then silence, and refills over time', () => {
    let now = 0;
    const limiter = createRateLimiter(3, () => now);
    expect([1, 2, 3, 4, 5, 6].map(() => limiter.check(1))).toEqual(['ok', 'ok', 'ok', 'notice', 'silent', 'silent']);
    expect(limiter.check(2)).toBe('ok'); // others are not affected
    now += 20_000; // one reply refilled
    expect(limiter.check(1)).toBe('ok');
    expect(limiter.check(1)).toBe('notice'); // a new notice after the user was allowed again
    expect(limiter.check(1)).toBe('silent');
  });

  it('forgets idle users so memory stays bounded', () => {
    let now = 0;
    const limiter = createRateLimiter(5, () => now);
    for (let id = 0; id < 999; id += 1) limiter.check(id);
    expect(limiter.size).toBe(999);
    now += 61_000;
    limiter.check(5000); // the 1000th check sweeps
    expect(limiter.size).toBeLessThanOrEqual(1);
  });
});
