import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_APP_ID, FAKE_TOKEN, type FakeDiscord, startFakeDiscord } from '../fakes/discord-gateway.js';
import { FakeBotApi } from '../fakes/telegram-bot-api.js';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { type BotProcess, ROOT, spawnBot } from '../support/bot-process.js';

/**
 * Every entry point reads `.env` from its working directory. Each runs in an empty
 * temporary folder whose `.env` is the only place its settings are (DATA_DIR points
 * back at the repository's data: without the file, the entry would not even find its
 * data), with nothing in the environment but PATH, except where a variable is also
 * set in the environment to show that the environment wins.
 */
let cwd: string;
let bot: BotProcess | undefined;
const DATA = join(ROOT, 'data');

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'pb-env-file-'));
});
afterAll(() => rm(cwd, { recursive: true, force: true }));
afterEach(() => bot?.kill('SIGKILL'));

async function dotenv(vars: Record<string, string>): Promise<string> {
  const file = join(cwd, '.env');
  await writeFile(
    file,
    `# written by the test\n${Object.entries(vars)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n')}\n`,
  );
  return file;
}

/** Runs an entry to its end in `cwd`; resolves with its exit code and output. */
async function runToEnd(entry: string, args: string[] = [], env: Record<string, string> = {}) {
  bot = spawnBot(entry, { cwd, args, env });
  const [code] = await bot.exited;
  return { code, output: bot.output(), logs: bot.logs() };
}

const readFrom = (file: string) => (l: Record<string, any>) => l.msg?.startsWith('settings read from the environment and .env') && l.envFile === file;

describe('.env in the working directory', () => {
  it('ask: reads its settings from .env, says which file (never a value), and the environment wins over the file', async () => {
    const file = await dotenv({ DATA_DIR: DATA, LOG_LEVEL: 'silent' });
    const quiet = await runToEnd('src/entry/ask.ts', ['where was it signed']);
    expect(quiet.code).toBe(0);
    expect(quiet.output).toMatch(/Moscow/);
    expect(quiet.logs).toEqual([]); // LOG_LEVEL=silent from the file
    const loud = await runToEnd('src/entry/ask.ts', ['where was it signed'], { LOG_LEVEL: 'info' });
    expect(loud.code).toBe(0);
    expect(loud.logs.filter(readFrom(file))).toHaveLength(1);
    expect(loud.output).not.toContain(DATA); // the path is logged, not the values
  });

  it('data:check and card', async () => {
    await dotenv({ DATA_DIR: DATA });
    const check = await runToEnd('src/entry/data-check.ts');
    expect(check.code).toBe(0);
    expect(check.output).toMatch(/^data OK: \d+ topics/m);
    const out = join(cwd, 'gas.svg');
    const card = await runToEnd('src/entry/card.ts', ['gas', '--out', out]);
    expect(card.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('report and backup use the DB_PATH of .env', async () => {
    const dbPath = join(cwd, 'var/bot.db');
    await dotenv({ DATA_DIR: DATA, DB_PATH: dbPath, LOG_LEVEL: 'info' });
    const report = await runToEnd('src/entry/report.ts');
    expect(report.code).toBe(0);
    expect(existsSync(dbPath)).toBe(true);
    const copy = join(cwd, 'backup.db');
    const backup = await runToEnd('src/entry/backup.ts', [copy]);
    expect(backup.code, backup.output).toBe(0);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'unanswered'").get()).toEqual({ name: 'unanswered' });
    db.close();
  });

  describe('with a fake Discord', () => {
    let fake: FakeDiscord;
    beforeAll(async () => {
      fake = await startFakeDiscord();
    });
    afterAll(() => fake.close());

    it('deploy-commands', async () => {
      await dotenv({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: FAKE_APP_ID, DISCORD_API_BASE: fake.apiBase });
      const deploy = await runToEnd('src/entry/deploy-commands.ts');
      expect(deploy.code, deploy.output).toBe(0);
      expect(deploy.output).toMatch(/Registered \d+ commands globally/);
      expect(deploy.output).not.toContain(FAKE_TOKEN);
    });

    it('start:sharded (the manager and each shard process read .env)', async () => {
      await dotenv({
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_APPLICATION_ID: FAKE_APP_ID,
        DISCORD_API_BASE: fake.apiBase,
        DATA_DIR: DATA,
        DB_PATH: '',
        WATCH_DATA: 'false',
      });
      const before = fake.identifies.length;
      bot = spawnBot('src/entry/sharding.ts', { cwd, env: {} });
      await fake.waitForIdentify(before + 1, 60_000);
      bot.kill('SIGTERM');
      expect((await bot.exited)[0]).toBe(0);
    }, 90_000);
  });

  it('start: the Telegram token and API root come from .env', async () => {
    const fake = await FakeBotApi.start();
    try {
      await dotenv({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATA_DIR: DATA, DB_PATH: '', WATCH_DATA: 'false', LOG_LEVEL: 'info' });
      bot = spawnBot('src/entry/main.ts', { cwd, env: {} });
      await fake.waitForPoll();
      const alice = user(9301, 'Alice');
      const reply = fake.waitFor('sendMessage', { timeoutMs: 15_000 });
      fake.pushUpdate(messageUpdate(textMessage(privateChat(alice), alice, 'how much gas will russia send iran?')));
      expect((await reply).plain).toContain('55');
      expect(bot.output()).not.toContain(fake.token);
      bot.kill('SIGTERM');
      expect((await bot.exited)[0]).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('healthcheck asks the OPS_HOST:OPS_PORT of .env for /readyz', async () => {
    const server = createServer((req, res) => res.writeHead(req.url === '/readyz' ? 200 : 404).end('{"ready":true}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await dotenv({ OPS_PORT: String((server.address() as AddressInfo).port), OPS_HOST: '127.0.0.1' });
      const check = await runToEnd('src/entry/healthcheck.ts');
      expect(check.code, check.output).toBe(0);
      expect(check.output).toContain('200 {"ready":true}');
    } finally {
      server.close();
    }
  });

  it('a malformed value in .env stops the entry naming the variable and the file, never the value', async () => {
    const file = await dotenv({ TELEGRAM_BOT_TOKEN: 'not-a-token-secret-value' });
    const start = await runToEnd('src/entry/main.ts');
    expect(start.code).toBe(1);
    expect(start.output).toContain('TELEGRAM_BOT_TOKEN: must look like');
    expect(start.output).toContain(file);
    expect(start.output).not.toContain('not-a-token-secret-value');
  });
});
