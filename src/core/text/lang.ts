import { LANGS, type Lang } from '../data/schema.js';

const CYRILLIC = /\p{Script=Cyrillic}/gu;
const ARABIC = /\p{Script=Arabic}/gu;
const LATIN = /\p{Script=Latin}/gu;

function count(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}

/** "ru-RU", "fa", "en-GB" → a language we answer in, if any. */
export function supportedLang(code: string | undefined): Lang | undefined {
  const base = code?.toLowerCase().split(/[-_]/)[0];
  return LANGS.find((l) => l === base);
}

/**
 * The language to answer in: the question's script decides (Cyrillic →
 * Russian, Arabic script → Persian, otherwise English), allowing for Latin
 * names inside Russian or Persian sentences; the user's platform language
 * breaks ties for short, mixed or letterless input ("INSTC?", "55").
 */
export function detectLanguage(text: string, hint?: string): Lang {
  const sample = text.slice(0, 2000).replace(/<[@#][!&]?\d+>|@\w+|https?:\/\/\S+/g, ' ');
  const ru = count(sample, CYRILLIC);
  const fa = count(sample, ARABIC);
  const latin = count(sample, LATIN);
  const preferred = supportedLang(hint);
  if (ru + fa + latin === 0) return preferred ?? 'en';
  if (ru + fa > 0) {
    const [lang, n] = ru >= fa ? (['ru', ru] as const) : (['fa', fa] as const);
    if (preferred === lang || n * 3 >= latin) return lang;
    return preferred ?? 'en';
  }
  const words = sample.trim().split(/\s+/).length;
  return preferred && preferred !== 'en' && words <= 2 ? preferred : 'en';
}
