import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './sqlite-store.js';

/** What open-store.ts asks the probe thread: open (create, migrate) the database once and close it. */
export interface ProbeRequest {
  path: string;
  secret: string | Buffer;
  maxMegabytes?: number;
}
export type ProbeReply = { ok: true } | { ok: false; error: string };

const { path, secret, maxMegabytes } = workerData as ProbeRequest;
let reply: ProbeReply;
try {
  openDatabase(path, secret, maxMegabytes).close();
  reply = { ok: true };
} catch (err) {
  reply = { ok: false, error: err instanceof Error ? `${(err as NodeJS.ErrnoException).code ? `${(err as NodeJS.ErrnoException).code}: ` : ''}${err.message}` : String(err) };
}
parentPort!.postMessage(reply);
