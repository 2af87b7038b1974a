import { performance } from 'node:perf_hooks';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { DataError } from '../core/data/load.js';
import { importMatcherInSteps } from '../core/match/matcher.js';
import type { Logger } from '../logger.js';
import { buildInProcess, type BuildKnowledge } from './build.js';
import type { BuildReply, BuildRequest } from './build-protocol.js';

/**
 * The build thread's entry: the compiled `build-thread.js` beside this file in a
 * production build (plain node), or under tsx the `.mjs` that registers tsx in the
 * thread first (a Node 20 worker does not inherit tsx's loader).
 */
const ENTRY = import.meta.url.endsWith('.ts') ? new URL('./build-thread-entry.mjs', import.meta.url) : new URL('./build-thread.js', import.meta.url);

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

  function run(dir: string): Promise<BuildReply> {
    return new Promise((resolve, reject) => {
      const request: BuildRequest = { dir, requestedAt: performance.timeOrigin + performance.now(), holdAfterTraining: opts.holdAfterTraining };
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
      worker.once('message', (reply: BuildReply) => settle(() => resolve(reply)));
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
      const received = performance.now();
      // One language's analysers per event-loop turn: questions keep being answered in between.
      const matcher = await importMatcherInSteps(reply.kb, reply.model, () => new Promise((r) => setImmediate(r)));
      const ms = { ...reply.ms, thread: received - started, import: performance.now() - received };
      opts.logger.debug({ ms: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v)])) }, 'data built in a worker thread');
      return { kb: reply.kb, matcher };
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
