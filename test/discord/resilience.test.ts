import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConcurrencyLimiter, DEFAULT_CONCURRENCY } from '../../src/adapters/discord/concurrency.js';
import { createDiscordAdapter } from '../../src/adapters/discord/create-discord-adapter.js';
import { type ConnectionFailure, makeRequestRetryingDroppedSockets } from '../../src/adapters/discord/rest-dropped-sockets.js';
import { routeOf } from '../../src/adapters/discord/rest-retry-log.js';
import { t } from '../../src/core/i18n/index.js';
import { testDeps } from '../support/deps.js';
import { FAKE_TOKEN, type FakeUser, type RecordedCall, type SentInteraction, startFakeDiscord } from '../fakes/discord-gateway.js';
import { type Bot, buttonsOf, captureLogger, OPTION, secretsIn, startBot, testConfig } from './harness.js';

/**
 * The Discord adapter's resilience: its FIFO concurrency limit and bursts, REST
 * retries of dropped connections, 5xx and 429 answers, start-up with a rejected
 * token, gateway resumes and restarts.
 */
const en = t('en');
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const CALLBACK_ROUTE = '/interactions/:id/:token/callback';

/** Resolves on the next turn of the event loop (after its I/O phase). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A promise with its resolve and reject exposed. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('concurrency limiter', () => {
  it('runs at most `limit` tasks at once and starts the rest first in, first out', async () => {
    const limiter = createConcurrencyLimiter(3);
    const gates = Array.from({ length: 8 }, () => deferred());
    const started: number[] = [];
    let active = 0;
    let most = 0;
    const done = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        active += 1;
        most = Math.max(most, active);
        await gate.promise;
        active -= 1;
        return i * 10;
      }),
    );
    expect(started).toEqual([]); // nothing runs inside run(): every task starts on a later macrotask
    while (started.length < 3) await nextTurn();
    await nextTurn();
    expect(started).toEqual([0, 1, 2]);
    expect([limiter.running, limiter.queued]).toEqual([3, 5]);

    // Finish out of order: the slots go to the waiting tasks in the order they came.
    gates[1]!.resolve();
    gates[0]!.resolve();
    await done[0];
    await done[1];
    while (started.length < 5) await nextTurn();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(done)).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
    expect([limiter.running, limiter.queued]).toEqual([0, 0]);
  });

  it('starts one task per turn of the event loop: other I/O callbacks run between handlers, however many slots are free', async () => {
    const limiter = createConcurrencyLimiter(100);
    const events: string[] = [];
    // A stand-in for the event loop's other work (socket reads, flushing sends): one entry per loop turn.
    let ticking = true;
    const tick = () => {
      events.push('tick');
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    // Handlers that never await (like core.ask): without a yield they would all run in one turn.
    const all = Array.from({ length: 6 }, (_, i) => limiter.run(async () => void events.push(`task ${i}`)));
    await Promise.all(all);
    ticking = false;
    const tasks = events.map((e, i) => (e.startsWith('task') ? i : -1)).filter((i) => i >= 0);
    expect(events.filter((e) => e.startsWith('task'))).toEqual(['task 0', 'task 1', 'task 2', 'task 3', 'task 4', 'task 5']);
    for (let k = 1; k < tasks.length; k += 1) {
      expect(events.slice(tasks[k - 1]! + 1, tasks[k]), `between task ${k - 1} and task ${k}`).toContain('tick');
    }
  });

  it('passes a failure to its caller, frees the slot and keeps going', async () => {
    const limiter = createConcurrencyLimiter(1);
    const failing = limiter.run(async () => {
      throw new Error('boom');
    });
    const throwingSync = limiter.run((() => {
      throw new Error('sync boom');
    }) as () => Promise<void>);
    const next = limiter.run(async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    await expect(throwingSync).rejects.toThrow('sync boom');
    await expect(next).resolves.toBe('next');
    expect([limiter.running, limiter.queued]).toEqual([0, 0]);
  });

  it('keeps order over a long queue (the array it queues in is compacted as it drains)', async () => {
    const limiter = createConcurrencyLimiter(2);
    const order: number[] = [];
    await Promise.all(Array.from({ length: 5000 }, (_, i) => limiter.run(async () => void order.push(i))));
    expect(order).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('refuses a limit below one', () => {
    expect(() => createConcurrencyLimiter(0)).toThrow(RangeError);
    expect(() => createConcurrencyLimiter(1.5)).toThrow(RangeError);
  });
});

/** What undici's request() throws when the server closes the connection under a request. */
const socketClosed = () => Object.assign(new Error('other side closed'), { name: 'SocketError', code: 'UND_ERR_SOCKET' });
/** What fetch() throws for the same. */
const fetchFailed = () => new TypeError('fetch failed', { cause: socketClosed() });

const URL_WITH_TOKEN = 'http://127.0.0.1:1/api/v10/interactions/1234567890123456789/aW50ZXJhY3Rpb246secret-token/callback?with_response=false';

/** The wrapper around a network function that fails with `errors` in turn, then answers. */
function wrapped(errors: unknown[], maxRetries = 3) {
  const failures: ConnectionFailure[] = [];
  const response = { status: 204 } as Awaited<ReturnType<ReturnType<typeof makeRequestRetryingDroppedSockets>>>;
  const queue = [...errors];
  const makeRequest = makeRequestRetryingDroppedSockets(
    (f) => failures.push(f),
    maxRetries,
    async () => {
      const next = queue.shift();
      if (next) throw next;
      return response;
    },
  );
  return { makeRequest, failures, response };
}

describe('makeRequest retrying dropped sockets', () => {
  it('rethrows a connection closed under the request as ECONNRESET (what @discordjs/rest retries), keeping the cause', async () => {
    for (const error of [socketClosed(), fetchFailed()]) {
      const { makeRequest, failures } = wrapped([error]);
      const thrown = (await makeRequest(URL_WITH_TOKEN, { method: 'POST', headers: {} }).then(
        () => undefined,
        (err: unknown) => err,
      )) as Error & { code?: string };
      expect(thrown).toBeInstanceOf(Error);
      expect(thrown.code).toBe('ECONNRESET');
      expect(thrown.cause).toBe(error);
      expect(failures).toEqual([{ method: 'POST', url: URL_WITH_TOKEN, reason: 'UND_ERR_SOCKET', attempt: 1, retried: true }]);
    }
  });

  it('passes answers and other errors through untouched', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { makeRequest, failures, response } = wrapped([refused]);
    await expect(makeRequest(URL_WITH_TOKEN, { method: 'POST', headers: {} })).rejects.toBe(refused);
    await expect(makeRequest(URL_WITH_TOKEN, { method: 'POST', headers: {} })).resolves.toBe(response);
    expect(failures).toEqual([]);
  });

  it('counts the attempts of one request (its headers object) and says when the last one is not retried', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const { makeRequest, failures } = wrapped([socketClosed(), socketClosed(), reset, socketClosed(), socketClosed()], 3);
    const headers = {};
    for (let i = 0; i < 4; i += 1) await makeRequest(URL_WITH_TOKEN, { method: 'POST', headers }).catch(() => undefined);
    await makeRequest(URL_WITH_TOKEN, { method: 'POST', headers: {} }).catch(() => undefined);
    expect(failures.map((f) => [f.reason, f.attempt, f.retried])).toEqual([
      ['UND_ERR_SOCKET', 1, true],
      ['UND_ERR_SOCKET', 2, true],
      ['ECONNRESET', 3, true],
      ['UND_ERR_SOCKET', 4, false],
      ['UND_ERR_SOCKET', 1, true], // another request
    ]);
  });
});

describe('routeOf', () => {
  it('keeps the route and drops ids, tokens and the query', () => {
    expect(routeOf(URL_WITH_TOKEN)).toBe('/interactions/:id/:token/callback');
    expect(routeOf('https://discord.com/api/v10/webhooks/100000000000000001/aW50ZXJhY3Rpb246secret/messages/%40original')).toBe(
      '/webhooks/:id/:token/messages/@original',
    );
    expect(routeOf('https://discord.com/api/v10/channels/400000000000000001/messages')).toBe('/channels/:id/messages');
    expect(routeOf('not a url')).toBe('(unparsable url)');
  });
});

const BURST = DEFAULT_CONCURRENCY + 24;

const userFor = (i: number): FakeUser => ({
  id: String(320_000_000_000_000_000n + BigInt(i)),
  username: `burst${i}`,
  global_name: null,
  discriminator: '0',
  avatar: null,
});

describe('a burst of interactions', () => {
  let bot: Bot;
  afterEach(() => bot?.stop());

  it(`runs at most ${DEFAULT_CONCURRENCY} handlers at once; the others wait their turn and every one is answered`, async () => {
    bot = await startBot();
    // The fake holds interaction callbacks unanswered: each held one is a handler still running in the bot.
    const held = bot.fake.hold({ method: 'POST', path: CALLBACK });
    const connectionsBefore = bot.fake.connections;
    const sent = Array.from({ length: BURST }, (_, i) =>
      bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: i % 2 ? 'how much gas will russia send iran?' : 'who signed it?' }], {
        user: userFor(i),
      }),
    );
    // Let one handler finish at a time, each time the bot has all it may have in flight.
    for (let finished = 0; finished < BURST; finished += 1) {
      await held.waitForPending(Math.min(DEFAULT_CONCURRENCY, BURST - finished));
      held.release(1);
    }
    expect(held.most).toBe(DEFAULT_CONCURRENCY);
    // undici opens a connection for each request it has in flight at once (no pipelining) and
    // reuses idle ones: a bot that sent every callback at once would have opened one per interaction.
    expect(bot.fake.connections - connectionsBefore).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);

    const answered = await bot.fake.waitForCalls((c) => c.method === 'POST' && CALLBACK.test(c.path), BURST);
    const byInteraction = new Map(answered.map((c) => [c.path.split('/')[2], c]));
    for (const [i, interaction] of sent.entries()) {
      const call = byInteraction.get(interaction.id);
      expect(call?.status, `interaction ${i}`).toBe(204);
      expect(call!.body.data.embeds[0].description, `interaction ${i}`).toContain(i % 2 ? '55' : 'Putin');
    }
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
  });

  it('direct messages and mentions share the same limit: a flood of them never has more than the limit in flight', async () => {
    bot = await startBot();
    // Each DM is its own channel, so @discordjs/rest does not serialise the replies per channel: only the limiter bounds them.
    const held = bot.fake.hold({ method: 'POST', path: /^\/channels\/\d+\/messages$/ });
    const connectionsBefore = bot.fake.connections;
    const sent = Array.from({ length: BURST }, (_, i) => bot.fake.userMessage('who signed it?', { dm: true, user: userFor(1000 + i) }));
    for (let finished = 0; finished < BURST; finished += 1) {
      await held.waitForPending(Math.min(DEFAULT_CONCURRENCY, BURST - finished));
      held.release(1);
    }
    expect(held.most).toBe(DEFAULT_CONCURRENCY);
    expect(bot.fake.connections - connectionsBefore).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);
    const replies = await bot.fake.waitForCalls((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path) && c.status === 200, BURST);
    expect(new Set(replies.map((c) => c.body.message_reference.message_id))).toEqual(new Set(sent.map((m) => m.id)));
  });
});

/**
 * Faults on the interaction callback, through the real discord.js REST client against the
 * fake: the fake drops the connection (status 0), answers 5xx or 429. Each failed attempt is
 * retried and logged once as a warning; the user gets the answer, not the apology.
 */
describe('Discord REST retries against the fake', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot?.stop());

  const ask = () => bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas will russia send iran?' }]);
  const isCallbackOf = (sent: SentInteraction) => (c: RecordedCall) => c.method === 'POST' && c.path === `/interactions/${sent.id}/${sent.token}/callback`;
  /** Waits for the interaction's first successful callback; returns every attempt, in order. */
  const attemptsUntilAnswered = async (sent: SentInteraction) => {
    await bot.fake.waitForCall((c) => isCallbackOf(sent)(c) && c.status >= 200 && c.status < 300);
    return bot.fake.calls.filter(isCallbackOf(sent));
  };
  const retryLogs = (msg: string) => bot.logs().filter((l) => l.msg === msg);
  const errorsAbout = (sent: SentInteraction) => bot.logs().filter((l) => l.level >= 50 && l.interaction === bot.deps.ids.hash('dc-interaction', sent.id));

  it('retries an interaction callback whose connection was dropped: the user gets the answer, not the apology', async () => {
    const before = retryLogs('discord request retried').length;
    bot.fake.fail({ method: 'POST', path: CALLBACK, status: 0, times: 1 });
    const sent = ask();
    const attempts = await attemptsUntilAnswered(sent);
    expect(attempts.map((c) => c.status)).toEqual([0, 204]);
    const answer = attempts[1]!.body;
    expect(answer.type).toBe(4);
    expect(answer.data.embeds[0].description).toContain('55');
    expect(answer.data.content ?? '').not.toBe(en.failed);
    expect(attempts[0]!.body).toEqual(answer); // the same answer, sent again
    expect(errorsAbout(sent)).toEqual([]);

    const warned = retryLogs('discord request retried').slice(before);
    expect(warned).toEqual([expect.objectContaining({ level: 40, method: 'POST', route: CALLBACK_ROUTE, reason: 'UND_ERR_SOCKET', attempt: 1 })]);
    expect(JSON.stringify(warned)).not.toContain(sent.token);
  });

  it('logs each retry once, and after the last retry the error boundary apologises', async () => {
    const before = retryLogs('discord request retried').length;
    // Four drops in a row: the first attempt and its three retries (@discordjs/rest's default).
    bot.fake.fail({ method: 'POST', path: CALLBACK, status: 0, times: 4 });
    const sent = ask();
    const attempts = await attemptsUntilAnswered(sent);
    expect(attempts.map((c) => c.status)).toEqual([0, 0, 0, 0, 204]);
    expect(attempts[4]!.body.data.content).toBe(en.failed);
    expect(
      retryLogs('discord request retried')
        .slice(before)
        .map((l) => [l.reason, l.attempt]),
    ).toEqual([
      ['UND_ERR_SOCKET', 1],
      ['UND_ERR_SOCKET', 2],
      ['UND_ERR_SOCKET', 3],
    ]);
    await bot.waitForLog((l) => l.level === 50 && l.interaction === bot.deps.ids.hash('dc-interaction', sent.id));
    expect(errorsAbout(sent)).toHaveLength(1);
  });

  it('retries a 5xx answer with a warning naming the status', async () => {
    const before = retryLogs('discord request retried').length;
    bot.fake.fail({ method: 'POST', path: CALLBACK, status: 502, times: 1 });
    const sent = ask();
    const attempts = await attemptsUntilAnswered(sent);
    expect(attempts.map((c) => c.status)).toEqual([502, 204]);
    expect(attempts[1]!.body.data.embeds[0].description).toContain('55');
    expect(retryLogs('discord request retried').slice(before)).toEqual([
      expect.objectContaining({ level: 40, method: 'POST', route: CALLBACK_ROUTE, status: 502, attempt: 1 }),
    ]);
    expect(errorsAbout(sent)).toEqual([]);
  });

  it('waits out a 429 answer and warns once with its retry_after', async () => {
    const before = retryLogs('discord rate limited').length;
    bot.fake.fail({ method: 'POST', path: CALLBACK, status: 429, retryAfter: 0.05, times: 1 });
    const sent = ask();
    const attempts = await attemptsUntilAnswered(sent);
    expect(attempts.map((c) => c.status)).toEqual([429, 204]);
    expect(attempts[1]!.body.data.embeds[0].description).toContain('55');
    expect(retryLogs('discord rate limited').slice(before)).toEqual([
      expect.objectContaining({ level: 40, method: 'POST', route: CALLBACK_ROUTE, status: 429, retryAfter: 50, scope: 'user' }),
    ]);
  });

  it('never writes the bot token or an interaction token to the log', () => {
    expect(bot.lines.length).toBeGreaterThan(0);
    expect(secretsIn(bot)).toEqual([]);
  });
});

describe('Discord adapter start-up and connection', () => {
  it('fails to start with a clear message naming DISCORD_TOKEN when Discord rejects the token', async () => {
    const fake = await startFakeDiscord({ token: 'MTAwMDAwMDAwMDAwMDAwMDAy.OtHeR1.the-token-the-fake-expects_0123456789' });
    try {
      const config = testConfig(fake);
      const { logger, lines } = captureLogger(config);
      const deps = await testDeps({ logger });
      const adapter = createDiscordAdapter(config, deps);
      const failure = await adapter.start().then(
        () => undefined,
        (err: unknown) => err as Error,
      );
      expect(failure).toBeInstanceOf(Error);
      expect(failure!.message).toMatch(/DISCORD_TOKEN/);
      expect(failure!.message).toMatch(/rejected/);
      expect(failure!.message).not.toContain(FAKE_TOKEN);
      expect(fake.calls.map((c) => [c.path, c.status])).toEqual([['/gateway/bot', 401]]);
      expect(fake.identifies).toEqual([]);
      expect(lines.join('\n')).not.toContain(FAKE_TOKEN);
      await adapter.stop();
      await deps.close();
    } finally {
      await fake.close();
    }
  });

  it('resumes the session after the gateway drops the connection and keeps answering', async () => {
    const bot = await startBot();
    try {
      bot.fake.disconnect(4000);
      const resumed = await bot.fake.waitForResume();
      expect(bot.fake.identifies).toHaveLength(1);
      expect(bot.fake.resumes).toEqual([resumed]);
      const { data } = await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas' }]));
      expect(data.embeds[0].description).toContain('55');
      expect(bot.logs().some((l) => l.msg === 'discord shard resumed')).toBe(true);
    } finally {
      await bot.stop();
    }
  });

  it('a button sent before a restart still answers afterwards (its state is all in the custom_id, the core’s action)', async () => {
    const bot = await startBot();
    const asked = await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas' }]));
    const button = asked.data.components[0].components[0];
    await bot.adapter.stop();
    const restarted = createDiscordAdapter(bot.config, bot.deps);
    try {
      await restarted.start();
      expect(bot.fake.identifies).toHaveLength(2);
      const { data } = await bot.fake.waitForResponse(bot.fake.component(button.custom_id));
      expect(`More: ${data.embeds[0].title}`).toBe(button.label);
      // 👍 under the answer from before the restart is still understood and stored.
      const up = buttonsOf(asked.data).find((b) => b.label === '👍');
      const vote = await bot.fake.waitForResponse(bot.fake.component(up.custom_id));
      expect(vote.data.content).toBe(en.voteThanks);
    } finally {
      await restarted.stop();
      await bot.stop();
    }
  });

  it('stop() closes the gateway connection', async () => {
    const bot = await startBot();
    const closed = new Promise<void>((resolve) => bot.fake.once('socket-closed', () => resolve()));
    await bot.adapter.stop();
    await closed;
    await bot.stop();
  });
});
