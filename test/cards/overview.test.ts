import { beforeAll, describe, expect, it } from 'vitest';
import { type KnowledgeBase, LANGS } from '../../src/core/data/schema.js';
import { t } from '../../src/core/i18n/index.js';
import { text } from '../../src/core/source.js';
import { renderText } from '../../src/adapters/kit/plain-text.js';
import { cardLead } from '../../src/core/reply.js';
import { cardChart, OVERVIEW_AIMS, OVERVIEW_FIGURES, OVERVIEW_ID, OVERVIEW_TOPIC, summaryCard } from '../../src/core/summary-card.js';
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

  it('is built from the data in each language: the agreement’s name, the treaty’s short answer, the four headline figures', () => {
    const treaty = kb.topics.find((x) => x.id === OVERVIEW_TOPIC)!;
    const source = kb.sources.find((s) => s.id === treaty.source.id)!;
    for (const lang of LANGS) {
      const card = summaryCard(kb, OVERVIEW_ID, lang)!;
      expect(card).toMatchObject({ kind: 'card', lang, topicId: OVERVIEW_ID, title: t(lang).agreementName, lead: text(treaty.short, lang), asOf: source.asOf });
      expect(card.figures).toEqual(
        OVERVIEW_FIGURES.map((ref) => {
          const f = fact(ref.topic, ref.fact)!;
          return { label: text(f.label, lang), value: text(f.display, lang) };
        }),
      );
      // The figures come from several paragraphs: the source line cites none.
      expect(card.source.line).toContain(text(source.title, lang));
      expect(card.source.line).not.toMatch(/\(\D+ [\d\u06f0-\u06f9]+\)/);
      // The same source-line formatter as topic cards: the same separators in every language.
      const topicLine = summaryCard(kb, 'gas', lang)!.source.line;
      expect(topicLine.startsWith(card.source.line)).toBe(true);
    }
  });

  it('says in text replies what the agreement is for, after the lead, in each language; topic cards say nothing more', () => {
    const goals = fact(OVERVIEW_AIMS.topic, OVERVIEW_AIMS.fact)!;
    for (const lang of LANGS) {
      const card = summaryCard(kb, OVERVIEW_ID, lang)!;
      expect(card.about).toBe(text(goals.sentence, lang));
      expect(cardLead(card)).toBe(`${card.lead} ${card.about}`);
      expect(summaryCard(kb, 'gas', lang)!.about).toBeUndefined();
    }
    expect(renderText(summaryCard(kb, OVERVIEW_ID, 'en')!)).toMatch(/17 January 2025\. The agreement is designed to deepen economic cooperation/);
  });

  it('charts the trade value with its growth, leaving the other headline figures to the grid', () => {
    const chart = cardChart(kb, OVERVIEW_ID, 'en')!;
    expect(chart.kind).toBe('growth');
    expect(chart.figures.map((f) => f.value)).toEqual([fact('bilateral-trade', 'value-2024')!.display.en, fact('bilateral-trade', 'growth-2024')!.display.en]);
    expect(summaryCard(kb, OVERVIEW_ID, 'en')!.chart).toEqual(chart);
  });

  it('leaves out a figure the data no longer has, and is absent without a treaty topic', () => {
    const without = { ...kb, topics: kb.topics.map((x) => (x.id === 'gas' ? { ...x, facts: [] } : x)) };
    expect(summaryCard(without, OVERVIEW_ID, 'en')!.figures).toHaveLength(OVERVIEW_FIGURES.length - 1);
    expect(summaryCard({ ...kb, topics: kb.topics.filter((x) => x.id !== OVERVIEW_TOPIC) }, OVERVIEW_ID, 'en')).toBeUndefined();
  });
});
