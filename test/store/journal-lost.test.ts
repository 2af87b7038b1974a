import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openJournal, openStore } from '../../src/store/open-store.js';
import { capturingLogger } from '../support/log.js';
import { freshDatabase } from '../support/postgres.js';
import { behindProxy } from '../support/tcp-proxy.js';

const SECRET = 'journal-lost-secret-0123456789';
const update = (id: number) => ({ id, payload: JSON.stringify({ update_id: id, message: { chat: { id: 31337 }, text: `question ${id}` } }) });

it('with PostgreSQL lost, the update journal goes on on disk and is merged into the database once it is back: handled updates forgotten, open ones journalled, the offset past all', async () => {
  const database = new URL(await freshDatabase('journal_lost'));
  const { proxy, viaProxy } = await behindProxy(database);
  const log = capturingLogger();
  const spoolDir = mkdtempSync(join(tmpdir(), 'pb-spool-'));
  const spooled = () => readdirSync(spoolDir).filter((f) => f.startsWith('journal-'));
  const config = loadConfig({ DATABASE_URL: viaProxy.toString(), ID_HASH_SECRET: SECRET, LOG_LEVEL: 'silent', STORE_SPOOL_DIR: spoolDir });
  const store = await openStore(config, log.logger, { probeMs: 50, secret: SECRET });
  const journal = openJournal(config, store, log.logger, SECRET);
  const direct = postgres(database.toString(), { max: 1, onnotice: () => {} });
  try {
    await journal.add('telegram', [update(100), update(101)]);
    expect(await journal.offset('telegram')).toBe(102);
    expect(spooled()).toEqual([]); // the database took them

    proxy.cut();
    // 101 was journalled in the database and is handled while it is away; 102–104 arrive meanwhile.
    await journal.done('telegram', 101);
    expect(store.status()).toMatchObject({ state: 'lost', kind: 'postgres' });
    await journal.add('telegram', [update(102), update(103)]);
    await journal.add('telegram', [update(104)]);
    expect(spooled()).toHaveLength(1);
    expect(log.lines().some((l) => l.msg === 'database unavailable: fetched updates are journalled on disk until it is back')).toBe(true);
    // The offset Telegram is told is past what the disk keeps: nothing confirmed is kept nowhere.
    expect(await journal.offset('telegram')).toBe(105);
    await journal.done('telegram', 102);
    await journal.done('telegram', 104);

    const back = new Promise<void>((resolve) => store.onUp(resolve));
    proxy.restore();
    await back;
    // The merge runs on the way up; the next call waits for it.
    expect(await journal.offset('telegram')).toBe(105);
    expect(spooled()).toEqual([]);
    expect(log.lines().find((l) => l.msg === 'updates journalled on disk are in the database')).toMatchObject({ open: 1, handled: 3, offset: 105 });
    const rows = await direct<{ id: string }[]>`SELECT id::text FROM journal WHERE surface = 'telegram' ORDER BY id`;
    expect(rows.map((r) => Number(r.id))).toEqual([100, 103]);
    const [offset] = await direct<{ value: string }[]>`SELECT value FROM meta WHERE key = 'journal_offset:telegram'`;
    expect(offset?.value).toBe('105');
    // A restart hands out what is still open, from the database; handled ones never again.
    expect((await journal.pending('telegram')).map((e) => e.id)).toEqual([100, 103]);
    await journal.done('telegram', 103);
    expect(spooled()).toEqual([]);
    expect((await direct<{ id: string }[]>`SELECT id::text FROM journal ORDER BY id`).map((r) => Number(r.id))).toEqual([100]);
  } finally {
    await store.close();
    await direct.end();
    await proxy.close();
    rmSync(spoolDir, { recursive: true, force: true });
  }
}, 60_000);
