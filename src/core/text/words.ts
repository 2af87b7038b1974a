/**
 * Regular expressions over whole words in any script: `\b` knows only ASCII letters, so
 * Cyrillic and Persian words need letter-aware boundaries. Bodies are alternations
 * ("how long|how many years").
 */
/** Lookarounds for a whole word's start and end, to build longer patterns. */
export const BEFORE = '(?<![\\p{L}\\p{N}])';
export const AFTER = '(?![\\p{L}\\p{N}])';

/** The body as whole words anywhere in a text. */
export const words = (body: string): RegExp => new RegExp(`${BEFORE}(?:${body})${AFTER}`, 'u');

/** The body as whole words at the start of a text. */
export const opening = (body: string): RegExp => new RegExp(`^(?:${body})${AFTER}`, 'u');
