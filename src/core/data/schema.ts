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

/** What a named thing is: "which X" questions ask for things of one kind. */
export const ENTITY_KINDS = [
  'country',
  'organisation',
  'person',
  'city',
  'facility',
  'sea',
  'corridor',
  'currency',
  'network',
  'sector',
  'region',
  'group',
  'activity',
  'resource',
  'event',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** A thing the source names, with the names people use for it in each language (first: the display name). */
export const Entity = z.strictObject({
  id,
  kind: z.enum(ENTITY_KINDS),
  /** One of the two parties (or their leaders): naming it does not make a question about someone else. */
  partner: z.boolean().default(false),
  /** What the name means when it is not a place: a capital for its government ("Moscow will fund…" → russia). */
  standsFor: id.optional(),
  /** Whose it is, when the source says ("Russia's Mir", "Iran's Shetab"): "is Mir Iran's network?" is a "no". */
  of: id.optional(),
  /** Where it is, when the source places it ("Iran's Bushehr", "foothold in Syria … naval base in Tartus"): "is Bushehr in Russia?" is a "no". */
  in: id.optional(),
  names: LocalizedList,
  /**
   * Names that are also everyday words (Russian «мир», "world"; Persian شتاب, "haste"): they name
   * the entity only beside another entity of its kind or one of its kind's nouns ("карта «Мир»",
   * "Мир и Шетаб"), never alone ("многополярный мир"). Each must also be one of `names`.
   */
  everyday: z.array(text).default([]),
  /**
   * The source describes the thing but gives it no proper name ("port facilities in the Caspian Sea", "LNG
   * terminals"): a question for its name ("which ports exactly?") is one the source does not answer.
   */
  unnamed: z.boolean().default(false),
});
export type Entity = z.infer<typeof Entity>;

/** The nouns that ask for a kind of thing ("which sectors", "какие отрасли", "چه بخش‌هایی"), per language. */
const KindNouns = z.strictObject({ en: z.array(text).default([]), ru: z.array(text).default([]), fa: z.array(text).default([]) });
export const EntitiesFile = z.strictObject({
  kinds: z.partialRecord(z.enum(ENTITY_KINDS), KindNouns),
  entities: z.array(Entity).min(1),
});

/**
 * When a claim holds: `event` happened before the source was written (the signing, 2024 trade),
 * `state` was the situation as the source was written (95% in local currencies), `plan` is what
 * the parties will do, aim at or consider (gas supplies, new reactors). Time questions use it.
 */
export const CLAIM_STATUS = ['event', 'state', 'plan'] as const;

/** A number the claim states, with its unit ("bcm/yr", "%", "USD bn", "years"). */
export const ClaimNumber = z.strictObject({ value: z.number(), unit: text });

/**
 * One statement of the source: the unit an answer is made of. It rests on an
 * exact span of the source (`quote`, checked against the text), says it in each
 * language, and carries typed slots for answer selection and yes/no checks.
 */
export const Claim = z.strictObject({
  id,
  /** The exact words of the source it rests on (whitespace and quote marks aside). */
  quote: text,
  /** The source it rests on, when not the topic's (sources.yaml id); `paragraph` is then of that source. */
  source: id.optional(),
  /** Paragraph of the source the quote is in, when it differs from the topic's. */
  paragraph: z.number().int().positive().optional(),
  /**
   * What it is a statement of, shared by claims of several sources on one point ("trade-value"):
   * the claim of the newest source leads, and the answer says what an older one said.
   */
  point: id.optional(),
  /** The claim as one sentence that answers on its own, each language. */
  text: LocalizedText,
  /** The question types it answers directly (when, who, where, how_much, how_long, growth, price, why, what). */
  answers: z.array(z.enum(QUESTION_TYPES)).default([]),
  /** Ids of the entities it names (entities.yaml). */
  entities: z.array(id).default([]),
  /** Entities it names as what is reduced, bypassed, contained or opposed ("reduces dependency on the U.S. dollar"). */
  against: z.array(id).default([]),
  /** Kinds whose values in this claim are the whole truth (the signing city): another value of that kind is a "no". Numbers and dates always are. */
  closed: z.array(z.enum(ENTITY_KINDS)).default([]),
  numbers: z.array(ClaimNumber).default([]),
  /** Years or dates it states: YYYY, YYYY-MM or YYYY-MM-DD. */
  dates: z.array(z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')).default([]),
  status: z.enum(CLAIM_STATUS),
  /**
   * How far it had got when the source was written, when it had not happened: `considered`
   * (Russia is considering investments), `under-way` (working on intelligence-sharing mechanisms,
   * completing the railway). A yes/no about it says so instead of a bare "yes".
   */
  stage: z.enum(['considered', 'under-way']).optional(),
  /** Words that point to this claim beyond its text (any language). */
  keywords: z.array(text).default([]),
});
export type Claim = z.infer<typeof Claim>;

export const Topic = z.strictObject({
  id,
  title: LocalizedText,
  /** One sentence: the answer a user reads first. */
  short: LocalizedText,
  summary: LocalizedText,
  facts: z.array(Fact).default([]),
  /** The topic's statements, one per statement of its source paragraph: what answers are made of. */
  claims: z.array(Claim).default([]),
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
  /** About the agreement as a whole: what "it" means in a question when the conversation is on nothing else. */
  agreement: z.boolean().default(false),
});
export type Topic = z.infer<typeof Topic>;

export const Source = z.strictObject({
  id,
  title: LocalizedText,
  description: LocalizedText,
  published: isoDate,
  /** The date the data taken from this source describes. */
  asOf: isoDate,
  /** The source's text, relative to the data folder (e.g. sources/article.txt): paragraphs separated by blank lines; claims' quotes are checked against it. */
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

/**
 * The areas the source groups its topics under (its opening paragraph: economic cooperation,
 * regional security, financial independence…), for a summary asked of an area ("the financial
 * side", "военная часть", "بخش امنیتی"): `names` are the words people use for it, `topics` what it covers.
 */
export const ThemesFile = z.strictObject({
  themes: z.array(
    z.strictObject({
      id,
      title: LocalizedText,
      names: LocalizedList,
      topics: z.array(id).min(2),
    }),
  ),
});
export type Theme = z.infer<typeof ThemesFile>['themes'][number];

/** Place names the near-miss guard knows; `partners` are the two parties of the treaty. */
export const PlacesFile = z.strictObject({
  partners: z.array(z.array(text).min(1)).length(2),
  places: z.array(z.array(text).min(1)),
});

export interface KnowledgeBase {
  topics: Topic[];
  sources: Source[];
  entities: z.infer<typeof EntitiesFile>;
  /** Each source's paragraphs (as in its file, trimmed), by source id: what claims' quotes are checked against. */
  sourceTexts: Record<string, string[]>;
  synonyms: string[][];
  offtopic: z.infer<typeof OfftopicFile>;
  help: z.infer<typeof HelpFile>;
  themes: Theme[];
  places: z.infer<typeof PlacesFile>;
  /** Changes whenever the data changes; caches key on it. */
  version: string;
}
