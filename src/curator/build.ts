import { loadKnowledgeBase } from '../core/data/load.js';
import type { KnowledgeBase } from '../core/data/schema.js';
import { buildMatcher, type Matcher } from '../core/match/matcher.js';

/**
 * Loads, validates and trains a new knowledge base; never touches the live
 * one. Rejects with a DataError (file, path, reason per issue) for invalid data.
 */
export type BuildKnowledge = (dir: string) => Promise<{ kb: KnowledgeBase; matcher: Matcher }>;

/** The build on the calling thread: blocks it for the whole training (the fallback when no build thread can start). */
export const buildInProcess: BuildKnowledge = async (dir) => {
  const kb = await loadKnowledgeBase(dir);
  // Yield once so replies already queued go out before training takes the thread.
  await new Promise((r) => setImmediate(r));
  return { kb, matcher: buildMatcher(kb) };
};
