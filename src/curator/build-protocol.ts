import type { DataIssue } from '../core/data/load.js';
import type { DataLimits } from '../core/data/limits.js';
import type { KnowledgeBase } from '../core/data/schema.js';
import type { MatcherModel } from '../core/match/matcher-model.js';

/** What the main thread hands the build thread (`workerData`). */
export interface BuildRequest {
  dir: string;
  /** Size limits of the data, checked before anything is parsed. */
  limits: DataLimits;
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
   * 'loaded' message and waits for a `BuildGo`; told not to train, it replies
   * with the data and no model (another process trains it, or already has).
   */
  askBeforeTraining?: boolean;
}

/** The main thread's answer to a 'loaded' message. */
export interface BuildGo {
  train: boolean;
}

/**
 * Every message the build thread posts: 'started' once its modules are
 * loaded (a failure before it is a thread that could not start), 'progress'
 * before each file it reads or parses and before training (so a thread that
 * dies can be reported with where it was), 'loaded' (with
 * `askBeforeTraining`: the data is valid, train it?), and exactly one 'reply'.
 */
export type BuildMessage = { kind: 'started' } | { kind: 'progress'; at: string } | { kind: 'loaded'; version: string } | { kind: 'reply'; reply: BuildReply };

/** What the build thread is doing after the files: named in a report of a build that died there. */
export const TRAINING = '(training the matcher)';

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
