import { performance } from 'node:perf_hooks';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { DataError } from '../core/data/load.js';
import { importMatcherInSteps } from '../core/match/matcher.js';
import type { Logger } from '../logger.js';
import { buildInProcess, type BuildKnowledge, type DecideTraining, type PrepareKnowledge, prepareInProcess } from './build.js';
import type { BuildGo, BuildLoaded, BuildReply, BuildRequest } from './build-protocol.js';

const ENTRY = new URL('./build-thread-entry.mjs', import.meta.url);

export interface WorkerBuildOptions {
  logger: Logger;
  /** Caps on the build thread (its heap, mostly); a thread that hits them falls back to the main thread. */
  resourceLimits?: ResourceLimits;
  /** Test hook, passed to the build thread: see `BuildRequest.holdAfterTraining`. */
  holdAfterTraining?: Int32Array;
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

/** The thread mechanism failed (could not start, crashed, ran out of memory), not the build. */
class ThreadFailure extends Error {}

/**
 * Builds off the main thread, so the bot keeps answering while the new data
 * is trained. The main thread's share is the structured clone of the data and
 * `importMatcher` (the analysers rebuilt from the data; the weights arrive
 * transferred). A DataError crosses the boundary as its issues and is thrown
 * again here. If no thread can be used, the build runs on the main thread
 * with one warning: a reload never fails because of the mechanism itself.
 */
export function createWorkerBuild(opts: WorkerBuildOptions): WorkerBuild {
  const live = new Set<Worker>();
  let closed = false;

  function run(dir: string, decide?: DecideTraining): Promise<BuildReply> {
    return new Promise((resolve, reject) => {
      const request: BuildRequest = { dir, requestedAt: performance.timeOrigin + performance.now(), holdAfterTraining: opts.holdAfterTraining, askBeforeTraining: Boolean(decide) };
      let worker: Worker;
      try {
        worker = new Worker(ENTRY, { workerData: request, ...(opts.resourceLimits ? { resourceLimits: opts.resourceLimits } : {}) });
      } catch (err) {
        reject(new ThreadFailure('cannot start a build thread', { cause: err }));
        return;
      }
      live.add(worker);
      let done = false;
      const settle = (then: () => void) => {
        if (done) return;
        done = true;
        live.delete(worker);
        void worker.terminate();
        then();
      };
      worker.on('message', (message: BuildReply | BuildLoaded) => {
        if ('stage' in message) {
          decide!(message.version).then(
            (train) => worker.postMessage({ train } satisfies BuildGo),
            (err: unknown) => settle(() => reject(err)),
          );
          return;
        }
        settle(() => resolve(message));
      });
      worker.once('error', (err) => settle(() => reject(new ThreadFailure('the build thread failed', { cause: err }))));
      worker.once('exit', (code) =>
        settle(() => reject(closed ? new Error('reload cancelled: shutting down') : new ThreadFailure(`the build thread exited (code ${code}) without a result`))),
      );
    });
  }

  return {
    async build(dir) {
      if (closed) throw new Error('reload cancelled: shutting down');
      const started = performance.now();
      let reply: BuildReply;
      try {
        reply = await run(dir);
      } catch (err) {
        if (!(err instanceof ThreadFailure) || closed) throw err;
        opts.logger.warn({ err: err.cause ?? err, reason: err.message }, 'no build thread; loading and training on the main thread (the bot pauses meanwhile)');
        return buildInProcess(dir);
      }
      if (!reply.ok) throw 'issues' in reply ? new DataError(reply.issues) : new Error(reply.error);
      if (!reply.model) throw new Error('the build thread trained nothing');
      const received = performance.now();
      // One language's analysers per event-loop turn: questions keep being answered in between.
      const model = reply.model;
      const matcher = await importMatcherInSteps(reply.kb, model, () => new Promise((r) => setImmediate(r)));
      const ms = { ...reply.ms, thread: received - started, import: performance.now() - received };
      opts.logger.debug({ ms: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v)])) }, 'data built in a worker thread');
      return { kb: reply.kb, matcher };
    },
    async prepare(dir, decide) {
      if (closed) throw new Error('reload cancelled: shutting down');
      let reply: BuildReply;
      try {
        reply = await run(dir, decide);
      } catch (err) {
        if (!(err instanceof ThreadFailure) || closed) throw err;
        opts.logger.warn({ err: err.cause ?? err, reason: err.message }, 'no build thread; loading and training on the main thread (the bot pauses meanwhile)');
        return prepareInProcess(dir, decide);
      }
      if (!reply.ok) throw 'issues' in reply ? new DataError(reply.issues) : new Error(reply.error);
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
