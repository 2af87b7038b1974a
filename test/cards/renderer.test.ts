import { beforeAll, describe, expect, it } from 'vitest';
import { type CardSource, createCardRenderer, OVERVIEW_ID } from '../../src/cards/index.js';
import type { KnowledgeBase } from '../../src/core/data/schema.js';
import type { CardReply } from '../../src/core/reply.js';
import { realKnowledgeBase } from '../support/core.js';
import { PNG_SIGNATURE } from './png.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

function asCard(reply: ReturnType<ReturnType<typeof createCardRenderer>['reply']>): CardReply {
  if (reply.kind !== 'card') throw new Error(`expected a card, got ${reply.kind}`);
  return reply;
}

describe('card renderer', () => {
  it('lists the overview and every topic, and answers an unknown id with a notice in the reader language', () => {
    const cards = createCardRenderer({ kb });
    expect(cards.ids()).toEqual([OVERVIEW_ID, ...kb.topics.map((x) => x.id)]);
    expect(cards.reply(OVERVIEW_ID, 'ru')).toMatchObject({ kind: 'card', topicId: OVERVIEW_ID, lang: 'ru' });
    expect(cards.reply('gas')).toMatchObject({ kind: 'card', topicId: 'gas', lang: 'en' });
    const unknown = cards.reply('no-such-topic', 'fa');
    expect(unknown).toMatchObject({ kind: 'notice', level: 'error', lang: 'fa' });
    expect(unknown.kind === 'notice' && unknown.text).toContain('no-such-topic');
  });

  it('renders a PNG once per topic, language and data version; concurrent requests share one render', async () => {
    const source: { kb: KnowledgeBase } = { kb };
    const cards = createCardRenderer(source);
    const gas = asCard(cards.reply('gas'));
    const [a, b] = await Promise.all([cards.png(gas), cards.png(gas)]);
    expect(a.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(b).toBe(a);
    expect(cards.stats()).toEqual({ size: 1, hits: 1, misses: 1 });

    expect(await cards.png(asCard(cards.reply('gas')))).toBe(a);
    const ru = await cards.png(asCard(cards.reply('gas', 'ru')));
    expect(ru.equals(a)).toBe(false);
    expect(cards.stats()).toMatchObject({ hits: 2, misses: 2 });

    source.kb = { ...kb, version: `${kb.version}-next` };
    const reloaded = await cards.png(asCard(cards.reply('gas')));
    expect(reloaded).not.toBe(a);
    expect(reloaded.equals(a)).toBe(true);
    expect(cards.stats()).toMatchObject({ misses: 3 });
  });

  it('never serves a stale image for a reply whose content differs under the same key', async () => {
    const cards = createCardRenderer({ kb });
    const gas = asCard(cards.reply('gas'));
    const first = await cards.png(gas);
    const edited = await cards.png({ ...gas, title: `${gas.title} (edited)` });
    expect(edited.equals(first)).toBe(false);
    expect(cards.stats()).toMatchObject({ size: 1, misses: 2 });
  });

  it('keeps at most cacheSize images, dropping the least recently used', async () => {
    const cards = createCardRenderer({ kb }, { cacheSize: 2 });
    const [gas, treaty, nuclear] = ['gas', 'treaty', 'nuclear'].map((id) => asCard(cards.reply(id)));
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

  it('accepts a Core as its source (anything with the current knowledge base)', () => {
    const source: CardSource = { get kb() { return kb; } };
    expect(createCardRenderer(source).ids()).toContain('gas');
  });
});
