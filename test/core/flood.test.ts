import { describe, expect, it } from 'vitest';
import { createFloodControl } from '../../src/core/conversation/flood.js';

/** The conversation's default RateLimitPort (moved from the Telegram adapter's tests when the adapter stopped limiting). */
describe('flood control', () => {
  it('allows perMinute requests, then one notice, then silence, and refills over time', () => {
    let now = 0;
    const flood = createFloodControl(3, () => now);
    expect([1, 2, 3, 4, 5, 6].map(() => flood.take('a'))).toEqual(['ok', 'ok', 'ok', 'notice', 'silent', 'silent']);
    expect(flood.take('b')).toBe('ok'); // others are not affected
    now += 20_000; // one request refilled
    expect(flood.take('a')).toBe('ok');
    expect(flood.take('a')).toBe('notice'); // a new notice after the user was allowed again
    expect(flood.take('a')).toBe('silent');
  });

  it('holds at most `burst` tokens, refilled at its own rate: never more than burst + rate in any minute', () => {
    let now = 0;
    const flood = createFloodControl(14, () => now, 4);
    expect(Array.from({ length: 5 }, () => flood.take('g'))).toEqual(['ok', 'ok', 'ok', 'ok', 'notice']);
    now += 3_600_000; // rested an hour: still only the burst
    expect(Array.from({ length: 5 }, () => flood.take('g'))).toEqual(['ok', 'ok', 'ok', 'ok', 'notice']);
    let sent = 4;
    for (let ms = 0; ms < 60_000; ms += 500) {
      now += 500;
      if (flood.take('g') === 'ok') sent += 1;
    }
    expect(sent).toBe(4 + 14);
  });

  it('forgets idle users so memory stays bounded', () => {
    let now = 0;
    const flood = createFloodControl(5, () => now);
    for (let id = 0; id < 999; id += 1) flood.take(String(id));
    expect(flood.size).toBe(999);
    now += 61_000;
    flood.take('5000'); // the 1000th request sweeps
    expect(flood.size).toBeLessThanOrEqual(1);
  });
});
