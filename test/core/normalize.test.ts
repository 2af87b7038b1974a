import { describe, expect, it } from 'vitest';
import { normalizeText, tokenize } from '../../src/core/text/normalize.js';
import { createSynonymRewriter } from '../../src/core/text/synonyms.js';
import { stem } from '../../src/core/text/stem.js';

describe('normalizeText', () => {
  it('folds case, punctuation and spacing noise', () => {
    expect(normalizeText('  What   is the INSTC ???')).toBe('what is the instc');
  });
  it('removes bot, user, role and everyone mentions and URLs', () => {
    expect(normalizeText('@PartnershipBot <@123456789012345678> <@&987654321> @everyone gas? https://x.example/a')).toBe('gas');
  });
  it('keeps decimals and spells out percent and dollar signs', () => {
    expect(normalizeText('$3.77bn, up 15.5%!')).toBe('dollar 3.77 bn up 15.5 percent');
  });
  it("drops the possessive 's and joins other apostrophes", () => {
    expect(normalizeText("Iran's gas, what's up, don't")).toBe('iran gas what up dont');
  });
  it('applies Unicode compatibility normalisation (full-width letters, ligatures)', () => {
    expect(normalizeText('ＧＡＳ ﬁnance')).toBe('gas finance');
  });
  it('removes control, zero-width and bidi characters', () => {
    expect(normalizeText('g\u0000a\u200bs\u202e \u2066bcm\u2069')).toBe('g a s bcm');
  });
  it('folds ё to е and Arabic yeh/kaf and digits to their Persian/ASCII forms', () => {
    expect(normalizeText('Ёлка')).toBe('елка');
    expect(normalizeText('كيف ۲۰۲۴ ٣')).toBe('کیف 2024 3');
  });
  it('never throws and caps the length of very long input', () => {
    const long = 'gas '.repeat(5000);
    expect(normalizeText(long).length).toBeLessThanOrEqual(1000);
    expect(normalizeText('')).toBe('');
    expect(tokenize('')).toEqual([]);
  });
});

describe('synonyms', () => {
  it('rewrites the longest variant to the canonical term', () => {
    const rw = createSynonymRewriter([
      ['instc', 'international north south transport corridor', 'north south corridor'],
      ['bcm', 'billion cubic meters'],
    ]);
    expect(rw.rewrite(tokenize(normalizeText('the International North-South Transport Corridor and 55 billion cubic meters')))).toEqual([
      'the',
      'instc',
      'and',
      '55',
      'bcm',
    ]);
  });
});

describe('stem', () => {
  it('stems English and Russian words with Snowball and passes other tokens through', () => {
    expect(stem('supplies')).toBe(stem('supply'));
    expect(stem('газа')).toBe(stem('газ'));
    expect(stem('2024')).toBe('2024');
  });
  it('joins "-ial" adjectives and their "-ially" adverbs to their nouns', () => {
    expect(stem('financially')).toBe(stem('finances'));
    expect(stem('financial')).toBe(stem('finances'));
    expect(stem('commercially')).toBe(stem('commerce'));
  });
});
