/**
 * The process side of transaction-dropped.test.ts: the bot's store as boot opens
 * it (`openStore`: PostgreSQL behind the resilient store, a spool on disk), a
 * vote whose transaction waits on another process's row while the test stops
 * the server, then what the bot does next. Each step is one JSON line on stderr
 * (`msg`, as the bot logs); the test reads them and the exit code.
 *
 * Environment: DATABASE_URL, ID_HASH_SECRET, STORE_SPOOL_DIR (the bot's own
 * settings) and VOTE_EVENT, the event key the test holds a pending row of.
 */
import { loadConfig } from '../../src/config.js';
import type { VoteOutcome } from '../../src/store/contract.js';
import { createLogger } from '../../src/logger.js';
import { openStore } from '../../src/store/open-store.js';

const config = loadConfig(process.env);
const logger = createLogger({ level: 'info', pretty: false });
const store = await openStore(config, logger, { probeMs: 50, secret: config.ID_HASH_SECRET! });
const vote = { platform: 'telegram', answerKey: 'answer-hash', userId: 'voter-hash', topicId: 'gas', vote: 1 as const, event: process.env.VOTE_EVENT! };
const question = {
  text: 'Asked while the database was away?',
  normalized: 'asked while the database was away',
  platform: 'telegram',
  outcome: 'offtopic',
  guess: null,
  confidence: 0.1,
  lang: 'en',
};

// The vote as the bot records it (`store.recordVote` is this attempt), keeping what the backend's call did.
let settled: { resolved: unknown } | { rejected: { code: unknown; message: string } } | undefined;
logger.info({ status: store.status() }, 'voting');
const outcome = await store.attempt<VoteOutcome | false>(
  'record vote',
  (backend) =>
    backend.recordVote(vote, Date.now()).then(
      (resolved) => {
        settled = { resolved };
        return resolved;
      },
      (err: { code?: unknown; message: string }) => {
        settled = { rejected: { code: err.code, message: err.message } };
        throw err;
      },
    ),
  () => false,
  60_000,
);
logger.info({ outcome, settled, status: store.status(), writable: store.writable() }, 'vote settled');

// The store's probe timer does not hold a process open (the bot's surfaces do): this one is held until the database is back.
const holdOpen = setInterval(() => {}, 60_000);
const up = new Promise<void>((resolve) => store.onUp(resolve));
store.recordUnanswered(question);
await store.flush();
logger.info({ status: store.status() }, 'question recorded');

await up;
clearInterval(holdOpen);
await store.flush();
logger.info({ again: await store.recordVote(vote), status: store.status() }, 'voted again');
await store.close();
