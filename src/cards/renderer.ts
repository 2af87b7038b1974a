import type { CardReply } from '../core/reply.js';
import { renderCardPng } from './render-png.js';

/** Where cards get their data version: a Core qualifies (its `version` follows hot reloads). */
export interface CardSource {
  readonly version: string;
}

export interface CardRenderer {
  /**
   * The 1200×675 PNG of a card reply (`core.card(id, lang)`, topics and the
   * overview alike). Cached by card, language and data version (and checked
   * against the reply's content); concurrent requests for one card share one render.
   */
  png(reply: CardReply): Promise<Buffer>;
  stats(): { size: number; hits: number; misses: number };
}

export interface CardRendererOptions {
  /** Most PNGs kept; the least recently used goes first. Default 64 (every topic and the overview in three languages). */
  cacheSize?: number;
  /** Told of every image asked for: rendered (with the seconds it took), served from the cache, or failed. */
  onRender?: (result: 'rendered' | 'cached' | 'failed', seconds: number) => void;
}

export function createCardRenderer(source: CardSource, options: CardRendererOptions = {}): CardRenderer {
  const limit = Math.max(1, options.cacheSize ?? 64);
  const cache = new Map<string, { content: string; png: Promise<Buffer> }>();
  let hits = 0;
  let misses = 0;

  return {
    png(reply) {
      const key = `${reply.topicId}\u0000${reply.lang}\u0000${source.version}`;
      const { preview: _preview, actions: _actions, private: _private, ...drawn } = reply;
      const content = JSON.stringify(drawn);
      const cached = cache.get(key);
      if (cached && cached.content === content) {
        hits++;
        cache.delete(key);
        cache.set(key, cached);
        options.onRender?.('cached', 0);
        return cached.png;
      }
      misses++;
      const started = performance.now();
      const png = renderCardPng(reply);
      png.then(
        () => options.onRender?.('rendered', (performance.now() - started) / 1000),
        () => options.onRender?.('failed', (performance.now() - started) / 1000),
      );
      const entry = { content, png };
      cache.delete(key);
      cache.set(key, entry);
      png.catch(() => {
        if (cache.get(key) === entry) cache.delete(key);
      });
      while (cache.size > limit) cache.delete(cache.keys().next().value!);
      return png;
    },
    stats: () => ({ size: cache.size, hits, misses }),
  };
}
