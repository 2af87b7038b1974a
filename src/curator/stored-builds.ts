import type { EventEmitter } from 'node:events';
import type { KnowledgeBase } from '../core/data/schema.js';
import { buildMatcher, importMatcher, type Matcher } from '../core/match/matcher.js';
import type { Logger } from '../logger.js';
import type { BotStore } from '../store/resilient.js';
import { decodeBundle, encodeBundle, modelKey } from './model-codec.js';

/**
 * The stored build of `version`, once some process has saved it; undefined
 * after `waitMs`. Looks when `events` emits 'announce', and every second
 * (SQLite has no cross-process announcements).
 */
export function waitForBuild(store: BotStore, version: string, events: EventEmitter | undefined, waitMs: number): Promise<Uint8Array | undefined> {
  const key = modelKey(version);
  return new Promise((resolve) => {
    let done = false;
    const look = async () => {
      const bytes = await store.attempt(
        'load model',
        (b) => b.loadModel(key),
        () => undefined,
        30_000,
      );
      if (bytes && !done) finish(bytes);
    };
    const poll = setInterval(() => void look(), 1000);
    const timer = setTimeout(() => finish(undefined), waitMs);
    const finish = (bytes: Uint8Array | undefined) => {
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      events?.off('announce', look);
      resolve(bytes);
    };
    events?.on('announce', look);
    void look();
  });
}

/**
 * The matcher a starting process answers with: imported from the store when
 * some process built this data version before (no training: a shard boots in
 * well under a second), else trained here by the one process that claims the
 * build (and stored for the others), the rest waiting for it.
 */
export async function startupMatcher(kb: KnowledgeBase, store: BotStore | undefined, logger: Logger, now: () => number = Date.now): Promise<Matcher> {
  if (!store || store.kind === 'off') return buildMatcher(kb);
  const key = modelKey(kb.version);
  const stored = await store.attempt(
    'load model',
    (b) => b.loadModel(key),
    () => undefined,
    30_000,
  );
  const claimed =
    !stored &&
    (await store.attempt(
      'claim build',
      (b) => b.claim(`build:${key}`, now()),
      () => true,
      30_000,
    ));
  const bytes = stored ?? (claimed ? undefined : await waitForBuild(store, kb.version, undefined, 120_000));
  if (bytes) {
    try {
      const matcher = importMatcher(kb, (await decodeBundle(bytes)).model);
      logger.info({ version: kb.version }, 'knowledge base imported from the store (not trained)');
      return matcher;
    } catch (err) {
      logger.warn({ err, version: kb.version }, 'stored build unusable; training');
    }
  }
  const matcher = buildMatcher(kb);
  const saved = await encodeBundle({ kb, model: matcher.toModel() });
  await store.attempt(
    'save model',
    (b) => b.saveModel(key, saved, now()),
    () => undefined,
    30_000,
  );
  return matcher;
}
