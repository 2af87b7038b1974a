import { cardChart } from '../core/card-chart.js';
import { cardReply, noticeReply } from '../core/compose.js';
import type { KnowledgeBase, Lang } from '../core/data/schema.js';
import { t } from '../core/i18n/index.js';
import { OVERVIEW_ID, overviewCard } from '../core/overview-card.js';
import type { CardReply, NoticeReply } from '../core/reply.js';
import { renderCardPng } from './render-png.js';

/** Where cards get their data: a Core qualifies (its `kb` follows hot reloads). */
export interface CardSource {
  readonly kb: KnowledgeBase;
}

export interface CardRenderer {
  /** Every card id: 'overview', then the topic ids in data order. */
  ids(): string[];
  /** The summary card for a topic id or 'overview' (as core.card, plus the overview); a notice for an unknown id. */
  reply(id: string, lang?: Lang): CardReply | NoticeReply;
  /**
   * The 1200×675 PNG of a card reply made by `reply` or `core.card`. Cached by
   * topic, language and data version (and checked against the reply's content);
   * concurrent requests for one card share one render.
   */
  png(reply: CardReply): Promise<Buffer>;
  stats(): { size: number; hits: number; misses: number };
}

export interface CardRendererOptions {
  /** Most PNGs kept; the least recently used goes first. Default 64 (every topic and the overview in three languages). */
  cacheSize?: number;
}

export function createCardRenderer(source: CardSource, options: CardRendererOptions = {}): CardRenderer {
  const limit = Math.max(1, options.cacheSize ?? 64);
  const cache = new Map<string, { content: string; png: Promise<Buffer> }>();
  let hits = 0;
  let misses = 0;

  return {
    ids: () => [OVERVIEW_ID, ...source.kb.topics.map((x) => x.id)],
    reply(id, lang = 'en') {
      const { kb } = source;
      const topic = kb.topics.find((x) => x.id === id);
      const card = topic ? cardReply(kb, topic, lang) : id === OVERVIEW_ID ? overviewCard(kb, lang) : undefined;
      return card ?? noticeReply(lang, 'error', t(lang).unknownTopic(id.slice(0, 64)));
    },
    png(reply) {
      const { kb } = source;
      const key = `${reply.topicId}\u0000${reply.lang}\u0000${kb.version}`;
      const content = JSON.stringify(reply);
      const cached = cache.get(key);
      if (cached && cached.content === content) {
        hits++;
        cache.delete(key);
        cache.set(key, cached);
        return cached.png;
      }
      misses++;
      const png = renderCardPng(reply, cardChart(kb, reply.topicId, reply.lang));
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
