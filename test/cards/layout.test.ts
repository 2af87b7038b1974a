import { beforeAll, describe, expect, it } from 'vitest';
import { cardTextMeasure, FONT_FAMILY } from '../../src/cards/fonts.js';
import { type KnowledgeBase, LANGS, type Lang } from '../../src/core/data/schema.js';
import { buildCardSvg, CARD_HEIGHT, CARD_WIDTH, type CardSvg } from '../../src/cards/card-svg.js';
import type { TextBox } from '../../src/cards/svg-text.js';
import { cardChart, cardIds, summaryCard } from '../../src/core/summary-card.js';
import type { CardReply } from '../../src/core/reply.js';
import { realKnowledgeBase } from '../support/core.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

const measure = cardTextMeasure();
const build = (reply: CardReply): CardSvg => buildCardSvg(reply, { measure, fontFamily: FONT_FAMILY });

function card(id: string, lang: Lang): CardReply {
  return summaryCard(kb, id, lang)!;
}

function allCards(): { reply: CardReply }[] {
  return LANGS.flatMap((lang) => cardIds(kb).map((id) => ({ reply: card(id, lang) })));
}

/** Every line of every text box is no wider than its box and the lines fit its height; boxes stay on the card. */
function expectInside(box: TextBox, where: string) {
  const label = `${where} ${box.name}`;
  for (const line of box.fitted.lines) expect(line.width, `${label}: "${line.text}"`).toBeLessThanOrEqual(box.width + 1e-6);
  expect(box.fitted.height, label).toBeLessThanOrEqual(box.height + 1e-6);
  expect(box.x, label).toBeGreaterThanOrEqual(0);
  expect(box.y, label).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, label).toBeLessThanOrEqual(CARD_WIDTH);
  expect(box.y + box.height, label).toBeLessThanOrEqual(CARD_HEIGHT);
}

const overlap = (a: TextBox, b: TextBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const texts = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe('summary card layout', () => {
  it('keeps every text of every card (all topics and the overview, en/ru/fa) inside its box, uncut, with no boxes overlapping', () => {
    const cards = allCards();
    expect(cards.length).toBe(3 * (kb.topics.length + 1));
    for (const { reply } of cards) {
      const where = `${reply.topicId}/${reply.lang}`;
      const { texts: boxes } = build(reply);
      for (const box of boxes) {
        expectInside(box, where);
        expect(box.fitted.truncated, `${where} ${box.name} is cut`).toBe(false);
        expect(box.fitted.broken, `${where} ${box.name} splits a word`).toBe(false);
      }
      const drawn = boxes.filter((b) => b.fitted.lines.length > 0);
      for (const [i, a] of drawn.entries()) for (const b of drawn.slice(i + 1)) expect(overlap(a, b), `${where}: ${a.name} overlaps ${b.name}`).toBe(false);
      expect(boxes.find((b) => b.name === 'title')!.fitted.size, `${where} title size`).toBeGreaterThanOrEqual(36);
    }
  });

  it('wraps or shrinks the longest title in the data and a 300-character lead without cutting them', () => {
    const titles = kb.topics.flatMap((x) => Object.values(x.title));
    const longest = titles.reduce((a, b) => (measure.width(b, 54, true) > measure.width(a, 54, true) ? b : a));
    const words = card('aims', 'en').lead.split(' ');
    let lead = '';
    for (let i = 0; lead.length < 300; i++) lead += `${i ? ' ' : ''}${words[i % words.length]}`;
    lead = lead.slice(0, 300);
    expect(lead).toHaveLength(300);
    for (const lang of LANGS) {
      const { texts: boxes } = build({ ...card('treaty', lang), title: longest, lead });
      const title = boxes.find((b) => b.name === 'title')!;
      const leadBox = boxes.find((b) => b.name === 'lead')!;
      for (const box of boxes) expectInside(box, `long/${lang}`);
      expect(measure.width(longest, 54, true)).toBeGreaterThan(title.width);
      expect(title.fitted.lines.length).toBeGreaterThan(1);
      expect(title.fitted.truncated).toBe(false);
      expect(title.fitted.lines.map((l) => l.text).join(' ')).toBe(longest);
      expect(leadBox.fitted.truncated).toBe(false);
      expect(leadBox.fitted.size).toBeLessThan(30);
      expect(leadBox.fitted.lines.map((l) => l.text).join(' ')).toBe(lead.trim());
    }
  });

  it('cuts text that cannot fit with an ellipsis, still inside its box', () => {
    const huge = `${'x'.repeat(200)} ${'word '.repeat(400)}`;
    const reply: CardReply = { ...card('treaty', 'en'), title: huge, lead: huge, figures: [{ label: huge, value: huge }] };
    const { texts: boxes } = build(reply);
    for (const box of boxes) expectInside(box, 'huge');
    for (const name of ['title', 'lead', 'figure0.value']) {
      const box = boxes.find((b) => b.name === name)!;
      expect(box.fitted.truncated, name).toBe(true);
      expect(box.fitted.lines.at(-1)!.text.endsWith('…'), name).toBe(true);
    }
  });

  it('escapes markup and drops control characters in every text', () => {
    const evil = 'A <b>bold</b> & "quoted" \'x\' \u0000\u0007</text><script>';
    const reply: CardReply = { ...card('gas', 'en'), title: evil, lead: evil, figures: [{ label: evil, value: evil }] };
    reply.source = { ...reply.source, line: evil };
    const { svg } = build(reply);
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<script>');
    expect(svg).not.toMatch(/[\u0000-\u0008]/);
    expect(svg).toContain('A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; &apos;x&apos;');
  });

  it('lays Persian out right to left: text anchored at the right edge in bidi isolates, figures and chart mirrored', () => {
    const fa = build(card('bilateral-trade', 'fa')).svg;
    const en = build(card('bilateral-trade', 'en')).svg;
    const title = (svg: string) => svg.match(/<text x="([\d.]+)"[^>]*font-size="5\d"[^>]*text-anchor="(\w+)">([^<]*)</)!;
    expect(title(en).slice(1, 3)).toEqual(['60', 'start']);
    expect(title(fa).slice(1, 3)).toEqual(['1140', 'end']);
    for (const content of texts(fa)) expect(content).toMatch(/^\u2067[^\u2067\u2069]*\u2069$/u);
    for (const content of texts(en)) expect(content).not.toMatch(/[\u2066-\u2069]/u);
    // The chart sits at the end of the reading direction: right in English, left in Persian.
    const barX = (svg: string) => Number(svg.match(/<rect x="([\d.]+)" y="[\d.]+" width="96"/)![1]);
    expect(barX(en)).toBeGreaterThan(CARD_WIDTH / 2);
    expect(barX(fa)).toBeLessThan(CARD_WIDTH / 2);
    expect(fa).toContain('xml:lang="fa"');
  });

  it('shows no number that is not in the card data', () => {
    const numbers = (s: string) => new Set(s.match(/[\d\u06f0-\u06f9]+(?:[.,\u066b][\d\u06f0-\u06f9]+)?/gu) ?? []);
    for (const { reply } of allCards()) {
      const known = [...numbers(JSON.stringify(reply))];
      const { svg, texts: boxes } = build(reply);
      const shown = boxes.flatMap((b) => b.fitted.lines.map((l) => l.text)).join('\n');
      // The as-of date is formatted from reply.asOf; every other number must be in the reply or the chart.
      const asOf = boxes
        .find((b) => b.name === 'asOf')!
        .fitted.lines.map((l) => l.text)
        .join(' ');
      for (const n of numbers(shown.replace(asOf, ''))) expect(known, `${reply.topicId}/${reply.lang}: ${n}`).toContain(n);
      expect(texts(svg).join('\n')).not.toContain('undefined');
    }
  });
});

describe('card charts', () => {
  const fact = (topic: string, id: string) => kb.topics.find((x) => x.id === topic)!.facts.find((f) => f.id === id)!;

  it('draws a level with its growth as a bar and arrow, from the data only', () => {
    const chart = cardChart(kb, 'bilateral-trade', 'en')!;
    expect(chart).toMatchObject({
      kind: 'growth',
      value: fact('bilateral-trade', 'value-2024').display.en,
      growth: fact('bilateral-trade', 'growth-2024').display.en,
    });
    expect(chart.figures).toHaveLength(2);
    const { svg, texts: boxes } = build(card('bilateral-trade', 'en'));
    expect(svg).toContain('<polygon');
    const shown = (name: string) => boxes.filter((b) => b.name === name).map((b) => b.fitted.lines.map((l) => l.text).join(' '));
    expect(shown('chart.value')).toEqual([fact('bilateral-trade', 'value-2024').display.en]);
    expect(shown('chart.growth')).toEqual([fact('bilateral-trade', 'growth-2024').display.en]);
    // The grid leaves out the figures the chart draws.
    expect(boxes.filter((b) => b.name.endsWith('.value') && b.name.startsWith('figure')).map((b) => b.fitted.lines.map((l) => l.text).join(' '))).toEqual([
      fact('bilateral-trade', 'sectors').display.en,
    ]);
  });

  it('draws a percentage share as a donut whose arc is that share', () => {
    const share = fact('local-currencies', 'share');
    const chart = cardChart(kb, 'local-currencies', 'en')!;
    expect(chart).toMatchObject({ kind: 'share', percent: share.value });
    const svg = build(card('local-currencies', 'en')).svg;
    const ring = svg.match(/r="([\d.]+)"[^>]*stroke-dasharray="([\d.]+) ([\d.]+)"/)!;
    expect(Number(ring[2]) / Number(ring[3])).toBeCloseTo(Number(share.value) / 100, 2);
    expect(Number(ring[3])).toBeCloseTo(2 * Math.PI * Number(ring[1]), 0);
    expect(cardChart(kb, 'local-currencies', 'fa')!.kind === 'share' && cardChart(kb, 'local-currencies', 'fa')!.figures[0]!.value).toBe(share.display.fa);
  });

  it('draws no chart where the data has no series or share', () => {
    for (const id of ['gas', 'treaty', 'aims', 'nuclear']) expect(cardChart(kb, id, 'en'), id).toBeUndefined();
    expect(build(card('gas', 'en')).svg).not.toMatch(/<circle|<polygon/);
  });
});
