import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type BotProcess, startBot } from '../../../bench/load/bot-process.js';
import { FAKE_APP_ID, FAKE_TOKEN, type FakeDiscord, startFakeDiscord } from '../../fakes/discord-gateway.js';
import { FakeBotApi } from '../../fakes/telegram-bot-api.js';
import { START_MS } from './spawn.js';

/**
 * Findings 7 and 8 of issue 16 in the running process: a Discord 401 left the
 * bot half-working and silent; DB_PATH under /proc hung start-up with no log
 * line. Now each ends the process with status 1 and says why.
 */
let discord: FakeDiscord | undefined;
let telegram: FakeBotApi | undefined;
let bot: BotProcess | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await bot?.stop(5000);
  bot = undefined;
  await discord?.close();
  discord = undefined;
  await telegram?.close();
  telegram = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const said = (b: BotProcess) =>
  b
    .lines()
    .map((l) => JSON.stringify(l))
    .join('\n');

describe('attack (process): fail loudly, not halfway', { timeout: 180_000 }, () => {
  it('a Discord 401 mid-run ends the process with status 1 and a fatal line naming DISCORD_TOKEN', async () => {
    discord = await startFakeDiscord();
    bot = await startBot({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: FAKE_APP_ID, DISCORD_API_BASE: discord.apiBase }, [FAKE_TOKEN], undefined, {
      keepLogs: true,
    });
    await bot.waitForLog((e) => e.msg === 'adapter started', START_MS, 'the Discord adapter started');
    discord.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 401, message: '401: Unauthorized' });
    discord.userMessage(`<@${discord.bot.id}> how much gas?`, { mentions: [discord.bot] });
    const { code } = await bot.exit;
    expect(code).toBe(1);
    expect(bot.lines().some((l) => l.level === 60 && /^DISCORD_TOKEN was rejected by Discord \(401/.test(String(l.msg)))).toBe(true);
    expect(bot.lines().some((l) => l.msg === 'adapter stopped for good; shutting down')).toBe(true);
    expect(bot.logs().leaks).toBe(0);
  });

  it('DB_PATH under /proc stops start-up at once with status 1 and a message naming DB_PATH', async () => {
    telegram = await FakeBotApi.start();
    bot = await startBot(
      { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot, DB_PATH: '/proc/self/partnership.db' },
      [telegram.token],
      undefined,
      { keepLogs: true },
    );
    const { code } = await bot.exit;
    expect(code).toBe(1);
    expect(said(bot)).toMatch(/Cannot start: DB_PATH: \/proc\/self\/partnership\.db is on a proc filesystem, which cannot hold a database/);
    expect(telegram.calls).toEqual([]);
  });

  it('a database that cannot be opened in time (held locked by another process) stops start-up after DB_OPEN_TIMEOUT_SECONDS with status 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attack-locked-'));
    dirs.push(dir);
    const path = join(dir, 'bot.db');
    const holder = new Database(path);
    holder.exec('CREATE TABLE held (x); BEGIN EXCLUSIVE; INSERT INTO held VALUES (1);');
    try {
      telegram = await FakeBotApi.start();
      bot = await startBot(
        { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot, DB_PATH: path, DB_OPEN_TIMEOUT_SECONDS: '1' },
        [telegram.token],
        undefined,
        { keepLogs: true },
      );
      const { code } = await bot.exit;
      expect(code).toBe(1);
      expect(said(bot)).toMatch(/DB_PATH: opening the database at .*bot\.db did not finish within 1 s/);
      expect(telegram.calls).toEqual([]);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });
});
