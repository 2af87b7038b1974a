import { normalizeText, tokenize } from './normalize.js';
import { stem } from './stem.js';
import { createSynonymRewriter } from './synonyms.js';
import { createTypoCorrector, type TypoCorrector } from './typo.js';

/** A question as the matcher sees it. */
export interface Analysis {
  normalized: string;
  /** Surface words after typo correction and synonym rewriting. */
  words: string[];
  stems: string[];
  /** Words that were changed by typo correction (original → corrected). */
  corrections: [string, string][];
}

export interface Analyzer {
  analyze(text: string): Analysis;
  readonly corrector: TypoCorrector | undefined;
}

export interface AnalyzerOptions {
  synonyms?: readonly (readonly string[])[];
  /** Texts whose words typos may be corrected to (the training questions). */
  vocabularyTexts?: Iterable<string>;
  /** Further correctly spelt words that are never "corrected". */
  knownWords?: Iterable<string>;
  /**
   * Words a typo is never corrected to: a word the data does not know that is one letter from a
   * stop word is more likely a real word than a slip ("سلاح" weapon is not "سلام" hello), and
   * correcting it to a word that is then ignored loses what was asked.
   */
  notTargets?: Iterable<string>;
  typos?: boolean;
}

export function createAnalyzer(opts: AnalyzerOptions = {}): Analyzer {
  const synonyms = createSynonymRewriter(opts.synonyms ?? []);
  let corrector: TypoCorrector | undefined;
  if (opts.typos !== false && opts.vocabularyTexts) {
    const freq = new Map<string, number>();
    for (const t of opts.vocabularyTexts) for (const w of tokenize(normalizeText(t))) freq.set(w, (freq.get(w) ?? 0) + 1);
    for (const w of opts.notTargets ?? []) freq.delete(w);
    corrector = createTypoCorrector(freq, opts.knownWords ?? []);
  }
  return {
    corrector,
    analyze(text) {
      const normalized = normalizeText(text);
      const corrections: [string, string][] = [];
      const raw = tokenize(normalized).map((w) => {
        const fixed = corrector?.correct(w);
        if (fixed && fixed !== w) corrections.push([w, fixed]);
        return fixed ?? w;
      });
      const words = synonyms.rewrite(raw);
      return { normalized, words, stems: words.map(stem), corrections };
    },
  };
}
