import { LANGS, type Lang } from '../../core/data/schema.js';

/**
 * The language a Discord locale ("en-US", "ru", …) asks for, if the data has it.
 * For questions it is only a hint (the core decides from the question's script);
 * for /topic, /topics, /help and autocomplete it picks the language. Discord has no
 * Persian locale, so Persian comes from the question's script alone.
 */
export function langOf(locale: string | null | undefined): Lang | undefined {
  const base = locale?.split('-')[0]?.toLowerCase();
  return LANGS.find((lang) => lang === base);
}
