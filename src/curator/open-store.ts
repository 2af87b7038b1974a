import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import { openDatabase, sqliteStore } from './sqlite-store.js';
import type { CuratorStore } from './store.js';
import type { ProbeReply, ProbeRequest } from './store-probe.js';
import { storePathProblem } from './store-path.js';

const PROBE = new URL('./store-probe-entry.mjs', import.meta.url);

/** The database could not be opened: `message` says why, naming DB_PATH (never a secret). */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

export interface OpenStoreOptions {
  path: string;
  retentionDays: number;
  maxMegabytes: number;
  secret: string | Buffer;
  logger: Logger;
  /** How long opening (creating, migrating) may take. */
  timeoutMs: number;
}

/**
 * Opens the database for the bot, or rejects with a StoreOpenError saying
 * why, within `timeoutMs`: the path is checked first (a regular file on a real
 * filesystem), then a thread opens and migrates it once; a thread that does
 * not answer in time (SQLite stuck in a pseudo-file, a lock never released)
 * is abandoned and the open fails, so the process can stop with a clear
 * error instead of hanging. Only then is it opened on this thread.
 */
export async function openStore(opts: OpenStoreOptions): Promise<CuratorStore> {
  const problem = storePathProblem(opts.path);
  if (problem) throw new StoreOpenError(`DB_PATH: ${problem}`);
  const request: ProbeRequest = { path: opts.path, secret: opts.secret, maxMegabytes: opts.maxMegabytes };
  const reply = await new Promise<ProbeReply>((resolve, reject) => {
    // No inherited --import preloads: the entry registers what it needs (a .ts preload would fail in a worker under Node 20).
    const worker = new Worker(PROBE, { workerData: request, execArgv: [] });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new StoreOpenError(`DB_PATH: opening the database at ${opts.path} did not finish within ${Math.round(opts.timeoutMs / 1000)} s`));
    }, opts.timeoutMs);
    worker.unref();
    worker.once('message', (r: ProbeReply) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(new StoreOpenError(`DB_PATH: the database at ${opts.path} could not be checked: ${err.message}`));
    });
  });
  if (!reply.ok) throw new StoreOpenError(`DB_PATH: the database at ${opts.path} cannot be opened: ${reply.error}`);
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(opts.path, opts.secret, opts.maxMegabytes);
  } catch (err) {
    throw new StoreOpenError(`DB_PATH: the database at ${opts.path} cannot be opened: ${err instanceof Error ? err.message : String(err)}`);
  }
  return sqliteStore(db, opts);
}
