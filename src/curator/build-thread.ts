import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { DataError, loadKnowledgeBase } from '../core/data/load.js';
import { buildMatcher } from '../core/match/matcher.js';
import { modelBuffers } from '../core/match/matcher-model.js';
import type { BuildReply, BuildRequest } from './build-protocol.js';

/**
 * The build thread (started by build-worker.ts through build-thread-entry.mjs):
 * loads, validates and trains `workerData.dir`, posts exactly one BuildReply
 * (the weights transferred, not copied) and ends. Every failure of the build
 * itself is a reply, so an 'error' event on the worker means the thread
 * mechanism failed.
 */
const { dir, holdAfterTraining, requestedAt } = workerData as BuildRequest;
const port = parentPort!;
const now = () => performance.timeOrigin + performance.now();
const started = now();
let reply: BuildReply;
try {
  const kb = await loadKnowledgeBase(dir);
  const loaded = now();
  const model = buildMatcher(kb).toModel();
  reply = { ok: true, kb, model, ms: { startup: started - requestedAt, load: loaded - started, train: now() - loaded } };
  if (holdAfterTraining) {
    Atomics.store(holdAfterTraining, 0, 1);
    Atomics.notify(holdAfterTraining, 0);
    Atomics.wait(holdAfterTraining, 0, 1);
  }
} catch (err) {
  reply = err instanceof DataError ? { ok: false, issues: err.issues } : { ok: false, error: err instanceof Error ? err.message : String(err) };
}
// Outside the try: a reply that cannot be posted is a failure of the mechanism (an 'error' event), not of the data.
port.postMessage(reply, reply.ok ? modelBuffers(reply.model) : []);
