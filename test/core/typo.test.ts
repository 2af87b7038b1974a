import { describe, expect, it } from 'vitest';
import { createTypoCorrector, editDistance } from '../../src/core/text/typo.js';

describe('typo corrector', () => {
  const vocab = new Map([
    ['gas', 9],
    ['supply', 3],
    ['bushehr', 2],
    ['security', 2],
    ['bilateral', 2],
    ['astara', 1],
    ['when', 5],
    ['why', 6],
  ]);
  const c = createTypoCorrector(vocab, ['weather', 'war', 'sing']);

  it('corrects misspellings within the edit budget', () => {
    expect(c.correct('gass')).toBe('gas');
    expect(c.correct('gaz')).toBe('gas');
    expect(c.correct('suply')).toBe('supply');
    expect(c.correct('busher')).toBe('bushehr');
    expect(c.correct('securty')).toBe('security');
    expect(c.correct('bilaterall')).toBe('bilateral');
  });
  it('prefers the word the typo leaves letters out of', () => {
    expect(c.correct('whn')).toBe('when');
  });
  it('leaves known words and far-off words alone', () => {
    expect(c.correct('war')).toBe('war');
    expect(c.correct('weather')).toBe('weather');
    expect(c.correct('zzzz')).toBeUndefined();
    expect(c.correct('xy')).toBeUndefined();
  });
  it('computes optimal string alignment distance with transpositions', () => {
    expect(editDistance('gsa', 'gas', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abc', 'xyzabc', 2)).toBe(3);
  });
});
