import { beforeAll, describe, expect, it } from 'vitest';
import { type CardSource, createCardRenderer } from '../../src/cards/index.js';
import { summaryCard } from '../../src/core/summary-card.js';
import type { KnowledgeBase } from '../../src/core/data/schema.js';
import type { CardReply } from '../../src/core/reply.js';
import { realKnowledgeBase } from '../support/core.js';
import { PNG_SIGNATURE } from './png.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

const card = (id: string, lang: 'en' | 'ru' | 'fa' = 'en'): CardReply => summaryCard(kb, id, lang)!;

describe('card renderer', () => {
  it('renders a PNG once per topic, language and data version; concurrent requests share one render', async () => {
    const source: CardSource = { version: kb.version };
    const cards = createCardRenderer(source);
    const gas = card('gas');
    const [a, b] = await Promise.all([cards.png(gas), cards.png(gas)]);
    expect(a.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(b).toBe(a);
    expect(cards.stats()).toEqual({ size: 1, hits: 1, misses: 1 });

    expect(await cards.png(card('gas'))).toBe(a);
    const ru = await cards.png(card('gas', 'ru'));
    expect(ru.equals(a)).toBe(false);
    expect(cards.stats()).toMatchObject({ hits: 2, misses: 2 });

    (source as { version: string }).version = `${kb.version}-next`;
    const reloaded = await cards.png(card('gas'));
    expect(reloaded).not.toBe(a);
    expect(reloaded.equals(a)).toBe(true);
    expect(cards.stats()).toMatchObject({ misses: 3 });
  });

  it('never serves a stale image for a reply whose content differs under the same key', async () => {
    const cards = createCardRenderer(kb);
    const gas = card('gas');
    const first = await cards.png(gas);
    const edited = await cards.png({ ...gas, title: `${gas.title} (edited)` });
    expect(edited.equals(first)).toBe(false);
    expect(cards.stats()).toMatchObject({ size: 1, misses: 2 });
  });

  it('keeps at most cacheSize images, dropping the least recently used', async () => {
    const cards = createCardRenderer(kb, { cacheSize: 2 });
    const [gas, treaty, nuclear] = ['gas', 'treaty', 'nuclear'].map((id) => card(id));
    await cards.png(gas!);
    await cards.png(treaty!);
    await cards.png(gas!); // gas is now the most recent
    await cards.png(nuclear!); // evicts treaty
    expect(cards.stats()).toEqual({ size: 2, hits: 1, misses: 3 });
    await cards.png(gas!);
    expect(cards.stats()).toMatchObject({ hits: 2, misses: 3 });
    await cards.png(treaty!);
    expect(cards.stats()).toMatchObject({ hits: 2, misses: 4, size: 2 });
  });
});
