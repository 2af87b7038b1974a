import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { buildCardSvg, CARD_WIDTH } from './card-svg.js';
import type { CardReply } from '../core/reply.js';
import { cardTextMeasure, FONT_FAMILY, FONT_FILES } from './fonts.js';

const RESVG_OPTIONS: ResvgRenderOptions = {
  font: { loadSystemFonts: false, fontFiles: [FONT_FILES.regular, FONT_FILES.bold], defaultFontFamily: FONT_FAMILY },
  fitTo: { mode: 'width', value: CARD_WIDTH },
  textRendering: 1, // optimizeLegibility
  shapeRendering: 2, // geometricPrecision
  logLevel: 'off',
};

/** The card's SVG, laid out with the fonts the rasteriser draws with. */
export function cardSvg(reply: CardReply): string {
  return buildCardSvg(reply, { measure: cardTextMeasure(), fontFamily: FONT_FAMILY }).svg;
}

/** Rasterises an SVG with the bundled fonts only, off the main thread (libuv pool). */
export async function svgToPng(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, RESVG_OPTIONS);
  return image.asPng();
}

/** A 1200×675 PNG of a summary card. Uncached: see createCardRenderer for the cached path. */
export async function renderCardPng(reply: CardReply): Promise<Buffer> {
  return svgToPng(cardSvg(reply));
}
