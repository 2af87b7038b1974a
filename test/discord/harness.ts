import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { createDiscordAdapter } from '../../src/adapters/discord/create-discord-adapter.js';
import type { Adapter, AdapterDeps } from '../../src/adapters/types.js';
import { type Config, loadConfig, secretsOf } from '../../src/config.js';
import type { Core } from '../../src/core/core.js';
import { createCurator } from '../../src/curator/curator.js';
import { buildInProcess } from '../../src/curator/reload.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { testDeps } from '../support/deps.js';
import {
  FAKE_APP_ID,
  FAKE_TOKEN,
  type FakeDiscord,
  type FakeDiscordOptions,
  type FakeUser,
  type RecordedCall,
  type SentInteraction,
  startFakeDiscord,
} from '../fakes/discord-gateway.js';

/** A logger writing JSON lines into `lines` (with the real redaction and scrubbing); `written` emits 'line' for each. */
export function captureLogger(config: Config): { logger: Logger; lines: string[]; written: EventEmitter } {
  const lines: string[] = [];
  const written = new EventEmitter();
  written.setMaxListeners(0);
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        lines.push(line);
        written.emit('line', line);
      }
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', secrets: secretsOf(config), pretty: false, destination }), lines, written };
}

export function testConfig(fake: FakeDiscord, env: Record<string, string> = {}): Config {
  return loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: FAKE_APP_ID, DISCORD_API_BASE: fake.apiBase, LOG_LEVEL: 'debug', ...env });
}

export interface BotOptions {
  core?: Core;
  /** Environment for the adapter's configuration (DISCORD_MODERATOR_GUILD_IDS…); DATA_DIR also gives the curator that data folder. */
  env?: Record<string, string>;
  fake?: FakeDiscordOptions;
  /** Flood budget per user per minute (default: plenty). */
  ratePerMinute?: number;
  /** A core that answers nothing outright: every question gets did-you-mean. */
  unsure?: boolean;
  /** Replaces parts of the adapter's deps (e.g. a failing curator). */
  deps?: (deps: AdapterDeps) => AdapterDeps;
}

export interface Bot {
  fake: FakeDiscord;
  adapter: Adapter;
  deps: AdapterDeps;
  config: Config;
  lines: string[];
  /** Emits 'line' for each log line written. */
  written: EventEmitter;
  /** Parsed log lines. */
  logs(): Array<Record<string, any>>;
  /** Resolves with the first log entry (past or future) that passes `test`. */
  waitForLog(test: (entry: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  /** The hashed id the core and its logs know a Discord user by. */
  userKey(user?: FakeUser): string;
  stop(): Promise<void>;
}

/**
 * A fake Discord and the Discord adapter as boot creates it, with
 * DISCORD_API_BASE pointing at the fake: the test deps (real core, curator on
 * an in-memory database, flood control, claims) and a capturing logger.
 */
export async function startBot(opts: BotOptions = {}): Promise<Bot> {
  const fake = await startFakeDiscord(opts.fake);
  const config = testConfig(fake, { WATCH_DATA: 'false', ...opts.env });
  const { logger, lines, written } = captureLogger(config);
  const base = await testDeps({ ratePerMinute: opts.ratePerMinute ?? 10_000, unsure: opts.unsure, logger, ...(opts.core ? { core: opts.core } : {}) });
  let closeCurator = base.close;
  if (opts.env?.DATA_DIR) {
    await base.close();
    const curator = await createCurator(loadConfig({ DB_PATH: ':memory:', WATCH_DATA: 'false', DATA_DIR: opts.env.DATA_DIR }), base.core, logger, {
      build: buildInProcess,
    });
    base.curator = curator;
    closeCurator = () => curator.close();
  }
  const deps = opts.deps ? opts.deps(base) : base;
  const adapter = createDiscordAdapter(config, deps);
  const cleanUp = async () => {
    await fake.close();
    await closeCurator();
  };
  try {
    await adapter.start();
  } catch (err) {
    await cleanUp();
    throw err;
  }
  const parse = (line: string) => JSON.parse(line) as Record<string, any>;
  return {
    fake,
    adapter,
    deps,
    config,
    lines,
    written,
    logs: () => lines.map(parse),
    userKey: (user = fake.user) => deps.ids.hash('dc-user', user.id),
    waitForLog(test, timeoutMs = 10_000) {
      const found = lines.map(parse).find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          written.off('line', listener);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for a log line`));
        }, timeoutMs);
        const listener = (line: string) => {
          const entry = parse(line);
          if (!test(entry)) return;
          clearTimeout(timer);
          written.off('line', listener);
          resolve(entry);
        };
        written.on('line', listener);
      });
    },
    async stop() {
      await adapter.stop();
      await cleanUp();
    },
  };
}

/** Every secret the bot has seen that reached its log: the bot token and each interaction token. */
export function secretsIn(bot: Bot): string[] {
  return [bot.config.DISCORD_TOKEN!, ...bot.fake.interactions.map((i) => i.token)].filter((s) => bot.lines.some((l) => l.includes(s)));
}

export const OPTION = { string: 3, boolean: 5, channel: 7 } as const;
export const EPHEMERAL = 64;
/** Components of a message payload, flattened over its rows. */
export const componentsOf = (data: any): any[] => (data?.components ?? []).flatMap((row: any) => row.components);
/** Buttons of a message payload. */
export const buttonsOf = (data: any): any[] => componentsOf(data).filter((c) => c.type === 2);
/** A POST that answers message `id` (a reply with its message_reference), once Discord accepted it. */
export const replyTo = (id: string) => (c: RecordedCall) => c.method === 'POST' && c.status === 200 && c.body?.message_reference?.message_id === id;

/** The first answer to an interaction (see FakeDiscord.waitForResponse), and whether only its user sees it (the flag is on the deferral when deferred). */
export async function answerOf(fake: FakeDiscord, sent: SentInteraction, timeoutMs?: number): Promise<{ type: number; data: any; ephemeral: boolean }> {
  const { type, data } = await fake.waitForResponse(sent, timeoutMs);
  const callback = fake.calls.find((c) => c.path === `/interactions/${sent.id}/${sent.token}/callback` && c.status < 300)!;
  const flags = type === 5 ? (callback.body.data?.flags ?? 0) : (data.flags ?? 0);
  return { type, data, ephemeral: (flags & EPHEMERAL) === EPHEMERAL };
}
