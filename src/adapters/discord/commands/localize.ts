import { Locale } from 'discord.js';
import { type Catalogue, localizations, t } from '../../../core/i18n/index.js';

/** Catalogue keys whose text is a plain string (descriptions, option and choice names). */
export type TextKey = { [K in keyof Catalogue]: Catalogue[K] extends string ? K : never }[keyof Catalogue];

/** The English catalogue: command descriptions and the option names the bot reads. */
export const en = t('en');

/**
 * Discord's localizations of a catalogue text. Discord has Russian but no Persian
 * client locale, so only `ru` is registered; Persian users see English menus and get
 * Persian answers from their questions' script.
 */
export function ruLocalization(key: TextKey): Partial<Record<Locale, string>> {
  const ru = localizations(key).ru;
  return ru ? { [Locale.Russian]: ru } : {};
}

interface Describable<T> {
  setDescription(description: string): T;
  setDescriptionLocalizations(localizations: Partial<Record<Locale, string | null>> | null): T;
}
interface Nameable<T> {
  setName(name: string): T;
  setNameLocalizations(localizations: Partial<Record<Locale, string | null>> | null): T;
}

/** Sets a command's or option's description in English with its Russian localization. */
export function describe<T extends Describable<T>>(builder: T, key: TextKey): T {
  return builder.setDescription(en[key]).setDescriptionLocalizations(ruLocalization(key));
}

/** An option named and described from the catalogue: English name (what the bot reads) and description, Russian ones localized. */
export function option<T extends Describable<T> & Nameable<T>>(builder: T, nameKey: TextKey, descriptionKey: TextKey): T {
  return describe(builder.setName(en[nameKey]).setNameLocalizations(ruLocalization(nameKey)), descriptionKey);
}

/** A string choice whose name is a catalogue text, localized. */
export function choice(nameKey: TextKey, value: string): { name: string; name_localizations: Partial<Record<Locale, string>>; value: string } {
  return { name: en[nameKey], name_localizations: ruLocalization(nameKey), value };
}
