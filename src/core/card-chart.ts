import { text } from './compose.js';
import type { Fact, KnowledgeBase, Lang, Topic } from './data/schema.js';
import { OVERVIEW_FIGURES, OVERVIEW_ID } from './overview-card.js';
import { type KeyFact, MAX_CARD_FIGURES } from './reply.js';

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

export interface CardFact {
  topic: Topic;
  fact: Fact;
}

/** The facts behind a card: a topic's own facts, or the overview's headline figures. */
export function cardFacts(kb: KnowledgeBase, id: string): CardFact[] {
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
      const figures = [{ label, value }, { label: rateLabel, value: rate }];
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
