import { loadKnowledgeBase } from '../core/data/load.js';
import type { KnowledgeBase } from '../core/data/schema.js';
import { buildMatcher, type Matcher } from '../core/match/matcher.js';
import type { MatcherModel } from '../core/match/matcher-model.js';

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

/** Whether to train data of `version` here, asked once it is loaded and valid. */
export type DecideTraining = (version: string) => Promise<boolean>;

/**
 * Loads and validates, asks `decide`, and trains only if told to: the data and
 * the model (null when not trained); `matcher` when trained on this thread.
 */
export type PrepareKnowledge = (dir: string, decide: DecideTraining) => Promise<{ kb: KnowledgeBase; model: MatcherModel | null; matcher?: Matcher }>;

/** `PrepareKnowledge` on the calling thread (tests; the fallback when no build thread can start). */
export const prepareInProcess: PrepareKnowledge = async (dir, decide) => {
  const kb = await loadKnowledgeBase(dir);
  await new Promise((r) => setImmediate(r));
  if (!(await decide(kb.version))) return { kb, model: null };
  const matcher = buildMatcher(kb);
  return { kb, model: matcher.toModel(), matcher };
};
