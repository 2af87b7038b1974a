import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createFloodControl } from '../../src/core/conversation/flood.js';
import { createMemoryClaims, createMemoryContexts } from '../../src/core/conversation/memory.js';
import { openStore } from '../../src/store/open-store.js';
import { sharedClaims, sharedContexts, sharedLimiter } from '../../src/store/shared-ports.js';
import { createOpsStatus } from '../../src/ops/status.js';
import { realCore } from '../support/core.js';
import { capturingLogger } from '../support/log.js';
import { freshDatabase } from '../support/postgres.js';
import { behindProxy } from '../support/tcp-proxy.js';

const question = (i: number) => ({
  text: `Lost question ${i}?`,
  normalized: `lost question ${i}`,
  platform: 'telegram',
  outcome: 'offtopic',
  guess: null,
  confidence: 0.1,
  lang: 'en',
});

it('a process that loses PostgreSQL keeps answering from memory, says so in logs and readiness, and writes what it kept once the database is back', async () => {
  const database = new URL(await freshDatabase('lost'));
  const { proxy, viaProxy } = await behindProxy(database);
  const log = capturingLogger();
  const spoolDir = mkdtempSync(join(tmpdir(), 'pb-spool-'));
  const spooled = () => readdirSync(spoolDir).filter((f) => f.startsWith('outbox-'));
  const config = loadConfig({
    DATABASE_URL: viaProxy.toString(),
    ID_HASH_SECRET: 'shared-secret-for-every-host-0123',
    LOG_LEVEL: 'silent',
    STORE_SPOOL_DIR: spoolDir,
  });
  const store = await openStore(config, log.logger, { probeMs: 50, secret: config.ID_HASH_SECRET! });
  const ops = createOpsStatus({ core: await realCore(), store });
  const limiter = sharedLimiter(store, { perMinute: 2 }, createFloodControl(2));
  const claims = sharedClaims(store, createMemoryClaims());
  const contexts = sharedContexts(store, createMemoryContexts());
  const direct = postgres(database.toString(), { max: 1, onnotice: () => {} });
  try {
    expect(store.status()).toEqual({ state: 'up', kind: 'postgres' });
    expect(ops.storeReadiness()).toEqual({ ok: true });
    expect(await limiter.take('u')).toBe('ok'); // one of two shared tokens spent
    await contexts.set('conv', { topicId: 'gas', at: Date.now() });

    proxy.cut();
    // The first call to find out fails fast (a reset connection), the store is marked lost, the caller gets its fallback.
    expect(await store.recordVote({ platform: 'telegram', answerKey: 'm', userId: 'u', topicId: 'gas', vote: 1 })).toBe(false);
    expect(store.status()).toMatchObject({ state: 'lost', kind: 'postgres' });
    expect(log.lines().some((l) => l.msg === 'database lost: answering on without it; questions are kept in memory until it is back')).toBe(true);
    const readiness = ops.storeReadiness();
    expect(readiness.ok).toBe(false);
    expect(!readiness.ok && readiness.reason).toMatch(/^postgres database lost since /);
    expect(await ops.metrics()).toContain('partnership_store_up{backend="postgres"} 0');
    expect(JSON.stringify(log.lines())).not.toContain(database.toString());

    // Answering goes on: budgets, claims and context from this process's memory.
    expect(await limiter.take('u')).toBe('ok');
    expect(await claims.claim('post:x')).toBe(true);
    expect((await contexts.get('conv'))?.topicId).toBe('gas');
    for (let i = 0; i < 5; i += 1) store.recordUnanswered(question(i));
    // Stored before anyone is told so: on disk, while the database is away.
    await store.flush();
    expect(spooled()).toHaveLength(1);
    const kept = readFileSync(join(spoolDir, spooled()[0]!), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).text);
    expect(kept).toEqual([0, 1, 2, 3, 4].map((i) => `Lost question ${i}?`));

    const back = new Promise<void>((resolve) => store.onUp(resolve));
    proxy.restore();
    await back;
    await store.flush();
    expect(log.lines().some((l) => l.msg === 'database back' && l.queued === 5)).toBe(true);
    expect(log.lines().some((l) => l.msg === 'questions kept on disk are in the database' && l.questions === 5)).toBe(true);
    expect(spooled()).toEqual([]);
    expect(ops.storeReadiness()).toEqual({ ok: true });
    const rows = await direct<{ text: string }[]>`SELECT text FROM unanswered ORDER BY id`;
    expect(rows.map((r) => r.text)).toEqual([0, 1, 2, 3, 4].map((i) => `Lost question ${i}?`));
    // Shared again: the budget the process spent before the loss is still spent in the database.
    expect(await limiter.take('u')).toBe('ok');
    expect(await limiter.take('u')).toBe('notice');
  } finally {
    await store.close();
    await direct.end();
    await proxy.close();
    rmSync(spoolDir, { recursive: true, force: true });
  }
}, 60_000);
