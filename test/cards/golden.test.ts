import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CARD_HEIGHT, CARD_WIDTH, type CardRenderer, createCardRenderer } from '../../src/cards/index.js';
import type { Lang } from '../../src/core/data/schema.js';
import { CARD_COLORS } from '../../src/cards/card-colors.js';
import type { KnowledgeBase } from '../../src/core/data/schema.js';
import { OVERVIEW_ID, summaryCard } from '../../src/core/summary-card.js';
import { realKnowledgeBase } from '../support/core.js';
import { countDifferentPixels, decodePng, PNG_SIGNATURE, pngSize } from './png.js';

/**
 * Golden images: every topic's card in English, the overview, and cards in
 * Russian and Persian, compared with the PNGs in test/fixtures/cards/.
 * After an intended change: UPDATE_GOLDEN=1 npx vitest run test/cards
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const REFERENCES = 'test/fixtures/cards';
/** A pixel counts as different when a channel moves by more than this… */
const CHANNEL_TOLERANCE = 24;
/** …and a card may differ in at most this share of its pixels (anti-aliasing across rasteriser builds). */
const PIXEL_TOLERANCE = 0.001;

let cards: CardRenderer;
let kb: KnowledgeBase;
let cases: { id: string; lang: Lang }[] = [];
beforeAll(async () => {
  kb = await realKnowledgeBase();
  cards = createCardRenderer(kb);
  cases = [
    ...kb.topics.map((x) => ({ id: x.id, lang: 'en' as const })),
    { id: OVERVIEW_ID, lang: 'en' },
    { id: 'aims', lang: 'ru' },
    { id: OVERVIEW_ID, lang: 'fa' },
    { id: 'local-currencies', lang: 'fa' },
  ];
});

async function render(id: string, lang: Lang): Promise<Buffer> {
  const reply = summaryCard(kb, id, lang);
  if (!reply) throw new Error(`no card for ${id}`);
  return cards.png(reply);
}

describe('summary card images', () => {
  it('match the committed references (every topic in English, the overview, Russian and Persian)', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const failures: string[] = [];
    await Promise.all(
      cases.map(async ({ id, lang }) => {
        const png = await render(id, lang);
        expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
        expect(pngSize(png)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
        const file = join(REFERENCES, `${id}.${lang}.png`);
        if (UPDATE) {
          await mkdir(REFERENCES, { recursive: true });
          await writeFile(file, png);
          return;
        }
        const saved = await readFile(file).catch(() => undefined);
        if (!saved) {
          failures.push(`${file}: no reference image`);
          return;
        }
        if (saved.equals(png)) return;
        // Not byte-identical (another build of the rasteriser or zlib): compare the pixels.
        const different = countDifferentPixels(decodePng(png), decodePng(saved), CHANNEL_TOLERANCE);
        if (different > PIXEL_TOLERANCE * CARD_WIDTH * CARD_HEIGHT) {
          const out = join(tmpdir(), 'partnership-bot-cards');
          await mkdir(out, { recursive: true });
          await writeFile(join(out, `${id}.${lang}.png`), png);
          failures.push(`${file}: ${different} pixels differ (actual image in ${out})`);
        }
      }),
    );
    expect(failures, 'after an intended change run UPDATE_GOLDEN=1 npx vitest run test/cards').toEqual([]);
  });

  it('decode to the size and pixels resvg drew, and differ from each other (a blank image cannot pass)', async () => {
    const [a, b] = await Promise.all([render('gas', 'en'), render('gas', 'fa')]);
    const [da, db] = [decodePng(a), decodePng(b)];
    expect([da.width, da.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
    const pixel = (x: number, y: number) => `#${da.pixels.subarray((y * da.width + x) * 4, (y * da.width + x) * 4 + 3).toString('hex')}`;
    expect(pixel(5, 5)).toBe(CARD_COLORS.band);
    expect(pixel(5, 71)).toBe(CARD_COLORS.accent);
    expect(pixel(5, 300)).toBe(CARD_COLORS.ground);
    expect(da.pixels[3]).toBe(255);
    expect(countDifferentPixels(da, db, CHANNEL_TOLERANCE)).toBeGreaterThan(0.02 * CARD_WIDTH * CARD_HEIGHT);
  });
});
