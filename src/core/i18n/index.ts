import { LANGS, type Lang } from '../data/schema.js';
import type { Catalogue } from './catalogue.js';
import { en } from './en/index.js';
import { fa } from './fa/index.js';
import { ru } from './ru/index.js';

const catalogues: Record<Lang, Catalogue> = { en, ru, fa };

/** The interface text for `lang`; every catalogue has every key (the type checker sees to it). */
export function t(lang: Lang): Catalogue {
  return catalogues[lang] ?? en;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const MONTHS_EN_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-01-24" → "24 Jan 2025" in the reader's language; `long`: "24 January 2025" (for sentences). */
export function formatDate(iso: string, lang: Lang, long = false): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  if (lang === 'en') return `${d} ${(long ? MONTHS_EN_LONG : MONTHS_EN)[m - 1]} ${y}`;
  const key = `${lang}:${iso}:${long}`;
  let out = formattedDates.get(key);
  if (out === undefined) {
    out = new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR-u-ca-gregory' : lang, {
      day: 'numeric',
      month: long ? 'long' : 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y, m - 1, d)));
    if (formattedDates.size < 1000) formattedDates.set(key, out);
  }
  return out;
}

// Building an Intl formatter costs ~70 µs; answers show the same few dates over and over.
const formattedDates = new Map<string, string>();

export type { Catalogue };

/** An integer in the reader's digits (Persian digits for fa). */
export function formatInteger(n: number, lang: Lang): string {
  return lang === 'fa' ? String(n).replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d))) : String(n);
}

/** The comma that separates parts of a line ("،" in Persian). */
export function comma(lang: Lang): string {
  return lang === 'fa' ? '، ' : ', ';
}

/**
 * The translations of one text key in every language but English, keyed by
 * language (e.g. for Discord's name/description localizations).
 */
export function localizations<K extends keyof Catalogue>(key: K): Partial<Record<Exclude<Lang, 'en'>, Catalogue[K]>> {
  const out: Partial<Record<Exclude<Lang, 'en'>, Catalogue[K]>> = {};
  for (const lang of LANGS) if (lang !== 'en') out[lang] = catalogues[lang][key];
  return out;
}
