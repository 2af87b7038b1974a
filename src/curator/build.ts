import { loadKnowledgeBase } from '../core/data/load.js';
import type { DataLimits } from '../core/data/limits.js';
import type { KnowledgeBase } from '../core/data/schema.js';
import { buildMatcher, type Matcher } from '../core/match/matcher.js';
import type { MatcherModel } from '../core/match/matcher-model.js';

export interface BuildOptions {
  /** Size limits of the data (default DEFAULT_DATA_LIMITS). */
  limits?: DataLimits;
  /** Aborted when the reload's deadline passes: a build that can stop, stops (its promise rejects). */
  signal?: AbortSignal;
}

/**
 * Loads, validates and trains a new knowledge base; never touches the live
 * one. Rejects with a DataError (file, path, reason per issue) for invalid
 * data, and with a BuildFailure when the build itself failed (out of memory,
 * aborted), naming where it was.
 */
export type BuildKnowledge = (dir: string, options?: BuildOptions) => Promise<{ kb: KnowledgeBase; matcher: Matcher }>;

/** A build that failed for another reason than the data's validity; `file` is where it was (a data file, or training). */
export class BuildFailure extends Error {
  constructor(
    message: string,
    readonly file: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'BuildFailure';
  }
}

/** The build on the calling thread: blocks it for the whole training (the fallback when no build thread can start). */
export const buildInProcess: BuildKnowledge = async (dir, options = {}) => {
  const kb = await loadKnowledgeBase(dir, options.limits ? { limits: options.limits } : {});
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
export type PrepareKnowledge = (
  dir: string,
  decide: DecideTraining,
  options?: BuildOptions,
) => Promise<{ kb: KnowledgeBase; model: MatcherModel | null; matcher?: Matcher }>;

/** `PrepareKnowledge` on the calling thread (tests; the fallback when no build thread can start). */
export const prepareInProcess: PrepareKnowledge = async (dir, decide, options = {}) => {
  const kb = await loadKnowledgeBase(dir, options.limits ? { limits: options.limits } : {});
  await new Promise((r) => setImmediate(r));
  if (!(await decide(kb.version))) return { kb, model: null };
  const matcher = buildMatcher(kb);
  return { kb, model: matcher.toModel(), matcher };
};
