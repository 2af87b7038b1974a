import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { createDiscordAdapter } from '../../src/adapters/discord/create-discord-adapter.js';
import type { Adapter } from '../../src/adapters/types.js';
import { type Config, loadConfig, secretsOf } from '../../src/config.js';
import { type Core, createCore } from '../../src/core/core.js';
import { loadKnowledgeBase } from '../../src/core/data/load.js';
import type { KnowledgeBase } from '../../src/core/data/schema.js';
import { createCurator, type Curator } from '../../src/curator/curator.js';
import type { Tuning } from '../../src/core/match/matcher.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { FAKE_APP_ID, FAKE_TOKEN, type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from '../fakes/discord-gateway.js';

let kb: Promise<KnowledgeBase> | undefined;
/** The project's data, loaded once per test file. */
export function knowledgeBase(): Promise<KnowledgeBase> {
  kb ??= loadKnowledgeBase('data');
  return kb;
}

let shared: Promise<Core> | undefined;
/** A core on the project's data; without tuning, one shared per test file. */
export async function testCore(tuning?: Tuning): Promise<Core> {
  if (tuning) return createCore(await knowledgeBase(), tuning);
  shared ??= knowledgeBase().then((kb) => createCore(kb));
  return shared;
}

/** A logger writing JSON lines into `lines` (with the real redaction and scrubbing); `written` emits 'line' for each. */
export function captureLogger(config: Config): { logger: Logger; lines: string[]; written: EventEmitter } {
  const lines: string[] = [];
  const written = new EventEmitter();
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

export interface Bot {
  fake: FakeDiscord;
  adapter: Adapter;
  /** The core the adapter answers from (its Discord view). */
  core: Core;
  /** The real curator the adapter uses, on a database in a temporary folder (unless DB_PATH is given). */
  curator: Curator;
  lines: string[];
  config: Config;
  /** Parsed log lines. */
  logs(): Array<Record<string, any>>;
  /** Resolves with the first log entry (past or future) that passes `test`. */
  waitForLog(test: (entry: Record<string, any>) => boolean): Promise<Record<string, any>>;
  stop(): Promise<void>;
}

/**
 * A fake Discord and the Discord adapter as `npm start` creates it, with DISCORD_API_BASE
 * pointing at the fake: the core's Discord view and a real curator (its database in a
 * fresh temporary folder, data files not watched).
 */
export async function startBot(opts: { core?: Core; env?: Record<string, string>; fake?: FakeDiscordOptions } = {}): Promise<Bot> {
  const fake = await startFakeDiscord(opts.fake);
  const dir = mkdtempSync(join(tmpdir(), 'discord-bot-'));
  const config = testConfig(fake, { DB_PATH: join(dir, 'bot.db'), WATCH_DATA: 'false', ...opts.env });
  const { logger, lines, written } = captureLogger(config);
  const core = opts.core ?? (await testCore());
  const curator = createCurator(config, core, logger);
  const adapter = createDiscordAdapter(config, core.forPlatform('discord'), logger, curator);
  const cleanUp = async () => {
    await fake.close();
    curator.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await adapter.start();
  } catch (err) {
    await cleanUp();
    throw err;
  }
  return {
    fake,
    adapter,
    core: core.forPlatform('discord'),
    curator,
    lines,
    config,
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, any>),
    async waitForLog(test) {
      const parse = (line: string) => JSON.parse(line) as Record<string, any>;
      const found = lines.map(parse).find(test);
      if (found) return found;
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), 5000);
      try {
        for await (const [line] of EventEmitter.on(written, 'line', { signal: ac.signal })) {
          const entry = parse(line as string);
          if (test(entry)) return entry;
        }
      } catch (err) {
        if (ac.signal.aborted) throw new Error('timed out after 5000 ms waiting for a log line');
        throw err;
      } finally {
        clearTimeout(timer);
      }
      throw new Error('log stream ended');
    },
    async stop() {
      await adapter.stop();
      await cleanUp();
    },
  };
}

/** Every secret the bot has seen: the bot token and each interaction token. */
export function secretsIn(bot: Bot): string[] {
  const found = [bot.config.DISCORD_TOKEN!, ...bot.fake.interactions.map((i) => i.token)].filter((s) => bot.lines.some((l) => l.includes(s)));
  return found;
}

export const OPTION = { string: 3, boolean: 5, channel: 7 } as const;
/** Data of Discord's responses: a reply's buttons, flattened over its rows. */
export const buttonsOf = (data: any): any[] => (data?.components ?? []).flatMap((row: any) => row.components);
export const EPHEMERAL = 64;
