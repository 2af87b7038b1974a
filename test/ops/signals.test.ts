import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../fakes/telegram-bot-api.js';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { type BotProcess, spawnBot } from '../support/bot-process.js';

let bot: BotProcess | undefined;
let fake: FakeBotApi | undefined;
let dir: string | undefined;
afterEach(async () => {
  bot?.kill('SIGKILL');
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// Process tests that start the bot and build data in a worker: on the shared 2-core machine, beside the browser tests, they take 10–20 s.
describe('signals', { timeout: 60_000 }, () => {
  it('SIGTERM with a reply stuck in flight: the process gives up waiting at SHUTDOWN_TIMEOUT_SECONDS, says so, and exits 0', async () => {
    fake = await FakeBotApi.start();
    bot = spawnBot('src/entry/main.ts', {
      env: {
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        SHUTDOWN_TIMEOUT_SECONDS: '1',
        LOG_LEVEL: 'info',
        DB_PATH: '',
        WATCH_DATA: 'false',
      },
    });
    await fake.waitForPoll();
    // Telegram never answers the reply: the update's handler stays in flight, and the runner waits for it on stop.
    const stuck = fake.gate('sendMessage');
    const alice = user(9901, 'Alice');
    fake.pushUpdate(messageUpdate(textMessage(privateChat(alice), alice, 'how much gas will russia send iran?')));
    await stuck.arrived;
    bot.kill('SIGTERM');
    const [code] = await bot.exited;
    expect(code).toBe(0);
    expect(bot.logs().map((l) => l.msg)).toContain('adapters did not stop in time; exiting anyway');
    expect(bot.logs().find((l) => l.msg === 'adapters did not stop in time; exiting anyway')).toMatchObject({ deadlineMs: 1000 });
  });

  it('SIGHUP in console mode reloads the data (the chat answers from the edit) and the chat goes on', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-hup-console-'));
    await cp('data', join(dir, 'data'), { recursive: true });
    bot = spawnBot('src/entry/main.ts', { env: { DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'info', WATCH_DATA: 'false' }, stdin: 'pipe' });
    await bot.waitForLog((l) => l.msg === 'adapter started' && l.adapter === 'console');
    const gas = join(dir, 'data/topics/gas.yaml');
    await writeFile(gas, (await readFile(gas, 'utf8')).replace('of natural gas to Iran a year.', 'of natural gas to Iran a year (edited, then SIGHUP).'));
    bot.kill('SIGHUP');
    expect(await bot.waitForLog((l) => l.msg === 'data reloaded')).toMatchObject({ reason: 'SIGHUP', changed: true });
    bot.child.stdin!.end('how much gas will russia send iran?\n');
    expect((await bot.exited)[0]).toBe(0);
    expect(bot.output()).toContain('(edited, then SIGHUP)');
  });
});
