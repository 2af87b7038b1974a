import { z } from 'zod';

/**
 * Schema of the curated data under `data/`. Every user-facing text is a
 * `LocalizedText` with English, Russian and Persian versions, and every list
 * of questions has entries in all three languages.
 */
export const LANGS = ['en', 'ru', 'fa'] as const;
export type Lang = (typeof LANGS)[number];

const text = z.string().trim().min(1, 'must not be empty');
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens (a-z, 0-9)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

/** Every user-facing text in all three languages: a missing translation is a validation error. */
export const LocalizedText = z.strictObject({ en: text, ru: text, fa: text });
export type LocalizedText = z.infer<typeof LocalizedText>;

const list = z.array(text).min(1, 'needs at least one entry');
export const LocalizedList = z.strictObject({ en: list, ru: list, fa: list });
export type LocalizedList = z.infer<typeof LocalizedList>;

/** Question types a fact answers; the matcher detects them in the question. */
export const QUESTION_TYPES = ['when', 'who', 'where', 'how_much', 'how_long', 'growth', 'price', 'why', 'what'] as const;
/** Question types that ask for one precise detail (a date, a name, a figure…), as opposed to why / what. */
export const SPECIFIC_TYPES = ['when', 'who', 'where', 'how_much', 'how_long', 'growth', 'price'] as const satisfies readonly QuestionType[];
export type SpecificType = (typeof SPECIFIC_TYPES)[number];
export const isSpecificType = (type: QuestionType): type is SpecificType => (SPECIFIC_TYPES as readonly QuestionType[]).includes(type);
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const Fact = z.strictObject({
  id,
  /** The question types this fact answers first ("how much gas" → the volume). */
  asks: z.array(z.enum(QUESTION_TYPES)).min(1),
  /** Short label for cards and embeds, e.g. "Annual gas supply". */
  label: LocalizedText,
  /** The value as shown on a card, e.g. "up to 55 bcm a year". */
  display: LocalizedText,
  /** One sentence that answers the question on its own, value first. */
  sentence: LocalizedText,
  value: z.union([z.number(), text]).optional(),
  unit: text.optional(),
  date: isoDate.optional(),
  who: z.array(text).optional(),
  where: text.optional(),
  /** Words that pick this fact over the topic's other facts of the same type. */
  keywords: z.array(text).default([]),
  /** Paragraph of the source this fact comes from, when it differs from the topic's. */
  paragraph: z.number().int().positive().optional(),
});
export type Fact = z.infer<typeof Fact>;

export const Topic = z.strictObject({
  id,
  title: LocalizedText,
  /** One sentence: the answer a user reads first. */
  short: LocalizedText,
  summary: LocalizedText,
  facts: z.array(Fact).default([]),
  /** Names and phrases that point to this topic (any language). */
  aliases: z.array(text).default([]),
  /** Example questions the matcher trains on. */
  examples: LocalizedList,
  /** Questions never trained on: the tests check each reaches this topic. */
  heldout: LocalizedList,
  related: z.array(id).default([]),
  source: z.strictObject({ id, paragraph: z.number().int().positive() }),
  /** Order in topic lists; lower first. */
  order: z.number().int().default(100),
});
export type Topic = z.infer<typeof Topic>;

export const Source = z.strictObject({
  id,
  title: LocalizedText,
  description: LocalizedText,
  published: isoDate,
  /** The date the data taken from this source describes. */
  asOf: isoDate,
  /** Where the text lives, relative to the project root (for curators). */
  file: text.optional(),
  url: z.url().optional(),
});
export type Source = z.infer<typeof Source>;

export const SourcesFile = z.strictObject({ sources: z.array(Source).min(1) });

/** Groups of interchangeable terms; the first term of each group is the canonical one. */
export const SynonymsFile = z.strictObject({
  groups: z.array(z.array(text).min(2, 'a synonym group needs at least two terms')),
});

/** Questions that are not about the partnership: trained as negatives for every topic. */
export const OfftopicFile = z.strictObject({ examples: LocalizedList, heldout: LocalizedList });

/** Questions asking what the bot can do: answered with the topic list. */
export const HelpFile = z.strictObject({ examples: LocalizedList });

/** Place names the near-miss guard knows; `partners` are the two parties of the treaty. */
export const PlacesFile = z.strictObject({
  partners: z.array(z.array(text).min(1)).length(2),
  places: z.array(z.array(text).min(1)),
});

export interface KnowledgeBase {
  topics: Topic[];
  sources: Source[];
  synonyms: string[][];
  offtopic: z.infer<typeof OfftopicFile>;
  help: z.infer<typeof HelpFile>;
  places: z.infer<typeof PlacesFile>;
  /** Changes whenever the data changes; caches key on it. */
  version: string;
}
