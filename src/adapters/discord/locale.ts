import type { Lang } from '../../core/data/schema.js';
import { supportedLang } from '../../core/text/lang.js';

/**
 * The language of a user's Discord client ("en-US", "ru", …) for text that has no
 * question to decide from: commands, notices, refusals. Discord has no Persian locale,
 * so Persian comes only from a question's script (and then rides on the buttons).
 * Questions pass `interaction.locale` to `core.ask` as a hint instead.
 */
export function uiLang(locale: string | null | undefined): Lang {
  return supportedLang(locale ?? undefined) ?? 'en';
}
