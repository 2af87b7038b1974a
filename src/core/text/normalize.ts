/**
 * Text normalisation shared by training and matching. Pure and total: any
 * string (control characters, RTL marks, 10k characters) yields a string.
 */

/** Longest input the matcher looks at; longer questions are cut here. */
export const MAX_QUESTION_CHARS = 1000;

const MENTION = /<@[!&]?\d+>|<#\d+>|@(?:everyone|here)\b|@[A-Za-z0-9_]{3,32}/g;
const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/gi;
// Arabic-script letters folded to their Persian forms; Arabic diacritics and tatweel dropped.
const ARABIC_FOLD: Record<string, string> = { ي: 'ی', ى: 'ی', ك: 'ک', ة: 'ه', ۀ: 'ه', أ: 'ا', إ: 'ا', ٱ: 'ا', ؤ: 'و' };
const DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;
// Persian verb prefixes and plural/possessive suffixes typed as separate words.
const PERSIAN_PREFIX = /(^|\s)(ن?می)\s+(?=\p{Script=Arabic})/gu;
const PERSIAN_SUFFIX = /(\p{Script=Arabic})\s+(ها|های|هایی|تر|ترین)(?=\s|$)/gu;

function foldDigit(ch: string): string {
  const code = ch.charCodeAt(0);
  return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
}

/** Removes bot mentions, user/role/channel mentions and URLs: they carry no meaning for matching. */
export function stripMentions(text: string): string {
  return text.replace(MENTION, ' ').replace(URL, ' ');
}

/**
 * Canonical lower-case form: NFKC, mentions and URLs removed, Persian/Arabic
 * letter variants and digits folded, ё→е, punctuation to spaces, decimals
 * kept ("3.77"), "%" → "percent", "$" → "dollar", spaces collapsed.
 */
export function normalizeText(input: string): string {
  let s = input.slice(0, MAX_QUESTION_CHARS * 2).normalize('NFKC');
  s = stripMentions(s).slice(0, MAX_QUESTION_CHARS);
  // "The US" in a sentence with lower case letters is the country, not "us" (which shouting in capitals could be).
  if (/\p{Ll}/u.test(s)) s = s.replace(/(?<![\p{L}])US(?![\p{L}])/gu, 'USA');
  s = s.toLowerCase().replace(/ё/g, 'е');
  s = s.replace(/[يىكةۀأإٱؤ]/g, (c) => ARABIC_FOLD[c] ?? c).replace(DIGITS, foldDigit);
  // Arabic diacritics and tatweel go; ZWNJ joins a Persian word's parts (می‌دهد = میدهد = می دهد);
  // other zero-width and bidi controls become spaces.
  s = s
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/\u200C/g, '')
    .replace(/[\u200B\u200D-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, ' ');
  s = s.replace(PERSIAN_PREFIX, '$1$2').replace(PERSIAN_SUFFIX, '$1$2');
  s = s.replace(/(\d)[٫,.](\d)/g, '$1.$2');
  s = s.replace(/[%٪]/g, ' percent ').replace(/\$/g, ' dollar ');
  s = s.replace(/(\p{L})['’]s\b/gu, '$1').replace(/(\p{L})['’](\p{L})/gu, '$1$2');
  s = s
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/(\d)(\p{L})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2');
  s = s.replace(/[^\p{L}\p{N}.]+/gu, ' ');
  return s.trim().replace(/\s+/g, ' ');
}

/** Splits normalised text into tokens. */
export function tokenize(normalized: string): string[] {
  return normalized ? normalized.split(' ') : [];
}
