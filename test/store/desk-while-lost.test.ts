import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createInboxRecheck } from '../../src/curator/inbox.js';
import { mountDesk } from '../../src/desk/desk.js';
import { startOpsServer } from '../../src/ops/ops-server.js';
import { openStore } from '../../src/store/open-store.js';
import { realCore } from '../support/core.js';
import { capturingLogger } from '../support/log.js';
import { freshDatabase } from '../support/postgres.js';
import { behindProxy } from '../support/tcp-proxy.js';

const TOKEN = 'desk-lost-token-0123456789abcdef';

it('while PostgreSQL is lost the desk says so and changes nothing, counts wait on disk, and the inbox recheck runs once it is back', async () => {
  const database = new URL(await freshDatabase('desklost'));
  const { proxy, viaProxy } = await behindProxy(database);
  const log = capturingLogger();
  const spoolDir = mkdtempSync(join(tmpdir(), 'pb-desk-spool-'));
  const config = loadConfig({
    DATABASE_URL: viaProxy.toString(),
    ID_HASH_SECRET: 'shared-secret-for-every-host-0123',
    LOG_LEVEL: 'silent',
    STORE_SPOOL_DIR: spoolDir,
  });
  const store = await openStore(config, log.logger, { probeMs: 50, secret: config.ID_HASH_SECRET! });
  const core = await realCore();
  const server = await startOpsServer({
    host: '127.0.0.1',
    port: 0,
    logger: log.logger,
    readiness: async () => ({ ready: true }),
    metrics: async () => ({ contentType: 'text/plain', body: '' }),
  });
  mountDesk(server, { token: TOKEN, core, store, logger: log.logger });
  const desk = `http://127.0.0.1:${server.address().port}/desk`;
  const recheck = createInboxRecheck(core, store, log.logger);
  try {
    // A question the data now answers, asked when it did not (recorded as unsure), and one it never will.
    store.recordUnanswered({
      text: 'How much gas will Russia send Iran a year?',
      normalized: 'gas a year',
      platform: 'telegram',
      outcome: 'unsure',
      guess: 'gas',
      confidence: 0.2,
      lang: 'en',
    });
    store.recordUnanswered({
      text: 'Who won the chess olympiad?',
      normalized: 'chess',
      platform: 'telegram',
      outcome: 'offtopic',
      guess: null,
      confidence: 0.1,
      lang: 'en',
    });
    await store.flush();
    const [gas, chess] = await store.inbox();
    expect(gas?.example).toMatch(/gas/);

    proxy.cut();
    expect(await store.recordVote({ platform: 'telegram', answerKey: 'm', userId: 'u', topicId: 'gas', vote: 1 })).toBe(false);
    expect(store.status()).toMatchObject({ state: 'lost' });

    // The page: 503 and why, never an empty inbox; the try box still answers from memory.
    const page = await fetch(`${desk}?q=${encodeURIComponent('how much gas a year?')}`, { headers: { 'x-desk-token': TOKEN } });
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toMatch(
      /id="unavailable"[^>]*>The store cannot be read: cannot read the (analytics|inbox|reload history) now: the postgres database is lost since /,
    );
    expect(html).toContain('id="try-result"');
    expect(html).toMatch(/Natural gas partnership/);
    // A decision is refused, and is not taken later either.
    const decide = await fetch(`${desk}/decide`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-desk-token': TOKEN },
      body: `id=${chess!.id}&state=ignored`,
    });
    expect(decide.status).toBe(503);
    expect(await decide.text()).toMatch(/^Nothing was changed: cannot change an inbox state now: the postgres database is lost since /);
    // The recheck after a switch waits for the store; the counts of questions asked meanwhile wait on disk.
    void recheck.switched('SIGHUP');
    store.recordAsk({ surface: 'telegram', lang: 'en', topic: 'gas', outcome: 'answered' });
    store.recordAsk({ surface: 'discord', lang: 'fa', topic: '', outcome: 'declined' });
    await store.flush();
    const [file] = readdirSync(spoolDir).filter((f) => f.startsWith('outbox-'));
    expect(
      readFileSync(join(spoolDir, file!), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).kind),
    ).toEqual(['ask', 'ask']);

    const back = new Promise<void>((resolve) => store.onUp(resolve));
    proxy.restore();
    await back;
    await Promise.all([recheck.idle(), store.flush()]);
    await store.flush();
    expect(await store.inboxItem(gas!.id)).toMatchObject({ state: 'open', answeredNow: { topic: 'gas', version: core.version } });
    expect(await store.inboxItem(chess!.id)).toMatchObject({ state: 'open', answeredNow: null });
    expect((await store.reloads(5)).map((r) => [r.reason, r.answeredNow])).toEqual([['SIGHUP', 1]]);
    expect((await store.analytics()).map((r) => [r.surface, r.asked])).toEqual([
      ['discord', 1],
      ['telegram', 1],
    ]);
    expect(readdirSync(spoolDir).filter((f) => f.startsWith('outbox-'))).toEqual([]);
  } finally {
    await recheck.close();
    await server.close();
    await store.close();
    await proxy.close();
    rmSync(spoolDir, { recursive: true, force: true });
  }
}, 60_000);
