import { FAKE_APP_ID, FAKE_TOKEN, startFakeDiscord, type FakeUser, type RecordedCall, type SentInteraction } from '../../test/fakes/discord-gateway.js';
import { startBot } from './bot-process.js';
import { botFigures, harnessFigures, judge, type PassResult, spread, tally } from './pass.js';
import { monotonicUs, summariseProfiles } from './profile.js';
import { perSecond, sleep, within } from './stats.js';
import { DISCORD_MIX, type DiscordItem } from './workload.js';

/**
 * Discord: the bot (src/main.ts with DISCORD_TOKEN) logs in to the fake
 * gateway; the bench dispatches INTERACTION_CREATE for /ask as fast as the
 * socket takes them, each from a new user, and counts the interaction
 * callbacks at the fake's REST side.
 */

export interface DiscordOptions {
  interactions: number;
  faults: boolean;
  budgetMs: number;
  /** Write the bot's CPU profile here and summarise it. */
  profileDir?: string;
}

const CALLBACK = /^\/interactions\/(\d+)\/[^/]+\/callback$/;
const STRING = 3;
const BOOLEAN = 5;
/** Dispatches between yields to the event loop (so the socket, REST answers and timers keep moving). */
const BATCH = 25;

function userFor(i: number): FakeUser {
  return { id: String(310_000_000_000_000_000n + BigInt(i)), username: `user${i}`, global_name: null, discriminator: '0', avatar: null };
}

const options = (item: DiscordItem) => [
  { name: 'question', type: STRING, value: item.question },
  ...(item.private ? [{ name: 'private', type: BOOLEAN, value: true }] : []),
];

const replyKey = (call: RecordedCall) => JSON.stringify(call.body);
/** A 2xx answer; 0 is a connection the fake dropped. */
const answeredOk = (call: RecordedCall) => call.status >= 200 && call.status < 300;

export async function runDiscord(opts: DiscordOptions): Promise<PassResult> {
  const started = performance.now();
  const fake = await startFakeDiscord();
  const callbacks: Array<{ id: string; call: RecordedCall; at: number }> = [];
  const okIds = new Set<string>();
  const okWaiters: Array<{ n: number; resolve: () => void }> = [];
  fake.on('call', (call: RecordedCall) => {
    const m = call.method === 'POST' ? CALLBACK.exec(call.path) : null;
    if (!m) return;
    callbacks.push({ id: m[1]!, call, at: performance.now() });
    if (!answeredOk(call)) return;
    okIds.add(m[1]!);
    for (const w of [...okWaiters]) if (okIds.size >= w.n) okWaiters.splice(okWaiters.indexOf(w), 1) && w.resolve();
  });
  const answered = (n: number) => (okIds.size >= n ? Promise.resolve() : new Promise<void>((resolve) => okWaiters.push({ n, resolve })));

  const bot = await startBot({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: FAKE_APP_ID, DISCORD_API_BASE: fake.apiBase }, [FAKE_TOKEN], opts.profileDir);
  try {
    await bot.waitForLog((e) => e.msg === 'adapter started' && e.adapter === 'discord', 60_000, 'the Discord adapter started');

    // Reference replies (and a JIT warm-up): each question asked a few times, one at a time.
    const reference = new Map<number, string>();
    for (let round = 0; round < 3; round += 1) {
      for (const [k, item] of DISCORD_MIX.entries()) {
        const sent = fake.slash('ask', options(item), { user: userFor(900_000 + round * 100 + k), locale: item.locale });
        const { call } = await fake.waitForResponse(sent, 15_000);
        const key = replyKey(call);
        if (round === 0) reference.set(k, key);
        else if (reference.get(k) !== key) throw new Error(`the reply to "${item.question}" is not deterministic`);
      }
    }
    const firstCallback = callbacks.length;
    const warm = okIds.size;

    let injected = 0;
    const inject = (failure: Parameters<typeof fake.fail>[0]) => {
      fake.fail(failure);
      injected += failure.times ?? 1;
    };
    if (opts.faults) {
      for (const mark of [0.1, 0.4, 0.7]) {
        void answered(warm + Math.max(1, Math.floor(opts.interactions * mark))).then(() => {
          inject({ method: 'POST', path: CALLBACK, status: 429, retryAfter: 0.5, times: 2 });
          inject({ method: 'POST', path: CALLBACK, status: 500, times: 2 });
          inject({ method: 'POST', path: CALLBACK, status: 502, times: 1 });
          // Connections closed under a callback, without an answer (undici: UND_ERR_SOCKET).
          inject({ method: 'POST', path: CALLBACK, status: 0, times: 2 });
        });
      }
    }

    const dispatchedAt = new Map<string, number>();
    const index = new Map<string, number>();
    // The budget covers the run itself, however long start-up and warm-up took on a busy machine.
    const deadline = performance.now() + opts.budgetMs;
    bot.startLoopWindow();
    const cpuBefore = bot.cpuMs();
    const harnessBefore = process.cpuUsage();
    const fromUs = monotonicUs();
    const t0 = performance.now();
    for (let i = 0; i < opts.interactions; i += 1) {
      if (opts.faults && i === Math.floor(opts.interactions / 2)) {
        // Mid-burst the gateway drops the connection; the client resumes and the fake replays what it missed.
        fake.disconnect(4000);
        injected += 1;
      }
      const item = DISCORD_MIX[i % DISCORD_MIX.length]!;
      const sent: SentInteraction = fake.slash('ask', options(item), { user: userFor(i), locale: item.locale });
      dispatchedAt.set(sent.id, performance.now());
      index.set(sent.id, i);
      if (i % BATCH === BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    const dispatchMs = performance.now() - t0;
    const sent = dispatchedAt.size;

    await within(answered(warm + sent), Math.max(1000, deadline - performance.now()), `${sent} interaction callbacks`).catch(() => undefined);
    const cpuAfter = bot.cpuMs();
    const toUs = monotonicUs();
    const loopDelay = await bot.loopDelay();
    const harnessUsed = process.cpuUsage(harnessBefore);
    await sleep(opts.faults ? 1500 : 500);

    const run = callbacks.slice(firstCallback);
    const ok = run.filter((c) => answeredOk(c.call));
    const first = new Map<string, number>();
    let wrong = 0;
    for (const c of ok) {
      const i = index.get(c.id);
      if (i === undefined) continue;
      if (!first.has(c.id)) first.set(c.id, c.at);
      if (replyKey(c.call) !== reference.get(i % DISCORD_MIX.length)) wrong += 1;
    }
    const lastAt = Math.max(t0, ...first.values());
    const wallMs = lastAt - t0;
    const { harnessCpuPercent, harnessCpuPerInputMs } = harnessFigures(harnessUsed, wallMs, sent);
    const warnings = bot.logs().warnings;
    const botResult = await botFigures(bot, cpuBefore, cpuAfter, wallMs, sent, loopDelay);
    return judge({
      name: opts.faults ? 'discord + faults' : 'discord',
      platform: 'discord',
      faults: opts.faults,
      sent,
      replies: ok.length,
      ...tally(
        sent,
        ok.map((c) => index.get(c.id)),
      ),
      wrong,
      inputPerSecond: perSecond(sent, dispatchMs),
      endToEndPerSecond: perSecond(first.size, wallMs),
      replyLatency: spread([...first].map(([id, at]) => at - dispatchedAt.get(id)!)),
      injected,
      failedAttempts: run.filter((c) => !answeredOk(c.call)).length,
      retryWarnings: (warnings['discord rate limited'] ?? 0) + (warnings['discord request retried'] ?? 0),
      resumes: fake.resumes.length,
      bot: botResult,
      harnessCpuPercent,
      harnessCpuPerInputMs,
      wallMs: Math.round(performance.now() - started),
      ...(opts.profileDir ? { profile: summariseProfiles(opts.profileDir, process.cwd(), { from: fromUs, to: toUs }) } : {}),
    });
  } finally {
    await bot.stop().catch(() => undefined);
    await fake.close();
  }
}
