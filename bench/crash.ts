/**
 * Kill -9 bench: `npm run bench:crash -- [--kills N] [--rate R] [--only polling|webhook] [--json]`.
 *
 * Runs the bot as `npm start` does (src/entry/main.ts, its own process, a
 * SQLite database on disk) against the fake Bot API under a steady load of
 * updates, and kills it with SIGKILL at random points mid-load, N times per
 * mode, restarting it on the same database each time; then lets the last run
 * drain the backlog and stops it with SIGTERM. The load: questions from a new
 * user each (four in five off-topic, each worded uniquely, so each must be
 * recorded once in the unanswered inbox) and a 👍 from every user who got an
 * answer with buttons. Polling: updates wait at the fake while the bot is
 * down, as at Telegram. Webhook: every update is POSTed until it gets 200, as
 * Telegram redelivers.
 *
 * Counted per mode:
 *  - lost: updates Telegram considers delivered (below an offset the bot sent;
 *    a 200 from the webhook) that were never answered, even after the drain;
 *  - duplicate records: questions recorded more than once, votes counted more than once;
 *  - missing records: questions or votes answered but not recorded;
 *  - answered twice (allowed by at-least-once, reported): updates whose answer was
 *    sent again after a kill between sending it and finishing the update.
 * Exits 1 unless lost, duplicate and missing are all 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Message, Update } from 'grammy/types';
import { encodeAction } from '../src/core/conversation/actions.js';
import { FakeBotApi } from '../test/fakes/telegram-bot-api.js';
import { callbackQuery, messageUpdate, privateChat, textMessage, user } from '../test/fakes/telegram-updates.js';
import { type BotProcess, startBot } from './load/bot-process.js';
import { round, sleep, table } from './load/stats.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const kills = option('--kills', 20);
const rate = option('--rate', 300);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const json = args.includes('--json');
const SECRET = 'crash-bench-webhook-secret_01';
const IN_SCOPE = 'how much gas will russia send iran?';
const FIRST_USER = 30_000_000;
const START_MS = 120_000;
const DRAIN_STALL_MS = 60_000;

export interface ModeResult {
  mode: 'polling' | 'webhook';
  kills: number;
  updates: number;
  questions: number;
  votes: number;
  /** Delivered to the bot by Telegram's reckoning, and never answered. */
  lost: number;
  /** Not delivered by the end of the drain (neither confirmed nor answered). */
  undelivered: number;
  duplicateRecords: number;
  missingRecords: number;
  answeredTwice: number;
  /** Webhook: Telegram's deliveries by the status they got (0: no response, the bot was down or died). */
  deliveries: Record<string, number>;
  peakRssMb: number;
  integrity: string;
  seconds: number;
}

interface Item {
  kind: 'question' | 'vote';
  chatId: number;
  /** The callback query id of a vote (its answer is answerCallbackQuery). */
  queryId?: string;
  offTopic: boolean;
  update: Update;
  /** Webhook: answered 200. */
  acknowledged: boolean;
}

function questionUpdate(i: number): { item: Omit<Item, 'update'>; update: Omit<Update, 'update_id'> } {
  const from = user(FIRST_USER + i, `U${i}`);
  const offTopic = i % 5 !== 0;
  const text = offTopic ? `what does a pizza cost in Naples, case number ${i}?` : IN_SCOPE;
  return { item: { kind: 'question', chatId: from.id, offTopic, acknowledged: false }, update: messageUpdate(textMessage(privateChat(from), from, text)) };
}

function post(port: number, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/hook',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      },
      (res) => {
        // The status is the acknowledgement (the bot sends it only once the update is handled); the body is empty.
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', () => resolve(0));
    req.setTimeout(30_000, () => req.destroy());
    req.end(body);
  });
}

async function runMode(mode: 'polling' | 'webhook'): Promise<ModeResult> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'crash-bench-'));
  const fake = await FakeBotApi.start();
  const env: Record<string, string> = {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    DB_PATH: join(dir, 'bot.db'),
    WATCH_DATA: 'false',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '10000',
    ...(mode === 'webhook'
      ? { TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook', TELEGRAM_WEBHOOK_SECRET: SECRET, OPS_HOST: '127.0.0.1', OPS_PORT: '0' }
      : {}),
  };
  const items: Item[] = [];
  const byChat = new Map<number, Item>();
  const byQuery = new Map<string, Item>();
  let nextUpdateId = 1;
  let produced = 0;
  let producing = true;
  let port: number | undefined;
  const resend: Item[] = [];
  const statuses = new Map<number, number>();
  let peak = 0;

  function add(item: Omit<Item, 'update'>, update: Omit<Update, 'update_id'>): void {
    let full: Update;
    if (mode === 'polling') full = fake.pushUpdate(update);
    else full = { update_id: nextUpdateId++, ...update } as Update;
    const it: Item = { ...item, update: full };
    items.push(it);
    if (it.kind === 'question') byChat.set(it.chatId, it);
    else byQuery.set(it.queryId!, it);
    if (mode === 'webhook') resend.push(it);
  }

  // The load: `rate` new questions a second, whatever state the bot is in.
  const producer = setInterval(() => {
    if (!producing) return;
    for (let k = 0; k < rate / 50; k++) {
      const { item, update } = questionUpdate(produced++);
      add(item, update);
    }
  }, 20);

  // Answers seen at the fake, read as they come: every in-scope answer gets its user's 👍.
  let seen = 0;
  const answersPerChat = new Map<number, number>();
  const answersPerQuery = new Map<string, number>();
  const vote = encodeAction({ kind: 'vote', topicId: 'gas', vote: 1, lang: 'en' })!;
  const track = () => {
    for (; seen < fake.calls.length; seen++) {
      const call = fake.calls[seen]!;
      if (!call.ok) continue;
      if (call.method === 'sendMessage') {
        const chatId = Number(call.params.chat_id);
        const n = (answersPerChat.get(chatId) ?? 0) + 1;
        answersPerChat.set(chatId, n);
        const question = byChat.get(chatId);
        if (n === 1 && question && !question.offTopic && producing) {
          const from = user(chatId, 'U');
          const press = callbackQuery(from, call.result as Message, vote);
          add({ kind: 'vote', chatId, queryId: press.callback_query!.id, offTopic: false, acknowledged: false }, press);
        }
      } else if (call.method === 'answerCallbackQuery') {
        const id = String(call.params.callback_query_id);
        answersPerQuery.set(id, (answersPerQuery.get(id) ?? 0) + 1);
      }
    }
  };
  const tracker = setInterval(track, 20);
  const answered = () => [...answersPerChat.values()].reduce((a, b) => a + b, 0) + [...answersPerQuery.values()].reduce((a, b) => a + b, 0);

  // Webhook: Telegram's side, delivering each update until it gets 200.
  const senders =
    mode === 'webhook'
      ? Array.from({ length: 32 }, async () => {
          while (producing || resend.length) {
            // While the bot is down (or not listening yet) updates wait in the queue, as at Telegram.
            const it = port === undefined ? undefined : resend.shift();
            if (!it || port === undefined) {
              await sleep(10);
              continue;
            }
            const status = await post(port, JSON.stringify(it.update));
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status === 200) it.acknowledged = true;
            else {
              resend.push(it);
              await sleep(20);
            }
          }
        })
      : [];

  let bot: BotProcess | undefined;
  const launch = async () => {
    const b = await startBot(env, [fake.token, SECRET]);
    await b.waitForLog((e) => e.msg === 'Telegram bot receiving updates', START_MS, 'the bot started');
    // The webhook is served by the operations server (OPS_PORT=0: the port it took is in its first log line).
    if (mode === 'webhook')
      port = Number((await b.waitForLog((e) => String(e.msg).startsWith('operations server listening'), START_MS, 'the operations server')).port);
    return b;
  };
  try {
    for (let k = 0; k < kills; k++) {
      bot = await launch();
      // Kill at a random point mid-load: after 50 to 500 more answers.
      const target = answered() + 50 + Math.floor(Math.random() * 450);
      const deadline = performance.now() + 60_000;
      while (answered() < target && performance.now() < deadline && !bot.crashed()) await sleep(5);
      if (bot.crashed()) throw new Error(`the bot crashed by itself during run ${k + 1}: ${bot.logs().samples.join(' | ')}`);
      peak = Math.max(peak, bot.peakRssMb() ?? 0);
      port = undefined;
      bot.kill('SIGKILL');
      await bot.exit;
      bot = undefined;
    }
    // The last run: the load stops, the backlog drains, then a graceful stop.
    producing = false;
    bot = await launch();
    // The backlog drains for as long as answers keep coming (a stall of DRAIN_STALL_MS ends it, and the run fails).
    const everyoneAnswered = () =>
      items.every((it) => (it.kind === 'question' ? (answersPerChat.get(it.chatId) ?? 0) > 0 : (answersPerQuery.get(it.queryId!) ?? 0) > 0)) &&
      resend.length === 0;
    let progress = answered();
    let progressAt = performance.now();
    while (!everyoneAnswered() && performance.now() - progressAt < DRAIN_STALL_MS) {
      await sleep(50);
      if (answered() !== progress) [progress, progressAt] = [answered(), performance.now()];
    }
    await Promise.all(senders);
    peak = Math.max(peak, bot.peakRssMb() ?? 0);
    const stopped = await bot.stop(30_000);
    bot = undefined;
    if (stopped.code !== 0) throw new Error(`the last run did not stop cleanly (code ${stopped.code}, signal ${stopped.signal})`);
  } finally {
    clearInterval(producer);
    producing = false;
    await bot?.stop(5000);
  }
  clearInterval(tracker);
  track();

  const delivered = (it: Item) => (mode === 'polling' ? it.update.update_id < fake.highestOffset : it.acknowledged);
  const isAnswered = (it: Item) => (it.kind === 'question' ? (answersPerChat.get(it.chatId) ?? 0) > 0 : (answersPerQuery.get(it.queryId!) ?? 0) > 0);
  const answerCount = (it: Item) => (it.kind === 'question' ? (answersPerChat.get(it.chatId) ?? 0) : (answersPerQuery.get(it.queryId!) ?? 0));
  const db = new Database(env.DB_PATH!, { readonly: true });
  const recorded = db.prepare('SELECT normalized, count(*) AS n FROM unanswered GROUP BY normalized').all() as Array<{ normalized: string; n: number }>;
  const gas = db.prepare("SELECT count(*) AS n FROM feedback WHERE topic = 'gas'").get() as { n: number };
  const integrity = String(db.pragma('integrity_check', { simple: true }));
  db.close();
  const offTopicAnswered = items.filter((it) => it.kind === 'question' && it.offTopic && isAnswered(it)).length;
  const votesAnswered = items.filter((it) => it.kind === 'vote' && isAnswered(it)).length;
  const questionRecords = recorded.filter((r) => r.normalized.includes('case number'));
  const result: ModeResult = {
    mode,
    kills,
    updates: items.length,
    questions: items.filter((it) => it.kind === 'question').length,
    votes: items.filter((it) => it.kind === 'vote').length,
    lost: items.filter((it) => delivered(it) && !isAnswered(it)).length,
    undelivered: items.filter((it) => !delivered(it) && !isAnswered(it)).length,
    duplicateRecords: questionRecords.filter((r) => r.n > 1).length + Math.max(0, gas.n - votesAnswered),
    missingRecords: Math.max(0, offTopicAnswered - questionRecords.length) + Math.max(0, votesAnswered - gas.n),
    answeredTwice: items.filter((it) => answerCount(it) > 1).length,
    deliveries: Object.fromEntries([...statuses].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v])),
    peakRssMb: Math.round(peak),
    integrity,
    seconds: round((performance.now() - started) / 1000),
  };
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const results: ModeResult[] = [];
const failures: string[] = [];
for (const mode of ['polling', 'webhook'] as const) {
  if (only && only !== mode) continue;
  try {
    results.push(await runMode(mode));
  } catch (err) {
    failures.push(`${mode}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}
const ok =
  failures.length === 0 &&
  results.length > 0 &&
  results.every((r) => r.lost === 0 && r.duplicateRecords === 0 && r.missingRecords === 0 && r.undelivered === 0 && r.integrity === 'ok');
const machine = { cpus: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString() };
if (json) console.log(JSON.stringify({ ok, machine, rate, results, failures }));
else {
  console.log(`kill -9 bench: ${machine.cpus} × ${machine.cpu}, Node ${machine.node}, ${machine.date}, load ${rate} questions/s\n`);
  const rows: Array<[string, (r: ModeResult) => string]> = [
    ['kills (SIGKILL mid-load)', (r) => String(r.kills)],
    ['updates (questions + votes)', (r) => `${r.updates} (${r.questions} + ${r.votes})`],
    ['lost (confirmed, never answered)', (r) => String(r.lost)],
    ['duplicate records', (r) => String(r.duplicateRecords)],
    ['missing records', (r) => String(r.missingRecords)],
    ['undelivered at the end', (r) => String(r.undelivered)],
    ['answered twice (at-least-once)', (r) => String(r.answeredTwice)],
    [
      'webhook deliveries by status',
      (r) =>
        Object.entries(r.deliveries)
          .map(([k, v]) => `${k === '0' ? 'none' : k}: ${v}`)
          .join(', ') || '–',
    ],
    ['peak RSS of a run (MB)', (r) => String(r.peakRssMb)],
    ['database integrity check', (r) => r.integrity],
    ['seconds', (r) => String(r.seconds)],
  ];
  console.log(
    table(
      ['', ...results.map((r) => r.mode)],
      rows.map(([label, f]) => [label, ...results.map(f)]),
    ),
  );
  for (const f of failures) console.log(`\nFAILED ${f}`);
  console.log(`\n${ok ? 'ok' : 'FAIL'}`);
}
process.exit(ok ? 0 : 1);
