import { request } from 'node:http';
import autocannon from 'autocannon';
import type { Chat, Update, User } from 'grammy/types';
import { FakeBotApi, type ApiCall, type Failure } from '../../test/fakes/telegram-bot-api.js';
import { groupChat, messageUpdate, privateChat, textMessage, user } from '../../test/fakes/telegram-updates.js';
import { startBot } from './bot-process.js';
import { botFigures, harnessFigures, judge, spread, tally, type PassResult } from './pass.js';
import { monotonicUs, summariseProfiles } from './profile.js';
import { perSecond, sleep, within } from './stats.js';
import { TELEGRAM_MIX } from './workload.js';

/**
 * Telegram in webhook mode: the bot (src/main.ts with TELEGRAM_WEBHOOK_URL)
 * registers its webhook with the fake Bot API, then autocannon POSTs distinct
 * updates to it (a new user and chat for each, so per-user rate limiting never
 * applies and every reply maps back to its update by chat id). Replies are
 * counted at the fake.
 */

export interface TelegramOptions {
  updates: number;
  connections: number;
  faults: boolean;
  /** The pass gives up waiting for replies this long (ms) after the load starts. */
  budgetMs: number;
  /** Write the bot's CPU profile here and summarise it. */
  profileDir?: string;
  /**
   * Updates sent the same way before the measured run (their replies are
   * awaited, not counted): a long-running bot's code is optimised by the JIT,
   * a freshly started one's is not, and a short run measures mostly the latter.
   */
  warmup?: number;
}

const SECRET = 'load-bench_webhook-secret';
const HOOK_PATH = '/telegram/hook';
const FIRST_USER = 20_000_000;
const FIRST_GROUP = 1_000_000_000_000;
const WARMUP_USER = 9_000_000;
/** An autocannon request: an update POSTed to the bot's webhook with Telegram's secret header. */
const WEBHOOK_POST = { method: 'POST', path: HOOK_PATH, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET } } as const;
/** Warm-up inputs use indices from here: their chats map to no measured input. */
const WARMUP_INDEX = 5_000_000;

const tooMany = (seconds: number): Failure => ({
  error_code: 429,
  description: `Too Many Requests: retry after ${seconds}`,
  parameters: { retry_after: seconds },
});
/** Injected three times mid-run (at 10 %, 40 % and 70 % of the replies): 429s, 5xx and reset connections on sendMessage. */
const FAULT_BATCH: Failure[] = [
  tooMany(1),
  'network',
  { error_code: 500, description: 'Internal Server Error' },
  'network',
  tooMany(1),
  { error_code: 502, description: 'Bad Gateway' },
];
const FAULT_MARKS = [0.1, 0.4, 0.7];

function update(updateId: number, index: number, from: User, chat: Chat, text: string): Update {
  return { update_id: updateId, ...messageUpdate(textMessage(chat, from, text, { message_id: index + 1 })) } as Update;
}

/** The update for input `i`: its own user, and its own private chat or supergroup. */
function loadUpdate(i: number): { body: string; chatId: number } {
  const item = TELEGRAM_MIX[i % TELEGRAM_MIX.length]!;
  const from = user(FIRST_USER + i, `User${i}`, { language_code: item.lang });
  const chat = item.group ? groupChat(-(FIRST_GROUP + i)) : privateChat(from);
  return { body: JSON.stringify(update(1_000_000 + i, i, from, chat, item.text)), chatId: chat.id };
}

function indexOfChat(chatId: unknown): number | undefined {
  const id = Number(chatId);
  if (id >= FIRST_USER && id < FIRST_GROUP) return id - FIRST_USER;
  if (id <= -FIRST_GROUP) return -id - FIRST_GROUP;
  return undefined;
}

const replyKey = (call: ApiCall) => `${call.plain}\u0000${JSON.stringify(call.params.reply_markup ?? null)}`;

function post(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: HOOK_PATH,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function runTelegram(opts: TelegramOptions): Promise<PassResult> {
  const started = performance.now();
  const fake = await FakeBotApi.start();
  const bot = await startBot(
    {
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_URL: `https://bot.example.org${HOOK_PATH}`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      OPS_HOST: '127.0.0.1',
      OPS_PORT: '0',
    },
    [fake.token, SECRET],
    opts.profileDir,
  );
  try {
    const listening = await bot.waitForLog(
      (e) => e.msg === 'operations server listening (/healthz, /readyz, /metrics)',
      60_000,
      'the operations server started',
    );
    await bot.waitForLog((e) => e.msg === 'Telegram bot receiving updates', 60_000, 'the Telegram webhook set');
    const port = Number(listening.port);
    if (!fake.webhook) throw new Error('the bot did not register its webhook with the fake');

    // Reference replies (and a JIT warm-up): each question of the mix asked a few times, one at a time.
    const reference = new Map<number, string>();
    for (let round = 0; round < 3; round += 1) {
      for (const [k, item] of TELEGRAM_MIX.entries()) {
        const from = user(WARMUP_USER + round * 100 + k, 'Warm', { language_code: item.lang });
        const chat = item.group ? groupChat(-(WARMUP_USER + round * 100 + k)) : privateChat(from);
        const reply = fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id, timeoutMs: 15_000 });
        const status = await post(port, JSON.stringify(update(500_000 + round * 100 + k, k, from, chat, item.text)));
        if (status !== 200) throw new Error(`warm-up update answered ${status}`);
        const key = replyKey(await reply);
        if (round === 0) reference.set(k, key);
        else if (reference.get(k) !== key) throw new Error(`the reply to "${item.text}" is not deterministic`);
      }
    }
    if (opts.warmup) {
      const before = fake.callsOf('sendMessage').length;
      let next = 0;
      await autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: opts.connections,
        amount: opts.warmup,
        timeout: 20,
        requests: [
          {
            ...WEBHOOK_POST,
            setupRequest: (req) => ({ ...req, body: loadUpdate(WARMUP_INDEX + next++).body }),
          },
        ],
      });
      await within(fake.waitForCount('sendMessage', before + opts.warmup), 60_000, `${opts.warmup} warm-up replies`);
    }
    const firstSeq = fake.calls.length;
    const warmReplies = fake.callsOf('sendMessage').length;

    let injected = 0;
    if (opts.faults) {
      for (const mark of FAULT_MARKS) {
        void fake.waitForCount('sendMessage', warmReplies + Math.max(1, Math.floor(opts.updates * mark))).then(() => {
          for (const failure of FAULT_BATCH) fake.failNext('sendMessage', failure);
          injected += FAULT_BATCH.length;
        });
      }
    }

    const sentAt: number[] = [];
    const statuses = new Map<number, number>();
    // The budget covers the run itself, however long start-up and warm-up took on a busy machine.
    const deadline = performance.now() + opts.budgetMs;
    bot.startLoopWindow();
    const cpuBefore = bot.cpuMs();
    const harnessBefore = process.cpuUsage();
    const fromUs = monotonicUs();
    const t0 = performance.now();
    const result = await within(
      Promise.resolve(
        autocannon({
          url: `http://127.0.0.1:${port}`,
          connections: opts.connections,
          amount: opts.updates,
          timeout: 20,
          requests: [
            {
              ...WEBHOOK_POST,
              setupRequest: (req, context) => {
                const i = sentAt.length;
                sentAt.push(performance.now());
                context.i = i;
                return { ...req, body: loadUpdate(i).body };
              },
              onResponse: (status, _body, context) => void statuses.set(context.i as number, status),
            },
          ],
        }),
      ),
      Math.max(1000, deadline - performance.now()),
      'autocannon finished',
    );
    const httpMs = performance.now() - t0;
    const sent = sentAt.length;

    // Every reply, however delayed; then a moment more to catch duplicates.
    const wanted = warmReplies + sent;
    await within(fake.waitForCount('sendMessage', wanted), Math.max(1000, deadline - performance.now()), `${sent} replies`).catch(() => undefined);
    const cpuAfter = bot.cpuMs();
    const toUs = monotonicUs();
    const loopDelay = await bot.loopDelay();
    const harnessUsed = process.cpuUsage(harnessBefore);
    await sleep(opts.faults ? 1500 : 500);

    const run = fake.calls.slice(firstSeq).filter((c) => c.method === 'sendMessage');
    const replies = run.filter((c) => c.ok);
    const firstReply = new Map<number, ApiCall>();
    let wrong = 0;
    for (const call of replies) {
      const i = indexOfChat(call.params.chat_id);
      if (i === undefined || i >= sent) continue;
      if (!firstReply.has(i)) firstReply.set(i, call);
      if (replyKey(call) !== reference.get(i % TELEGRAM_MIX.length)) wrong += 1;
    }
    const lastAt = Math.max(t0, ...[...firstReply.values()].map((c) => c.at));
    const wallMs = lastAt - t0;
    const { harnessCpuPercent, harnessCpuPerInputMs } = harnessFigures(harnessUsed, wallMs, sent);
    const warnings = bot.logs().warnings;
    const botResult = await botFigures(bot, cpuBefore, cpuAfter, wallMs, sent, loopDelay);
    return judge({
      name: opts.faults ? 'telegram + faults' : 'telegram',
      platform: 'telegram',
      faults: opts.faults,
      sent,
      replies: replies.length,
      ...tally(
        sent,
        replies.map((c) => indexOfChat(c.params.chat_id)),
      ),
      wrong,
      inputPerSecond: perSecond(sent, httpMs),
      endToEndPerSecond: perSecond(firstReply.size, wallMs),
      httpLatency: { n: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      replyLatency: spread([...firstReply].map(([i, c]) => c.at - sentAt[i]!)),
      http: { non2xx: Math.max(result.non2xx, [...statuses.values()].filter((s) => s !== 200).length), errors: result.errors, timeouts: result.timeouts },
      injected,
      failedAttempts: run.filter((c) => !c.ok).length,
      retryWarnings: (warnings['Telegram API request failed'] ?? 0) + (warnings['Telegram API answered an error; retrying'] ?? 0),
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
