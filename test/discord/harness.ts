import { Writable } from 'node:stream';
import { createDiscordAdapter } from '../../src/adapters/discord/create-discord-adapter.js';
import type { Adapter } from '../../src/adapters/types.js';
import { type Config, loadConfig, secretsOf } from '../../src/config.js';
import { type Core, createCore } from '../../src/core/core.js';
import { loadKnowledgeBase } from '../../src/core/data/load.js';
import type { KnowledgeBase } from '../../src/core/data/schema.js';
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

/** A logger writing JSON lines into `lines` (with the real redaction and scrubbing). */
export function captureLogger(config: Config): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', secrets: secretsOf(config), pretty: false, destination }), lines };
}

export function testConfig(fake: FakeDiscord, env: Record<string, string> = {}): Config {
  return loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: FAKE_APP_ID, DISCORD_API_BASE: fake.apiBase, LOG_LEVEL: 'debug', ...env });
}

export interface Bot {
  fake: FakeDiscord;
  adapter: Adapter;
  lines: string[];
  config: Config;
  /** Parsed log lines. */
  logs(): Array<Record<string, any>>;
  stop(): Promise<void>;
}

/** A fake Discord and the Discord adapter as `npm start` creates it, with DISCORD_API_BASE pointing at the fake. */
export async function startBot(opts: { core?: Core; env?: Record<string, string>; fake?: FakeDiscordOptions } = {}): Promise<Bot> {
  const fake = await startFakeDiscord(opts.fake);
  const config = testConfig(fake, opts.env);
  const { logger, lines } = captureLogger(config);
  const adapter = createDiscordAdapter(config, opts.core ?? (await testCore()), logger);
  try {
    await adapter.start();
  } catch (err) {
    await fake.close();
    throw err;
  }
  return {
    fake,
    adapter,
    lines,
    config,
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, any>),
    async stop() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** Every secret the bot has seen: the bot token and each interaction token. */
export function secretsIn(bot: Bot): string[] {
  const found = [bot.config.DISCORD_TOKEN!, ...bot.fake.interactions.map((i) => i.token)].filter((s) => bot.lines.some((l) => l.includes(s)));
  return found;
}

export const OPTION = { string: 3, boolean: 5, channel: 7 } as const;
export const EPHEMERAL = 64;
