import type { Lang } from '../../core/data/schema.js';

/**
 * Languages the Discord adapter answers in. A Discord locale (`interaction.locale`,
 * `guildLocale`) is only a hint: it maps to a Lang once that language is listed here
 * (issue 7 adds 'ru'; Discord has no Persian locale, so Persian is detected from text).
 */
const SUPPORTED: readonly Lang[] = ['en'];

/** The reply language hinted by a Discord locale such as "en-US" or "ru"; undefined → the core decides. */
export function langOf(locale: string | null | undefined): Lang | undefined {
  const base = locale?.split('-')[0]?.toLowerCase();
  return SUPPORTED.find((lang) => lang === base);
}
