import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { DataError, loadKnowledgeBase } from '../core/data/load.js';
import { buildMatcher } from '../core/match/matcher.js';
import { modelBuffers } from '../core/match/matcher-model.js';
import { type BuildGo, type BuildMessage, type BuildReply, type BuildRequest, TRAINING } from './build-protocol.js';

/**
 * The build thread (started by build-worker.ts through build-thread-entry.mjs):
 * loads, validates and trains `workerData.dir`, posts exactly one reply (the
 * weights transferred, not copied) and ends. Every failure of the build
 * itself is a reply, so an 'error' event on the worker means the thread
 * failed (ran out of memory, could not load its modules).
 */
const { dir, limits, holdAfterTraining, requestedAt, askBeforeTraining } = workerData as BuildRequest;
const port = parentPort!;
const post = (message: BuildMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const now = () => performance.timeOrigin + performance.now();
const started = now();
post({ kind: 'started' });
let reply: BuildReply;
try {
  const kb = await loadKnowledgeBase(dir, { limits, onFile: (at) => post({ kind: 'progress', at }) });
  const loaded = now();
  let train = true;
  if (askBeforeTraining) {
    const answer = new Promise<BuildGo>((resolve) => port.once('message', resolve));
    post({ kind: 'loaded', version: kb.version });
    train = (await answer).train;
  }
  if (train) post({ kind: 'progress', at: TRAINING });
  const model = train ? buildMatcher(kb).toModel() : null;
  reply = { ok: true, kb, model, ms: { startup: started - requestedAt, load: loaded - started, train: now() - loaded } };
  if (holdAfterTraining) {
    Atomics.store(holdAfterTraining, 0, 1);
    Atomics.notify(holdAfterTraining, 0);
    Atomics.wait(holdAfterTraining, 0, 1);
  }
} catch (err) {
  reply = err instanceof DataError ? { ok: false, issues: err.issues } : { ok: false, error: err instanceof Error ? err.message : String(err) };
}
// Outside the try: a reply that cannot be posted is a failure of the thread (an 'error' event), not of the data.
post({ kind: 'reply', reply }, reply.ok && reply.model ? modelBuffers(reply.model) : []);
