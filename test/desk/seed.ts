import type { Core } from '../../src/core/core.js';
import { mountDesk } from '../../src/desk/desk.js';
import { openCuratorStore } from '../../src/curator/store.js';
import type { CuratorStore } from '../../src/curator/store-types.js';
import type { Logger } from '../../src/logger.js';
import { startOpsServer, type OpsServer } from '../../src/ops/ops-server.js';

export const TOKEN = 'desk-test-token-0123456789abcdef';
/** The desk's clock in these tests: noon UTC, 10 March 2026. */
export const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;

/**
 * Known numbers: 8 March 4 questions, 3 answered (75%); 9 March none; 10 March 2
 * questions, 1 answered (50%), and a greeting (small talk, left out of the rate):
 * 4 of 6 answered overall (67%). Three open inbox questions, one in Persian, one answered now after a reload.
 */
export function seedStore(store: CuratorStore): { persian: number; chess: number; visa: number } {
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
  const id = (example: string) => store.inbox().find((i) => i.example === example)!.id;
  const ids = { chess: id('Who won the chess olympiad?'), persian: id('آیا ایران در المپیاد شطرنج برنده شد؟'), visa: id('Can I pay with Visa in Tehran?') };
  // The reload above made the bot answer the Visa question.
  store.markAnswered([{ id: ids.visa, topic: 'mir-shetab' }], 'seed-version', NOW - 3600_000);
  return ids;
}

/** An operations server on 127.0.0.1, port 0, with the desk mounted on a seeded in-memory store. */
export async function startSeededDesk(core: Core, logger: Logger): Promise<{ server: OpsServer; store: CuratorStore; base: string; ids: ReturnType<typeof seedStore> }> {
  const store = openCuratorStore({ path: ':memory:', retentionDays: 90, logger, now: () => NOW, secret: 'test-id-secret-0123456789' });
  const ids = seedStore(store);
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
