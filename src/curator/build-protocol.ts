import type { DataIssue } from '../core/data/load.js';
import type { KnowledgeBase } from '../core/data/schema.js';
import type { MatcherModel } from '../core/match/matcher-model.js';

/** What the main thread hands the build thread (`workerData`). */
export interface BuildRequest {
  dir: string;
  /** `performance.timeOrigin + performance.now()` when the thread was asked for (both threads share that clock). */
  requestedAt: number;
  /**
   * Test hook: a one-element Int32Array over a SharedArrayBuffer. After
   * training, the build thread stores 1, notifies, and blocks until another
   * thread stores anything else; only then does it post its reply.
   */
  holdAfterTraining?: Int32Array | undefined;
  /**
   * Ask before training: once the data is loaded and valid, the thread posts a
   * `BuildLoaded` and waits for a `BuildGo`; told not to train, it replies with
   * the data and no model (another process trains it, or already has).
   */
  askBeforeTraining?: boolean;
}

/** The data is loaded and valid: train it? (only with `askBeforeTraining`). */
export interface BuildLoaded {
  stage: 'loaded';
  version: string;
}
/** The main thread's answer to `BuildLoaded`. */
export interface BuildGo {
  train: boolean;
}

/**
 * The build thread's one reply: the validated data and the trained model, or
 * why the data was rejected (a DataError's issues, intact), or the message of
 * any other error the build threw.
 */
export type BuildReply =
  | { ok: true; kb: KnowledgeBase; model: MatcherModel | null; ms: BuildTimings }
  | { ok: false; issues: DataIssue[] }
  | { ok: false; error: string };

/** Where the build thread's time went, in milliseconds (for the log). */
export interface BuildTimings {
  /** Starting the thread and loading its modules. */
  startup: number;
  /** Reading and validating the data. */
  load: number;
  train: number;
}
