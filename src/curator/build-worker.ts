import { performance } from 'node:perf_hooks';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { DataError } from '../core/data/load.js';
import { DEFAULT_DATA_LIMITS } from '../core/data/limits.js';
import { importMatcherInSteps } from '../core/match/matcher.js';
import type { Logger } from '../logger.js';
import { type BuildKnowledge, BuildFailure, buildInProcess, type BuildOptions, type DecideTraining, type PrepareKnowledge, prepareInProcess } from './build.js';
import type { BuildGo, BuildMessage, BuildReply, BuildRequest } from './build-protocol.js';

/**
 * The build thread's entry: the compiled `build-thread.js` beside this file in a
 * production build (plain node), or under tsx the `.mjs` that registers tsx in the
 * thread first (a Node 20 worker does not inherit tsx's loader).
 */
const ENTRY = import.meta.url.endsWith('.ts') ? new URL('./build-thread-entry.mjs', import.meta.url) : new URL('./build-thread.js', import.meta.url);

/** The build thread's heap when nothing else is said: about four times what building the curated data needs. */
export const DEFAULT_BUILD_MEMORY_MB = 256;

export interface WorkerBuildOptions {
  logger: Logger;
  /** Caps on the build thread; default: an old generation of DEFAULT_BUILD_MEMORY_MB. A thread that hits them is a failed build. */
  resourceLimits?: ResourceLimits;
  /** Test hook, passed to the build thread: see `BuildRequest.holdAfterTraining`. */
  holdAfterTraining?: Int32Array;
  /** Test hook: another entry module for the thread (one that cannot start, say). */
  entry?: URL;
}

export interface WorkerBuild {
  /** Loads, validates and trains in a fresh worker thread, then assembles the matcher here from the transferred model. */
  build: BuildKnowledge;
  /**
   * Loads and validates in a worker thread, asks `decide` whether to train,
   * and trains there if so: the data and the model (null when not trained), not
   * yet imported. Rejects with a DataError for invalid data. If no thread can
   * be used, runs on the main thread with one warning.
   */
  prepare: PrepareKnowledge;
  /** Build threads alive right now (0 between builds: each thread ends with its build). */
  readonly running: number;
  /** Terminates any build in flight (its build rejects) and refuses further builds. */
  close(): void;
}

/** No thread could be started at all (as opposed to a thread that started and then failed). */
class NoThread extends Error {}

const SHUTTING_DOWN = 'reload cancelled: shutting down';

/**
 * Builds off the main thread, so the bot keeps answering while the new data
 * is trained. The main thread's share is the structured clone of the data and
 * `importMatcher` (the analysers rebuilt from the data; the weights arrive
 * transferred). A DataError crosses the boundary as its issues and is thrown
 * again here.
 *
 * The thread runs under memory limits. A thread that runs out of memory,
 * crashes or is aborted is a failed build (a BuildFailure naming the limit
 * and the file it was at): the old data stays, and the build is never
 * retried on the main thread, where the same data would take the bot down.
 * Only when no thread can be started at all does the build run here instead,
 * with one warning.
 */
export function createWorkerBuild(opts: WorkerBuildOptions): WorkerBuild {
  const live = new Set<Worker>();
  let closed = false;
  const limits = opts.resourceLimits ?? { maxOldGenerationSizeMb: DEFAULT_BUILD_MEMORY_MB };

  function run(request: BuildRequest, signal: AbortSignal | undefined, decide?: DecideTraining): Promise<BuildReply> {
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        // No inherited --import preloads: the entry registers tsx itself (a .ts preload would fail in a worker under Node 20).
        worker = new Worker(opts.entry ?? ENTRY, { workerData: request, resourceLimits: limits, execArgv: [] });
      } catch (err) {
        reject(new NoThread('cannot start a build thread', { cause: err }));
        return;
      }
      live.add(worker);
      let started = false;
      let at: string | undefined;
      let done = false;
      const settle = (then: () => void) => {
        if (done) return;
        done = true;
        live.delete(worker);
        signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        then();
      };
      const fail = (message: string, cause?: unknown) => settle(() => reject(new BuildFailure(message, at, cause === undefined ? undefined : { cause })));
      function onAbort() {
        fail(`${String(signal?.reason ?? 'aborted')}${at ? ` while at ${at}` : ''}`);
      }
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (message: BuildMessage) => {
        if (message.kind === 'started') started = true;
        else if (message.kind === 'progress') at = message.at;
        else if (message.kind === 'loaded') {
          decide!(message.version).then(
            (train) => worker.postMessage({ train } satisfies BuildGo),
            (err: unknown) => settle(() => reject(err)),
          );
        } else settle(() => resolve(message.reply));
      });
      worker.once('error', (err: Error & { code?: string }) => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          const heap = limits.maxOldGenerationSizeMb;
          return fail(`the build ran out of memory (limit ${heap ?? '?'} MB, DATA_BUILD_MEMORY_MB)${at ? ` while at ${at}` : ' while starting'}`, err);
        }
        if (!started) return settle(() => reject(new NoThread('the build thread could not start', { cause: err })));
        fail(`the build thread failed: ${err.message}${at ? ` (at ${at})` : ''}`, err);
      });
      worker.once('exit', (code) => {
        if (closed) return settle(() => reject(new BuildFailure(SHUTTING_DOWN, at)));
        fail(`the build thread exited (code ${code}) without a result${at ? ` (at ${at})` : ''}`);
      });
    });
  }

  return {
    async build(dir, options = {}) {
      if (closed) throw new BuildFailure(SHUTTING_DOWN, undefined);
      const started = performance.now();
      const dataLimits = options.limits ?? DEFAULT_DATA_LIMITS;
      const request: BuildRequest = {
        dir,
        limits: dataLimits,
        requestedAt: performance.timeOrigin + performance.now(),
        holdAfterTraining: opts.holdAfterTraining,
      };
      let reply: BuildReply;
      try {
        reply = await run(request, options.signal);
      } catch (err) {
        if (!(err instanceof NoThread) || closed) throw err;
        opts.logger.warn({ err: err.cause ?? err, reason: err.message }, 'no build thread; loading and training on the main thread (the bot pauses meanwhile)');
        return buildInProcess(dir, { limits: dataLimits });
      }
      if (!reply.ok) throw 'issues' in reply ? new DataError(reply.issues) : new BuildFailure(reply.error, undefined);
      if (!reply.model) throw new BuildFailure('the build thread trained nothing', undefined);
      const received = performance.now();
      // One language's analysers per event-loop turn: questions keep being answered in between.
      const model = reply.model;
      const matcher = await importMatcherInSteps(reply.kb, model, () => new Promise((r) => setImmediate(r)));
      const ms = { ...reply.ms, thread: received - started, import: performance.now() - received };
      opts.logger.debug({ ms: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v)])) }, 'data built in a worker thread');
      return { kb: reply.kb, matcher };
    },
    async prepare(dir, decide, options: BuildOptions = {}) {
      if (closed) throw new BuildFailure(SHUTTING_DOWN, undefined);
      const dataLimits = options.limits ?? DEFAULT_DATA_LIMITS;
      const request: BuildRequest = {
        dir,
        limits: dataLimits,
        requestedAt: performance.timeOrigin + performance.now(),
        holdAfterTraining: opts.holdAfterTraining,
        askBeforeTraining: true,
      };
      let reply: BuildReply;
      try {
        reply = await run(request, options.signal, decide);
      } catch (err) {
        if (!(err instanceof NoThread) || closed) throw err;
        opts.logger.warn({ err: err.cause ?? err, reason: err.message }, 'no build thread; loading and training on the main thread (the bot pauses meanwhile)');
        return prepareInProcess(dir, decide, { limits: dataLimits });
      }
      if (!reply.ok) throw 'issues' in reply ? new DataError(reply.issues) : new BuildFailure(reply.error, undefined);
      opts.logger.debug({ version: reply.kb.version, trained: Boolean(reply.model) }, 'data prepared in a worker thread');
      return { kb: reply.kb, model: reply.model };
    },
    get running() {
      return live.size;
    },
    close() {
      closed = true;
      for (const worker of live) void worker.terminate();
    },
  };
}
