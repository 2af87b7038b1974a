import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as russian } from '@orama/stemmers/russian';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const ARABIC = /\p{Script=Arabic}/u;
/** Persian plural and superlative endings, longest first ("راکتورهای" → "راکتور", "بزرگترین" → "بزرگ"). */
const PERSIAN_SUFFIXES = ['هایی', 'های', 'ها', 'ترین'];

/** Porter, with "-us" nouns one stem with their plurals and "-ial" adjectives joined to their nouns ("financial" → "financ" as "finances", "commercial" as "commerce"; their adverbs too: "financially"). */
function englishStem(token: string): string {
  // Porter reads the "s" of "-us" as a plural ("focus" → "focu", "focuses" → "focus"): the singular keeps it.
  const out = token.endsWith('us') ? english(`${token}es`) : english(token);
  return (token.endsWith('ial') || token.endsWith('ially')) && out.endsWith('i') && out.length > 5 ? out.slice(0, -1) : out;
}

/** A light Persian stemmer: plural and superlative endings only (ezafe "ی" would merge نظامی "military" into نظام "system"). */
function persian(token: string): string {
  for (const suffix of PERSIAN_SUFFIXES) if (token.endsWith(suffix) && token.length - suffix.length >= 3) return token.slice(0, -suffix.length);
  return token;
}
const LATIN = /^[a-z]+$/;
const cache = new Map<string, string>();

/** Snowball stem of one normalised token, by script (Persian: plural endings); numbers and other scripts pass through. */
export function stem(token: string): string {
  let out = cache.get(token);
  if (out !== undefined) return out;
  if (LATIN.test(token)) out = token.length > 3 ? englishStem(token) : token;
  else if (CYRILLIC.test(token)) out = russian(token);
  else if (ARABIC.test(token)) out = persian(token);
  else out = token;
  if (cache.size < 200_000) cache.set(token, out);
  return out;
}
