import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import postgres from 'postgres';
import { afterAll, expect, it } from 'vitest';
import { migratePostgres } from '../../src/store/postgres/migrate.js';
import { isConnectionError } from '../../src/store/resilient.js';
import { type BotProcess, spawnBot } from '../support/bot-process.js';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';

/**
 * The database stops while one of the bot's transactions is in flight
 * (porsager/postgres#1208, docs/scaling.md). postgres.js 3.4.x then writes the
 * transaction's ROLLBACK to the socket it has just dropped, from a setImmediate:
 * an uncaught TypeError ("Cannot read properties of null (reading 'write')")
 * that ends the process, whatever the caller catches. The bot's store runs in a
 * child process (transaction-dropped.child.ts) so that such an ending is an exit
 * code here, not the end of the test run. The server is this test's own: it is
 * stopped, which the run's shared one must not be. (A reset through
 * test/support/tcp-proxy.ts did not reproduce it: the server's FATAL 57P01
 * followed by the close does.)
 */
const EVENT = 'vote-event-hash';
let cluster: PostgresCluster | undefined;
let bot: BotProcess | undefined;
const clients: postgres.Sql[] = [];
let spoolDir = '';

afterAll(async () => {
  bot?.kill('SIGKILL');
  await bot?.exited;
  await Promise.all(clients.map((c) => c.end({ timeout: 0 })));
  await cluster?.stop();
  if (spoolDir) rmSync(spoolDir, { recursive: true, force: true });
});

const client = () => {
  const sql = postgres(cluster!.url, { max: 1, onnotice: () => {} });
  clients.push(sql);
  return sql;
};

/** Polls the server until one of the bot's statements waits on a lock (a bounded wait on a state the test cannot hold still). */
async function waitForLockWait(sql: postgres.Sql, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE application_name = 'partnership-bot' AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO effects%'`;
    if (row!.n > 0) return;
    if (bot!.child.exitCode !== null) throw new Error(`the bot's process exited before its vote waited; output:\n${bot!.output()}`);
    if (Date.now() > until) throw new Error(`the bot's vote did not wait on the held row within ${timeoutMs} ms; output:\n${bot!.output()}`);
    await pause(10);
  }
}

it('a transaction whose connection drops mid-query (the server stops) rejects, and the process lives on: store lost, question on disk, written once the database is back', async () => {
  cluster = await startPostgresCluster();
  spoolDir = mkdtempSync(join(tmpdir(), 'pb-spool-'));
  const admin = client();
  await migratePostgres(admin);

  // Another process handles the same vote event and has not committed: the bot's vote transaction waits on its row.
  const holder = await client().reserve();
  await holder`BEGIN`;
  await holder`INSERT INTO effects (key, state, outcome, at) VALUES (${`vote:${EVENT}`}, 'pending', NULL, 0)`;

  bot = spawnBot('test/store/transaction-dropped.child.ts', {
    env: { DATABASE_URL: cluster.url, ID_HASH_SECRET: 'shared-secret-for-every-host-0123', STORE_SPOOL_DIR: spoolDir, VOTE_EVENT: EVENT },
  });
  expect((await bot.waitForLog((l) => l.msg === 'voting')).status).toEqual({ state: 'up', kind: 'postgres' });
  await waitForLockWait(admin);

  // The server stops (a fast shutdown, as on a failover or a restart): the waiting statement is cut off mid-transaction.
  await cluster.halt();
  const settled = await bot.waitForLog((l) => l.msg === 'vote settled');
  // The store call was rejected with a connection error, the bot's fallback was used, the store says it is lost.
  expect(settled.settled.rejected, JSON.stringify(settled)).toBeDefined();
  expect(isConnectionError(settled.settled.rejected), JSON.stringify(settled.settled)).toBe(true);
  expect(settled.outcome).toBe(false);
  expect(settled.status).toMatchObject({ state: 'lost', kind: 'postgres' });
  expect(settled.writable).toMatch(/^postgres database lost since /);
  expect(bot.logs().some((l) => l.msg === 'database lost: answering on without it; questions are kept in memory until it is back')).toBe(true);

  // It answers on: the next question is kept on disk while the database is away.
  await bot.waitForLog((l) => l.msg === 'question recorded');
  const files = readdirSync(spoolDir).filter((f) => f.startsWith('outbox-'));
  expect(files).toHaveLength(1);
  expect(readFileSync(join(spoolDir, files[0]!), 'utf8')).toContain('Asked while the database was away?');

  // Back: the question is written, the spool emptied, and the vote (rolled back by the shutdown) is counted once.
  await cluster.resume();
  expect(await bot.waitForLog((l) => l.msg === 'database back')).toMatchObject({ queued: 1 });
  expect(await bot.waitForLog((l) => l.msg === 'voted again')).toMatchObject({ again: 'new', status: { state: 'up', kind: 'postgres' } });
  expect(await bot.exited).toEqual([0, null]);
  expect(bot.output()).not.toMatch(/TypeError|Cannot read properties of null/);
  expect(readdirSync(spoolDir).filter((f) => f.startsWith('outbox-'))).toEqual([]);
  const after = client();
  expect((await after<{ text: string }[]>`SELECT text FROM unanswered`).map((r) => r.text)).toEqual(['Asked while the database was away?']);
  expect((await after<{ vote: number }[]>`SELECT vote FROM feedback`).map((r) => r.vote)).toEqual([1]);
  expect((await after`SELECT state, outcome FROM effects WHERE key = ${`vote:${EVENT}`}`).map((r) => ({ ...r }))).toEqual([{ state: 'done', outcome: 'new' }]);
}, 90_000);
