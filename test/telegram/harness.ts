import { Writable } from 'node:stream';
import type { Chat, InlineKeyboardButton, Message, User } from 'grammy/types';
import type { AdapterDeps } from '../../src/adapters/types.js';
import { createTelegramAdapter, type TelegramAdapter, type TelegramAdapterOptions } from '../../src/adapters/telegram/create-telegram-adapter.js';
import { type Config, loadConfig, secretsOf } from '../../src/config.js';
import type { Core } from '../../src/core/core.js';
import type { Curator } from '../../src/curator/curator.js';
import { createLogger } from '../../src/logger.js';
import { type HttpServerLimits, type OpsServer, startOpsServer } from '../../src/ops/ops-server.js';
import { readinessOf } from '../../src/ops/readiness.js';
import { FakeBotApi, type ApiCall, type FakeBotApiOptions } from '../fakes/telegram-bot-api.js';
import { callbackQuery, channelChat, messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { realCore } from '../support/core.js';
import { testDeps } from '../support/deps.js';

export const CHANNEL = channelChat(-1001234567890, 'partnership_news');
export const MODERATOR = user(555_001, 'Mo', { username: 'mo_moderator' });
export const CHANNEL_ADMIN = user(555_002, 'Ada', { username: 'ada_admin' });
export const STRANGER = user(555_003, 'Sam');

export interface TelegramTest {
  fake: FakeBotApi;
  adapter: TelegramAdapter;
  config: Config;
  /** The core the adapter answers from (the shared real core unless another was given). */
  core: Core;
  /** What the adapter was built from (ids, limiter, cards, …). */
  deps: AdapterDeps;
  /** The real curator the adapter uses (an in-memory database unless DB_PATH is given). */
  curator: Curator;
  /** The operations server (readiness of this adapter and the store; the webhook's routes), when OPS_PORT is set. */
  ops: OpsServer | undefined;
  /** Raw log lines, exactly as written (after redaction and scrubbing). */
  lines: string[];
  logs(): Array<Record<string, any>>;
  /** Resolves with the first log entry (past or future) that passes `test`. */
  waitForLog(test: (entry: Record<string, any>) => boolean): Promise<Record<string, any>>;
  /** A user's message arrives (update pushed); returns the message. */
  send(chat: Chat, from: User, text: string, extra?: Partial<Message>): Message;
  /** A user's message arrives; resolves with the bot's next sendMessage to that chat (within `timeoutMs`, default the fake's). */
  say(chat: Chat, from: User, text: string, extra?: Partial<Message>, timeoutMs?: number): Promise<ApiCall>;
  /** A user presses an inline button with `data` under `message`; returns the callback query's id. */
  press(from: User, message: Message, data: string): string;
  /** Resolves with the answerCallbackQuery of the callback query `id`. */
  answered(id: string): Promise<ApiCall>;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  fake?: FakeBotApiOptions;
  /** Set up the fake before the bot starts (e.g. fail its first getUpdates). */
  beforeStart?: (fake: FakeBotApi) => void;
  /** Tuning passed to createTelegramAdapter (npm start passes none). */
  adapterOptions?: TelegramAdapterOptions;
  /** The operations server's connection limits (npm start uses the defaults). */
  opsLimits?: Partial<HttpServerLimits>;
  /** Another core on the real data (e.g. one with other thresholds); default: the shared real core. */
  core?: Core;
  /** Changes to the deps boot would give (e.g. a card renderer that fails). */
  deps?: (deps: AdapterDeps) => AdapterDeps | Promise<AdapterDeps>;
}

/**
 * A fake Bot API and the Telegram adapter, started the way `npm start` starts it:
 * createTelegramAdapter(config, deps) from a validated config whose
 * TELEGRAM_API_ROOT is the fake, with the deps tests use (the real core,
 * curator, flood control, context and claims).
 */
export async function startTelegram(opts: StartOptions = {}): Promise<TelegramTest> {
  // Conversation tests talk in groups faster than Telegram's ~20 messages a minute: the limit (the fake's and the bot's
  // group budget) is off unless a test sets it (busy-group.test.ts does).
  const fake = await FakeBotApi.start({ groupMessagesPerMinute: 0, ...opts.fake });
  fake.addChat(CHANNEL);
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_CHANNEL_ID: `@${CHANNEL.username}`,
    TELEGRAM_MODERATOR_IDS: String(MODERATOR.id),
    LOG_LEVEL: 'debug',
    DB_PATH: ':memory:',
    WATCH_DATA: 'false',
    TELEGRAM_GROUP_MESSAGES_PER_MINUTE: String(opts.fake?.groupMessagesPerMinute || 100_000),
    ...opts.env,
  });
  const lines: string[] = [];
  const logWaiters: Array<{ test: (e: Record<string, any>) => boolean; resolve: (e: Record<string, any>) => void }> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        lines.push(line);
        const entry = JSON.parse(line) as Record<string, any>;
        for (const w of [...logWaiters]) if (w.test(entry)) logWaiters.splice(logWaiters.indexOf(w), 1) && w.resolve(entry);
      }
      done();
    },
  });
  const logger = createLogger({ level: 'debug', secrets: secretsOf(config), pretty: false, destination });
  const core = opts.core ?? (await realCore());
  const base = await testDeps({ core, logger, config, ratePerMinute: config.RATE_LIMIT_PER_MINUTE });
  const withOps = opts.deps ? await opts.deps(base) : base;
  let adapter: TelegramAdapter | undefined;
  const ops =
    config.OPS_PORT === undefined
      ? undefined
      : await startOpsServer({
          host: config.OPS_HOST,
          port: config.OPS_PORT,
          logger,
          readiness: async () =>
            readinessOf([
              { name: 'telegram', check: () => adapter?.readiness() ?? 'not made yet' },
              { name: 'store', check: () => base.curator.writable() },
            ]),
          metrics: async () => ({ contentType: 'text/plain', body: '' }),
          ...(opts.opsLimits ? { limits: opts.opsLimits } : {}),
        });
  const deps = ops ? { ...withOps, routes: ops } : withOps;
  adapter = createTelegramAdapter(config, deps, opts.adapterOptions);
  opts.beforeStart?.(fake);
  try {
    await adapter.start();
  } catch (err) {
    await adapter.stop().catch(() => undefined);
    base.close();
    await fake.close();
    throw err;
  }
  const logs = () => lines.map((l) => JSON.parse(l) as Record<string, any>);

  const send = (chat: Chat, from: User, text: string, extra?: Partial<Message>) => {
    const message = textMessage(chat, from, text, extra);
    fake.pushUpdate(messageUpdate(message));
    return message;
  };
  return {
    fake,
    adapter,
    config,
    core,
    deps,
    curator: base.curator,
    ops,
    lines,
    logs,
    waitForLog: (test) =>
      new Promise((resolve) => {
        const found = logs().find(test);
        if (found) resolve(found);
        else logWaiters.push({ test, resolve });
      }),
    send,
    say: (chat, from, text, extra, timeoutMs) => {
      const reply = fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id, ...(timeoutMs ? { timeoutMs } : {}) });
      send(chat, from, text, extra);
      return reply;
    },
    press: (from, message, data) => fake.pushUpdate(callbackQuery(from, message, data)).callback_query!.id,
    answered: (id) => fake.waitFor('answerCallbackQuery', { where: (p) => p.callback_query_id === id }),
    stop: async () => {
      await adapter.stop();
      await ops?.close();
      await base.close();
      await fake.close();
      // Every test doubles as a check that the bot token never reaches a log line.
      const leaked = lines.find((l) => l.includes(fake.token));
      if (leaked) throw new Error(`the bot token reached a log line: ${leaked.slice(0, 200)}`);
    },
  };
}

/** A private chat with a new user. */
export function privateUser(id: number, name?: string, extra?: Partial<User>): { user: User; chat: Chat.PrivateChat } {
  const u = user(id, name, extra);
  return { user: u, chat: privateChat(u) };
}

/** The message the bot sent in a call (to press its buttons or reply to it). */
export function sentMessage(call: ApiCall): Message {
  return call.result as Message;
}

/** The buttons of a call's inline keyboard, row after row. */
export function buttons(call: ApiCall | { params: Record<string, any> }): Array<{ text: string; data?: string; url?: string }> {
  const rows = (call.params.reply_markup?.inline_keyboard ?? []) as InlineKeyboardButton[][];
  return rows.flat().map((b) => ({
    text: b.text,
    ...('callback_data' in b && b.callback_data ? { data: b.callback_data } : {}),
    ...('url' in b && b.url ? { url: b.url } : {}),
  }));
}

/** The labels of a call's keyboard, row by row. */
export function rows(call: ApiCall | { params: Record<string, any> }): string[][] {
  return ((call.params.reply_markup?.inline_keyboard ?? []) as InlineKeyboardButton[][]).map((row) => row.map((b) => b.text));
}
