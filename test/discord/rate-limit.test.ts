import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/adapters/discord/rate-limit.js';
import { toQuestion } from '../../src/adapters/discord/question.js';

describe('per-user rate limit', () => {
  it('allows a burst of perMinute, refuses the next, notifies once, refills over time', () => {
    let now = 0;
    const limiter = createRateLimiter(3, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, notify: true });
    expect(limiter.take('a')).toEqual({ ok: false, notify: false });
    expect(limiter.take('b').ok).toBe(true);
    now += 20_000; // one token back
    expect(limiter.take('a')).toEqual({ ok: true, notify: false });
    expect(limiter.take('a')).toEqual({ ok: false, notify: true });
  });

  it('forgets users whose bucket is full again', () => {
    let now = 0;
    const limiter = createRateLimiter(2, () => now);
    for (let i = 0; i < 500; i++) limiter.take(`user${i}`);
    now += 60_000;
    for (let i = 0; i < 500; i++) limiter.take('same');
    expect(limiter.size).toBeLessThan(10);
  });
});

describe('toQuestion', () => {
  it('strips the bot mention and control characters and caps the length', () => {
    expect(toQuestion('<@123456789012345678> how\u0000 much\n gas <@!123456789012345678>', '123456789012345678')).toEqual({ text: 'how much gas', truncated: false });
    const long = toQuestion('a'.repeat(5000));
    expect(long.truncated).toBe(true);
    expect(long.text).toHaveLength(1000);
  });
});
