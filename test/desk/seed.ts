import type { Core } from '../../src/core/core.js';
import { mountDesk } from '../../src/desk/desk.js';
import type { Logger } from '../../src/logger.js';
import { type OpsServer, startOpsServer } from '../../src/ops/ops-server.js';
import { openPostgres } from '../../src/store/postgres/open-postgres.js';
import { type BotStore, createResilientStore } from '../../src/store/resilient.js';
import { openSqlite } from '../../src/store/sqlite/open-sqlite.js';
import { freshDatabase } from '../support/postgres.js';

export const TOKEN = 'desk-test-token-0123456789abcdef';
/** The desk's clock in these tests: noon UTC, 10 March 2026. */
export const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;
const SECRET = 'test-id-secret-0123456789';

/** The backends the desk runs on: SQLite in memory, PostgreSQL in a new database of the run's server. */
export type DeskBackend = 'SQLite' | 'PostgreSQL';
export const DESK_BACKENDS: DeskBackend[] = ['SQLite', 'PostgreSQL'];

/** An empty store of `backend` as the bot opens it, on the desk's clock. */
export async function openDeskStore(backend: DeskBackend, logger: Logger): Promise<BotStore> {
  const common = { logger, retentionDays: 90, now: () => NOW };
  if (backend === 'SQLite')
    return createResilientStore({ ...common, kind: 'sqlite', durable: false, open: async () => openSqlite({ path: ':memory:', secret: SECRET }) });
  const url = await freshDatabase('desk');
  return createResilientStore({ ...common, kind: 'postgres', open: () => openPostgres({ url, secret: SECRET }) });
}

/**
 * Known numbers: 8 March 4 questions, 3 answered (75%); 9 March none; 10 March 2
 * questions, 1 answered (50%), and a greeting (small talk, left out of the rate):
 * 4 of 6 answered overall (67%). Three open inbox questions, one in Persian, one answered now after a reload.
 */
export async function seedStore(store: BotStore): Promise<{ persian: number; chess: number; visa: number }> {
  const ask = (at: number, surface: string, lang: string, topic: string, outcome: 'answered' | 'declined' | 'did-you-mean' | 'small-talk') =>
    store.recordAsk({ at, surface, lang, topic, outcome });
  ask(NOW - 2 * DAY, 'telegram', 'en', 'gas', 'answered');
  ask(NOW - 2 * DAY, 'telegram', 'ru', 'gas', 'answered');
  ask(NOW - 2 * DAY, 'discord', 'fa', 'nuclear', 'answered');
  ask(NOW - 2 * DAY, 'discord', 'en', '', 'declined');
  ask(NOW, 'telegram', 'fa', 'instc', 'answered');
  ask(NOW, 'telegram', 'en', 'gas', 'did-you-mean');
  ask(NOW, 'console', 'en', '', 'small-talk');
  const q = (text: string, lang: string, platform: string, at: number) =>
    store.recordUnanswered({ text, normalized: text.toLowerCase(), platform, outcome: 'offtopic', guess: null, confidence: 0.12, lang, at });
  q('Who won the chess olympiad?', 'en', 'telegram', NOW - DAY);
  q('Who won the chess olympiad?', 'en', 'discord', NOW - 2 * DAY);
  q('آیا ایران در المپیاد شطرنج برنده شد؟', 'fa', 'telegram', NOW - DAY);
  q('Can I pay with Visa in Tehran?', 'en', 'discord', NOW);
  store.recordReload({ at: NOW - 3600_000, ok: true, version: 'seed-version', topics: 18, changed: true, reason: 'SIGHUP', answeredNow: 1 });
  await store.flush();
  const inbox = await store.inbox();
  const id = (example: string) => inbox.find((i) => i.example === example)!.id;
  const ids = { chess: id('Who won the chess olympiad?'), persian: id('آیا ایران در المپیاد شطرنج برنده شد؟'), visa: id('Can I pay with Visa in Tehran?') };
  // The reload above made the bot answer the Visa question.
  await store.markAnswered([{ id: ids.visa, topic: 'mir-shetab' }], 'seed-version');
  return ids;
}

/** An operations server on 127.0.0.1, port 0, with the desk mounted on a seeded store of `backend`. */
export async function startSeededDesk(
  core: Core,
  logger: Logger,
  backend: DeskBackend = 'SQLite',
): Promise<{ server: OpsServer; store: BotStore; base: string; ids: Awaited<ReturnType<typeof seedStore>> }> {
  const store = await openDeskStore(backend, logger);
  const ids = await seedStore(store);
  const server = await startOpsServer({
    host: '127.0.0.1',
    port: 0,
    logger,
    readiness: async () => ({ ready: true }),
    metrics: async () => ({ contentType: 'text/plain', body: '' }),
  });
  mountDesk(server, { token: TOKEN, core, store, logger, now: () => NOW, days: 5 });
  return { server, store, base: `http://127.0.0.1:${server.address().port}`, ids };
}
