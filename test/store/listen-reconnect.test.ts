import { setTimeout as pause } from 'node:timers/promises';
import postgres from 'postgres';
import { afterAll, expect, it } from 'vitest';
import type { StoreBackend } from '../../src/store/contract.js';
import { openPostgres } from '../../src/store/postgres/open-postgres.js';
import { freshDatabase } from '../support/postgres.js';
import { behindProxy, type TcpProxy } from '../support/tcp-proxy.js';

/**
 * Announcements (`onAnnounce`, LISTEN/NOTIFY) survive a lost connection: the
 * client listens again by itself once the database is reachable, with no call
 * of ours (docs/scaling.md, "The client"). A process that missed that would
 * never hear another reload.
 */
const SECRET = 'shared-secret-for-every-host-0123';
let proxy: TcpProxy | undefined;
const backends: StoreBackend[] = [];
const clients: postgres.Sql[] = [];

afterAll(async () => {
  await Promise.all(backends.map((b) => b.close()));
  await Promise.all(clients.map((c) => c.end({ timeout: 1 })));
  await proxy?.close();
});

/** The pids of the backends listening on the announcement channel, as the server sees them. */
async function listeners(sql: postgres.Sql): Promise<number[]> {
  const rows = await sql<{ pid: number }[]>`SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = 'partnership-bot' AND query ILIKE 'listen%partnership_kb_version%'`;
  return rows.map((r) => r.pid);
}

/** Polls until `test` passes (a bounded wait on the server's state, which the test cannot hold still). */
async function until<T>(what: string, probe: () => Promise<T>, test: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (test(value)) return value;
    if (Date.now() > end) throw new Error(`${what} within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await pause(20);
  }
}

it('a process listening for announcements hears them again after its connection was cut, with no call of its own', async () => {
  const url = await freshDatabase('listen');
  const through = await behindProxy(url);
  proxy = through.proxy;
  const viaProxy = through.viaProxy;
  const listening = await openPostgres({ url: viaProxy.toString(), secret: SECRET });
  const other = await openPostgres({ url, secret: SECRET }); // another process, never cut
  backends.push(listening, other);
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  clients.push(admin);

  const heard: string[] = [];
  const waiters: Array<() => void> = [];
  await listening.onAnnounce((version) => {
    heard.push(version);
    for (const w of waiters.splice(0)) w();
  });
  const hear = (version: string) =>
    new Promise<void>((resolve) => {
      const check = () => (heard.includes(version) ? resolve() : waiters.push(check));
      check();
    });

  await other.announce('v1');
  await hear('v1');
  const [before] = await until(
    'one listening backend',
    () => listeners(admin),
    (pids) => pids.length === 1,
  );

  proxy.cut();
  await until(
    'the cut listener gone from the server',
    () => listeners(admin),
    (pids) => !pids.includes(before!),
  );
  proxy.restore();
  // Nothing of ours runs on that connection: the client reconnects and listens again by itself.
  await until(
    'a new listening backend',
    () => listeners(admin),
    (pids) => pids.length === 1,
  );

  await other.announce('v2');
  await hear('v2');
  expect(heard).toEqual(['v1', 'v2']);
  expect(await listening.currentVersion()).toBe('v2');
}, 60_000);
