import type { Fact, KnowledgeBase, Lang, Topic } from './data/schema.js';
import { type CardReply, type KeyFact, MAX_CARD_FIGURES } from './reply.js';
import { t } from './i18n/index.js';
import { sourceRef, text } from './source.js';

/** The card id of the whole-partnership overview (no topic has this id: ids are data, this is a view). */
export const OVERVIEW_ID = 'overview';

/** The topic whose short answer leads the overview and whose source it cites. */
export const OVERVIEW_TOPIC = 'treaty';

/** The fact whose sentence says what the agreement is for: the overview's text replies give it after the lead (the image has no room). */
export const OVERVIEW_AIMS = { topic: 'aims', fact: 'goals' } as const;

/** The overview's headline figures, by topic and fact id in data/topics/*.yaml. */
export const OVERVIEW_FIGURES = [
  { topic: 'gas', fact: 'annual-volume' },
  { topic: 'bilateral-trade', fact: 'value-2024' },
  { topic: 'local-currencies', fact: 'share' },
  { topic: 'aims', fact: 'sanctions-response' },
] as const;

/**
 * The small chart on a summary card, when the card's facts carry numbers that
 * can be drawn: a share (a percentage that is not a growth rate) as a donut,
 * or a level with its growth rate as a bar with an arrow. Every string is a
 * value from the data; nothing is computed from the numbers but the arc.
 */
export type CardChart = (
  | {
      kind: 'share';
      /** 0–100, the arc of the donut. */
      percent: number;
      /** The percentage in the reader's digits, e.g. "95%" or "۹۵٪". */
      value: string;
      label: string;
    }
  | {
      kind: 'growth';
      /** The level as displayed, e.g. "$3.77 billion". */
      value: string;
      label: string;
      /** The growth as displayed, e.g. "+15.5%". */
      growth: string;
      growthLabel: string;
    }
) & {
  /** The card figures the chart draws (as in CardReply.figures); the grid leaves them out. */
  figures: KeyFact[];
};

interface CardFact {
  topic: Topic;
  fact: Fact;
}

/** The facts behind a card: a topic's own facts, or the overview's headline figures. */
function cardFacts(kb: KnowledgeBase, id: string): CardFact[] {
  if (id === OVERVIEW_ID) {
    return OVERVIEW_FIGURES.flatMap((ref) => {
      const topic = kb.topics.find((t) => t.id === ref.topic);
      const fact = topic?.facts.find((f) => f.id === ref.fact);
      return topic && fact ? [{ topic, fact }] : [];
    });
  }
  const topic = kb.topics.find((t) => t.id === id);
  return topic ? topic.facts.slice(0, MAX_CARD_FIGURES).map((fact) => ({ topic, fact })) : [];
}

const isNumber = (f: Fact): f is Fact & { value: number } => typeof f.value === 'number' && Number.isFinite(f.value);
const isGrowth = (f: Fact) => isNumber(f) && f.unit === '%' && f.asks.includes('growth');
const isLevel = (f: Fact) => isNumber(f) && f.unit !== undefined && f.unit !== '%' && !f.asks.includes('growth');
const isShare = (f: Fact) => isNumber(f) && f.unit === '%' && !f.asks.includes('growth') && f.value > 0 && f.value <= 100;

/** The first chart the card's facts allow, in the order of the facts; undefined when none does. */
export function cardChart(kb: KnowledgeBase, id: string, lang: Lang): CardChart | undefined {
  for (const { topic, fact } of cardFacts(kb, id)) {
    const level = isLevel(fact) ? fact : isGrowth(fact) ? topic.facts.find(isLevel) : undefined;
    const growth = isGrowth(fact) ? fact : isLevel(fact) ? topic.facts.find(isGrowth) : undefined;
    if (level && growth) {
      const [value, label, rate, rateLabel] = [text(level.display, lang), text(level.label, lang), text(growth.display, lang), text(growth.label, lang)];
      const figures = [
        { label, value },
        { label: rateLabel, value: rate },
      ];
      return { kind: 'growth', value, label, growth: rate, growthLabel: rateLabel, figures };
    }
    if (isShare(fact)) {
      const value = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format((fact.value as number) / 100);
      const label = text(fact.label, lang);
      return { kind: 'share', percent: fact.value as number, value, label, figures: [{ label, value: text(fact.display, lang) }] };
    }
  }
  return undefined;
}

const figuresOf = (facts: CardFact[], lang: Lang): KeyFact[] =>
  facts.map(({ fact }) => ({ label: text(fact.label, lang), value: text(fact.display, lang) })).slice(0, MAX_CARD_FIGURES);

/**
 * The summary card for a topic id or 'overview' (the agreement's name, the
 * treaty's short answer and the headline figures; its source line names no
 * paragraph, since the figures come from several). Undefined for an unknown id,
 * or for the overview when the data has no treaty topic.
 */
export function summaryCard(kb: KnowledgeBase, id: string, lang: Lang): CardReply | undefined {
  const overview = id === OVERVIEW_ID;
  const topic = kb.topics.find((x) => x.id === (overview ? OVERVIEW_TOPIC : id));
  if (!topic) return undefined;
  const source = sourceRef(kb, topic.source.id, lang, overview ? undefined : topic.source.paragraph);
  const aims = kb.topics.find((x) => x.id === OVERVIEW_AIMS.topic)?.facts.find((f) => f.id === OVERVIEW_AIMS.fact);
  const chart = cardChart(kb, id, lang);
  return {
    kind: 'card',
    lang,
    actions: [],
    topicId: overview ? OVERVIEW_ID : topic.id,
    title: overview ? t(lang).agreementName : text(topic.title, lang),
    lead: text(topic.short, lang),
    ...(overview && aims ? { about: text(aims.sentence, lang) } : {}),
    figures: figuresOf(cardFacts(kb, id), lang),
    source,
    asOf: source.asOf,
    ...(chart ? { chart } : {}),
  };
}

/** Every card id: the overview, then the topic ids in data order. */
export function cardIds(kb: KnowledgeBase): string[] {
  return [OVERVIEW_ID, ...kb.topics.map((x) => x.id)];
}
