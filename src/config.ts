import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATA_LIMITS, type DataLimits } from './core/data/limits.js';
import { parseEnvFile } from './env-file.js';

/**
 * The whole configuration, parsed once from the environment at start-up.
 * Nothing else in the program reads process.env. Errors name the variable.
 */
const optional = (schema: z.ZodType<string>) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), schema.optional());

const telegramToken = z.string().regex(/^\d{3,}:[A-Za-z0-9_-]{30,}$/, 'must look like 123456:ABC… (the token BotFather gave you)');
const discordToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/, 'must be a bot token from the Developer Portal (three dot-separated parts)');
const snowflake = z.string().regex(/^\d{15,22}$/, 'must be a Discord id (digits)');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const intFrom = (min: number, max: number, fallback: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? fallback : Number(v)), z.number({ error: 'must be a number' }).int().min(min).max(max));

/** A comma-separated list of Discord ids; an error names the bad entry's position, never its value. */
const snowflakeList = (what: string) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? [
            ...new Set(
              v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            ),
          ]
        : [],
    z.array(z.string()).superRefine((ids, ctx) => {
      const bad = ids.findIndex((id) => !/^\d{15,22}$/.test(id));
      if (bad >= 0)
        ctx.addIssue({
          code: 'custom',
          message: `must be a comma-separated list of Discord ${what} ids (digits); entry ${bad + 1} of ${ids.length} is not one`,
        });
    }),
  );

export const ConfigSchema = z
  .object({
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().default('data'),

    DISCORD_TOKEN: optional(discordToken),
    DISCORD_APPLICATION_ID: optional(snowflake),
    DISCORD_GUILD_ID: optional(snowflake),
    DISCORD_API_BASE: optional(httpUrl),
    /** Shards this process runs: "auto" (Discord's recommended count, all in this process), or ids and ranges such as "0-9" or "0,2,4-5". */
    DISCORD_SHARDS: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() ? v.trim() : 'auto'),
      z.union([z.literal('auto'), z.string().regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, 'must be "auto" or shard ids and ranges such as 0-9 or 0,2,4-5')]),
    ),
    /** Total shards of the bot across every host; required when DISCORD_SHARDS lists shards. */
    DISCORD_SHARD_COUNT: z.preprocess(
      (v) => (v === undefined || v === '' ? undefined : Number(v)),
      z.number({ error: 'must be a number' }).int().min(1).max(100_000).optional(),
    ),
    /** The operators' servers: /reload and the whole inbox answer (and are registered) only there; empty: in no server. */
    DISCORD_MODERATOR_GUILD_IDS: snowflakeList('server'),
    /** Roles whose members are moderators (besides members with Manage Messages). */
    DISCORD_MODERATOR_ROLE_IDS: snowflakeList('role'),

    TELEGRAM_BOT_TOKEN: optional(telegramToken),
    TELEGRAM_API_ROOT: z.preprocess((v) => (v === '' ? undefined : v), httpUrl.default('https://api.telegram.org')),
    TELEGRAM_WEBHOOK_URL: optional(httpUrl),
    TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A-Z, a-z, 0-9, _ and -')),
    /** Most parallel connections Telegram opens to the webhook (setWebhook max_connections, 1–100). */
    TELEGRAM_WEBHOOK_MAX_CONNECTIONS: intFrom(1, 100, 100),
    /** Messages the bot sends to one group per minute (Telegram allows about 20); past it askers are answered privately. */
    TELEGRAM_GROUP_MESSAGES_PER_MINUTE: intFrom(6, 100_000, 20),
    /** Which settings file was read (see readEnvironment); listed so that it is a known variable. */
    ENV_FILE: z.string().optional(),
    /** Replaced by OPS_HOST and OPS_PORT (the webhook is served by the operations server): set, they are an error naming the new variable. */
    TELEGRAM_WEBHOOK_HOST: optional(z.string()),
    TELEGRAM_WEBHOOK_PORT: optional(z.string()),
    TELEGRAM_CHANNEL_ID: optional(z.string().regex(/^(-?\d+|@[A-Za-z0-9_]{5,32})$/, 'must be a numeric chat id or @channelname')),
    TELEGRAM_MODERATOR_IDS: z.preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
      z.array(z.string().regex(/^\d+$/, 'must be a comma-separated list of numeric Telegram user ids')),
    ),

    /**
     * PostgreSQL for everything the bot stores, shared by every process and host (postgres://user:password@host:port/db).
     * Unset: SQLite at DB_PATH. Contains a password: never logged, and errors never show it.
     */
    DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a postgres:// or postgresql:// URL')),
    /**
     * With DATABASE_URL: the folder where questions wait on disk while PostgreSQL is unreachable, so a process killed
     * meanwhile loses none (a later process of the same host writes them). One folder per host or container.
     */
    STORE_SPOOL_DIR: z.string().min(1, 'must name a folder').default('var/spool'),
    /** SQLite file for unanswered questions and feedback; created on first start. Empty string: recording off. */
    DB_PATH: z.string().default('var/partnership-bot.db'),
    /** Seconds opening (creating, migrating) the database may take before start-up fails with a clear error. */
    DB_OPEN_TIMEOUT_SECONDS: intFrom(1, 600, 15),
    /** Largest size of that database in MB; a flood of junk cannot fill the disk. */
    DB_MAX_MB: intFrom(1, 100_000, 256),
    /** Days unanswered questions and votes are kept. */
    RETENTION_DAYS: intFrom(1, 3650, 90),
    /** Largest data file read, in KB; larger files are reported and not read (checked before parsing). */
    DATA_MAX_FILE_KB: intFrom(1, 100_000, 512),
    /** Largest total of the data files read, in MB. */
    DATA_MAX_TOTAL_MB: intFrom(1, 10_000, 8),
    /** Heap of the thread that builds reloaded data, in MB; a build that needs more is rejected (never retried on the bot's thread). */
    DATA_BUILD_MEMORY_MB: intFrom(32, 16_384, 256),
    /** Seconds one reload may take before it is stopped and reported as timed out. */
    RELOAD_TIMEOUT_SECONDS: intFrom(1, 3600, 60),
    /** Reload data/ automatically when its files change. */
    WATCH_DATA: z
      .preprocess((v) => (v === undefined || v === '' ? 'true' : v), z.enum(['true', 'false'], { error: 'must be true or false' }))
      .transform((v) => v === 'true'),

    /** Per-user answers per minute before the bot asks to slow down. */
    RATE_LIMIT_PER_MINUTE: intFrom(1, 10_000, 20),
    /**
     * Key for hashing platform ids (users, chats, messages) before they are stored or logged. Unset: a random key kept
     * in a file beside DB_PATH (mode 0600); set it (the same in every process) when several hosts share one database.
     */
    ID_HASH_SECRET: optional(z.string().min(16, 'must be at least 16 characters')),
    /** Seconds a SIGTERM waits for in-flight work before the process exits anyway. */
    SHUTDOWN_TIMEOUT_SECONDS: intFrom(1, 600, 10),

    /** The operations HTTP server (/healthz, /readyz, /metrics, the Telegram webhook and the desk): off when unset; 0 picks a free port. */
    OPS_PORT: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : undefined),
      z.number({ error: 'must be a port number' }).int().min(0).max(65535).optional(),
    ),
    OPS_HOST: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), z.string().default('127.0.0.1')),
    /** The curator's desk at /desk on the operations server: off when unset; every request must carry this token. */
    DESK_TOKEN: optional(z.string().regex(/^[\x21-\x7e]{24,256}$/, 'must be 24–256 printable characters without spaces (e.g. openssl rand -base64 32)')),
  })
  .superRefine((c, ctx) => {
    if (c.DISCORD_TOKEN && !c.DISCORD_APPLICATION_ID) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_APPLICATION_ID'], message: 'is required when DISCORD_TOKEN is set' });
    }
    if (c.DISCORD_SHARDS !== 'auto') {
      const ids = shardIds(c.DISCORD_SHARDS);
      if (!c.DISCORD_SHARD_COUNT) ctx.addIssue({ code: 'custom', path: ['DISCORD_SHARD_COUNT'], message: 'is required when DISCORD_SHARDS lists shards' });
      else if (ids.some((id) => id >= c.DISCORD_SHARD_COUNT!))
        ctx.addIssue({ code: 'custom', path: ['DISCORD_SHARDS'], message: `lists a shard id not below DISCORD_SHARD_COUNT (${c.DISCORD_SHARD_COUNT})` });
      if (ids.length === 0) ctx.addIssue({ code: 'custom', path: ['DISCORD_SHARDS'], message: 'lists no shard (a range runs low to high)' });
    }
    if (c.DATABASE_URL && !c.ID_HASH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['ID_HASH_SECRET'],
        message: 'is required with DATABASE_URL: every process sharing the database must hash ids with the same key',
      });
    }
    if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'is required when TELEGRAM_WEBHOOK_URL is set' });
    }
    if (c.TELEGRAM_WEBHOOK_URL && c.TELEGRAM_BOT_TOKEN && c.OPS_PORT === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPS_PORT'],
        message: 'is required when TELEGRAM_WEBHOOK_URL is set (the webhook is served by the operations server)',
      });
    }
    for (const [old, now] of [
      ['TELEGRAM_WEBHOOK_HOST', 'OPS_HOST'],
      ['TELEGRAM_WEBHOOK_PORT', 'OPS_PORT'],
    ] as const) {
      if (c[old] !== undefined) ctx.addIssue({ code: 'custom', path: [old], message: `is replaced by ${now}: the webhook is served by the operations server` });
    }
    if (c.DESK_TOKEN && c.OPS_PORT === undefined) {
      ctx.addIssue({ code: 'custom', path: ['OPS_PORT'], message: 'is required when DESK_TOKEN is set (the desk is served by the operations server)' });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

/** The data size limits the configuration sets (for the loader). */
export function dataLimitsOf(config: Pick<Config, 'DATA_MAX_FILE_KB' | 'DATA_MAX_TOTAL_MB'>): DataLimits {
  return { ...DEFAULT_DATA_LIMITS, maxFileBytes: config.DATA_MAX_FILE_KB * 1024, maxTotalBytes: config.DATA_MAX_TOTAL_MB * 1024 * 1024 };
}

/** The shard ids a DISCORD_SHARDS list names ("0-3,8" → 0, 1, 2, 3, 8), in order, each once. */
export function shardIds(list: string): number[] {
  const ids = new Set<number>();
  for (const part of list.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    for (let id = from; id <= to! && ids.size <= 100_000; id += 1) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The environment a process runs with: its own variables over those of `.env` in the working directory, when that file exists. */
export interface Environment {
  env: Record<string, string | undefined>;
  /** The absolute path of the .env file read, if one was. */
  file: string | undefined;
}

/**
 * Reads `.env` from `cwd` (Node's own parser, `util.parseEnv`; the same format on 20.11) under the process's
 * environment: a variable set in the environment wins over the file. Nothing is
 * written into process.env, so child processes see what the parent was given.
 * ENV_FILE, from the environment only, names another file (relative to `cwd`), or
 * none when empty: the tests' child processes set it empty, so a developer's own
 * .env never leaks into them.
 */
export function readEnvironment(cwd: string = process.cwd(), env: Record<string, string | undefined> = process.env): Environment {
  if (env.ENV_FILE === '') return { env, file: undefined };
  const file = resolve(cwd, env.ENV_FILE ?? '.env');
  if (!existsSync(file)) {
    if (env.ENV_FILE !== undefined) throw new ConfigError([`ENV_FILE: names a file that does not exist (${file})`]);
    return { env, file: undefined };
  }
  const fromFile = parseEnvFile(readFileSync(file, 'utf8'));
  return { env: { ...fromFile, ...env }, file };
}

/** Parses the environment; throws ConfigError listing "VARIABLE: reason" for each problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
}

/** Every secret value in the configuration, for log scrubbing. */
export function secretsOf(config: Config): string[] {
  return [
    config.DISCORD_TOKEN,
    config.TELEGRAM_BOT_TOKEN,
    config.TELEGRAM_WEBHOOK_SECRET,
    config.ID_HASH_SECRET,
    config.DESK_TOKEN,
    config.DATABASE_URL,
    databasePassword(config),
  ].filter((s): s is string => !!s);
}

/** The password inside DATABASE_URL, if any (scrubbed from logs on its own too: a driver may print it apart from the URL). */
function databasePassword(config: Config): string | undefined {
  if (!config.DATABASE_URL) return undefined;
  try {
    return decodeURIComponent(new URL(config.DATABASE_URL).password) || undefined;
  } catch {
    return undefined;
  }
}
