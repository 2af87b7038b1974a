/**
 * Card rendering figures: `npm run bench:cards`. Prints the time to lay out
 * the SVG, to rasterise it, and a cached hit, per card and in total.
 */
import { availableParallelism, loadavg } from 'node:os';
import { renderAsync } from '@resvg/resvg-js';
import { createCardRenderer } from '../src/cards/index.js';
import { cardTextMeasure, FONT_FAMILY, FONT_FILES } from '../src/cards/fonts.js';
import { svgToPng } from '../src/cards/render-png.js';
import { loadKnowledgeBase } from '../src/core/data/load.js';
import type { Lang } from '../src/core/data/schema.js';
import { buildCardSvg } from '../src/cards/card-svg.js';
import { cardIds, summaryCard } from '../src/core/summary-card.js';

const ROUNDS = Number(process.argv[2] ?? 5);
const kb = await loadKnowledgeBase('data');
const cards = createCardRenderer(kb);
const ids = cardIds(kb);
const langs: Lang[] = ['en', 'ru', 'fa'];
const replies = langs.flatMap((lang) => ids.flatMap((id) => summaryCard(kb, id, lang) ?? []));

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms (n=${s.length})`;
};
const time = async <T>(f: () => T | Promise<T>) => {
  const t = performance.now();
  const value = await f();
  return { ms: performance.now() - t, value };
};

const first = await time(() => cardTextMeasure());
console.log(`font metrics, first load: ${first.ms.toFixed(1)} ms`);
const fonts = await time(() =>
  renderAsync('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', {
    font: { loadSystemFonts: false, fontFiles: [FONT_FILES.regular, FONT_FILES.bold], defaultFontFamily: FONT_FAMILY },
  }),
);
console.log(`resvg on an empty SVG (font loading per render): ${fonts.ms.toFixed(1)} ms`);

const layout: number[] = [];
const raster: number[] = [];
const total: number[] = [];
const cpuBefore = process.cpuUsage();
for (let round = 0; round < ROUNDS; round++) {
  for (const reply of replies) {
    const l = await time(() => buildCardSvg(reply, { measure: cardTextMeasure(), fontFamily: FONT_FAMILY }).svg);
    const r = await time(() => svgToPng(l.value));
    layout.push(l.ms);
    raster.push(r.ms);
    total.push(l.ms + r.ms);
  }
}
console.log(`${replies.length} cards (${ids.length} ids × ${langs.length} languages) × ${ROUNDS} rounds, one at a time:`);
console.log(`  layout (pure SVG builder): ${stats(layout)}`);
console.log(`  rasterise (resvg, PNG):    ${stats(raster)}`);
console.log(`  card, uncached:            ${stats(total)}`);
const cpu = process.cpuUsage(cpuBefore);
// CPU time does not grow when other processes compete for the cores, unlike the wall-clock figures above.
console.log(
  `  CPU per card (user+system, all threads): ${((cpu.user + cpu.system) / 1000 / total.length).toFixed(1)} ms; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
);

for (const reply of replies) await cards.png(reply);
const hits: number[] = [];
for (const reply of replies) hits.push((await time(() => cards.png(reply))).ms);
console.log(`  card, cached:              ${stats(hits)}`);

const burst = await time(() => Promise.all(replies.map((reply) => svgToPng(buildCardSvg(reply, { measure: cardTextMeasure(), fontFamily: FONT_FAMILY }).svg))));
console.log(`  all ${replies.length} at once (libuv pool): ${burst.ms.toFixed(0)} ms, ${(burst.ms / replies.length).toFixed(1)} ms per card`);
const sizes = burst.value.map((b) => b.length);
console.log(`  PNG size: median ${(sizes.sort((a, b) => a - b)[sizes.length >> 1]! / 1024).toFixed(0)} KiB, max ${(Math.max(...sizes) / 1024).toFixed(0)} KiB`);
console.log(`  memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
