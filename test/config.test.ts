import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readEnvironment, secretsOf, shardIds } from '../src/config.js';

const TG = '123456789:AAH-abcdefghijklmnopqrstuvwxyz012345';
const DC = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('config', () => {
  it('has working defaults with no variables (console chat)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ LOG_LEVEL: 'info', DATA_DIR: 'data', TELEGRAM_API_ROOT: 'https://api.telegram.org', TELEGRAM_MODERATOR_IDS: [] });
    expect(c.DISCORD_TOKEN).toBeUndefined();
    expect(c.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it('treats empty values as unset, as in a copied .env.example', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', TELEGRAM_BOT_TOKEN: '  ', DISCORD_API_BASE: '' }).DISCORD_TOKEN).toBeUndefined();
  });

  it('names the variable of a malformed token without echoing the value', () => {
    const p = problems({ TELEGRAM_BOT_TOKEN: 'not-a-token-value-secret' });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^TELEGRAM_BOT_TOKEN: /);
    expect(p.join()).not.toContain('not-a-token-value-secret');
    expect(problems({ DISCORD_TOKEN: 'abc', DISCORD_APPLICATION_ID: '123456789012345678' })[0]).toMatch(/^DISCORD_TOKEN: /);
  });

  it('requires the application id with a Discord token and a secret with a webhook', () => {
    expect(problems({ DISCORD_TOKEN: DC })).toEqual([expect.stringMatching(/^DISCORD_APPLICATION_ID: is required/)]);
    expect(problems({ TELEGRAM_BOT_TOKEN: TG, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg', OPS_PORT: '8080' })).toEqual([
      expect.stringMatching(/^TELEGRAM_WEBHOOK_SECRET: is required/),
    ]);
  });

  it('parses lists, numbers and URLs, and rejects bad ones by name', () => {
    const c = loadConfig({ TELEGRAM_MODERATOR_IDS: '12, 34', OPS_PORT: '0', DISCORD_API_BASE: 'http://127.0.0.1:8080/api' });
    expect(c.TELEGRAM_MODERATOR_IDS).toEqual(['12', '34']);
    expect(c.OPS_PORT).toBe(0);
    expect(problems({ TELEGRAM_MODERATOR_IDS: '12,abc' })[0]).toMatch(/^TELEGRAM_MODERATOR_IDS/);
    expect(problems({ OPS_PORT: 'eighty' })[0]).toMatch(/^OPS_PORT: /);
    expect(problems({ OPS_PORT: '70000' })[0]).toMatch(/^OPS_PORT: /);
    expect(problems({ DISCORD_API_BASE: 'ftp://x' })[0]).toMatch(/^DISCORD_API_BASE/);
    expect(problems({ LOG_LEVEL: 'loud' })[0]).toMatch(/^LOG_LEVEL/);
  });

  it('parses DISCORD_MODERATOR_GUILD_IDS as a list of server ids, and names it (not its value) when an entry is not one', () => {
    expect(loadConfig({}).DISCORD_MODERATOR_GUILD_IDS).toEqual([]);
    expect(loadConfig({ DISCORD_MODERATOR_GUILD_IDS: '' }).DISCORD_MODERATOR_GUILD_IDS).toEqual([]);
    expect(loadConfig({ DISCORD_MODERATOR_GUILD_IDS: ' 200000000000000001 ,200000000000000002,, 200000000000000001' }).DISCORD_MODERATOR_GUILD_IDS).toEqual([
      '200000000000000001',
      '200000000000000002',
    ]);
    for (const value of ['200000000000000001,my-server', '12345', '200000000000000001;200000000000000002']) {
      const p = problems({ DISCORD_MODERATOR_GUILD_IDS: value });
      expect(p, value).toHaveLength(1);
      expect(p[0]).toMatch(/^DISCORD_MODERATOR_GUILD_IDS: must be a comma-separated list of Discord server ids/);
      expect(p[0]).not.toContain(value.split(/[,;]/).at(-1)!);
    }
    expect(problems({ DISCORD_MODERATOR_GUILD_IDS: '200000000000000001,my-server' })[0]).toContain('entry 2 of 2');
  });

  it('lists the secrets for log scrubbing', () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: TG, DISCORD_TOKEN: DC, DISCORD_APPLICATION_ID: '123456789012345678' });
    expect(secretsOf(c).sort()).toEqual([DC, TG].sort());
  });

  it('takes DATABASE_URL as a secret: named, never shown, scrubbed with its password; it needs ID_HASH_SECRET', () => {
    const url = 'postgres://bot:s3cret-pass%21@db.internal:5432/partnership';
    const p = problems({ DATABASE_URL: url });
    expect(p).toEqual([expect.stringMatching(/^ID_HASH_SECRET: is required with DATABASE_URL/)]);
    expect(p.join()).not.toContain('s3cret');
    const bad = problems({ DATABASE_URL: 'mysql://bot:s3cret-pass@db/x', ID_HASH_SECRET: 'x'.repeat(20) });
    expect(bad).toEqual([expect.stringMatching(/^DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL$/)]);
    const c = loadConfig({ DATABASE_URL: url, ID_HASH_SECRET: 'y'.repeat(20) });
    expect(secretsOf(c)).toEqual(expect.arrayContaining([url, 's3cret-pass!']));
  });

  it('keeps questions that wait for PostgreSQL in var/spool unless STORE_SPOOL_DIR names another folder', () => {
    expect(loadConfig({}).STORE_SPOOL_DIR).toBe('var/spool');
    expect(loadConfig({ STORE_SPOOL_DIR: '/srv/bot/spool' }).STORE_SPOOL_DIR).toBe('/srv/bot/spool');
    expect(problems({ STORE_SPOOL_DIR: '' })).toEqual([expect.stringMatching(/^STORE_SPOOL_DIR: must name a folder/)]);
  });

  it('reads DISCORD_SHARDS as ids and ranges of DISCORD_SHARD_COUNT, by name when wrong', () => {
    expect(loadConfig({}).DISCORD_SHARDS).toBe('auto');
    expect(shardIds('0-3,8,2')).toEqual([0, 1, 2, 3, 8]);
    expect(loadConfig({ DISCORD_SHARDS: '10-19', DISCORD_SHARD_COUNT: '40' })).toMatchObject({ DISCORD_SHARDS: '10-19', DISCORD_SHARD_COUNT: 40 });
    expect(problems({ DISCORD_SHARDS: '0-9' })).toEqual([expect.stringMatching(/^DISCORD_SHARD_COUNT: is required/)]);
    expect(problems({ DISCORD_SHARDS: '0-9', DISCORD_SHARD_COUNT: '8' })).toEqual([
      expect.stringMatching(/^DISCORD_SHARDS: lists a shard id not below DISCORD_SHARD_COUNT \(8\)/),
    ]);
    expect(problems({ DISCORD_SHARDS: 'first ten', DISCORD_SHARD_COUNT: '8' })[0]).toMatch(/^DISCORD_SHARDS: must be "auto" or shard ids/);
    expect(problems({ DISCORD_SHARDS: '5-2', DISCORD_SHARD_COUNT: '8' })).toEqual([expect.stringMatching(/^DISCORD_SHARDS: lists no shard/)]);
  });

  it('defaults Telegram webhook connections to 100 and the group budget to 20 a minute, within their bounds', () => {
    expect(loadConfig({})).toMatchObject({ TELEGRAM_WEBHOOK_MAX_CONNECTIONS: 100, TELEGRAM_GROUP_MESSAGES_PER_MINUTE: 20 });
    expect(problems({ TELEGRAM_WEBHOOK_MAX_CONNECTIONS: '101' })[0]).toMatch(/^TELEGRAM_WEBHOOK_MAX_CONNECTIONS/);
    expect(problems({ TELEGRAM_GROUP_MESSAGES_PER_MINUTE: '3' })[0]).toMatch(/^TELEGRAM_GROUP_MESSAGES_PER_MINUTE/);
  });
});

describe('the operations server settings', () => {
  it('is off unless OPS_PORT is set, and listens on loopback unless OPS_HOST says otherwise', () => {
    expect(loadConfig({}).OPS_PORT).toBeUndefined();
    expect(loadConfig({ OPS_PORT: '' }).OPS_PORT).toBeUndefined();
    expect(loadConfig({}).OPS_HOST).toBe('127.0.0.1');
    expect(loadConfig({ OPS_PORT: '9464', OPS_HOST: '0.0.0.0' })).toMatchObject({ OPS_PORT: 9464, OPS_HOST: '0.0.0.0' });
  });

  it('needs OPS_PORT for a Telegram webhook (the operations server receives it) and names the replaced webhook variables', () => {
    expect(problems({ TELEGRAM_BOT_TOKEN: TG, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg', TELEGRAM_WEBHOOK_SECRET: 'long-enough-secret' })).toEqual([
      expect.stringMatching(/^OPS_PORT: is required when TELEGRAM_WEBHOOK_URL is set/),
    ]);
    expect(problems({ TELEGRAM_WEBHOOK_PORT: '8443', TELEGRAM_WEBHOOK_HOST: '10.0.0.1' })).toEqual([
      'TELEGRAM_WEBHOOK_HOST: is replaced by OPS_HOST: the webhook is served by the operations server',
      'TELEGRAM_WEBHOOK_PORT: is replaced by OPS_PORT: the webhook is served by the operations server',
    ]);
  });

  it('serves the desk only with DESK_TOKEN and OPS_PORT; a short or spaced token is named, never echoed, and scrubbed from logs', () => {
    const token = 'a-desk-token-of-24-chars-or-more';
    expect(loadConfig({}).DESK_TOKEN).toBeUndefined();
    expect(loadConfig({ DESK_TOKEN: token, OPS_PORT: '0' }).DESK_TOKEN).toBe(token);
    expect(problems({ DESK_TOKEN: token })).toEqual([expect.stringMatching(/^OPS_PORT: is required when DESK_TOKEN is set/)]);
    for (const bad of ['short-token', 'a desk token with spaces in it']) {
      const p = problems({ DESK_TOKEN: bad, OPS_PORT: '0' });
      expect(p).toEqual([expect.stringMatching(/^DESK_TOKEN: must be 24–256 printable characters/)]);
      expect(p[0]).not.toContain(bad);
    }
    expect(secretsOf(loadConfig({ DESK_TOKEN: token, OPS_PORT: '0' }))).toEqual([token]);
  });
});

describe('readEnvironment: .env in the working directory', () => {
  it('reads .env under the environment (a variable set in both keeps the environment’s value) and says which file it read', async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'pb-env-'));
    try {
      expect(readEnvironment(dir, { LOG_LEVEL: 'warn' })).toEqual({ env: { LOG_LEVEL: 'warn' }, file: undefined });
      await writeFile(join(dir, '.env'), '# comment\nLOG_LEVEL=debug\nRATE_LIMIT_PER_MINUTE=7\nOPS_HOST="0.0.0.0"\n');
      const read = readEnvironment(dir, { LOG_LEVEL: 'warn' });
      expect(read.file).toBe(join(dir, '.env'));
      expect(read.env).toMatchObject({ LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '7', OPS_HOST: '0.0.0.0' });
      expect(loadConfig(read.env)).toMatchObject({ LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: 7, OPS_HOST: '0.0.0.0' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('ENV_FILE', () => {
  it('names another settings file, or none when empty (how tests keep a developer’s .env out of their child processes)', async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'pb-env-file-'));
    try {
      await writeFile(join(dir, '.env'), 'LOG_LEVEL=debug\n');
      await writeFile(join(dir, 'bot.env'), 'LOG_LEVEL=warn\n');
      expect(readEnvironment(dir, { ENV_FILE: '' })).toEqual({ env: { ENV_FILE: '' }, file: undefined });
      expect(readEnvironment(dir, { ENV_FILE: 'bot.env' })).toMatchObject({ env: { LOG_LEVEL: 'warn' }, file: join(dir, 'bot.env') });
      expect(() => readEnvironment(dir, { ENV_FILE: 'missing.env' })).toThrow(/ENV_FILE: names a file that does not exist/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
