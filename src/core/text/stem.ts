import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as russian } from '@orama/stemmers/russian';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /^[a-z]+$/;
const cache = new Map<string, string>();

/** Snowball stem of one normalised token, by script; numbers and other scripts pass through. */
export function stem(token: string): string {
  let out = cache.get(token);
  if (out !== undefined) return out;
  if (LATIN.test(token)) out = token.length > 3 ? english(token) : token;
  else if (CYRILLIC.test(token)) out = russian(token);
  else out = token;
  if (cache.size < 200_000) cache.set(token, out);
  return out;
}
