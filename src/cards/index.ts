/**
 * Summary cards as images: the layout (SVG, pure), the chart, the fonts and the
 * rasteriser. The card's data comes from the core (`core.card(id, lang)`, the
 * overview included); this wing only draws it.
 */
export { type CardRenderer, type CardRendererOptions, type CardSource, createCardRenderer } from './renderer.js';
export { cardSvg, renderCardPng } from './render-png.js';
export { CARD_HEIGHT, CARD_WIDTH } from './card-svg.js';
