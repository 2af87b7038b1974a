import { describe, expect, it } from 'vitest';
import { baggedThreshold, paperThreshold } from '../bench/threshold.js';

describe('rejection threshold chosen on validation data', () => {
  it("is the paper's rule: the threshold with the best accuracy, out-of-scope counted as a class", () => {
    // In-scope scores 0.9, 0.8 (right) and 0.3 (wrong); out-of-scope 0.5 and 0.1.
    // Cutting between 0.5 and 0.8 keeps both right answers and rejects both oos queries: 4 of 5.
    const t = paperThreshold(
      [
        { score: 0.9, correct: true },
        { score: 0.8, correct: true },
        { score: 0.3, correct: false },
      ],
      [0.5, 0.1],
    );
    expect(t).toBeGreaterThan(0.5);
    expect(t).toBeLessThan(0.8);
  });

  it('keeps everything when rejecting would only cost right answers', () => {
    const t = paperThreshold([{ score: 0.2, correct: true }], [0.9]);
    expect(t).toBeLessThan(0.2);
  });

  it('bagged, is deterministic and lands near the plain rule', () => {
    // In-scope scores spread over 0.3–1.0, wrong below 0.45; out-of-scope over 0–0.4: the best cut is near 0.4.
    const inScope = Array.from({ length: 300 }, (_, i) => {
      const score = 0.3 + (0.7 * i) / 300;
      return { score, correct: score > 0.45 };
    });
    const oos = Array.from({ length: 30 }, (_, i) => (0.4 * i) / 30);
    const plain = paperThreshold(inScope, oos);
    const bagged = baggedThreshold(inScope, oos);
    expect(plain).toBeGreaterThan(0.38);
    expect(plain).toBeLessThan(0.46);
    expect(baggedThreshold(inScope, oos)).toBe(bagged);
    expect(Math.abs(bagged - plain)).toBeLessThan(0.05);
  });
});
