import { beforeAll, describe, expect, it } from 'vitest';
import { cardChart, cardFacts } from '../../src/core/card-chart.js';
import { text } from '../../src/core/compose.js';
import { type KnowledgeBase, LANGS } from '../../src/core/data/schema.js';
import { OVERVIEW_FIGURES, OVERVIEW_ID, OVERVIEW_TOPIC, overviewCard } from '../../src/core/overview-card.js';
import { realKnowledgeBase } from '../support/core.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

const fact = (topic: string, id: string) => kb.topics.find((x) => x.id === topic)?.facts.find((f) => f.id === id);

describe('overview card', () => {
  it('names every headline figure by an id that exists in the data', () => {
    for (const ref of OVERVIEW_FIGURES) expect(fact(ref.topic, ref.fact), `${ref.topic}/${ref.fact}`).toBeDefined();
  });

  it('is built from the data in each language: source title, treaty short answer, the four headline figures', () => {
    const treaty = kb.topics.find((x) => x.id === OVERVIEW_TOPIC)!;
    const source = kb.sources.find((s) => s.id === treaty.source.id)!;
    for (const lang of LANGS) {
      const card = overviewCard(kb, lang)!;
      expect(card).toMatchObject({ kind: 'card', lang, topicId: OVERVIEW_ID, title: text(source.title, lang), lead: text(treaty.short, lang), asOf: source.asOf });
      expect(card.figures).toEqual(
        OVERVIEW_FIGURES.map((ref) => {
          const f = fact(ref.topic, ref.fact)!;
          return { label: text(f.label, lang), value: text(f.display, lang) };
        }),
      );
      // The figures come from several paragraphs: the source line cites none.
      expect(card.source.line).toContain(text(source.title, lang));
      expect(card.source.line).not.toMatch(/\(\D+ \d+\)/);
    }
  });

  it('charts the trade value with its growth, leaving the other headline figures to the grid', () => {
    const chart = cardChart(kb, OVERVIEW_ID, 'en')!;
    expect(chart.kind).toBe('growth');
    expect(chart.figures.map((f) => f.value)).toEqual([fact('bilateral-trade', 'value-2024')!.display.en, fact('bilateral-trade', 'growth-2024')!.display.en]);
    expect(cardFacts(kb, OVERVIEW_ID).map((x) => x.fact.id)).toEqual(OVERVIEW_FIGURES.map((r) => r.fact));
  });

  it('leaves out a figure the data no longer has, and is absent without a treaty topic', () => {
    const without = { ...kb, topics: kb.topics.map((x) => (x.id === 'gas' ? { ...x, facts: [] } : x)) };
    expect(overviewCard(without, 'en')!.figures).toHaveLength(OVERVIEW_FIGURES.length - 1);
    expect(overviewCard({ ...kb, topics: kb.topics.filter((x) => x.id !== OVERVIEW_TOPIC) }, 'en')).toBeUndefined();
  });
});
