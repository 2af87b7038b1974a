/**
 * Summary cards as images, for adapters: `createCardRenderer(core)` gives
 * `reply(id, lang)` (topic ids and 'overview') and `png(reply)` → a cached
 * 1200×675 PNG Buffer. The layout is the pure `buildCardSvg` in core/render.
 */
export { type CardRenderer, type CardRendererOptions, type CardSource, createCardRenderer } from './renderer.js';
export { cardSvg, renderCardPng } from './render-png.js';
export { OVERVIEW_ID } from '../core/overview-card.js';
export { CARD_HEIGHT, CARD_WIDTH } from '../core/render/card-svg.js';
