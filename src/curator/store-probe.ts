import { openSqlite } from '../store/sqlite/open-sqlite.js';

/**
 * The store probe: a child process (forked by store-check.ts) that opens the
 * database once (creating and migrating it) and closes it, so the bot learns
 * within a deadline whether it can: a probe stuck in SQLite is killed, which
 * no thread could be (better-sqlite3 aborts the process when a worker thread
 * is terminated during a call). Request and reply travel over IPC.
 */
export interface ProbeRequest {
  path: string;
  secret: string;
  maxMegabytes?: number;
}
export type ProbeReply = { ok: true } | { ok: false; error: string };

process.once('message', async (request: ProbeRequest) => {
  let reply: ProbeReply;
  try {
    await openSqlite({
      path: request.path,
      secret: Buffer.from(request.secret, 'base64'),
      ...(request.maxMegabytes ? { maxMegabytes: request.maxMegabytes } : {}),
    }).close();
    reply = { ok: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    reply = { ok: false, error: err instanceof Error ? `${code ? `${code}: ` : ''}${err.message}` : String(err) };
  }
  process.send!(reply, () => process.disconnect());
});
